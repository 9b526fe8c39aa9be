// What each audit entry says (issue 9), built from results without touching the file system:
// a scan (who, when, tool, git commit, input and rule-set digests, counts by status), waiver
// changes found by comparing the register with what the log already recorded, and applied fixes.
import type { Finding, FindingStatus } from '../engine/finding.js';
import type { AnyRule } from '../rules/define-rule.js';
import type { Waiver, WaiverRegister, WaiverState } from '../waivers/waiver.js';
import { canonicalJson, sha256, type AuditEntry, type AuditRecord, type JsonValue } from './audit-log.js';

/** Who and what every entry names. */
export interface AuditMeta {
  readonly time: string;
  readonly actor: string;
  readonly tool: string;
  /** HEAD when the scanned tree is in a git repository. */
  readonly commit?: string;
}

function base(kind: AuditRecord['kind'], meta: AuditMeta): Pick<AuditRecord, 'kind' | 'time' | 'actor' | 'tool'> & { commit?: string } {
  return { kind, time: meta.time, actor: meta.actor, tool: meta.tool, ...(meta.commit ? { commit: meta.commit } : {}) };
}

/** SHA-256 over every scanned file's path and contents, in path order. */
export function inputDigest(files: readonly { readonly path: string; readonly text: string; readonly digest?: string }[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // A file the scan cache's index knew carries the digest of its text (the same SHA-256): not read for it.
  return sha256(sorted.map((f) => `${f.path}\0${f.digest ?? sha256(f.text)}`).join('\n'));
}

/** SHA-256 over the rules that ran: ids and the metadata that decides their results. */
export function ruleSetDigest(rules: readonly AnyRule[]): string {
  const described = [...rules]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((r) => ({ id: r.id, title: r.title, severity: r.severity, kind: r.kind, controls: r.controls, params: r.params ?? {}, aliases: r.aliases ?? [] }));
  return sha256(canonicalJson(described));
}

export function statusCounts(findings: readonly Finding[]): Record<FindingStatus, number> {
  const counts: Record<FindingStatus, number> = { fail: 0, pass: 0, unknown: 0, waived: 0 };
  for (const f of findings) counts[f.status]++;
  return counts;
}

export interface ScanSummary {
  /** The scan root relative to the directory holding the log, forward slashes ('.' for the same). */
  readonly root: string;
  readonly files: readonly { readonly path: string; readonly text: string; readonly digest?: string }[];
  readonly rulesRun: readonly AnyRule[];
  readonly findings: readonly Finding[];
  readonly exitCode: number;
}

export function scanRecord(scan: ScanSummary, meta: AuditMeta): AuditRecord {
  return {
    ...base('scan', meta),
    root: scan.root,
    files: scan.files.length,
    inputDigest: inputDigest(scan.files),
    rules: scan.rulesRun.length,
    ruleSetDigest: ruleSetDigest(scan.rulesRun),
    counts: statusCounts(scan.findings),
    exitCode: scan.exitCode,
  };
}

/** The entry as approved: every field but positions, so a re-indented file is not a change. */
export function waiverDigest(w: Waiver): string {
  const { span: _span, expiresSpan: _expires, ruleIds: _ids, ...fields } = w;
  return sha256(canonicalJson(fields));
}

/** What the log says about a waiver: ids, people, dates and a digest; never the justification text. */
function waiverSummary(w: Waiver): JsonValue {
  return { id: w.id, rule: w.rule, requested_by: w.requested_by, approved_by: [...w.approved_by], created: w.created, expires: w.expires, digest: waiverDigest(w) };
}

export function waiverRecord(kind: 'waiver-added' | 'waiver-changed' | 'waiver-expired', w: Waiver, meta: AuditMeta): AuditRecord {
  return { ...base(kind, meta), waiver: waiverSummary(w) };
}

/**
 * Waiver events the log does not have yet: added (first seen), changed (its digest differs from
 * the last recorded one), removed (recorded, now gone from the register) and expired (once per
 * expiry date).
 */
export function waiverChanges(register: WaiverRegister, states: ReadonlyMap<string, WaiverState>, history: readonly AuditEntry[], meta: AuditMeta): AuditRecord[] {
  const lastDigest = new Map<string, string | undefined>();
  const expiredRecorded = new Set<string>();
  for (const e of history) {
    const w = e['waiver'] as { id?: string; digest?: string; expires?: string } | undefined;
    if (!w?.id) continue;
    if (e.kind === 'waiver-added' || e.kind === 'waiver-changed') lastDigest.set(w.id, w.digest);
    else if (e.kind === 'waiver-removed') lastDigest.delete(w.id);
    else if (e.kind === 'waiver-expired') expiredRecorded.add(`${w.id}@${w.expires ?? ''}`);
  }
  const out: AuditRecord[] = [];
  for (const w of register.waivers) {
    const known = lastDigest.has(w.id);
    const digest = waiverDigest(w);
    if (!known) out.push(waiverRecord('waiver-added', w, meta));
    else if (lastDigest.get(w.id) !== digest) out.push(waiverRecord('waiver-changed', w, meta));
    if (states.get(w.id) === 'expired' && !expiredRecorded.has(`${w.id}@${w.expires}`)) out.push(waiverRecord('waiver-expired', w, meta));
  }
  const present = new Set([...register.waivers.map((w) => w.id), ...register.invalid.flatMap((i) => (i.id !== undefined ? [i.id] : []))]);
  // A register that failed to parse says nothing about removals.
  const parsed = !register.errors.some((d) => d.code === 'waiver/yaml' || d.code === 'waiver/unreadable');
  if (parsed) for (const id of lastDigest.keys()) if (!present.has(id)) out.push({ ...base('waiver-removed', meta), waiver: { id } });
  return out;
}

export interface AppliedFix {
  readonly ruleId: string;
  readonly address: string;
  /** The root module the fixed finding was evaluated for, when not the scan root (roots reuse addresses). */
  readonly root?: string;
  readonly file: string;
  readonly line: number;
  readonly safety: string;
}

export function fixRecord(fixes: readonly AppliedFix[], files: readonly { readonly path: string; readonly before: string; readonly after: string }[], meta: AuditMeta): AuditRecord {
  return {
    ...base('fix', meta),
    fixes: fixes.map((f) => ({ rule: f.ruleId, resource: f.address, ...(f.root !== undefined ? { root: f.root } : {}), file: f.file, line: f.line, safety: f.safety })),
    files: files.map((f) => ({ path: f.path, beforeDigest: sha256(f.before), afterDigest: sha256(f.after) })),
  };
}
