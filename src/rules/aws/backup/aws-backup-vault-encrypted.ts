import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf, referencesType } from '../judge-setting.js';

const AWS_MANAGED = /(^|:)alias\/aws\//;

export default defineRule<Resource>({
  id: 'aws-backup-vault-encrypted',
  title: 'Backup vaults encrypt recovery points with a customer-managed KMS key',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)', '164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)'],
  kind: 'attr',
  why: 'Recovery points are full copies of ePHI stores; a customer-managed key lets you restrict, audit and revoke who can decrypt them, which the AWS-managed aws/backup key does not.',
  howToFix: 'Set kms_key_arn on the aws_backup_vault to a customer-managed aws_kms_key (Terraform replaces the vault).',
  links: ['https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html'],
  references: { awsConfig: ['backup-recovery-point-encrypted'], checkov: ['CKV_AWS_166'] },
  targets: (model) => model.ofType('aws_backup_vault'),
  check(vault) {
    const key = vault.attributes.get('kms_key_arn');
    if (!key || key.value === null || key.value === '') {
      return fail(key ?? vault, { message: `${vault.address} does not set kms_key_arn, so recovery points use the AWS-managed aws/backup key.` });
    }
    if (isApplyTime(key)) {
      if (referencesType(vault, /^aws_kms_(key|replica_key|external_key|replica_external_key)$/)) return pass(key);
      return unknown(key, `${vault.address}: kms_key_arn is known only at apply time (${reasonOf(key)}).`);
    }
    if (AWS_MANAGED.test(asString(key.value) ?? '')) return fail(key, { message: `${vault.address} uses an AWS-managed key alias, so key access cannot be restricted or revoked.` });
    return pass(key);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_backup_vault" "phi" {\n  name = "phi-backups"\n}\n'],
      good: [
        'resource "aws_kms_key" "backup" {\n  description         = "PHI backups"\n  enable_key_rotation = true\n}\n\nresource "aws_backup_vault" "phi" {\n  name        = "phi-backups"\n  kms_key_arn = aws_kms_key.backup.arn\n}\n',
      ],
    },
  },
});
