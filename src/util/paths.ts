/** The directory of a root-relative, forward-slash path ('' for a file at the root). */
export function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i === -1 ? '' : file.slice(0, i);
}

/**
 * Directory symlinks inside the scan root, by the path they are reached at → the directory they
 * resolve to (both root-relative). Discovery reads a linked directory's files once, at its real path;
 * a module called through a link (`source = "./current"`, current → releases/v2) loads them there.
 */
export type DirLinks = ReadonlyMap<string, string>;

/**
 * What a link pointing out of the scan root resolves to in DirLinks: discovery reads nothing there,
 * and a module called through it is outside the root (an error, as `source = "../elsewhere"` is),
 * not a directory without Terraform files (a warning: the scan passed with the module never read).
 */
export const OUTSIDE_ROOT_LINK = '\u0000outside-root';

/** A directory resolveDirLinks reached through a link out of the scan root. */
export function isOutsideRootLink(dir: string): boolean {
  return dir === OUTSIDE_ROOT_LINK || dir.startsWith(`${OUTSIDE_ROOT_LINK}/`);
}

/**
 * `dir` with its linked prefix replaced by the directory the link resolves to, again for a link
 * found there (a link to a link), as the file system would open it; `dir` itself when no link lies
 * on its path. Bounded as the operating system bounds link chains (ELOOP after 40).
 */
export function resolveDirLinks(dir: string, links: DirLinks | undefined): string {
  if (links === undefined || links.size === 0) return dir;
  let current = dir;
  for (let hops = 0; hops < 40; hops++) {
    let replaced: string | undefined;
    // The longest linked prefix: a link inside a linked directory is reached through the outer one.
    for (let end = current.length; end > 0; end = current.lastIndexOf('/', end - 1)) {
      const prefix = current.slice(0, end);
      const target = links.get(prefix);
      if (target !== undefined) {
        const rest = current.slice(end);
        replaced = target === '' ? rest.replace(/^\//, '') : `${target}${rest}`;
        break;
      }
    }
    if (replaced === undefined || replaced === current) return current;
    current = replaced;
  }
  return current;
}
