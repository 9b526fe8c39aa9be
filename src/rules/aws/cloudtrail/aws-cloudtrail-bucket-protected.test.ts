import rule from './aws-cloudtrail-bucket-protected.js';
import { testRule } from '../../../testing/rule-tester.js';

const bucket = 'resource "aws_s3_bucket" "audit" {\n  bucket = "example-audit-logs"\n  logging {\n    target_bucket = "example-access-logs"\n  }\n}\n\n';
const trail = 'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = "example-audit-logs"\n}\n';

testRule(rule, {
  pass: [
    { name: 'account-level public access block and literal bucket name', terraform: `${bucket}resource "aws_s3_account_public_access_block" "acct" {\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n\n${trail}` },
  ],
  fail: [
    {
      name: 'public-access block incomplete',
      terraform: `${bucket}resource "aws_s3_bucket_public_access_block" "audit" {\n  bucket                  = aws_s3_bucket.audit.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = false\n}\n\n${trail}`,
      findings: [{ line: 1, message: /does not turn on all four flags/ }],
    },
  ],
  unknown: [
    { name: 'bucket outside the scan', terraform: trail },
    { name: 'bucket name from a variable without a value', terraform: 'variable "bucket" {\n  type = string\n}\n\nresource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = var.bucket\n}\n' },
  ],
});
