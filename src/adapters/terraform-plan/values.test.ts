// Plan variables and outputs on the model: the tf-sensitive-* rules judge a plan as they judge source.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runRules } from '../../engine/run-rules.js';
import { parseJsonTree } from '../../parsers/tf-plan/json-tree.js';
import type { AnyRule } from '../../rules/define-rule.js';
import tfNoSecretsInCode from '../../rules/terraform/tf-no-secrets-in-code.js';
import tfSensitiveOutputs from '../../rules/terraform/tf-sensitive-outputs.js';
import tfSensitiveVariables from '../../rules/terraform/tf-sensitive-variables.js';
import { isUnknown } from '../../model/value.js';
import { adaptPlan } from './adapt-plan.js';

const SECRET = 'Sup3rS3cretPassw0rd!';
const rules = [tfSensitiveOutputs, tfSensitiveVariables] as unknown as AnyRule[];

const PLAN = JSON.stringify(
  {
    format_version: '1.2',
    variables: { api_token: { value: 'tok-123' }, db_password: { value: SECRET }, region: { value: 'us-east-1' } },
    planned_values: {
      outputs: { db_password: { sensitive: false, value: SECRET }, endpoint: { sensitive: false, value: 'db.example.internal' }, admin_key: { sensitive: true, value: 'k' } },
      root_module: {},
    },
    output_changes: { arn: { actions: ['create'], before: null, after_unknown: true, before_sensitive: false, after_sensitive: false } },
    configuration: {
      root_module: {
        variables: { api_token: {}, db_password: { sensitive: true }, region: { default: 'us-east-1', description: 'AWS region' } },
        outputs: {
          db_password: { expression: { references: ['aws_db_instance.db.password', 'aws_db_instance.db'] } },
          endpoint: { expression: { references: ['aws_db_instance.db.address', 'aws_db_instance.db'] } },
          admin_key: { sensitive: true, expression: { references: ['aws_iam_access_key.k.secret', 'aws_iam_access_key.k'] } },
          arn: { expression: { references: ['aws_db_instance.db.arn', 'aws_db_instance.db'] } },
        },
        module_calls: { store: { source: './store', module: { variables: { kms_key_secret: { default: 'x' } }, outputs: { id: { expression: { references: ['aws_s3_bucket.b.id'] } } } } } },
      },
    },
  },
  null,
  2,
);

function adapt() {
  const parsed = parseJsonTree('tfplan.json', PLAN);
  assert.ok(parsed.ok);
  return adaptPlan({ file: 'tfplan.json', text: PLAN, root: parsed.value });
}

test('variables: root values and declarations, module variables from their defaults', () => {
  const { model } = adapt();
  const byName = new Map(model.variables.map((v) => [`${v.module}|${v.name}`, v]));
  assert.equal(byName.get('|db_password')?.sensitive, true);
  assert.equal(byName.get('|db_password')?.value.value, SECRET);
  assert.equal(byName.get('|region')?.hasDefault, true);
  assert.equal(byName.get('|region')?.description, 'AWS region');
  assert.equal(byName.get('module.store|kms_key_secret')?.default?.value, 'x');
  const token = byName.get('|api_token')!;
  assert.equal(PLAN.slice(token.span.start.offset, token.span.end.offset), '"api_token": {}');
  assert.equal(token.span.file, 'tfplan.json');
});

test('outputs: planned values, unknowns and referenced attributes', () => {
  const { model } = adapt();
  const arn = model.outputs.find((o) => o.name === 'arn')!;
  assert.ok(isUnknown(arn.value.value));
  assert.equal(arn.value.provenance, 'unresolved');
  const db = model.outputs.find((o) => o.name === 'db_password')!;
  assert.deepEqual(db.referencedAttributes, ['aws_db_instance.db.password', 'aws_db_instance.db']);
  assert.equal(model.outputs.find((o) => o.module === 'module.store')?.name, 'id');
});

test('tf-sensitive-variables and tf-sensitive-outputs run on a plan, without printing values', () => {
  const findings = runRules(adapt().model, rules, { today: '2026-01-01' }).findings;
  const failures = findings.filter((f) => f.status === 'fail').map((f) => `${f.ruleId} ${f.resource.address}`).sort();
  assert.deepEqual(failures, [
    'tf-sensitive-outputs output.db_password',
    'tf-sensitive-variables module.store.var.kms_key_secret',
    'tf-sensitive-variables var.api_token',
  ]);
  const passes = findings.filter((f) => f.status === 'pass').map((f) => f.resource.address).sort();
  assert.ok(passes.includes('var.db_password') && passes.includes('output.admin_key') && passes.includes('output.endpoint'));
  assert.match(findings.find((f) => f.resource.address === 'output.db_password')!.message, /references the secret-bearing aws_db_instance\.db\.password but is not marked sensitive/);
  assert.ok(!JSON.stringify(findings).includes(SECRET));
  assert.ok(!JSON.stringify(findings).includes('tok-123'));
});

test('the fixture plan: its sensitive root variable passes', () => {
  const text = readFileSync(new URL('../../../test/fixtures/plan/tfplan.json', import.meta.url), 'utf8');
  const parsed = parseJsonTree('tfplan.json', text);
  assert.ok(parsed.ok);
  const model = adaptPlan({ file: 'tfplan.json', text, root: parsed.value }).model;
  assert.deepEqual(model.variables.map((v) => [v.name, v.sensitive, v.value.value === SECRET]), [['db_password', true, true]]);
  const findings = runRules(model, rules, { today: '2026-01-01' }).findings;
  assert.deepEqual(findings.map((f) => [f.ruleId, f.resource.address, f.status]), [['tf-sensitive-variables', 'var.db_password', 'pass']]);
});

test('a value supplied to the plan (-var, TF_VAR_) is not a literal in code; a default is one literal, not two', () => {
  const text = JSON.stringify({
    format_version: '1.2',
    variables: { db_password: { value: SECRET }, admin_password: { value: 'An0therS3cretPassw0rd!' } },
    resource_changes: [{ address: 'aws_db_instance.d', mode: 'managed', type: 'aws_db_instance', name: 'd', provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: { identifier: 'd', password: SECRET }, after_unknown: {}, before_sensitive: false, after_sensitive: { password: true } } }],
    configuration: {
      root_module: {
        variables: { db_password: { sensitive: true }, admin_password: { default: 'An0therS3cretPassw0rd!' } },
        resources: [{ address: 'aws_db_instance.d', mode: 'managed', type: 'aws_db_instance', name: 'd', expressions: { identifier: { constant_value: 'd' }, password: { references: ['var.db_password'] } } }],
      },
    },
  });
  const parsed = parseJsonTree('plan.json', text);
  assert.ok(parsed.ok);
  const { model } = adaptPlan({ file: 'plan.json', text, root: parsed.value });
  const findings = runRules(model, [tfNoSecretsInCode as unknown as AnyRule], { today: '2026-01-01' }).findings;
  assert.deepEqual(findings.filter((f) => f.status === 'fail').map((f) => f.resource.address), ['var.admin_password']);
});

// terraform plan 1.11 of `variable "db_password" { ephemeral = true }` set through TF_VAR_: the
// configuration shows `{}`, and `variables` lists every root variable but that one.
test('variables: a root variable a plan of Terraform >= 1.10 leaves out of its values is ephemeral; before 1.10 that says nothing', () => {
  const plan = (version: string): string =>
    JSON.stringify({ format_version: '1.2', terraform_version: version, variables: { sens: { value: 'x' } }, configuration: { root_module: { variables: { db_password: {}, sens: { sensitive: true } } } } });
  const variables = (text: string) => new Map(adaptPlanModel(text).variables.map((v) => [v.name, v]));
  const current = variables(plan('1.11.4'));
  assert.equal(current.get('db_password')?.ephemeral, true);
  assert.equal(current.get('sens')?.ephemeral, undefined);
  assert.equal(variables(plan('1.9.8')).get('db_password')?.ephemeral, undefined);
  const statuses = (version: string): string[] =>
    runRules(adaptPlanModel(plan(version)), [tfSensitiveVariables as unknown as AnyRule], { today: '2026-01-01' }).findings.filter((f) => f.resource?.address === 'var.db_password').map((f) => f.status);
  assert.deepEqual(statuses('1.11.4'), ['pass']);
  assert.deepEqual(statuses('1.9.8'), ['fail']);
});

function adaptPlanModel(text: string) {
  const parsed = parseJsonTree('tfplan.json', text);
  assert.ok(parsed.ok);
  return adaptPlan({ file: 'tfplan.json', text, root: parsed.value }).model;
}
