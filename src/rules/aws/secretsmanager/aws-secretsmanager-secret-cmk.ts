import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { requireKmsKey } from '../kms/require-kms-key.js';

export default defineRule<Resource>({
  id: 'aws-secretsmanager-secret-cmk',
  title: 'Secrets Manager secrets use a customer-managed KMS key',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Secrets unlock ePHI stores; with the AWS-managed aws/secretsmanager key any principal with secretsmanager:GetSecretValue can read them, while a customer-managed key adds a key policy and audit trail.',
  howToFix: 'Set kms_key_id = aws_kms_key.<key>.arn on the aws_secretsmanager_secret.',
  links: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html'],
  references: { awsConfig: ['secretsmanager-using-cmk'], checkov: ['CKV_AWS_149'], trivy: ['AVD-AWS-0098', 'aws-ssm-secret-use-customer-key'] },
  targets: (model) => model.ofType('aws_secretsmanager_secret'),
  check(secret, { model }) {
    return requireKmsKey(model, secret, secret, 'kms_key_id', { strength: 'customer', missing: 'it is encrypted with the AWS-managed aws/secretsmanager key, not a customer-managed key' });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_secretsmanager_secret" "db" {\n  name = "patient-db-credentials"\n}\n'],
      good: [
        'resource "aws_kms_key" "secrets" {\n  enable_key_rotation = true\n}\n\nresource "aws_secretsmanager_secret" "db" {\n  name       = "patient-db-credentials"\n  kms_key_id = aws_kms_key.secrets.arn\n}\n',
      ],
    },
  },
});
