// The JSON report's findings memo (issue 11), kept in the scan cache's directory beside its entries
// as `XX/<signature>.findings`: the findings' text of a JSON report, by the signature json.ts gives
// it (which findings of which cache entries, whether each blocks, the display root, the rules'
// documentation). A warm scan of corpus (a) then copies ~20 MB of findings instead of writing 11 500
// findings again (~50 ms of a ~140 ms scan). It holds what the entries and the report hold: findings
// (redacted messages), paths and rule documentation, never a file's text. pruneCache counts and
// deletes these files with the entries.
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, utimesSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../engine/finding.js';
import type { CacheOrigin } from '../pipeline/scan-cache.js';
import { FindingsMemoDamaged, type FindingsMemo, type FindingsMemoWriter } from '../reporters/report-input.js';
import { temporaryName, writeFully } from './file-writes.js';
import { DEFAULT_CACHE_LIMITS, pruneCache, type CacheLimits } from './source-scan-setup.js';

/**
 * Begins every memo, with its signature and a checksum of its body: a file that does not is not
 * used. 1 had no checksum, and a memo damaged in the middle (zero-filled by a crash, a bad disk) was
 * copied into the report, which then was not JSON while the scan said it was written. The checksum
 * guards against damage, not tampering (whoever can write the cache can write a checksum), so 3
 * takes CRC-32, as gzip and zip do for the same purpose: every read checks the whole body, ~20 MB
 * for corpus (a), and SHA-1 (2) was the dearest step of a warm re-scan after the copy itself
 * (CRC-32 ran about three times as fast on the bench machine). Node before 20.15 has no CRC-32 in
 * zlib: there the memo says `sha1`, and a memo of the other kind is not read (written anew).
 */
const MAGIC = 'safeguard-findings-memo 3';

interface Checksum {
  update(piece: string | Uint8Array): void;
  hex(): string;
}

const zlibCrc32 = (zlib as { crc32?: (data: string | Uint8Array, value?: number) => number }).crc32;

interface ChecksumKind {
  readonly name: string;
  /** Hex digits. */
  readonly digits: number;
  readonly start: () => Checksum;
}

/** CRC-32 when `crc32` (zlib's) is there, else SHA-1. Exported for its test. */
export function memoChecksum(crc32: typeof zlibCrc32): ChecksumKind {
  if (crc32) {
    const start = (): Checksum => {
      let value = 0;
      return { update: (piece) => (value = crc32(piece, value)), hex: () => (value >>> 0).toString(16).padStart(8, '0') };
    };
    return { name: 'crc32', digits: 8, start };
  }
  const start = (): Checksum => {
    const hash = createHash('sha1');
    return { update: (piece) => void hash.update(piece), hex: () => hash.digest('hex') };
  };
  return { name: 'sha1', digits: 40, start };
}

/** The checksum this process writes. */
const CHECKSUM = memoChecksum(zlibCrc32);

/** The checksum's place in the header: written as zeros, then over them once the body is complete. */
const UNSEALED = '0'.repeat(CHECKSUM.digits);

const MEMO_SUFFIX = '.findings';

/** A memo is read a piece of this size at a time, into one buffer. */
const PIECE = 1 << 20;

/** A memo for the findings of `origins`, undefined when none came from the cache. */
export function findingsMemo(dir: string, origins: readonly CacheOrigin[], limits: CacheLimits = DEFAULT_CACHE_LIMITS): FindingsMemo | undefined {
  if (origins.length === 0) return undefined;
  const offsets: number[] = [];
  let total = 0;
  for (const origin of origins) {
    offsets.push(total);
    total += origin.findings.length;
  }
  /**
   * Each finding's place. The report's findings are usually the entries' own, merged (scan.ts merges
   * the sources' and the documents' sorted lists), so each is the next of one entry: a comparison or
   * two per finding. Otherwise (some filtered out or replaced), a map of every place.
   */
  const places = (findings: readonly Finding[]): Uint32Array | undefined => {
    const out = new Uint32Array(findings.length);
    const next = origins.map(() => 0);
    merged: for (let i = 0; i < findings.length; i++) {
      for (let k = 0; k < origins.length; k++) {
        if (findings[i] === origins[k]!.findings[next[k]!]) {
          out[i] = offsets[k]! + next[k]!++;
          continue merged;
        }
      }
      return placesByMap(findings);
    }
    return out;
  };
  const placesByMap = (findings: readonly Finding[]): Uint32Array | undefined => {
    const byFinding = new Map<Finding, number>();
    for (const origin of origins) for (const f of origin.findings) byFinding.set(f, byFinding.size);
    const out = new Uint32Array(findings.length);
    for (let i = 0; i < findings.length; i++) {
      const place = byFinding.get(findings[i]!);
      if (place === undefined) return undefined;
      out[i] = place;
    }
    return out;
  };
  const file = (signature: string): string => path.join(dir, signature.slice(0, 2), `${signature}${MEMO_SUFFIX}`);
  const header = (signature: string, digest = UNSEALED): string => `${MAGIC} ${signature} ${CHECKSUM.name} ${digest}\n`;
  return {
    entries: origins.map((o) => o.generation).join(' '),
    places,
    read: (signature, shape) => {
      const name = file(signature);
      let fd: number | undefined;
      try {
        fd = openSync(name, 'r');
        const size = fstatSync(fd).size;
        const prefix = header(signature, '');
        const buffer = Buffer.allocUnsafe(PIECE);
        const first = readSync(fd, buffer, 0, PIECE, 0);
        const body = header(signature).length;
        const digest = buffer.toString('latin1', prefix.length - 1, body - 1);
        const last = Buffer.alloc(shape.end.length);
        readSync(fd, last, 0, last.length, size - last.length);
        if (
          size < body + shape.start.length + shape.end.length ||
          first < body + shape.start.length ||
          buffer.toString('latin1', 0, prefix.length - 1) !== prefix.slice(0, -1) ||
          buffer.toString('latin1', body - 1, body) !== '\n' ||
          !new RegExp(`^[0-9a-f]{${CHECKSUM.digits}}$`).test(digest) ||
          digest === UNSEALED ||
          buffer.toString('latin1', body, body + shape.start.length) !== shape.start ||
          last.toString('latin1') !== shape.end
        ) {
          closeSync(fd);
          return undefined;
        }
        const now = new Date();
        utimesSync(name, now, now); // recently used, as a read entry is
        return checkedPieces(fd, buffer, body, first, size, digest, name);
      } catch {
        if (fd !== undefined) closeSync(fd);
        return undefined;
      }
    },
    write: (signature) => {
      const target = file(signature);
      const temp = temporaryName(target); // unique: two jobs sharing the cache may have one pid
      let fd: number | undefined;
      try {
        mkdirSync(path.dirname(target), { recursive: true });
        fd = openSync(temp, 'w', 0o600);
        writeFully(fd, header(signature));
      } catch {
        if (fd !== undefined) {
          closeSync(fd);
          rmSync(temp, { force: true });
        }
        return undefined; // an unwritable cache only makes the next report a written one
      }
      const open = fd;
      let failed = false;
      const hash = CHECKSUM.start();
      const writer: FindingsMemoWriter = {
        add: (piece) => {
          if (failed) return;
          try {
            writeFully(open, piece);
            hash.update(piece);
          } catch {
            failed = true;
          }
        },
        end: () => {
          try {
            if (!failed) {
              // Over the zeros at the start: only a memo whose every byte was written carries its digest.
              const sealed = Buffer.from(header(signature, hash.hex()), 'latin1');
              if (writeSync(open, sealed, 0, sealed.length, 0) !== sealed.length) failed = true;
            }
          } catch {
            failed = true;
          }
          try {
            closeSync(open);
            if (failed) rmSync(temp, { force: true });
            else {
              renameSync(temp, target); // readers never see half a memo
              pruneCache(dir, limits, target);
            }
          } catch {
            // as above
          }
        },
        abort: () => {
          try {
            closeSync(open);
            rmSync(temp, { force: true });
          } catch {
            // as above
          }
        },
      };
      return writer;
    },
  };
}

/**
 * The memo's body, from `start`, a piece at a time in `buffer` (which holds the first `filled` bytes
 * already), checked as it goes: after the last piece, a body whose checksum is not `digest` throws
 * FindingsMemoDamaged (and the memo is deleted), so the report being written from it is not kept.
 * One read of the memo, not one to check it and another to copy it (~10 ms of a warm scan of corpus
 * (a)). The file is closed at the end, or when the reader stops early. A memo is never written in
 * place (a new one is renamed over it), so the open file stays as it was when it was opened.
 */
function* checkedPieces(fd: number, buffer: Buffer, start: number, filled: number, size: number, digest: string, name: string): Generator<Uint8Array> {
  const hash = CHECKSUM.start();
  try {
    const head = buffer.subarray(start, filled);
    hash.update(head);
    yield head;
    for (let at = filled; at < size; ) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, size - at), at);
      if (read === 0) break; // shorter than it was: the digest tells
      at += read;
      const piece = buffer.subarray(0, read);
      hash.update(piece); // before the piece is handed on: it is only valid until the next is asked for
      yield piece;
    }
  } finally {
    closeSync(fd);
  }
  if (hash.hex() !== digest) {
    rmSync(name, { force: true });
    throw new FindingsMemoDamaged(name);
  }
}
