import rule from './aws-cloudtrail-log-file-validation.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'validation on', terraform: 'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n  enable_log_file_validation = true\n}\n' }],
  fail: [
    { name: 'missing attribute points at the block', terraform: 'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n}\n', findings: [{ line: 1, message: /does not set enable_log_file_validation/ }] },
    {
      // Terraform reads an argument set to null as left out: the provider's default, false.
      name: 'set to null through a variable with a null default, at the line that sets it',
      terraform: 'variable "validate" {\n  type    = bool\n  default = null\n}\nresource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n  enable_log_file_validation = var.validate\n}\n',
      findings: [{ line: 8, message: /gets null for enable_log_file_validation from a variable or local, which leaves the default false/ }],
    },
    { name: 'explicitly off', terraform: 'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n  enable_log_file_validation = false\n}\n', findings: [{ line: 4, message: /sets enable_log_file_validation to false/ }] },
  ],
  unknown: [{ name: 'from a variable without a value', terraform: 'variable "v" {\n  type = bool\n}\nresource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n  enable_log_file_validation = var.v\n}\n' }],
});
