// Root modules are independent units of evaluation (issue 11): a root module, the local modules
// it calls (transitively), the modules downloaded into its .terraform/ and every file in those
// directories (tfvars, templates). Each unit is evaluated on its own (in a worker when --jobs > 1),
// so evaluation memory is bounded by the largest unit and the units can run in parallel.
import type { ModuleLayout } from '../graph/load.js';
import { dirOf } from '../graph/load.js';

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
export function planUnits(files: ReadonlyMap<string, string>, tree: ModuleLayout, roots: readonly string[], shared: readonly string[] = []): ScanUnit[] {
  const byDir = new Map<string, string[]>();
  for (const path of files.keys()) {
    const dir = dirOf(path);
    const list = byDir.get(dir);
    if (list) list.push(path);
    else byDir.set(dir, [path]);
  }
  const calls = (dir: string): readonly string[] => tree.calls.get(dir) ?? [];
  const covered = new Set<string>();
  const units: ScanUnit[] = [];
  for (const root of roots) {
    const dirs = new Set<string>([root]);
    const dotTerraform = root === '' ? '.terraform/' : `${root}/.terraform/`;
    for (const dir of byDir.keys()) if (dir === dotTerraform.slice(0, -1) || dir.startsWith(dotTerraform)) dirs.add(dir);
    for (const entry of tree.remote.get(root)?.values() ?? []) dirs.add(entry.dir);
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
    for (const p of paths) covered.add(p);
    units.push({ root, paths: [...paths].sort() });
  }
  const leftover = tree.parsed.filter((p) => !covered.has(p));
  if (leftover.length > 0) units.push({ root: undefined, paths: leftover.sort() });
  return units;
}
