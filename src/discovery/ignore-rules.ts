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
  /** The file's text, kept to build the matcher again with exemptions (`exempting`). */
  readonly contents: string;
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
    return new IgnoreStack([...this.layers, { dir, source, rootPrefix: '', label, contents, matcher: ignore().add(contents) }]);
  }

  /** An ignore file in an ancestor of the scan root; `rootPrefix` is the root seen from there. */
  withAncestor(rootPrefix: string, label: string, source: IgnoreFileName, contents: string): IgnoreStack {
    return new IgnoreStack([...this.layers, { dir: '', source, rootPrefix, label, contents, matcher: ignore().add(contents) }]);
  }

  /**
   * The stack for walking a directory named on the command line (`dirRel`, relative to the scan root,
   * '' for the root): what the user names is what they want scanned, so no rule may leave out that
   * directory or one of its ancestors. Git would, and the whole directory would read as empty
   * (`safeguard scan cdktf.out` when .gitignore lists `cdktf.out`, as the CDK for Terraform template
   * does: a false pass). The rules still apply to what is inside it, path by path, as ripgrep does
   * for a directory it is given: `*.js` or `old/` still leave those out, and `scan .` and
   * `scan sub` read the same files of sub.
   *
   * Each layer that excludes the directory gets anchored negations of it and of each of its ancestors
   * in that layer's view, after its own rules (the last matching rule decides). A negation written
   * `!/a/b/` matches that one directory only, so it re-includes nothing below it (discover.test.ts).
   */
  exempting(dirRel: string): IgnoreStack {
    let changed = false;
    const layers = this.layers.map((layer) => {
      const below = dirRel === '' ? '' : localPath(layer.dir, dirRel);
      if (below === undefined) return layer;
      const local = layer.rootPrefix === '' ? below : below === '' ? layer.rootPrefix : `${layer.rootPrefix}/${below}`;
      if (local === '' || !layer.matcher.test(`${local}/`).ignored) return layer;
      const parts = local.split('/');
      const negations = parts.map((_, i) => `!/${parts.slice(0, i + 1).map(escapePattern).join('/')}/`);
      changed = true;
      return { ...layer, matcher: ignore().add(layer.contents).add(negations) };
    });
    return changed ? new IgnoreStack(layers) : this;
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

/** A path segment as a gitignore pattern matching it literally (wildcards, brackets, backslashes and trailing spaces escaped). */
function escapePattern(segment: string): string {
  return segment.replace(/[\\*?[\]!#]/g, (c) => `\\${c}`).replace(/ $/, '\\ ');
}

/** `relPath` as seen from `dir` (both relative to the scan root), or undefined when not below it. */
function localPath(dir: string, relPath: string): string | undefined {
  if (dir === '') return relPath;
  return relPath.startsWith(`${dir}/`) ? relPath.slice(dir.length + 1) : undefined;
}
