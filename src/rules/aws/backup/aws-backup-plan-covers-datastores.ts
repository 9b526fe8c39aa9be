import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { inPhiScope } from '../phi-scope.js';
import { coverageOf, STORES } from './backup-selection.js';

interface Params {
  /** 'phi': data stores classified PHI (or of unknown classification); 'all': every data store. */
  readonly scope: string;
  [key: string]: string;
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
