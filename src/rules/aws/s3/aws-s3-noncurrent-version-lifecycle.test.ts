import rule from './aws-s3-noncurrent-version-lifecycle.js';
import { testRule } from '../../../testing/rule-tester.js';

const versioned = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\nresource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n';
const lifecycle = (status: string, body: string): string => `resource "aws_s3_bucket_lifecycle_configuration" "l" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    id = "r"\n    status = ${status}\n${body}  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'legacy inline lifecycle rule', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  versioning {\n    enabled = true\n  }\n  lifecycle_rule {\n    enabled = true\n    noncurrent_version_transition {\n      days = 30\n      storage_class = "GLACIER"\n    }\n  }\n}\n' },
    { name: 'noncurrent rule with an empty prefix filter covers every key', terraform: versioned + lifecycle('"Enabled"', '    filter {\n      prefix = ""\n    }\n    noncurrent_version_expiration {\n      noncurrent_days = 30\n    }\n') },
    { name: 'a prefix rule beside an unfiltered noncurrent rule', terraform: versioned + 'resource "aws_s3_bucket_lifecycle_configuration" "l" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    id     = "tmp"\n    status = "Enabled"\n    filter {\n      prefix = "tmp/"\n    }\n    noncurrent_version_expiration {\n      noncurrent_days = 30\n    }\n  }\n  rule {\n    id     = "all"\n    status = "Enabled"\n    noncurrent_version_expiration {\n      noncurrent_days = 30\n    }\n  }\n}\n' },
  ],
  fail: [
    { name: 'noncurrent expiration only for prefixes tmp/ and exports/ (probe lc1)', terraform: versioned + 'resource "aws_s3_bucket_lifecycle_configuration" "l" {\n  bucket = aws_s3_bucket.b.id\n  dynamic "rule" {\n    for_each = ["tmp/", "exports/"]\n    content {\n      id     = "expire-${rule.value}"\n      status = "Enabled"\n      filter {\n        prefix = rule.value\n      }\n      noncurrent_version_expiration {\n        noncurrent_days = 30\n      }\n    }\n  }\n}\n', findings: [{ line: 10, message: /apply only to the prefixes "tmp\/", "exports\/", so other objects' noncurrent versions are kept forever/ }] },
    { name: 'noncurrent expiration only for tagged objects (filter.and)', terraform: versioned + lifecycle('"Enabled"', '    filter {\n      and {\n        prefix = ""\n        tags = {\n          retention = "short"\n        }\n      }\n    }\n    noncurrent_version_expiration {\n      noncurrent_days = 30\n    }\n'), findings: [{ line: 10, message: /apply only to tagged objects/ }] },
    { name: 'legacy inline rule limited by prefix', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  versioning {\n    enabled = true\n  }\n  lifecycle_rule {\n    enabled = true\n    prefix  = "logs/"\n    noncurrent_version_expiration {\n      days = 90\n    }\n  }\n}\n', findings: [{ line: 6, message: /apply only to the prefix "logs\/"/ }] },
    { name: 'rule only expires current objects', terraform: versioned + lifecycle('"Enabled"', '    expiration {\n      days = 90\n    }\n'), findings: [{ line: 10, message: /no enabled lifecycle rule/ }] },
    { name: 'noncurrent rule disabled', terraform: versioned + lifecycle('"Disabled"', '    noncurrent_version_expiration {\n      noncurrent_days = 30\n    }\n'), findings: [{ line: 10 }] },
  ],
  unknown: [
    { name: 'noncurrent rule prefix from a variable', terraform: `variable "p" {\n  type = string\n}\n${versioned}${lifecycle('"Enabled"', '    filter {\n      prefix = var.p\n    }\n    noncurrent_version_expiration {\n      noncurrent_days = 30\n    }\n')}` },
    { name: 'rule status from a variable', terraform: `variable "s" {\n  type = string\n}\n${versioned}${lifecycle('var.s', '    noncurrent_version_expiration {\n      noncurrent_days = 30\n    }\n')}` },
  ],
});
