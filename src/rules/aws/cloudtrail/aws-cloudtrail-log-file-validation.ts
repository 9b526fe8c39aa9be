import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { requireBoolean } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-cloudtrail-log-file-validation',
  title: 'CloudTrail trails sign their log files (log file integrity validation)',
  severity: 'high',
  controls: ['164.312(c)(1)', '164.312(c)(2)', '164.312(b)'],
  kind: 'attr',
  why: 'Without signed digest files nobody can prove that the audit trail of who touched ePHI was not altered or deleted after delivery.',
  howToFix: 'Set enable_log_file_validation = true on the aws_cloudtrail resource.',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html'],
  references: {
    awsConfig: ['cloud-trail-log-file-validation-enabled'],
    checkov: ['CKV_AWS_36'],
    trivy: ['AVD-AWS-0016', 'aws-cloudtrail-enable-log-validation'],
  },
  targets: (model) => model.ofType('aws_cloudtrail'),
  check: (trail) =>
    requireBoolean(trail.address, trail, 'enable_log_file_validation', true, {
      providerDefault: false,
      consequence: 'tampering with its log files cannot be detected',
      fix: { description: 'Enable log file integrity validation', safety: 'safe', fixValue: 'true' },
    }),
  examples: {
    terraform: {
      bad: ['resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n  s3_bucket_name = "audit-logs"\n}\n'],
      good: ['resource "aws_cloudtrail" "audit" {\n  name                       = "audit"\n  s3_bucket_name             = "audit-logs"\n  enable_log_file_validation = true\n}\n'],
    },
  },
});
