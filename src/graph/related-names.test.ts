// InfraModel.related by literal name across root modules: a name may link to a resource of another
// root module, but one of the asker's own root wins, only resources of the asked type count, and a
// resource of another root that has its own namesake of the asker is about that one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

const bucket = (label: string, name: string): string => `resource "aws_s3_bucket" "${label}" {\n  bucket = "${name}"\n}\n`;
const versioning = (label: string, name: string): string => `resource "aws_s3_bucket_versioning" "${label}" {\n  bucket = "${name}"\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`;

test("a literal name links within the asker's root module first, else to other roots' resources of that type", () => {
  const { model } = evaluateFiles({
    'a/main.tf': bucket('logs', 'logs') + versioning('logs', 'logs'),
    'b/main.tf': bucket('logs', 'logs') + bucket('other', 'other'),
    'c/main.tf': versioning('logs', 'logs') + versioning('other', 'other') + versioning('nothing', 'nothing'),
  });
  const at = (root: string, type: string, name: string) => model.resources.find((r) => r.root === root && r.type === type && r.name === name)!;
  const names = (list: readonly { root?: string; address: string }[]) => list.map((r) => `${r.root}:${r.address}`);

  assert.deepEqual(names(model.related(at('a', 'aws_s3_bucket_versioning', 'logs'), 'aws_s3_bucket')), ['a:aws_s3_bucket.logs']);
  // c's versioning names "logs": b's bucket, not a's, whose root configures its own "logs" (a's versioning).
  assert.deepEqual(names(model.related(at('c', 'aws_s3_bucket_versioning', 'logs'), 'aws_s3_bucket')), ['b:aws_s3_bucket.logs']);
  assert.deepEqual(names(model.related(at('c', 'aws_s3_bucket_versioning', 'other'), 'aws_s3_bucket')), ['b:aws_s3_bucket.other']);
  assert.deepEqual(names(model.related(at('c', 'aws_s3_bucket_versioning', 'nothing'), 'aws_s3_bucket')), []);
  // From the bucket's side: its own root's versioning; b's bucket has none in b, so another root's,
  // but not a's, which is about a's own bucket "logs".
  assert.deepEqual(names(model.related(at('a', 'aws_s3_bucket', 'logs'), 'aws_s3_bucket_versioning')), ['a:aws_s3_bucket_versioning.logs']);
  assert.deepEqual(names(model.related(at('b', 'aws_s3_bucket', 'logs'), 'aws_s3_bucket_versioning')), ['c:aws_s3_bucket_versioning.logs']);
  // Only the asked type: c's versioning named "other", not the bucket itself nor c's other versionings.
  assert.deepEqual(names(model.related(at('b', 'aws_s3_bucket', 'other'), 'aws_s3_bucket_versioning')), ['c:aws_s3_bucket_versioning.other']);
  // Two stacks' buckets of one name are each their own stack's (`bucket` is a bucket's own name and what others point at).
  assert.deepEqual(names(model.related(at('b', 'aws_s3_bucket', 'logs'), 'aws_s3_bucket')), []);
  assert.deepEqual(names(model.related(at('b', 'aws_s3_bucket', 'other'), 'aws_s3_bucket')), []);
});

test("another root's resource naming a name is about its own root's namesake when that root declares one", () => {
  const user = (name: string): string => `resource "aws_iam_user" "alice" {\n  name = "${name}"\n}\n`;
  const membership = (name: string): string => `resource "aws_iam_user_group_membership" "alice" {\n  user   = "${name}"\n  groups = ["clinicians"]\n}\n`;
  const { model } = evaluateFiles({
    'dev/main.tf': user('alice') + membership('alice'),
    'prod/main.tf': user('alice'),
    'people/main.tf': membership('bob'),
    'staff/main.tf': user('bob'),
  });
  const at = (root: string, type: string) => model.resources.find((r) => r.root === root && r.type === type)!;
  const names = (list: readonly { root?: string; address: string }[]) => list.map((r) => `${r.root}:${r.address}`);
  // prod's alice has no membership: dev's names dev's own alice.
  assert.deepEqual(names(model.related(at('prod', 'aws_iam_user'), 'aws_iam_user_group_membership')), []);
  assert.deepEqual(names(model.related(at('dev', 'aws_iam_user'), 'aws_iam_user_group_membership')), ['dev:aws_iam_user_group_membership.alice']);
  // A stack that only manages memberships names users of another stack.
  assert.deepEqual(names(model.related(at('staff', 'aws_iam_user'), 'aws_iam_user_group_membership')), ['people:aws_iam_user_group_membership.alice']);
  assert.deepEqual(names(model.related(at('people', 'aws_iam_user_group_membership'), 'aws_iam_user')), ['staff:aws_iam_user.alice']);
});

test('stacks reusing one name: each root with its own copy keeps to it; the others link to roots without one, in model order, every time asked', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 6; i++) files[`stacks/s${i}/main.tf`] = bucket('data', 'app-data') + (i % 2 ? versioning('data', 'app-data') : '');
  // Roots that only configure the name (no bucket of their own): what the stacks without versioning link to.
  files['shared/v1/main.tf'] = versioning('data', 'app-data');
  files['shared/v2/main.tf'] = versioning('one', 'app-data') + versioning('two', 'app-data');
  const { model } = evaluateFiles(files);
  const bucketOf = (root: string) => model.resources.find((r) => r.root === root && r.type === 'aws_s3_bucket')!;
  const names = (list: readonly { root?: string; address: string }[]) => list.map((r) => `${r.root}:${r.address}`);
  const elsewhere = ['shared/v1:aws_s3_bucket_versioning.data', 'shared/v2:aws_s3_bucket_versioning.one', 'shared/v2:aws_s3_bucket_versioning.two'];
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 6; i++) {
      const expected = i % 2 ? [`stacks/s${i}:aws_s3_bucket_versioning.data`] : elsewhere;
      assert.deepEqual(names(model.related(bucketOf(`stacks/s${i}`), 'aws_s3_bucket_versioning')), expected, `s${i}, round ${round}`);
    }
  }
  // From a versioning of a root without a bucket: the buckets of the stacks without a versioning of that name.
  const v1 = model.resources.find((r) => r.root === 'shared/v1')!;
  assert.deepEqual(names(model.related(v1, 'aws_s3_bucket')), ['stacks/s0:aws_s3_bucket.data', 'stacks/s2:aws_s3_bucket.data', 'stacks/s4:aws_s3_bucket.data']);
});

test('related reads the literal names of a target from outside the model (the model keeps those of its own resources)', () => {
  const { model } = evaluateFiles({ 'a/main.tf': bucket('logs', 'logs') });
  const { model: other } = evaluateFiles({ 'a/main.tf': versioning('logs', 'logs') + versioning('nothing', 'nothing') });
  const outside = (name: string) => other.resources.find((r) => r.name === name)!;
  assert.deepEqual(model.related(outside('logs'), 'aws_s3_bucket').map((r) => r.address), ['aws_s3_bucket.logs']);
  assert.deepEqual(model.related(outside('nothing'), 'aws_s3_bucket'), []);
});
