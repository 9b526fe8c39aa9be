import type { Resource } from '../../../model/resource.js';
import { attr, blocksOf } from '../../../model/read.js';
import { defineRule, type Outcome } from '../../define-rule.js';
import { requireKmsKey } from '../kms/require-kms-key.js';

export default defineRule<Resource>({
  id: 'aws-secretsmanager-secret-cmk',
  title: 'Secrets Manager secrets use a customer-managed KMS key',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Secrets unlock ePHI stores; with the AWS-managed aws/secretsmanager key any principal with secretsmanager:GetSecretValue can read them, while a customer-managed key adds a key policy and audit trail.',
  howToFix: 'Set kms_key_id = aws_kms_key.<key>.arn on the aws_secretsmanager_secret, and on each of its replica blocks (a key in the replica Region).',
  links: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html'],
  references: { awsConfig: ['secretsmanager-using-cmk'], checkov: ['CKV_AWS_149'], trivy: ['AVD-AWS-0098', 'aws-ssm-secret-use-customer-key'] },
  targets: (model) => model.ofType('aws_secretsmanager_secret'),
  check(secret, { model }) {
    const outcomes: Outcome[] = [requireKmsKey(model, secret, secret, 'kms_key_id', { strength: 'customer', missing: 'it is encrypted with the AWS-managed aws/secretsmanager key, not a customer-managed key' })];
    // Each replica is a copy of the secret in another Region under its own key: without kms_key_id
    // "Secrets Manager uses aws/secretsmanager" there (ReplicateSecretToRegions, ReplicaRegionType.KmsKeyId,
    // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ReplicaRegionType.html), whatever key the primary names.
    for (const replica of blocksOf(secret, 'replica')) {
      const region = attr(replica, 'region')?.value;
      outcomes.push(
        requireKmsKey(model, secret, replica, 'kms_key_id', {
          strength: 'customer',
          label: `${secret.address} replica${typeof region === 'string' ? ` in ${region}` : ''}`,
          missing: 'that copy is encrypted with the AWS-managed aws/secretsmanager key, not a customer-managed key',
        }),
      );
    }
    return outcomes;
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
