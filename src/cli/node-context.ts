// The real ScanContext: node:fs, the process environment and the clock. Only the CLI builds it.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { EntryKind, EntryStat, ScanContext, ScanFileSystem } from '../pipeline/scan-context.js';

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
};

export function nodeScanContext(): ScanContext {
  return { cwd: process.cwd(), env: process.env, now: new Date(), fs: nodeFileSystem, monotonicMs: () => performance.now() };
}
