// InfraModel links never join two instances of one module call: a reference written in a module
// resolves in the instance it is written in (a plan names references by configuration only, so
// `aws_s3_bucket.data` in module.svc["a"] reached module.svc["b"]'s bucket too). Parents and
// children of the instance stay linked; lists of many instances answer as short ones do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRules } from '../engine/run-rules.js';
import type { Resource } from '../model/resource.js';
import { parseJsonTree } from '../parsers/tf-plan/json-tree.js';
import { allRules } from '../rules/index.js';
import { adaptPlan } from '../adapters/terraform-plan/adapt-plan.js';
import { createInfraModel } from './infra-model.js';

const span = { file: 'plan.json', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };

/** A resource at `modulePath` (keys written as Terraform does) referencing `references` (configuration addresses). */
function resource(modulePath: string, type: string, references: readonly string[] = []): Resource {
  const config = modulePath.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g, '');
  return {
    address: `${modulePath === '' ? '' : `${modulePath}.`}${type}.this`,
    configAddress: `${config === '' ? '' : `${config}.`}${type}.this`,
    mode: 'managed',
    type,
    name: 'this',
    modulePath,
    origin: 'terraform-plan',
    root: 'plan.json',
    provider: { name: 'aws' },
    references,
    comments: [],
    span,
    attributes: new Map(),
    blocks: [],
  };
}

const addresses = (list: readonly Resource[]): string[] => list.map((r) => r.address);

test('related, resolve and referrers stay in the module instance, its parents and its children', () => {
  const keys = ['"a"', '"b"', '"x.y[1]"', '0'];
  const buckets = keys.map((k) => resource(`module.svc[${k}]`, 'aws_s3_bucket'));
  const encryptions = keys.map((k) => resource(`module.svc[${k}]`, 'aws_s3_bucket_server_side_encryption_configuration', ['module.svc.aws_s3_bucket.this']));
  // A child of each instance reading its parent's bucket (passed in), and a root resource reading every instance's.
  const children = keys.map((k) => resource(`module.svc[${k}].module.inner`, 'aws_s3_bucket_policy', ['module.svc.aws_s3_bucket.this']));
  const root = resource('', 'aws_cloudtrail', ['module.svc.aws_s3_bucket.this']);
  // Another call's instances under each svc instance: linked only under the same svc instance.
  const others = keys.map((k) => resource(`module.svc[${k}].module.logs["l"]`, 'aws_s3_bucket_logging', ['module.svc.aws_s3_bucket.this']));
  const model = createInfraModel({ resources: [...buckets, ...encryptions, ...children, root, ...others] });

  for (const [i, k] of keys.entries()) {
    const bucket = buckets[i]!;
    assert.deepEqual(addresses(model.related(bucket, 'aws_s3_bucket_server_side_encryption_configuration')), [encryptions[i]!.address], k);
    assert.deepEqual(addresses(model.related(encryptions[i]!, 'aws_s3_bucket')), [bucket.address], k);
    assert.deepEqual(addresses(model.resolve(encryptions[i]!, 'module.svc.aws_s3_bucket.this')), [bucket.address], k);
    assert.deepEqual(addresses(model.resolve(children[i]!, 'module.svc.aws_s3_bucket.this')), [bucket.address], k);
    assert.deepEqual(addresses(model.resolve(others[i]!, 'module.svc.aws_s3_bucket.this')), [bucket.address], k);
    assert.deepEqual(addresses(model.referrers(bucket)), [encryptions[i]!.address, children[i]!.address, root.address, others[i]!.address], k);
  }
  // The root module reaches every instance.
  assert.deepEqual(addresses(model.resolve(root, 'module.svc.aws_s3_bucket.this')), addresses(buckets));
});

test('a for_each module of many instances links each bucket to its own settings only', () => {
  const keys = Array.from({ length: 40 }, (_, i) => `"k${i}"`);
  const buckets = keys.map((k) => resource(`module.svc[${k}]`, 'aws_s3_bucket'));
  const settings = keys.map((k) => resource(`module.svc[${k}]`, 'aws_s3_bucket_versioning', ['module.svc.aws_s3_bucket.this']));
  const root = resource('', 'aws_s3_bucket_versioning', ['module.svc.aws_s3_bucket.this']);
  const model = createInfraModel({ resources: [...buckets, ...settings, root] });
  for (const [i, bucket] of buckets.entries()) {
    assert.deepEqual(addresses(model.related(bucket, 'aws_s3_bucket_versioning')), [settings[i]!.address, root.address]);
    assert.deepEqual(addresses(model.resolve(settings[i]!, 'module.svc.aws_s3_bucket.this')), [bucket.address]);
  }
  assert.equal(model.resolve(root, 'module.svc.aws_s3_bucket.this').length, 40);
});

/** A plan of module.svc with for_each: a bucket per instance, encryption only in "a", a public ACL only in "b". */
function forEachPlan(): string {
  const provider = 'registry.terraform.io/hashicorp/aws';
  const change = (mod: string, type: string, after: Record<string, unknown>, afterUnknown: Record<string, unknown>, index?: number) => ({
    address: `${mod}.${type}.data${index === undefined ? '' : `[${index}]`}`,
    module_address: mod,
    mode: 'managed',
    type,
    name: 'data',
    ...(index === undefined ? {} : { index }),
    provider_name: provider,
    change: { actions: ['create'], before: null, after, after_unknown: afterUnknown, before_sensitive: false, after_sensitive: {} },
  });
  const changes = [];
  for (const key of ['a', 'b']) {
    const mod = `module.svc["${key}"]`;
    changes.push(change(mod, 'aws_s3_bucket', { bucket: `phi-${key}`, force_destroy: false, tags: { DataClassification: 'phi' } }, { id: true, arn: true }));
    if (key === 'a') changes.push(change(mod, 'aws_s3_bucket_server_side_encryption_configuration', { expected_bucket_owner: null, rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }] }, { bucket: true, id: true }, 0));
    changes.push(change(mod, 'aws_s3_bucket_acl', { acl: key === 'b' ? 'public-read' : 'private', expected_bucket_owner: null }, { bucket: true, id: true }));
  }
  const bucketRef = { references: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] };
  const configuration = {
    provider_config: { aws: { name: 'aws', full_name: provider } },
    root_module: {
      module_calls: {
        svc: {
          source: './modules/svc',
          for_each_expression: { references: ['var.services'] },
          module: {
            resources: [
              { address: 'aws_s3_bucket.data', mode: 'managed', type: 'aws_s3_bucket', name: 'data', provider_config_key: 'aws', expressions: { bucket: { references: ['each.key'] } } },
              { address: 'aws_s3_bucket_server_side_encryption_configuration.data', mode: 'managed', type: 'aws_s3_bucket_server_side_encryption_configuration', name: 'data', provider_config_key: 'aws', count_expression: { references: ['var.encrypt'] }, expressions: { bucket: bucketRef } },
              { address: 'aws_s3_bucket_acl.data', mode: 'managed', type: 'aws_s3_bucket_acl', name: 'data', provider_config_key: 'aws', expressions: { bucket: bucketRef, acl: { references: ['var.acl'] } } },
            ],
          },
        },
      },
    },
  };
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.9.5', resource_changes: changes, configuration });
}

test('a plan: each instance of a for_each module is judged by its own encryption and ACL, not its siblings\'', () => {
  const text = forEachPlan();
  const parsed = parseJsonTree('tfplan.json', text);
  assert.ok(parsed.ok);
  const { model } = adaptPlan({ file: 'tfplan.json', text, root: parsed.value });
  const findings = runRules(model, allRules, { today: '2026-01-01' }).findings;
  const status = (ruleId: string, key: string) => findings.filter((f) => f.ruleId === ruleId && f.resource.address === `module.svc["${key}"].aws_s3_bucket.data`).map((f) => f.status);
  assert.deepEqual(status('aws-s3-bucket-encryption-at-rest', 'a'), ['pass']);
  // b has no encryption configuration of its own: a's was taken for it (a false pass).
  assert.deepEqual(status('aws-s3-bucket-encryption-at-rest', 'b'), ['fail']);
  // b's public ACL failed a too.
  assert.deepEqual(status('aws-s3-bucket-no-public-acl', 'a'), ['pass']);
  assert.deepEqual(status('aws-s3-bucket-no-public-acl', 'b'), ['fail']);
});
