import rule from './aws-ebs-encryption-by-default.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'enabled by default (attribute omitted)', terraform: 'resource "aws_ebs_encryption_by_default" "this" {}\n\nresource "aws_ebs_default_kms_key" "this" {\n  key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\n' }],
  fail: [
    { name: 'turned on in us-west-2, volumes also in us-east-1', terraform: 'provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\nresource "aws_ebs_encryption_by_default" "west" {\n  provider = aws.west\n  enabled  = true\n}\nresource "aws_ebs_volume" "east" {\n  availability_zone = "us-east-1a"\n  size              = 100\n}\n', findings: [{ line: 8, message: /also deployed in us-east-1/ }] },
    { name: 'baseline in scope without the setting', terraform: 'resource "aws_cloudtrail" "main" {\n  name           = "trail"\n  s3_bucket_name = "example-audit-logs"\n}\n', findings: [{ line: 1, message: /does not declare aws_ebs_encryption_by_default/ }] },
    { name: 'explicitly disabled', terraform: 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = false\n}\n', findings: [{ line: 2, message: /sets enabled to false/ }] },
  ],
  unknown: [
    { name: 'baseline not in scope', terraform: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 10\n}\n' },
    { name: 'enabled from a variable without a value', terraform: 'variable "on" {\n  type = bool\n}\n\nresource "aws_ebs_encryption_by_default" "this" {\n  enabled = var.on\n}\n' },
  ],
});
