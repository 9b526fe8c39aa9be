// `scan --jobs N`, `--cache-dir DIR`, `--no-cache` (issue 11): builds the pipeline's SourceScan.
// The cache is on only where the user asked for it or made room for it: with --cache-dir, or when
// the scan root has a .safeguard/ directory (then .safeguard/cache). A scan never writes into a
// repository that did not opt in. The cache directory gets a .gitignore of `*` (git leaves it
// alone) and a CACHEDIR.TAG (discovery, tar --exclude-caches and backup tools skip it).
import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './cli-error.js';
import { temporaryName } from './file-writes.js';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import type { CacheStore } from '../pipeline/scan-cache.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import { createSourceScan, type SourceScan } from '../pipeline/source-scan.js';
import { availableJobs, defaultJobs, workerRunner } from './scan-workers.js';
import { packageVersion } from './version.js';
import { isBundleFile } from './bundled.js';
import { OWN_CACHE_TAG } from '../discovery/discover.js';
import { FileIndex } from '../discovery/file-index.js';
import { growYoungGeneration } from './young-generation.js';

export interface SourceScanFlags {
  /** --jobs; default 1, 0 for every CPU. */
  readonly jobs?: number;
  readonly cacheDir?: string;
  /** false for --no-cache. */
  readonly cache?: boolean;
  /** Findings keep their edit callbacks (`fix`; the cache must be off). */
  readonly keepFixes?: boolean;
}

/** Below this much Terraform, worker start-up costs more than it saves. */
export const MIN_PARALLEL_BYTES = 256 * 1024;

export function sourceScanFor(context: ScanContext, root: string, maxFileBytes: number, flags: SourceScanFlags): { readonly sourceScan: SourceScan; readonly cacheDir?: string } {
  const dir = cacheDirFor(context, root, flags);
  // Without a cache every result is evaluated: nothing to hold the young generation for.
  if (dir === undefined) growYoungGeneration();
  const sourceScan = createSourceScan({
    fs: context.fs,
    root,
    maxFileBytes,
    runner: workerRunner({ jobs: flags.jobs === 0 ? availableJobs() : (flags.jobs ?? defaultJobs()), minBytes: MIN_PARALLEL_BYTES, fs: context.fs }),
    ...(dir !== undefined ? { cache: fileCacheStore(dir) } : {}),
    tool: dir !== undefined ? toolIdentity() : packageVersion(), // the build digest only matters to the cache
    ...(flags.keepFixes === true ? { keepFixes: true } : {}),
    onEvaluate: growYoungGeneration,
  });
  return { sourceScan, ...(dir !== undefined ? { cacheDir: dir } : {}) };
}

/** Where the cache lives for this scan, undefined when it is off. */
export function cacheDirFor(context: ScanContext, root: string, flags: SourceScanFlags): string | undefined {
  if (flags.cache === false) return undefined;
  if (flags.cacheDir !== undefined) {
    const dir = path.resolve(context.cwd, flags.cacheDir);
    // A file there would turn the cache off in silence (nothing could be written under it).
    const kind = context.fs.stat(dir)?.kind;
    if (kind !== undefined && kind !== 'directory') throw new UsageError(`--cache-dir ${flags.cacheDir}: this is not a directory, so no cache could be kept there.`, 'Name a directory (it is made when missing), or drop --cache-dir.');
    return dir;
  }
  const own = path.join(root, '.safeguard');
  return context.fs.stat(own)?.kind === 'directory' ? path.join(own, 'cache') : undefined;
}

/**
 * How much the cache keeps: every changed input makes a new entry (a pre-commit hook writes one per
 * edit), so without a bound the directory only grows. The least recently used entries go first; the
 * newest is always kept, however large.
 */
export interface CacheLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxEntries: 16, maxBytes: 256 * 1024 * 1024 };

/** A writer that died between writing and renaming leaves a temporary file; one this old is garbage. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Creates the directory with its .gitignore now, before discovery lists the tree, so every run sees
 * the same tree. A read refreshes the entry's modification time, which is what "recently used" means
 * when a write prunes the directory back to `limits`.
 */
export function fileCacheStore(dir: string, limits: CacheLimits = DEFAULT_CACHE_LIMITS): CacheStore {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const ignore = path.join(dir, '.gitignore');
    if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# Safeguard scan cache: findings and digests only, safe to delete.\n*\n');
    const tag = path.join(dir, 'CACHEDIR.TAG');
    if (!fs.existsSync(tag)) fs.writeFileSync(tag, OWN_CACHE_TAG);
  } catch {
    // An unwritable cache directory only makes every scan a cold one.
  }
  return {
    read: (name) => {
      const file = path.join(dir, name);
      try {
        const bytes = fs.readFileSync(file);
        // Entries are written as ASCII (scan-cache.ts): then Latin-1 is the same text, copied rather
        // than decoded (a 2.5 MB entry read ~3 ms sooner); anything else is decoded as UTF-8.
        const text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
        const now = new Date();
        fs.utimesSync(file, now, now);
        return text;
      } catch {
        return undefined;
      }
    },
    write: (name, text) => {
      const target = path.join(dir, name);
      try {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const temp = temporaryName(target); // unique: two jobs sharing the cache may have one pid
        fs.writeFileSync(temp, text, { mode: 0o600 });
        fs.renameSync(temp, target); // readers never see half an entry
        pruneCache(dir, limits, target);
      } catch {
        // as above: no cache, no failure
      }
    },
  };
}

/**
 * The cache's file index for the scan root `root` (discovery/file-index.ts), `XX/<digest>.files`,
 * one per scan root (a few hundred bytes per file: paths, stat identities and digests, never a
 * text; not pruned with the entries); `save` writes it when the scan changed it. An index that
 * cannot be read is an empty one (every file is read), one that cannot be written is not kept.
 */
export function cachedFileIndex(dir: string, root: string, nowMs: number): { readonly index: FileIndex; save(): void } {
  const digest = createHash('sha256').update(`file index\0${root}`).digest('hex');
  const file = path.join(dir, digest.slice(0, 2), `${digest}.files`);
  const tool = toolIdentity();
  let text: string | undefined;
  try {
    text = fs.readFileSync(file, 'latin1'); // written as ASCII-escaped JSON (serialize)
  } catch {
    text = undefined;
  }
  const index = FileIndex.parse(text, tool, nowMs);
  return {
    index,
    save: () => {
      if (!index.dirty) return;
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const temp = temporaryName(file);
        fs.writeFileSync(temp, asciiJson(index.serialize(tool)), { mode: 0o600 });
        fs.renameSync(temp, file);
      } catch {
        // as for entries: the next scan reads every file
      }
    },
  };
}

/** JSON text with every character past ASCII escaped, so that it reads back as Latin-1 unchanged. */
function asciiJson(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Deletes the least recently used entries (`XX/<key>.json`, and the JSON report's findings memos,
 * `XX/<signature>.findings`, findings-memo.ts) beyond `limits`, never `keep` (the file just written),
 * and temporary files left by writers that died. Another scan pruning at the same time
 * may delete a file first: that is fine, a missing entry is a miss.
 */
export function pruneCache(dir: string, limits: CacheLimits, keep: string): void {
  const entries: { file: string; bytes: number; usedMs: number }[] = [];
  const now = Date.now();
  let shards: fs.Dirent[];
  try {
    shards = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const shard of shards) {
    if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
    const shardDir = path.join(dir, shard.name);
    let names: string[];
    try {
      names = fs.readdirSync(shardDir);
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(shardDir, name);
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile()) continue;
      if (name.endsWith('.tmp')) {
        if (now - stat.mtimeMs > STALE_TEMP_MS) fs.rmSync(file, { force: true });
      } else if (name.endsWith('.json') || name.endsWith('.findings')) {
        entries.push({ file, bytes: stat.size, usedMs: stat.mtimeMs });
      }
    }
  }
  entries.sort((a, b) => b.usedMs - a.usedMs || (a.file < b.file ? -1 : 1)); // newest first
  let count = 0;
  let bytes = 0;
  for (const entry of entries) {
    const kept = entry.file === keep || (count < limits.maxEntries && bytes + entry.bytes <= limits.maxBytes);
    if (kept) {
      count++;
      bytes += entry.bytes;
    } else {
      fs.rmSync(entry.file, { force: true });
    }
  }
}

let identity: string | undefined;

/**
 * The version plus a digest of the installed build (file names, sizes, mtimes): a rebuild invalidates
 * the cache. Run from the bundle, the build is the bundled files beside it (the launcher's, the CLI's, the worker's);
 * otherwise every module under dist/ (statting ~650 files cost a warm scan ~20 ms).
 */
export function toolIdentity(): string {
  if (identity !== undefined) return identity;
  const self = fileURLToPath(import.meta.url);
  const hash = createHash('sha256');
  if (isBundleFile(self)) {
    const dir = path.dirname(self);
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).filter(isBundleFile).sort();
    } catch {
      // as below: an unreadable directory adds nothing
    }
    for (const name of names) {
      const stat = fs.statSync(path.join(dir, name), { throwIfNoEntry: false });
      if (stat) hash.update(`bundle/${name}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
    identity = `${packageVersion()}+${hash.digest('hex').slice(0, 16)}`;
    return identity;
  }
  const dist = path.resolve(path.dirname(self), '..');
  // Only modules are statted (the listing tells directories apart): declarations, maps and tests are
  // two thirds of dist/ and cannot change what a scan does.
  // Paths are joined and made relative by hand: path.join and path.relative per module cost more than the stats.
  const isModule = (name: string): boolean => name.endsWith('.js') && !name.endsWith('.test.js');
  const lines: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return;
    }
    for (const entry of entries) {
      const p = `${dir}${path.sep}${entry.name}`;
      const r = rel === '' ? entry.name : `${rel}${path.sep}${entry.name}`;
      if (entry.isDirectory()) walk(p, r);
      else if (isModule(entry.name) || entry.isSymbolicLink()) {
        const stat = fs.statSync(p, { throwIfNoEntry: false });
        if (!stat) continue;
        if (stat.isDirectory()) walk(p, r);
        else if (isModule(entry.name)) lines.push(`${r}\0${stat.size}\0${stat.mtimeMs}\n`);
      }
    }
  };
  walk(dist, '');
  hash.update(lines.join(''));
  identity = `${packageVersion()}+${hash.digest('hex').slice(0, 16)}`;
  return identity;
}
