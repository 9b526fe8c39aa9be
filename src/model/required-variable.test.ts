// A root variable with no default and no value is a required variable the scan was not given:
// Terraform refuses to plan without it, so "depends on a value known only at apply time (var.x has
// no value)" told the reader the wrong thing and not how to decide the check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRuleOn } from '../testing/rule-tester.js';
import type { AnyRule } from '../rules/define-rule.js';
import rdsEncryptedRule from '../rules/aws/rds/aws-rds-storage-encrypted.js';
import { withRequiredVariablesSaid, requiredVariableReason } from './required-variable.js';

const rdsEncrypted = rdsEncryptedRule as unknown as AnyRule;
const db = (encrypted: string) => `resource "aws_db_instance" "db" {\n  engine            = "postgres"\n  instance_class    = "db.t3.medium"\n  allocated_storage = 20\n  storage_encrypted = ${encrypted}\n}\n`;

test('a required root variable the scan was not given: said so, with how to give it, not "known only at apply time"', () => {
  const run = runRuleOn(rdsEncrypted, `variable "storage_encrypted" {\n  type = bool\n}\n${db('var.storage_encrypted')}`);
  assert.equal(run.findings.length, 1);
  const { status, message } = run.findings[0]!;
  assert.equal(status, 'unknown');
  assert.doesNotMatch(message, /apply time|has no value/);
  assert.match(message, /storage_encrypted depends on a value not known to the scan \(var\.storage_encrypted is a required variable not given to the scan\)\. Terraform refuses to plan without it: give it with a \.tfvars file in the root module, --var, --var-file or TF_VAR_storage_encrypted, or scan the plan/);
});

test('values known only at apply time keep their message', () => {
  // A value the provider computes, and timestamp(): apply time, whatever the variables.
  const computed = runRuleOn(rdsEncrypted, `resource "aws_kms_key" "k" {}\n${db('aws_kms_key.k.enable_key_rotation')}`);
  assert.deepEqual(computed.findings.map((f) => f.status), ['unknown']);
  assert.match(computed.findings[0]!.message, /known only at apply time \(aws_kms_key\.k\.enable_key_rotation is computed by the provider\)\.$/);
  assert.doesNotMatch(computed.findings[0]!.message, /required variable|TF_VAR_/);
  // A module's variable its call leaves out is the caller's mistake, reported as before (not the scan's input).
  const child = runRuleOn(rdsEncrypted, { 'main.tf': 'module "m" {\n  source = "./m"\n}\n', 'm/main.tf': `variable "enc" {\n  type = bool\n}\n${db('var.enc')}` });
  const inChild = child.findings.find((f) => f.resource.address === 'module.m.aws_db_instance.db')!;
  assert.equal(inChild.status, 'unknown');
  assert.doesNotMatch(inChild.message, /required variable not given to the scan/);
});

test('the wording is changed only around a required variable\'s reason, nested or not', () => {
  const reason = requiredVariableReason('repo');
  assert.equal(withRequiredVariablesSaid('x is known only at apply time (aws_kms_key.k.arn is computed by the provider).'), 'x is known only at apply time (aws_kms_key.k.arn is computed by the provider).');
  assert.equal(
    withRequiredVariablesSaid(`s is known only at apply time (jsonencode of a value with apply-time parts (${reason}))`),
    `s is not known to the scan (jsonencode of a value with apply-time parts (${reason})). Terraform refuses to plan without it: give it with a .tfvars file in the root module, --var, --var-file or TF_VAR_repo, or scan the plan (terraform show -json).`,
  );
  // Two reasons in one message: only the required variable's is reworded.
  const both = withRequiredVariablesSaid(`a is known only at apply time (timestamp() is known only at apply time); b is known only at apply time (${reason}).`);
  assert.match(both, /^a is known only at apply time \(timestamp\(\) is known only at apply time\); b is not known to the scan \(/);
});
