import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { defineRule } from '../../define-rule.js';
import { requireBoolean } from '../judge-setting.js';

/** The deletion-protection attribute and its provider default per data store type. */
const SETTINGS: Readonly<Record<string, { readonly name: string; readonly providerDefault: boolean }>> = {
  aws_db_instance: { name: 'deletion_protection', providerDefault: false },
  aws_rds_cluster: { name: 'deletion_protection', providerDefault: false },
  aws_neptune_cluster: { name: 'deletion_protection', providerDefault: false },
  aws_docdb_cluster: { name: 'deletion_protection', providerDefault: false },
  aws_dynamodb_table: { name: 'deletion_protection_enabled', providerDefault: false },
  aws_qldb_ledger: { name: 'deletion_protection', providerDefault: true },
};

export default defineRule<Resource>({
  id: 'aws-datastore-deletion-protection',
  title: 'PHI data stores have deletion protection',
  severity: 'medium',
  controls: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(C)', '164.312(c)(1)'],
  kind: 'attr',
  why: 'One mistaken terraform destroy or API call can erase a database or table of ePHI; deletion protection makes removal a deliberate two-step change.',
  howToFix: 'Set deletion_protection = true (deletion_protection_enabled = true on DynamoDB tables), and add lifecycle { prevent_destroy = true } to PHI stores.',
  links: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection'],
  references: {
    awsConfig: ['rds-cluster-deletion-protection-enabled', 'rds-instance-deletion-protection-enabled', 'dynamodb-table-deletion-protection-enabled'],
    checkov: ['CKV_AWS_139', 'CKV_AWS_293', 'CKV2_AWS_58', 'CKV_AWS_172'],
    trivy: ['AVD-AWS-0343', 'aws-rds-enable-cluster-deletion-protection', 'AVD-AWS-0177', 'aws-rds-enable-deletion-protection'],
  },
  targets: (model) =>
    Object.keys(SETTINGS)
      .flatMap((t) => model.ofType(t))
      .filter((r) => !(r.type === 'aws_db_instance' && (asString(r.attributes.get('engine')?.value) ?? '').startsWith('aurora'))),
  check(store) {
    const setting = SETTINGS[store.type]!;
    return requireBoolean(store.address, store, setting.name, true, {
      providerDefault: setting.providerDefault,
      consequence: 'a single API call or terraform destroy can delete it with its data',
      fix: { description: 'Enable deletion protection', safety: 'safe', fixValue: 'true' },
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_rds_cluster" "phi" {\n  cluster_identifier = "phi"\n  engine             = "aurora-postgresql"\n}\n'],
      good: ['resource "aws_rds_cluster" "phi" {\n  cluster_identifier  = "phi"\n  engine              = "aurora-postgresql"\n  deletion_protection = true\n}\n'],
    },
  },
});
