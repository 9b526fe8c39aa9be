// Links between instances of counted and for_each resources (issue 4, resource graph): a reference
// by instance key links that instance only; taking the instances whole links them all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InfraModel } from '../model/infra-model.js';
import { evaluateFiles } from './testing-helpers.js';

const BUCKETS = 'variable "status" {\n  default = { a = "Enabled", b = "Suspended" }\n}\nresource "aws_s3_bucket" "b" {\n  for_each = var.status\n  bucket   = "phi-${each.key}"\n}\n';
const versioning = (label: string, head: string, bucket: string): string =>
  `resource "aws_s3_bucket_versioning" "${label}" {\n  ${head}\n  bucket = ${bucket}\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`;

/** The model of BUCKETS plus these blocks. */
const withBuckets = (...blocks: string[]): InfraModel => evaluateFiles({ 'main.tf': BUCKETS + blocks.join('') }).model;

const linked = (model: InfraModel, bucket: string, type = 'aws_s3_bucket_versioning'): string[] =>
  model.related(model.resources.find((r) => r.address === bucket)!, type).map((r) => r.address);

test('an instance key links one instance: for_each with each.key, count with count.index, a literal key', () => {
  const { model } = evaluateFiles({
    'main.tf':
      BUCKETS +
      versioning('v', 'for_each = var.status', 'aws_s3_bucket.b[each.key].id') +
      'resource "aws_s3_bucket" "c" {\n  count  = 2\n  bucket = "c-${count.index}"\n}\n' +
      versioning('w', 'count = 2', 'aws_s3_bucket.c[count.index].id') +
      versioning('x', '', 'aws_s3_bucket.c[1].id'),
  });
  assert.deepEqual(linked(model, 'aws_s3_bucket.b["a"]'), ['aws_s3_bucket_versioning.v["a"]']);
  assert.deepEqual(linked(model, 'aws_s3_bucket.b["b"]'), ['aws_s3_bucket_versioning.v["b"]']);
  assert.deepEqual(linked(model, 'aws_s3_bucket.c[0]'), ['aws_s3_bucket_versioning.w[0]']);
  assert.deepEqual(linked(model, 'aws_s3_bucket.c[1]'), ['aws_s3_bucket_versioning.w[1]', 'aws_s3_bucket_versioning.x']);
  // From the versioning's side too, and referrers agree.
  const v = model.resources.find((r) => r.address === 'aws_s3_bucket_versioning.v["b"]')!;
  assert.deepEqual(model.related(v, 'aws_s3_bucket').map((r) => r.address), ['aws_s3_bucket.b["b"]']);
  assert.deepEqual(v.references, ['aws_s3_bucket.b']);
  assert.deepEqual(v.instanceReferences, [{ configAddress: 'aws_s3_bucket.b', addresses: ['aws_s3_bucket.b["b"]'] }]);
  const b = model.resources.find((r) => r.address === 'aws_s3_bucket.b["a"]')!;
  assert.deepEqual(model.referrers(b).map((r) => r.address), ['aws_s3_bucket_versioning.v["a"]']);
});

test('instances taken whole stay linked to every instance: a splat, a for_each whose entries read them all, a whole use beside a keyed one', () => {
  const model = withBuckets(
    versioning('splat', '', 'aws_s3_bucket.b[*]["a"].id'),
    versioning('built', 'for_each = { for k, b in aws_s3_bucket.b : k => "${b.id}/${length(aws_s3_bucket.b)}" }', 'each.value'),
    'resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b["a"].id\n  policy = jsonencode({ n = length(aws_s3_bucket.b) })\n}\n',
  );
  const all = ['aws_s3_bucket_versioning.built["a"]', 'aws_s3_bucket_versioning.built["b"]', 'aws_s3_bucket_versioning.splat'];
  assert.deepEqual(linked(model, 'aws_s3_bucket.b["a"]').sort(), all);
  assert.deepEqual(linked(model, 'aws_s3_bucket.b["b"]').sort(), all);
  assert.deepEqual(linked(model, 'aws_s3_bucket.b["b"]', 'aws_s3_bucket_policy'), ['aws_s3_bucket_policy.p']);
  for (const r of model.resources) assert.equal(r.instanceReferences, undefined, r.address);
});

test('for_each over another resource, or a map built entry by entry from it: each instance links to the one its each.value came from', () => {
  const model = withBuckets(
    versioning('each', 'for_each = aws_s3_bucket.b', 'each.value.id'),
    versioning('built', 'for_each = { for k, b in aws_s3_bucket.b : "v-${k}" => b.id if k != "zzz" }', 'each.value'),
    'resource "aws_s3_bucket_public_access_block" "all" {\n  for_each = aws_s3_bucket.b\n  bucket   = each.value.id\n  block_public_acls = length(aws_s3_bucket.b) > 0\n}\n',
  );
  assert.deepEqual(linked(model, 'aws_s3_bucket.b["a"]'), ['aws_s3_bucket_versioning.each["a"]', 'aws_s3_bucket_versioning.built["v-a"]']);
  assert.deepEqual(linked(model, 'aws_s3_bucket.b["b"]'), ['aws_s3_bucket_versioning.each["b"]', 'aws_s3_bucket_versioning.built["v-b"]']);
  // The body takes them whole as well (length()), so that link stays whole.
  assert.deepEqual(linked(model, 'aws_s3_bucket.b["b"]', 'aws_s3_bucket_public_access_block'), ['aws_s3_bucket_public_access_block.all["a"]', 'aws_s3_bucket_public_access_block.all["b"]']);
});

test('a versioning resource of another instance no longer passes a bucket whose own is suspended', () => {
  const model = withBuckets('resource "aws_s3_bucket_versioning" "v" {\n  for_each = var.status\n  bucket   = aws_s3_bucket.b[each.key].id\n  versioning_configuration {\n    status = each.value\n  }\n}\n');
  const statusOf = (bucket: string): unknown =>
    model.related(model.resources.find((r) => r.address === bucket)!, 'aws_s3_bucket_versioning')[0]?.blocks[0]?.attributes.get('status')?.value;
  assert.equal(statusOf('aws_s3_bucket.b["a"]'), 'Enabled');
  assert.equal(statusOf('aws_s3_bucket.b["b"]'), 'Suspended');
});

test('a known position in a list made from the instances links that instance only: element(), an index after a splat, one(), values()', () => {
  const counted = 'resource "aws_s3_bucket" "c" {\n  count  = 3\n  bucket_prefix = "c-${count.index}-"\n}\nlocals {\n  ids = aws_s3_bucket.c[*].id\n}\nvariable "i" {\n  type = number\n}\n';
  const { model } = evaluateFiles({
    'main.tf':
      BUCKETS +
      counted +
      versioning('element', '', 'element(aws_s3_bucket.c[*].id, 1)') +
      versioning('wrapped', '', 'element(aws_s3_bucket.c[*].id, 5)') +
      versioning('paren', '', '(aws_s3_bucket.c[*].id)[1]') +
      versioning('legacy', '', 'aws_s3_bucket.c.*.id[2]') +
      versioning('local', '', 'local.ids[2]') +
      versioning('tried', '', 'try((aws_s3_bucket.c[*].id)[0], null)') +
      versioning('whole_local', '', 'element(local.ids, 0)') +
      versioning('values', '', 'values(aws_s3_bucket.b)[1].id') +
      versioning('values_splat', '', 'element(values(aws_s3_bucket.b)[*].id, 0)') +
      versioning('values_built', '', 'values({ for k, b in aws_s3_bucket.b : k => b.id })[1]') +
      // Not known here: the variable has no value, so any of them.
      versioning('unknown', '', 'element(aws_s3_bucket.c[*].id, var.i)') +
      // A position and the whole list in one expression: the whole list stays linked.
      versioning('both', '', 'length(aws_s3_bucket.c) > 0 ? element(aws_s3_bucket.c[*].id, 0) : ""'),
  });
  const instanceLinks = (label: string): unknown => model.resources.find((r) => r.address === `aws_s3_bucket_versioning.${label}`)!.instanceReferences;
  const one = (configAddress: string, address: string): unknown => [{ configAddress, addresses: [address] }];
  assert.deepEqual(instanceLinks('element'), one('aws_s3_bucket.c', 'aws_s3_bucket.c[1]'));
  assert.deepEqual(instanceLinks('wrapped'), one('aws_s3_bucket.c', 'aws_s3_bucket.c[2]'));
  assert.deepEqual(instanceLinks('paren'), one('aws_s3_bucket.c', 'aws_s3_bucket.c[1]'));
  assert.deepEqual(instanceLinks('legacy'), one('aws_s3_bucket.c', 'aws_s3_bucket.c[2]'));
  assert.deepEqual(instanceLinks('local'), one('aws_s3_bucket.c', 'aws_s3_bucket.c[2]'));
  assert.deepEqual(instanceLinks('tried'), one('aws_s3_bucket.c', 'aws_s3_bucket.c[0]'));
  assert.deepEqual(instanceLinks('whole_local'), one('aws_s3_bucket.c', 'aws_s3_bucket.c[0]'));
  assert.deepEqual(instanceLinks('values'), one('aws_s3_bucket.b', 'aws_s3_bucket.b["b"]'));
  assert.deepEqual(instanceLinks('values_splat'), one('aws_s3_bucket.b', 'aws_s3_bucket.b["a"]'));
  assert.deepEqual(instanceLinks('values_built'), one('aws_s3_bucket.b', 'aws_s3_bucket.b["b"]'));
  assert.equal(instanceLinks('unknown'), undefined);
  assert.equal(instanceLinks('both'), undefined);
  assert.deepEqual(linked(model, 'aws_s3_bucket.c[1]'), ['aws_s3_bucket_versioning.element', 'aws_s3_bucket_versioning.paren', 'aws_s3_bucket_versioning.unknown', 'aws_s3_bucket_versioning.both']);
  assert.deepEqual(linked(model, 'aws_s3_bucket.c[0]'), ['aws_s3_bucket_versioning.tried', 'aws_s3_bucket_versioning.whole_local', 'aws_s3_bucket_versioning.unknown', 'aws_s3_bucket_versioning.both']);
});

test('a condition known only at apply time links what either result refers to; a known one only the result taken', () => {
  const { model } = evaluateFiles({
    'main.tf':
      'variable "pick" {\n  type = bool\n}\nvariable "known" {\n  default = true\n}\n' +
      'resource "aws_s3_bucket" "a" {\n  bucket = "a-example"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "b-example"\n}\n' +
      versioning('either', '', 'var.pick ? aws_s3_bucket.a.id : aws_s3_bucket.b.id') +
      versioning('taken', '', 'var.known ? aws_s3_bucket.a.id : aws_s3_bucket.b.id'),
  });
  const refs = (label: string): readonly string[] => model.resources.find((r) => r.address === `aws_s3_bucket_versioning.${label}`)!.references;
  assert.deepEqual(refs('either'), ['aws_s3_bucket.a', 'aws_s3_bucket.b']);
  assert.deepEqual(refs('taken'), ['aws_s3_bucket.a']);
  assert.deepEqual(linked(model, 'aws_s3_bucket.b'), ['aws_s3_bucket_versioning.either']);
});
