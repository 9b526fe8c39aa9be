import rule from './aws-image-scanning-and-supported-runtimes.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    {
      name: 'enhanced scanning whose filter matches the repository ("patient*")',
      terraform: 'resource "aws_ecr_registry_scanning_configuration" "s" {\n  scan_type = "ENHANCED"\n  rule {\n    scan_frequency = "CONTINUOUS_SCAN"\n    repository_filter {\n      filter      = "patient*"\n      filter_type = "WILDCARD"\n    }\n  }\n}\nresource "aws_ecr_repository" "api" {\n  name                 = "patient-api"\n  image_tag_mutability = "IMMUTABLE"\n}\n',
    },
    {
      name: 'a filter without a wildcard matches names containing it ("api" matches patient-api)',
      terraform: 'resource "aws_ecr_registry_scanning_configuration" "s" {\n  scan_type = "ENHANCED"\n  rule {\n    scan_frequency = "SCAN_ON_PUSH"\n    repository_filter {\n      filter      = "api"\n      filter_type = "WILDCARD"\n    }\n  }\n}\nresource "aws_ecr_repository" "api" {\n  name                 = "patient-api"\n  image_tag_mutability = "IMMUTABLE"\n}\n',
    },
    {
      name: 'basic scan-on-push filter "*"',
      terraform: 'resource "aws_ecr_registry_scanning_configuration" "s" {\n  scan_type = "BASIC"\n  rule {\n    scan_frequency = "SCAN_ON_PUSH"\n    repository_filter {\n      filter      = "*"\n      filter_type = "WILDCARD"\n    }\n  }\n}\nresource "aws_ecr_repository" "api" {\n  name                 = "patient-api"\n  image_tag_mutability = "IMMUTABLE"\n}\n',
    },
    {
      name: 'basic filter for other repositories, the repository scans on push itself',
      terraform: 'resource "aws_ecr_registry_scanning_configuration" "s" {\n  scan_type = "BASIC"\n  rule {\n    scan_frequency = "SCAN_ON_PUSH"\n    repository_filter {\n      filter      = "sandbox-*"\n      filter_type = "WILDCARD"\n    }\n  }\n}\nresource "aws_ecr_repository" "api" {\n  name                 = "patient-api"\n  image_tag_mutability = "IMMUTABLE"\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n',
    },
    { name: 'registry-level enhanced scanning', terraform: 'resource "aws_ecr_registry_scanning_configuration" "s" {\n  scan_type = "ENHANCED"\n}\nresource "aws_ecr_repository" "r" {\n  name = "r"\n  image_tag_mutability = "IMMUTABLE"\n}\n' },
    { name: 'current Lambda runtime and EKS version', terraform: 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role = "arn:aws:iam::1:role/f"\n  runtime = "python3.12"\n  handler = "app.handler"\n}\nresource "aws_eks_cluster" "k" {\n  name = "k"\n  role_arn = "arn:aws:iam::1:role/k"\n  version = "1.33"\n}\n' },
    { name: 'nodejs20.x the day before its deprecation date', today: '2026-04-29', terraform: 'resource "aws_lambda_function" "node20" {\n  function_name = "node20"\n  role          = "arn:aws:iam::123456789012:role/node20"\n  handler       = "index.handler"\n  runtime       = "nodejs20.x"\n  filename      = "node20.zip"\n}\n' },
    { name: 'EKS 1.32 the day before its end of standard support', today: '2026-03-22', terraform: 'resource "aws_eks_cluster" "c" {\n  name     = "phi"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  version  = "1.32"\n}\n' },
    { name: 'EKS 1.31 in 2025 (before its end of standard support; no hard-coded floor)', today: '2025-06-01', terraform: 'resource "aws_eks_cluster" "c" {\n  name     = "phi"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  version  = "1.31"\n}\n' },
    { name: 'EKS version newer than the release calendar', today: '2026-12-05', terraform: 'resource "aws_eks_cluster" "c" {\n  name     = "phi"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  version  = "1.35"\n}\n' },
  ],
  fail: [
    { name: 'nodejs20.x on its deprecation date (probe lam1)', today: '2026-04-30', terraform: 'resource "aws_lambda_function" "node20" {\n  function_name = "node20"\n  role          = "arn:aws:iam::123456789012:role/node20"\n  handler       = "index.handler"\n  runtime       = "nodejs20.x"\n  filename      = "node20.zip"\n}\n', findings: [{ line: 5, message: /uses the runtime nodejs20.x, deprecated on 2026-04-30/ }] },
    { name: 'EKS 1.32 after its end of standard support (probe lam1)', today: '2026-12-05', terraform: 'resource "aws_eks_cluster" "c" {\n  name     = "phi"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  version  = "1.32"\n}\n', findings: [{ line: 4, message: /runs Kubernetes 1.32, whose Amazon EKS standard support ended on 2026-03-23/ }] },
    { name: 'EKS 1.34 on its end of standard support', today: '2026-12-02', terraform: 'resource "aws_eks_cluster" "c" {\n  name     = "phi"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  version  = "1.34"\n}\n', findings: [{ line: 4, message: /ended on 2026-12-02/ }] },
    { name: 'EKS version older than the release calendar', terraform: 'resource "aws_eks_cluster" "c" {\n  name     = "phi"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  version  = "1.21"\n}\n', findings: [{ line: 4, message: /ended before 2023-10-11/ }] },
    { name: 'EKS version below a configured floor', today: '2026-01-01', params: { minimumEksVersion: '1.34' }, terraform: 'resource "aws_eks_cluster" "c" {\n  name     = "phi"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  version  = "1.33"\n}\n', findings: [{ line: 4, message: /older than the configured minimum 1.34/ }] },
    {
      name: 'enhanced scanning filtered to other repositories ("legacy-*") scans nothing here',
      terraform: 'resource "aws_ecr_registry_scanning_configuration" "s" {\n  scan_type = "ENHANCED"\n  rule {\n    scan_frequency = "CONTINUOUS_SCAN"\n    repository_filter {\n      filter      = "legacy-*"\n      filter_type = "WILDCARD"\n    }\n  }\n}\nresource "aws_ecr_repository" "api" {\n  name                 = "patient-api"\n  image_tag_mutability = "IMMUTABLE"\n}\n',
      findings: [{ line: 11, message: /matches no repository_filter of the enhanced scanning configuration aws_ecr_registry_scanning_configuration\.s/ }],
    },
    {
      name: 'a wildcard filter matches the whole name ("*api-v2" does not match patient-api)',
      terraform: 'resource "aws_ecr_registry_scanning_configuration" "s" {\n  scan_type = "ENHANCED"\n  rule {\n    scan_frequency = "SCAN_ON_PUSH"\n    repository_filter {\n      filter      = "*api-v2"\n      filter_type = "WILDCARD"\n    }\n  }\n}\nresource "aws_ecr_repository" "api" {\n  name                 = "patient-api"\n  image_tag_mutability = "IMMUTABLE"\n}\n',
      findings: [{ line: 11, message: /matches no repository_filter/ }],
    },
    {
      name: 'basic scan-on-push filter for other repositories ("sandbox-*"), no scanning of its own',
      terraform: 'resource "aws_ecr_registry_scanning_configuration" "s" {\n  scan_type = "BASIC"\n  rule {\n    scan_frequency = "SCAN_ON_PUSH"\n    repository_filter {\n      filter      = "sandbox-*"\n      filter_type = "WILDCARD"\n    }\n  }\n}\nresource "aws_ecr_repository" "api" {\n  name                 = "patient-api"\n  image_tag_mutability = "IMMUTABLE"\n}\n',
      findings: [{ line: 11, message: /has no image_scanning_configuration/ }],
    },
    { name: 'mutable tags', terraform: 'resource "aws_ecr_repository" "r" {\n  name = "r"\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n', findings: [{ line: 1, message: /image_tag_mutability/ }] },
    { name: 'deprecated runtime', terraform: 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role = "arn:aws:iam::1:role/f"\n  runtime = "nodejs16.x"\n  handler = "index.handler"\n}\n', findings: [{ line: 4, message: /deprecated runtime nodejs16.x/ }] },
    { name: 'old EKS version', terraform: 'resource "aws_eks_cluster" "k" {\n  name = "k"\n  role_arn = "arn:aws:iam::1:role/k"\n  version = "1.27"\n}\n', findings: [{ line: 4 }] },
  ],
  unknown: [
    {
      name: 'enhanced scanning filter from a variable without a value',
      terraform: 'variable "f" {\n  type = string\n}\nresource "aws_ecr_registry_scanning_configuration" "s" {\n  scan_type = "ENHANCED"\n  rule {\n    scan_frequency = "CONTINUOUS_SCAN"\n    repository_filter {\n      filter      = var.f\n      filter_type = "WILDCARD"\n    }\n  }\n}\nresource "aws_ecr_repository" "api" {\n  name                 = "patient-api"\n  image_tag_mutability = "IMMUTABLE"\n}\n',
    },
    { name: 'runtime from a variable', terraform: 'variable "rt" {\n  type = string\n}\nresource "aws_lambda_function" "f" {\n  function_name = "f"\n  role = "arn:aws:iam::1:role/f"\n  runtime = var.rt\n  handler = "index.handler"\n}\n' },
  ],
});
