import rule from './aws-s3-noncurrent-version-lifecycle.js';
import { testRule } from '../../../testing/rule-tester.js';

const versioned = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\nresource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n';
const lifecycle = (status: string, body: string): string => `resource "aws_s3_bucket_lifecycle_configuration" "l" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    id = "r"\n    status = ${status}\n${body}  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'legacy inline lifecycle rule', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  versioning {\n    enabled = true\n  }\n  lifecycle_rule {\n    enabled = true\n    noncurrent_version_transition {\n      days = 30\n      storage_class = "GLACIER"\n    }\n  }\n}\n' },
  ],
  fail: [
    { name: 'rule only expires current objects', terraform: versioned + lifecycle('"Enabled"', '    expiration {\n      days = 90\n    }\n'), findings: [{ line: 10, message: /no enabled lifecycle rule/ }] },
    { name: 'noncurrent rule disabled', terraform: versioned + lifecycle('"Disabled"', '    noncurrent_version_expiration {\n      noncurrent_days = 30\n    }\n'), findings: [{ line: 10 }] },
  ],
  unknown: [{ name: 'rule status from a variable', terraform: `variable "s" {\n  type = string\n}\n${versioned}${lifecycle('var.s', '    noncurrent_version_expiration {\n      noncurrent_days = 30\n    }\n')}` }],
});
