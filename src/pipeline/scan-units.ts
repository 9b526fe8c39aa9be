// Root modules are independent units of evaluation (issue 11): a root module, the local modules
// it calls (transitively), the modules downloaded into its .terraform/ and every file in those
// directories (tfvars, templates). Each unit is evaluated on its own (in a worker when --jobs > 1),
// so evaluation memory is bounded by the largest unit and the units can run in parallel.
import type { ModuleLayout } from '../graph/load.js';
import { pushTo } from '../util/multi-map.js';
import { dirOf } from '../graph/load.js';
import { isTerragruntConfig } from '../graph/terragrunt.js';

/** A Terragrunt unit as planning needs it: its configuration and the module directory it runs. */
export interface TerragruntPlan {
  readonly config: string;
  readonly moduleDir: string;
}

export interface ScanUnit {
  /** The root module this unit evaluates; undefined for the files no root module reaches (parsed for diagnostics only). */
  readonly root: string | undefined;
  /** Relative paths of the files the unit needs, sorted. */
  readonly paths: readonly string[];
}

/**
 * Splits `files` into one unit per root module (in `roots` order) plus, when some Terraform files
 * belong to no root (module cycles), a last unit of those. Files outside every module directory
 * (stray tfvars, YAML) are in no unit. `shared` paths (explicit var files) go into every unit.
 */
export function planUnits(
  files: ReadonlyMap<string, string>,
  tree: ModuleLayout,
  roots: readonly string[],
  shared: readonly string[] = [],
  terragrunt: ReadonlyMap<string, TerragruntPlan> = new Map(),
  /** Terraform Stacks directories → the module directories their components run (graph/stacks.ts). */
  stacks: ReadonlyMap<string, readonly string[]> = new Map(),
): ScanUnit[] {
  const byDir = new Map<string, string[]>();
  for (const path of files.keys()) pushTo(byDir, dirOf(path), path);
  const calls = (dir: string): readonly string[] => tree.calls.get(dir) ?? [];
  const downloaded = downloadedDirs(byDir.keys());
  const covered = new Set<string>();
  const units: ScanUnit[] = [];
  for (const root of roots) {
    // A Terragrunt unit: its own directory (terragrunt.hcl, the lock file) and the module it runs.
    const unit = terragrunt.get(root);
    const moduleDir = unit?.moduleDir ?? root;
    const dirs = new Set<string>([root, moduleDir, ...(downloaded.get(moduleDir) ?? []), ...(stacks.get(root) ?? [])]);
    for (const entry of tree.remote.get(moduleDir)?.values() ?? []) dirs.add(entry.dir);
    const queue = [...dirs];
    while (queue.length > 0) {
      for (const target of calls(queue.pop()!)) {
        if (dirs.has(target)) continue;
        dirs.add(target);
        queue.push(target);
      }
    }
    const paths = new Set(shared);
    for (const dir of dirs) for (const p of byDir.get(dir) ?? []) paths.add(p);
    // Each unit evaluates the Terragrunt configuration of its own directory only.
    for (const p of paths) if (isTerragruntConfig(p) && (unit === undefined || p !== unit.config)) paths.delete(p);
    for (const p of paths) covered.add(p);
    units.push({ root, paths: [...paths].sort() });
  }
  const leftover = tree.parsed.filter((p) => !covered.has(p));
  if (leftover.length > 0) units.push({ root: undefined, paths: leftover.sort() });
  return units;
}

/**
 * The directories under each module's `.terraform/` (what `terraform init` downloaded), by the
 * module directory before the first `.terraform` segment: one pass over the directories, where
 * asking every directory for every root module made planning quadratic in a monorepo (1.4 s of
 * 7.3 at 13 000 root modules). A root module is never inside a `.terraform` directory (rootsOf).
 */
function downloadedDirs(dirs: Iterable<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const dir of dirs) {
    const segment = DOT_TERRAFORM.exec(dir);
    if (!segment) continue;
    pushTo(out, dir.slice(0, segment.index), dir);
  }
  return out;
}

/** The first `.terraform` path segment (its leading slash included, so what precedes it is the module dir). */
const DOT_TERRAFORM = /(?:^|\/)\.terraform(?:\/|$)/;
