// A real plan (terraform 1.11, hashicorp/aws 5.100.0, `plan -refresh=false`, trimmed: no credentials)
// of policy documents that name a bucket ARN not made yet, so Terraform reads them at apply time and
// plans their `json` as unknown. The plan, alone or beside its sources, must judge the policies as
// the sources do: a public principal and `actions = ["*"]` are failures, not unknowns.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { evaluateTerraform } from '../../graph/index.js';
import { runRules } from '../../engine/run-rules.js';
import type { AnyRule } from '../../rules/define-rule.js';
import publicPrincipal from '../../rules/aws/s3/aws-s3-bucket-policy-no-public-principal.js';
import tlsOnly from '../../rules/aws/s3/aws-s3-bucket-tls-only.js';
import adminStar from '../../rules/aws/iam/aws-iam-no-admin-star-policy.js';
import serviceWildcard from '../../rules/aws/iam/aws-iam-no-service-wildcard-actions.js';
import kmsDecrypt from '../../rules/aws/iam/aws-iam-kms-decrypt-scoped.js';
import approvedRegions from '../../rules/phi/phi-approved-regions.js';
import { parseJsonTree } from '../../parsers/tf-plan/json-tree.js';
import type { InfraModel } from '../../model/infra-model.js';
import { adaptPlan } from './adapt-plan.js';

const FIXTURES = new URL('../../../test/fixtures/plan/deferred-policy/', import.meta.url);
const PLAN = readFileSync(new URL('plan.json', FIXTURES), 'utf8');
const MAIN_TF = readFileSync(new URL('main.tf', FIXTURES), 'utf8');
const RULES = [publicPrincipal, tlsOnly, adminStar, serviceWildcard, kmsDecrypt] as unknown as AnyRule[];

function plan(text: string, source?: InfraModel): InfraModel {
  const parsed = parseJsonTree('plan.json', text);
  assert.ok(parsed.ok);
  return adaptPlan({ file: 'plan.json', text, root: parsed.value, ...(source ? { source } : {}) }).model;
}

function sources(): InfraModel {
  return evaluateTerraform({ files: new Map([['main.tf', MAIN_TF]]), readFile: () => undefined }).model;
}

/** `rule address status` of every finding, sorted. */
function verdicts(model: InfraModel, rules: readonly AnyRule[] = RULES): string[] {
  return runRules(model, rules, { today: '2026-01-01' }).findings.map((f) => `${f.ruleId} ${f.resource.address} ${f.status}`).sort();
}

test('the fixture: Terraform defers both policy documents (their json is unknown in the plan)', () => {
  const doc = JSON.parse(PLAN) as { resource_changes: { address: string; action_reason?: string; change: { after_unknown: { json?: boolean } } }[] };
  const deferred = doc.resource_changes.filter((rc) => rc.address.startsWith('data.aws_iam_policy_document.'));
  assert.deepEqual(deferred.map((rc) => [rc.address, rc.action_reason, rc.change.after_unknown.json]), [
    ['data.aws_iam_policy_document.exports', 'read_because_config_unknown', true],
    ['data.aws_iam_policy_document.worker', 'read_because_config_unknown', true],
  ]);
});

test('a plan alone: a policy written as a deferred document\'s json is rendered from its planned statements, as the sources render it', () => {
  const model = plan(PLAN);
  const policy = model.resources.find((r) => r.address === 'aws_s3_bucket_policy.exports')!.attributes.get('policy')!;
  assert.equal(typeof policy.value, 'string');
  assert.equal(policy.provenance, 'explicit');
  assert.match(policy.value as string, /"Principal": "\*"/);
  const found = verdicts(model);
  for (const v of ['aws-s3-bucket-policy-no-public-principal aws_s3_bucket_policy.exports fail', 'aws-iam-no-admin-star-policy aws_iam_policy.worker fail', 'aws-iam-no-service-wildcard-actions aws_iam_policy.worker fail', 'aws-iam-kms-decrypt-scoped aws_iam_policy.worker fail']) {
    assert.ok(found.includes(v), `${v} in ${found.join('; ')}`);
  }
  assert.deepEqual(verdicts(model), verdicts(sources()), 'the plan alone judges as the sources do');
});

test('a plan beside its sources (no root variables in either): the sources\' rendered policy stands for the plan\'s unknown', () => {
  const source = sources();
  const model = plan(PLAN, source);
  const policy = model.resources.find((r) => r.address === 'aws_iam_policy.worker')!.attributes.get('policy')!;
  assert.equal(policy.span.file, 'main.tf', 'found at the sources');
  assert.deepEqual(verdicts(model), verdicts(source));
});

test('a plan alone: the region of its provider configuration is judged (a stack planned in an unapproved region passed with no finding)', () => {
  const rules = [approvedRegions] as unknown as AnyRule[];
  assert.deepEqual(verdicts(plan(PLAN), rules), ['phi-approved-regions provider.aws pass']);
  const elsewhere = PLAN.replace('"constant_value": "us-east-1"', '"constant_value": "eu-west-1"');
  assert.notEqual(elsewhere, PLAN);
  const findings = runRules(plan(elsewhere), rules, { today: '2026-01-01' }).findings;
  assert.deepEqual(findings.map((f) => `${f.resource.address} ${f.status}`), ['provider.aws fail']);
  assert.match(findings[0]!.message!, /"eu-west-1" is not in the approved list/);
  assert.equal(findings[0]!.span.file, 'plan.json');
});
