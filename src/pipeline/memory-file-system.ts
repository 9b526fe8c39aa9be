// An in-memory ScanFileSystem for tests: files by absolute POSIX path, directories implied.
import path from 'node:path';
import { withinLimit, type EntryStat, type ScanContext, type ScanFileSystem } from './scan-context.js';

export interface MemoryTree {
  /** Absolute path → contents. */
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  /** Absolute link path → target (absolute, or relative to the link's directory). */
  readonly symlinks?: Readonly<Record<string, string>>;
  /** Files and directories that exist but cannot be read (what chmod 000 does for a non-root user). */
  readonly unreadable?: readonly string[];
}

export function memoryFileSystem(tree: MemoryTree): ScanFileSystem {
  const files = new Map<string, Uint8Array>();
  const encoder = new TextEncoder();
  for (const [file, contents] of Object.entries(tree.files)) {
    files.set(path.posix.normalize(file), typeof contents === 'string' ? encoder.encode(contents) : contents);
  }
  const unreadable = new Set((tree.unreadable ?? []).map((p) => path.posix.normalize(p)));
  const links = new Map(Object.entries(tree.symlinks ?? {}).map(([k, v]) => [path.posix.normalize(k), v]));
  const dirs = new Set<string>(['/']);
  for (const p of [...files.keys(), ...links.keys()]) {
    for (let d = path.posix.dirname(p); !dirs.has(d); d = path.posix.dirname(d)) dirs.add(d);
  }

  function resolve(p: string, depth = 0): string | undefined {
    if (depth > 20) return undefined;
    const parts = path.posix.normalize(p).split('/').filter(Boolean);
    let current = '/';
    for (const part of parts) {
      const next = path.posix.join(current, part);
      const target = links.get(next);
      if (target !== undefined) {
        const resolved = resolve(path.posix.resolve(current, target), depth + 1);
        if (resolved === undefined) return undefined;
        current = resolved;
      } else current = next;
    }
    return files.has(current) || dirs.has(current) ? current : undefined;
  }

  function statOf(p: string): EntryStat | undefined {
    const file = files.get(p);
    if (file) return { kind: 'file', sizeBytes: file.byteLength };
    return dirs.has(p) ? { kind: 'directory', sizeBytes: 0 } : undefined;
  }

  const memory: ScanFileSystem = {
    lstat(p) {
      const normal = path.posix.normalize(p);
      const parent = resolve(path.posix.dirname(normal));
      if (parent === undefined) return undefined;
      const own = path.posix.join(parent, path.posix.basename(normal));
      if (links.has(own)) return { kind: 'symlink', sizeBytes: 0 };
      return statOf(own);
    },
    stat(p) {
      const real = resolve(p);
      return real === undefined ? undefined : statOf(real);
    },
    realPath: (p) => resolve(p),
    readDir(p) {
      const real = resolve(p);
      if (real === undefined || !dirs.has(real) || unreadable.has(real)) return undefined;
      const prefix = real === '/' ? '/' : `${real}/`;
      const names = new Set<string>();
      for (const entry of [...files.keys(), ...links.keys(), ...dirs]) {
        if (entry.startsWith(prefix) && entry !== real) names.add(entry.slice(prefix.length).split('/')[0]!);
      }
      return [...names].sort();
    },
    readFile(p) {
      const real = resolve(p);
      return real === undefined || unreadable.has(real) ? undefined : files.get(real);
    },
    listDir(p) {
      return memory.readDir(p)?.map((name) => ({ name, kind: memory.lstat(path.posix.join(p, name))?.kind ?? 'other' }));
    },
    readRegularFile(p, maxBytes) {
      const real = resolve(p);
      const bytes = real === undefined || unreadable.has(real) ? undefined : files.get(real);
      return bytes === undefined ? undefined : withinLimit(bytes, maxBytes);
    },
  };
  return memory;
}

/**
 * A scan context over `files` (paths relative to /repo, the working directory), on `now`, with a
 * clock that advances 5 ms per reading: what the pipeline's tests scan.
 */
export function memoryRepoContext(files: Readonly<Record<string, string>>, now: Date): ScanContext {
  const absolute: Record<string, string> = {};
  for (const [p, t] of Object.entries(files)) absolute[`/repo/${p}`] = t;
  let clock = 0;
  return { cwd: '/repo', env: {}, now, fs: memoryFileSystem({ files: absolute }), monotonicMs: () => (clock += 5) };
}
