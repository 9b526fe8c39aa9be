import rule from './tf-dependency-lock-file.js';
import { testRule } from '../../testing/rule-tester.js';

const main = 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n}\n\nresource "random_id" "x" {\n  byte_length = 4\n}\n';
const lock = (providers: string[]): string => providers.map((p) => `provider "registry.terraform.io/hashicorp/${p}" {\n  version = "5.1.0"\n  hashes = ["h1:abc="]\n}\n`).join('\n');

testRule(rule, {
  pass: [{ name: 'lock file covers aws and random', terraform: { 'main.tf': main, '.terraform.lock.hcl': lock(['aws', 'random']) } }],
  fail: [
    {
      name: 'a stale lock the constraint excludes (terraform init refuses it)',
      terraform: { 'main.tf': main, '.terraform.lock.hcl': lock(['aws', 'random']).replace('5.1.0', '3.32.0') },
      findings: [{ line: 3, message: /records "hashicorp\/aws" 3\.32\.0, which its version constraint "~> 5\.0" excludes/ }],
    },
    { name: 'no lock file', terraform: main, findings: [{ line: 1, message: /no committed .terraform.lock.hcl/ }] },
    // Terraform 1.10: a root of only an ephemeral resource installs and locks its provider like any other; it was not judged.
    { name: 'no lock file for a root module of only an ephemeral resource', terraform: 'ephemeral "random_password" "db" {\n  length = 24\n}\n', findings: [{ line: 1, message: /no committed .terraform.lock.hcl.*ephemeral\.random_password\.db/ }] },
    { name: 'lock file misses a provider', terraform: { 'main.tf': main, '.terraform.lock.hcl': lock(['aws']) }, findings: [{ line: 1, message: /does not lock "random"/ }] },
    {
      name: 'a lock file without the provider of an ephemeral resource or of a check\'s data source (terraform init adds both)',
      terraform: {
        'main.tf': 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n}\n\nephemeral "random_password" "db" {\n  length = 32\n}\n\ncheck "health" {\n  data "http" "status" {\n    url = "https://status.example.com/health"\n  }\n\n  assert {\n    condition     = data.http.status.status_code == 200\n    error_message = "The status endpoint is down."\n  }\n}\n',
        '.terraform.lock.hcl': lock(['aws']),
      },
      findings: [{ line: 1, message: /does not lock "http", "random"/ }],
    },
    {
      name: 'a provider only a child module uses needs the lock file too (a real CloudTrail example had neither)',
      terraform: { 'main.tf': 'module "store" {\n  source = "./modules/store"\n}\n', 'modules/store/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n' },
      findings: [{ line: 1, message: /no committed .terraform.lock.hcl/ }],
    },
  ],
});
