import rule from './aws-sqs-queue-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'an empty kms_master_key_id sends no key: SQS-managed encryption applies', terraform: 'resource "aws_sqs_queue" "intake" {\n  name                    = "intake"\n  kms_master_key_id       = ""\n  sqs_managed_sse_enabled = true\n  tags                    = { DataClassification = "internal" }\n}\n' },
    { name: 'PHI queue with a CMK', terraform: 'resource "aws_kms_key" "k" {}\n\nresource "aws_sqs_queue" "q" {\n  name              = "intake"\n  kms_master_key_id = aws_kms_key.k.id\n  tags              = { DataClassification = "phi" }\n}\n' },
    // SQS has encrypted new queues with SSE-SQS by default since October 2022; provider 4.36+ leaves it so.
    { name: 'nothing declared: SSE-SQS by default', terraform: 'resource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\n' },
    {
      name: 'nothing declared, provider 5.x locked',
      terraform: { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\n', '.terraform.lock.hcl': 'provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.100.0"\n}\n' },
    },
    { name: 'nothing declared, provider pinned to 4.36 and later minors', terraform: 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 4.36"\n    }\n  }\n}\n\nresource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\n' },
    { name: 'nothing declared, provider pinned from 4.36 below 5.0', terraform: 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 4.36, < 5.0"\n    }\n  }\n}\n\nresource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\n' },
    { name: 'AWS-managed key on a non-PHI queue', terraform: 'resource "aws_sqs_queue" "q" {\n  name              = "jobs"\n  kms_master_key_id = "alias/aws/sqs"\n}\n' },
  ],
  fail: [
    { name: 'SQS-managed encryption turned off', terraform: 'resource "aws_sqs_queue" "q" {\n  name                    = "jobs"\n  sqs_managed_sse_enabled = false\n}\n', findings: [{ line: 3, message: /sets sqs_managed_sse_enabled to false/ }] },
    { name: 'PHI queue with SQS-managed keys only', terraform: 'resource "aws_sqs_queue" "q" {\n  name                    = "intake"\n  sqs_managed_sse_enabled = true\n  tags                    = { DataClassification = "phi" }\n}\n', findings: [{ line: 1, message: /does not set kms_master_key_id/ }] },
  ],
  unknown: [
    {
      name: 'nothing declared on a provider before 4.36, which defaulted the flag to false',
      terraform: { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\n', '.terraform.lock.hcl': 'provider "registry.terraform.io/hashicorp/aws" {\n  version = "4.35.0"\n}\n' },
    },
    {
      name: 'nothing declared on a provider pinned to 3.x',
      terraform: 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 3.74"\n    }\n  }\n}\n\nresource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\n',
    },
    { name: 'nothing declared on a provider pinned to 4.20.x, before 4.36', terraform: 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 4.20.0"\n    }\n  }\n}\n\nresource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\n' },
    { name: 'nothing declared on a provider pinned below 4.36', terraform: 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 4.0, < 4.36"\n    }\n  }\n}\n\nresource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\n' },
    { name: 'flag from a variable without a value', terraform: 'variable "sse" {\n  type = bool\n}\n\nresource "aws_sqs_queue" "q" {\n  name                    = "jobs"\n  sqs_managed_sse_enabled = var.sse\n}\n' },
  ],
});
