import rule from './aws-securityhub-enabled.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'default standards', terraform: 'resource "aws_securityhub_account" "a" {}\n' }],
  fail: [
    { name: 'a hub in us-west-2 only, resources in us-east-1 too', terraform: 'provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\nresource "aws_securityhub_account" "west" {\n  provider = aws.west\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n', findings: [{ line: 8, message: /also deployed in us-east-1/ }] },{ name: 'baseline without Security Hub', terraform: 'resource "aws_guardduty_detector" "d" {\n  enable = true\n}\n\nresource "aws_config_configuration_recorder" "r" {\n  name     = "r"\n  role_arn = "arn:aws:iam::111122223333:role/config"\n}\n', findings: [{ line: 1, message: /no aws_securityhub_account/ }] },
    { name: 'one hub in a region not known cannot cover two regions in use (AWS provider v6 region argument)', terraform: 'variable "region" {\n  type = string\n}\nprovider "aws" {\n  region = "us-east-1"\n}\nresource "aws_securityhub_account" "a" {\n  region = var.region\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\nresource "aws_s3_bucket" "eu" {\n  region = "eu-west-1"\n  bucket = "eu"\n}\n', findings: [{ line: 7, message: /us-east-1, eu-west-1, where no aws_securityhub_account/ }] },
  ],
  unknown: [
    { name: 'baseline not in scope', terraform: 'resource "aws_db_instance" "d" {\n  engine = "postgres"\n}\n' },
    { name: 'default standards from a variable', terraform: 'variable "s" {\n  type = bool\n}\nresource "aws_securityhub_account" "a" {\n  enable_default_standards = var.s\n}\n' },
    { name: 'the only hub sets its own region from a variable without a value', terraform: 'variable "region" {\n  type = string\n}\nprovider "aws" {\n  region = "us-east-1"\n}\nresource "aws_securityhub_account" "a" {\n  region = var.region\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n' },
  ],
});
