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
import { createHash, randomUUID } from 'node:crypto';
import { maskDetected } from '../detectors/mask.js';
import { NO_RELATED, type AppliedWaiver, type Finding } from '../engine/finding.js';
import type { RuleSettings } from '../engine/run-rules.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import { hasPlainFields } from '../engine/plain-finding.js';
import { digestOf } from './source-texts.js';
import { sourceDigest } from '../discovery/file-index.js';

/** Bump when the entry layout or anything the key leaves out changes meaning. */
const FORMAT = 7; // 4: a resource row may hold its root module; 5: and its construct path; 6: the paths each root module read; 7: findings by column

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
  readonly varPositions?: Readonly<Record<string, number>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly inlineSuppressions: boolean;
  readonly today: string;
  /** Anything else that narrows the scan (--shard). */
  readonly extra?: string;
}

export interface CachedScan {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  /** The paths each root module's evaluation read from disk (SourceScanResult.readsByRoot); none for documents. */
  readonly readsByRoot?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Findings as one cache entry holds them, by its generation: a JSON report of exactly these findings
 * (the same objects) can be remembered and written again (cli/findings-memo.ts).
 */
export interface CacheOrigin {
  readonly generation: string;
  readonly findings: readonly Finding[];
}

/** A result read back or stored, with its entry's generation when it has one (Entry.generation). */
export interface CacheHit extends CachedScan {
  readonly generation?: string;
}

/**
 * An entry as written. Findings are columns of values rather than objects (a warm scan's largest cost was
 * parsing ~600 bytes of keys and repeated strings per finding, then a row array per finding: parsing
 * corpus (a)'s entry took ~21 ms by rows against ~12 by columns, and the rows were garbage the moment
 * they were read): each rule's id, title, severity and controls once in `rules`, each file once in
 * `files`, each resource once in `resources`, each span once in `spans` (seven numbers each, one flat
 * list) and each distinct message once in `messages` (corpus (a): 11 500 findings on 4 400 resources,
 * 5 400 spans and 8 500 messages). A finding reads back with the resource and span objects of the
 * findings that share them, as it does from the engine. A finding with fields outside its type's plain
 * shape is stored as the object itself (rowOf), in `objects` by its place.
 */
interface Entry {
  readonly format: number;
  readonly key: string;
  /** Files read from disk during evaluation: path → digest of the text (null when unreadable). */
  readonly reads: readonly (readonly [string, string | null])[];
  /** Which root module read which of `reads` (CachedScan.readsByRoot): `--changed-since` keeps a root's findings when one changed. */
  readonly readsByRoot?: readonly (readonly [string, readonly string[]])[];
  readonly rules: readonly RuleRow[];
  readonly files: readonly string[];
  readonly resources: readonly ResourceRow[];
  /** SpanRow after SpanRow, flat. */
  readonly spans: readonly number[];
  readonly messages: readonly string[];
  readonly statuses: readonly Finding['status'][];
  readonly findings: FindingColumns;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Made afresh each time an entry is written, so it names these findings and no others (a key can be
   * written again with other findings, when a file the evaluation read changed): the JSON report
   * remembers its text for the findings by it (cli/findings-memo.ts). Only when every finding is a
   * row, so each reads back as the very finding that was written.
   */
  readonly generation?: string;
}

/**
 * The findings by column, one item per finding (its place) in each of the first five; what few
 * findings have besides (related locations, a fix, a waiver) by place, and the findings stored whole.
 */
interface FindingColumns {
  /** Into Entry.rules; -1 where the finding is stored whole (`objects`). */
  readonly rule: readonly number[];
  /** Into Entry.statuses. */
  readonly status: readonly number[];
  /** Into Entry.messages. */
  readonly message: readonly number[];
  /** Into Entry.resources. */
  readonly resource: readonly number[];
  /** Into the spans (the span's first number is at 7 × this). */
  readonly span: readonly number[];
  /** [place, related (0 when none), fix (0 when none), waiver (0 when none)] for the rows with any. */
  readonly extras: readonly (readonly [number, readonly RelatedRow[] | 0, readonly [string, string] | 0, AppliedWaiver | 0])[];
  /** [place, finding] for the findings that are not rows. */
  readonly objects: readonly (readonly [number, Finding])[];
}

/** [ruleId, title, severity, controls] */
type RuleRow = readonly [string, string, Finding['severity'], Finding['controls']];
/**
 * [address, kind], [address, kind, root] (Finding.resource.root), or [address, kind, root or '' for
 * none, constructPath] (Finding.resource.constructPath; a finding's root is never '').
 */
type ResourceRow = readonly [string, string] | readonly [string, string, string] | readonly [string, string, string, string];
/** [file, start line, column, offset, end line, column, offset] */
type SpanRow = readonly [number, number, number, number, number, number, number];
/** [rule, status, message, resource, span, related (0 when none), fix (0 when none), waiver (0 when none)] */
type FindingRow = readonly [number, Finding['status'], string, number, number, readonly RelatedRow[] | 0, readonly [string, string] | 0, AppliedWaiver | 0];
/** [message, span] */
type RelatedRow = readonly [string, number];

/** A read file's digest in an entry: the same SHA-256 as the file index's and the keys' (sourceDigest). */
export const digest = sourceDigest;

export function cacheKey(input: CacheKeyInput): string {
  const hash = createHash('sha256');
  const settings = [...(input.settings ?? new Map<string, RuleSettings>())].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  hash.update(JSON.stringify({ format: FORMAT, tool: input.tool, rules: [...input.ruleIds].sort(), settings, varFiles: input.varFiles ?? [], vars: sortedEntries(input.vars), varPositions: sortedEntries(input.varPositions), env: sortedEntries(input.env), inline: input.inlineSuppressions, today: input.today, extra: input.extra ?? '' }));
  // Every file's path and the digest of its text: the scan cache's file index knows the digests of
  // the files it knows, so a warm scan keys its entry without reading them (SourceTexts). A path
  // holds no NUL and a digest is 64 hex digits, so two different file sets never give the same bytes.
  for (const path of [...input.files.keys()].sort()) hash.update(`\0${path}\0${digestOf(input.files, path)!}`);
  return hash.digest('hex');
}

function sortedEntries<T>(record: Readonly<Record<string, T>> | undefined): [string, T][] {
  return Object.entries(record ?? {}).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

const entryName = (key: string): string => `${key.slice(0, 2)}/${key}.json`;

/**
 * The cached result for `key`, if every file it read from disk still has the same content
 * (`read` gives the current text, undefined when unreadable).
 */
export function lookup(store: CacheStore, key: string, read: (rel: string) => string | undefined): CacheHit | undefined {
  const text = store.read(entryName(key));
  if (text === undefined) return undefined;
  let entry: Entry;
  try {
    entry = JSON.parse(text) as Entry;
  } catch {
    return undefined; // a torn or foreign file: recompute and overwrite
  }
  if (
    entry === null ||
    entry.format !== FORMAT ||
    entry.key !== key ||
    !isColumns(entry.findings) ||
    !Array.isArray(entry.diagnostics) ||
    !Array.isArray(entry.reads) ||
    !Array.isArray(entry.rules) ||
    !Array.isArray(entry.files) ||
    !Array.isArray(entry.resources) ||
    !Array.isArray(entry.spans) ||
    !Array.isArray(entry.messages) ||
    !Array.isArray(entry.statuses)
  )
    return undefined;
  for (const [path, expected] of entry.reads) {
    const now = read(path);
    if ((now === undefined ? null : digest(now)) !== expected) return undefined;
  }
  const findings = decodeFindings(entry);
  if (!findings) return undefined;
  const generation = typeof entry.generation === 'string' && entry.findings.objects.length === 0 ? entry.generation : undefined;
  const readsByRoot = readsByRootOf(entry.readsByRoot);
  if (readsByRoot === null) return undefined;
  return { findings, diagnostics: entry.diagnostics, ...(generation !== undefined ? { generation } : {}), ...(readsByRoot !== undefined ? { readsByRoot } : {}) };
}

/** Entry.readsByRoot read back: undefined when absent (a documents entry), null when malformed (recompute). */
function readsByRootOf(rows: unknown): ReadonlyMap<string, readonly string[]> | undefined | null {
  if (rows === undefined) return undefined;
  if (!Array.isArray(rows)) return null;
  const out = new Map<string, readonly string[]>();
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row) || typeof row[0] !== 'string' || !Array.isArray(row[1]) || !(row[1] as unknown[]).every((p) => typeof p === 'string')) return null;
    out.set(row[0], row[1] as string[]);
  }
  return out;
}

/**
 * Stores a result: the entry's generation (Entry.generation; none when a finding is not a row), or
 * undefined (nothing written) when the detectors find a secret or PHI value in it.
 */
export function store(cache: CacheStore, key: string, result: CachedScan, reads: ReadonlyMap<string, string | undefined>): { readonly generation?: string } | undefined {
  const tables: Tables = { rules: [], files: [], resources: [], spans: [] };
  const findings = result.findings.map(rowOf(tables));
  // The paths file() and templatefile() read are in the entry too, and a path may be made of a value (`file("${var.token}.pem")`).
  if (rowsHoldDetectedValue(tables, findings, result.diagnostics, reads.keys())) return undefined;
  const generation = findings.every((row) => Array.isArray(row)) ? randomUUID() : undefined;
  // Each part is stringified once and the entry spliced from the parts.
  const head = JSON.stringify({
    format: FORMAT,
    key,
    ...(generation !== undefined ? { generation } : {}),
    reads: [...reads].map(([path, text]) => [path, text === undefined ? null : digest(text)] as const),
    ...(result.readsByRoot !== undefined ? { readsByRoot: [...result.readsByRoot] } : {}),
  });
  const { messages, statuses, columns } = columnsOf(findings);
  const entry = `${head.slice(0, -1)},"rules":${JSON.stringify(tables.rules)},"files":${JSON.stringify(tables.files)},"resources":${JSON.stringify(tables.resources)},"spans":${JSON.stringify(tables.spans.flat())},"messages":${JSON.stringify(messages)},"statuses":${JSON.stringify(statuses)},"findings":${JSON.stringify(columns)},"diagnostics":${JSON.stringify(result.diagnostics)}}`;
  cache.write(entryName(key), asciiJson(entry));
  return generation !== undefined ? { generation } : {};
}

/** The rows as columns (Entry.findings), each distinct message and status once. */
function columnsOf(rows: readonly (FindingRow | Finding)[]): { messages: string[]; statuses: Finding['status'][]; columns: FindingColumns } {
  const messages: string[] = [];
  const messageIndex = new Map<string, number>();
  const statuses: Finding['status'][] = [];
  const columns = { rule: [] as number[], status: [] as number[], message: [] as number[], resource: [] as number[], span: [] as number[], extras: [] as FindingColumns['extras'][number][], objects: [] as FindingColumns['objects'][number][] };
  rows.forEach((row, place) => {
    if (!Array.isArray(row)) {
      columns.rule.push(-1);
      columns.status.push(0);
      columns.message.push(0);
      columns.resource.push(0);
      columns.span.push(0);
      columns.objects.push([place, row as Finding]);
      return;
    }
    const r = row as FindingRow;
    let message = messageIndex.get(r[2]);
    if (message === undefined) {
      message = messages.push(r[2]) - 1;
      messageIndex.set(r[2], message);
    }
    let status = statuses.indexOf(r[1]);
    if (status < 0) status = statuses.push(r[1]) - 1;
    columns.rule.push(r[0]);
    columns.status.push(status);
    columns.message.push(message);
    columns.resource.push(r[3]);
    columns.span.push(r[4]);
    if (r[5] !== 0 || r[6] !== 0 || r[7] !== 0) columns.extras.push([place, r[5], r[6], r[7]]);
  });
  return { messages, statuses, columns };
}

/** Entry.findings as written: five columns of one length, and two lists. */
function isColumns(value: unknown): value is FindingColumns {
  if (value === null || typeof value !== 'object') return false;
  const c = value as Record<string, unknown>;
  const length = Array.isArray(c['rule']) ? c['rule'].length : -1;
  return length >= 0 && ['status', 'message', 'resource', 'span'].every((k) => Array.isArray(c[k]) && (c[k] as unknown[]).length === length) && Array.isArray(c['extras']) && Array.isArray(c['objects']);
}

/**
 * JSON text with every character past ASCII written as a \u escape (the same value once parsed). One
 * such character in a message made the whole entry a two-byte string to decode and parse: reading
 * an ASCII entry costs about a third less.
 */
function asciiJson(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const FINDING_KEYS = new Set(['ruleId', 'severity', 'title', 'message', 'resource', 'span', 'related', 'controls', 'status', 'waiver', 'fix']);
const RESOURCE_KEYS = new Set(['address', 'kind', 'root', 'constructPath']);
const SPAN_KEYS = new Set(['file', 'start', 'end']);
const POSITION_KEYS = new Set(['line', 'column', 'offset']);
const RELATED_KEYS = new Set(['span', 'message']);
const FIX_KEYS = new Set(['description', 'safety']);

interface Tables {
  readonly rules: RuleRow[];
  readonly files: string[];
  readonly resources: ResourceRow[];
  readonly spans: SpanRow[];
}

/**
 * A finding as a row, its rule, files, resource and spans added to the tables; the finding itself
 * when a row would not read back as JSON.parse(JSON.stringify(finding)) does (a key outside its
 * type, a value not of its type).
 */
function rowOf(tables: Tables): (f: Finding) => FindingRow | Finding {
  // Rule rows by rule id: a rule's findings share its title, severity and controls list, so the
  // first row of the id is almost always the one (compared, not assumed: a plugin may vary them).
  const ruleIndex = new Map<string, number[]>();
  const fileIndex = new Map<string, number>();
  const resourceIndex = new Map<string, Map<string, number>>(); // (root and) address → kind → row
  const spanIndex = new Map<string, number>();
  // Findings share span objects (the engine's spans come from one factory per file): most spans
  // are found by identity, without building their key.
  const spanObjects = new Map<Span, number>();
  const fileOf = (file: string): number => {
    let at = fileIndex.get(file);
    if (at === undefined) {
      at = tables.files.push(file) - 1;
      fileIndex.set(file, at);
    }
    return at;
  };
  const resourceOf = ({ address, kind, root, constructPath }: Finding['resource']): number => {
    const key = root === undefined ? address : `${root}\u0000${address}`;
    let kinds = resourceIndex.get(key);
    if (kinds === undefined) resourceIndex.set(key, (kinds = new Map()));
    let at = kinds.get(kind);
    if (at === undefined) {
      at = tables.resources.push(constructPath !== undefined ? [address, kind, root ?? '', constructPath] : root === undefined ? [address, kind] : [address, kind, root]) - 1;
      kinds.set(kind, at);
    }
    return at;
  };
  const spanOf = (s: Span): number => {
    let at = spanObjects.get(s);
    if (at !== undefined) return at;
    const row: SpanRow = [fileOf(s.file), s.start.line, s.start.column, s.start.offset, s.end.line, s.end.column, s.end.offset];
    const key = row.join(','); // numbers only
    at = spanIndex.get(key);
    if (at === undefined) {
      at = tables.spans.push(row) - 1;
      spanIndex.set(key, at);
    }
    spanObjects.set(s, at);
    return at;
  };
  const ruleOf = (f: Finding): number => {
    let rows = ruleIndex.get(f.ruleId);
    if (rows === undefined) ruleIndex.set(f.ruleId, (rows = []));
    for (const at of rows) {
      const [, title, severity, controls] = tables.rules[at]!;
      if (title === f.title && severity === f.severity && sameStrings(controls, f.controls)) return at;
    }
    const at = tables.rules.push([f.ruleId, f.title, f.severity, f.controls]) - 1;
    rows.push(at);
    return at;
  };
  return (f) => {
    if (!isPlain(f)) return f;
    const rule = ruleOf(f);
    const related = f.related.length === 0 ? 0 : f.related.map((r): RelatedRow => [r.message, spanOf(r.span)]);
    return [rule, f.status, f.message, resourceOf(f.resource), spanOf(f.span), related, f.fix ? [f.fix.description, f.fix.safety] : 0, f.waiver ?? 0];
  };
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A plain finding (hasPlainFields) whose objects hold no key outside their type, so a row reads back as JSON would. */
function isPlain(f: Finding): boolean {
  return (
    hasOnly(f, FINDING_KEYS) &&
    hasOnly(f.resource, RESOURCE_KEYS) &&
    Array.isArray(f.controls) &&
    f.controls.every((c) => typeof c === 'string') &&
    Array.isArray(f.related) &&
    f.related.every((r) => hasOnly(r, RELATED_KEYS) && onlySpanKeys(r.span)) &&
    onlySpanKeys(f.span) &&
    (f.fix === undefined || hasOnly(f.fix, FIX_KEYS)) &&
    (f.waiver === undefined || (typeof f.waiver === 'object' && f.waiver !== null)) &&
    hasPlainFields(f)
  );
}

function onlySpanKeys(s: Span): boolean {
  return hasOnly(s, SPAN_KEYS) && hasOnly(s.start, POSITION_KEYS) && hasOnly(s.end, POSITION_KEYS);
}

/** An object with every key it has in `keys`, and none undefined but the optional ones JSON would drop anyway. */
function hasOnly(value: object, keys: ReadonlySet<string>): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const k in value) if (!keys.has(k)) return false;
  return true;
}

/**
 * The entry's findings as objects, undefined when a column does not fit its tables (a foreign or
 * damaged entry). Each resource and span is one object, shared by the findings that name it.
 */
function decodeFindings(entry: Entry): Finding[] | undefined {
  const { rules, files, messages, statuses, findings: columns } = entry;
  try {
    // Rows read by index, not destructured: a warm scan decodes thousands of them in code V8 has not
    // optimised yet, where each destructuring walks an iterator (allocated, then collected).
    const resources = entry.resources.map((row): Finding['resource'] => {
      const address = row[0];
      const kind = row[1];
      const root = row[2];
      const constructPath = row[3];
      if (constructPath !== undefined) return root === undefined || root === '' ? { address, kind, constructPath } : { address, kind, root, constructPath };
      return root === undefined ? { address, kind } : { address, kind, root };
    });
    const flat = entry.spans;
    if (flat.length % 7 !== 0) throw new Error('torn spans');
    const spans: Span[] = [];
    for (let at = 0; at < flat.length; at += 7) {
      const file = files[flat[at]!];
      if (typeof file !== 'string') throw new Error('no such file');
      spans.push({ file, start: { line: flat[at + 1]!, column: flat[at + 2]!, offset: flat[at + 3]! }, end: { line: flat[at + 4]!, column: flat[at + 5]!, offset: flat[at + 6]! } });
    }
    const spanAt = (at: number): Span => {
      const span = spans[at];
      if (span === undefined) throw new Error('no such span');
      return span;
    };
    const out: Finding[] = [];
    const { rule: ruleColumn, status: statusColumn, message: messageColumn, resource: resourceColumn, span: spanColumn } = columns;
    for (let place = 0; place < ruleColumn.length; place++) {
      const ruleAt = ruleColumn[place]!;
      if (ruleAt === -1) {
        out.push(undefined as unknown as Finding); // stored whole: set below
        continue;
      }
      const rule = rules[ruleAt];
      const resource = resources[resourceColumn[place]!];
      const message = messages[messageColumn[place]!];
      const status = statuses[statusColumn[place]!];
      if (rule === undefined || resource === undefined || message === undefined || status === undefined) throw new Error('no such rule, resource, message or status');
      // In the engine's key order (run-rules.ts findingOf); waiver and fix, when any, are added below in its order too.
      out.push({ ruleId: rule[0], severity: rule[2], title: rule[1], message, resource, span: spanAt(spanColumn[place]!), related: NO_RELATED, controls: rule[3], status });
    }
    for (const [place, related, fix, waiver] of columns.extras) {
      const finding = out[place] as { -readonly [K in keyof Finding]: Finding[K] } | undefined;
      if (finding === undefined) throw new Error('no such finding');
      if (related !== 0) finding.related = related.map((x) => ({ span: spanAt(x[1]), message: x[0] }));
      if (waiver !== 0) finding.waiver = waiver;
      if (fix !== 0) finding.fix = { description: fix[0], safety: fix[1] as NonNullable<Finding['fix']>['safety'] };
    }
    for (const [place, finding] of columns.objects) {
      if (ruleColumn[place] !== -1) throw new Error('not a whole finding');
      out[place] = finding;
    }
    if (out.some((f) => f === undefined)) throw new Error('a whole finding missing');
    return out;
  } catch {
    return undefined;
  }
}

/**
 * The last guard: do the secret and PHI detectors find anything in the result's strings? It reads
 * each distinct string once (rule ids, titles, paths and kinds repeat across thousands of findings)
 * rather than the whole entry, whose every key:value pair the keyed detectors would try; digests are
 * not in the result, so hex keys are not taken for secrets.
 */
export function holdsDetectedValue(result: CachedScan): boolean {
  const tables: Tables = { rules: [], files: [], resources: [], spans: [] };
  return rowsHoldDetectedValue(tables, result.findings.map(rowOf(tables)), result.diagnostics);
}

/**
 * holdsDetectedValue over the entry's parts: its tables hold each rule's, file's and resource's
 * strings once, so only what differs per finding is read from the rows (a walk of every finding
 * object read each finding's rule, resource and controls again: ~20 ms of a ~100 ms store for
 * corpus (a)). Every string the entry will hold is read (`paths`: the files its evaluation read); spans are numbers.
 */
function rowsHoldDetectedValue(tables: Tables, rows: readonly (FindingRow | Finding)[], diagnostics: readonly Diagnostic[], paths: Iterable<string> = []): boolean {
  const strings = new Set<string>(paths);
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.add(value);
    else if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) walk(item);
  };
  walk(tables.rules);
  walk(tables.files);
  walk(tables.resources);
  for (const row of rows) {
    if (!Array.isArray(row)) {
      walk(row);
      continue;
    }
    const r = row as FindingRow;
    strings.add(r[1]);
    strings.add(r[2]);
    if (r[5] !== 0) for (const related of r[5]) strings.add(related[0]);
    if (r[6] !== 0) walk(r[6]);
    if (r[7] !== 0) walk(r[7]);
  }
  walk(diagnostics);
  // As JSON string literals, as in the entry: a redacted message such as `var.db_password: db_password
  // holds a literal` must not read as a `key: value` assignment at the start of a line.
  const text = JSON.stringify([...strings]);
  return maskDetected(text) !== text;
}
