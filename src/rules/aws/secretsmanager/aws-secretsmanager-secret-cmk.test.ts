import rule from './aws-secretsmanager-secret-cmk.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'key ARN literal', terraform: 'resource "aws_secretsmanager_secret" "s" {\n  name       = "db"\n  kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n' },
    {
      name: 'a replica on a customer-managed key of its Region',
      terraform:
        'resource "aws_secretsmanager_secret" "s" {\n  name       = "db"\n  kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n  replica {\n    region     = "us-west-2"\n    kms_key_id = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n  }\n}\n',
    },
  ],
  fail: [
    { name: 'AWS-managed alias', terraform: 'resource "aws_secretsmanager_secret" "s" {\n  name       = "db"\n  kms_key_id = "alias/aws/secretsmanager"\n}\n', findings: [{ line: 3, column: 3, message: /AWS-managed key/ }] },
    {
      name: 'a replica without a key is on aws/secretsmanager in its Region',
      terraform:
        'resource "aws_secretsmanager_secret" "s" {\n  name       = "db"\n  kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n  replica {\n    region = "us-west-2"\n  }\n}\n',
      findings: [{ line: 4, message: /replica in us-west-2 does not set kms_key_id, so that copy is encrypted with the AWS-managed aws\/secretsmanager key/ }],
    },
  ],
  unknown: [{ name: 'key from a variable without a value', terraform: 'variable "key" {\n  type = string\n}\n\nresource "aws_secretsmanager_secret" "s" {\n  name       = "db"\n  kms_key_id = var.key\n}\n' }],
});
