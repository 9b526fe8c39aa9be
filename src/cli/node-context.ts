// The real ScanContext: node:fs, the process environment and the clock. Only the CLI builds it.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { EntryKind, EntryStat, FileIdentity, ScanContext, ScanFileSystem } from '../pipeline/scan-context.js';

/** Read-only, and a pipe put where a listed file was opens without waiting for a writer (O_NONBLOCK; 0 where there is none). */
const OPEN_WITHOUT_WAITING = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** Reused for every file discovery reads; each file's bytes are copied out of it. */
const scratch = Buffer.allocUnsafe(256 * 1024);

function kindOf(stat: fs.Stats): EntryKind {
  if (stat.isSymbolicLink()) return 'symlink';
  if (stat.isDirectory()) return 'directory';
  if (stat.isFile()) return 'file';
  return 'other';
}

function entryStat(stat: fs.Stats | undefined): EntryStat | undefined {
  return stat ? { kind: kindOf(stat), sizeBytes: stat.size } : undefined;
}

export const nodeFileSystem: ScanFileSystem = {
  lstat: (path) => {
    try {
      return entryStat(fs.lstatSync(path, { throwIfNoEntry: false }));
    } catch {
      return undefined; // e.g. a parent directory without search permission (EACCES)
    }
  },
  stat: (path) => {
    try {
      return entryStat(fs.statSync(path, { throwIfNoEntry: false }));
    } catch {
      return undefined; // e.g. a symlink loop (ELOOP)
    }
  },
  realPath: (path) => {
    try {
      return fs.realpathSync.native(path);
    } catch {
      return undefined;
    }
  },
  readDir: (path) => {
    try {
      return fs.readdirSync(path).sort();
    } catch {
      return undefined;
    }
  },
  readFile: (path) => {
    try {
      return fs.readFileSync(path);
    } catch {
      return undefined;
    }
  },
  listDir: (path) => {
    try {
      return fs
        .readdirSync(path, { withFileTypes: true })
        .map((entry) => ({ name: entry.name, kind: entry.isSymbolicLink() ? 'symlink' : entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other' }) as const)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return undefined;
    }
  },
  readRegularFile: (path, maxBytes) => {
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, OPEN_WITHOUT_WAITING);
      // Read to the end of the file rather than stat it for its size first: a Stats object, with
      // its four Dates, cost more than the read that finds the end. Past the limit, one stat gives
      // the size to report; a file that reads empty is statted to tell it from a pipe.
      let buffer = scratch;
      let length = 0;
      for (;;) {
        if (length === buffer.length) {
          const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
          buffer.copy(larger, 0, 0, length);
          buffer = larger;
        }
        const read = fs.readSync(fd, buffer, length, Math.min(buffer.length, maxBytes + 1) - length, null);
        if (read === 0) break;
        length += read;
        if (length > maxBytes) {
          const stat = fs.fstatSync(fd);
          return stat.isFile() ? { sizeBytes: Math.max(length, stat.size) } : undefined;
        }
      }
      if (length === 0 && !fs.fstatSync(fd).isFile()) return undefined;
      return { sizeBytes: length, bytes: Buffer.from(buffer.subarray(0, length)) };
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  },
  identify,
};

/** Why a stat failed is not asked: a file that cannot be statted is read, and the read says why. */
function identify(path: string): FileIdentity | undefined {
  let stat: fs.Stats | undefined;
  try {
    // Times as fractional milliseconds (to a fraction of a microsecond at today's dates), not BigInt
    // nanoseconds: a warm scan stats every file, and the BigInt form allocated ~2 KB a file.
    stat = fs.statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!stat?.isFile()) return undefined;
  // The change time too: it moves on every write and cannot be set back (touch -d, cp -p set the modification time only).
  return { key: `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`, sizeBytes: stat.size, changedMs: Math.max(stat.mtimeMs, stat.ctimeMs) };
}

export function nodeScanContext(): ScanContext {
  return { cwd: process.cwd(), env: process.env, now: new Date(), fs: nodeFileSystem, monotonicMs: () => performance.now() };
}
