// Set-typed nested blocks in a plan: Terraform writes a set in its own order, so the adapter reads
// them in the order the configuration wrote them, as the sources are read (blocks written as blocks:
// adapt-plan.test.ts 'set-typed blocks ...').
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRules } from '../../engine/run-rules.js';
import sshFromInternet from '../../rules/aws/vpc/aws-sg-no-ssh-from-internet.js';
import type { AnyRule } from '../../rules/define-rule.js';
import { parseJsonTree } from '../../parsers/tf-plan/json-tree.js';
import { adaptPlan } from './adapt-plan.js';

const sshRule = sshFromInternet as unknown as AnyRule;

const rule = (port: number, cidr: string[], description = '') => ({ cidr_blocks: cidr, description, from_port: port, ipv6_cidr_blocks: [], prefix_list_ids: [], protocol: 'tcp', security_groups: [], self: false, to_port: port });
const written = (port: number, cidr: string[], description: string | null = null) => ({ cidr_blocks: cidr, description, from_port: port, ipv6_cidr_blocks: null, prefix_list_ids: null, protocol: 'tcp', security_groups: null, self: null, to_port: port });

// As terraform plan 1.11.4 with hashicorp/aws 5.100.0 writes two `ingress` blocks (443 first, then
// 22) of an aws_security_group, checked offline: `after` holds the set in its own order (22 first);
// the configuration writes `ingress` as an argument (attributes-as-blocks) whose constant_value
// keeps the written order, unwritten fields null.
const sgChange = {
  address: 'aws_security_group.sg',
  mode: 'managed',
  type: 'aws_security_group',
  name: 'sg',
  provider_name: 'registry.terraform.io/hashicorp/aws',
  change: {
    actions: ['create'],
    before: null,
    after: { description: 'Managed by Terraform', ingress: [rule(22, ['0.0.0.0/0'], 'ssh'), rule(443, ['10.0.0.0/8'])], name: 'sg', tags: null },
    after_unknown: { arn: true, egress: true, id: true, ingress: [{ cidr_blocks: [false], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [] }, { cidr_blocks: [false], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [] }], tags_all: true },
    before_sensitive: false,
    after_sensitive: { egress: [], ingress: [{ cidr_blocks: [false], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [] }, { cidr_blocks: [false], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [] }], tags_all: {} },
  },
};
const sgConfig = { address: 'aws_security_group.sg', mode: 'managed', type: 'aws_security_group', name: 'sg', provider_config_key: 'aws', expressions: { ingress: { constant_value: [written(443, ['10.0.0.0/8']), written(22, ['0.0.0.0/0'], 'ssh')] }, name: { constant_value: 'sg' } } };
const PLAN = JSON.stringify({ format_version: '1.2', resource_changes: [sgChange], configuration: { provider_config: { aws: { name: 'aws' } }, root_module: { resources: [sgConfig] } } }, null, 2);

function adapt() {
  const parsed = parseJsonTree('plan.json', PLAN);
  assert.ok(parsed.ok);
  return adaptPlan({ file: 'plan.json', text: PLAN, root: parsed.value }).model;
}

const ports = (model: ReturnType<typeof adapt>) => model.resources[0]!.blocks.filter((b) => b.type === 'ingress').map((b) => b.attributes.get('from_port')?.value);

test('a plan alone: an attributes-as-blocks set is read in the order its configuration wrote it', () => {
  const model = adapt();
  assert.deepEqual(ports(model), [443, 22]);
  const findings = runRules(model, [sshRule], { today: '2026-01-01' }).findings;
  assert.deepEqual(findings.map((f) => f.status), ['fail']);
  assert.match(findings[0]!.message, /ingress rule 2 allows port 22/, 'the sources number this block 2 too');
});
