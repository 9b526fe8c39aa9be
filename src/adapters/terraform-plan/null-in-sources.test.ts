// A plan or state scanned beside its .tf sources, where the sources evaluate an argument to null or
// expand a `dynamic` block to nothing (a variable's null or [] default) and the plan was made with
// other values (TF_VAR_, -var, Terragrunt inputs). The plan's value is what Terraform applies: it
// counted as "not written" and was dropped, so a public database and SSH open to the internet
// passed beside the sources while the same plan alone failed. Plans shaped as Terraform 1.11 with
// hashicorp/aws 5.100 writes them (`terraform show -json`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRules } from '../../engine/run-rules.js';
import { evaluateTerraform } from '../../graph/index.js';
import type { InfraModel } from '../../model/infra-model.js';
import type { AnyRule } from '../../rules/define-rule.js';
import rdsPublicRule from '../../rules/aws/rds/aws-rds-instance-not-public.js';
import rdsEncryptedRule from '../../rules/aws/rds/aws-rds-storage-encrypted.js';
import sshRule from '../../rules/aws/vpc/aws-sg-no-ssh-from-internet.js';
import sseKmsCmkRule from '../../rules/aws/s3/aws-s3-bucket-sse-kms-cmk.js';
import { parseJsonTree } from '../../parsers/tf-plan/json-tree.js';
import { adaptPlan } from './adapt-plan.js';
import { adaptState } from './adapt-state.js';

const RDS_TF = `variable "publicly_accessible" {
  type    = bool
  default = null
}

variable "kms_key_id" {
  type    = string
  default = null
}

resource "aws_db_instance" "this" {
  identifier          = "phi-db"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 50
  storage_encrypted   = true
  kms_key_id          = var.kms_key_id
  publicly_accessible = var.publicly_accessible
}
`;

const SG_TF = `variable "ingress_cidrs" {
  type    = list(string)
  default = []
}

resource "aws_security_group" "db" {
  name   = "phi-db"
  vpc_id = "vpc-0123456789abcdef0"

  dynamic "ingress" {
    for_each = var.ingress_cidrs
    content {
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = [ingress.value]
    }
  }
}
`;

const SSE_TF = `variable "kms_key_arn" {
  type    = string
  default = null
}

resource "aws_s3_bucket" "this" {
  bucket = "acme-phi-example"
  tags   = { DataClassification = "phi" }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
  }
}
`;

const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555';

function sources(tf: string, vars?: Record<string, string>): InfraModel {
  return evaluateTerraform({ files: new Map([['main.tf', tf]]), readFile: () => undefined, ...(vars ? { vars } : {}) }).model;
}

function change(type: string, name: string, after: Record<string, unknown>, afterUnknown: Record<string, unknown>): unknown {
  return { address: `${type}.${name}`, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after, after_unknown: afterUnknown, before_sensitive: false, after_sensitive: {} } };
}

const DB_AFTER = { identifier: 'phi-db', engine: 'postgres', instance_class: 'db.t3.medium', allocated_storage: 50, storage_encrypted: true, skip_final_snapshot: false };
const DB_UNKNOWN = { arn: true, id: true, endpoint: true, address: true };
const DB_EXPRESSIONS = {
  identifier: { constant_value: 'phi-db' },
  engine: { constant_value: 'postgres' },
  instance_class: { constant_value: 'db.t3.medium' },
  allocated_storage: { constant_value: 50 },
  storage_encrypted: { constant_value: true },
  kms_key_id: { references: ['var.kms_key_id'] },
  publicly_accessible: { references: ['var.publicly_accessible'] },
};

/** A plan of `main.tf`'s resources: `variables` as Terraform records them (a TF_VAR_ bool as a string). */
function planText(variables: Record<string, unknown>, changes: readonly unknown[], expressions: Record<string, Record<string, unknown>>): string {
  const resources = Object.entries(expressions).map(([address, e]) => ({ address, mode: 'managed', type: address.split('.')[0], name: address.split('.')[1], provider_config_key: 'aws', expressions: e }));
  const vars = Object.fromEntries(Object.entries(variables).map(([k, value]) => [k, { value }]));
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', variables: vars, resource_changes: changes, configuration: { root_module: { resources } } }, null, 2);
}

function judge(text: string, source: InfraModel | undefined, rule: unknown, address: string) {
  const parsed = parseJsonTree('tfplan.json', text);
  assert.ok(parsed.ok);
  const model = adaptPlan({ file: 'tfplan.json', text, root: parsed.value, ...(source ? { source, sourceRoot: '' } : {}) }).model;
  return runRules(model, [rule as AnyRule], { today: '2026-01-01' }).findings.filter((f) => f.resource.address === address);
}

test('null from a variable: the value the plan was made with wins over the sources\' null default', () => {
  const text = planText({ publicly_accessible: 'true', kms_key_id: null }, [change('aws_db_instance', 'this', { ...DB_AFTER, publicly_accessible: true, kms_key_id: null }, { ...DB_UNKNOWN, kms_key_id: true })], { 'aws_db_instance.this': DB_EXPRESSIONS });
  const alone = judge(text, undefined, rdsPublicRule, 'aws_db_instance.this');
  const beside = judge(text, sources(RDS_TF), rdsPublicRule, 'aws_db_instance.this');
  assert.deepEqual(alone.map((f) => [f.status, f.severity]), [['fail', 'critical']]);
  assert.deepEqual(beside.map((f) => [f.status, f.severity]), [['fail', 'critical']], 'beside the sources as alone');
  assert.equal(beside[0]!.span.file, 'main.tf', 'located at the argument in the sources');
  assert.equal(beside[0]!.span.start.line, RDS_TF.split('\n').findIndex((l) => l.includes('publicly_accessible = var.')) + 1);
});

test('null from a variable: a plan made with the values the sources were evaluated with keeps their null (a provider-computed value is no configured one)', () => {
  // kms_key_id = var.kms_key_id, null in both: the provider picks the AWS-managed key at apply time.
  const text = planText({ publicly_accessible: null, kms_key_id: null }, [change('aws_db_instance', 'this', { ...DB_AFTER, publicly_accessible: false, kms_key_id: null }, { ...DB_UNKNOWN, kms_key_id: true })], { 'aws_db_instance.this': DB_EXPRESSIONS });
  const source = sources(RDS_TF);
  assert.deepEqual(judge(text, source, rdsPublicRule, 'aws_db_instance.this').map((f) => f.status), ['pass']);
  const encrypted = judge(text, source, rdsEncryptedRule, 'aws_db_instance.this');
  assert.deepEqual(encrypted.map((f) => f.status), judge(planText({ publicly_accessible: null, kms_key_id: null }, [change('aws_db_instance', 'this', { ...DB_AFTER, publicly_accessible: false }, DB_UNKNOWN)], { 'aws_db_instance.this': DB_EXPRESSIONS }), source, rdsEncryptedRule, 'aws_db_instance.this').map((f) => f.status), 'the apply-time key is left to the provider, as if not written');
  // The same values given to the scan (--var) as to the plan: the sources' evaluation stands.
  const given = planText({ publicly_accessible: 'false', kms_key_id: null }, [change('aws_db_instance', 'this', { ...DB_AFTER, publicly_accessible: false, kms_key_id: null }, { ...DB_UNKNOWN, kms_key_id: true })], { 'aws_db_instance.this': DB_EXPRESSIONS });
  assert.deepEqual(judge(given, sources(RDS_TF, { publicly_accessible: 'false' }), rdsPublicRule, 'aws_db_instance.this').map((f) => f.status), ['pass']);
});

test('dynamic block over an empty default: the blocks the plan makes are judged, pointing at the sources', () => {
  const ingress = (cidr: string) => ({ cidr_blocks: [cidr], description: '', from_port: 22, ipv6_cidr_blocks: [], prefix_list_ids: [], protocol: 'tcp', security_groups: [], self: false, to_port: 22 });
  const sg = (cidrs: string[]) =>
    change('aws_security_group', 'db', { description: 'Managed by Terraform', ingress: cidrs.map(ingress), name: 'phi-db', revoke_rules_on_delete: false, tags: null, timeouts: null, vpc_id: 'vpc-0123456789abcdef0' }, { arn: true, egress: true, id: true, ingress: cidrs.map(() => ({ cidr_blocks: [false], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [] })), name_prefix: true, owner_id: true, tags_all: true });
  const expressions = { 'aws_security_group.db': { name: { constant_value: 'phi-db' }, vpc_id: { constant_value: 'vpc-0123456789abcdef0' } } };
  const open = planText({ ingress_cidrs: ['0.0.0.0/0'] }, [sg(['0.0.0.0/0'])], expressions);
  assert.deepEqual(judge(open, undefined, sshRule, 'aws_security_group.db').map((f) => [f.status, f.severity]), [['fail', 'high']]);
  const beside = judge(open, sources(SG_TF), sshRule, 'aws_security_group.db');
  assert.deepEqual(beside.map((f) => [f.status, f.severity]), [['fail', 'high']], 'beside the sources as alone');
  assert.equal(beside[0]!.span.file, 'main.tf');
  // The sources (given one CIDR) expand it to one block, the plan (made with two) to two: the second is judged too.
  const two = planText({ ingress_cidrs: ['10.0.0.0/8', '0.0.0.0/0'] }, [sg(['10.0.0.0/8', '0.0.0.0/0'])], expressions);
  const fewer = judge(two, sources(SG_TF, { ingress_cidrs: '["10.0.0.0/8"]' }), sshRule, 'aws_security_group.db');
  assert.deepEqual(fewer.map((f) => [f.status, f.severity]), [['fail', 'high']]);
  assert.match(fewer[0]!.message, /0\.0\.0\.0\/0/);
  // Planned with the sources' own empty default: no ingress, nothing open.
  const closed = planText({ ingress_cidrs: [] }, [sg([])], expressions);
  assert.deepEqual(judge(closed, sources(SG_TF), sshRule, 'aws_security_group.db').map((f) => f.status), ['pass']);
});

test('a nested block\'s argument null in the sources: the plan\'s key ARN is no "aws:kms without kms_master_key_id"', () => {
  const bucket = change('aws_s3_bucket', 'this', { bucket: 'acme-phi-example', force_destroy: false, tags: { DataClassification: 'phi' }, tags_all: { DataClassification: 'phi' }, timeouts: null }, { arn: true, id: true, server_side_encryption_configuration: true });
  const sse = (key: string | null) => change('aws_s3_bucket_server_side_encryption_configuration', 'this', { expected_bucket_owner: null, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: key, sse_algorithm: 'aws:kms' }], bucket_key_enabled: null }] }, { bucket: true, id: true, rule: [{ apply_server_side_encryption_by_default: [{}] }] });
  const expressions = {
    'aws_s3_bucket.this': { bucket: { constant_value: 'acme-phi-example' }, tags: { constant_value: { DataClassification: 'phi' } } },
    'aws_s3_bucket_server_side_encryption_configuration.this': { bucket: { references: ['aws_s3_bucket.this.id', 'aws_s3_bucket.this'] }, rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: { references: ['var.kms_key_arn'] }, sse_algorithm: { constant_value: 'aws:kms' } }] }] },
  };
  const withKey = planText({ kms_key_arn: KEY_ARN }, [bucket, sse(KEY_ARN)], expressions);
  assert.deepEqual(judge(withKey, undefined, sseKmsCmkRule, 'aws_s3_bucket.this').map((f) => f.status), ['pass']);
  assert.deepEqual(judge(withKey, sources(SSE_TF), sseKmsCmkRule, 'aws_s3_bucket.this').map((f) => f.status), ['pass'], 'beside the sources as alone');
  const withoutKey = planText({ kms_key_arn: null }, [bucket, sse(null)], expressions);
  assert.deepEqual(judge(withoutKey, sources(SSE_TF), sseKmsCmkRule, 'aws_s3_bucket.this').map((f) => f.status), ['fail'], 'no key in the plan either: still a failure');
});

test('state beside the sources: what was applied wins over the sources\' null (a state records no variable values)', () => {
  const text = JSON.stringify({
    format_version: '1.0',
    terraform_version: '1.11.4',
    values: {
      root_module: {
        resources: [
          { address: 'aws_db_instance.this', mode: 'managed', type: 'aws_db_instance', name: 'this', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 2, values: { ...DB_AFTER, publicly_accessible: true, kms_key_id: KEY_ARN, id: 'db-ABC' }, sensitive_values: {} },
          { address: 'aws_s3_bucket.this', mode: 'managed', type: 'aws_s3_bucket', name: 'this', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: { bucket: 'acme-phi-example', tags: { DataClassification: 'phi' }, tags_all: { DataClassification: 'phi' } }, sensitive_values: {} },
          { address: 'aws_s3_bucket_server_side_encryption_configuration.this', mode: 'managed', type: 'aws_s3_bucket_server_side_encryption_configuration', name: 'this', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: { bucket: 'acme-phi-example', expected_bucket_owner: '', rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: KEY_ARN, sse_algorithm: 'aws:kms' }], bucket_key_enabled: false }] }, sensitive_values: {} },
        ],
      },
    },
  }, null, 2);
  const parsed = parseJsonTree('terraform.tfstate.json', text);
  assert.ok(parsed.ok);
  const source = sources(RDS_TF + SSE_TF);
  const model = adaptState({ file: 'terraform.tfstate.json', text, root: parsed.value, source, sourceRoot: '' }).model;
  const run = (rule: unknown, address: string) => runRules(model, [rule as AnyRule], { today: '2026-01-01' }).findings.filter((f) => f.resource.address === address).map((f) => [f.status, f.severity]);
  assert.deepEqual(run(rdsPublicRule, 'aws_db_instance.this'), [['fail', 'critical']]);
  assert.deepEqual(run(sseKmsCmkRule, 'aws_s3_bucket.this'), [['pass', 'high']]);
});
