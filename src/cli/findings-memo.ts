// The JSON report's findings memo (issue 11), kept in the scan cache's directory beside its entries
// as `XX/<signature>.findings`: the findings' text of a JSON report, by the signature json.ts gives
// it (which findings of which cache entries, whether each blocks, the display root, the rules'
// documentation). A warm scan of corpus (a) then copies ~20 MB of findings instead of writing 11 500
// findings again (~50 ms of a ~140 ms scan). It holds what the entries and the report hold: findings
// (redacted messages), paths and rule documentation, never a file's text. pruneCache counts and
// deletes these files with the entries.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, utimesSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../engine/finding.js';
import type { CacheOrigin } from '../pipeline/scan-cache.js';
import type { FindingsMemo, FindingsMemoWriter } from '../reporters/report-input.js';
import { DEFAULT_CACHE_LIMITS, pruneCache, type CacheLimits } from './source-scan-setup.js';

/** Begins every memo, with its signature: a file that does not is not used. */
const MAGIC = 'safeguard-findings-memo 1';

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
  const header = (signature: string): string => `${MAGIC} ${signature}\n`;
  return {
    entries: origins.map((o) => o.generation).join(' '),
    places,
    read: (signature, shape) => {
      const name = file(signature);
      let fd: number | undefined;
      try {
        fd = openSync(name, 'r');
        const size = fstatSync(fd).size;
        const expected = header(signature);
        const buffer = Buffer.allocUnsafe(PIECE);
        const first = readSync(fd, buffer, 0, PIECE, 0);
        const body = expected.length;
        const last = Buffer.alloc(shape.end.length);
        readSync(fd, last, 0, last.length, size - last.length);
        if (
          size < body + shape.start.length + shape.end.length ||
          first < body + shape.start.length ||
          buffer.toString('latin1', 0, body) !== expected ||
          buffer.toString('latin1', body, body + shape.start.length) !== shape.start ||
          last.toString('latin1') !== shape.end
        ) {
          closeSync(fd);
          return undefined;
        }
        const now = new Date();
        utimesSync(name, now, now); // recently used, as a read entry is
        return pieces(fd, buffer, body, first, size);
      } catch {
        if (fd !== undefined) closeSync(fd);
        return undefined;
      }
    },
    write: (signature) => {
      const target = file(signature);
      const temp = `${target}.${process.pid}.tmp`;
      let fd: number;
      try {
        mkdirSync(path.dirname(target), { recursive: true });
        fd = openSync(temp, 'w', 0o600);
        writeSync(fd, header(signature));
      } catch {
        return undefined; // an unwritable cache only makes the next report a written one
      }
      let failed = false;
      const writer: FindingsMemoWriter = {
        add: (piece) => {
          if (failed) return;
          try {
            // A short write (a full disk) would leave a memo with a gap that still begins and ends right.
            if (writeSync(fd, piece) !== Buffer.byteLength(piece)) failed = true;
          } catch {
            failed = true;
          }
        },
        end: () => {
          try {
            closeSync(fd);
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
            closeSync(fd);
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
 * already); the file is closed at the end, or when the reader stops early. A memo is never written in
 * place (a new one is renamed over it), so the open file stays as it was checked.
 */
function* pieces(fd: number, buffer: Buffer, start: number, filled: number, size: number): Generator<Uint8Array> {
  try {
    yield buffer.subarray(start, filled);
    for (let at = filled; at < size; ) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, size - at), at);
      if (read === 0) throw new Error('the findings memo ended early');
      at += read;
      yield buffer.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}
