import rule from './aws-sagemaker-notebook-kms.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'domain with a KMS key', terraform: 'resource "aws_kms_key" "k" {}\n\nresource "aws_sagemaker_domain" "studio" {\n  domain_name = "research"\n  auth_mode   = "IAM"\n  vpc_id      = "vpc-0123456789abcdef0"\n  subnet_ids  = ["subnet-0123456789abcdef0"]\n  kms_key_id  = aws_kms_key.k.arn\n  default_user_settings {\n    execution_role = "arn:aws:iam::123456789012:role/sagemaker"\n  }\n}\n' }],
  fail: [{ name: 'domain without a key', terraform: 'resource "aws_sagemaker_domain" "studio" {\n  domain_name = "research"\n  auth_mode   = "IAM"\n  vpc_id      = "vpc-0123456789abcdef0"\n  subnet_ids  = ["subnet-0123456789abcdef0"]\n  default_user_settings {\n    execution_role = "arn:aws:iam::123456789012:role/sagemaker"\n  }\n}\n', findings: [{ line: 1, message: /domain's EFS volume/ }] }],
  unknown: [{ name: 'key from a variable without a value', terraform: 'variable "key" {\n  type = string\n}\n\nresource "aws_sagemaker_notebook_instance" "nb" {\n  name          = "cohort"\n  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"\n  instance_type = "ml.t3.medium"\n  kms_key_id    = var.key\n}\n' }],
});
