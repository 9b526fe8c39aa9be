import rule from './aws-cloudtrail-cloudwatch-integration.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'group and role from variables', terraform: 'variable "group" {\n  type    = string\n  default = "arn:aws:logs:us-east-1:123456789012:log-group:trail:*"\n}\n\nresource "aws_cloudtrail" "t" {\n  name                       = "t"\n  s3_bucket_name             = "example-audit-logs"\n  cloud_watch_logs_group_arn = var.group\n  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/trail"\n}\n' }],
  fail: [{ name: 'group without a role', terraform: 'resource "aws_cloudtrail" "t" {\n  name                       = "t"\n  s3_bucket_name             = "example-audit-logs"\n  cloud_watch_logs_group_arn = "arn:aws:logs:us-east-1:123456789012:log-group:trail:*"\n}\n', findings: [{ line: 4, message: /no cloud_watch_logs_role_arn/ }] }],
  unknown: [],
});
