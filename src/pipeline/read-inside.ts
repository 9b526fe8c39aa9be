// file()/templatefile() reads for the evaluator: the scanned file's text when it was discovered,
// else the file on disk when it is inside the scan root, a regular file within the size limit and
// UTF-8 text. Shared by the scan in the main thread and the --jobs workers, so both read alike.
import path from 'node:path';
import { decodeText } from '../discovery/decode-text.js';
import { isInside } from '../discovery/discover.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { ScanFileSystem } from './scan-context.js';

export interface InsideReader {
  (rel: string): string | undefined;
  /** Every path read from disk (not from `files`) with its text, undefined when unreadable: cache validation. */
  readonly reads: ReadonlyMap<string, string | undefined>;
}

export function insideReader(fs: Pick<ScanFileSystem, 'realPath' | 'stat' | 'readFile'>, root: string, maxBytes: number, files: ReadonlyMap<string, string>, diagnostics: Diagnostic[]): InsideReader {
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
      });
      return undefined;
    }
    const stat = fs.stat(real);
    if (stat?.kind !== 'file' || stat.sizeBytes > maxBytes) return undefined;
    const bytes = fs.readFile(real);
    const decoded = bytes ? decodeText(bytes) : undefined;
    return decoded?.ok ? decoded.text : undefined;
  };
  const read = (rel: string): string | undefined => {
    const known = files.get(rel);
    if (known !== undefined) return known;
    if (reads.has(rel)) return reads.get(rel);
    const text = fromDisk(rel);
    reads.set(rel, text);
    return text;
  };
  return Object.assign(read, { reads });
}
