import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asList, asString, blocksOf } from '../../../model/read.js';
import { computedFromValue } from '../../../model/computed-from.js';
import { containsUnknown, isPlainObject, isUnknown, type Plain } from '../../../model/value.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { inPhiScope } from '../phi-scope.js';
import { wildcardMatches } from '../../../util/wildcard.js';
import { referencesResource } from '../judge-setting.js';

/** Data stores AWS Backup protects, with the ARN service/resource segment used by wildcard selections. */
const STORES: Readonly<Record<string, RegExp>> = {
  aws_db_instance: /^arn:aws[a-z-]*:rds:[^:]*:[^:]*:db:/,
  aws_rds_cluster: /^arn:aws[a-z-]*:rds:[^:]*:[^:]*:cluster:/,
  aws_dynamodb_table: /^arn:aws[a-z-]*:dynamodb:/,
  aws_ebs_volume: /^arn:aws[a-z-]*:ec2:[^:]*:[^:]*:volume\//,
  aws_instance: /^arn:aws[a-z-]*:ec2:[^:]*:[^:]*:instance\//,
  aws_efs_file_system: /^arn:aws[a-z-]*:elasticfilesystem:/,
  aws_fsx_lustre_file_system: /^arn:aws[a-z-]*:fsx:/,
  aws_fsx_windows_file_system: /^arn:aws[a-z-]*:fsx:/,
  aws_fsx_ontap_file_system: /^arn:aws[a-z-]*:fsx:/,
  aws_fsx_openzfs_file_system: /^arn:aws[a-z-]*:fsx:/,
};

interface Params {
  /** 'phi': data stores classified PHI (or of unknown classification); 'all': every data store. */
  readonly scope: string;
  [key: string]: string;
}

function tagsOf(store: Resource): Readonly<Record<string, Plain>> {
  const tags = store.effectiveTags?.value;
  return isPlainObject(tags) ? tags : {};
}

/** Does a resources entry (an ARN pattern) select this store type? Wildcard patterns only: a literal ARN names one store. */
function arnPatternCovers(pattern: string, store: Resource): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return false;
  const service = STORES[store.type];
  // Probe with a representative ARN of this type: the pattern must accept it.
  const sample: Record<string, string> = {
    aws_db_instance: 'arn:aws:rds:r:1:db:x',
    aws_rds_cluster: 'arn:aws:rds:r:1:cluster:x',
    aws_dynamodb_table: 'arn:aws:dynamodb:r:1:table/x',
    aws_ebs_volume: 'arn:aws:ec2:r:1:volume/x',
    aws_instance: 'arn:aws:ec2:r:1:instance/x',
    aws_efs_file_system: 'arn:aws:elasticfilesystem:r:1:file-system/x',
  };
  const probe = sample[store.type] ?? 'arn:aws:fsx:r:1:file-system/x';
  return service !== undefined && wildcardMatches(pattern, probe);
}

/** The condition operators of aws_backup_selection: block name, wildcard match, negated. */
const CONDITION_TESTS: readonly (readonly [string, boolean, boolean])[] = [
  ['string_equals', false, false],
  ['string_like', true, false],
  ['string_not_equals', false, true],
  ['string_not_like', true, true],
];

function tagConditionsMatch(selection: Resource, store: Resource): boolean {
  const tags = tagsOf(store);
  const tagBlocks = blocksOf(selection, 'selection_tag');
  for (const t of tagBlocks) {
    const key = asString(t.attributes.get('key')?.value);
    const value = asString(t.attributes.get('value')?.value);
    if (key !== undefined && value !== undefined && asString(tags[key]) === value) return true;
  }
  // AWS Backup ANDs every condition (string_equals, string_like, string_not_equals, string_not_like),
  // whichever condition block holds it; a negated one holds for a store without the tag.
  const tests = blocksOf(selection, 'condition').flatMap((condition) =>
    CONDITION_TESTS.flatMap(([name, like, negated]) => blocksOf(condition, name).map((b) => ({ b, like, negated }))),
  );
  if (tests.length === 0) return false;
  return tests.every(({ b, like, negated }) => {
    const key = /^aws:ResourceTag\/(.+)$/.exec(asString(b.attributes.get('key')?.value) ?? '')?.[1];
    const value = asString(b.attributes.get('value')?.value);
    if (key === undefined || value === undefined) return false;
    const actual = asString(tags[key]);
    const matches = actual !== undefined && (like ? wildcardMatches(value, actual) : actual === value);
    return negated ? !matches : matches;
  });
}

/**
 * Does the selection's not_resources name the store (its ARN by reference, which names a store of the
 * selection's own root module, or a pattern matching its type)?
 */
function excludes(selection: Resource, store: Resource): boolean {
  return asList(selection.attributes.get('not_resources')?.value).some((e) => {
    const from = computedFromValue(e);
    if (from !== undefined) return from === store.address && store.root === selection.root;
    const pattern = asString(e);
    return pattern !== undefined && arnPatternCovers(pattern, store);
  });
}

type Coverage = { readonly kind: 'covered'; readonly by: Resource } | { readonly kind: 'unknown'; readonly by: Resource } | { readonly kind: 'none' };

function coverageOf(model: InfraModel, store: Resource): Coverage {
  if (store.type === 'aws_efs_file_system') {
    const policy = model.related(store, 'aws_efs_backup_policy').find((p) => blocksOf(p, 'backup_policy').some((b) => asString(b.attributes.get('status')?.value) === 'ENABLED'));
    if (policy) return { kind: 'covered', by: policy };
  }
  let pending: Resource | undefined;
  for (const selection of model.ofType('aws_backup_selection')) {
    const resources = selection.attributes.get('resources');
    // not_resources takes stores out of what resources and the tags select.
    if (excludes(selection, store)) continue;
    // A reference selects a store of the selection's own root module and module instance (another
    // stack's store at the same address was taken as selected); by key (`aws_dynamodb_table.t["a"].arn`)
    // that instance only.
    if (referencesResource(model, selection, store)) {
      const named = selection.instanceReferences?.find((l) => l.configAddress === store.configAddress)?.addresses;
      if (named === undefined || named.includes(store.address)) return { kind: 'covered', by: selection };
    }
    if (resources && isUnknown(resources.value)) {
      pending ??= selection;
      continue;
    }
    const entries = asList(resources?.value);
    const patterns = entries.map((e) => asString(e)).filter((e): e is string => e !== undefined && !e.includes('${unknown'));
    const byArn = patterns.some((p) => arnPatternCovers(p, store));
    const hasTagConditions = blocksOf(selection, 'selection_tag').length > 0 || blocksOf(selection, 'condition').length > 0;
    if (byArn && !hasTagConditions) return { kind: 'covered', by: selection };
    // Tags select among `resources` (or among everything when resources is empty or "*").
    if (hasTagConditions && (entries.length === 0 || byArn) && tagConditionsMatch(selection, store)) return { kind: 'covered', by: selection };
    if (entries.some((e) => containsUnknown(e)) && !selection.references.some((r) => Object.keys(STORES).some((t) => r.startsWith(`${t}.`) || r.includes(`.${t}.`)))) pending ??= selection;
  }
  return pending ? { kind: 'unknown', by: pending } : { kind: 'none' };
}

export default defineRule<Resource, Params>({
  id: 'aws-backup-plan-covers-datastores',
  title: 'Every PHI data store is in an AWS Backup plan',
  severity: 'high',
  controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(i)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)', '164.312(a)(2)(ii)'],
  kind: 'graph',
  why: 'A database, table, volume or file system that no backup plan selects has no retrievable exact copy of its ePHI after deletion, corruption or ransomware.',
  howToFix:
    'Add an aws_backup_selection (with plan_id and iam_role_arn) that lists the store\'s ARN in resources, or selects it by a tag it carries (selection_tag or condition { string_equals { key = "aws:ResourceTag/Backup" ... } }); for EFS an aws_efs_backup_policy with status ENABLED also counts.',
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
    if (coverage.kind === 'unknown') return unknown(coverage.by, `${coverage.by.address}: the backup selection's resources are known only at apply time, so whether it covers ${store.address} cannot be judged.`);
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
