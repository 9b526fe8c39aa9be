// Which data stores an aws_backup_selection selects, as AWS Backup reads a selection: by reference or
// ARN (pattern) in resources, by tags (selection_tag, condition), less not_resources, under the
// region's service opt-in settings. Read by aws-backup-plan-covers-datastores (is each store in some
// plan) and aws-backup-plan-frequency-retention (what a plan's continuous rule protects).

import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asList, asString, blocksOf } from '../../../model/read.js';
import { computedFromValue } from '../../../model/computed-from.js';
import { containsUnknown, isPlainObject, isUnknown, type Plain } from '../../../model/value.js';
import { wildcardMatches } from '../../../util/wildcard.js';
import { isApplyTime, referencesResource } from '../judge-setting.js';
import { regionOf, sameRegion } from '../region.js';

/**
 * Data stores AWS Backup protects: the service and resource part of their ARNs, and the argument
 * that names them where AWS builds the ARN from a name the code sets (the others get an id at
 * create time).
 */
export const STORES: Readonly<Record<string, { readonly service: string; readonly resource: (name: string) => string; readonly nameAttribute?: string }>> = {
  aws_db_instance: { service: 'rds', resource: (n) => `db:${n}`, nameAttribute: 'identifier' },
  aws_rds_cluster: { service: 'rds', resource: (n) => `cluster:${n}`, nameAttribute: 'cluster_identifier' },
  aws_dynamodb_table: { service: 'dynamodb', resource: (n) => `table/${n}`, nameAttribute: 'name' },
  aws_ebs_volume: { service: 'ec2', resource: (n) => `volume/${n}` },
  aws_instance: { service: 'ec2', resource: (n) => `instance/${n}` },
  aws_efs_file_system: { service: 'elasticfilesystem', resource: (n) => `file-system/${n}` },
  aws_fsx_lustre_file_system: { service: 'fsx', resource: (n) => `file-system/${n}` },
  aws_fsx_windows_file_system: { service: 'fsx', resource: (n) => `file-system/${n}` },
  aws_fsx_ontap_file_system: { service: 'fsx', resource: (n) => `file-system/${n}` },
  aws_fsx_openzfs_file_system: { service: 'fsx', resource: (n) => `file-system/${n}` },
};


/** A verdict that may be open: true, false, or 'unknown' when it rests on a value known only at apply time. */
type Maybe = boolean | 'unknown';

/**
 * The store's tags, or 'unknown' when they are known only at apply time (`tags = var.tags` without
 * a value): no tag selection can be judged on them, where they were read as no tags and the store
 * failed as selected by nothing.
 */
function tagsOf(store: Resource): Readonly<Record<string, Plain>> | 'unknown' {
  const tags = store.effectiveTags?.value;
  if (tags !== undefined && isUnknown(tags)) return 'unknown';
  return isPlainObject(tags) ? tags : {};
}

/**
 * Does a resources entry (an ARN or ARN pattern) select this store? The store's own ARN is built
 * from its name (identifier, cluster_identifier, table name) and its region when known, and the
 * pattern matched against it: a literal ARN naming the store selects it (it was taken to name no
 * store), and `db:phi-*` selects the database "phi-main" only (a probe ARN named "x" was matched
 * instead: `db:x*` selected every database and `db:phi-*` none). A store whose name is not known
 * here is selected by a pattern that takes any name; one that may or may not name it is 'unknown'.
 */
function arnPatternCovers(pattern: string, store: Resource): Maybe {
  if (pattern === '*') return true;
  const arn = STORES[store.type];
  if (arn === undefined) return false;
  const fields = pattern.split(':');
  if (fields.length < 6) return wildcardMatches(pattern, `arn:aws:${arn.service}:us-east-1:123456789012:${arn.resource('x')}`) && wildcardMatches(pattern, `arn:aws:${arn.service}:us-east-1:123456789012:${arn.resource('q-0')}`);
  // Partition and account are the pattern's own (an account is rarely known here); the region is the store's when known.
  const partition = /^aws/.test(fields[1]!) ? fields[1]! : 'aws';
  const region = regionOf(store) ?? fields[3]!;
  const probe = (name: string): string => `arn:${partition}:${arn.service}:${region}:${fields[4]!}:${arn.resource(name)}`;
  const named = arn.nameAttribute === undefined ? undefined : store.attributes.get(arn.nameAttribute);
  const name = named === undefined || isApplyTime(named) ? undefined : asString(named.value);
  if (name !== undefined) return wildcardMatches(pattern, probe(name));
  if (wildcardMatches(pattern, probe('x')) && wildcardMatches(pattern, probe('q-0'))) return true;
  // The name is not known: a pattern of this type that names some stores may name this one.
  const resource = fields.slice(5).join(':');
  const prefix = arn.resource('');
  if (!resource.startsWith(prefix)) return false;
  return wildcardMatches(pattern, probe(resource.slice(prefix.length).replace(/[*?]/g, 'x'))) ? 'unknown' : false;
}

/** Any of several verdicts: true if one is, else 'unknown' if one is, else false. */
function anyOf(verdicts: readonly Maybe[]): Maybe {
  if (verdicts.includes(true)) return true;
  return verdicts.includes('unknown') ? 'unknown' : false;
}

/** The condition operators of aws_backup_selection: block name, wildcard match, negated. */
const CONDITION_TESTS: readonly (readonly [string, boolean, boolean])[] = [
  ['string_equals', false, false],
  ['string_like', true, false],
  ['string_not_equals', false, true],
  ['string_not_like', true, true],
];

function tagConditionsMatch(selection: Resource, store: Resource): Maybe {
  const tags = tagsOf(store);
  const tagBlocks = blocksOf(selection, 'selection_tag');
  const byTag: Maybe[] = tagBlocks.map((t) => {
    const key = asString(t.attributes.get('key')?.value);
    const value = asString(t.attributes.get('value')?.value);
    if (key === undefined || value === undefined) return false;
    if (tags === 'unknown' || isUnknown(tags[key] ?? null)) return 'unknown';
    return asString(tags[key]) === value;
  });
  if (byTag.includes(true)) return true;
  // AWS Backup ANDs every condition (string_equals, string_like, string_not_equals, string_not_like),
  // whichever condition block holds it; a negated one holds for a store without the tag.
  const tests = blocksOf(selection, 'condition').flatMap((condition) =>
    CONDITION_TESTS.flatMap(([name, like, negated]) => blocksOf(condition, name).map((b) => ({ b, like, negated }))),
  );
  const byCondition: Maybe[] = tests.map(({ b, like, negated }): Maybe => {
    const key = /^aws:ResourceTag\/(.+)$/.exec(asString(b.attributes.get('key')?.value) ?? '')?.[1];
    const value = asString(b.attributes.get('value')?.value);
    if (key === undefined || value === undefined) return false;
    if (tags === 'unknown' || isUnknown(tags[key] ?? null)) return 'unknown';
    const actual = asString(tags[key]);
    const matches = actual !== undefined && (like ? wildcardMatches(value, actual) : actual === value);
    return negated ? !matches : matches;
  });
  const conditions: Maybe = tests.length === 0 ? false : byCondition.includes(false) ? false : byCondition.includes('unknown') ? 'unknown' : true;
  return anyOf([...byTag, conditions]);
}

/**
 * Does the selection's not_resources name the store (its ARN by reference, which names a store of the
 * selection's own root module, or a pattern matching it)?
 */
function excludes(selection: Resource, store: Resource): Maybe {
  return anyOf(
    asList(selection.attributes.get('not_resources')?.value).map((e): Maybe => {
      const from = computedFromValue(e);
      if (from !== undefined) return from === store.address && store.root === selection.root;
      const pattern = asString(e);
      return pattern !== undefined && !pattern.includes('${unknown') ? arnPatternCovers(pattern, store) : false;
    }),
  );
}

export type Coverage =
  | { readonly kind: 'covered'; readonly by: Resource }
  | { readonly kind: 'unknown'; readonly by: Resource }
  | { readonly kind: 'none'; readonly optedOut?: { readonly settings: Resource; readonly service: string; readonly selection: Resource } };

/**
 * The AWS Backup service a store belongs to, as aws_backup_region_settings'
 * resource_type_opt_in_preference names it (UpdateRegionSettings): an Aurora cluster is "Aurora",
 * a Multi-AZ DB cluster "RDS".
 */
function optInServiceOf(store: Resource): string | undefined {
  switch (store.type) {
    case 'aws_db_instance':
      return 'RDS';
    case 'aws_rds_cluster':
      return (asString(store.attributes.get('engine')?.value) ?? 'aurora').startsWith('aurora') ? 'Aurora' : 'RDS';
    case 'aws_dynamodb_table':
      return 'DynamoDB';
    case 'aws_ebs_volume':
      return 'EBS';
    case 'aws_instance':
      return 'EC2';
    case 'aws_efs_file_system':
      return 'EFS';
    default:
      return undefined; // FSx types: which opt-in key each is under is not verified here
  }
}

/**
 * The region settings that opt the store's service out in its region (resource_type_opt_in_preference
 * { RDS = false }), if any. AWS Backup then backs the store up only when a selection assigns its
 * resource type explicitly, and Aurora (with Neptune and DocumentDB) not even then: "If resource
 * assignments are only based on tags, then service opt-in settings are applied. If a resource type is
 * explicitly assigned to a backup plan ... it will be included in the backup even if the opt-in is
 * not enabled" (UpdateRegionSettings; Assigning resources to a backup plan). A selection by tag, by
 * "*" or by a whole service (arn:aws:rds:*) was taken as backing up an opted-out store.
 */
export function optOutOf(model: InfraModel, store: Resource): { readonly settings: Resource; readonly service: string } | undefined {
  const service = optInServiceOf(store);
  if (service === undefined) return undefined;
  for (const settings of model.ofType('aws_backup_region_settings')) {
    if (sameRegion(settings, store) !== true) continue;
    const preference = settings.attributes.get('resource_type_opt_in_preference')?.value;
    if (isPlainObject(preference) && preference[service] === false) return { settings, service };
  }
  return undefined;
}

/**
 * Whether a selection assigns the store's resource type explicitly: by reference, or by an ARN
 * (pattern) that names the resource type (arn:aws:rds:*:*:db:*), not "*" or a whole service.
 */
function assignsTypeExplicitly(model: InfraModel, selection: Resource, store: Resource): boolean {
  if (referencesResource(model, selection, store)) return true;
  const arn = STORES[store.type];
  if (arn === undefined) return false;
  const prefix = arn.resource('');
  return asList(selection.attributes.get('resources')?.value).some((e) => {
    const fields = (asString(e) ?? '').split(':');
    return fields.length >= 6 && fields[2] === arn.service && fields.slice(5).join(':').startsWith(prefix);
  });
}

/** What one selection does for one store. */
export type SelectionVerdict = 'selects' | 'unknown' | 'opted-out' | 'none';

/**
 * Whether one aws_backup_selection backs the store up: 'opted-out' when it selects the store but
 * aws_backup_region_settings opts the store's service out (optOut, from optOutOf) and the
 * selection does not assign its resource type explicitly.
 */
export function selectionVerdict(model: InfraModel, selection: Resource, store: Resource, optOut: ReturnType<typeof optOutOf>): SelectionVerdict {
  const resources = selection.attributes.get('resources');
  // not_resources takes stores out of what resources and the tags select; one that may name the
  // store leaves the selection's verdict open.
  const excluded = excludes(selection, store);
  if (excluded === true) return 'none';
  const select = (): SelectionVerdict => {
    if (optOut && (optOut.service === 'Aurora' || !assignsTypeExplicitly(model, selection, store))) return 'opted-out';
    return excluded === 'unknown' ? 'unknown' : 'selects';
  };
  // A reference selects a store of the selection's own root module and module instance (another
  // stack's store at the same address was taken as selected); by key (`aws_dynamodb_table.t["a"].arn`)
  // that instance only.
  if (referencesResource(model, selection, store)) {
    const named = selection.instanceReferences?.find((l) => l.configAddress === store.configAddress)?.addresses;
    if (named === undefined || named.includes(store.address)) return select();
  }
  if (resources && isUnknown(resources.value)) return 'unknown';
  const entries = asList(resources?.value);
  const patterns = entries.map((e) => asString(e)).filter((e): e is string => e !== undefined && !e.includes('${unknown'));
  const byArn = anyOf(patterns.map((p) => arnPatternCovers(p, store)));
  const hasTagConditions = blocksOf(selection, 'selection_tag').length > 0 || blocksOf(selection, 'condition').length > 0;
  // Tags select among `resources` (or among everything when resources is empty or "*"). With
  // neither resources nor tags AWS Backup selects every supported, opted-in resource (the
  // BackupSelection API reference), less not_resources: it was taken to select nothing.
  const selected: Maybe = !hasTagConditions ? (entries.length === 0 ? true : byArn) : entries.length === 0 ? tagConditionsMatch(selection, store) : byArn === false ? false : andOf(byArn, tagConditionsMatch(selection, store));
  if (selected === true) return select();
  if (selected === 'unknown') return 'unknown';
  if (entries.some((e) => containsUnknown(e)) && !selection.references.some((r) => Object.keys(STORES).some((t) => r.startsWith(`${t}.`) || r.includes(`.${t}.`)))) return 'unknown';
  return 'none';
}

/** Whether any aws_backup_selection, or for EFS an enabled aws_efs_backup_policy, protects the store. */
export function coverageOf(model: InfraModel, store: Resource): Coverage {
  const optOut = optOutOf(model, store);
  let optedOutSelection: Resource | undefined;
  if (store.type === 'aws_efs_file_system') {
    const policy = model.related(store, 'aws_efs_backup_policy').find((p) => blocksOf(p, 'backup_policy').some((b) => asString(b.attributes.get('status')?.value) === 'ENABLED'));
    if (policy) return { kind: 'covered', by: policy };
  }
  let pending: Resource | undefined;
  for (const selection of model.ofType('aws_backup_selection')) {
    const verdict = selectionVerdict(model, selection, store, optOut);
    if (verdict === 'selects') return { kind: 'covered', by: selection };
    if (verdict === 'opted-out') optedOutSelection ??= selection;
    else if (verdict === 'unknown') pending ??= selection;
  }
  if (pending) return { kind: 'unknown', by: pending };
  return optOut && optedOutSelection ? { kind: 'none', optedOut: { ...optOut, selection: optedOutSelection } } : { kind: 'none' };
}

/** Both of two verdicts: false if one is, else 'unknown' if one is, else true. */
function andOf(a: Maybe, b: Maybe): Maybe {
  if (a === false || b === false) return false;
  return a === 'unknown' || b === 'unknown' ? 'unknown' : true;
}

/**
 * Whether AWS Backup keeps a store continuously (point-in-time) under a continuous rule: it does for
 * "Amazon S3, Amazon RDS, Aurora, SAP HANA on Amazon EC2" only (AWS Backup guide, "Continuous
 * backups and point-in-time recovery"); DynamoDB tables, EBS volumes, EC2 instances, EFS and FSx
 * file systems get snapshots on the rule's schedule, kept as its lifecycle says. An RDS cluster not
 * of an Aurora engine (a Multi-AZ DB cluster) is 'unknown': the guide does not say.
 */
export function continuousCapable(resource: Resource): Maybe {
  switch (resource.type) {
    case 'aws_db_instance':
    case 'aws_s3_bucket':
      return true;
    case 'aws_rds_cluster':
      return (asString(resource.attributes.get('engine')?.value) ?? 'aurora').startsWith('aurora') ? true : 'unknown';
    default:
      return resource.type in STORES ? false : 'unknown';
  }
}

/** Whether a resources entry of a selection names only resources continuous backup covers. */
function entryContinuous(model: InfraModel, selection: Resource, entry: Plain): Maybe {
  const from = computedFromValue(entry);
  if (from !== undefined) {
    const named = model.resources.find((r) => r.address === from && r.root === selection.root);
    return named ? continuousCapable(named) : 'unknown';
  }
  const fields = (asString(entry) ?? '').split(':');
  if (fields.length < 6 || fields.some((f) => f.includes('${unknown'))) return 'unknown';
  if (fields[2] === 's3') return true;
  if (fields[2] === 'rds' && fields.slice(5).join(':').startsWith('db:')) return true;
  return 'unknown'; // "*", another service, or rds cluster: (Aurora or a Multi-AZ DB cluster)
}

/**
 * What a backup plan's continuous rule protects continuously, as the plan's aws_backup_selection
 * resources assign it: 'continuous' when every selection names only resource types continuous
 * backup covers (RDS databases, Aurora clusters, S3 buckets), so a snapshot schedule applies to none;
 * 'snapshots' with a store the plan selects that AWS Backup cannot back up continuously (it gets
 * the rule's schedule and retention); 'unknown' otherwise (no selection in the scan, a selection by
 * tag or "*" that may take stores declared elsewhere, resources known only at apply time).
 */
export type ContinuousReach =
  | { readonly kind: 'continuous' }
  | { readonly kind: 'snapshots'; readonly store: Resource; readonly selection: Resource }
  | { readonly kind: 'unknown' };

export function continuousReachOf(model: InfraModel, plan: Resource): ContinuousReach {
  const selections = model.ofType('aws_backup_selection').filter((s) => referencesResource(model, s, plan));
  if (selections.length === 0) return { kind: 'unknown' };
  for (const store of Object.keys(STORES).flatMap((t) => model.ofType(t))) {
    if (continuousCapable(store) !== false) continue;
    const optOut = optOutOf(model, store);
    const selection = selections.find((s) => selectionVerdict(model, s, store, optOut) === 'selects');
    if (selection) return { kind: 'snapshots', store, selection };
  }
  const restricted = selections.every((s) => {
    const resources = s.attributes.get('resources');
    if (!resources || isUnknown(resources.value)) return false;
    const entries = asList(resources.value);
    return entries.length > 0 && entries.every((e) => entryContinuous(model, s, e) === true);
  });
  return restricted ? { kind: 'continuous' } : { kind: 'unknown' };
}
