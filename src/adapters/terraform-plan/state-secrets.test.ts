// tf-plan-state-holds-secrets over adapted states: sensitive attributes and detected secrets are
// listed by path and redacted form; the values never appear in the finding.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runRules } from '../../engine/run-rules.js';
import { parseJsonTree } from '../../parsers/tf-plan/json-tree.js';
import rule from '../../rules/terraform/tf-plan-state-holds-secrets.js';
import type { AnyRule } from '../../rules/define-rule.js';
import { adaptState } from './adapt-state.js';

const STATE = readFileSync(new URL('../../../test/fixtures/plan/terraform.tfstate', import.meta.url), 'utf8');
const SECRET = 'Sup3rS3cretPassw0rd!';
// Made-up values shaped like real ones (the detectors skip documentation EXAMPLE keys).
const AWS_SECRET_KEY = 'kT9vQ2mXpL7wRz4NcB8yHs3JdF6gAe1UoPi5YtVb';
const AWS_KEY_ID = 'AKIAQ3EGRJ4ZXKT7LW5P';

function findingsOf(file: string, text: string) {
  const parsed = parseJsonTree(file, text);
  assert.ok(parsed.ok);
  const adapted = adaptState({ file, text, root: parsed.value });
  return runRules(adapted.model, [rule as unknown as AnyRule], { today: '2026-01-01' }).findings;
}

function state(attributes: Record<string, unknown>, sensitive: readonly string[] = []): string {
  return JSON.stringify({
    version: 4,
    terraform_version: '1.9.0',
    resources: [{ mode: 'managed', type: 'aws_iam_access_key', name: 'ci', provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 0, attributes, sensitive_attributes: sensitive.map((a) => [{ type: 'get_attr', value: a }]) }] }],
  }, null, 2);
}

test('a state with a sensitive attribute gives one finding on the file, pointing at the value, redacted', () => {
  const findings = findingsOf('terraform.tfstate', STATE);
  assert.equal(findings.length, 1);
  const f = findings[0]!;
  assert.equal(f.status, 'fail');
  assert.equal(f.resource.address, 'terraform.tfstate');
  assert.equal(f.resource.kind, 'terraform-state');
  assert.match(f.message, /holds 2 secret or PHI values in clear text: aws_db_instance\.patients\.password \(sensitive\), output\.db_password \(sensitive\)\. Protect the state/);
  assert.deepEqual(f.related.map((r) => r.message), ['output.db_password is stored in clear text']);
  assert.equal(STATE.slice(f.span.start.offset, f.span.end.offset), `"password": "${SECRET}"`);
  assert.ok(!JSON.stringify(f).includes(SECRET), 'the value never appears in the finding');
});

test('secrets the provider did not mark sensitive are found by the detectors and redacted', () => {
  const text = state({ id: AWS_KEY_ID, user: 'ci', secret: AWS_SECRET_KEY, ses_smtp_password_v4: 'x' }, ['ses_smtp_password_v4']);
  const [f] = findingsOf('pulled.json', text);
  assert.ok(f);
  assert.equal(f.status, 'fail');
  assert.match(f.message, /holds \d+ secret or PHI values in clear text: .*aws_iam_access_key\.ci\.ses_smtp_password_v4 \(sensitive\)/);
  assert.match(f.message, /aws_iam_access_key\.ci\.id \(AWS access key id AKIA…LW5P sha256:[0-9a-f]+\)/);
  // A generic secret shows its preview only: its hash could confirm a guessed password.
  assert.match(f.message, /aws_iam_access_key\.ci\.secret \(literal secret for secret kT9v…YtVb\)/);
  assert.ok(f.related.length >= 1);
  assert.ok(!JSON.stringify(f).includes(AWS_SECRET_KEY));
  assert.ok(!JSON.stringify(f).includes(AWS_KEY_ID));
});

test('a state without secrets passes', () => {
  const findings = findingsOf('clean.tfstate', state({ id: 'x', user: 'ci', status: 'Active' }));
  assert.deepEqual(findings.map((f) => f.status), ['pass']);
});

test('state outputs are on the model, with their sensitive flag; tf-sensitive-outputs judges them', async () => {
  const text = JSON.stringify({ version: 4, terraform_version: '1.9.0', outputs: { token: { value: `ghp_${'a1B2c3D4e5'.repeat(3)}123456`, type: 'string' }, name: { value: 'app', type: 'string' } }, resources: [] }, null, 2);
  const parsed = parseJsonTree('o.tfstate', text);
  assert.ok(parsed.ok);
  const model = adaptState({ file: 'o.tfstate', text, root: parsed.value }).model;
  assert.deepEqual(model.outputs.map((o) => [o.name, o.sensitive, o.span.file]), [['token', false, 'o.tfstate'], ['name', false, 'o.tfstate']]);
  const { default: sensitiveOutputs } = await import('../../rules/terraform/tf-sensitive-outputs.js');
  const findings = runRules(model, [sensitiveOutputs as unknown as AnyRule], { today: '2026-01-01' }).findings;
  assert.deepEqual(findings.map((f) => `${f.resource.address} ${f.status}`).sort(), ['output.name pass', 'output.token fail']);
  assert.ok(!JSON.stringify(findings).includes('a1B2c3D4e5a1B2'));
});

test('an instance key that looks like PHI is masked in the related locations too, as in the message', () => {
  // A for_each over SSNs puts each in the instance's address; the finding lists each value it found
  // as a related location named by that address (`aws_instance.i["<SSN>"].user_data`).
  const ssn = '567-89-0123';
  const text = JSON.stringify({
    version: 4,
    terraform_version: '1.9.0',
    resources: [
      { mode: 'managed', type: 'aws_db_instance', name: 'db', provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 2, attributes: { identifier: 'db1', password: SECRET }, sensitive_attributes: [[{ type: 'get_attr', value: 'password' }]] }] },
      { mode: 'managed', type: 'aws_instance', name: 'i', provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ index_key: ssn, schema_version: 1, attributes: { ami: 'ami-1', user_data: `export DB_PASSWORD=${SECRET}` }, sensitive_attributes: [] }] },
    ],
  }, null, 2);
  const [f] = findingsOf('keys.tfstate', text);
  assert.ok(f);
  assert.equal(f.status, 'fail');
  assert.ok(f.related.some((r) => r.message.startsWith('aws_instance.i["***********"]')), JSON.stringify(f.related));
  assert.ok(!JSON.stringify(f).includes(ssn), JSON.stringify(f));
  assert.ok(!JSON.stringify(f).includes(SECRET));
});
