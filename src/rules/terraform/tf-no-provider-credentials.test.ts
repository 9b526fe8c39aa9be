import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnyRule } from '../define-rule.js';
import rule from './tf-no-provider-credentials.js';
import { runRuleOn, testRule } from '../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'credentials from a variable supplied at run time', terraform: 'variable "token" {\n  type      = string\n  sensitive = true\n}\n\nprovider "github" {\n  token = var.token\n}\n' },
    { name: 'google credentials given as a file path', terraform: 'provider "google" {\n  project     = "example"\n  credentials = "/secrets/sa.json"\n}\n' },
    { name: 'placeholder values', terraform: 'provider "aws" {\n  region     = "us-east-1"\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n  secret_key = "changeme"\n}\n' },
  ],
  fail: [
    { name: 'a literal token in a nested block (assume_role_with_web_identity)', terraform: 'provider "aws" {\n  region = "us-east-1"\n  assume_role_with_web_identity {\n    role_arn           = "arn:aws:iam::123456789012:role/ci"\n    web_identity_token = "eyJhbGciOiJSUzI1NiJ9.fAkEpAyLoAd.sIgNaTuRe"\n  }\n}\n', findings: [{ line: 5, message: /assume_role_with_web_identity\.web_identity_token to a literal credential/ }] },
    {
      name: 'secret key through a variable default points at the default',
      terraform: 'variable "aws_secret" {\n  default = "kZ8pQ2vN7xR4tY1wE6uI3oP9aS5dF0gH2jK4lZ7x"\n}\n\nprovider "aws" {\n  region     = "us-east-1"\n  secret_key = var.aws_secret\n}\n',
      findings: [{ line: 2, message: /secret_key to a literal credential \(through a variable/ }],
    },
    { name: 'azurerm client secret', terraform: 'provider "azurerm" {\n  features {}\n  client_secret = "Zk29-qpL!x7-abc"\n}\n', findings: [{ line: 3, message: /client_secret/ }] },
  ],
});

test('a pass over placeholder credentials says they are there', () => {
  const run = runRuleOn(rule as unknown as AnyRule, 'provider "aws" {\n  alias      = "dr"\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n}\n');
  assert.deepEqual(
    run.findings.map((f) => [f.status, f.message]),
    [['pass', 'provider.aws.dr sets access_key, secret_key to placeholder values, not real credentials; keep real ones out of the block.']],
  );
});

test("a child module's provider block is named with its module instance path, once per instance", () => {
  // Two calls and a for_each call of one module: each instance's finding has an address of its own
  // (module.a.provider.aws, as resources are named), so a waiver or baseline entry names one of them.
  const module = 'provider "aws" {\n  region     = "us-east-1"\n  access_key = "AKIAQ3EGRX7ZJ5TM4KWB"\n}\n\nprovider "aws" {\n  alias  = "replica"\n  region = "us-west-2"\n}\n';
  const root = 'module "a" {\n  source = "./mod"\n}\n\nmodule "b" {\n  source = "./mod"\n}\n\nmodule "c" {\n  source   = "./mod"\n  for_each = toset(["x", "y"])\n}\n\nprovider "aws" {\n  region = "us-east-1"\n}\n';
  const run = runRuleOn(rule as unknown as AnyRule, { 'main.tf': root, 'mod/main.tf': module });
  assert.deepEqual(run.findings.map((f) => [f.status, f.resource.address]).sort(), [
    ['fail', 'module.a.provider.aws'],
    ['fail', 'module.b.provider.aws'],
    ['fail', 'module.c["x"].provider.aws'],
    ['fail', 'module.c["y"].provider.aws'],
    ['pass', 'module.a.provider.aws.replica'],
    ['pass', 'module.b.provider.aws.replica'],
    ['pass', 'module.c["x"].provider.aws.replica'],
    ['pass', 'module.c["y"].provider.aws.replica'],
    ['pass', 'provider.aws'],
  ]);
  assert.match(run.findings.find((f) => f.resource.address === 'module.b.provider.aws')!.message, /^module\.b\.provider\.aws sets access_key/);
});
