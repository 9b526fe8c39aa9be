import rule from './aws-s3-bucket-sse-kms-cmk.js';
import { testRule } from '../../../testing/rule-tester.js';

const phiBucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  tags   = { DataClassification = "phi" }\n}\n';
const sse = (defaults: string): string =>
  `resource "aws_s3_bucket_server_side_encryption_configuration" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    apply_server_side_encryption_by_default {\n${defaults}\n    }\n  }\n}\n`;

const sseNamed = (name: string, defaults: string): string =>
  `resource "aws_s3_bucket_server_side_encryption_configuration" "${name}" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    apply_server_side_encryption_by_default {\n${defaults}\n    }\n  }\n}\n`;
const cmk = '      sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.k.arn';
const key = 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n\n';
const inlineBucket = (defaults: string): string =>
  `resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  tags   = { DataClassification = "phi" }\n  server_side_encryption_configuration {\n    rule {\n      apply_server_side_encryption_by_default {\n${defaults}\n      }\n    }\n  }\n}\n`;

testRule(rule, {
  pass: [
    {
      name: 'PHI via provider default_tags with a CMK',
      terraform: `provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = { DataClassification = "phi" }\n  }\n}\n\nresource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n\nresource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n}\n\n${sse('      sse_algorithm     = "aws:kms:dsse"\n      kms_master_key_id = aws_kms_key.k.arn')}`,
    },
    { name: 'literal key ARN', terraform: `${phiBucket}\n${sse('      sse_algorithm     = "aws:kms"\n      kms_master_key_id = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"')}` },
    { name: 'two configurations, each with a customer-managed key', terraform: `${key}${phiBucket}\n${sseNamed('a', cmk)}\n${sseNamed('b', cmk)}` },
    { name: 'non-PHI buckets are judged when scope is all', params: { scope: 'all' }, terraform: `resource "aws_kms_key" "k" {}\n\nresource "aws_s3_bucket" "phi" {\n  bucket = "example-logs"\n}\n\n${sse('      sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.k.arn')}` },
  ],
  fail: [
    { name: 'aws:kms without a key uses aws/s3', terraform: `${phiBucket}\n${sse('      sse_algorithm = "aws:kms"')}`, findings: [{ line: 9, message: /without kms_master_key_id/ }] },
    { name: 'AWS-managed alias', terraform: `${phiBucket}\n${sse('      sse_algorithm     = "aws:kms"\n      kms_master_key_id = "alias/aws/s3"')}`, findings: [{ line: 11, message: /AWS-managed key alias\/aws\/s3/ }] },
    ...(['a', 'b'] as const).map((first) => {
      // Two stacks with the same addresses: one encrypts with the AWS-managed aws/s3 key read through a
      // data alias, the other with its customer key; each is judged by its own alias.
      const stack = (alias: string): string => `data "aws_kms_alias" "k" {\n  name = "${alias}"\n}\n\n${phiBucket}\n${sse('      sse_algorithm     = "aws:kms"\n      kms_master_key_id = data.aws_kms_alias.k.target_key_arn')}`;
      const managed = first === 'a' ? 'a/main.tf' : 'b/main.tf';
      const customer = first === 'a' ? 'b/main.tf' : 'a/main.tf';
      return { name: `a data alias of another root module with the same address (the AWS-managed key's stack ${first === 'a' ? 'first' : 'second'})`, terraform: { [managed]: stack('alias/aws/s3'), [customer]: stack('alias/example-phi-cmk') }, findings: [{ file: managed, line: 15, message: /AWS-managed key alias\/aws\/s3/ }] };
    }),
    // S3 keeps one default-encryption configuration per bucket and the last one applied wins: a
    // second configuration with a weaker setting must not hide behind the first.
    {
      name: 'a second split configuration with SSE-S3 after one with a CMK',
      terraform: `${key}${phiBucket}\n${sseNamed('a', cmk)}\n${sseNamed('b', '      sse_algorithm = "AES256"')}`,
      findings: [{ line: 24, message: /has 2 default-encryption configurations \(aws_s3_bucket_server_side_encryption_configuration\.a, aws_s3_bucket_server_side_encryption_configuration\.b\), though S3 keeps only one per bucket, the last applied: aws_s3_bucket_server_side_encryption_configuration\.b sets sse_algorithm to "AES256"/ }],
    },
    {
      name: 'an inline configuration with SSE-S3 beside a split one with a CMK',
      terraform: `${key}${inlineBucket('        sse_algorithm = "AES256"')}\n${sseNamed('phi', cmk)}`,
      findings: [{ line: 11, message: /aws_s3_bucket\.phi's inline server_side_encryption_configuration sets sse_algorithm to "AES256"/ }],
    },
    {
      name: 'two rules in one configuration, the second on the AWS-managed key',
      terraform: `${key}${phiBucket}\nresource "aws_s3_bucket_server_side_encryption_configuration" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    apply_server_side_encryption_by_default {\n${cmk}\n    }\n  }\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = "alias/aws/s3"\n    }\n  }\n}\n`,
      findings: [{ line: 21, message: /\(rule 2\) sets kms_master_key_id to the AWS-managed key alias\/aws\/s3/ }],
    },
    { name: 'no encryption configuration at all', terraform: phiBucket, findings: [{ line: 1, message: /does not declare default encryption/ }] },
  ],
  unknown: [
    {
      name: 'two configurations, the second with a key from a variable without a value',
      terraform: `variable "key_arn" {\n  type = string\n}\n\n${key}${phiBucket}\n${sseNamed('a', cmk)}\n${sseNamed('b', '      sse_algorithm     = "aws:kms"\n      kms_master_key_id = var.key_arn')}`,
    },
    { name: 'key from a variable without a value', terraform: `variable "key_arn" {\n  type = string\n}\n\n${phiBucket}\n${sse('      sse_algorithm     = "aws:kms"\n      kms_master_key_id = var.key_arn')}` },
  ],
});
