// The audit log (issue 9): append-only JSON lines, hash-chained. Each entry carries its `seq`
// (1, 2, …), the `prev` hash of the entry before it (64 zeros for the first) and its own `hash`:
// SHA-256 over the canonical JSON (sorted keys, no spaces) of the entry without `hash`. Editing,
// removing, inserting or reordering an entry breaks the chain at that line, and `verifyAuditLog`
// names the line and seq. Entries hold ids, paths, counts and digests only: never file contents,
// justifications or values, so no secret or PHI can reach the log.
import { createHash } from 'node:crypto';
import { maskDetected } from '../detectors/mask.js';
import { pushTo } from '../util/multi-map.js';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditKind = 'scan' | 'waiver-added' | 'waiver-changed' | 'waiver-removed' | 'waiver-expired' | 'fix';

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** What a caller records; the log adds seq, prev and hash. */
export interface AuditRecord {
  readonly kind: AuditKind;
  /** ISO 8601 time, from the scan context's clock. */
  readonly time: string;
  /** git config user.email, else $USER, else "unknown". */
  readonly actor: string;
  /** "safeguard 1.2.3". */
  readonly tool: string;
  readonly [key: string]: JsonValue;
}

export interface AuditEntry extends AuditRecord {
  readonly seq: number;
  readonly prev: string;
  readonly hash: string;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash an entry must carry: over everything but `hash` itself. */
export function entryHash(entry: Readonly<Record<string, unknown>>): string {
  const { hash: _ignored, ...rest } = entry;
  return sha256(canonicalJson(rest));
}

// Digests and hashes are high-entropy hex by design; everything else is masked should a detector fire.
const HEX_KEYS = /(digest|hash|prev|commit)$/i;

function masked(value: JsonValue, key: string): JsonValue {
  if (typeof value === 'string') return HEX_KEYS.test(key) ? value : maskDetected(value);
  if (Array.isArray(value)) return value.map((v) => masked(v as JsonValue, key));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v as JsonValue, k)]));
  return value;
}

/** The next entry after `last` (undefined for an empty log), as one line without the newline. */
export function sealEntry(record: AuditRecord, last: Pick<AuditEntry, 'seq' | 'hash'> | undefined): { entry: AuditEntry; line: string } {
  const body = masked(record as unknown as JsonValue, '') as Record<string, JsonValue>;
  const { kind, time, actor, tool, ...rest } = body;
  const unsealed = { seq: (last?.seq ?? 0) + 1, time, kind, actor, tool, ...rest, prev: last?.hash ?? GENESIS_HASH };
  const entry = { ...unsealed, hash: entryHash(unsealed) } as unknown as AuditEntry;
  return { entry, line: JSON.stringify(entry) };
}

export type AuditProblemKind = 'malformed' | 'cut-short' | 'edited' | 'removed' | 'inserted' | 'reordered' | 'truncated';

export interface AuditProblem {
  /** 1-based line in the log file. */
  readonly line: number;
  readonly seq?: number;
  readonly kind: AuditProblemKind;
  readonly message: string;
}

export interface AuditVerification {
  readonly entries: number;
  readonly problems: readonly AuditProblem[];
  /** Hash of the last entry: record it elsewhere to also detect a truncated or rewritten tail. */
  readonly head?: string;
}

interface ParsedLine {
  readonly line: number;
  readonly entry?: { readonly seq: number; readonly prev: string; readonly hash: string; readonly [key: string]: unknown };
}

function parseLine(text: string): ParsedLine['entry'] {
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const e = value as Record<string, unknown>;
    if (!Number.isInteger(e['seq']) || typeof e['prev'] !== 'string' || typeof e['hash'] !== 'string') return undefined;
    return e as ParsedLine['entry'];
  } catch {
    return undefined;
  }
}

/** Entries of a log that verify, for readers that need history (last hash, recorded waivers). */
export function readAuditEntries(text: string): AuditEntry[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(parseLine)
    .filter((e): e is NonNullable<ParsedLine['entry']> => e !== undefined) as unknown as AuditEntry[];
}

export interface AuditVerifyOptions {
  /**
   * Heads recorded earlier, out of the writer's reach (`audit verify` printed it, an evidence
   * manifest holds it): each must still be an entry of the log. The chain alone cannot show that
   * the last entries were removed or the tail rewritten with fresh hashes; a known head can.
   */
  readonly expectHeads?: readonly string[];
}

/**
 * Whether a line that is no entry is the start of one (`{"seq":…` that ends before its JSON does): what
 * a writer killed part way through an append leaves; the next append starts a new line and chains to
 * the last whole entry. Said apart from other damage so a crash does not read as tampering first;
 * it stays a problem, as an edit can leave the same.
 */
function cutShort(raw: string): boolean {
  if (!raw.startsWith('{"seq":')) return false;
  try {
    JSON.parse(raw);
    return false;
  } catch (error) {
    // V8 says where it stopped: at the very end of the line, the JSON was cut, not changed.
    const at = error instanceof SyntaxError ? /at position (\d+)/.exec(error.message) : null;
    return error instanceof SyntaxError && (/end of JSON input/i.test(error.message) || (at !== null && Number(at[1]) === raw.length));
  }
}

export function verifyAuditLog(text: string, options: AuditVerifyOptions = {}): AuditVerification {
  const lines: ParsedLine[] = [];
  const raws = text.split('\n');
  raws.forEach((raw, i) => {
    if (raw.trim() === '' && i === raws.length - 1) return; // the final newline
    lines.push({ line: i + 1, ...(raw.trim() === '' ? {} : { entry: parseLine(raw) }) });
  });
  const problems: AuditProblem[] = [];
  const seqLines = new Map<number, number[]>();
  for (const l of lines) if (l.entry) pushTo(seqLines, l.entry.seq, l.line);
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let previous: { line: number; seq: number; flagged: boolean } | undefined;
  for (const { line, entry } of lines) {
    const before = problems.length;
    if (!entry) {
      problems.push(
        cutShort(raws[line - 1]!)
          ? { line, kind: 'cut-short', message: `line ${line}: an entry cut short: a scan or \`waivers add\` killed while appending leaves this, and so can an edit` }
          : { line, kind: 'malformed', message: `line ${line}: not an audit entry (not JSON, or no seq/prev/hash); it was edited or inserted` },
      );
      // The next entry's link is checked past a cut-short append (a killed writer's next append chains to the last whole entry), not past other junk.
      if (previous && problems.at(-1)!.kind !== 'cut-short') previous = { ...previous, flagged: true };
      continue;
    }
    const { seq } = entry;
    const at = `line ${line} (seq ${seq})`;
    if (entryHash(entry) !== entry.hash) {
      problems.push({ line, seq, kind: 'edited', message: `${at}: edited; its contents no longer match its hash` });
    } else if (seq !== expectedSeq) {
      const laterLine = (seqLines.get(expectedSeq) ?? []).find((l) => l > line);
      const earlierLines = (seqLines.get(seq) ?? []).filter((l) => l < line);
      if (seq > expectedSeq && laterLine !== undefined) {
        problems.push({ line, seq, kind: 'reordered', message: `${at}: out of order; seq ${expectedSeq} comes later, at line ${laterLine}` });
      } else if (seq > expectedSeq) {
        const gone = seq - expectedSeq === 1 ? `seq ${expectedSeq} is` : `seq ${expectedSeq}–${seq - 1} are`;
        problems.push({ line, seq, kind: 'removed', message: `${at}: ${gone} missing before this line; entries were removed` });
      } else if (earlierLines.length > 0 && entry.prev !== previousHash) {
        problems.push({ line, seq, kind: 'inserted', message: `${at}: seq ${seq} also appears at line ${earlierLines[0]}; an entry was inserted there or here` });
      } else {
        problems.push({ line, seq, kind: 'reordered', message: `${at}: out of order; seq ${expectedSeq} was expected here` });
      }
    } else if (entry.prev !== previousHash && !previous?.flagged) {
      // The entry before was rewritten with a fresh hash: only this link shows it.
      problems.push(
        previous
          ? { line: previous.line, seq: previous.seq, kind: 'edited', message: `line ${previous.line} (seq ${previous.seq}): edited or replaced; line ${line} (seq ${seq}) was chained to a different entry` }
          : { line, seq, kind: 'edited', message: `${at}: edited; the first entry must start the chain (prev of 64 zeros)` },
      );
    }
    // Resynchronise on this entry so one tampered line is reported once, not at every line after it.
    expectedSeq = Math.max(expectedSeq, seq + 1);
    previousHash = entry.hash;
    previous = { line, seq, flagged: problems.length > before };
  }
  const last = [...lines].reverse().find((l) => l.entry)?.entry;
  if (options.expectHeads && options.expectHeads.length > 0) {
    const hashes = new Set(lines.flatMap((l) => (l.entry && entryHash(l.entry) === l.entry.hash ? [l.entry.hash] : [])));
    for (const head of options.expectHeads) {
      if (hashes.has(head.toLowerCase())) continue;
      problems.push({
        line: lines.length + 1,
        kind: 'truncated',
        message: `no intact entry has the recorded head ${head.slice(0, 12)}…; entries were removed from the end of the log or its tail was rewritten`,
      });
    }
  }
  return { entries: lines.length, problems, ...(last ? { head: last.hash } : {}) };
}
