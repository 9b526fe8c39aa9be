// Writing an evidence pack's files (evidence/build-pack.ts) without holding the large ones whole: a
// file given in pieces is written and hashed a batch at a time (a CSV row each is too small a write), and the zip is made a file, and a
// piece of a file, at a time, so a pack of every result of a large monorepo fits in memory.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import type { PackFile } from '../evidence/build-pack.js';
import type { ManifestEntry } from '../evidence/manifest.js';
import { batched } from '../reporters/report-input.js';
import { temporaryName } from './file-writes.js';

/** Read back this many bytes at a time into the zip. */
const ZIP_READ_BYTES = 1 << 20;

/** Writes one pack file at `target`; its SHA-256 and size for the manifest. */
export function writePackFile(target: string, file: PackFile): ManifestEntry {
  mkdirSync(path.dirname(target), { recursive: true });
  const hash = createHash('sha256');
  let bytes = 0;
  const fd = openSync(target, 'w');
  try {
    const put = (chunk: Uint8Array): void => {
      hash.update(chunk);
      for (let at = 0; at < chunk.byteLength; ) at += writeSync(fd, chunk, at);
      bytes += chunk.byteLength;
    };
    if ('bytes' in file) put(file.bytes);
    else for (const piece of batched(file.pieces())) put(typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece);
  } finally {
    closeSync(fd);
  }
  return { path: file.path, sha256: hash.digest('hex'), bytes };
}

/**
 * `zipFile`: the files `names` of the folder `dir`, as written, each under the top-level folder
 * `folder` (as zip.ts zipPack does), read back and deflated a piece at a time.
 */
export function zipPackFiles(zipFile: string, folder: string, dir: string, names: readonly string[], mtime: Date): void {
  // Into a temporary file renamed at the end: a zip cut short by a kill is not left under its name.
  const temporary = temporaryName(zipFile);
  const out = openSync(temporary, 'w');
  let done = false;
  try {
    let failure: Error | undefined;
    const zip = new Zip((error, chunk) => {
      if (error) failure ??= error;
      else for (let at = 0; at < chunk.byteLength; ) at += writeSync(out, chunk, at);
    });
    const buffer = new Uint8Array(ZIP_READ_BYTES);
    for (const name of names) {
      const entry = new ZipDeflate(`${folder}/${name}`, { level: 9 });
      entry.mtime = mtime; // set before zip.add, which writes the entry's header
      zip.add(entry);
      const fd = openSync(path.join(dir, name), 'r');
      try {
        for (;;) {
          const read = readSync(fd, buffer, 0, buffer.byteLength, null);
          if (read === 0) break;
          entry.push(buffer.slice(0, read));
        }
      } finally {
        closeSync(fd);
      }
      entry.push(new Uint8Array(0), true);
    }
    zip.end();
    if (failure !== undefined) throw failure as Error;
    done = true;
  } finally {
    closeSync(out);
    if (!done) rmSync(temporary, { force: true });
  }
  renameSync(temporary, zipFile);
}
