// Where a file the scan reads or writes on the config's word really is. The config and the
// `.safeguard/` directory may be the scanned repository's own, so a policy file, a waiver register or
// an audit log they name is used only when its real path (links followed) is inside the scan root or
// the directory the setting belongs to: a link committed to /etc/passwd, or `audit_log: ../../x`,
// would have been quoted in reports or appended to by every scan.
import path from 'node:path';
import { isInside } from '../discovery/discover.js';
import type { ScanFileSystem } from './scan-context.js';

export interface RealPlace {
  /** The file's real path; undefined when it does not exist (and, with mayNotExist, no directory above it resolves). */
  readonly real: string | undefined;
  /** Whether `real` is inside one of the bounds' real paths. */
  readonly inside: boolean;
}

/**
 * `file`'s real path and whether it is inside one of `bounds`. With `mayNotExist`, a file not there
 * yet (a log the scan will create) is placed by its nearest existing directory, where a write would
 * create it.
 */
export function realPlaceOf(fs: Pick<ScanFileSystem, 'realPath'>, file: string, bounds: readonly string[], mayNotExist = false): RealPlace {
  let real = fs.realPath(file);
  if (real === undefined && mayNotExist) {
    let existing = file;
    let dirReal: string | undefined;
    while (dirReal === undefined && path.dirname(existing) !== existing) {
      existing = path.dirname(existing);
      dirReal = fs.realPath(existing);
    }
    if (dirReal !== undefined) real = path.join(dirReal, path.relative(existing, file));
  }
  const resolved = real;
  return { real, inside: resolved !== undefined && bounds.some((b) => isInside(fs.realPath(b) ?? b, resolved)) };
}
