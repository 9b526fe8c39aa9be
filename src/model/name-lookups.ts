// Lookups of a resource by a literal name (a backend's state bucket, an RDS source by identifier, a
// bucket by its global name): the merged model answers them from any root module, a root module's
// own model from its own only. A scan judging root modules apart (pipeline/unit-judging.ts) watches
// each unit's model and judges the units a lookup could reach together (graph/cross-unit-names.ts).
import { IDENTITY_KEYS } from './identity-keys.js';
import type { InfraModel } from './infra-model.js';

/** A lookup of a resource of `type` whose `attribute` holds a name (rules/by-attribute.ts, s3BucketsNamed). */
export interface AttributeLookup {
  readonly type: string;
  readonly attribute: string;
  /** The name as text (asString of the attribute's value, as the lookups compare it). */
  readonly value: string;
}

/**
 * An InfraModel.related question that the target's own root module could not answer by a literal
 * name, so any root module's resource of type `wanted` may: one holding `value` as its own name
 * (IDENTITY_KEYS) when the target names it (`role` foreign), or one naming it (FOREIGN_KEYS) when
 * the target holds it as its own (`role` identity). A root module declaring a `targetType` resource of
 * that name as its own is not read (related()'s namesake rule).
 */
export interface RelatedLookup {
  readonly wanted: string;
  readonly targetType: string;
  readonly value: string;
  readonly role: 'foreign' | 'identity';
}

export type NameLookup = AttributeLookup | RelatedLookup;

/**
 * The attributes a lookup may read on a watched model: those the units' names are indexed by. A
 * lookup by another throws there (a rule/crashed diagnostic in the tests, not a quietly lost link).
 */
export const LOOKUP_ATTRIBUTES: ReadonlySet<string> = new Set([...IDENTITY_KEYS, 'network_acl_id']);

const watched = new WeakMap<InfraModel, NameLookup[]>();

/** Records every lookup by name and every related() question by name any root module may answer, made on `model` from now on, into the list returned. */
export function watchNameLookups(model: InfraModel): readonly NameLookup[] {
  const log: NameLookup[] = [];
  watched.set(model, log);
  return log;
}

/** Called by each lookup by name (rules/by-attribute.ts, adapters/aws/s3.ts s3BucketsNamed). */
export function noteNameLookup(model: InfraModel, type: string, attribute: string, value: string): void {
  const log = watched.get(model);
  if (log === undefined) return;
  if (!LOOKUP_ATTRIBUTES.has(attribute)) throw new Error(`a lookup of ${type} by ${attribute} on a root module's own model: add ${attribute} to LOOKUP_ATTRIBUTES (model/name-lookups.ts)`);
  log.push({ type, attribute, value });
}

/** Called by InfraModel.related when the target's own root module holds no resource it links to by a name (graph/infra-model.ts). */
export function noteRelatedByName(model: InfraModel, lookup: RelatedLookup): void {
  watched.get(model)?.push(lookup);
}
