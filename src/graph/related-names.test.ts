// InfraModel.related by literal name across root modules: a name may link to a resource of another
// root module, but one of the asker's own root wins, and only resources of the asked type count.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

const bucket = (label: string, name: string): string => `resource "aws_s3_bucket" "${label}" {\n  bucket = "${name}"\n}\n`;
const versioning = (label: string, name: string): string => `resource "aws_s3_bucket_versioning" "${label}" {\n  bucket = "${name}"\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`;

test("a literal name links within the asker's root module first, else to every root's resource of that type", () => {
  const { model } = evaluateFiles({
    'a/main.tf': bucket('logs', 'logs') + versioning('logs', 'logs'),
    'b/main.tf': bucket('logs', 'logs') + bucket('other', 'other'),
    'c/main.tf': versioning('logs', 'logs') + versioning('other', 'other') + versioning('nothing', 'nothing'),
  });
  const at = (root: string, type: string, name: string) => model.resources.find((r) => r.root === root && r.type === type && r.name === name)!;
  const names = (list: readonly { root?: string; address: string }[]) => list.map((r) => `${r.root}:${r.address}`);

  assert.deepEqual(names(model.related(at('a', 'aws_s3_bucket_versioning', 'logs'), 'aws_s3_bucket')), ['a:aws_s3_bucket.logs']);
  assert.deepEqual(names(model.related(at('c', 'aws_s3_bucket_versioning', 'logs'), 'aws_s3_bucket')), ['a:aws_s3_bucket.logs', 'b:aws_s3_bucket.logs']);
  assert.deepEqual(names(model.related(at('c', 'aws_s3_bucket_versioning', 'other'), 'aws_s3_bucket')), ['b:aws_s3_bucket.other']);
  assert.deepEqual(names(model.related(at('c', 'aws_s3_bucket_versioning', 'nothing'), 'aws_s3_bucket')), []);
  // From the bucket's side: its own root's versioning; b's bucket has none in b, so every root's.
  assert.deepEqual(names(model.related(at('a', 'aws_s3_bucket', 'logs'), 'aws_s3_bucket_versioning')), ['a:aws_s3_bucket_versioning.logs']);
  assert.deepEqual(names(model.related(at('b', 'aws_s3_bucket', 'logs'), 'aws_s3_bucket_versioning')), ['a:aws_s3_bucket_versioning.logs', 'c:aws_s3_bucket_versioning.logs']);
  // Only the asked type: c's versioning named "other", not the bucket itself nor c's other versionings.
  assert.deepEqual(names(model.related(at('b', 'aws_s3_bucket', 'other'), 'aws_s3_bucket_versioning')), ['c:aws_s3_bucket_versioning.other']);
  // `bucket` is a bucket's own name and what others point at, so same-named buckets link too.
  assert.deepEqual(names(model.related(at('b', 'aws_s3_bucket', 'logs'), 'aws_s3_bucket')), ['a:aws_s3_bucket.logs']);
  assert.deepEqual(names(model.related(at('b', 'aws_s3_bucket', 'other'), 'aws_s3_bucket')), []);
});
