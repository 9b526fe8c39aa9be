// Plan-kind rules over adapted plans (issue 7): deletes and replacements of data stores, PHI stores,
// keys and vaults; drift; and plan resources keyed by their own file so two plans never cross-link.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRules } from '../../engine/run-rules.js';
import { createInfraModel } from '../../graph/infra-model.js';
import { parseJsonTree } from '../../parsers/tf-plan/json-tree.js';
import { rules as planRules } from '../../rules/registry-plan.js';
import { adaptPlan } from './adapt-plan.js';

interface Change {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly reason?: string;
  readonly afterUnknown?: Record<string, unknown>;
}

function planText(changes: readonly Change[]): string {
  return JSON.stringify(
    {
      format_version: '1.2',
      resource_changes: changes.map((c) => ({
        address: c.address,
        mode: 'managed',
        type: c.type,
        name: c.address.split('.').pop()!.replace(/\[.*$/, ''),
        provider_name: 'registry.terraform.io/hashicorp/aws',
        change: { actions: c.actions, before: c.before, after: c.after, after_unknown: c.afterUnknown ?? (c.after ? {} : false), before_sensitive: {}, after_sensitive: c.after ? {} : false },
        ...(c.reason ? { action_reason: c.reason } : {}),
      })),
    },
    null,
    2,
  );
}

function adapt(file: string, changes: readonly Change[]) {
  const text = planText(changes);
  const parsed = parseJsonTree(file, text);
  assert.ok(parsed.ok);
  return adaptPlan({ file, text, root: parsed.value });
}

function run(file: string, changes: readonly Change[], settings?: Parameters<typeof runRules>[2]['settings']) {
  const plan = adapt(file, changes);
  return runRules(plan.model, planRules, { today: '2026-01-01', ...(settings ? { settings } : {}) }).findings;
}

const phiTags = { DataClassification: 'phi' };

test('phi-plan-destroys-datastore: a replace of a PHI-classified database is a finding naming the action', () => {
  const findings = run('phi.json', [
    { address: 'aws_db_instance.patients', type: 'aws_db_instance', actions: ['delete', 'create'], before: { identifier: 'patients', tags_all: phiTags }, after: { identifier: 'patients-v2', tags: phiTags }, reason: 'replace_because_cannot_update' },
  ]).filter((f) => f.ruleId === 'phi-plan-destroys-datastore');
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.status, 'fail');
  assert.equal(findings[0]!.severity, 'high');
  assert.match(findings[0]!.message, /will replace \(delete then create\) aws_db_instance\.patients, a data store classified PHI.*replace_because_cannot_update/);
  assert.equal(findings[0]!.span.file, 'phi.json');
});

test('phi-plan-destroys-datastore: keys and backup vaults count whatever their tags; untagged stores and updates do not', () => {
  const findings = run('mixed.json', [
    { address: 'aws_kms_key.phi', type: 'aws_kms_key', actions: ['delete'], before: { description: 'k' }, after: null },
    { address: 'aws_backup_vault.v', type: 'aws_backup_vault', actions: ['create', 'delete'], before: { name: 'v' }, after: { name: 'v2' } },
    { address: 'aws_s3_bucket.scratch', type: 'aws_s3_bucket', actions: ['delete'], before: { bucket: 'scratch', tags_all: { Team: 'data' } }, after: null },
    { address: 'aws_s3_bucket.phi', type: 'aws_s3_bucket', actions: ['update'], before: { bucket: 'phi', tags_all: phiTags }, after: { bucket: 'phi', tags: phiTags } },
  ]);
  const phi = findings.filter((f) => f.ruleId === 'phi-plan-destroys-datastore');
  assert.deepEqual(phi.map((f) => `${f.resource.address} ${f.status}`).sort(), ['aws_backup_vault.v fail', 'aws_kms_key.phi fail']);
  assert.match(phi.find((f) => f.resource.address === 'aws_backup_vault.v')!.message, /replace \(create then delete\).*protects PHI/);
  // The generic data-store rule still sees every store, PHI or not (the untagged bucket too).
  const stores = findings.filter((f) => f.ruleId === 'tf-plan-destroys-data-store').map((f) => f.resource.address).sort();
  assert.deepEqual(stores, ['aws_backup_vault.v', 'aws_kms_key.phi', 'aws_s3_bucket.scratch']);
});

test('phi-plan-destroys-datastore: a PHI tag on what holds no data (default_tags on every resource) is no finding', () => {
  // Probe h3-pl: provider default_tags classify the whole stack PHI; renaming a role and a security
  // group replaces them, which loses no ePHI. The PHI store replaced beside them still is a finding.
  const findings = run('tags.json', [
    { address: 'aws_iam_role.r', type: 'aws_iam_role', actions: ['delete', 'create'], before: { name: 'app-role', tags_all: phiTags }, after: { name: 'app-role-2', tags_all: phiTags }, reason: 'replace_because_cannot_update' },
    { address: 'aws_security_group.sg', type: 'aws_security_group', actions: ['delete', 'create'], before: { name: 'app-sg', tags_all: phiTags }, after: { name: 'app-sg-2', tags_all: phiTags } },
    { address: 'aws_lambda_function.f', type: 'aws_lambda_function', actions: ['delete'], before: { function_name: 'f', tags_all: phiTags }, after: null },
    { address: 'aws_redshiftserverless_namespace.n', type: 'aws_redshiftserverless_namespace', actions: ['delete'], before: { namespace_name: 'n', tags_all: phiTags }, after: null },
    { address: 'aws_dynamodb_table.t', type: 'aws_dynamodb_table', actions: ['create', 'delete'], before: { name: 't', tags_all: phiTags }, after: { name: 't2', tags_all: phiTags } },
  ]);
  assert.deepEqual(
    findings.filter((f) => f.ruleId === 'phi-plan-destroys-datastore').map((f) => `${f.resource.address} ${f.status}`).sort(),
    ['aws_dynamodb_table.t fail', 'aws_redshiftserverless_namespace.n fail'],
  );
  assert.deepEqual(
    findings.filter((f) => f.ruleId === 'tf-plan-destroys-data-store').map((f) => f.resource.address).sort(),
    ['aws_dynamodb_table.t', 'aws_redshiftserverless_namespace.n'],
  );
});

test('phi-plan-destroys-datastore: PHI secrets, log groups and other providers\' stores deleted by a plan are findings (the data-store list had left them out)', () => {
  const findings = run('other-stores.json', [
    { address: 'aws_secretsmanager_secret.s', type: 'aws_secretsmanager_secret', actions: ['delete'], before: { name: 's', tags_all: phiTags }, after: null },
    { address: 'aws_cloudwatch_log_group.g', type: 'aws_cloudwatch_log_group', actions: ['delete'], before: { name: 'g', tags_all: phiTags }, after: null },
    { address: 'azurerm_storage_account.a', type: 'azurerm_storage_account', actions: ['delete'], before: { name: 'a', tags: phiTags }, after: null },
    { address: 'azurerm_linux_virtual_machine.vm', type: 'azurerm_linux_virtual_machine', actions: ['delete'], before: { name: 'vm', tags: phiTags }, after: null },
  ]);
  assert.deepEqual(
    findings.filter((f) => f.ruleId === 'phi-plan-destroys-datastore').map((f) => `${f.resource.address} ${f.status}`).sort(),
    ['aws_cloudwatch_log_group.g fail', 'aws_secretsmanager_secret.s fail', 'azurerm_storage_account.a fail'],
  );
});

test('phi-plan-destroys-datastore: tags known only at apply time give an unknown', () => {
  // after_unknown marks the classification tag unknown: the replacement's classification cannot be judged yet.
  const findings = run('u.json', [
    { address: 'aws_dynamodb_table.t', type: 'aws_dynamodb_table', actions: ['delete', 'create'], before: null, after: { name: 't', tags: { DataClassification: null } }, afterUnknown: { tags: { DataClassification: true } } },
  ]).filter((f) => f.ruleId === 'phi-plan-destroys-datastore');
  assert.deepEqual(findings.map((f) => f.status), ['unknown']);
});

test('plan rules obey rule settings: off, severity and the configured data-store types', () => {
  const changes: Change[] = [{ address: 'aws_sns_topic.t', type: 'aws_sns_topic', actions: ['delete'], before: { name: 't' }, after: null }];
  assert.deepEqual(run('p.json', changes).filter((f) => f.ruleId === 'tf-plan-destroys-data-store'), []);
  const configured = run('p.json', changes, new Map([['tf-plan-destroys-data-store', { params: { dataStoreTypes: ['aws_sns_topic'] }, severity: 'critical' as const }]]));
  assert.deepEqual(configured.filter((f) => f.ruleId === 'tf-plan-destroys-data-store').map((f) => [f.resource.address, f.severity]), [['aws_sns_topic.t', 'critical']]);
  const off = run('p.json', [{ address: 'aws_kms_key.k', type: 'aws_kms_key', actions: ['delete'], before: {}, after: null }], new Map([['tf-plan-destroys-data-store', { enabled: false }]]));
  assert.deepEqual(off.map((f) => f.ruleId), ['phi-plan-destroys-datastore']);
});

test('plan rules find nothing in a model without plan facts (source or state)', () => {
  const model = createInfraModel({ resources: [] });
  assert.deepEqual(runRules(model, planRules, { today: '2026-01-01' }).findings, []);
});

test('plan resources belong to their plan file: two plans with the same addresses never cross-link', () => {
  const bucket = (name: string): Change[] => [
    { address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', actions: ['create'], before: null, after: { bucket: name } },
    { address: 'aws_s3_bucket_versioning.b', type: 'aws_s3_bucket_versioning', actions: ['create'], before: null, after: { bucket: name } },
  ];
  const a = adapt('stacks/a/plan.json', bucket('shared-name'));
  const b = adapt('stacks/b/plan.json', bucket('shared-name'));
  for (const r of a.model.resources) assert.equal(r.root, 'stacks/a/plan.json');
  for (const r of b.model.resources) assert.equal(r.root, 'stacks/b/plan.json');
  const merged = createInfraModel({ resources: [...a.model.resources, ...b.model.resources] });
  const target = merged.resources.find((r) => r.root === 'stacks/a/plan.json' && r.type === 'aws_s3_bucket')!;
  const linked = merged.related(target, 'aws_s3_bucket_versioning');
  assert.deepEqual(linked.map((r) => r.root), ['stacks/a/plan.json'], 'the same literal name in another plan is not linked');
  assert.deepEqual(merged.resolve(target, 'aws_s3_bucket_versioning.b').map((r) => r.root), ['stacks/a/plan.json']);
});

test('a security group whose ingress is written as a list argument is read as its blocks in a plan too (terraform show -json of attributes-as-blocks)', () => {
  const rule = { from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: 'all' };
  const text = JSON.stringify({
    format_version: '1.2',
    resource_changes: [
      { address: 'aws_security_group.open', mode: 'managed', type: 'aws_security_group', name: 'open', provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: { name: 'open', ingress: [rule] }, after_unknown: {}, before_sensitive: false, after_sensitive: {} } },
    ],
    configuration: { root_module: { resources: [{ address: 'aws_security_group.open', mode: 'managed', type: 'aws_security_group', name: 'open', expressions: { name: { constant_value: 'open' }, ingress: { constant_value: [rule] } } }] } },
  });
  const parsed = parseJsonTree('plan.json', text);
  assert.ok(parsed.ok);
  const sg = adaptPlan({ file: 'plan.json', text, root: parsed.value }).model.ofType('aws_security_group')[0]!;
  assert.deepEqual(sg.blocks.map((b) => [b.type, b.attributes.get('from_port')?.value]), [['ingress', 22]]);
  assert.equal(sg.attributes.has('ingress'), false);
});

test("an attribute known only after apply names the resource its configuration references, as the sources' evaluation does (the CMK rules judged a plan's customer key unknown)", async () => {
  const { default: sqsRule } = await import('../../rules/aws/sqs/aws-sqs-queue-encrypted.js');
  const queue = (expression: Record<string, unknown>) => {
    const text = JSON.stringify({
      format_version: '1.2',
      resource_changes: [
        { address: 'aws_kms_key.q', mode: 'managed', type: 'aws_kms_key', name: 'q', provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: { enable_key_rotation: true }, after_unknown: { arn: true }, before_sensitive: false, after_sensitive: {} } },
        { address: 'aws_sqs_queue.q', mode: 'managed', type: 'aws_sqs_queue', name: 'q', provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: { name: 'q', tags: phiTags }, after_unknown: { kms_master_key_id: true }, before_sensitive: false, after_sensitive: {} } },
      ],
      configuration: {
        root_module: {
          resources: [
            { address: 'aws_kms_key.q', mode: 'managed', type: 'aws_kms_key', name: 'q', expressions: { enable_key_rotation: { constant_value: true } } },
            { address: 'aws_sqs_queue.q', mode: 'managed', type: 'aws_sqs_queue', name: 'q', expressions: { name: { constant_value: 'q' }, tags: { constant_value: phiTags }, kms_master_key_id: expression } },
          ],
        },
      },
    });
    const parsed = parseJsonTree('plan.json', text);
    assert.ok(parsed.ok);
    const model = adaptPlan({ file: 'plan.json', text, root: parsed.value }).model;
    return runRules(model, [sqsRule as unknown as Parameters<typeof runRules>[1][number]], { today: '2026-01-01' }).findings.map((f) => f.status);
  };
  assert.deepEqual(queue({ references: ['aws_kms_key.q.arn', 'aws_kms_key.q'] }), ['pass']);
  // A variable could pick another key: unknown, as before.
  assert.deepEqual(queue({ references: ['var.use_cmk', 'aws_kms_key.q.arn', 'aws_kms_key.q'] }), ['unknown']);
  assert.deepEqual(queue({ references: ['var.key_arn'] }), ['unknown']);
});

test('every data-store type the plan rules count is a type the classification rule names as a data store, or a key (a misspelt type matches no change)', async () => {
  const { DATA_STORE_TYPES } = await import('../../rules/terraform/tf-plan-destroys-data-store.js');
  const { DATA_STORES } = await import('../../rules/phi/phi-data-classification-tags.js');
  // Keys and HSMs hold no data themselves but decrypt it; a global cluster is its members' data.
  const keys = new Set(['aws_kms_replica_key', 'aws_kms_external_key', 'aws_kms_replica_external_key', 'aws_cloudhsm_v2_cluster', 'aws_rds_global_cluster']);
  assert.deepEqual(
    DATA_STORE_TYPES.filter((t) => !DATA_STORES.has(t) && !keys.has(t)),
    [],
  );
});

test("a route table's apply-time gateway_id in a plan is an internet gateway when the only gateways its route expression names are internet gateways (it was unknown, which does not block)", async () => {
  const { default: routeRule } = await import('../../rules/aws/vpc/aws-no-unrestricted-route-to-igw.js');
  const table = (references: readonly string[]) => {
    const route = { cidr_block: '0.0.0.0/0', ipv6_cidr_block: '', nat_gateway_id: '', egress_only_gateway_id: '', transit_gateway_id: '', vpc_endpoint_id: '' };
    const text = JSON.stringify({
      format_version: '1.2',
      resource_changes: [
        { address: 'aws_route_table.priv', mode: 'managed', type: 'aws_route_table', name: 'priv', provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: { route: [route] }, after_unknown: { id: true, route: [{ gateway_id: true }], vpc_id: true }, before_sensitive: false, after_sensitive: {} } },
      ],
      configuration: { root_module: { resources: [{ address: 'aws_route_table.priv', mode: 'managed', type: 'aws_route_table', name: 'priv', expressions: { route: { references }, vpc_id: { references: ['aws_vpc.v.id', 'aws_vpc.v'] } } }] } },
    });
    const parsed = parseJsonTree('plan.json', text);
    assert.ok(parsed.ok);
    const model = adaptPlan({ file: 'plan.json', text, root: parsed.value }).model;
    return runRules(model, [routeRule as unknown as Parameters<typeof runRules>[1][number]], { today: '2026-01-01' }).findings.map((f) => f.status);
  };
  assert.deepEqual(table(['aws_internet_gateway.igw.id', 'aws_internet_gateway.igw']), ['fail']);
  // A virtual private gateway named as well: which one the default route takes is not said.
  assert.deepEqual(table(['aws_internet_gateway.igw.id', 'aws_internet_gateway.igw', 'aws_vpn_gateway.vgw.id', 'aws_vpn_gateway.vgw']), ['unknown']);
  assert.deepEqual(table(['aws_vpn_gateway.vgw.id', 'aws_vpn_gateway.vgw']), ['pass']);
});
