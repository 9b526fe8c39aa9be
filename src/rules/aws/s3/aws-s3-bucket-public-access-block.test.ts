import rule from './aws-s3-bucket-public-access-block.js';
import { testRule } from '../../../testing/rule-tester.js';

const bucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-records"\n}\n';

testRule(rule, {
  pass: [
    { name: 'block linked by literal bucket name', terraform: `${bucket}resource "aws_s3_bucket_public_access_block" "phi" {\n  bucket                  = "phi-records"\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n` },
  ],
  fail: [
    { name: 'no block at all points at the bucket', terraform: bucket, findings: [{ line: 1, column: 1, message: /has no aws_s3_bucket_public_access_block/ }] },
    { name: 'two flags left at their default', terraform: `${bucket}resource "aws_s3_bucket_public_access_block" "phi" {\n  bucket              = aws_s3_bucket.phi.id\n  block_public_acls   = true\n  block_public_policy = true\n}\n`, findings: [{ line: 4, message: /leaves ignore_public_acls, restrict_public_buckets unset, which is false/ }] },
    {
      name: 'flags written false are named and pointed at',
      terraform: `${bucket}resource "aws_s3_bucket_public_access_block" "phi" {\n  bucket                  = aws_s3_bucket.phi.id\n  block_public_acls       = true\n  block_public_policy     = false\n  restrict_public_buckets = false\n}\n`,
      findings: [{ line: 7, column: 3, message: /sets block_public_policy, restrict_public_buckets to false and leaves ignore_public_acls unset, which is false/ }],
    },
  ],
  unknown: [
    { name: 'flag from a variable', terraform: `${bucket}variable "restrict" {\n  type = bool\n}\nresource "aws_s3_bucket_public_access_block" "phi" {\n  bucket                  = aws_s3_bucket.phi.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = var.restrict\n}\n` },
  ],
});
