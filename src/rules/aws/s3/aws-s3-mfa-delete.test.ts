import rule from './aws-s3-mfa-delete.js';
import { testRule } from '../../../testing/rule-tester.js';

const bucket = 'resource "aws_s3_bucket" "b" {\n  bucket = "audit"\n}\n';

testRule(rule, {
  pass: [{ name: 'legacy inline mfa_delete', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "audit"\n  versioning {\n    enabled = true\n    mfa_delete = true\n  }\n}\n' }],
  fail: [
    { name: 'no versioning at all', terraform: bucket, findings: [{ line: 1, message: /no versioning configuration/ }] },
    { name: 'mfa_delete Disabled', terraform: `${bucket}resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n    mfa_delete = "Disabled"\n  }\n}\n`, findings: [{ line: 8, message: /disables mfa_delete/ }] },
  ],
  unknown: [
    { name: 'mfa_delete from a variable', terraform: `variable "m" {\n  type = string\n}\n${bucket}resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n    mfa_delete = var.m\n  }\n}\n` },
  ],
});
