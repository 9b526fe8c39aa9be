import rule from './aws-s3-object-lock.js';
import { testRule } from '../../../testing/rule-tester.js';

const locked = 'resource "aws_s3_bucket" "b" {\n  bucket = "audit"\n  object_lock_enabled = true\n  tags = { DataClassification = "PHI" }\n}\n';
const trail = 'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = aws_s3_bucket.b.id\n}\n';

testRule(rule, {
  pass: [
    { name: 'governance retention in years', terraform: `${locked}resource "aws_s3_bucket_object_lock_configuration" "l" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    default_retention {\n      mode = "GOVERNANCE"\n      years = 1\n    }\n  }\n}\n` },
    { name: 'legacy inline configuration', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "audit"\n  tags = { PHI = "true" }\n  object_lock_configuration {\n    object_lock_enabled = "Enabled"\n    rule {\n      default_retention {\n        mode = "COMPLIANCE"\n        days = 30\n      }\n    }\n  }\n}\n' },
    {
      name: 'access-log target is exempt even with scope all',
      params: { scope: 'all' },
      terraform: `${locked}resource "aws_s3_bucket_object_lock_configuration" "l" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    default_retention {\n      mode = "GOVERNANCE"\n      days = 30\n    }\n  }\n}\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\nresource "aws_s3_bucket_logging" "l" {\n  bucket = aws_s3_bucket.b.id\n  target_bucket = aws_s3_bucket.logs.id\n  target_prefix = "b/"\n}\n`,
    },
  ],
  fail: [
    {
      // Stack a logs to its bucket aws_s3_bucket.logs; stack b's PHI bucket at that address is no log target and is judged.
      name: "a log target named by reference is a bucket of the logging resource's root module, not another stack's at the same address",
      terraform: {
        'a/main.tf': 'resource "aws_s3_bucket" "data" {\n  bucket = "a-data"\n}\nresource "aws_s3_bucket" "logs" {\n  bucket = "a-logs"\n}\nresource "aws_s3_bucket_logging" "l" {\n  bucket        = aws_s3_bucket.data.id\n  target_bucket = aws_s3_bucket.logs.id\n}\n',
        'b/main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "b-records"\n  tags = { DataClassification = "PHI" }\n}\n',
      },
      findings: [{ file: 'b/main.tf', line: 1 }],
    },
    { name: 'CloudTrail destination without object lock', terraform: `resource "aws_s3_bucket" "b" {\n  bucket = "trail"\n}\n${trail}`, findings: [{ line: 1, message: /does not enable Object Lock/ }] },
    { name: 'enabled without default retention', terraform: locked, findings: [{ line: 1, message: /without a default retention/ }] },
    { name: 'any bucket with scope all', params: { scope: 'all' }, terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n', findings: [{ line: 1 }] },
  ],
  unknown: [
    // It configures b (element index 1); both buckets passed on it.
    { name: 'a lock configuration of one of two buckets, picked by element() from ids', terraform: 'resource "aws_s3_bucket" "a" {\n  bucket              = "phi-a-example"\n  object_lock_enabled = true\n  tags                = { DataClassification = "PHI" }\n}\nresource "aws_s3_bucket" "b" {\n  bucket              = "phi-b-example"\n  object_lock_enabled = true\n  tags                = { DataClassification = "PHI" }\n}\nresource "aws_s3_bucket_object_lock_configuration" "l" {\n  bucket = element([aws_s3_bucket.a.id, aws_s3_bucket.b.id], 1)\n  rule {\n    default_retention {\n      mode = "GOVERNANCE"\n      days = 365\n    }\n  }\n}\n' },
    { name: 'enabled from a variable', terraform: 'variable "lock" {\n  type = bool\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "audit"\n  object_lock_enabled = var.lock\n  tags = { DataClassification = "PHI" }\n}\n' },
  ],
});
