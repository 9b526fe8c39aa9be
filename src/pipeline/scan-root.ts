// Resolves the PATH arguments to one scan root: the nearest directory containing them all (or their
// repository's top, for Terraform files named inside one).
// Finding paths are relative to it (STYLE.md §2); reports prefix them to be clickable from cwd.
import path from 'node:path';
import { diagnostic } from '../source/diagnostic.js';
import { err, ok, type Result } from '../source/result.js';
import type { ScanFileSystem } from './scan-context.js';

export interface ScanRoot {
  /** Absolute, symlink-free. */
  readonly root: string;
  /** The root relative to the working directory, forward slashes; '' when they are the same. */
  readonly displayRoot: string;
  /** Absolute, symlink-free targets, in argument order. */
  readonly targets: readonly string[];
  /**
   * Where the config file is looked for (upward): the targets' nearest common directory, which is
   * the root unless named Terraform files widened it to their repository (a stack's own
   * .safeguard.yaml applies to its files however they are named).
   */
  readonly configFrom?: string;
}

export function resolveScanRoot(fs: ScanFileSystem, cwd: string, paths: readonly string[]): Result<ScanRoot> {
  const targets: string[] = [];
  const roots: string[] = [];
  for (const given of paths.length > 0 ? paths : ['.']) {
    const absolute = path.resolve(cwd, given);
    const real = fs.realPath(absolute);
    const stat = real === undefined ? undefined : fs.stat(real);
    if (real === undefined || stat === undefined) {
      return err(
        diagnostic('scan/missing-path', 'error', `Path ${given} does not exist.`, {
          // Every command that takes a PATH (scan, fix, controls, evidence, waivers) resolves it here: the hint names none of them.
          hint: 'Check the spelling; paths are relative to the working directory (`.` is the working directory itself).',
        }),
      );
    }
    if (stat.kind !== 'directory' && stat.kind !== 'file') {
      return err(diagnostic('scan/not-a-file', 'error', `Path ${given} is neither a file nor a directory.`, { hint: 'Pass a directory or a Terraform file.' }));
    }
    targets.push(real);
    roots.push(stat.kind === 'directory' ? real : path.dirname(real));
  }
  const realCwd = fs.realPath(cwd) ?? cwd;
  const common = roots.reduce(commonAncestor);
  // Terraform files named inside a repository (a pre-commit hook passes the staged files) are judged
  // as part of the repository's configuration: the modules they call and the root modules that call
  // them are read too (discovery's context), from wherever the command runs. Out of a repository
  // the root stays their own directory: a home directory is no configuration to walk.
  const top = targets.some((t, i) => roots[i] !== t && TERRAFORM_FILE.test(t)) ? repositoryTop(fs, common) : undefined;
  const root = top ?? common;
  const displayRoot = path.relative(realCwd, root).split(path.sep).join('/');
  return ok({ root, displayRoot, targets, configFrom: common });
}

const TERRAFORM_FILE = /\.(tf|tf\.json|tfvars|tfvars\.json)$/i;

/** The top of the git work tree holding `dir` (the nearest directory with .git), if any. */
function repositoryTop(fs: ScanFileSystem, dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.stat(path.join(d, '.git')) !== undefined) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

function commonAncestor(a: string, b: string): string {
  let candidate = a;
  while (!(b === candidate || b.startsWith(candidate.endsWith(path.sep) ? candidate : candidate + path.sep))) {
    const parent = path.dirname(candidate);
    if (parent === candidate) break;
    candidate = parent;
  }
  return candidate;
}
