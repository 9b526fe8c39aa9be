import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { requireKmsKey } from '../kms/require-kms-key.js';

export default defineRule<Resource>({
  id: 'aws-cloudtrail-kms-encrypted',
  title: 'CloudTrail logs are encrypted with a customer-managed KMS key',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)', '164.312(b)', '164.312(c)(1)'],
  kind: 'attr',
  why: 'Trail logs reveal who accessed which ePHI resources; SSE-KMS with a customer-managed key limits reading them to principals the key policy names (auditors), not everyone with S3 read access.',
  howToFix: 'Set kms_key_id = aws_kms_key.<trail>.arn on aws_cloudtrail and aws_cloudtrail_event_data_store; let only auditors decrypt in the key policy.',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html'],
  references: {
    awsConfig: ['cloud-trail-encryption-enabled'],
    checkov: ['CKV_AWS_35', 'CKV_AWS_294'],
    trivy: ['AVD-AWS-0015', 'aws-cloudtrail-encryption-customer-managed-key'],
  },
  targets: (model) => [...model.ofType('aws_cloudtrail'), ...model.ofType('aws_cloudtrail_event_data_store')],
  check(resource, { model }) {
    return requireKmsKey(model, resource, resource, 'kms_key_id', {
      strength: 'customer',
      missing:
        resource.type === 'aws_cloudtrail'
          ? 'log files are encrypted only with S3-managed keys and anyone who can read the bucket can read them'
          : 'events are encrypted with an AWS-owned key you cannot restrict or audit',
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_cloudtrail" "main" {\n  name           = "account-trail"\n  s3_bucket_name = "example-audit-logs"\n}\n'],
      good: [
        'resource "aws_kms_key" "trail" {\n  enable_key_rotation = true\n}\n\nresource "aws_cloudtrail" "main" {\n  name           = "account-trail"\n  s3_bucket_name = "example-audit-logs"\n  kms_key_id     = aws_kms_key.trail.arn\n}\n',
      ],
    },
  },
});
