import rule from './aws-secretsmanager-secret-cmk.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'key ARN literal', terraform: 'resource "aws_secretsmanager_secret" "s" {\n  name       = "db"\n  kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n' }],
  fail: [{ name: 'AWS-managed alias', terraform: 'resource "aws_secretsmanager_secret" "s" {\n  name       = "db"\n  kms_key_id = "alias/aws/secretsmanager"\n}\n', findings: [{ line: 3, column: 3, message: /AWS-managed key/ }] }],
  unknown: [{ name: 'key from a variable without a value', terraform: 'variable "key" {\n  type = string\n}\n\nresource "aws_secretsmanager_secret" "s" {\n  name       = "db"\n  kms_key_id = var.key\n}\n' }],
});
