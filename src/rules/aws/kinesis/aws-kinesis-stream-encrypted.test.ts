import rule from './aws-kinesis-stream-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

const firehose = (extra: string): string =>
  `resource "aws_kinesis_firehose_delivery_stream" "f" {\n  name        = "events"\n  destination = "extended_s3"\n  extended_s3_configuration {\n    role_arn   = "arn:aws:iam::123456789012:role/firehose"\n    bucket_arn = "arn:aws:s3:::example-events"\n  }\n${extra}}\n`;

testRule(rule, {
  pass: [
    { name: 'Firehose with SSE', terraform: firehose('  server_side_encryption {\n    enabled  = true\n    key_type = "CUSTOMER_MANAGED_CMK"\n    key_arn  = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n  }\n') },
    { name: 'PHI Firehose on a customer-managed key', terraform: `resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n\n${firehose('  server_side_encryption {\n    enabled  = true\n    key_type = "CUSTOMER_MANAGED_CMK"\n    key_arn  = aws_kms_key.k.arn\n  }\n  tags = { DataClassification = "phi" }\n')}` },
    { name: 'Firehose not classified PHI on the AWS-owned key', terraform: firehose('  server_side_encryption {\n    enabled = true\n  }\n') },
  ],
  fail: [
    { name: 'stream with NONE', terraform: 'resource "aws_kinesis_stream" "s" {\n  name            = "vitals"\n  shard_count     = 1\n  encryption_type = "NONE"\n}\n', findings: [{ line: 4, message: /sets encryption_type to "NONE"/ }] },
    {
      name: 'PHI stream on the AWS-managed key',
      terraform: 'resource "aws_kinesis_stream" "s" {\n  name            = "vitals"\n  shard_count     = 1\n  encryption_type = "KMS"\n  kms_key_id      = "alias/aws/kinesis"\n  tags            = { DataClassification = "phi" }\n}\n',
      findings: [{ line: 5, message: /classified PHI but kms_key_id names the AWS-managed key/ }],
    },
    { name: 'Firehose without SSE', terraform: firehose(''), findings: [{ line: 1, message: /does not declare server_side_encryption/ }] },
    {
      name: 'PHI Firehose on the default AWS-owned key',
      terraform: firehose('  server_side_encryption {\n    enabled = true\n  }\n  tags = { DataClassification = "phi" }\n'),
      findings: [{ line: 8, message: /classified PHI but server_side_encryption\.key_type is "AWS_OWNED_CMK" \(the default\)/ }],
    },
  ],
  unknown: [{ name: 'type from a variable without a value', terraform: 'variable "t" {\n  type = string\n}\n\nresource "aws_kinesis_stream" "s" {\n  name            = "vitals"\n  shard_count     = 1\n  encryption_type = var.t\n}\n' }],
});
