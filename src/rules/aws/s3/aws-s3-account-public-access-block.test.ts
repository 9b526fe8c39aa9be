import rule from './aws-s3-account-public-access-block.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'all four flags on', terraform: 'resource "aws_s3_account_public_access_block" "this" {\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n' },
  ],
  fail: [
    { name: 'baseline in scope without the block', terraform: 'resource "aws_cloudtrail" "main" {\n  name           = "main"\n  s3_bucket_name = "trail-logs"\n}\n', findings: [{ line: 1, message: /does not declare aws_s3_account_public_access_block/ }] },
    { name: 'one flag off', terraform: 'resource "aws_s3_account_public_access_block" "this" {\n  block_public_acls       = true\n  block_public_policy     = false\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n', findings: [{ line: 3, column: 3, message: /sets block_public_policy to false, so buckets/ }] },
  ],
  unknown: [
    { name: 'workload repository without the account baseline', terraform: 'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-records"\n}\n' },
  ],
});
