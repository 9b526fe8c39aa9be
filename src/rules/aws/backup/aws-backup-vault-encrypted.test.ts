import rule from './aws-backup-vault-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'literal customer key ARN', terraform: 'resource "aws_backup_vault" "v" {\n  name = "v"\n  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n' },
    { name: 'a managed customer key', terraform: 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n\nresource "aws_backup_vault" "v" {\n  name        = "v"\n  kms_key_arn = aws_kms_key.k.arn\n}\n' },
  ],
  fail: [
    { name: 'no key', terraform: 'resource "aws_backup_vault" "v" {\n  name = "v"\n}\n', findings: [{ line: 1, message: /does not set kms_key_arn/ }] },
    { name: 'AWS-managed alias', terraform: 'resource "aws_backup_vault" "v" {\n  name = "v"\n  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:alias/aws/backup"\n}\n', findings: [{ line: 3 }] },
    {
      name: 'the AWS-managed key read by a data source',
      terraform: 'data "aws_kms_key" "backup" {\n  key_id = "alias/aws/backup"\n}\n\nresource "aws_backup_vault" "v" {\n  name        = "v"\n  kms_key_arn = data.aws_kms_key.backup.arn\n}\n',
      findings: [{ line: 7, message: /AWS-managed key alias\/aws\/backup/ }],
    },
  ],
  unknown: [
    { name: 'key from a variable', terraform: 'variable "k" {\n  type = string\n}\nresource "aws_backup_vault" "v" {\n  name = "v"\n  kms_key_arn = var.k\n}\n' },
    {
      name: 'key from a variable, a customer key referenced elsewhere in the vault',
      terraform: 'variable "k" {\n  type = string\n}\n\nresource "aws_kms_key" "other" {}\n\nresource "aws_backup_vault" "v" {\n  name        = "v"\n  kms_key_arn = var.k\n  tags        = { key = aws_kms_key.other.key_id }\n}\n',
    },
  ],
});
