// The scan cache (issue 11): a warm re-scan of unchanged inputs reuses the findings and diagnostics
// of the last scan instead of evaluating and judging again. An entry is keyed by a SHA-256 digest of
// every input that decides the result: each file's path and content, the tool version and build,
// the rules and their settings, variables (--var, --var-file, TF_VAR_*), inline-suppression mode
// and the day (suppressions expire). Files the evaluator read from disk through file() or
// templatefile() are recorded with their digests and re-checked before an entry is used.
//
// The cache never holds file text: only findings and diagnostics, whose messages are already
// redacted, and digests. As a last guard an entry in which the secret and PHI detectors find
// anything is not written. Code frames are drawn from the current files at report time.
import { createHash } from 'node:crypto';
import { maskDetected } from '../detectors/mask.js';
import type { Finding } from '../engine/finding.js';
import type { RuleSettings } from '../engine/run-rules.js';
import type { Diagnostic } from '../source/diagnostic.js';

/** Bump when the entry layout or anything the key leaves out changes meaning. */
const FORMAT = 1;

export interface CacheStore {
  read(name: string): string | undefined;
  write(name: string, text: string): void;
}

export interface CacheKeyInput {
  /** Tool version and build identity: a new build never reuses an old build's results. */
  readonly tool: string;
  readonly files: ReadonlyMap<string, string>;
  readonly ruleIds: readonly string[];
  readonly settings?: ReadonlyMap<string, RuleSettings>;
  readonly varFiles?: readonly string[];
  readonly vars?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly inlineSuppressions: boolean;
  readonly today: string;
  /** Anything else that narrows the scan (--shard). */
  readonly extra?: string;
}

export interface CachedScan {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

interface Entry extends CachedScan {
  readonly format: number;
  readonly key: string;
  /** Files read from disk during evaluation: path → digest of the text (null when unreadable). */
  readonly reads: readonly (readonly [string, string | null])[];
}

export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function cacheKey(input: CacheKeyInput): string {
  const hash = createHash('sha256');
  const settings = [...(input.settings ?? new Map<string, RuleSettings>())].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  hash.update(JSON.stringify({ format: FORMAT, tool: input.tool, rules: [...input.ruleIds].sort(), settings, varFiles: input.varFiles ?? [], vars: sortedEntries(input.vars), env: sortedEntries(input.env), inline: input.inlineSuppressions, today: input.today, extra: input.extra ?? '' }));
  for (const path of [...input.files.keys()].sort()) {
    hash.update(`\0${path}\0`);
    hash.update(digest(input.files.get(path)!));
  }
  return hash.digest('hex');
}

function sortedEntries(record: Readonly<Record<string, string>> | undefined): [string, string][] {
  return Object.entries(record ?? {}).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

const entryName = (key: string): string => `${key.slice(0, 2)}/${key}.json`;

/**
 * The cached result for `key`, if every file it read from disk still has the same content
 * (`read` gives the current text, undefined when unreadable).
 */
export function lookup(store: CacheStore, key: string, read: (rel: string) => string | undefined): CachedScan | undefined {
  const text = store.read(entryName(key));
  if (text === undefined) return undefined;
  let entry: Entry;
  try {
    entry = JSON.parse(text) as Entry;
  } catch {
    return undefined; // a torn or foreign file: recompute and overwrite
  }
  if (entry.format !== FORMAT || entry.key !== key || !Array.isArray(entry.findings) || !Array.isArray(entry.diagnostics) || !Array.isArray(entry.reads)) return undefined;
  for (const [path, expected] of entry.reads) {
    const now = read(path);
    if ((now === undefined ? null : digest(now)) !== expected) return undefined;
  }
  return { findings: entry.findings, diagnostics: entry.diagnostics };
}

/** Stores a result; false (nothing written) when the detectors find a secret or PHI value in it. */
export function store(cache: CacheStore, key: string, result: CachedScan, reads: ReadonlyMap<string, string | undefined>): boolean {
  if (holdsDetectedValue(result)) return false;
  // Each part is stringified once and the entry (an Entry) spliced from the parts.
  const findings = JSON.stringify(result.findings);
  const diagnostics = JSON.stringify(result.diagnostics);
  const head = JSON.stringify({ format: FORMAT, key, reads: [...reads].map(([path, text]) => [path, text === undefined ? null : digest(text)] as const) });
  cache.write(entryName(key), `${head.slice(0, -1)},"findings":${findings},"diagnostics":${diagnostics}}`);
  return true;
}

/**
 * The last guard: do the secret and PHI detectors find anything in the result's strings? It reads
 * each distinct string once (rule ids, titles, paths and kinds repeat across thousands of findings)
 * rather than the whole entry, whose every key:value pair the keyed detectors would try; digests are
 * not in the result, so hex keys are not taken for secrets.
 */
export function holdsDetectedValue(result: CachedScan): boolean {
  const strings = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.add(value);
    else if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) walk(item);
  };
  walk(result.findings);
  walk(result.diagnostics);
  // As JSON string literals, as in the entry: a redacted message such as `var.db_password: db_password
  // holds a literal` must not read as a `key: value` assignment at the start of a line.
  const text = JSON.stringify([...strings]);
  return maskDetected(text) !== text;
}
