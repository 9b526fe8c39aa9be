// Baseline files (issue 8): `safeguard baseline create` records today's failing findings, and
// `scan --baseline FILE` reports only findings not in it, and lists entries that no longer occur.
// An entry is keyed by rule, file, resource address AND content fingerprint: Checkov keys on address
// and rule only, so a new `aws_s3_bucket.this` in another directory is silently absorbed
// (checkov#7647). Paths are relative to the baseline file's directory, forward slashes, so the file
// works from any working directory and on any OS. Pure: the CLI reads and writes the file.
// The file names the fingerprint recipe it was written with (`fingerprints`; none: recipe 1, before
// a whole block's fingerprint stopped covering its text), and findings are compared with its entries
// by that recipe, so a committed baseline keeps matching what it matched until it is recreated.
import type { Finding } from '../engine/finding.js';
import { diagnostic } from '../source/diagnostic.js';
import { err, ok, type Result } from '../source/result.js';
import { fingerprintSources } from '../reporters/redact.js';
import { FINGERPRINT_RECIPE, FINGERPRINT_RECIPE_NAMES, redactedContentFingerprint, type FingerprintRecipe } from './fingerprint.js';
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
  /** How its fingerprints were computed. */
  readonly recipe: FingerprintRecipe;
  readonly entries: readonly BaselineEntry[];
}

/** How findings are turned into keys: their file as the baseline sees it, and the file's text. */
export interface BaselineKeying {
  /** A root-relative finding path → the path stored in the baseline. */
  keyPath(file: string): string;
  sources(file: string): string | undefined;
}

export function baselineEntry(f: Finding, keying: BaselineKeying, recipe: FingerprintRecipe = FINGERPRINT_RECIPE): BaselineEntry {
  const file = keying.keyPath(f.span.file);
  return { ruleId: f.ruleId, file, resource: f.resource.address, fingerprint: redactedContentFingerprint(f, file, redactedOf(keying)(f.span.file), recipe), line: f.span.start.line, message: f.message };
}

/** Each file redacted once per keying (a baseline of corpus (a) redacted a whole file per failing finding: ~4 s). */
const redactedByKeying = new WeakMap<BaselineKeying, (file: string) => string | undefined>();

function redactedOf(keying: BaselineKeying): (file: string) => string | undefined {
  return weakMemo(redactedByKeying, keying, () => fingerprintSources((file) => keying.sources(file)));
}

const keyOf = (e: Pick<BaselineEntry, 'ruleId' | 'file' | 'resource' | 'fingerprint'>): string => [e.ruleId, e.file, e.resource, e.fingerprint].join('\u0000');

/** Failing findings become entries (waived ones are already accounted for by their waiver). */
export function createBaseline(findings: readonly Finding[], keying: BaselineKeying): Baseline {
  const entries = findings.filter((f) => f.status === 'fail').map((f) => baselineEntry(f, keying));
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { version: BASELINE_VERSION, recipe: FINGERPRINT_RECIPE, entries };
}

export function renderBaseline(baseline: Baseline): string {
  // Recipe 1 files had no `fingerprints`: one rendered again stays as it was.
  const recipe = baseline.recipe === 1 ? {} : { fingerprints: FINGERPRINT_RECIPE_NAMES[baseline.recipe] };
  return `${JSON.stringify({ version: baseline.version, tool: 'safeguard', ...recipe, entries: baseline.entries }, null, 2)}\n`;
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
  const { version, entries, fingerprints } = json as { version?: unknown; entries?: unknown; fingerprints?: unknown };
  // Checkov's .checkov.baseline keys findings by resource and check id only; it cannot be read as ours.
  if ('failed_checks' in json && version === undefined) {
    return err(diagnostic('baseline/invalid', 'error', `${file}: a Checkov baseline (failed_checks), not a Safeguard one.`, { hint: 'Create a Safeguard baseline from the same code: `safeguard baseline create -o .safeguard-baseline.json`, then --baseline .safeguard-baseline.json.', file }));
  }
  if (version !== BASELINE_VERSION) return bad(`version: expected ${BASELINE_VERSION}, got ${JSON.stringify(version)}.`);
  // Absent in files written before recipe 2. One from a later version cannot be matched here: an
  // error, not every entry silently gone and every finding new.
  const recipe = fingerprints === undefined ? 1 : recipeNamed(fingerprints);
  if (recipe === undefined) {
    const known = Object.values(FINGERPRINT_RECIPE_NAMES).map((n) => JSON.stringify(n)).join(' or ');
    return bad(`fingerprints: expected ${known}, got ${JSON.stringify(fingerprints)}.`);
  }
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
  return ok({ version: BASELINE_VERSION, recipe, entries: parsed });
}

function recipeNamed(name: unknown): FingerprintRecipe | undefined {
  for (const [recipe, known] of Object.entries(FINGERPRINT_RECIPE_NAMES)) if (known === name) return Number(recipe) as FingerprintRecipe;
  return undefined;
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
  // By index: a list may hold one finding object twice, each needing an entry.
  const matched = findings.map(() => false);
  const otherInstance: number[] = [];
  for (const [i, f] of findings.entries()) {
    if (f.status !== 'fail') continue;
    const matches = remaining.get(keyOf(baselineEntry(f, keying, baseline.recipe)));
    if (matches && matches.length > 0) {
      matches.shift();
      matched[i] = true;
    } else if (f.resource.instance !== undefined) otherInstance.push(i);
  }
  // After every exact match, so that an entry goes to the instance it was made for when the scan has it.
  for (const i of otherInstance) if (matchUnderOtherInstance(findings[i]!, remaining, baseline.recipe, keying)) matched[i] = true;
  return {
    findings: findings.filter((_, i) => !matched[i]),
    baselined: findings.filter((_, i) => matched[i]),
    gone: [...remaining.values()].flat(),
  };
}

/** `.var.db_password` of `module.svc.var.db_password`: the declaration, whatever module instance names it. */
const DECLARATION_SUFFIX = /\.(?:var|output)\.[A-Za-z_][\w-]*$/;

/**
 * Whether an entry holds `f`, a sharded scan's failing finding on a declaration judged once per scan
 * (Finding.resource.instance: a called module's variable or output) that no entry matched exactly,
 * and if so takes that entry. The scan judges such a
 * declaration under its first module instance, and a shard sees only its own root modules: the
 * unsharded scan that wrote the baseline judged it as `module.svc.var.db_password` (envs/c), the
 * shard holding envs/d only as `module.other.var.db_password`, at the same place with the same
 * text, and reported it as new (a failed CI job for a finding the baseline holds). An entry
 * matches such a finding when it is the same rule, file and declaration under another instance
 * (its address ends alike) and its fingerprint is the one the finding would have under that
 * entry's address: the same content, so a changed declaration is still new. No fingerprint or
 * entry changes: baselines written before match as they did, and unsharded scans match exactly.
 */
function matchUnderOtherInstance(f: Finding, remaining: Map<string, BaselineEntry[]>, recipe: FingerprintRecipe, keying: BaselineKeying): boolean {
  const suffix = DECLARATION_SUFFIX.exec(f.resource.address)?.[0];
  if (suffix === undefined) return false;
  const file = keying.keyPath(f.span.file);
  for (const same of remaining.values()) {
    const at = same.findIndex((e) => e.ruleId === f.ruleId && e.file === file && e.resource.startsWith('module.') && e.resource.endsWith(suffix) && baselineEntry({ ...f, resource: { ...f.resource, address: e.resource } }, keying, recipe).fingerprint === e.fingerprint);
    if (at < 0) continue;
    same.splice(at, 1);
    return true;
  }
  return false;
}
