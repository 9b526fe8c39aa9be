// `safeguard merge` for JSON reports (docs/json-schema.md): the shards of one scan become one
// report, as if it had run in one job. Findings seen by several shards (repository-wide checks
// run in each) are kept once; the summary is recomputed from what is kept, never summed.
import { SEVERITIES } from '../engine/severity.js';
import { JSON_SCHEMA_VERSION } from './json.js';
import { jsonWithList, listMarker, mapped } from './json-pieces.js';

type Json = Record<string, unknown>;

export interface MergeInput {
  /** Where the report came from, for error messages. */
  readonly name: string;
  /** The report; with `findings`, its findings list is empty and they are read from there. */
  readonly report: unknown;
  readonly findings?: FindingSource;
}

/**
 * A JSON report's findings, read one at a time (cli/merge-command.ts: a shard's bytes and where each
 * finding is in them), so that no shard's findings are held parsed: merging four shards of corpus (b)
 * of the bench (115 000 findings, 300 MB of JSON) peaked at ~765 MB with every shard parsed whole.
 */
export interface FindingSource {
  readonly count: number;
  /** The finding at `index`, parsed afresh each time. */
  read(index: number): unknown;
}

/** What the merge keeps of a finding between reading it for the summary and writing it. */
interface Kept {
  readonly source: FindingSource;
  readonly index: number;
  readonly ruleId: string;
  readonly status: unknown;
  readonly severity: unknown;
  readonly blocking: boolean;
  readonly kind: string;
  readonly address: string;
  readonly file: string;
  readonly offset: number;
  /** Finding.resource.instance: a declaration each shard judged under its own first instance. */
  readonly instance: Instance | undefined;
}

/**
 * The merged report in pieces (a finding at a time for JSON: the shards of a large monorepo merge
 * into hundreds of MB) and its exit code, as scan would give it.
 */
export type MergeOutcome = { readonly ok: true; pieces(): Iterable<string>; readonly exitCode: number; readonly warnings: readonly string[] } | { readonly ok: false; readonly errors: readonly string[] };

const STATUSES = ['fail', 'pass', 'unknown', 'waived'] as const;

interface Span {
  readonly file: string;
  readonly start: { readonly line: number; readonly column: number; readonly offset: number };
}

export function isJsonReport(value: unknown): boolean {
  return isObject(value) && typeof value.schemaVersion === 'string' && isObject(value.scan) && Array.isArray(value.findings);
}

export function mergeJsonReports(inputs: readonly MergeInput[]): MergeOutcome {
  const errors: string[] = [];
  const reports: Json[] = [];
  for (const { name, report } of inputs) {
    if (!isJsonReport(report)) {
      errors.push(`${name} is not a Safeguard JSON report (no schemaVersion, scan and findings).`);
      continue;
    }
    const r = report as Json;
    if (String(r.schemaVersion).split('.')[0] !== JSON_SCHEMA_VERSION.split('.')[0]) errors.push(`${name} has schemaVersion ${String(r.schemaVersion)}; this safeguard reads ${JSON_SCHEMA_VERSION.split('.')[0]}.x.`);
    reports.push(r);
  }
  if (errors.length > 0) return { ok: false, errors };
  if (reports.length === 0) return { ok: false, errors: ['No reports to merge.'] };

  const first = reports[0]!;
  const scanOf = (r: Json): Json => r.scan as Json;
  for (const [i, r] of reports.entries()) {
    const name = inputs[i]!.name;
    const same = (label: string, a: unknown, b: unknown): void => {
      if (JSON.stringify(a) !== JSON.stringify(b)) errors.push(`${name} has ${label} ${JSON.stringify(a)} but ${inputs[0]!.name} has ${JSON.stringify(b)}: these are not shards of one scan.`);
    };
    same('tool', r.tool, first.tool);
    same('scan root', scanOf(r).root, scanOf(first).root);
    same('failOn', scanOf(r).failOn, scanOf(first).failOn);
  }
  const shards = reports.map((r) => scanOf(r).shard).filter((s): s is string => typeof s === 'string');
  errors.push(...shardGaps(shards, reports.length));
  if (errors.length > 0) return { ok: false, errors };

  const all = keptFindings(reports.map((r, i) => inputs[i]!.findings ?? listSource(r.findings as unknown[])));
  const findings = firstInstances(
    reconcileScopeWide(
      all,
      (k) => k.kind,
      (k) => String(k.status),
      (k) => [k.file, k.offset],
      (k) => `${k.ruleId}\0${k.address}`,
    ),
    (k) => k.instance,
    (k) => k.ruleId,
  ).sort(compareFindings);
  const diagnostics = dedupeBy(reports.flatMap((r) => (r.diagnostics as Json[] | undefined) ?? []), (d) => [d.code, d.message, d.file, spanKey(d.span)]);
  const filesScanned = union(reports.map((r) => scanOf(r).filesScanned));
  // A file one shard reported on is no longer only context.
  const scannedSet = new Set(filesScanned);
  // The sweep of other text files for secrets and PHI is the first shard's (scan.ts): the others list
  // those files as skipped, unread. A file some shard read is said of as that shard says (not
  // skipped, or skipped with "checked for secrets and PHI only"), as the unsharded scan says it.
  const ownScanned = reports.map((r) => new Set(union([scanOf(r).filesScanned])));
  const skipped = dedupeBy(
    reports.flatMap((r, i) => ((r.skipped as Json[] | undefined) ?? []).filter((s) => !scannedSet.has(String(s.path)) || ownScanned[i]!.has(String(s.path)))),
    (s) => [s.path, s.reason],
  ).sort((a, b) => compare(String(a.path), String(b.path)));
  const contextFiles = union(reports.map((r) => scanOf(r).contextFiles)).filter((f) => !scannedSet.has(f));
  const rulesRun = union(reports.map((r) => scanOf(r).rulesRun));

  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, findings.filter((f) => f.status === s).length]));
  const failingBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.status === 'fail' && f.severity === s).length]));
  const blocking = findings.filter((f) => f.blocking).length;
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const warningCount = diagnostics.filter((d) => d.severity === 'warning').length;
  const skippedByReason: Record<string, number> = {};
  for (const s of skipped) skippedByReason[String(s.reason)] = (skippedByReason[String(s.reason)] ?? 0) + 1;
  // A shard may have failed for a reason the merged summary cannot see (an expired waiver, say): keep it.
  const exitCode = Math.max(blocking > 0 || errorCount > 0 ? 1 : 0, ...reports.map((r) => Number(scanOf(r).exitCode) || 0));

  const timings: Record<string, number> = {};
  for (const r of reports) {
    for (const [k, v] of Object.entries((scanOf(r).timingsMs as Record<string, number> | undefined) ?? {})) timings[k] = Math.max(timings[k] ?? 0, v); // shards run side by side
  }
  const marker = listMarker();
  const merged = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: first.tool,
    scan: {
      root: scanOf(first).root,
      failOn: scanOf(first).failOn,
      exitCode,
      rulesRun,
      filesScanned,
      ...(contextFiles.length > 0 ? { contextFiles } : {}),
      timingsMs: timings,
      shard: null,
      mergedFrom: { reports: reports.length, shards: [...shards].sort(compareShards) },
    },
    summary: {
      passed: exitCode === 0,
      findings: byStatus,
      failingBySeverity,
      blocking,
      errors: errorCount,
      warnings: warningCount,
      filesScanned: filesScanned.length,
      ...(contextFiles.length > 0 ? { filesForContext: contextFiles.length } : {}),
      filesSkipped: skipped.length,
      skippedByReason,
      rulesRun: rulesRun.length,
    },
    findings: marker,
    diagnostics,
    skipped,
  };
  const warnings = shards.length === 0 && reports.length > 1 ? ['None of the reports was written with --shard; merged them as they are.'] : [];
  function* pieces(): Generator<string> {
    // Each finding read again from its report, the same value the report holds.
    yield* jsonWithList(merged, marker, mapped(findings, (k) => withoutInstance(k.source.read(k.index))));
    yield '\n';
  }
  return { ok: true, pieces, exitCode: exitCode === 0 ? 0 : 1, warnings };
}

/** Subjects that stand for the whole scanned scope, not a resource: one per scan, so one per shard. */
const SCOPE_WIDE_KINDS = new Set(['account', 'repository']);
const STATUS_PRECEDENCE: Record<string, number> = { pass: 3, fail: 2, waived: 1, unknown: 0 };

/**
 * Each shard judges the account baseline and the repository once, over its own root modules; an
 * unsharded scan judges them once over all. Keep, per rule and subject (each named AWS account is a
 * subject of its own, `aws-account-baseline[ID]`: keyed by rule alone, one account's pass hid
 * another's failure, even merging one report), the outcome with the most evidence (a shard that
 * found the baseline passes where the others could only say "not evidenced"), at the first
 * location, as the unsharded scan would.
 */
export function reconcileScopeWide<T>(items: readonly T[], kindOf: (item: T) => string, statusOf: (item: T) => string, where: (item: T) => [string, number], keyOf: (item: T) => string): T[] {
  const best = new Map<string, T>();
  for (const item of items) {
    if (!SCOPE_WIDE_KINDS.has(kindOf(item))) continue;
    const rule = keyOf(item);
    const current = best.get(rule);
    if (!current) {
      best.set(rule, item);
      continue;
    }
    const rank = (STATUS_PRECEDENCE[statusOf(item)] ?? 0) - (STATUS_PRECEDENCE[statusOf(current)] ?? 0);
    const [file, offset] = where(item);
    const [curFile, curOffset] = where(current);
    if (rank > 0 || (rank === 0 && (file < curFile || (file === curFile && offset < curOffset)))) best.set(rule, item);
  }
  return items.filter((item) => !SCOPE_WIDE_KINDS.has(kindOf(item)) || best.get(keyOf(item)) === item);
}

/**
 * A called module's variable or output declaration is judged once per scan, under the first module
 * instance that declares it (units run in sorted root order); each shard judges it under its own
 * first instance, at the same place, and says which root that was (`resource.instanceRoot`, sharded
 * reports only). Of the findings of one rule at one place, keep those of the first root, as the
 * unsharded scan does: the merge had one per shard (`module.alb.var.create` and `module.nlb.var.create`),
 * so its counts differed from the unsharded scan's. A finding without the field is kept as it is.
 * Roots compare as sorted (shard.ts, scan-units.ts); shown relative to one directory, as every shard's
 * report shows them, they keep that order.
 */
export function firstInstances<T>(items: readonly T[], instanceOf: (item: T) => Instance | undefined, ruleOf: (item: T) => string): T[] {
  const placeOf = (item: T, instance: Instance): string => `${ruleOf(item)}\0${instance.file}\0${instance.offset}`;
  const first = new Map<string, string>();
  for (const item of items) {
    const instance = instanceOf(item);
    if (instance === undefined) continue;
    const place = placeOf(item, instance);
    const known = first.get(place);
    if (known === undefined || instance.root < known) first.set(place, instance.root);
  }
  return items.filter((item) => {
    const instance = instanceOf(item);
    return instance === undefined || first.get(placeOf(item, instance)) === instance.root;
  });
}

/** Finding.resource.instance as a report writes it. */
export interface Instance {
  readonly root: string;
  readonly file: string;
  readonly offset: number;
}

/** `resource.instance` (JSON) or `properties.instance` (SARIF) when it is one. */
export function instanceOf(value: unknown): Instance | undefined {
  if (!isObject(value)) return undefined;
  const { root, file, offset } = value;
  return typeof root === 'string' && typeof file === 'string' && typeof offset === 'number' ? { root, file, offset } : undefined;
}

/** A finding as the unsharded scan writes it: `resource.instance` is for the merge only. */
function withoutInstance(finding: unknown): unknown {
  if (!isObject(finding) || !isObject(finding.resource) || !('instance' in finding.resource)) return finding;
  const { instance: _dropped, ...resource } = finding.resource;
  return { ...finding, resource };
}

/** Every shard 1..n of one n, each once; a missing shard would make a partial scan look clean. */
export function shardGaps(shards: readonly string[], reportCount: number): string[] {
  if (shards.length === 0) return [];
  if (shards.length !== reportCount) return [`Only ${shards.length} of ${reportCount} reports ${shards.length === 1 ? 'was' : 'were'} written with --shard: merge the shards of one scan, or unsharded reports, not both.`];
  const parsed = shards.map((s) => s.split('/').map(Number) as [number, number]);
  const counts = new Set(parsed.map(([, n]) => n));
  if (counts.size > 1) return [`The reports come from different shard counts (${[...counts].join(', ')}).`];
  const n = [...counts][0]!;
  const errors: string[] = [];
  const seen = new Map<number, number>();
  for (const [i] of parsed) seen.set(i, (seen.get(i) ?? 0) + 1);
  for (let i = 1; i <= n; i++) {
    if (!seen.has(i)) errors.push(`Shard ${i}/${n} is missing: its root modules would go unchecked.`);
    else if (seen.get(i)! > 1) errors.push(`Shard ${i}/${n} is given ${seen.get(i)} times.`);
  }
  return errors;
}

function compareShards(a: string, b: string): number {
  return Number(a.split('/')[0]) - Number(b.split('/')[0]);
}

function spanKey(span: unknown): string {
  if (!isObject(span)) return '';
  const s = span as unknown as Span;
  return `${s.file}:${s.start?.offset}`;
}

/**
 * The findings of every report in order, each kept once (the first of those seen by several reports).
 * Only a finding another report already gave is dropped, never one of the same report: two findings
 * alike but for a root module the report does not name (schema 1.1) are two findings.
 */
function keptFindings(sources: readonly FindingSource[]): Kept[] {
  const seen = new Map<string, FindingSource>();
  // Rule ids, kinds, files and statuses repeat across thousands of findings: one string each.
  const strings = new Map<unknown, unknown>();
  const one = <T>(value: T): T => {
    const known = strings.get(value);
    if (known !== undefined) return known as T;
    strings.set(value, value);
    return value;
  };
  const kept: Kept[] = [];
  for (const source of sources) {
    for (let index = 0; index < source.count; index++) {
      const f = source.read(index) as Json;
      const resource = f.resource as Json | undefined;
      const span = f.span as Span | undefined;
      // With its instance's root: two shards' findings alike but for it (`module.alb` in two roots) go to firstInstances, which keeps the first root's.
      const key = JSON.stringify([f.ruleId, f.status, resource?.address, resource?.root, spanKey(f.span), f.message, instanceOf(resource?.instance)?.root]);
      const first = seen.get(key);
      if (first !== undefined && first !== source) continue;
      seen.set(key, source);
      kept.push({
        source,
        index,
        ruleId: one(String(f.ruleId)),
        status: one(f.status),
        severity: one(f.severity),
        blocking: f.blocking === true,
        kind: one(String(resource?.kind)),
        address: String(resource?.address ?? ''),
        file: one(span?.file ?? ''),
        offset: span?.start.offset ?? 0,
        instance: instanceOf(resource?.instance),
      });
    }
  }
  return kept;
}

/** A report's findings already parsed, as a source. */
function listSource(findings: readonly unknown[]): FindingSource {
  return { count: findings.length, read: (index) => findings[index] };
}

function compareFindings(a: Kept, b: Kept): number {
  return compare(a.file, b.file) || a.offset - b.offset || compare(a.ruleId, b.ruleId) || compare(a.address, b.address);
}

function dedupeBy<T>(items: readonly T[], key: (item: T) => readonly unknown[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = JSON.stringify(key(item));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function union(lists: readonly unknown[]): string[] {
  const all = new Set<string>();
  for (const list of lists) if (Array.isArray(list)) for (const item of list) all.add(String(item));
  return [...all].sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
