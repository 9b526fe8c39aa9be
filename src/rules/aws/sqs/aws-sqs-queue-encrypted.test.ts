import rule from './aws-sqs-queue-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'an empty kms_master_key_id sends no key: SQS-managed encryption applies', terraform: 'resource "aws_sqs_queue" "intake" {\n  name                    = "intake"\n  kms_master_key_id       = ""\n  sqs_managed_sse_enabled = true\n  tags                    = { DataClassification = "internal" }\n}\n' },
    { name: 'PHI queue with a CMK', terraform: 'resource "aws_kms_key" "k" {}\n\nresource "aws_sqs_queue" "q" {\n  name              = "intake"\n  kms_master_key_id = aws_kms_key.k.id\n  tags              = { DataClassification = "phi" }\n}\n' },
    { name: 'AWS-managed key on a non-PHI queue', terraform: 'resource "aws_sqs_queue" "q" {\n  name              = "jobs"\n  kms_master_key_id = "alias/aws/sqs"\n}\n' },
  ],
  fail: [
    { name: 'nothing declared', terraform: 'resource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\n', findings: [{ line: 1, message: /does not set kms_master_key_id or sqs_managed_sse_enabled/ }] },
    { name: 'PHI queue with SQS-managed keys only', terraform: 'resource "aws_sqs_queue" "q" {\n  name                    = "intake"\n  sqs_managed_sse_enabled = true\n  tags                    = { DataClassification = "phi" }\n}\n', findings: [{ line: 1, message: /does not set kms_master_key_id/ }] },
  ],
  unknown: [{ name: 'flag from a variable without a value', terraform: 'variable "sse" {\n  type = bool\n}\n\nresource "aws_sqs_queue" "q" {\n  name                    = "jobs"\n  sqs_managed_sse_enabled = var.sse\n}\n' }],
});
