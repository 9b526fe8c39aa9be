import rule from './aws-s3-bucket-versioning.js';
import { testRule } from '../../../testing/rule-tester.js';

const bucket = 'resource "aws_s3_bucket" "b" {\n  bucket = "phi-data"\n}\n';

testRule(rule, {
  pass: [
    { name: 'split resource enabled', terraform: `${bucket}resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n` },
    { name: 'legacy inline block', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "phi-data"\n  versioning {\n    enabled = true\n  }\n}\n' },
    { name: 'split resource linked by literal name', terraform: `${bucket}resource "aws_s3_bucket_versioning" "v" {\n  bucket = "phi-data"\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n` },
  ],
  fail: [
    { name: 'no versioning', terraform: bucket, findings: [{ line: 1, message: /has no versioning configuration/ }] },
    { name: 'suspended', terraform: `${bucket}resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Suspended"\n  }\n}\n`, findings: [{ line: 7, message: /does not enable versioning/ }] },
  ],
  unknown: [
    { name: 'status from a variable', terraform: `variable "status" {\n  type = string\n}\n${bucket}resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = var.status\n  }\n}\n` },
  ],
});
