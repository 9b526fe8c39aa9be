// Baseline files (issue 8): `safeguard baseline create` records today's failing findings, and
// `scan --baseline FILE` reports only findings not in it, and lists entries that no longer occur.
// An entry is keyed by rule, file, resource address AND content fingerprint: Checkov keys on address
// and rule only, so a new `aws_s3_bucket.this` in another directory is silently absorbed
// (checkov#7647). Paths are relative to the baseline file's directory, forward slashes, so the file
// works from any working directory and on any OS. Pure: the CLI reads and writes the file.
import type { Finding } from '../engine/finding.js';
import { diagnostic } from '../source/diagnostic.js';
import { err, ok, type Result } from '../source/result.js';
import { redactedSources } from '../reporters/redact.js';
import { redactedContentFingerprint } from './fingerprint.js';
import { pushTo } from '../util/multi-map.js';
import { weakMemo } from '../util/weak-memo.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  readonly ruleId: string;
  readonly file: string;
  readonly resource: string;
  readonly fingerprint: string;
  /** For people reading the file; not part of the key (lines move). */
  readonly line?: number;
  readonly message?: string;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly entries: readonly BaselineEntry[];
}

/** How findings are turned into keys: their file as the baseline sees it, and the file's text. */
export interface BaselineKeying {
  /** A root-relative finding path → the path stored in the baseline. */
  keyPath(file: string): string;
  sources(file: string): string | undefined;
}

export function baselineEntry(f: Finding, keying: BaselineKeying): BaselineEntry {
  const file = keying.keyPath(f.span.file);
  return { ruleId: f.ruleId, file, resource: f.resource.address, fingerprint: redactedContentFingerprint(f, file, redactedOf(keying)(f.span.file)), line: f.span.start.line, message: f.message };
}

/** Each file redacted once per keying (a baseline of corpus (a) redacted a whole file per failing finding: ~4 s). */
const redactedByKeying = new WeakMap<BaselineKeying, (file: string) => string | undefined>();

function redactedOf(keying: BaselineKeying): (file: string) => string | undefined {
  return weakMemo(redactedByKeying, keying, () => redactedSources((file) => keying.sources(file)));
}

const keyOf = (e: Pick<BaselineEntry, 'ruleId' | 'file' | 'resource' | 'fingerprint'>): string => [e.ruleId, e.file, e.resource, e.fingerprint].join('\u0000');

/** Failing findings become entries (waived ones are already accounted for by their waiver). */
export function createBaseline(findings: readonly Finding[], keying: BaselineKeying): Baseline {
  const entries = findings.filter((f) => f.status === 'fail').map((f) => baselineEntry(f, keying));
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { version: BASELINE_VERSION, entries };
}

export function renderBaseline(baseline: Baseline): string {
  return `${JSON.stringify({ version: baseline.version, tool: 'safeguard', entries: baseline.entries }, null, 2)}\n`;
}

export function parseBaseline(text: string, file: string): Result<Baseline> {
  const bad = (message: string) => err<Baseline>(diagnostic('baseline/invalid', 'error', `${file}: ${message}`, { hint: 'Recreate it with `safeguard baseline create`.', file }));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return bad('not valid JSON.');
  }
  if (typeof json !== 'object' || json === null) return bad('expected a JSON object.');
  const { version, entries } = json as { version?: unknown; entries?: unknown };
  if (version !== BASELINE_VERSION) return bad(`version: expected ${BASELINE_VERSION}, got ${JSON.stringify(version)}.`);
  if (!Array.isArray(entries)) return bad('entries: expected an array.');
  const parsed: BaselineEntry[] = [];
  for (const [i, e] of entries.entries()) {
    const entry = e as Record<string, unknown>;
    for (const key of ['ruleId', 'file', 'resource', 'fingerprint'] as const) {
      if (typeof entry?.[key] !== 'string') return bad(`entries[${i}].${key}: expected a string.`);
    }
    parsed.push({
      ruleId: entry.ruleId as string,
      file: entry.file as string,
      resource: entry.resource as string,
      fingerprint: entry.fingerprint as string,
      ...(typeof entry.line === 'number' ? { line: entry.line } : {}),
      ...(typeof entry.message === 'string' ? { message: entry.message } : {}),
    });
  }
  return ok({ version: BASELINE_VERSION, entries: parsed });
}

export interface BaselineComparison {
  /** Every finding except failing ones the baseline holds. */
  readonly findings: readonly Finding[];
  /** Failing findings the baseline holds (left out of reports). */
  readonly baselined: readonly Finding[];
  /** Entries that matched nothing: fixed (or changed) since the baseline was made. */
  readonly gone: readonly BaselineEntry[];
}

export function compareWithBaseline(findings: readonly Finding[], baseline: Baseline, keying: BaselineKeying): BaselineComparison {
  // A multiset: two identical findings need two entries.
  const remaining = new Map<string, BaselineEntry[]>();
  for (const e of baseline.entries) pushTo(remaining, keyOf(e), e);
  const kept: Finding[] = [];
  const baselined: Finding[] = [];
  for (const f of findings) {
    if (f.status !== 'fail') {
      kept.push(f);
      continue;
    }
    const matches = remaining.get(keyOf(baselineEntry(f, keying)));
    if (matches && matches.length > 0) {
      matches.shift();
      baselined.push(f);
    } else kept.push(f);
  }
  return { findings: kept, baselined, gone: [...remaining.values()].flat() };
}
