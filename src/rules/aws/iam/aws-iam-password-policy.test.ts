import rule from './aws-iam-password-policy.js';
import { testRule } from '../../../testing/rule-tester.js';

const strong = (length: string): string =>
  `resource "aws_iam_account_password_policy" "p" {\n  minimum_password_length = ${length}\n  require_uppercase_characters = true\n  require_lowercase_characters = true\n  require_numbers = true\n  require_symbols = true\n  password_reuse_prevention = 24\n  max_password_age = 60\n}\n`;

testRule(rule, {
  pass: [
    { name: 'strong policy', terraform: strong('16') },
    { name: 'length lowered by parameter', terraform: strong('12'), params: { minimumLength: 12 } },
  ],
  fail: [
    { name: 'short length', terraform: strong('10'), findings: [{ line: 1, message: /minimum_password_length is 10/ }] },
    { name: 'baseline in scope without a policy', terraform: 'resource "aws_guardduty_detector" "d" {\n  enable = true\n}\n\nresource "aws_securityhub_account" "h" {}\n', findings: [{ line: 1, message: /declares no aws_iam_account_password_policy/ }] },
  ],
  unknown: [
    { name: 'a GuardDuty module alone is no account baseline (a component module says nothing of the password policy)', terraform: 'resource "aws_guardduty_detector" "d" {\n  enable = true\n}\n' },
    { name: 'baseline not in scope', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n' },
    { name: 'length from a variable', terraform: `variable "len" {\n  type = number\n}\n${strong('var.len')}` },
  ],
});
