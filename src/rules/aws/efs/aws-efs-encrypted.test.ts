import rule from './aws-efs-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'PHI file system with a CMK', terraform: 'resource "aws_kms_key" "k" {}\n\nresource "aws_efs_file_system" "fs" {\n  encrypted  = true\n  kms_key_id = aws_kms_key.k.arn\n  tags       = { DataClassification = "phi" }\n}\n' }],
  fail: [
    { name: 'explicit false', terraform: 'resource "aws_efs_file_system" "fs" {\n  encrypted = false\n}\n', findings: [{ line: 2, column: 3, message: /sets encrypted to false/ }] },
    { name: 'PHI file system on the AWS-managed key', terraform: 'resource "aws_efs_file_system" "fs" {\n  encrypted = true\n  tags      = { DataClassification = "phi" }\n}\n', findings: [{ line: 1, message: /classified PHI/ }] },
  ],
  unknown: [{ name: 'flag from a variable without a value', terraform: 'variable "encrypted" {\n  type = bool\n}\n\nresource "aws_efs_file_system" "fs" {\n  encrypted = var.encrypted\n}\n' }],
});
