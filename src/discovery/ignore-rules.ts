// .gitignore (nested, and those above the scan root up to the repository root) and
// .safeguardignore, evaluated like git: each file's patterns apply to paths below its directory.
import ignore, { type Ignore } from 'ignore';

export const IGNORE_FILES = ['.gitignore', '.safeguardignore'] as const;
export type IgnoreFileName = (typeof IGNORE_FILES)[number];

interface Layer {
  /** Directory of the ignore file, relative to the scan root ('' for the root or above it). */
  readonly dir: string;
  /** For an ignore file above the scan root: the root's path seen from that file's directory. */
  readonly rootPrefix: string;
  /** How reports name the ignore file. */
  readonly label: string;
  readonly source: IgnoreFileName;
  readonly matcher: Ignore;
}

export interface IgnoreVerdict {
  readonly ignored: boolean;
  /** The ignore file that decided, e.g. `sub/.gitignore`. */
  readonly by?: string;
}

/** An immutable stack of ignore layers; `with` returns a new stack for a subdirectory. */
export class IgnoreStack {
  private constructor(private readonly layers: readonly Layer[]) {}

  static empty(): IgnoreStack {
    return new IgnoreStack([]);
  }

  with(dir: string, source: IgnoreFileName, contents: string): IgnoreStack {
    const label = dir === '' ? source : `${dir}/${source}`;
    return new IgnoreStack([...this.layers, { dir, source, rootPrefix: '', label, matcher: ignore().add(contents) }]);
  }

  /** An ignore file in an ancestor of the scan root; `rootPrefix` is the root seen from there. */
  withAncestor(rootPrefix: string, label: string, source: IgnoreFileName, contents: string): IgnoreStack {
    return new IgnoreStack([...this.layers, { dir: '', source, rootPrefix, label, matcher: ignore().add(contents) }]);
  }

  /** `relPath` is relative to the scan root; directories are tested with `isDirectory`. */
  test(relPath: string, isDirectory: boolean): IgnoreVerdict {
    let verdict: IgnoreVerdict = { ignored: false };
    for (const layer of this.layers) {
      const below = localPath(layer.dir, relPath);
      if (below === undefined || below === '') continue;
      const local = layer.rootPrefix === '' ? below : `${layer.rootPrefix}/${below}`;
      const result = layer.matcher.test(isDirectory ? `${local}/` : local);
      if (result.ignored) verdict = { ignored: true, by: layer.label };
      else if (result.unignored) verdict = { ignored: false, by: layer.label };
    }
    return verdict;
  }
}

/** `relPath` as seen from `dir` (both relative to the scan root), or undefined when not below it. */
function localPath(dir: string, relPath: string): string | undefined {
  if (dir === '') return relPath;
  return relPath.startsWith(`${dir}/`) ? relPath.slice(dir.length + 1) : undefined;
}
