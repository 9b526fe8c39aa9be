// The scan cache's file index (issue 11): for each file a scan read, what told that version of it
// apart on disk (ScanFileSystem.identify: device, inode, size, modification and change times) with
// the digest of its text and the format discovery gave it. A warm scan stats a file instead of
// reading it when its identity is the one indexed: its text is read only if something asks for it
// (a code frame, a cache miss), and then checked against the digest. Reading and decoding every
// file was a third of a warm re-scan of the bench's corpus (a) on a machine where each page the
// process touches first costs ~10 µs (the texts, then their copies by the garbage collector).
//
// Git's index trusts a stat the same way, and has the same hole, which it closes the same way: a
// file written twice within one tick of the file system's clock keeps its times (and maybe its
// size). A file changed less than SETTLE_MS before it was statted is not indexed, so it is read
// again next time; one changed after that gets times that differ from the indexed ones.
import { createHash } from 'node:crypto';
import type { FileIdentity, ScanFileSystem } from '../pipeline/scan-context.js';
import { decodeText } from './decode-text.js';
import type { InputFormat } from './input-format.js';

/** Past the coarsest clock of a common file system (FAT's two seconds), and Linux's few-ms ticks. */
export const SETTLE_MS = 2000;

/**
 * Words that passes run on every scan look for in every file before reading it further (inline
 * suppression markers, checked against the rule catalog; `sensitive`, for the variables reports
 * mask): the index records which a file holds, so a warm scan reads only the files that hold one.
 */
export const NEEDLES = ['safeguard:ignore', 'ts:skip=', 'sensitive'] as const;
export type Needle = (typeof NEEDLES)[number];

/**
 * What a file was read as: a format discovery gives it; `not-iac`, a JSON or YAML document its
 * content shows to be no infrastructure (discovery skips it, the secret and PHI sweep reads it);
 * `swept`, a file only the sweep reads (skipped by its name).
 */
export type IndexedFormat = InputFormat | 'not-iac' | 'swept';

/** What the index says of a file whose identity it holds. */
export interface IndexedFile {
  /** SHA-256 of the decoded text, hex (sourceDigest). */
  readonly digest: string;
  readonly format: IndexedFormat;
  /** The NEEDLES the text holds. */
  readonly needles: readonly Needle[];
}

/** [identity key, digest, format, bit i set when the text holds NEEDLES[i]]. */
type Row = readonly [string, string, IndexedFormat, number];

/** Layout of the written index: another layout is not read (the next scan reads every file and writes it anew). */
const LAYOUT = 3;

/** The bits of the NEEDLES `text` holds. */
export function needleMask(text: string): number {
  let mask = 0;
  NEEDLES.forEach((needle, i) => {
    if (text.includes(needle)) mask |= 1 << i;
  });
  return mask;
}

/** Each mask's needles, made once: a warm scan asks for every indexed file's. */
const NEEDLE_SETS: readonly (readonly Needle[])[] = Array.from({ length: 1 << NEEDLES.length }, (_, mask) => NEEDLES.filter((__, i) => (mask & (1 << i)) !== 0));
const needlesOf = (mask: number): readonly Needle[] => NEEDLE_SETS[mask] ?? NEEDLES.filter((_, i) => (mask & (1 << i)) !== 0);

/**
 * Whether a file's text holds `needle`: from the index for a file it knew (DiscoveredFile.needles),
 * without reading it; from the text otherwise.
 */
export function fileIncludes(file: { readonly text: string; readonly needles?: readonly Needle[] }, needle: Needle): boolean {
  return file.needles !== undefined ? file.needles.includes(needle) : file.text.includes(needle);
}

export class FileIndex {
  private readonly rows: Map<string, Row>;
  private changed = false;
  /** The paths this scan met (known or noted): the rows kept when the index is written. */
  private readonly met = new Set<string>();

  /**
   * `nowMs`: when the scan began, so that a file changed within SETTLE_MS before it is not indexed
   * (a file statted later in the scan is further from its last change, never nearer).
   */
  private constructor(rows: Map<string, Row>, private readonly nowMs: number) {
    this.rows = rows;
  }

  static empty(nowMs: number): FileIndex {
    return new FileIndex(new Map(), nowMs);
  }

  /**
   * The index written by `serialize` with the same `tool` (a digest of the build: another build may
   * decode or classify a file otherwise); an empty one for anything else, damaged text included.
   */
  static parse(text: string | undefined, tool: string, nowMs: number): FileIndex {
    if (text === undefined) return FileIndex.empty(nowMs);
    try {
      const data = JSON.parse(text) as unknown;
      if (typeof data !== 'object' || data === null) return FileIndex.empty(nowMs);
      const { layout, tool: written, files } = data as { layout?: unknown; tool?: unknown; files?: unknown };
      if (layout !== LAYOUT || written !== tool || !Array.isArray(files)) return FileIndex.empty(nowMs);
      const rows = new Map<string, Row>();
      for (const row of files as unknown[]) {
        if (!Array.isArray(row) || row.length !== 5 || !row.slice(0, 4).every((x) => typeof x === 'string') || !Number.isInteger(row[4])) return FileIndex.empty(nowMs);
        const [rel, key, digest, format, mask] = row as [string, string, string, IndexedFormat, number];
        if (!/^[0-9a-f]{64}$/.test(digest)) return FileIndex.empty(nowMs);
        rows.set(rel, [key, digest, format, mask]);
      }
      return new FileIndex(rows, nowMs);
    } catch {
      return FileIndex.empty(nowMs);
    }
  }

  /** The file as indexed, when `identity` is the one indexed with it. */
  known(rel: string, identity: FileIdentity): IndexedFile | undefined {
    const row = this.rows.get(rel);
    if (row === undefined || row[0] !== identity.key) return undefined;
    this.met.add(rel);
    return { digest: row[1], format: row[2], needles: needlesOf(row[3]) };
  }

  /** A file read in full whose text decoded cleanly into `format`: indexed once it has settled. */
  note(rel: string, identity: FileIdentity, digest: string, format: IndexedFormat, mask: number): void {
    const before = this.rows.get(rel);
    if (this.nowMs - identity.changedMs < SETTLE_MS) {
      // Changed just now: whatever was indexed for the path is stale, and the new version not yet trusted.
      if (before !== undefined) {
        this.rows.delete(rel);
        this.changed = true;
      }
      return;
    }
    this.met.add(rel);
    if (before !== undefined && before[0] === identity.key && before[1] === digest && before[2] === format && before[3] === mask) return;
    this.rows.set(rel, [identity.key, digest, format, mask]);
    this.changed = true;
  }

  /** A path read in full and not indexable (not a clean text of a scanned format): any row for it goes. */
  forget(rel: string): void {
    if (this.rows.delete(rel)) this.changed = true;
  }

  /**
   * Whether there is anything new to write: a row added, changed or dropped, or more rows this scan
   * did not meet than it met (files deleted or renamed since: without this the index of a busy
   * repository would only grow).
   */
  get dirty(): boolean {
    return this.changed || this.rows.size - this.met.size > this.met.size;
  }

  get size(): number {
    return this.rows.size;
  }

  /** The rows of the paths this scan met (a scan of part of the root drops the others: they are read, and indexed, again when met). */
  serialize(tool: string): string {
    const files = [...this.rows]
      .filter(([rel]) => this.met.has(rel))
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([rel, [key, digest, format, mask]]) => [rel, key, digest, format, mask]);
    return JSON.stringify({ layout: LAYOUT, tool, files });
  }
}

/** A text's digest as the index and the scan cache's keys take it: SHA-256 of its UTF-8, hex. */
export function sourceDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * An indexed file read when something asked for its text, which is not the text indexed: it changed
 * after discovery statted it, so the findings (from the cache, for the indexed text) may not be its.
 */
export class FileChangedDuringScan extends Error {
  constructor(readonly file: string) {
    super(`${file} changed while it was being scanned (its text is not the one the scan judged), so no report was written from it.`);
    this.name = 'FileChangedDuringScan';
  }
}

/**
 * The text of a file the index knew, read when something first asks for it: decoded as discovery
 * decodes (only clean texts are indexed) and checked against the indexed digest, or
 * FileChangedDuringScan.
 */
export function readIndexed(fs: Pick<ScanFileSystem, 'readRegularFile'>, absolute: string, rel: string, digest: string, maxBytes: number): string {
  const file = fs.readRegularFile(absolute, maxBytes);
  const decoded = file?.bytes ? decodeText(file.bytes) : undefined;
  if (!decoded?.ok || sourceDigest(decoded.text) !== digest) throw new FileChangedDuringScan(rel);
  return decoded.text;
}
