// Finds detector hits (secrets, PHI) in every literal the scan can see — variable defaults, tfvars
// values, resource and module-call attributes (locals reach them through `via`), outputs — and gives
// each hit ONE owner, at the place the literal is written: a tfvars line used by a variable and two
// resources is one finding at the tfvars line, with the uses as related locations.
import type { LeafFinding } from '../../detectors/index.js';
import type { InfraModel } from '../../model/infra-model.js';
import type { ModelBody } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import { isUnknown, type Plain } from '../../model/value.js';
import type { Span } from '../../source/span.js';
import type { Subject } from '../define-rule.js';

export interface LiteralHit<F> {
  readonly finding: F;
  /** Key path of the value: `password`, `environment.variables.DB_PASSWORD`, `var.db_password`. */
  readonly path: string;
  /** Where the literal is written. */
  readonly span: Span;
  /** Where else it is used. */
  readonly uses: readonly Span[];
}

export interface LiteralSubject<F> extends Subject {
  readonly hits: readonly LiteralHit<F>[];
}

type Detect<F> = (value: Plain, path: string) => LeafFinding<F>[];
interface Keyed {
  readonly kind: string;
  readonly hash: string;
}

const spanKey = (s: Span): string => `${s.file}:${s.start.offset}:${s.end.offset}`;

/**
 * Where a value's literal is written: the first hop of its history (a tfvars line, a variable
 * default, a local) or, with no history, the attribute itself. `via` describes the value as a
 * whole, so it places a leaf only when the leaf is the whole value (`password = var.db_password`);
 * a literal inside a map or list written here (`variables = { KEY = "…", OTHER = var.x }`) is
 * placed at the attribute, unless `knownOrigin` recognises one of the hops as where that very
 * value was already found (a tfvars line reported with the same hash).
 */
export function originOf(value: Sourced, leafPath?: string, attributePath?: string, knownOrigin?: (span: Span) => boolean): Span {
  const whole = leafPath === undefined || leafPath === attributePath;
  if (whole) return value.via[0] ?? value.span;
  return value.via.find((span) => knownOrigin?.(span) === true) ?? value.span;
}

/** String values supplied at run time (-var, TF_VAR_*): the model places them at the variable block itself. */
function runtimeStrings(model: InfraModel): Set<string> {
  const out = new Set<string>();
  for (const v of model.variables) {
    if (v.value.provenance !== 'explicit' || spanKey(v.value.span) !== spanKey(v.span)) continue;
    const collect = (p: Plain): void => {
      if (typeof p === 'string') out.add(p);
      else if (Array.isArray(p)) p.forEach(collect);
      else if (p !== null && typeof p === 'object' && !isUnknown(p)) Object.values(p).forEach(collect);
    };
    collect(v.value.value);
  }
  return out;
}

interface Candidate {
  readonly owner: Subject;
  readonly value: Sourced;
  readonly path: string;
}

function* bodyValues(body: ModelBody, prefix: string): Generator<{ path: string; value: Sourced }> {
  for (const [name, value] of body.attributes) yield { path: prefix === '' ? name : `${prefix}.${name}`, value };
  for (const block of body.blocks) yield* bodyValues(block, prefix === '' ? block.type : `${prefix}.${block.type}`);
}

export interface ScanOptions {
  /** Resource attribute paths to leave to another rule (provider credentials, compute config). */
  readonly skipResource?: (type: string, path: string) => boolean;
  readonly outputs?: boolean;
  /** Scan provider blocks too (default_tags); provider credentials have their own rule. */
  readonly providers?: boolean;
}

export function scanLiterals<F extends Keyed>(model: InfraModel, detect: Detect<F>, options: ScanOptions = {}): LiteralSubject<F>[] {
  const candidates: Candidate[] = [];
  const seenVars = new Set<string>();
  for (const v of model.variables) {
    const key = spanKey(v.span);
    if (seenVars.has(key)) continue;
    seenVars.add(key);
    const owner: Subject = { address: v.module === '' ? `var.${v.name}` : `${v.module}.var.${v.name}`, type: 'variable', span: v.span };
    if (v.default) candidates.push({ owner, value: v.default, path: v.name });
    // A value set in a tfvars file (its span is there); not a default, not a run-time -var/TF_VAR_ (span = the block).
    const origin = spanKey(originOf(v.value));
    if (origin !== spanKey(v.span) && (!v.default || origin !== spanKey(v.default.span))) candidates.push({ owner, value: v.value, path: v.name });
  }
  for (const r of model.resources) {
    if (r.mode !== 'managed') continue;
    const owner: Subject = { address: r.address, type: r.type, span: r.span, comments: r.comments };
    for (const { path, value } of bodyValues(r, '')) {
      if (options.skipResource?.(r.type, path)) continue;
      candidates.push({ owner, value, path });
    }
  }
  for (const m of model.moduleCalls) {
    const owner: Subject = { address: m.address, type: 'module', span: m.span, comments: m.comments };
    for (const [name, value] of m.inputs) candidates.push({ owner, value, path: name });
  }
  if (options.providers) {
    for (const p of model.providers) {
      const owner: Subject = { address: p.alias ? `provider.${p.name}.${p.alias}` : `provider.${p.name}`, type: 'provider', span: p.body.span };
      for (const { path, value } of bodyValues(p.body, '')) candidates.push({ owner, value, path });
    }
  }
  if (options.outputs) {
    for (const o of model.outputs) {
      const owner: Subject = { address: o.module === '' ? `output.${o.name}` : `${o.module}.output.${o.name}`, type: 'output', span: o.span };
      candidates.push({ owner, value: o.value, path: o.name });
    }
  }

  const runtime = runtimeStrings(model);
  // Keyed by the owner object, not its address: two root modules may both have var.db_password.
  const subjects = new Map<Subject, { subject: Subject; hits: { finding: F; path: string; span: Span; uses: Span[] }[] }>();
  const byOrigin = new Map<string, { uses: Span[] }>();
  for (const c of candidates) {
    if (!subjects.has(c.owner)) subjects.set(c.owner, { subject: c.owner, hits: [] });
    const found = detect(c.value.value, c.path);
    if (found.length === 0) continue;
    for (const { finding, leaf } of found) {
      if (c.value.via.length === 0 && runtime.has(leaf.value)) continue;
      const origin = originOf(c.value, leaf.path, c.path, (span) => byOrigin.has(`${spanKey(span)} ${finding.kind} ${finding.hash}`));
      const key = `${spanKey(origin)} ${finding.kind} ${finding.hash}`;
      const existing = byOrigin.get(key);
      if (existing) {
        if (spanKey(c.value.span) !== spanKey(origin)) existing.uses.push(c.value.span);
        continue;
      }
      const uses: Span[] = spanKey(c.value.span) !== spanKey(origin) ? [c.value.span] : [];
      byOrigin.set(key, { uses });
      subjects.get(c.owner)!.hits.push({ finding, path: leaf.path, span: origin, uses });
    }
  }
  return [...subjects.values()].map(({ subject, hits }) => ({ ...subject, hits }));
}
