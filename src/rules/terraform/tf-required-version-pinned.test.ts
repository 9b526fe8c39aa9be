import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnyRule } from '../define-rule.js';
import rule from './tf-required-version-pinned.js';
import { testRule } from '../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'bounded range', terraform: 'terraform {\n  required_version = ">= 1.9, < 2.0"\n}\n' },
    { name: 'exact version', terraform: 'terraform {\n  required_version = "1.9.5"\n}\n' },
    { name: '~> 1.9 stays below 2', terraform: 'terraform {\n  required_version = "~> 1.9"\n}\n' },
  ],
  fail: [
    { name: 'no terraform block points at the first resource', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "example"\n}\n', findings: [{ line: 1, message: /does not set required_version.*aws_s3_bucket.b/ }] },
    // Terraform 1.10: a root of only ephemeral resources and checks is run like any other; it was not judged.
    {
      name: 'a root module of only an ephemeral resource and a check points at the first of them',
      terraform: 'ephemeral "aws_secretsmanager_random_password" "p" {\n  password_length = 20\n}\ncheck "site" {\n  data "aws_s3_bucket" "b" {\n    bucket = "x-example"\n  }\n  assert {\n    condition     = data.aws_s3_bucket.b.arn != ""\n    error_message = "missing"\n  }\n}\n',
      findings: [{ line: 1, message: /does not set required_version.*ephemeral\.aws_secretsmanager_random_password\.p \(the module has no terraform block\)/ }],
    },
    {
      name: 'a root module of only a check\'s data source',
      terraform: 'check "site" {\n  data "aws_s3_bucket" "b" {\n    bucket = "x-example"\n  }\n  assert {\n    condition     = data.aws_s3_bucket.b.arn != ""\n    error_message = "missing"\n  }\n}\n',
      findings: [{ line: 2, message: /does not set required_version.*check\.site\.data\.aws_s3_bucket\.b/ }],
    },
    { name: 'terraform block without required_version', terraform: 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n}\n', findings: [{ line: 1, message: /does not set required_version/ }] },
    { name: 'a one-part ~> 1 admits Terraform 2 (Terraform accepts required_version = "~> 0" on 1.11)', terraform: 'terraform {\n  required_version = "~> 1"\n}\n', findings: [{ line: 2, message: /no upper bound/ }] },
    { name: 'only excluding a version is not a bound', terraform: 'terraform {\n  required_version = "!= 1.6.0"\n}\n', findings: [{ line: 2, message: /no upper bound/ }] },
  ],
});

test("root modules' findings carry their root module (reports' root columns, merged shards), as resources' do", async () => {
  const { runRuleOn } = await import('../../testing/rule-tester.js');
  const { default: backendRule } = await import('./tf-remote-state-encrypted.js');
  const stacks = { 'envs/dev/main.tf': 'terraform {\n  required_version = ">= 1.5"\n}\n', 'envs/prod/main.tf': 'terraform {\n  required_version = ">= 1.5"\n}\n' };
  for (const r of [rule, backendRule]) {
    const roots = runRuleOn(r as unknown as AnyRule, stacks).findings.map((f) => f.resource.root).sort();
    assert.deepEqual(roots, ['envs/dev', 'envs/prod'], r.id);
  }
});
