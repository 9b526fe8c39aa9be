import rule from './aws-kms-key-not-pending-deletion.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'defaults: enabled, 30-day window', terraform: 'resource "aws_kms_key" "data" {\n  enable_key_rotation = true\n}\n' },
    { name: 'a window from a variable that defaults to null', terraform: 'variable "days" {\n  type    = number\n  default = null\n}\n\nresource "aws_kms_key" "data" {\n  deletion_window_in_days = var.days\n}\n' },
  ],
  fail: [
    { name: 'key disabled', terraform: 'resource "aws_kms_key" "data" {\n  is_enabled = false\n}\n', findings: [{ line: 2, column: 3, message: /sets is_enabled to false/ }] },
    {
      name: 'a disabled replica key with a short window',
      terraform: 'resource "aws_kms_replica_key" "dr" {\n  primary_key_arn         = "arn:aws:kms:us-east-1:123456789012:key/mrk-1234"\n  deletion_window_in_days = 7\n  enabled                 = false\n}\n',
      findings: [
        { line: 3, message: /deletion_window_in_days to 7/ },
        { line: 4, message: /sets enabled to false/ },
      ],
    },
    { name: 'an external key with a short window', terraform: 'resource "aws_kms_external_key" "byok" {\n  deletion_window_in_days = 7\n}\n', findings: [{ line: 2, message: /deletion_window_in_days to 7/ }] },
  ],
  unknown: [{ name: 'window from a variable without a value', terraform: 'variable "days" {\n  type = number\n}\n\nresource "aws_kms_key" "data" {\n  deletion_window_in_days = var.days\n}\n' }],
});
