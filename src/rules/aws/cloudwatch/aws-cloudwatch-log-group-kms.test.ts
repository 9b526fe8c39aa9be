import rule from './aws-cloudwatch-log-group-kms.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'key from a data source', terraform: 'data "aws_kms_key" "logs" {\n  key_id = "alias/patient-logs"\n}\n\nresource "aws_cloudwatch_log_group" "g" {\n  name       = "/app"\n  kms_key_id = data.aws_kms_key.logs.arn\n}\n' }],
  fail: [{ name: 'no key', terraform: 'resource "aws_cloudwatch_log_group" "g" {\n  name = "/app"\n}\n', findings: [{ line: 1, column: 1, message: /does not set kms_key_id/ }] }],
  unknown: [{ name: 'key from a variable without a value', terraform: 'variable "key" {\n  type = string\n}\n\nresource "aws_cloudwatch_log_group" "g" {\n  name       = "/app"\n  kms_key_id = var.key\n}\n' }],
});
