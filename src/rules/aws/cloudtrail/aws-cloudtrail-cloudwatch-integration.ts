import type { Resource } from '../../../model/resource.js';
import { attr } from '../../../model/read.js';
import { defineRule, fail, pass } from '../../define-rule.js';

export default defineRule<Resource>({
  id: 'aws-cloudtrail-cloudwatch-integration',
  title: 'CloudTrail delivers to CloudWatch Logs',
  severity: 'medium',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)', '164.308(a)(5)(ii)(C)'],
  kind: 'attr',
  why: 'Trail files in S3 are only read after the fact; delivering to CloudWatch Logs lets metric filters and alarms flag suspicious access to ePHI systems as it happens.',
  howToFix: 'Set cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.<trail>.arn}:*" and cloud_watch_logs_role_arn to a role CloudTrail can assume.',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html'],
  references: { awsConfig: ['cloud-trail-cloud-watch-logs-enabled'], checkov: ['CKV2_AWS_10'], trivy: ['AVD-AWS-0162', 'aws-cloudtrail-ensure-cloudwatch-integration'] },
  targets: (model) => model.ofType('aws_cloudtrail'),
  check(trail) {
    const group = attr(trail, 'cloud_watch_logs_group_arn');
    if (!group || group.value === null || group.value === '') {
      return fail(group ?? trail, { message: `${trail.address} does not set cloud_watch_logs_group_arn, so its events cannot drive CloudWatch metric filters and alarms.` });
    }
    const role = attr(trail, 'cloud_watch_logs_role_arn');
    if (!role || role.value === null || role.value === '') {
      return fail(group, { message: `${trail.address} sets cloud_watch_logs_group_arn but no cloud_watch_logs_role_arn, so CloudTrail cannot deliver to the log group.` });
    }
    return pass(group, `${trail.address} delivers to CloudWatch Logs.`);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_cloudtrail" "main" {\n  name           = "account-trail"\n  s3_bucket_name = "example-audit-logs"\n}\n'],
      good: [
        'resource "aws_cloudwatch_log_group" "trail" {\n  name = "/aws/cloudtrail/account"\n}\n\nresource "aws_cloudtrail" "main" {\n  name                       = "account-trail"\n  s3_bucket_name             = "example-audit-logs"\n  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/cloudtrail-to-cloudwatch"\n}\n',
      ],
    },
  },
});
