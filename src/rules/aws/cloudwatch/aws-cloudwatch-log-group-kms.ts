import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { requireKmsKey } from '../kms/require-kms-key.js';

export default defineRule<Resource>({
  id: 'aws-cloudwatch-log-group-kms',
  title: 'CloudWatch log groups are encrypted with a KMS key',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Application, database and API logs routinely capture names, record numbers and request bodies; a KMS key on the log group keeps that ePHI under a key policy you control.',
  howToFix: 'Set kms_key_id = aws_kms_key.<key>.arn on the aws_cloudwatch_log_group (the key policy must allow logs.<region>.amazonaws.com).',
  links: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html'],
  references: { awsConfig: ['cloudwatch-log-group-encrypted'], checkov: ['CKV_AWS_158'], trivy: ['AVD-AWS-0017', 'aws-cloudwatch-log-group-customer-key'] },
  targets: (model) => model.ofType('aws_cloudwatch_log_group'),
  check(group, { model }) {
    return requireKmsKey(model, group, group, 'kms_key_id', { strength: 'customer', missing: 'its log data is encrypted only with CloudWatch-owned keys you cannot restrict or audit' });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_cloudwatch_log_group" "app" {\n  name              = "/patient-portal/app"\n  retention_in_days = 365\n}\n'],
      good: [
        'resource "aws_kms_key" "logs" {\n  enable_key_rotation = true\n}\n\nresource "aws_cloudwatch_log_group" "app" {\n  name              = "/patient-portal/app"\n  retention_in_days = 365\n  kms_key_id        = aws_kms_key.logs.arn\n}\n',
      ],
    },
  },
});
