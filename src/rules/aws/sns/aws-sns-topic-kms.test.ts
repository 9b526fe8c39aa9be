import rule from './aws-sns-topic-kms.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'PHI topic with a customer alias', terraform: 'resource "aws_kms_key" "k" {}\n\nresource "aws_kms_alias" "k" {\n  name          = "alias/phi-notifications"\n  target_key_id = aws_kms_key.k.key_id\n}\n\nresource "aws_sns_topic" "t" {\n  name              = "results"\n  kms_master_key_id = aws_kms_alias.k.name\n  tags              = { DataClassification = "phi" }\n}\n' },
    // alias/aws/ is reserved for AWS-managed keys, so the template names one whatever var.x is.
    { name: 'alias/aws/ with an apply-time service name', terraform: 'variable "x" {\n  type = string\n}\n\nresource "aws_sns_topic" "t" {\n  name              = "results"\n  kms_master_key_id = "alias/aws/${var.x}"\n}\n' },
    { name: 'an AWS-managed alias ARN with an apply-time region', terraform: 'variable "x" {\n  type = string\n}\n\nresource "aws_sns_topic" "t" {\n  name              = "results"\n  kms_master_key_id = "arn:aws:kms:${var.x}:111122223333:alias/aws/sns"\n}\n' },
    // Some key is named, though an apply-time prefix ("alias/team/") could make it a customer alias.
    { name: 'apply-time prefix before alias/aws/sns on a topic not classified PHI', terraform: 'variable "x" {\n  type = string\n}\n\nresource "aws_sns_topic" "t" {\n  name              = "results"\n  kms_master_key_id = "${var.x}alias/aws/sns"\n}\n' },
  ],
  fail: [
    { name: 'PHI topic on alias/aws/sns', terraform: 'resource "aws_sns_topic" "t" {\n  name              = "results"\n  kms_master_key_id = "alias/aws/sns"\n  tags              = { DataClassification = "phi" }\n}\n', findings: [{ line: 3, message: /not a customer-managed key/ }] },
    {
      name: 'PHI topic on alias/aws/ with an apply-time service name',
      terraform: 'variable "x" {\n  type = string\n}\n\nresource "aws_sns_topic" "t" {\n  name              = "results"\n  kms_master_key_id = "alias/aws/${var.x}"\n  tags              = { DataClassification = "phi" }\n}\n',
      findings: [{ line: 7, message: /AWS-managed key alias\/aws\/…, not a customer-managed key/ }],
    },
    { name: 'no key', terraform: 'resource "aws_sns_topic" "t" {\n  name = "results"\n}\n', findings: [{ line: 1, column: 1, message: /does not set kms_master_key_id/ }] },
  ],
  unknown: [
    { name: 'key from a variable without a value', terraform: 'variable "key" {\n  type = string\n}\n\nresource "aws_sns_topic" "t" {\n  name              = "results"\n  kms_master_key_id = var.key\n}\n' },
    { name: 'PHI topic: an apply-time prefix before alias/aws/sns could make it a customer alias', terraform: 'variable "x" {\n  type = string\n}\n\nresource "aws_sns_topic" "t" {\n  name              = "results"\n  kms_master_key_id = "${var.x}alias/aws/sns"\n  tags              = { DataClassification = "phi" }\n}\n' },
    { name: 'a template of apply-time parts only', terraform: 'variable "x" {\n  type = string\n}\n\nresource "aws_sns_topic" "t" {\n  name              = "results"\n  kms_master_key_id = "${var.x}${var.x}"\n}\n' },
  ],
});
