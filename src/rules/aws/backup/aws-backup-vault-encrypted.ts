import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { requireKmsKey } from '../kms/require-kms-key.js';

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
  // The key is judged as every other key reference is (kms-key-reference.ts): a data source or alias
  // naming alias/aws/backup is the AWS-managed key, and only kms_key_arn itself counts, not a
  // reference to some aws_kms_key elsewhere in the vault (a tag, say).
  check(vault, { model }) {
    return requireKmsKey(model, vault, vault, 'kms_key_arn', { strength: 'customer', missing: 'recovery points use the AWS-managed aws/backup key' });
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
