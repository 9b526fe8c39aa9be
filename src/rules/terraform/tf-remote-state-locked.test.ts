import rule from './tf-remote-state-locked.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRuleOn, testRule } from '../../testing/rule-tester.js';
import type { AnyRule } from '../define-rule.js';

testRule(rule, {
  pass: [
    { name: 's3 backend with a DynamoDB lock table', terraform: 'terraform {\n  backend "s3" {\n    bucket         = "example-state"\n    key            = "phi.tfstate"\n    region         = "us-east-1"\n    dynamodb_table = "locks"\n  }\n}\n' },
    { name: 'gcs locks natively', terraform: 'terraform {\n  backend "gcs" {\n    bucket = "example-state"\n  }\n}\n' },
  ],
  unknown: [{ name: 'a partial s3 configuration (settings from terraform init -backend-config)', terraform: 'terraform {\n  backend "s3" {\n    region = "us-east-1"\n  }\n}\n' }],
  fail: [
    { name: 's3 backend with use_lockfile = false', terraform: 'terraform {\n  backend "s3" {\n    bucket       = "example-state"\n    key          = "phi.tfstate"\n    region       = "us-east-1"\n    use_lockfile = false\n  }\n}\n', findings: [{ line: 6, message: /neither use_lockfile/ }] },
    { name: 'http backend without lock_address', terraform: 'terraform {\n  backend "http" {\n    address = "https://state.example.com/phi"\n  }\n}\n', findings: [{ line: 2, message: /lock_address/ }] },
  ],
});

test('no use_lockfile fix where required_version keeps the module before Terraform 1.10 (no version it allows would accept it)', () => {
  const old = runRuleOn(rule as unknown as AnyRule, 'terraform {\n  required_version = ">= 1.5, < 1.10"\n  backend "s3" {\n    bucket = "state"\n    key    = "k"\n    region = "us-east-1"\n  }\n}\n');
  assert.equal(old.findings[0]?.status, 'fail');
  assert.equal(old.findings[0]!.fix, undefined);
  assert.match(old.findings[0]!.message, /use_lockfile needs Terraform 1\.10/);
  const current = runRuleOn(rule as unknown as AnyRule, 'terraform {\n  required_version = "~> 1.11"\n  backend "s3" {\n    bucket = "state"\n    key    = "k"\n    region = "us-east-1"\n  }\n}\n');
  assert.notEqual(current.findings[0]!.fix, undefined);
});
