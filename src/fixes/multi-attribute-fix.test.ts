// A fix that sets several attributes of one block (aws-kinesis-stream-encrypted's encryption_type and
// kms_key_id, the public-access-block flags): the new lines must be aligned together as terraform
// fmt aligns them, so `terraform fmt -check` passes after `safeguard fix`, and a one-line block
// must not be rewritten once per attribute (two rewrites of one range were an internal error).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import { allRules } from '../rules/index.js';
import { fixFiles } from './fix-files.js';
import { fixInMemory } from './fix-in-memory.js';

const rules = (...ids: string[]) => allRules.filter((r) => ids.includes(r.id));

describe('fixes that set several attributes of one block', () => {
  test('kinesis: encryption_type and kms_key_id join the aligned group (terraform fmt -check passed before and must after)', async () => {
    const main = 'resource "aws_kinesis_stream" "this" {\n  name        = "example"\n  shard_count = 1\n}\n';
    const run = await fixInMemory({ 'main.tf': main }, rules('aws-kinesis-stream-encrypted'), { unsafe: false });
    assert.equal(
      run.files.get('main.tf'),
      'resource "aws_kinesis_stream" "this" {\n  name            = "example"\n  shard_count     = 1\n  encryption_type = "KMS"\n  kms_key_id      = "alias/aws/kinesis"\n}\n',
    );
    assert.deepEqual(run.remaining, []);
  });

  test('kinesis: a one-line block is expanded once with every new attribute', async () => {
    const run = await fixInMemory({ 'main.tf': 'resource "aws_kinesis_stream" "s" { name = "x" }\n' }, rules('aws-kinesis-stream-encrypted'), { unsafe: false });
    assert.equal(run.files.get('main.tf'), 'resource "aws_kinesis_stream" "s" {\n  name            = "x"\n  encryption_type = "KMS"\n  kms_key_id      = "alias/aws/kinesis"\n}\n');
    assert.deepEqual(run.entries.map((e) => e.status), ['applied']);
  });

  test('public access block: the four flags added to a block holding only bucket, aligned', async () => {
    const main = 'resource "aws_s3_bucket" "b" {\n  bucket = "phi-records"\n}\n\nresource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.b.id\n}\n';
    const run = await fixInMemory({ 'main.tf': main }, rules('aws-s3-bucket-public-access-block'), { unsafe: true });
    assert.equal(
      run.files.get('main.tf'),
      main.replace(
        '  bucket = aws_s3_bucket.b.id\n',
        '  bucket                  = aws_s3_bucket.b.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n',
      ),
    );
  });

  test('a fix whose own edits overlap is reported as failed, not an internal error', async () => {
    const text = 'resource "a" "b" {\n  x = 1\n}\n';
    const block = { file: 'main.tf', start: { line: 1, column: 1, offset: 0 }, end: { line: 3, column: 2, offset: text.length - 1 } };
    const finding = {
      ruleId: 'r', status: 'fail', severity: 'high', title: 'r', message: 'r', resource: { address: 'a.b', kind: 'a' }, span: block, related: [], controls: [],
      // Two rewrites of one value: setObjectKeys and setAttribute of the same attribute.
      fix: { description: 'r', safety: 'safe', terraform: (edit) => [edit.setObjectKeys(block, 'x', [['k', '1']]), edit.setAttribute(block, 'x', '2')] },
    } as Finding;
    const run = await fixFiles(new Map([['main.tf', text]]), async () => [finding], { unsafe: false });
    assert.equal(run.files.get('main.tf'), text);
    assert.deepEqual(run.entries.map((e) => [e.status, e.notes[0]]), [['failed', 'the edits of this fix overlap one another; make the change by hand']]);
  });
});
