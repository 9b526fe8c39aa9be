import rule from './aws-cloudtrail-kms-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'event data store with a CMK', terraform: 'resource "aws_kms_key" "k" {}\n\nresource "aws_cloudtrail_event_data_store" "lake" {\n  name       = "lake"\n  kms_key_id = aws_kms_key.k.arn\n}\n' }],
  fail: [{ name: 'event data store on an AWS-owned key', terraform: 'resource "aws_cloudtrail_event_data_store" "lake" {\n  name = "lake"\n}\n', findings: [{ line: 1, column: 1, message: /AWS-owned key/ }] }],
  unknown: [{ name: 'key from a variable without a value', terraform: 'variable "key" {\n  type = string\n}\n\nresource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = "example-audit-logs"\n  kms_key_id     = var.key\n}\n' }],
});
