import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asList, asString, blocksOf } from '../../../model/read.js';
import { computedFromValue } from '../../../model/computed-from.js';
import { containsUnknown, isPlainObject, isUnknown, type Plain } from '../../../model/value.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { inPhiScope } from '../phi-scope.js';
import { wildcardMatches } from '../../../util/wildcard.js';
import { isApplyTime, referencesResource } from '../judge-setting.js';
import { regionOf, sameRegion } from '../region.js';

/**
 * Data stores AWS Backup protects: the service and resource part of their ARNs, and the argument
 * that names them where AWS builds the ARN from a name the code sets (the others get an id at
 * create time).
 */
const STORES: Readonly<Record<string, { readonly service: string; readonly resource: (name: string) => string; readonly nameAttribute?: string }>> = {
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

interface Params {
  /** 'phi': data stores classified PHI (or of unknown classification); 'all': every data store. */
  readonly scope: string;
  [key: string]: string;
}

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

type Coverage =
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
function optOutOf(model: InfraModel, store: Resource): { readonly settings: Resource; readonly service: string } | undefined {
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

function coverageOf(model: InfraModel, store: Resource): Coverage {
  const optOut = optOutOf(model, store);
  let optedOutSelection: Resource | undefined;
  if (store.type === 'aws_efs_file_system') {
    const policy = model.related(store, 'aws_efs_backup_policy').find((p) => blocksOf(p, 'backup_policy').some((b) => asString(b.attributes.get('status')?.value) === 'ENABLED'));
    if (policy) return { kind: 'covered', by: policy };
  }
  let pending: Resource | undefined;
  for (const selection of model.ofType('aws_backup_selection')) {
    const resources = selection.attributes.get('resources');
    // not_resources takes stores out of what resources and the tags select; one that may name the
    // store leaves the selection's verdict open.
    const excluded = excludes(selection, store);
    if (excluded === true) continue;
    const select = (): Coverage | undefined => {
      if (optOut && (optOut.service === 'Aurora' || !assignsTypeExplicitly(model, selection, store))) {
        optedOutSelection ??= selection;
        return undefined;
      }
      if (excluded === 'unknown') {
        pending ??= selection;
        return undefined;
      }
      return { kind: 'covered', by: selection };
    };
    // A reference selects a store of the selection's own root module and module instance (another
    // stack's store at the same address was taken as selected); by key (`aws_dynamodb_table.t["a"].arn`)
    // that instance only.
    if (referencesResource(model, selection, store)) {
      const named = selection.instanceReferences?.find((l) => l.configAddress === store.configAddress)?.addresses;
      if (named === undefined || named.includes(store.address)) {
        const covered = select();
        if (covered) return covered;
        continue;
      }
    }
    if (resources && isUnknown(resources.value)) {
      pending ??= selection;
      continue;
    }
    const entries = asList(resources?.value);
    const patterns = entries.map((e) => asString(e)).filter((e): e is string => e !== undefined && !e.includes('${unknown'));
    const byArn = anyOf(patterns.map((p) => arnPatternCovers(p, store)));
    const hasTagConditions = blocksOf(selection, 'selection_tag').length > 0 || blocksOf(selection, 'condition').length > 0;
    // Tags select among `resources` (or among everything when resources is empty or "*"). With
    // neither resources nor tags AWS Backup selects every supported, opted-in resource (the
    // BackupSelection API reference), less not_resources: it was taken to select nothing.
    const selected: Maybe = !hasTagConditions ? (entries.length === 0 ? true : byArn) : entries.length === 0 ? tagConditionsMatch(selection, store) : byArn === false ? false : andOf(byArn, tagConditionsMatch(selection, store));
    if (selected === true) {
      const covered = select();
      if (covered) return covered;
      continue;
    }
    if (selected === 'unknown') pending ??= selection;
    else if (entries.some((e) => containsUnknown(e)) && !selection.references.some((r) => Object.keys(STORES).some((t) => r.startsWith(`${t}.`) || r.includes(`.${t}.`)))) pending ??= selection;
  }
  if (pending) return { kind: 'unknown', by: pending };
  return optOut && optedOutSelection ? { kind: 'none', optedOut: { ...optOut, selection: optedOutSelection } } : { kind: 'none' };
}

/** Both of two verdicts: false if one is, else 'unknown' if one is, else true. */
function andOf(a: Maybe, b: Maybe): Maybe {
  if (a === false || b === false) return false;
  return a === 'unknown' || b === 'unknown' ? 'unknown' : true;
}

export default defineRule<Resource, Params>({
  id: 'aws-backup-plan-covers-datastores',
  title: 'Every PHI data store is in an AWS Backup plan',
  severity: 'high',
  controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(i)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)', '164.312(a)(2)(ii)'],
  kind: 'graph',
  why: 'A database, table, volume or file system that no backup plan selects has no retrievable exact copy of its ePHI after deletion, corruption or ransomware.',
  howToFix:
    'Add an aws_backup_selection (with plan_id and iam_role_arn) that lists the store\'s ARN in resources, or selects it by a tag it carries (selection_tag or condition { string_equals { key = "aws:ResourceTag/Backup" ... } }); for EFS an aws_efs_backup_policy with status ENABLED also counts. Where aws_backup_region_settings opts the store\'s service out, select it by its resource type ARN (Aurora must stay opted in).',
  links: ['https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html'],
  references: {
    awsConfig: ['rds-in-backup-plan', 'aurora-resources-protected-by-backup-plan', 'dynamodb-in-backup-plan', 'ebs-in-backup-plan', 'ec2-resources-protected-by-backup-plan', 'efs-in-backup-plan', 'fsx-resources-protected-by-backup-plan'],
    checkov: ['CKV2_AWS_8', 'CKV2_AWS_9', 'CKV2_AWS_18'],
  },
  params: { scope: 'phi' },
  targets: (model, params) =>
    Object.keys(STORES)
      .flatMap((t) => model.ofType(t))
      .filter((store) => {
        if (store.type === 'aws_db_instance') {
          const engine = asString(store.attributes.get('engine')?.value) ?? '';
          if (engine.startsWith('aurora')) return false; // backed up through its cluster
        }
        return inPhiScope(store, params.scope);
      }),
  check(store, { model }) {
    const coverage = coverageOf(model, store);
    if (coverage.kind === 'covered') return pass(store);
    if (coverage.kind === 'unknown') return unknown(coverage.by, `${coverage.by.address}: the backup selection's resources, or the store's name or tags it selects by, are known only at apply time, so whether it covers ${store.address} cannot be judged.`);
    const out = coverage.optedOut;
    if (out) {
      const how = out.service === 'Aurora' ? 'which AWS Backup honours even for a selection naming the resource type' : `and ${out.selection.address} selects it by tag, by "*" or by service only, not by its resource type`;
      return fail(store, {
        message: `${store.address} is selected by ${out.selection.address}, but ${out.settings.address} opts ${out.service} out of AWS Backup in its region (resource_type_opt_in_preference), ${how}, so no backup plan protects it.`,
        related: [{ span: out.settings.attributes.get('resource_type_opt_in_preference')?.span ?? out.settings.span, message: `${out.service} opted out here` }],
      });
    }
    return fail(store, { message: `${store.address} is not selected by any aws_backup_selection (by ARN or by a tag it carries), so no backup plan protects it.` });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_dynamodb_table" "patients" {\n  name     = "patients"\n  hash_key = "id"\n\n  attribute {\n    name = "id"\n    type = "S"\n  }\n\n  tags = {\n    DataClassification = "PHI"\n  }\n}\n'],
      good: [
        `resource "aws_dynamodb_table" "patients" {
  name     = "patients"
  hash_key = "id"

  attribute {
    name = "id"
    type = "S"
  }

  tags = {
    DataClassification = "PHI"
    Backup             = "daily"
  }
}

resource "aws_backup_plan" "daily" {
  name = "daily"

  rule {
    rule_name         = "daily"
    target_vault_name = "phi-backups"
    schedule          = "cron(0 5 ? * * *)"
  }
}

resource "aws_backup_selection" "tagged" {
  name         = "tagged"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"

  selection_tag {
    type  = "STRINGEQUALS"
    key   = "Backup"
    value = "daily"
  }
}
`,
      ],
    },
  },
});
