import rule from './aws-lambda-no-public-invoke.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'function url with IAM auth', terraform: 'resource "aws_lambda_function_url" "u" {\n  function_name      = "phi-export"\n  authorization_type = "AWS_IAM"\n}\n' },
    { name: 'star principal narrowed to the organisation', terraform: 'resource "aws_lambda_permission" "org" {\n  action           = "lambda:InvokeFunction"\n  function_name    = "phi-export"\n  principal        = "*"\n  principal_org_id = "o-abcdefghij"\n}\n' },
    { name: 'account principal', terraform: 'resource "aws_lambda_permission" "acct" {\n  action        = "lambda:InvokeFunction"\n  function_name = "phi-export"\n  principal     = "123456789012"\n}\n' },
    {
      name: 'service principal with an unknown DNS suffix, restricted by source_arn',
      terraform: 'data "aws_partition" "current" {}\n\nresource "aws_lambda_permission" "lb" {\n  action        = "lambda:InvokeFunction"\n  function_name = "phi-export"\n  principal     = "elasticloadbalancing.${data.aws_partition.current.dns_suffix}"\n  source_arn    = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/phi/0123456789abcdef"\n}\n',
    },
    { name: 'principal "*" restricted by the ARN of a declared bucket, known at apply time', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "phi-uploads"\n}\nresource "aws_lambda_permission" "s3" {\n  action        = "lambda:InvokeFunction"\n  function_name = "phi-export"\n  principal     = "s3.amazonaws.com"\n  source_arn    = aws_s3_bucket.b.arn\n}\n' },
  ],
  fail: [
    { name: 'principal "*" restricted only by a source ARN that matches every bucket', terraform: 'resource "aws_lambda_permission" "any_bucket" {\n  statement_id  = "AllowAnyBucket"\n  action        = "lambda:InvokeFunction"\n  function_name = "phi-intake"\n  principal     = "*"\n  source_arn    = "arn:aws:s3:::*"\n}\n', findings: [{ line: 6, message: /matches resources or accounts of anyone/ }] },
    { name: 'public function url', terraform: 'resource "aws_lambda_function_url" "u" {\n  function_name      = "phi-export"\n  authorization_type = "NONE"\n}\n', findings: [{ line: 3, message: /"NONE"/ }] },
    { name: 'service principal without a source', terraform: 'resource "aws_lambda_permission" "sns" {\n  action        = "lambda:InvokeFunction"\n  function_name = "phi-export"\n  principal     = "sns.amazonaws.com"\n}\n', findings: [{ line: 4, message: /any AWS account/ }] },
  ],
  unknown: [
    // It passed as restricted; the variable may hold "arn:aws:s3:::*", which fails when written.
    { name: 'principal "*" restricted only by a source_arn from a variable without a value', terraform: 'variable "source_arn" {\n  type = string\n}\nresource "aws_lambda_permission" "p" {\n  action        = "lambda:InvokeFunction"\n  function_name = "phi-export"\n  principal     = "*"\n  source_arn    = var.source_arn\n}\n' },
    // Two variables without a value in one ARN (a value of parts) passed as restricted: either may be "*".
    { name: 'principal "*" restricted only by a source_arn built from two variables without a value', terraform: 'variable "account" {\n  type = string\n}\nvariable "bucket" {\n  type = string\n}\nresource "aws_lambda_permission" "p" {\n  action         = "lambda:InvokeFunction"\n  function_name  = "phi-export"\n  principal      = "*"\n  source_arn     = "arn:aws:s3:::${var.bucket}"\n  source_account = var.account\n}\n' },
    { name: 'principal "*" restricted only by a source_arn templated from two variables without a value', terraform: 'variable "prefix" {\n  type = string\n}\nvariable "suffix" {\n  type = string\n}\nresource "aws_lambda_permission" "p" {\n  action        = "lambda:InvokeFunction"\n  function_name = "phi-export"\n  principal     = "*"\n  source_arn    = "arn:aws:s3:::${var.prefix}-${var.suffix}"\n}\n' },
    {
      name: 'service principal with an unknown DNS suffix and no source',
      terraform: 'data "aws_partition" "current" {}\n\nresource "aws_lambda_permission" "lb" {\n  action        = "lambda:InvokeFunction"\n  function_name = "phi-export"\n  principal     = "elasticloadbalancing.${data.aws_partition.current.dns_suffix}"\n}\n',
    },
    { name: 'principal from a variable', terraform: 'variable "principal" {\n  type = string\n}\nresource "aws_lambda_permission" "p" {\n  action        = "lambda:InvokeFunction"\n  function_name = "phi-export"\n  principal     = var.principal\n}\n' },
  ],
});
