import rule from './aws-guardduty-enabled.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'detector with default enable and org auto-enable', terraform: 'resource "aws_guardduty_detector" "d" {}\nresource "aws_guardduty_organization_configuration" "o" {\n  detector_id = aws_guardduty_detector.d.id\n  auto_enable_organization_members = "ALL"\n}\n' }],
  fail: [
    { name: 'baseline without a detector', terraform: 'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n}\n', findings: [{ line: 1, message: /no aws_guardduty_detector/ }] },
    {
      name: 'a region in use has no detector',
      terraform: 'provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias = "west"\n  region = "us-west-2"\n}\nresource "aws_guardduty_detector" "d" {\n  enable = true\n}\nresource "aws_s3_bucket" "b" {\n  provider = aws.west\n  bucket = "b"\n}\n',
      findings: [{ line: 8, message: /us-west-2/ }],
    },
    {
      name: 'a resource in another region by its own region argument (AWS provider v6)',
      terraform: 'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_guardduty_detector" "d" {\n  enable = true\n}\nresource "aws_s3_bucket" "b" {\n  region = "eu-west-1"\n  bucket = "b"\n}\n',
      findings: [{ line: 4, message: /eu-west-1, which no detector watches/ }],
    },
    {
      name: 'one detector in a region not known cannot watch two regions in use',
      terraform: 'variable "region" {\n  type = string\n}\nprovider "aws" {\n  region = "us-east-1"\n}\nresource "aws_guardduty_detector" "d" {\n  region = var.region\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\nresource "aws_s3_bucket" "eu" {\n  region = "eu-west-1"\n  bucket = "eu"\n}\n',
      findings: [{ line: 7, message: /us-east-1, eu-west-1, which no detector watches/ }],
    },
  ],
  unknown: [
    { name: 'baseline not in scope', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n' },
    {
      name: 'the only detector sets its own region from a variable without a value (AWS provider v6)',
      terraform: 'variable "region" {\n  type = string\n}\nprovider "aws" {\n  region = "us-east-1"\n}\nresource "aws_guardduty_detector" "d" {\n  region = var.region\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
    },
  ],
});
