import rule from './aws-sagemaker-notebook-no-direct-internet.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testRule } from '../../../testing/rule-tester.js';
import { fixInMemory } from '../../../fixes/fix-in-memory.js';
import type { AnyRule } from '../../define-rule.js';

testRule(rule, {
  pass: [
    { name: 'locked down notebook', terraform: 'resource "aws_sagemaker_notebook_instance" "n" {\n  name                   = "n"\n  role_arn               = "arn:aws:iam::123456789012:role/sm"\n  instance_type          = "ml.t3.medium"\n  subnet_id              = "subnet-0123456789abcdef0"\n  direct_internet_access = "Disabled"\n  root_access            = "Disabled"\n}\n' },
  ],
  fail: [
    { name: 'all defaults', terraform: 'resource "aws_sagemaker_notebook_instance" "n" {\n  name          = "n"\n  role_arn      = "arn:aws:iam::123456789012:role/sm"\n  instance_type = "ml.t3.medium"\n}\n', findings: [{ line: 1, message: /direct_internet_access/ }, { line: 1, message: /root_access/ }, { line: 1, message: /subnet_id/ }] },
  ],
  unknown: [
    { name: 'root access from a variable', terraform: 'variable "root" {\n  type = string\n}\nresource "aws_sagemaker_notebook_instance" "n" {\n  name                   = "n"\n  role_arn               = "arn:aws:iam::123456789012:role/sm"\n  instance_type          = "ml.t3.medium"\n  subnet_id              = "subnet-0123456789abcdef0"\n  direct_internet_access = "Disabled"\n  root_access            = var.root\n}\n' },
  ],
});

test('direct internet access is disabled by the fix only on a notebook in a subnet with security groups', async () => {
  const base = 'resource "aws_sagemaker_notebook_instance" "n" {\n  name          = "n"\n  role_arn      = "arn:aws:iam::123456789012:role/sm"\n  instance_type = "ml.t3.medium"\n}\n';
  // Without subnet_id SageMaker refuses "Disabled" at apply: no edit, the finding says what to set.
  const bare = await fixInMemory({ 'main.tf': base }, [rule as unknown as AnyRule], { unsafe: true });
  assert.doesNotMatch(bare.files.get('main.tf')!, /direct_internet_access/);
  assert.match(bare.files.get('main.tf')!, /root_access += "Disabled"/);
  assert.ok(bare.remaining.some((f) => /direct_internet_access/.test(f.message) && f.fix === undefined));
  const inVpc = base.replace('  instance_type = "ml.t3.medium"\n', '  instance_type = "ml.t3.medium"\n  subnet_id     = "subnet-0123456789abcdef0"\n  security_groups = ["sg-0123456789abcdef0"]\n');
  const fixed = await fixInMemory({ 'main.tf': inVpc }, [rule as unknown as AnyRule], { unsafe: true });
  assert.match(fixed.files.get('main.tf')!, /direct_internet_access = "Disabled"/);
  assert.deepEqual(fixed.remaining, []);
});
