import rule from './aws-image-scanning-and-supported-runtimes.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'registry-level enhanced scanning', terraform: 'resource "aws_ecr_registry_scanning_configuration" "s" {\n  scan_type = "ENHANCED"\n}\nresource "aws_ecr_repository" "r" {\n  name = "r"\n  image_tag_mutability = "IMMUTABLE"\n}\n' },
    { name: 'current Lambda runtime and EKS version', terraform: 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role = "arn:aws:iam::1:role/f"\n  runtime = "python3.12"\n  handler = "app.handler"\n}\nresource "aws_eks_cluster" "k" {\n  name = "k"\n  role_arn = "arn:aws:iam::1:role/k"\n  version = "1.33"\n}\n' },
  ],
  fail: [
    { name: 'mutable tags', terraform: 'resource "aws_ecr_repository" "r" {\n  name = "r"\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n', findings: [{ line: 1, message: /image_tag_mutability/ }] },
    { name: 'deprecated runtime', terraform: 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role = "arn:aws:iam::1:role/f"\n  runtime = "nodejs16.x"\n  handler = "index.handler"\n}\n', findings: [{ line: 4, message: /deprecated runtime nodejs16.x/ }] },
    { name: 'old EKS version', terraform: 'resource "aws_eks_cluster" "k" {\n  name = "k"\n  role_arn = "arn:aws:iam::1:role/k"\n  version = "1.27"\n}\n', findings: [{ line: 4 }] },
  ],
  unknown: [{ name: 'runtime from a variable', terraform: 'variable "rt" {\n  type = string\n}\nresource "aws_lambda_function" "f" {\n  function_name = "f"\n  role = "arn:aws:iam::1:role/f"\n  runtime = var.rt\n  handler = "index.handler"\n}\n' }],
});
