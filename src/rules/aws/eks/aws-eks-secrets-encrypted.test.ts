import rule from './aws-eks-secrets-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

const cluster = (extra: string): string =>
  `resource "aws_eks_cluster" "c" {\n  name     = "care"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  vpc_config {\n    subnet_ids = ["subnet-0123456789abcdef0"]\n  }\n${extra}}\n`;

testRule(rule, {
  pass: [{ name: 'literal key ARN', terraform: cluster('  encryption_config {\n    resources = ["secrets"]\n    provider {\n      key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n    }\n  }\n') }],
  fail: [
    { name: 'an empty key ARN (a module variable defaulting to "")', terraform: cluster('  encryption_config {\n    resources = ["secrets"]\n    provider {\n      key_arn = ""\n    }\n  }\n'), findings: [{ line: 9, message: /does not set key_arn/ }] },
    { name: 'resources omit secrets', terraform: cluster('  encryption_config {\n    resources = []\n    provider {\n      key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n    }\n  }\n'), findings: [{ line: 7, message: /does not list "secrets"/ }] },
  ],
  unknown: [
    { name: 'key ARN from a variable without a value', terraform: `variable "key" {\n  type = string\n}\n\n${cluster('  encryption_config {\n    resources = ["secrets"]\n    provider {\n      key_arn = var.key\n    }\n  }\n')}` },{ name: 'resources from a variable without a value', terraform: `variable "r" {\n  type = list(string)\n}\n\n${cluster('  encryption_config {\n    resources = var.r\n    provider {\n      key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n    }\n  }\n')}` }],
});
