import rule from './aws-s3-bucket-access-logging.js';
import { testRule } from '../../../testing/rule-tester.js';

const phiBucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  tags   = { DataClassification = "phi" }\n}\n';

testRule(rule, {
  pass: [
    {
      name: 'legacy inline logging to a literal bucket',
      terraform: 'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  tags   = { DataClassification = "phi" }\n  logging {\n    target_bucket = "example-access-logs"\n  }\n}\n',
    },
    {
      name: 'scope all skips the log sink itself',
      params: { scope: 'all' },
      terraform: 'resource "aws_s3_bucket" "data" {\n  bucket = "example-data"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "example-access-logs"\n}\n\nresource "aws_s3_bucket_logging" "data" {\n  bucket        = aws_s3_bucket.data.id\n  target_bucket = aws_s3_bucket.logs.id\n}\n',
    },
  ],
  fail: [
    { name: 'no logging', terraform: phiBucket, findings: [{ line: 1, column: 1, message: /has no server access logging/ }] },
    {
      // Addresses repeat across root modules: stack a's log sink aws_s3_bucket.logs is not stack b's bucket of that address.
      name: "scope all: a bucket whose address is another stack's log sink is still judged",
      params: { scope: 'all' },
      terraform: {
        'a/main.tf': 'resource "aws_s3_bucket" "data" {\n  bucket = "example-data"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "example-access-logs"\n}\n\nresource "aws_s3_bucket_logging" "data" {\n  bucket        = aws_s3_bucket.data.id\n  target_bucket = aws_s3_bucket.logs.id\n}\n',
        'b/main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "example-b-records"\n}\n',
      },
      findings: [{ file: 'b/main.tf', line: 1, message: /aws_s3_bucket\.logs has no server access logging/ }],
    },
    {
      name: 'logs to itself',
      terraform: `${phiBucket}\nresource "aws_s3_bucket_logging" "phi" {\n  bucket        = aws_s3_bucket.phi.id\n  target_bucket = aws_s3_bucket.phi.id\n}\n`,
      findings: [{ line: 8, message: /delivers its access logs to itself/ }],
    },
    {
      // The logging resource references the log bucket too (target_bucket), but configures only the bucket in `bucket`.
      name: 'a PHI log bucket that receives another bucket logs has none of its own',
      terraform: `${phiBucket}\nresource "aws_s3_bucket" "logs" {\n  bucket = "example-access-logs"\n  tags   = { DataClassification = "phi" }\n}\n\nresource "aws_s3_bucket_logging" "phi" {\n  bucket        = aws_s3_bucket.phi.id\n  target_bucket = aws_s3_bucket.logs.id\n}\n`,
      findings: [{ line: 6, column: 1, message: /aws_s3_bucket.logs has no server access logging/ }],
    },
  ],
  unknown: [
    { name: 'target bucket from a variable without a value', terraform: `variable "log_bucket" {\n  type = string\n}\n\n${phiBucket}\nresource "aws_s3_bucket_logging" "phi" {\n  bucket        = aws_s3_bucket.phi.id\n  target_bucket = var.log_bucket\n}\n` },
  ],
});
