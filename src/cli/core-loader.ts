// The installed CLI is two files beside each other in dist/cli: a small launcher (main.bundle.js,
// launch.ts) and the whole CLI bundled as one CommonJS script (main.core.cjs, cli-main.ts and all
// it imports). The launcher compiles the script with V8's code cache (main.core.cache, made by
// `npm run build`: scripts/code-cache.mjs), so a process skips compiling the ~2 MB bundle and the
// functions a scan runs. Measured against the ES-module bundle it replaced (2 vCPUs, medians of 11
// alternating runs): a scan of examples/hipaa-baseline 0.21 s against 0.28 s for the whole process.
// V8 checks the cache against the source and the V8 version and flags, and compiles from source when
// it does not match: a stale or foreign cache costs time, never correctness. The cache is only ever read here; nothing writes it at run time.
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type { ModuleImporter } from '../pipeline/scan-context.js';
import type { Terminal } from './terminal.js';

export const CORE_FILE = 'main.core.cjs';
export const CODE_CACHE_FILE = 'main.core.cache';

/** What main.core.cjs exports (cli-main.ts). */
export interface Core {
  main(argv: readonly string[], terminal?: Terminal, importModule?: ModuleImporter): Promise<number>;
  /** A --jobs worker thread's part of a scan (scan-worker-run.ts). */
  runScanWorker(): void;
}

export interface LoadedCore {
  readonly core: Core;
  /** The compiled script, for making a code cache after a run (scripts/code-cache.mjs). */
  readonly script: vm.Script;
  /** 'accepted', 'rejected' (compiled from source) or 'none' (no cache file, or not asked for). */
  readonly codeCache: 'accepted' | 'rejected' | 'none';
}

/**
 * Compiles and runs `dir`/main.core.cjs, with its code cache when `useCache` and the file exists.
 * Set the CLI's V8 flags first (v8-tuning.ts): V8 accepts a cache only under the flags it was made with.
 */
export function loadCore(dir: string, useCache = true): LoadedCore {
  const file = path.join(dir, CORE_FILE);
  // The build leaves the bundle ASCII (scripts/bundle.mjs), and ASCII read as Latin-1 is the same
  // text without the UTF-8 decoder's pass: reading the 2.2 MB bundle took ~22 ms as UTF-8 and ~14 ms
  // so (2 vCPUs, three processes each). Any other bytes are decoded as UTF-8.
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const cachedData = useCache ? readCache(path.join(dir, CODE_CACHE_FILE), bytes) : undefined;
  // The CommonJS wrapper, as Node's own loader writes it; the cache is made for exactly this text.
  // No importModuleDynamically: in Node 20 it is experimental (a warning on stderr) and code from the
  // cache loses it; the launcher passes main() an importer of its own for --plugin modules instead.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Core };
  (script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void)(module.exports, createRequire(file), module, file, dir);
  return { core: module.exports, script, codeCache: cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'accepted' };
}

/**
 * Reads the code cache into `spare` when it fits: the bundle's bytes, done with once they are a
 * string. Each page of memory a process touches first costs a fault, ~13 µs on a virtual machine
 * (2 vCPUs, measured with 100 MB touched: 25 750 faults in 335 ms), and the 2.7 MB cache took ~680.
 */
function readCache(file: string, spare: Buffer): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined; // not built (a bare esbuild run): compile from source
  }
  try {
    const size = fstatSync(fd).size;
    const into = size <= spare.length ? spare : Buffer.allocUnsafe(size);
    let length = 0;
    while (length < size) {
      const read = readSync(fd, into, length, size - length, null);
      if (read === 0) break; // shortened meanwhile: V8 rejects what was read
      length += read;
    }
    return into.subarray(0, length);
  } catch {
    return undefined; // unreadable: compile from source
  } finally {
    closeSync(fd);
  }
}
