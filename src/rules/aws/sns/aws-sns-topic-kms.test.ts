import rule from './aws-sns-topic-kms.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'PHI topic with a customer alias', terraform: 'resource "aws_kms_key" "k" {}\n\nresource "aws_kms_alias" "k" {\n  name          = "alias/phi-notifications"\n  target_key_id = aws_kms_key.k.key_id\n}\n\nresource "aws_sns_topic" "t" {\n  name              = "results"\n  kms_master_key_id = aws_kms_alias.k.name\n  tags              = { DataClassification = "phi" }\n}\n' }],
  fail: [
    { name: 'PHI topic on alias/aws/sns', terraform: 'resource "aws_sns_topic" "t" {\n  name              = "results"\n  kms_master_key_id = "alias/aws/sns"\n  tags              = { DataClassification = "phi" }\n}\n', findings: [{ line: 3, message: /not a customer-managed key/ }] },
    { name: 'no key', terraform: 'resource "aws_sns_topic" "t" {\n  name = "results"\n}\n', findings: [{ line: 1, column: 1, message: /does not set kms_master_key_id/ }] },
  ],
  unknown: [{ name: 'key from a variable without a value', terraform: 'variable "key" {\n  type = string\n}\n\nresource "aws_sns_topic" "t" {\n  name              = "results"\n  kms_master_key_id = var.key\n}\n' }],
});
