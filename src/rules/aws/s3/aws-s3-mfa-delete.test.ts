import rule from './aws-s3-mfa-delete.js';
import { testRule } from '../../../testing/rule-tester.js';

const bucket = 'resource "aws_s3_bucket" "b" {\n  bucket = "audit"\n}\nresource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "audit"\n}\n';

testRule(rule, {
  pass: [
    { name: 'legacy inline mfa_delete', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "audit"\n  versioning {\n    enabled = true\n    mfa_delete = true\n  }\n}\nresource "aws_config_delivery_channel" "c" {\n  s3_bucket_name = aws_s3_bucket.b.bucket\n}\n' },
    { name: 'Object Lock default retention instead', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "audit"\n  object_lock_enabled = true\n}\nresource "aws_s3_bucket_object_lock_configuration" "l" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    default_retention {\n      mode = "COMPLIANCE"\n      days = 365\n    }\n  }\n}\nresource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "audit"\n}\n' },
    // GOVERNANCE can be bypassed, so the versioning's MFA delete is what protects the versions.
    { name: 'GOVERNANCE Object Lock with MFA delete on', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "audit"\n  object_lock_enabled = true\n}\nresource "aws_s3_bucket_object_lock_configuration" "l" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    default_retention {\n      mode = "GOVERNANCE"\n      days = 365\n    }\n  }\n}\nresource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "audit"\n}\nresource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n  mfa    = "arn:aws:iam::123456789012:mfa/root-account-mfa-device 123456"\n  versioning_configuration {\n    status     = "Enabled"\n    mfa_delete = "Enabled"\n  }\n}\n' },
  ],
  fail: [
    // s3:BypassGovernanceRetention deletes GOVERNANCE-locked versions without MFA (probe ol1).
    { name: 'GOVERNANCE Object Lock without MFA delete', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "audit"\n  object_lock_enabled = true\n}\nresource "aws_s3_bucket_object_lock_configuration" "l" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    default_retention {\n      mode = "GOVERNANCE"\n      days = 365\n    }\n  }\n}\nresource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "audit"\n}\n', findings: [{ line: 3, message: /its Object Lock retention is GOVERNANCE mode, which s3:BypassGovernanceRetention overrides without MFA/ }] },
    {
      // Stack a's trail references its own bucket at aws_s3_bucket.b; stack b's bucket at that address receives no audit evidence.
      name: "a trail's bucket named by reference is its own root module's, not another stack's at the same address",
      terraform: {
        'a/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "a-audit"\n}\nresource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = aws_s3_bucket.b.id\n}\n',
        'b/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b-data"\n}\n',
      },
      findings: [{ file: 'a/main.tf', line: 1, message: /no versioning configuration/ }],
    },
    { name: 'no versioning at all', terraform: bucket, findings: [{ line: 1, message: /no versioning configuration/ }] },
    { name: 'mfa_delete Disabled', terraform: `${bucket}resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n    mfa_delete = "Disabled"\n  }\n}\n`, findings: [{ line: 12, message: /disables mfa_delete/ }] },
    { name: 'every bucket with scope all', params: { scope: 'all' }, terraform: 'resource "aws_s3_bucket" "x" {\n  bucket = "x"\n}\n', findings: [{ line: 1 }] },
  ],
  unknown: [
    { name: 'Object Lock retention mode from a variable', terraform: 'variable "mode" {\n  type = string\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "audit"\n  object_lock_enabled = true\n}\nresource "aws_s3_bucket_object_lock_configuration" "l" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    default_retention {\n      mode = var.mode\n      days = 365\n    }\n  }\n}\nresource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "audit"\n}\n' },
    { name: 'mfa_delete from a variable', terraform: `variable "m" {\n  type = string\n}\n${bucket}resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n    mfa_delete = var.m\n  }\n}\n` },
  ],
});
