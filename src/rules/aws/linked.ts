// One of several linked resources. A resource links several of a type when its argument takes one of
// them (`element([aws_x.a.name, aws_x.b.name], 1)`, `concat(...)[1]`, a condition known only at
// apply time): rules judged `model.related(...)[0]`, the first in reference order, and a database
// using the group that turns TLS off passed because the other one turns it on (a false pass).
import type { InfraModel } from '../../model/infra-model.js';
import type { Resource } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import { unknown, type Outcome } from '../define-rule.js';

/** Attributes that name a resource when another resource's argument gives that name. */
const NAMES = ['name', 'id', 'arn', 'bucket', 'identifier', 'cluster_identifier', 'function_name', 'table_name'];

/**
 * The candidates `value` names, when it is a known string equal to one candidate's name (Terraform
 * has evaluated `element([a.name, b.name], 1)` to "b": b is used, whatever the list order). Else all of
 * them: which one is used is not known to the scan.
 */
export function namedByValue(candidates: readonly Resource[], value: Sourced | undefined): readonly Resource[] {
  if (candidates.length < 2 || value === undefined || typeof value.value !== 'string') return candidates;
  const v = value.value;
  const hit = candidates.filter((c) => NAMES.some((k) => c.attributes.get(k)?.value === v));
  return hit.length === 1 ? hit : candidates;
}

/**
 * Of resources model.related linked to `from`, those of its own root and module instance when there
 * are such: related lists them first, and a namesake of another module instance (the user "alice"
 * that each instance of a module declares, linked by its literal name) is not another candidate.
 */
export function ownFirst(from: Resource, linked: readonly Resource[]): readonly Resource[] {
  if (linked.length < 2) return linked;
  const own = linked.filter((r) => r.modulePath === from.modulePath && r.root === from.root);
  return own.length > 0 ? own : linked;
}

/** The resources of `type` that `from` links to (model.related), narrowed to the one `from`'s `attribute` names when its value is known. */
export function linkedCandidates(model: InfraModel, from: Resource, type: string, attribute?: string): readonly Resource[] {
  const all = ownFirst(from, model.related(from, type));
  return attribute === undefined ? all : namedByValue(all, from.attributes.get(attribute));
}

function verdict(outcomes: readonly Outcome[]): Outcome['status'] {
  if (outcomes.some((o) => o.status === 'fail')) return 'fail';
  if (outcomes.some((o) => o.status === 'unknown')) return 'unknown';
  return 'pass';
}

/**
 * Judges every candidate with `judgeOne`. One candidate, or all giving the same verdict: the first's
 * outcomes (the first failing one's, when they fail). Otherwise unknown at `where`, naming them:
 * `lead` completes "<lead> is one of ..." (e.g. "aws_db_instance.phi: its parameter group").
 */
export function judgedOnAll(candidates: readonly Resource[], judgeOne: (r: Resource) => Outcome[], where: Parameters<typeof unknown>[0], lead: string): Outcome[] {
  const judged = candidates.map(judgeOne);
  if (judged.length < 2) return judged[0] ?? [];
  const verdicts = judged.map(verdict);
  if (verdicts.every((v) => v === verdicts[0])) return judged[0]!;
  const names = candidates.map((c) => c.address).join(', ');
  const why = candidates.map((c, i) => `${c.address} ${verdicts[i] === 'pass' ? 'passes' : verdicts[i] === 'fail' ? 'fails' : 'cannot be judged'}`).join(', ');
  return [unknown(where, `${lead} is one of ${names} (which one is not known to the scan), and they differ: ${why}.`)];
}

/** Resources of a type that configure `target` (linkedBack). */
export interface LinkedBack {
  /** Those that configure `target` and no other. */
  readonly sure: readonly Resource[];
  /** Those that configure one of several, `target` among them, and which one is not known to the scan. */
  readonly maybe: readonly Resource[];
}

/**
 * The resources of `type` that configure `target` through their `attribute` (a secret rotation's
 * secret_id, a vault lock's backup_vault_name). One whose argument takes one of several
 * (`element([aws_x.a.id, aws_x.b.id], 1)`) links them all: it configures the one its known value
 * names, and only that one; when the value is known only at apply time it may configure any of them.
 */
export function linkedBack(model: InfraModel, target: Resource, type: string, attribute: string): LinkedBack {
  const sure: Resource[] = [];
  const maybe: Resource[] = [];
  for (const r of ownFirst(target, model.related(target, type))) {
    const all = ownFirst(r, model.related(r, target.type));
    // Linked the other way (target references r): r is target's own, as before.
    if (!all.includes(target)) {
      sure.push(r);
      continue;
    }
    const named = namedByValue(all, r.attributes.get(attribute));
    if (!named.includes(target)) continue;
    (named.length === 1 ? sure : maybe).push(r);
  }
  return { sure, maybe };
}

/** "aws_x.a, aws_x.b": the candidates `r` takes one of (for messages). */
export function candidatesOf(model: InfraModel, r: Resource, type: string): string {
  return ownFirst(r, model.related(r, type)).map((c) => c.address).join(', ');
}
