import rule from './aws-cloudtrail-bucket-protected.js';
import { testRule } from '../../../testing/rule-tester.js';

const bucket = 'resource "aws_s3_bucket" "audit" {\n  bucket = "example-audit-logs"\n  logging {\n    target_bucket = "example-access-logs"\n  }\n}\n\n';
const trail = 'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = "example-audit-logs"\n}\n';
const pab = 'resource "aws_s3_account_public_access_block" "acct" {\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n\n';

testRule(rule, {
  pass: [
    { name: 'account-level public access block and literal bucket name', terraform: `${bucket}resource "aws_s3_account_public_access_block" "acct" {\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n\n${trail}` },
    // Only the tmp/ prefix expires: CloudTrail writes under AWSLogs/.
    { name: 'lifecycle expiration limited to another prefix', terraform: `${bucket}${pab}resource "aws_s3_bucket_lifecycle_configuration" "audit" {\n  bucket = aws_s3_bucket.audit.id\n\n  rule {\n    id     = "expire"\n    status = "Enabled"\n\n    filter {\n      prefix = "tmp/"\n    }\n\n    expiration {\n      days = 30\n    }\n  }\n}\n\n${trail}` },
    // Versioned: expiration hides the current version; 30 + 400 noncurrent days keep it past 365.
    { name: 'versioned trail bucket whose noncurrent versions outlive the minimum', terraform: `${bucket}${pab}resource "aws_s3_bucket_versioning" "audit" {\n  bucket = aws_s3_bucket.audit.id\n\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n\nresource "aws_s3_bucket_lifecycle_configuration" "audit" {\n  bucket = aws_s3_bucket.audit.id\n\n  rule {\n    id     = "expire"\n    status = "Enabled"\n\n    filter {}\n\n    expiration {\n      days = 30\n    }\n\n    noncurrent_version_expiration {\n      noncurrent_days = 400\n    }\n  }\n}\n\n${trail}` },
    { name: 'lifecycle expiration after seven years', terraform: `${bucket}${pab}resource "aws_s3_bucket_lifecycle_configuration" "audit" {\n  bucket = aws_s3_bucket.audit.id\n\n  rule {\n    id     = "expire"\n    status = "Enabled"\n\n    filter {}\n\n    expiration {\n      days = 2557\n    }\n  }\n}\n\n${trail}` },
  ],
  fail: [
    {
      name: 'lifecycle rule expires the log files after 30 days (probe lc1)',
      terraform: `${bucket}${pab}resource "aws_s3_bucket_lifecycle_configuration" "audit" {\n  bucket = aws_s3_bucket.audit.id\n\n  rule {\n    id     = "expire"\n    status = "Enabled"\n\n    filter {}\n\n    expiration {\n      days = 30\n    }\n  }\n}\n\n${trail}`,
      findings: [{ line: 1, message: /its lifecycle rule "expire" deletes the trail's log files after 30 days, sooner than the 365-day minimum/ }],
    },
    {
      name: 'versioned trail bucket deleting noncurrent versions soon after',
      terraform: `${bucket}${pab}resource "aws_s3_bucket_versioning" "audit" {\n  bucket = aws_s3_bucket.audit.id\n\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n\nresource "aws_s3_bucket_lifecycle_configuration" "audit" {\n  bucket = aws_s3_bucket.audit.id\n\n  rule {\n    id     = "expire"\n    status = "Enabled"\n\n    filter {}\n\n    expiration {\n      days = 30\n    }\n\n    noncurrent_version_expiration {\n      noncurrent_days = 7\n    }\n  }\n}\n\n${trail}`,
      findings: [{ line: 1, message: /deletes the trail's log files after 37 days/ }],
    },
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
