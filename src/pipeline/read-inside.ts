// file()/templatefile() reads for the evaluator: the scanned file's text when it was discovered,
// else the file on disk when it is inside the scan root, a regular file within the size limit and
// UTF-8 text; and fileset()'s directory listings, inside the root too. Shared by the scan in the main
// thread and the --jobs workers, so both read alike.
import path from 'node:path';
import { decodeText } from '../discovery/decode-text.js';
import { isInside } from '../discovery/discover.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { ScanFileSystem } from './scan-context.js';

export interface InsideReader {
  (rel: string): string | undefined;
  /**
   * Every path read from disk (not from `files`) with its text, undefined when unreadable: cache
   * validation. A directory listed for fileset() is here too, as LISTING_PREFIX + its path with
   * its file list as the text, so a file added or removed there invalidates the entry.
   */
  readonly reads: ReadonlyMap<string, string | undefined>;
  /** The regular files under a directory (relative to it, sorted), for fileset(); undefined when it is no directory inside the root or holds too many. */
  list(relDir: string): readonly string[] | undefined;
}

/** A read of a directory listing rather than a file (never a file path: it starts with a NUL). */
export const LISTING_PREFIX = '\0list:';

/** More files than this under one fileset() directory leave the result unknown (a scan root of build output, say). */
export const MAX_LISTED_FILES = 10_000;

/** Files under `dir` (absolute) relative to it, sorted by code unit; symlinked files inside the root count, symlinked directories are not entered (no cycles). */
function listFiles(fs: Pick<ScanFileSystem, 'realPath' | 'stat' | 'listDir'>, root: string, dir: string): string[] | undefined {
  const out: string[] = [];
  const walk = (abs: string, prefix: string): boolean => {
    for (const entry of fs.listDir(abs) ?? []) {
      const child = path.join(abs, entry.name);
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.kind === 'directory') {
        if (!walk(child, rel)) return false;
      } else if (entry.kind === 'file' || (entry.kind === 'symlink' && isFileInside(fs, root, child))) {
        out.push(rel);
        if (out.length > MAX_LISTED_FILES) return false;
      }
    }
    return true;
  };
  if (!walk(dir, '')) return undefined;
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function isFileInside(fs: Pick<ScanFileSystem, 'realPath' | 'stat'>, root: string, abs: string): boolean {
  const real = fs.realPath(abs);
  return real !== undefined && isInside(root, real) && fs.stat(real)?.kind === 'file';
}

export function insideReader(fs: Pick<ScanFileSystem, 'realPath' | 'stat' | 'readFile' | 'listDir'>, root: string, maxBytes: number, files: ReadonlyMap<string, string>, diagnostics: Diagnostic[]): InsideReader {
  const reads = new Map<string, string | undefined>();
  const fromDisk = (rel: string): string | undefined => {
    const real = fs.realPath(path.resolve(root, rel));
    if (real === undefined) return undefined;
    if (!isInside(root, real)) {
      diagnostics.push({
        code: 'scan/outside-root',
        severity: 'warning',
        message: `${rel} is outside the scan root, so it was not read.`,
        hint: 'Scan a directory that contains it (for example the repository root).',
        // A path under the root whose real path is not (a link out of it) is the place to point at;
        // one that climbs out (`../x`) has no file in the scan.
        ...(isInside(root, path.resolve(root, rel)) ? { file: rel } : {}),
      });
      return undefined;
    }
    const stat = fs.stat(real);
    if (stat?.kind !== 'file' || stat.sizeBytes > maxBytes) return undefined;
    const bytes = fs.readFile(real);
    const decoded = bytes ? decodeText(bytes) : undefined;
    return decoded?.ok ? decoded.text : undefined;
  };
  const listing = (rel: string): readonly string[] | undefined => {
    // Not there, or a file: no files (Terraform's fileset gives the empty set); outside the root or too many: no answer.
    const real = fs.realPath(path.resolve(root, rel));
    if (real === undefined) return [];
    if (!isInside(root, real)) return undefined;
    return fs.stat(real)?.kind === 'directory' ? listFiles(fs, root, real) : [];
  };
  const read = (rel: string): string | undefined => {
    const known = files.get(rel);
    if (known !== undefined) return known;
    if (reads.has(rel)) return reads.get(rel);
    const text = rel.startsWith(LISTING_PREFIX) ? listing(rel.slice(LISTING_PREFIX.length))?.join('\n') : fromDisk(rel);
    reads.set(rel, text);
    return text;
  };
  const list = (relDir: string): readonly string[] | undefined => {
    const text = read(`${LISTING_PREFIX}${relDir}`);
    return text === undefined ? undefined : text === '' ? [] : text.split('\n');
  };
  return Object.assign(read, { reads, list });
}
