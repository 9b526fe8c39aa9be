import rule from './aws-kms-key-not-pending-deletion.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'defaults: enabled, 30-day window', terraform: 'resource "aws_kms_key" "data" {\n  enable_key_rotation = true\n}\n' }],
  fail: [{ name: 'key disabled', terraform: 'resource "aws_kms_key" "data" {\n  is_enabled = false\n}\n', findings: [{ line: 2, column: 3, message: /sets is_enabled to false/ }] }],
  unknown: [{ name: 'window from a variable without a value', terraform: 'variable "days" {\n  type = number\n}\n\nresource "aws_kms_key" "data" {\n  deletion_window_in_days = var.days\n}\n' }],
});
