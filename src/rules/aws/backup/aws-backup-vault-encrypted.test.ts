import rule from './aws-backup-vault-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'literal customer key ARN', terraform: 'resource "aws_backup_vault" "v" {\n  name = "v"\n  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n' }],
  fail: [
    { name: 'no key', terraform: 'resource "aws_backup_vault" "v" {\n  name = "v"\n}\n', findings: [{ line: 1, message: /does not set kms_key_arn/ }] },
    { name: 'AWS-managed alias', terraform: 'resource "aws_backup_vault" "v" {\n  name = "v"\n  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:alias/aws/backup"\n}\n', findings: [{ line: 3 }] },
  ],
  unknown: [{ name: 'key from a variable', terraform: 'variable "k" {\n  type = string\n}\nresource "aws_backup_vault" "v" {\n  name = "v"\n  kms_key_arn = var.k\n}\n' }],
});
