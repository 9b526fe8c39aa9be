import rule from './tf-provider-versions-pinned.js';
import { testRule } from '../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    {
      name: 'a provider a child module declares with its own constraint is the module author\'s to pin',
      terraform: { 'main.tf': 'terraform {\n  required_providers {\n    random = {\n      source  = "hashicorp/random"\n      version = "~> 3.6"\n    }\n  }\n}\n\nresource "random_id" "x" {\n  byte_length = 4\n}\n\nmodule "store" {\n  source = "./modules/store"\n}\n', 'modules/store/main.tf': 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 5.0"\n    }\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n' },
    },
    { name: 'every used provider declared and bounded', terraform: 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 5.0, < 6.0"\n    }\n    random = {\n      source  = "hashicorp/random"\n      version = "3.6.2"\n    }\n  }\n}\n\nresource "random_id" "x" {\n  byte_length = 4\n}\n' },
  ],
  fail: [
    { name: 'pinned only the Terraform 0.12 way, in the provider block', terraform: 'provider "aws" {\n  version = "~> 2.70.0"\n  region  = "us-east-1"\n}\n\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n', findings: [{ line: 1, message: /pinned only by its provider block's version argument \("~> 2\.70\.0"\)/ }] },
    { name: 'used provider not declared', terraform: 'resource "random_id" "x" {\n  byte_length = 4\n}\n', findings: [{ line: 1, message: /"random" is used but not declared/ }] },
    // terraform providers (1.11) lists hashicorp/random and hashicorp/http for these: init installs them unpinned.
    {
      name: 'a provider only an ephemeral resource uses (Terraform 1.10)',
      terraform: 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.100"\n    }\n  }\n}\n\nephemeral "random_password" "db" {\n  length = 32\n}\n\nresource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  password_wo         = ephemeral.random_password.db.result\n  password_wo_version = 1\n}\n',
      findings: [{ line: 10, message: /"random" is used but not declared/ }],
    },
    {
      name: 'a provider only a check block\'s scoped data source uses (Terraform 1.5)',
      terraform: 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.100"\n    }\n  }\n}\n\ncheck "health" {\n  data "http" "status" {\n    url = "https://status.example.com/health"\n  }\n\n  assert {\n    condition     = data.http.status.status_code == 200\n    error_message = "The status endpoint is down."\n  }\n}\n',
      findings: [{ line: 11, message: /"http" is used but not declared/ }],
    },
    {
      name: 'an ephemeral resource in a child module, its provider declared nowhere, at the root\'s call',
      terraform: { 'main.tf': 'terraform {\n  required_version = "~> 1.11"\n}\n\nmodule "creds" {\n  source = "./creds"\n}\n', 'creds/main.tf': 'ephemeral "random_password" "db" {\n  length = 32\n}\n' },
      findings: [{ line: 5, message: /"random" is used but not declared/ }],
    },
    { name: 'declared without source or version', terraform: 'terraform {\n  required_providers {\n    aws = {}\n  }\n}\n', findings: [{ line: 3, message: /no source and no version constraint/ }] },
    {
      name: 'a provider only a child module uses, declared nowhere, is reported at the root\'s call',
      terraform: { 'main.tf': 'terraform {\n  required_version = "~> 1.9"\n}\n\nmodule "store" {\n  source = "./modules/store"\n}\n', 'modules/store/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n' },
      findings: [{ line: 5, message: /"aws" is used but not declared/ }],
    },
  ],
});
