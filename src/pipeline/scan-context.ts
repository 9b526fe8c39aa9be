// Everything impure enters the scan through one ScanContext (STYLE.md §9): the CLI builds a real
// one from node:fs and process; tests pass a fixed `now` and an in-memory file system.

export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface EntryStat {
  readonly kind: EntryKind;
  readonly sizeBytes: number;
}

/** Absolute, platform paths in; nothing here throws for a missing path. */
export interface ScanFileSystem {
  /** Does not follow a final symlink. undefined when the path does not exist. */
  lstat(path: string): EntryStat | undefined;
  /** Follows symlinks. undefined when the path (or the link's target) does not exist. */
  stat(path: string): EntryStat | undefined;
  /** The canonical path with every symlink resolved; undefined when it does not exist. */
  realPath(path: string): string | undefined;
  /** Entry names of a directory, sorted; undefined when it cannot be listed (permissions, vanished). */
  readDir(path: string): string[] | undefined;
  /** The file's bytes; undefined when unreadable. */
  readFile(path: string): Uint8Array | undefined;
  /**
   * A directory's entries with their kinds as the listing gives them (a link is 'symlink'), sorted by
   * name; undefined when it cannot be listed. Discovery walks with it: a stat per entry was a fifth
   * of a warm scan's discovery.
   */
  listDir(path: string): readonly DirEntry[] | undefined;
  /**
   * A regular file's bytes, or only its size when it is larger than `maxBytes` (then it is not read);
   * undefined when it cannot be opened or is not a regular file (it is never waited on). One open
   * and a read to the end, instead of a stat by path before the read.
   */
  readRegularFile(path: string, maxBytes: number): RegularFile | undefined;
  /**
   * What tells this version of a regular file from any other without reading it (device, inode,
   * size, modification and change times to a fraction of a microsecond), for the scan cache's file index
   * (discovery/file-index.ts); undefined when it cannot be statted or is not a regular file. Absent
   * where the files are not the disk's (an in-memory or rewritten view): then every file is read.
   */
  identify?(path: string): FileIdentity | undefined;
}

export interface FileIdentity {
  /** Equal for two stats only when nothing about the file changed in between (see identify). */
  readonly key: string;
  readonly sizeBytes: number;
  /** The later of the modification and change times, in ms since the epoch. */
  readonly changedMs: number;
}

export interface DirEntry {
  readonly name: string;
  readonly kind: EntryKind;
}

export interface RegularFile {
  readonly sizeBytes: number;
  /** Absent when the file is larger than the limit it was read with. */
  readonly bytes?: Uint8Array;
}

/** A file's bytes already in memory as readRegularFile gives them: only the size past the limit. */
export function withinLimit(bytes: Uint8Array, maxBytes: number): RegularFile {
  return bytes.byteLength > maxBytes ? { sizeBytes: bytes.byteLength } : { sizeBytes: bytes.byteLength, bytes };
}

export interface ScanContext {
  /** Absolute working directory that relative scan paths are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The clock, read once: suppression expiry is judged against this day. */
  readonly now: Date;
  readonly fs: ScanFileSystem;
  /** A monotonic clock in milliseconds, for phase timings only. */
  readonly monotonicMs: () => number;
  /**
   * Loads a user's ES module (a --plugin) by URL; `import()` when absent. The bundled CLI, compiled
   * by node:vm (cli/core-loader.ts), cannot import() on its own, so its launcher lends one.
   */
  readonly importModule?: ModuleImporter;
}

export type ModuleImporter = (url: string) => Promise<unknown>;

/** YYYY-MM-DD of `now` in UTC, what `exp:` dates in suppressions are compared with. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
