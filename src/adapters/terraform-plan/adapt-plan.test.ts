import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { evaluateTerraform } from '../../graph/index.js';
import { runRules } from '../../engine/run-rules.js';
import rdsRule from '../../rules/aws/rds/aws-rds-storage-encrypted.js';
import riskyPortsRule from '../../rules/aws/vpc/aws-sg-no-risky-ports-from-internet.js';
import sshFromInternet from '../../rules/aws/vpc/aws-sg-no-ssh-from-internet.js';
import sseKmsCmkRule from '../../rules/aws/s3/aws-s3-bucket-sse-kms-cmk.js';
import approvedRegionsRule from '../../rules/phi/phi-approved-regions.js';
import computeSecretsRule from '../../rules/terraform/tf-no-secrets-in-compute-config.js';
import codeSecretsRule from '../../rules/terraform/tf-no-secrets-in-code.js';
import persistedSecretsRule from '../../rules/terraform/tf-secrets-not-persisted-in-state.js';
import type { AnyRule } from '../../rules/define-rule.js';
import { parseJsonTree, type JsonNode } from '../../parsers/tf-plan/json-tree.js';
import { rules as planRules } from '../../rules/registry-plan.js';
import { adaptPlan } from './adapt-plan.js';
import { checkPlanDocument } from '../../parsers/tf-plan/parse-plan.js';
import { redactPlanOrStateText } from './redact-json.js';
import { isUnknown } from '../../model/value.js';

const FIXTURES = new URL('../../../test/fixtures/plan/', import.meta.url);
const PLAN = readFileSync(new URL('tfplan.json', FIXTURES), 'utf8');
const MAIN_TF = readFileSync(new URL('main.tf', FIXTURES), 'utf8');
const rdsStorageEncrypted = rdsRule as unknown as AnyRule;
const sseKmsCmk = sseKmsCmkRule as unknown as AnyRule;
const approvedRegions = approvedRegionsRule as unknown as AnyRule;
const sshRule = sshFromInternet as unknown as AnyRule;
const riskyPorts = riskyPortsRule as unknown as AnyRule;
const computeSecrets = computeSecretsRule as unknown as AnyRule;
const codeSecrets = codeSecretsRule as unknown as AnyRule;
const persistedSecrets = persistedSecretsRule as unknown as AnyRule;
const SECRET = 'Sup3rS3cretPassw0rd!';

function tree(text: string): JsonNode {
  const parsed = parseJsonTree('tfplan.json', text);
  assert.ok(parsed.ok);
  return parsed.value;
}

function sourceModel() {
  return evaluateTerraform({ files: new Map([['main.tf', MAIN_TF]]), readFile: () => undefined }).model;
}

const planOnly = adaptPlan({ file: 'tfplan.json', text: PLAN, root: tree(PLAN) });
const byAddress = (address: string) => planOnly.model.resources.find((r) => r.address === address)!;

test('adapter: configured attributes only, with JSON spans, sensitivity and unknowns', () => {
  const db = byAddress('aws_db_instance.patients');
  assert.equal(db.origin, 'terraform-plan');
  assert.equal(db.attributes.get('storage_encrypted'), undefined, 'not written in the configuration: left to the provider default, as in source');
  assert.equal(db.attributes.get('replicate_source_db'), undefined);
  const password = db.attributes.get('password')!;
  assert.equal(password.sensitive, true);
  assert.equal(PLAN.slice(password.span.start.offset, password.span.end.offset), `"password": "${SECRET}"`);
  assert.equal(db.provider.region?.value, 'us-east-1');
  const audit = byAddress('module.audit.aws_db_instance.audit');
  assert.equal(audit.modulePath, 'module.audit');
  assert.equal(audit.configAddress, 'module.audit.aws_db_instance.audit');
  assert.equal(audit.attributes.get('storage_encrypted')?.provenance, 'unresolved');
  const bucket = byAddress('aws_s3_bucket.records[1]');
  assert.equal(bucket.instanceKey, 1);
  assert.equal(bucket.attributes.get('bucket')?.value, 'phi-records-1');
  assert.equal(bucket.blocks.length, 0, 'computed blocks that the configuration does not write are left out');
});

test('adapter: configuration references link split S3 resources to their bucket', () => {
  const sse = byAddress('aws_s3_bucket_server_side_encryption_configuration.records[0]');
  assert.deepEqual([...sse.references].sort(), ['aws_kms_key.phi', 'aws_s3_bucket.records']);
  const rule = sse.blocks.find((b) => b.type === 'rule')!;
  const defaults = rule.blocks.find((b) => b.type === 'apply_server_side_encryption_by_default')!;
  assert.equal(defaults.attributes.get('sse_algorithm')?.value, 'aws:kms');
  assert.equal(defaults.attributes.get('kms_master_key_id')?.provenance, 'unresolved');
  const related = planOnly.model.related(byAddress('aws_s3_bucket.records[0]'), 'aws_s3_bucket_server_side_encryption_configuration');
  assert.ok(related.some((r) => r.address === 'aws_s3_bucket_server_side_encryption_configuration.records[0]'));
});

test('a rule runs unchanged on a plan and gives the same finding as on source', () => {
  const source = sourceModel();
  const fromSource = runRules(source, [rdsStorageEncrypted], { today: '2026-01-01' }).findings.filter((f) => f.resource.address === 'aws_db_instance.patients');
  const plan = adaptPlan({ file: 'tfplan.json', text: PLAN, root: tree(PLAN), source });
  const fromPlan = runRules(plan.model, [rdsStorageEncrypted], { today: '2026-01-01' }).findings.filter((f) => f.resource.address === 'aws_db_instance.patients');
  assert.equal(fromSource.length, 1);
  assert.deepEqual(fromPlan.map((f) => [f.ruleId, f.status, f.message, f.span]), fromSource.map((f) => [f.ruleId, f.status, f.message, f.span]));
  assert.equal(fromPlan[0]!.span.file, 'main.tf', 'back to source: the .tf declaration');
  // Without the sources, the finding points at the resource in the plan file.
  const planOnlyFinding = runRules(planOnly.model, [rdsStorageEncrypted], { today: '2026-01-01' }).findings.find((f) => f.resource.address === 'aws_db_instance.patients')!;
  assert.equal(planOnlyFinding.message, fromSource[0]!.message);
  assert.equal(planOnlyFinding.span.file, 'tfplan.json');
  assert.ok(planOnlyFinding.span.start.line > 1);
});

test('a value known only after apply gives an unknown outcome', () => {
  const findings = runRules(planOnly.model, [rdsStorageEncrypted], { today: '2026-01-01' }).findings.filter((f) => f.resource.address === 'module.audit.aws_db_instance.audit');
  assert.deepEqual(findings.map((f) => f.status), ['unknown']);
});

test('drift: each entry lists changed attributes; weakening drift is high and names the control', () => {
  const findings = runRules(planOnly.model, planRules, { today: '2026-01-01' }).findings.filter((f) => f.ruleId.startsWith('tf-plan-drift'));
  assert.equal(findings.length, 2);
  const pab = findings.find((f) => f.resource.address === 'aws_s3_bucket_public_access_block.logs')!;
  assert.equal(pab.ruleId, 'tf-plan-drift-weakens-control');
  assert.equal(pab.severity, 'high');
  assert.equal(pab.span.file, 'tfplan.json');
  assert.ok(pab.related.some((r) => r.message.startsWith('block_public_policy')));
  assert.match(pab.message, /changed outside Terraform: block_public_policy\. This weakens HIPAA 164\.312\(a\)\(1\)/);
  // The finding counts for the section it weakens, not for every section the rule can cite (the evidence pack marked encryption, audit and transmission failing for it).
  assert.deepEqual(pab.controls, ['164.312(a)(1)']);
  const kms = findings.find((f) => f.resource.address === 'aws_kms_key.phi')!;
  assert.equal(kms.ruleId, 'tf-plan-drift');
  assert.equal(kms.severity, 'medium');
  assert.match(kms.message, /description/);
  assert.doesNotMatch(kms.message, /edited in console/, 'values are never printed');
});

test('destructive changes: a planned delete of a data store is flagged with the action', () => {
  const findings = runRules(planOnly.model, planRules, { today: '2026-01-01' }).findings.filter((f) => f.ruleId === 'tf-plan-destroys-data-store');
  assert.deepEqual(findings.map((f) => [f.resource.address, f.status, f.severity]), [['aws_dynamodb_table.legacy', 'fail', 'high']]);
  assert.match(findings[0]!.message, /will delete aws_dynamodb_table\.legacy.*delete_because_no_resource_config/);
});

test('redaction: no sensitive value survives in the plan text shown by reporters', () => {
  const redacted = redactPlanOrStateText(PLAN, tree(PLAN));
  assert.equal(redacted.length, PLAN.length);
  assert.ok(!redacted.includes(SECRET));
  assert.ok(redacted.includes('"phi-records-1"'), 'ordinary values stay readable');
});

test('redaction: a sensitive variable\'s default in the configuration and a sensitive output\'s change are masked (as Terraform writes them)', () => {
  const plan = JSON.stringify({
    format_version: '1.2',
    output_changes: { dsn: { actions: ['create'], before: null, after: 'postgres://app:CANARYout@db', after_unknown: false, before_sensitive: false, after_sensitive: true }, name: { actions: ['create'], before: null, after: 'plain-name', after_unknown: false, before_sensitive: false, after_sensitive: false } },
    configuration: {
      root_module: {
        variables: { db_password: { default: 'CANARYdefault', sensitive: true }, region: { default: 'us-east-1' } },
        module_calls: { m: { source: './m', module: { variables: { token: { default: 'CANARYchild', sensitive: true } } } } },
      },
    },
  });
  const redacted = redactPlanOrStateText(plan, tree(plan));
  assert.equal(redacted.length, plan.length);
  assert.ok(!redacted.includes('CANARY'), redacted);
  assert.ok(redacted.includes('"plain-name"') && redacted.includes('"us-east-1"'));
});

test('redaction: a secret-named variable not marked sensitive is masked, and so is every copy of it (an output passing it on)', () => {
  // As `terraform show -json` writes a plan of `variable "db_password" {}` (not sensitive) and
  // `output "url" { value = var.db_password }`: the value is in variables, output_changes and prior_state.
  const plan = JSON.stringify({
    format_version: '1.2',
    variables: { db_password: { value: 'PvArCaNaRy61Qw' }, admin_pw: { value: 'PwArCaNaRy72Er' }, region: { value: 'us-east-1' } },
    output_changes: { url: { actions: ['create'], before: null, after: 'PvArCaNaRy61Qw', after_unknown: false, before_sensitive: false, after_sensitive: false } },
    prior_state: { format_version: '1.0', values: { outputs: { url: { sensitive: false, value: 'PvArCaNaRy61Qw', type: 'string' } }, root_module: {} } },
    configuration: { root_module: { outputs: { url: { expression: { references: ['var.db_password'] } } }, variables: { db_password: {}, admin_pw: {}, region: {} } } },
  });
  const redacted = redactPlanOrStateText(plan, tree(plan));
  assert.equal(redacted.length, plan.length);
  assert.ok(!redacted.includes('CaNaRy'), redacted);
  assert.ok(redacted.includes('"us-east-1"') && redacted.includes('"var.db_password"'), redacted);
});

/** A plan from its parts, as `terraform show -json` writes it. */
function planOf(resourceChanges: readonly unknown[], configuration: unknown): ReturnType<typeof adaptPlan> {
  const text = JSON.stringify({ format_version: '1.2', resource_changes: resourceChanges, configuration }, null, 2);
  return adaptPlan({ file: 'plan.json', text, root: tree(text) });
}

function bucketChange(address: string, after: Record<string, unknown>, afterUnknown: Record<string, unknown>, moduleAddress?: string): unknown {
  return { address, ...(moduleAddress ? { module_address: moduleAddress } : {}), mode: 'managed', type: 'aws_s3_bucket', name: address.split('.').pop(), provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after, after_unknown: afterUnknown, before_sensitive: false, after_sensitive: {} } };
}

test('tags_all planned unknown (a resource tag with an empty value): the provider default_tags still apply', () => {
  const defaults = { default_tags: [{ tags: { constant_value: { data_classification: 'phi', owner: 'platform' } } }] };
  const bucketConfig = (name: string, key: string) => ({ address: `aws_s3_bucket.${name}`, mode: 'managed', type: 'aws_s3_bucket', name, provider_config_key: key, expressions: { bucket: { constant_value: name }, tags: { constant_value: { cost_center: '' } } } });
  const plan = planOf(
    [
      bucketChange('aws_s3_bucket.e', { bucket: 'e', tags: { cost_center: '' } }, { tags: {}, tags_all: true }),
      bucketChange('module.m.aws_s3_bucket.e', { bucket: 'e', tags: { cost_center: '' } }, { tags: {}, tags_all: true }, 'module.m'),
      bucketChange('module.m.module.n.aws_s3_bucket.e', { bucket: 'e', tags: { cost_center: '' } }, { tags: {}, tags_all: true }, 'module.m.module.n'),
      bucketChange('module.o.module.p.aws_s3_bucket.e', { bucket: 'e', tags: { cost_center: '' } }, { tags: {}, tags_all: true }, 'module.o.module.p'),
      bucketChange('aws_s3_bucket.v', { bucket: 'v', tags: { cost_center: '' } }, { tags: {}, tags_all: true }),
      bucketChange('aws_s3_bucket.n', { bucket: 'n', tags: { cost_center: '' } }, { tags: {}, tags_all: true }),
    ],
    {
      provider_config: {
        aws: { name: 'aws', expressions: defaults },
        'aws.fromvar': { name: 'aws', alias: 'fromvar', expressions: { default_tags: [{ tags: { references: ['var.tags'] } }] } },
        'aws.none': { name: 'aws', alias: 'none', expressions: { region: { constant_value: 'us-east-1' } } },
        // A module that inherits the root's provider has an entry of its own, without expressions.
        'module.m:aws': { name: 'aws', module_address: 'module.m' },
        // module.o holds no resource: no entry of its own between module.o.module.p and the root.
        'module.m.module.n:aws': { name: 'aws', module_address: 'module.m.module.n' },
        'module.o.module.p:aws': { name: 'aws', module_address: 'module.o.module.p' },
      },
      root_module: {
        resources: [bucketConfig('e', 'aws'), bucketConfig('v', 'aws.fromvar'), bucketConfig('n', 'aws.none')],
        module_calls: {
          m: { source: './m', module: { resources: [bucketConfig('e', 'module.m:aws')], module_calls: { n: { source: './n', module: { resources: [bucketConfig('e', 'module.m.module.n:aws')] } } } } },
          o: { source: './o', module: { module_calls: { p: { source: './p', module: { resources: [bucketConfig('e', 'module.o.module.p:aws')] } } } } },
        },
      },
    },
  );
  const tagsOf = (address: string) => plan.model.resources.find((r) => r.address === address)!.effectiveTags;
  assert.deepEqual(tagsOf('aws_s3_bucket.e')?.value, { data_classification: 'phi', owner: 'platform', cost_center: '' });
  assert.deepEqual(tagsOf('module.m.aws_s3_bucket.e')?.value, { data_classification: 'phi', owner: 'platform', cost_center: '' });
  assert.deepEqual(tagsOf('module.m.module.n.aws_s3_bucket.e')?.value, { data_classification: 'phi', owner: 'platform', cost_center: '' });
  assert.deepEqual(tagsOf('module.o.module.p.aws_s3_bucket.e')?.value, { data_classification: 'phi', owner: 'platform', cost_center: '' });
  assert.equal(tagsOf('aws_s3_bucket.v')?.provenance, 'unresolved', 'default tags from a variable: not known here');
  assert.deepEqual(tagsOf('aws_s3_bucket.n')?.value, { cost_center: '' }, 'no default_tags: the resource tags alone');
  const sse = runRules(plan.model, [sseKmsCmk], { today: '2026-01-01' }).findings.filter((f) => f.resource.address === 'aws_s3_bucket.e');
  assert.deepEqual(sse.map((f) => f.status), ['fail'], 'the bucket is PHI, so the CMK rule judges it');
});

test("a module's own provider block reads the module's variables, which its caller sets: region and address as in the sources", () => {
  // As terraform show -json 1.11.4 writes it (hashicorp/aws 5.100.0): module.b declares its own
  // provider with region = var.region, given "eu-west-1" by its call; the root's region = var.region
  // is "us-east-1"; module.a inherits the root's (key "aws"), module.c is passed aws.west.
  const providers = {
    aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { references: ['var.region'] } } },
    'aws.west': { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', alias: 'west', expressions: { region: { constant_value: 'us-west-2' } } },
    'module.b:aws': { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', module_address: 'module.b', expressions: { region: { references: ['var.region'] } } },
    'module.x.module.d:aws': { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', module_address: 'module.x.module.d', expressions: { region: { references: ['var.region'] } } },
  };
  const bucket = (name: string, key: string) => ({ address: `aws_s3_bucket.${name}`, mode: 'managed', type: 'aws_s3_bucket', name, provider_config_key: key, expressions: { bucket: { constant_value: name } } });
  const configuration = {
    provider_config: providers,
    root_module: {
      variables: { region: { default: 'us-east-1' } },
      module_calls: {
        a: { source: './a', module: { resources: [bucket('a', 'aws')] } },
        b: { source: './b', expressions: { region: { constant_value: 'eu-west-1' } }, module: { resources: [bucket('b', 'module.b:aws')], variables: { region: {} } } },
        c: { source: './c', module: { resources: [bucket('c', 'aws.west')] } },
        // Two calls deep: module.x passes its caller's root variable on.
        x: { source: './x', expressions: { zone: { references: ['var.region'] } }, module: { variables: { zone: {} }, module_calls: { d: { source: './d', expressions: { region: { references: ['var.zone'] } }, module: { resources: [bucket('d', 'module.x.module.d:aws')], variables: { region: {} } } } } } },
      },
    },
  };
  const changes = [bucketChange('module.a.aws_s3_bucket.a', { bucket: 'a' }, {}, 'module.a'), bucketChange('module.b.aws_s3_bucket.b', { bucket: 'b' }, {}, 'module.b'), bucketChange('module.c.aws_s3_bucket.c', { bucket: 'c' }, {}, 'module.c'), bucketChange('module.x.module.d.aws_s3_bucket.d', { bucket: 'd' }, {}, 'module.x.module.d')];
  const text = JSON.stringify({ format_version: '1.2', variables: { region: { value: 'us-east-1' } }, resource_changes: changes, configuration }, null, 2);
  const plan = adaptPlan({ file: 'plan.json', text, root: tree(text) });
  const provider = (address: string) => {
    const p = plan.model.resources.find((r) => r.address === address)!.provider;
    return `${p.module ?? ''} ${p.alias ?? ''} ${String(p.region?.value)}`;
  };
  assert.equal(provider('module.a.aws_s3_bucket.a'), '  us-east-1');
  assert.equal(provider('module.b.aws_s3_bucket.b'), 'module.b  eu-west-1', "the module's variable, not the root's of the same name");
  assert.equal(provider('module.c.aws_s3_bucket.c'), ' west us-west-2');
  assert.equal(provider('module.x.module.d.aws_s3_bucket.d'), 'module.x.module.d  us-east-1');
  // Judged once per configuration, at the address the sources give it (module.b.provider.aws), not merged with the root's.
  const verdicts = runRules(plan.model, [approvedRegions], { today: '2026-01-01' }).findings.map((f) => `${f.resource.address} ${f.status}`).sort();
  assert.deepEqual(verdicts, ['module.b.provider.aws fail', 'module.x.module.d.provider.aws pass', 'provider.aws pass', 'provider.aws.west pass']);
});

function change(address: string, type: string, after: Record<string, unknown>): unknown {
  const name = address.replace(/\[[^\]]*\]$/, '').split('.').pop();
  const index = /\[(.*)\]$/.exec(address)?.[1];
  return { address, mode: 'managed', type, name, ...(index !== undefined ? { index: JSON.parse(index) } : {}), provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after, after_unknown: { id: true }, before_sensitive: false, after_sensitive: {} } };
}

test('split resources link to the instance they name: a literal key, count.index and each.key pair with it, a whole reference with all', () => {
  const resource = (type: string, name: string, expressions: unknown, extra: Record<string, unknown> = {}) => ({ address: `${type}.${name}`, mode: 'managed', type, name, provider_config_key: 'aws', expressions, ...extra });
  const plan = planOf(
    [
      change('aws_s3_bucket.b["raw"]', 'aws_s3_bucket', { bucket: 'raw' }),
      change('aws_s3_bucket.b["clean"]', 'aws_s3_bucket', { bucket: 'clean' }),
      change('aws_s3_bucket_server_side_encryption_configuration.raw', 'aws_s3_bucket_server_side_encryption_configuration', {}),
      change('aws_s3_bucket_versioning.v["raw"]', 'aws_s3_bucket_versioning', {}),
      change('aws_s3_bucket_versioning.v["clean"]', 'aws_s3_bucket_versioning', {}),
      change('aws_s3_bucket_policy.all', 'aws_s3_bucket_policy', {}),
      change('aws_s3_bucket.c[0]', 'aws_s3_bucket', { bucket: 'c0' }),
      change('aws_s3_bucket.c[1]', 'aws_s3_bucket', { bucket: 'c1' }),
      change('aws_s3_bucket_public_access_block.p[0]', 'aws_s3_bucket_public_access_block', {}),
      change('aws_s3_bucket_public_access_block.p[1]', 'aws_s3_bucket_public_access_block', {}),
    ],
    {
      provider_config: { aws: { name: 'aws' } },
      root_module: {
        resources: [
          resource('aws_s3_bucket', 'b', {}, { for_each_expression: { references: ['var.names'] } }),
          resource('aws_s3_bucket_server_side_encryption_configuration', 'raw', { bucket: { references: ['aws_s3_bucket.b["raw"].id', 'aws_s3_bucket.b["raw"]', 'aws_s3_bucket.b'] } }),
          // for_each = aws_s3_bucket.b, bucket = each.value.id
          resource('aws_s3_bucket_versioning', 'v', { bucket: { references: ['each.value.id', 'each.value'] } }, { for_each_expression: { references: ['aws_s3_bucket.b'] } }),
          // bucket = values(aws_s3_bucket.b)[0].id: the expression takes them all
          resource('aws_s3_bucket_policy', 'all', { bucket: { references: ['aws_s3_bucket.b'] } }),
          resource('aws_s3_bucket', 'c', {}, { count_expression: { constant_value: 2 } }),
          // bucket = aws_s3_bucket.c[count.index].id
          resource('aws_s3_bucket_public_access_block', 'p', { bucket: { references: ['aws_s3_bucket.c', 'count.index'] } }, { count_expression: { constant_value: 2 } }),
        ],
      },
    },
  );
  const r = (address: string) => plan.model.resources.find((x) => x.address === address)!;
  const related = (address: string, type: string) => plan.model.related(r(address), type).map((x) => x.address);
  assert.deepEqual(related('aws_s3_bucket.b["raw"]', 'aws_s3_bucket_server_side_encryption_configuration'), ['aws_s3_bucket_server_side_encryption_configuration.raw']);
  assert.deepEqual(related('aws_s3_bucket.b["clean"]', 'aws_s3_bucket_server_side_encryption_configuration'), []);
  assert.deepEqual(related('aws_s3_bucket.b["clean"]', 'aws_s3_bucket_versioning'), ['aws_s3_bucket_versioning.v["clean"]']);
  assert.deepEqual(related('aws_s3_bucket.b["clean"]', 'aws_s3_bucket_policy'), ['aws_s3_bucket_policy.all']);
  assert.deepEqual(related('aws_s3_bucket.b["raw"]', 'aws_s3_bucket_policy'), ['aws_s3_bucket_policy.all']);
  assert.deepEqual(related('aws_s3_bucket.c[1]', 'aws_s3_bucket_public_access_block'), ['aws_s3_bucket_public_access_block.p[1]']);
});

test('sources and plan: the instances the sources name by key are kept', () => {
  const files = new Map([['main.tf', 'resource "aws_s3_bucket" "b" {\n  for_each = toset(["raw", "clean"])\n  bucket   = each.key\n}\nlocals { k = "raw" }\nresource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.b[local.k].id\n  versioning_configuration { status = "Enabled" }\n}\n']]);
  const source = evaluateTerraform({ files, readFile: () => undefined }).model;
  const text = JSON.stringify({
    format_version: '1.2',
    resource_changes: [change('aws_s3_bucket.b["raw"]', 'aws_s3_bucket', { bucket: 'raw' }), change('aws_s3_bucket.b["clean"]', 'aws_s3_bucket', { bucket: 'clean' }), change('aws_s3_bucket_versioning.v', 'aws_s3_bucket_versioning', {})],
    configuration: { root_module: { resources: [{ address: 'aws_s3_bucket_versioning.v', mode: 'managed', type: 'aws_s3_bucket_versioning', name: 'v', expressions: { bucket: { references: ['aws_s3_bucket.b', 'local.k'] } } }] } },
  });
  const plan = adaptPlan({ file: 'plan.json', text, root: tree(text), source });
  const bucket = (key: string) => plan.model.resources.find((x) => x.address === `aws_s3_bucket.b["${key}"]`)!;
  assert.deepEqual(plan.model.related(bucket('clean'), 'aws_s3_bucket_versioning'), []);
  assert.equal(plan.model.related(bucket('raw'), 'aws_s3_bucket_versioning').length, 1);
});

test('blocks written by dynamic (absent from the configuration) are read from after; a block the provider keeps from before is not', () => {
  const ssh = { cidr_blocks: ['0.0.0.0/0'], description: '', from_port: 22, ipv6_cidr_blocks: [], prefix_list_ids: [], protocol: 'tcp', security_groups: [], self: false, to_port: 22 };
  const sg = (name: string, actions: string[], before: unknown, after: unknown) => ({ address: `aws_security_group.${name}`, mode: 'managed', type: 'aws_security_group', name, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions, before, after, after_unknown: {}, before_sensitive: false, after_sensitive: {} } });
  const config = (name: string) => ({ address: `aws_security_group.${name}`, mode: 'managed', type: 'aws_security_group', name, provider_config_key: 'aws', expressions: { name: { constant_value: name } } });
  const plan = planOf(
    [
      sg('created', ['create'], null, { name: 'created', ingress: [ssh] }),
      sg('kept', ['update'], { name: 'old', ingress: [ssh] }, { name: 'kept', ingress: [ssh] }),
      sg('changed', ['update'], { name: 'changed', ingress: [] }, { name: 'changed', ingress: [ssh] }),
    ],
    { provider_config: { aws: { name: 'aws' } }, root_module: { resources: [config('created'), config('kept'), config('changed')] } },
  );
  const ingress = (name: string) => plan.model.resources.find((r) => r.address === `aws_security_group.${name}`)!.blocks.filter((b) => b.type === 'ingress');
  const created = ingress('created');
  assert.equal(created.length, 1);
  assert.equal(created[0]!.attributes.get('from_port')?.value, 22);
  assert.deepEqual(created[0]!.attributes.get('cidr_blocks')?.value, ['0.0.0.0/0']);
  assert.equal(created[0]!.attributes.get('description'), undefined, 'an empty string is unset, as in a state');
  assert.equal(ingress('kept').length, 0, 'as before the change: computed by the provider, not written');
  assert.equal(ingress('changed').length, 1);
  const ssh22 = runRules(plan.model, [sshRule], { today: '2026-01-01' }).findings.filter((f) => f.resource.address === 'aws_security_group.created');
  assert.deepEqual(ssh22.map((f) => f.status), ['fail']);
});

test('set-typed blocks, which the plan orders its own way, are paired with the configured block by the values it writes', () => {
  const rule = (port: number, cidr: string[], ipv6: string[]) => ({ cidr_blocks: cidr, description: '', from_port: port, ipv6_cidr_blocks: ipv6, prefix_list_ids: [], protocol: 'tcp', security_groups: [], self: false, to_port: port });
  const sgChange = { address: 'aws_security_group.s', mode: 'managed', type: 'aws_security_group', name: 's', provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: { name: 'order', ingress: [rule(443, ['0.0.0.0/0'], []), rule(3389, [], ['::/0'])] }, after_unknown: {}, before_sensitive: false, after_sensitive: {} } };
  const text = JSON.stringify({ format_version: '1.2', resource_changes: [sgChange], configuration: { root_module: { resources: [] } } });
  const files = new Map([['main.tf', 'resource "aws_security_group" "s" {\n  name = "order"\n  ingress {\n    from_port        = 3389\n    to_port          = 3389\n    protocol         = "tcp"\n    ipv6_cidr_blocks = ["::/0"]\n  }\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n']]);
  const source = evaluateTerraform({ files, readFile: () => undefined }).model;
  const combined = adaptPlan({ file: 'plan.json', text, root: tree(text), source });
  const ingress = combined.model.resources[0]!.blocks.filter((b) => b.type === 'ingress');
  assert.deepEqual(ingress.map((b) => b.attributes.get('from_port')?.value), [3389, 443], 'in the configuration\'s order');
  assert.deepEqual(ingress[0]!.attributes.get('ipv6_cidr_blocks')?.value, ['::/0']);
  assert.equal(ingress[0]!.span.start.line, 3, 'the span of the block that wrote it');
  const findings = runRules(combined.model, [riskyPorts], { today: '2026-01-01' }).findings;
  assert.deepEqual(findings.map((f) => f.status), ['fail']);
  assert.match(findings[0]!.message, /ingress rule 1 allows port 3389/);

  // Plan only: the configuration's block expressions, in its order, likewise.
  const pg = { address: 'aws_db_parameter_group.pg', mode: 'managed', type: 'aws_db_parameter_group', name: 'pg', provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: { family: 'postgres16', parameter: [{ apply_method: 'immediate', name: 'log_statement', value: 'all' }, { apply_method: 'pending-reboot', name: 'rds.force_ssl', value: '1' }] }, after_unknown: {}, before_sensitive: false, after_sensitive: {} } };
  const expressions = { family: { constant_value: 'postgres16' }, parameter: [{ name: { constant_value: 'rds.force_ssl' }, value: { constant_value: '1' }, apply_method: { constant_value: 'pending-reboot' } }, { name: { constant_value: 'log_statement' }, value: { references: ['var.level'] } }] };
  const planText = JSON.stringify({ format_version: '1.2', resource_changes: [pg], configuration: { root_module: { resources: [{ address: 'aws_db_parameter_group.pg', mode: 'managed', type: 'aws_db_parameter_group', name: 'pg', expressions }] } } });
  const params = adaptPlan({ file: 'plan.json', text: planText, root: tree(planText) }).model.resources[0]!.blocks;
  assert.deepEqual(params.map((b) => [b.attributes.get('name')?.value, b.attributes.get('apply_method')?.value]), [['rds.force_ssl', 'pending-reboot'], ['log_statement', undefined]]);
});

test('in a module, split resources link to its bucket (the configuration writes module-relative references)', () => {
  const inModule = (type: string, name: string) => ({ address: `module.store.${type}.${name}`, module_address: 'module.store', mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: {}, after_unknown: { id: true }, before_sensitive: false, after_sensitive: {} } });
  const plan = planOf([inModule('aws_s3_bucket', 'this'), inModule('aws_s3_bucket_versioning', 'this')], {
    root_module: {
      module_calls: {
        store: {
          source: './store',
          module: { resources: [{ address: 'aws_s3_bucket_versioning.this', mode: 'managed', type: 'aws_s3_bucket_versioning', name: 'this', expressions: { bucket: { references: ['aws_s3_bucket.this.id', 'aws_s3_bucket.this'] } } }] },
        },
      },
    },
  });
  const bucket = plan.model.resources.find((r) => r.address === 'module.store.aws_s3_bucket.this')!;
  assert.deepEqual(plan.model.related(bucket, 'aws_s3_bucket_versioning').map((r) => r.address), ['module.store.aws_s3_bucket_versioning.this']);
  const versioning = plan.model.resources.find((r) => r.address === 'module.store.aws_s3_bucket_versioning.this')!;
  assert.deepEqual(plan.model.related(versioning, 'aws_s3_bucket').map((r) => r.address), ['module.store.aws_s3_bucket.this']);
});

test('user_data the provider plans as its SHA-1 is read from the configuration: a secret in it is found, in a plan alone and with the sources', () => {
  const userData = 'export AWS_SECRET_ACCESS_KEY=fakefakefakefakefakefakefakefakefakefake';
  // SHA-1 of userData, as the AWS provider 5.100 plans it (and 40 hex digits of another text).
  const hash = '3db20707ea0d649f5bcfd2ed789e2d1d0453958e';
  const other = 'b1da3f5d84642816d079db37ef02f2221b1d9ce9';
  const instance = (type: string, name: string, after: Record<string, unknown>) => ({ address: `${type}.${name}`, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after, after_unknown: { id: true }, before_sensitive: false, after_sensitive: {} } });
  const config = (type: string, name: string, expressions: unknown) => ({ address: `${type}.${name}`, mode: 'managed', type, name, provider_config_key: 'aws', expressions });
  const text = JSON.stringify(
    {
      format_version: '1.2',
      resource_changes: [
        instance('aws_instance', 'i', { ami: 'ami-12345678', instance_type: 't3.micro', user_data: hash }),
        instance('aws_launch_configuration', 'lc', { image_id: 'ami-12345678', instance_type: 't3.micro', user_data: other }),
        instance('aws_spot_fleet_request', 'f', { iam_fleet_role: 'arn:aws:iam::123456789012:role/fleet', launch_specification: [{ ami: 'ami-12345678', instance_type: 't3.micro', user_data: hash }] }),
      ],
      configuration: {
        root_module: {
          resources: [
            config('aws_instance', 'i', { ami: { constant_value: 'ami-12345678' }, instance_type: { constant_value: 't3.micro' }, user_data: { constant_value: userData } }),
            // user_data = templatefile(...): only references, so the plan holds no text.
            config('aws_launch_configuration', 'lc', { image_id: { constant_value: 'ami-12345678' }, instance_type: { constant_value: 't3.micro' }, user_data: { references: ['local.script'] } }),
            config('aws_spot_fleet_request', 'f', { iam_fleet_role: { constant_value: 'arn:aws:iam::123456789012:role/fleet' }, launch_specification: [{ ami: { constant_value: 'ami-12345678' }, instance_type: { constant_value: 't3.micro' }, user_data: { constant_value: userData } }] }),
          ],
        },
      },
    },
    null,
    2,
  );
  const plan = adaptPlan({ file: 'plan.json', text, root: tree(text) });
  const r = (address: string) => plan.model.resources.find((x) => x.address === address)!;
  const ud = r('aws_instance.i').attributes.get('user_data')!;
  assert.equal(ud.value, userData);
  assert.equal(text.slice(ud.span.start.offset, ud.span.end.offset), JSON.stringify(userData), 'the literal in the configuration');
  assert.equal(r('aws_spot_fleet_request.f').blocks[0]!.attributes.get('user_data')?.value, userData);
  assert.equal(r('aws_launch_configuration.lc').attributes.get('user_data')?.provenance, 'unresolved', 'a hash stands for no text');
  const findings = runRules(plan.model, [computeSecrets, codeSecrets], { today: '2026-01-01' }).findings;
  const status = (rule: string, address: string) => findings.filter((f) => f.ruleId === rule && f.resource.address === address).map((f) => f.status);
  assert.deepEqual(status('tf-no-secrets-in-compute-config', 'aws_instance.i'), ['fail']);
  assert.deepEqual(status('tf-no-secrets-in-code', 'aws_spot_fleet_request.f'), ['fail']);

  // With the sources: their literal, never the plan's hash.
  const files = new Map([['main.tf', `resource "aws_instance" "i" {\n  ami           = "ami-12345678"\n  instance_type = "t3.micro"\n  user_data     = "${userData}"\n}\n`]]);
  const source = evaluateTerraform({ files, readFile: () => undefined }).model;
  const combined = adaptPlan({ file: 'plan.json', text, root: tree(text), source });
  const fromSources = runRules(combined.model, [computeSecrets], { today: '2026-01-01' }).findings.filter((f) => f.resource.address === 'aws_instance.i');
  assert.deepEqual(fromSources.map((f) => [f.status, f.span.file, f.span.start.line]), [['fail', 'main.tf', 4]]);
});

test("a plan's provider configuration names the AWS account its resources are in, as the sources' does", () => {
  const bucketConfig = (name: string, key: string) => ({ address: `aws_s3_bucket.${name}`, mode: 'managed', type: 'aws_s3_bucket', name, provider_config_key: key, expressions: { bucket: { constant_value: name } } });
  const plan = planOf(
    [
      bucketChange('aws_s3_bucket.a', { bucket: 'a' }, {}),
      bucketChange('aws_s3_bucket.r', { bucket: 'r' }, {}),
      bucketChange('aws_s3_bucket.two', { bucket: 'two' }, {}),
      bucketChange('aws_s3_bucket.none', { bucket: 'none' }, {}),
      bucketChange('module.m.aws_s3_bucket.a', { bucket: 'a' }, {}, 'module.m'),
    ],
    {
      provider_config: {
        aws: { name: 'aws', expressions: { allowed_account_ids: { constant_value: ['111122223333'] } } },
        'aws.role': { name: 'aws', alias: 'role', expressions: { assume_role: [{ role_arn: { constant_value: 'arn:aws:iam::444455556666:role/deploy' } }] } },
        'aws.two': { name: 'aws', alias: 'two', expressions: { allowed_account_ids: { constant_value: ['111122223333', '444455556666'] } } },
        'aws.none': { name: 'aws', alias: 'none', expressions: { region: { constant_value: 'us-east-1' } } },
        'module.m:aws': { name: 'aws', module_address: 'module.m' },
      },
      root_module: {
        resources: [bucketConfig('a', 'aws'), bucketConfig('r', 'aws.role'), bucketConfig('two', 'aws.two'), bucketConfig('none', 'aws.none')],
        module_calls: { m: { source: './m', module: { resources: [bucketConfig('a', 'module.m:aws')] } } },
      },
    },
  );
  const accountOf = (address: string) => plan.model.resources.find((r) => r.address === address)!.provider.account?.value;
  assert.equal(accountOf('aws_s3_bucket.a'), '111122223333');
  assert.equal(accountOf('aws_s3_bucket.r'), '444455556666', "the assumed role's account");
  assert.equal(accountOf('aws_s3_bucket.two'), undefined, 'two allowed accounts: either one');
  assert.equal(accountOf('aws_s3_bucket.none'), undefined);
  assert.equal(accountOf('module.m.aws_s3_bucket.a'), '111122223333', "a module's inherited configuration is its caller's");
});

test("an account a plan's provider takes from a sensitive variable is sensitive, so it is never printed", () => {
  const text = JSON.stringify({
    format_version: '1.2',
    variables: { role: { value: 'arn:aws:iam::444455556666:role/deploy' }, ids: { value: ['111122223333'] } },
    resource_changes: [bucketChange('aws_s3_bucket.a', { bucket: 'a' }, {}), bucketChange('aws_s3_bucket.b', { bucket: 'b' }, {})],
    configuration: {
      provider_config: {
        aws: { name: 'aws', expressions: { assume_role: [{ role_arn: { references: ['var.role'] } }] } },
        'aws.plain': { name: 'aws', alias: 'plain', expressions: { allowed_account_ids: { references: ['var.ids'] } } },
      },
      root_module: {
        variables: { role: { sensitive: true }, ids: {} },
        resources: [
          { address: 'aws_s3_bucket.a', mode: 'managed', type: 'aws_s3_bucket', name: 'a', provider_config_key: 'aws', expressions: { bucket: { constant_value: 'a' } } },
          { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', provider_config_key: 'aws.plain', expressions: { bucket: { constant_value: 'b' } } },
        ],
      },
    },
  });
  const plan = adaptPlan({ file: 'plan.json', text, root: tree(text) });
  const account = (address: string) => plan.model.resources.find((r) => r.address === address)!.provider.account;
  assert.deepEqual([account('aws_s3_bucket.a')?.value, account('aws_s3_bucket.a')?.sensitive], ['444455556666', true]);
  assert.deepEqual([account('aws_s3_bucket.b')?.value, account('aws_s3_bucket.b')?.sensitive], ['111122223333', false]);
});

test('write-only arguments, null in a plan: their configured expression stands in (a literal is known, anything else is known only at apply time)', () => {
  const LITERAL = 'Xq7vLm2pR9tZ4wKc'; // made up
  const change = (type: string, name: string, after: Record<string, unknown>, sensitive: Record<string, unknown>) => ({ address: `${type}.${name}`, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after, after_unknown: { id: true }, before_sensitive: false, after_sensitive: sensitive } });
  const config = (type: string, name: string, expressions: unknown) => ({ address: `${type}.${name}`, mode: 'managed', type, name, provider_config_key: 'aws', expressions });
  const ssmAfter = (name: string, type: string) => ({ name, type, value: null, insecure_value: null, value_wo: null, value_wo_version: 1 });
  const ssmConfig = (name: string, type: string, valueWo: unknown) => ({ name: { constant_value: name }, type: { constant_value: type }, value_wo: valueWo, value_wo_version: { constant_value: 1 } });
  const dbAfter = { engine: 'postgres', instance_class: 'db.t3.micro', username: 'app', password: null, password_wo: null, password_wo_version: 1 };
  const dbConfig = (passwordWo: unknown) => ({ engine: { constant_value: 'postgres' }, instance_class: { constant_value: 'db.t3.micro' }, username: { constant_value: 'app' }, ...(passwordWo !== undefined ? { password_wo: passwordWo } : {}), password_wo_version: { constant_value: 1 } });
  const text = JSON.stringify(
    {
      format_version: '1.2',
      resource_changes: [
        change('aws_ssm_parameter', 'from_var', ssmAfter('/app/db_password', 'String'), { value: true, value_wo: true }),
        change('aws_ssm_parameter', 'literal', ssmAfter('/app/api_token', 'SecureString'), { value: true, value_wo: true }),
        // Not in `after` at all: the configuration still writes it.
        change('aws_ssm_parameter', 'unlisted', { name: '/app/db_password', type: 'String', value_wo_version: 1 }, {}),
        change('aws_db_instance', 'literal', dbAfter, { password: true, password_wo: true }),
        change('aws_db_instance', 'ephemeral', dbAfter, { password: true, password_wo: true }),
        change('aws_db_instance', 'encoded', dbAfter, { password: true, password_wo: true }),
        change('aws_db_instance', 'set_null', dbAfter, { password: true, password_wo: true }),
        change('aws_db_instance', 'unset', dbAfter, { password: true, password_wo: true }),
      ],
      configuration: {
        root_module: {
          variables: { db_password: { sensitive: true } },
          resources: [
            config('aws_ssm_parameter', 'from_var', ssmConfig('/app/db_password', 'String', { references: ['var.db_password'] })),
            config('aws_ssm_parameter', 'literal', ssmConfig('/app/api_token', 'SecureString', { constant_value: LITERAL })),
            config('aws_ssm_parameter', 'unlisted', ssmConfig('/app/db_password', 'String', { references: ['var.db_password'] })),
            config('aws_db_instance', 'literal', dbConfig({ constant_value: LITERAL })),
            config('aws_db_instance', 'ephemeral', dbConfig({ references: ['ephemeral.random_password.db.result', 'ephemeral.random_password.db'] })),
            // password_wo = jsonencode(...): a call, which the configuration representation does not evaluate.
            config('aws_db_instance', 'encoded', dbConfig({})),
            config('aws_db_instance', 'set_null', dbConfig({ constant_value: null })),
            config('aws_db_instance', 'unset', dbConfig(undefined)),
          ],
        },
      },
    },
    null,
    2,
  );
  const plan = adaptPlan({ file: 'plan.json', text, root: tree(text) });
  const attribute = (address: string, key: string) => plan.model.resources.find((r) => r.address === address)!.attributes.get(key);
  const reasonOf = (address: string, key: string): string | undefined => {
    const value = attribute(address, key)?.value;
    return isUnknown(value) ? value.reason : undefined;
  };
  for (const [address, key] of [['aws_ssm_parameter.from_var', 'value_wo'], ['aws_ssm_parameter.unlisted', 'value_wo'], ['aws_db_instance.ephemeral', 'password_wo']] as const) {
    assert.match(reasonOf(address, key) ?? '', /write-only: Terraform never records its value in a plan or state/, address);
    assert.equal(attribute(address, key)?.provenance, 'unresolved');
    assert.equal(attribute(address, key)?.sensitive, true);
  }
  // jsonencode(...) has no constant_value and no references: not evaluated, so not known here either.
  assert.equal(attribute('aws_db_instance.encoded', 'password_wo')?.provenance, 'unresolved');
  const literal = attribute('aws_ssm_parameter.literal', 'value_wo')!;
  assert.equal(literal.value, LITERAL);
  assert.equal(text.slice(literal.span.start.offset, literal.span.end.offset), JSON.stringify(LITERAL), 'the literal in the configuration');
  assert.equal(literal.sensitive, true);
  assert.equal(attribute('aws_db_instance.literal', 'password_wo')?.value, LITERAL);
  assert.equal(attribute('aws_db_instance.set_null', 'password_wo'), undefined, 'password_wo = null is unset');
  assert.equal(attribute('aws_db_instance.unset', 'password_wo'), undefined, 'not configured: left out, as in source');
  assert.equal(attribute('aws_db_instance.unset', 'password'), undefined);

  const findings = runRules(plan.model, [computeSecrets, codeSecrets, persistedSecrets], { today: '2026-01-01' }).findings;
  const status = (rule: string, address: string) => findings.filter((f) => f.ruleId === rule && f.resource.address === address).map((f) => f.status);
  // A secret-named String parameter: plain text in Parameter Store whatever value_wo is (the sources say the same).
  assert.deepEqual(status('tf-no-secrets-in-compute-config', 'aws_ssm_parameter.from_var'), ['fail']);
  assert.deepEqual(status('tf-no-secrets-in-compute-config', 'aws_ssm_parameter.unlisted'), ['fail']);
  // A literal written in the code is a hard-coded secret, write-only or not.
  assert.deepEqual(status('tf-no-secrets-in-code', 'aws_ssm_parameter.literal'), ['fail']);
  assert.deepEqual(status('tf-no-secrets-in-code', 'aws_db_instance.literal'), ['fail']);
  assert.deepEqual(status('tf-no-secrets-in-code', 'aws_db_instance.ephemeral'), ['pass'], 'a reference is no literal');
  // Write-only keeps it out of state: still a pass.
  for (const address of ['aws_ssm_parameter.literal', 'aws_db_instance.literal', 'aws_db_instance.ephemeral']) assert.deepEqual(status('tf-secrets-not-persisted-in-state', address), ['pass'], address);
  assert.ok(!findings.some((f) => f.message.includes(LITERAL)), 'never printed');

  // With the sources: their value, at their line.
  const files = new Map([['main.tf', `resource "aws_db_instance" "literal" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  username            = "app"\n  password_wo         = "${LITERAL}"\n  password_wo_version = 1\n}\n`]]);
  const source = evaluateTerraform({ files, readFile: () => undefined }).model;
  const combined = adaptPlan({ file: 'plan.json', text, root: tree(text), source });
  const fromSources = combined.model.resources.find((r) => r.address === 'aws_db_instance.literal')!.attributes.get('password_wo')!;
  assert.deepEqual([fromSources.value, fromSources.span.file, fromSources.span.start.line], [LITERAL, 'main.tf', 5]);
});

test("tags_all planned unknown: the merged default tags hold what the provider's ignore_tags names as unknown, as the sources' do", () => {
  const bucketConfig = (name: string, key: string) => ({ address: `aws_s3_bucket.${name}`, mode: 'managed', type: 'aws_s3_bucket', name, provider_config_key: key, expressions: { bucket: { constant_value: name }, tags: { constant_value: { cost_center: '', 'tmp:build': '1' } } } });
  const defaults = { default_tags: [{ tags: { constant_value: { data_classification: 'phi', owner: 'platform' } } }] };
  const plan = planOf(
    [
      bucketChange('aws_s3_bucket.a', { bucket: 'a', tags: { cost_center: '', 'tmp:build': '1' } }, { tags: {}, tags_all: true }),
      bucketChange('aws_s3_bucket.b', { bucket: 'b', tags: { cost_center: '' } }, { tags: {}, tags_all: true }),
    ],
    {
      provider_config: {
        aws: { name: 'aws', expressions: { ...defaults, ignore_tags: [{ keys: { constant_value: ['owner'] }, key_prefixes: { constant_value: ['tmp:'] } }] } },
        'aws.refs': { name: 'aws', alias: 'refs', expressions: { ...defaults, ignore_tags: [{ keys: { references: ['var.ignored'] } }] } },
      },
      root_module: { resources: [bucketConfig('a', 'aws'), bucketConfig('b', 'aws.refs')] },
    },
  );
  const tagsOf = (address: string) => plan.model.resources.find((r) => r.address === address)!.effectiveTags;
  const a = tagsOf('aws_s3_bucket.a')?.value as Record<string, unknown>;
  assert.deepEqual(Object.keys(a).sort(), ['cost_center', 'data_classification', 'owner', 'tmp:build']);
  assert.equal(a['data_classification'], 'phi');
  assert.equal(a['cost_center'], '');
  // Left to systems outside Terraform: unknown, as in the sources.
  assert.ok(isUnknown(a['owner']) && isUnknown(a['tmp:build']));
  assert.equal(tagsOf('aws_s3_bucket.b')?.provenance, 'unresolved', 'ignore_tags from a variable: not known here');
});

// Plans of Terraform 1.12–1.14 add members older ones lack: identities beside values
// (before_identity/after_identity, also in resource_drift), action_invocations, and deferred_changes
// for what Terraform could not plan yet. A deferred change is in neither resource_changes nor
// planned_values: it was dropped without a word, so a deferred unencrypted database was never
// judged and the scan said nothing.
test('a Terraform 1.14 plan: identities and action invocations are read past; deferred changes are named in a warning', () => {
  const db = {
    address: 'aws_db_instance.db',
    mode: 'managed',
    type: 'aws_db_instance',
    name: 'db',
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: {
      actions: ['create'],
      before: null,
      after: { storage_encrypted: false, password: null, password_wo: null, password_wo_version: 1 },
      after_unknown: { id: true },
      after_sensitive: { password: true, password_wo: true },
      after_identity: { id: 'phi-db' },
    },
  };
  const deferredBucket = { ...db, address: 'aws_s3_bucket.later["a"]', type: 'aws_s3_bucket', name: 'later', index: 'a', change: { actions: ['create'], before: null, after: { bucket: 'later' }, after_unknown: {} } };
  const text = JSON.stringify({
    format_version: '1.3',
    terraform_version: '1.14.0',
    applyable: true,
    complete: false,
    resource_changes: [db],
    deferred_changes: [{ reason: 'resource_config_unknown', resource_change: deferredBucket }],
    action_invocations: [{ address: 'action.aws_lambda_invoke.notify', type: 'aws_lambda_invoke', name: 'notify', config_values: { function_name: 'notify' }, provider_name: 'registry.terraform.io/hashicorp/aws', lifecycle_action_trigger: { triggering_resource_address: 'aws_db_instance.db', action_trigger_event: 'AfterCreate', action_trigger_block_index: 0, actions_list_index: 0 } }],
    resource_drift: [],
    configuration: { root_module: { resources: [] } },
  });
  const { model, diagnostics } = adaptPlan({ file: 'tfplan.json', text, root: tree(text) });
  assert.deepEqual(model.resources.map((r) => r.address), ['aws_db_instance.db']);
  const verdicts = runRules(model, [rdsStorageEncrypted, persistedSecrets], { today: '2026-01-01' }).findings.map((f) => `${f.ruleId} ${f.status}`);
  // The write-only password is null in the plan, as Terraform writes it: nothing of it is stored.
  assert.deepEqual(verdicts.sort(), ['aws-rds-storage-encrypted fail', 'tf-secrets-not-persisted-in-state pass']);
  assert.deepEqual(diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`), [
    'warning scan/plan-deferred tfplan.json: Terraform deferred 1 resource\'s change to a later plan, so the plan does not say what it will be and it was not checked: aws_s3_bucket.later["a"] (resource_config_unknown).',
  ]);
});

test('a plan format_version newer in its minor version is read; a new major version, or a version not written as a string, is refused saying what it holds', () => {
  const check = (version: unknown) => {
    const text = JSON.stringify({ format_version: version, resource_changes: [] });
    return checkPlanDocument('tfplan.json', text, tree(text));
  };
  assert.equal(check('1.3').ok, true);
  assert.equal(check('1.10').ok, true);
  assert.deepEqual(check('2.0').diagnostics.map((d) => d.message), ['tfplan.json: plan format_version "2.0" is not supported (expected 1.x).']);
  assert.deepEqual(check(1.2).diagnostics.map((d) => d.message), ['tfplan.json: plan format_version 1.2 (not a string) is not supported (expected 1.x).']);
  assert.deepEqual(check(undefined).diagnostics.map((d) => d.message), ['tfplan.json: plan format_version (missing) is not supported (expected 1.x).']);
});

test('CDK for Terraform: a plan of a synthesized stack names the construct path its cdk.tf.json gives the resource', () => {
  const synthesized = JSON.stringify({
    resource: { aws_db_instance: { patients: { '//': { metadata: { path: 'phi-stack/Patients/Db', uniqueId: 'patients' } }, engine: 'postgres', instance_class: 'db.t3.micro', storage_encrypted: false } } },
  });
  const files = new Map([['cdk.tf.json', synthesized]]);
  const source = evaluateTerraform({ files, readFile: (p) => files.get(p) }).model;
  const plan = adaptPlan({ file: 'tfplan.json', text: PLAN, root: tree(PLAN), source });
  const finding = runRules(plan.model, [rdsStorageEncrypted], { today: '2026-01-01' }).findings.find((f) => f.resource.address === 'aws_db_instance.patients');
  assert.equal(finding?.resource.constructPath, 'phi-stack/Patients/Db');
  // Without the sources the plan alone does not know it.
  const alone = runRules(planOnly.model, [rdsStorageEncrypted], { today: '2026-01-01' }).findings.find((f) => f.resource.address === 'aws_db_instance.patients');
  assert.equal(alone?.resource.constructPath, undefined);
});
