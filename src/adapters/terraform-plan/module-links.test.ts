// A real plan (terraform 1.11, hashicorp/aws 5.100.0, `plan -refresh=false`, trimmed: no credentials)
// of a trail whose log bucket is made in a module (`s3_bucket_name = module.logs.id`) and a bucket
// whose key comes in through a module variable. Terraform's configuration lists only `module.logs.id`
// and `var.kms_arn` there: followed through the module call and the output, the plan alone links and
// names what the sources do.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runRules } from '../../engine/run-rules.js';
import type { AnyRule } from '../../rules/define-rule.js';
import objectLock from '../../rules/aws/s3/aws-s3-object-lock.js';
import mfaDelete from '../../rules/aws/s3/aws-s3-mfa-delete.js';
import trailBucket from '../../rules/aws/cloudtrail/aws-cloudtrail-bucket-protected.js';
import classificationTags from '../../rules/phi/phi-data-classification-tags.js';
import { member, parseJsonTree } from '../../parsers/tf-plan/json-tree.js';
import type { InfraModel } from '../../model/infra-model.js';
import { adaptPlan } from './adapt-plan.js';
import { indexConfiguration, resolveReference } from './configuration.js';

const PLAN = readFileSync(new URL('../../../test/fixtures/plan/module-links/plan.json', import.meta.url), 'utf8');

function tree(text: string) {
  const parsed = parseJsonTree('plan.json', text);
  assert.ok(parsed.ok);
  return parsed.value;
}

function plan(): InfraModel {
  return adaptPlan({ file: 'plan.json', text: PLAN, root: tree(PLAN) }).model;
}

function verdicts(rules: readonly unknown[]): string[] {
  return runRules(plan(), rules as AnyRule[], { today: '2026-01-01' }).findings.map((f) => `${f.ruleId} ${f.resource.address} ${f.status}`).sort();
}

test('module variables and outputs are followed to the resources they name', () => {
  const config = indexConfiguration(member(tree(PLAN), 'configuration'));
  assert.deepEqual(resolveReference(config, '', 'module.logs.id', 'instance'), ['module.logs.aws_s3_bucket.this.id', 'module.logs.aws_s3_bucket.this']);
  assert.deepEqual(resolveReference(config, 'module.records', 'var.kms_arn', 'instance'), ['aws_kms_key.k.arn', 'aws_kms_key.k']);
  assert.equal(resolveReference(config, 'module.records', 'var.name', 'instance'), undefined, 'a constant names no resource');
  assert.ok(config.resources.get('aws_cloudtrail.t')!.references.includes('module.logs.aws_s3_bucket.this'));
});

test('a plan alone: the trail\'s log bucket in a module is audit evidence, judged as in the sources (no finding at all before)', () => {
  assert.deepEqual(verdicts([objectLock, mfaDelete]), [
    'aws-s3-mfa-delete module.logs.aws_s3_bucket.this fail',
    'aws-s3-object-lock module.logs.aws_s3_bucket.this fail',
  ]);
  assert.deepEqual(verdicts([trailBucket]), ['aws-cloudtrail-bucket-protected aws_cloudtrail.t fail']);
});

test('a plan alone: a key passed in through a module variable, written in a nested block, is the customer key it names', () => {
  const bucket = plan().resources.find((r) => r.address === 'module.records.aws_s3_bucket_server_side_encryption_configuration.this')!;
  const key = bucket.blocks[0]!.blocks[0]!.attributes.get('kms_master_key_id')!;
  assert.deepEqual(key.value, { unknown: true, reason: 'aws_kms_key.k.arn is computed by the provider', cause: { kind: 'attribute', address: 'aws_kms_key.k', type: 'aws_kms_key', mode: 'managed', attribute: 'arn', how: 'computed' } });
});

test('an empty tags_all with no tags written (planned {} for some types) is no tags at all, as in the sources', () => {
  assert.ok(!verdicts([classificationTags]).some((v) => v.includes('aws_vpc_security_group_ingress_rule.https')));
});
