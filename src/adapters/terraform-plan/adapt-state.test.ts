import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runRules } from '../../engine/run-rules.js';
import { evaluateTerraform } from '../../graph/index.js';
import rdsRule from '../../rules/aws/rds/aws-rds-storage-encrypted.js';
import backupRule from '../../rules/aws/backup/aws-backup-plan-covers-datastores.js';
import rotationRule from '../../rules/aws/secretsmanager/aws-secretsmanager-rotation.js';
import type { AnyRule } from '../../rules/define-rule.js';
import { parseJsonTree } from '../../parsers/tf-plan/json-tree.js';
import { adaptState, parseProviderAddress } from './adapt-state.js';
import { redactPlanOrStateText } from './redact-json.js';

const STATE = readFileSync(new URL('../../../test/fixtures/plan/terraform.tfstate', import.meta.url), 'utf8');
const SECRET = 'Sup3rS3cretPassw0rd!';
const parsed = parseJsonTree('terraform.tfstate', STATE);
assert.ok(parsed.ok);
const adapted = adaptState({ file: 'terraform.tfstate', text: STATE, root: parsed.value });

test('state v4: instances with module and for_each/count keys, provider alias, sensitive attributes', () => {
  assert.deepEqual([...adapted.addresses], ['aws_db_instance.patients', 'module.store["claims"].aws_s3_bucket.this[0]']);
  const bucket = adapted.model.resources[1]!;
  assert.equal(bucket.configAddress, 'module.store.aws_s3_bucket.this');
  assert.deepEqual(bucket.provider, { name: 'aws', alias: 'replica' });
  const db = adapted.model.resources[0]!;
  assert.equal(db.attributes.get('password')?.sensitive, true);
  assert.equal(db.attributes.get('replicate_source_db'), undefined, 'empty strings mean unset in provider state');
  assert.deepEqual(db.references, ['aws_kms_key.phi']);
});

test('state: deployed resources run through the same rules, pointing at the state file', () => {
  const findings = runRules(adapted.model, [rdsRule as unknown as AnyRule], { today: '2026-01-01' }).findings;
  const db = findings.find((f) => f.resource.address === 'aws_db_instance.patients')!;
  assert.equal(db.status, 'fail');
  assert.equal(db.span.file, 'terraform.tfstate');
  assert.equal(STATE.slice(db.span.start.offset, db.span.end.offset), '"storage_encrypted": false');
});

test('state: secrets are masked in the text reporters see', () => {
  const redacted = redactPlanOrStateText(STATE, parsed.value);
  assert.ok(!redacted.includes(SECRET));
  assert.ok(!redacted.includes('eyJzY2hlbWFfdmVyc2lvbiI6IjIifQ=='));
});

test('provider addresses', () => {
  assert.deepEqual(parseProviderAddress('provider["registry.terraform.io/hashicorp/aws"]', 'aws_s3_bucket'), { name: 'aws' });
  assert.deepEqual(parseProviderAddress(undefined, 'google_sql_user'), { name: 'google' });
});

test('state: user_data the provider stores as its SHA-1 stands for no text, or for the sources\' literal', () => {
  const text = JSON.stringify({ version: 4, terraform_version: '1.11.4', resources: [{ mode: 'managed', type: 'aws_instance', name: 'i', provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 1, attributes: { ami: 'ami-12345678', user_data: '3db20707ea0d649f5bcfd2ed789e2d1d0453958e' }, sensitive_attributes: [] }] }] });
  const root = parseJsonTree('terraform.tfstate', text);
  assert.ok(root.ok);
  const alone = adaptState({ file: 'terraform.tfstate', text, root: root.value }).model.resources[0]!;
  assert.equal(alone.attributes.get('user_data')?.provenance, 'unresolved');
  const userData = 'export AWS_SECRET_ACCESS_KEY=fakefakefakefakefakefakefakefakefakefake';
  const source = evaluateTerraform({ files: new Map([['main.tf', `resource "aws_instance" "i" {\n  ami       = "ami-12345678"\n  user_data = "${userData}"\n}\n`]]), readFile: () => undefined }).model;
  const withSources = adaptState({ file: 'terraform.tfstate', text, root: root.value, source }).model.resources[0]!;
  assert.equal(withSources.attributes.get('user_data')?.value, userData);
});

test('state: a write-only argument is null in state and stays left out, whatever the sources write (it is never stored)', () => {
  const text = JSON.stringify({ version: 4, terraform_version: '1.11.4', resources: [{ mode: 'managed', type: 'aws_db_instance', name: 'db', provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 2, attributes: { engine: 'postgres', password: null, password_wo: null, password_wo_version: 1 }, sensitive_attributes: [[{ type: 'get_attr', value: 'password' }], [{ type: 'get_attr', value: 'password_wo' }]] }] }] });
  const root = parseJsonTree('terraform.tfstate', text);
  assert.ok(root.ok);
  const source = evaluateTerraform({ files: new Map([['main.tf', 'resource "aws_db_instance" "db" {\n  engine              = "postgres"\n  password_wo         = "Xq7vLm2pR9tZ4wKc"\n  password_wo_version = 1\n}\n']]), readFile: () => undefined }).model;
  for (const adapted of [adaptState({ file: 'terraform.tfstate', text, root: root.value }), adaptState({ file: 'terraform.tfstate', text, root: root.value, source })]) {
    assert.equal(adapted.model.resources[0]!.attributes.get('password_wo'), undefined);
  }
});

test('state links: dependencies are configuration addresses, narrowed to the instances whose id or ARN a resource holds', () => {
  // `terraform show -json` of a state: for_each buckets with versioning for one, for_each secrets
  // with rotation for one, a module with a backup selection, and a module for_each (key + log group).
  const text = readFileSync(new URL('../../../test/fixtures/plan/state-links.json', import.meta.url), 'utf8');
  const root = parseJsonTree('state-links.json', text);
  assert.ok(root.ok);
  const { model } = adaptState({ file: 'state-links.json', text, root: root.value });
  const r = (address: string) => model.resources.find((x) => x.address === address)!;
  const related = (address: string, type: string) => model.related(r(address), type).map((x) => x.address);
  assert.deepEqual(r('module.store.aws_s3_bucket_versioning.this').references, ['module.store.aws_s3_bucket.this']);
  assert.deepEqual(model.referrers(r('module.store.aws_s3_bucket.this')).map((x) => x.address), ['module.store.aws_s3_bucket_versioning.this']);
  assert.deepEqual(related('aws_s3_bucket.b["raw"]', 'aws_s3_bucket_versioning'), ['aws_s3_bucket_versioning.v["raw"]']);
  assert.deepEqual(related('aws_s3_bucket.b["clean"]', 'aws_s3_bucket_versioning'), []);
  assert.deepEqual(related('module.env["b"].aws_kms_key.k', 'aws_cloudwatch_log_group'), ['module.env["b"].aws_cloudwatch_log_group.l'], 'the key of its own module instance');
  assert.deepEqual(related('module.env["a"].aws_cloudwatch_log_group.l', 'aws_kms_key'), ['module.env["a"].aws_kms_key.k']);
  const findings = runRules(model, [backupRule, rotationRule] as unknown as AnyRule[], { today: '2026-01-01' }).findings;
  const status = (address: string) => findings.filter((f) => f.resource.address === address).map((f) => f.status);
  assert.deepEqual(status('aws_secretsmanager_secret.s["a"]'), ['pass']);
  assert.deepEqual(status('aws_secretsmanager_secret.s["b"]'), ['fail'], 'the rotation of s["a"] does not rotate s["b"]');
  assert.deepEqual(status('module.store.aws_dynamodb_table.t'), ['pass'], 'the module\'s backup selection covers its table');
});

test("state v4: terraform_data's input and output, stored with their type, are read as their values (as `terraform show -json` gives them)", async () => {
  // A real state (terraform 1.11 apply) and `terraform show -json` of it; the token is fake.
  const { default: codeSecrets } = await import('../../rules/terraform/tf-no-secrets-in-code.js');
  const read = (file: string) => {
    const text = readFileSync(new URL(`../../../test/fixtures/plan/${file}`, import.meta.url), 'utf8');
    const tree = parseJsonTree(file, text);
    assert.ok(tree.ok);
    return adaptState({ file, text, root: tree.value }).model;
  };
  const stored = read('terraform-data.tfstate');
  const shown = read('terraform-data-show.json');
  const input = (model: typeof stored) => model.resources.find((r) => r.address === 'terraform_data.a')!.attributes.get('input')!.value;
  assert.deepEqual(input(stored), { name: 'example', password: 'Fake-Token-Value-0000' });
  assert.deepEqual(input(stored), input(shown));
  const paths = (model: typeof stored) => runRules(model, [codeSecrets as unknown as AnyRule], { today: '2026-01-01' }).findings.filter((f) => f.status === 'fail').map((f) => f.message!.replace(/\(.*\)/, '')).sort();
  // The type's `"password": "string"` was a hard-coded secret at input.type[1].password.
  assert.deepEqual(paths(stored), ['terraform_data.a: input.password holds a hard-coded literal secret .', 'terraform_data.a: output.password holds a hard-coded literal secret .']);
  assert.deepEqual(paths(stored), paths(shown));
});
