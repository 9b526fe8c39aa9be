// Issue 10: "merge a statement into a bucket policy" — aws-s3-bucket-tls-only's fix.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allRules } from '../rules/index.js';
import { fixInMemory } from './fix-in-memory.js';

const rule = allRules.filter((r) => r.id === 'aws-s3-bucket-tls-only');

const WITH_DOCUMENT = `resource "aws_s3_bucket" "phi" {
  bucket = "patient-records"
}

# Read access for the claims service.
data "aws_iam_policy_document" "phi" {
  statement {
    sid       = "ClaimsRead"
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.phi.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:role/claims"]
    }
  }
}

resource "aws_s3_bucket_policy" "phi" {
  bucket = aws_s3_bucket.phi.id
  policy = data.aws_iam_policy_document.phi.json
}
`;

describe('aws-s3-bucket-tls-only fix: a statement merged into the bucket policy', () => {
  test('is unsafe (it re-permissions the bucket) and is skipped without --unsafe', async () => {
    const run = await fixInMemory({ 'main.tf': WITH_DOCUMENT }, rule, { unsafe: false });
    assert.deepEqual(run.changed, []);
    assert.equal(run.entries[0]?.status, 'skipped-unsafe');
  });

  test('adds a second statement block to the policy document; the existing statement and comments stay as they were', async () => {
    const run = await fixInMemory({ 'main.tf': WITH_DOCUMENT }, rule, { unsafe: true });
    const after = run.files.get('main.tf')!;
    assert.ok(after.startsWith(WITH_DOCUMENT.slice(0, WITH_DOCUMENT.indexOf('  }\n}\n\nresource "aws_s3_bucket_policy"'))), 'everything before the new statement is unchanged');
    assert.match(after, /\n {2}\}\n\n {2}statement \{\n {4}sid {7}= "DenyInsecureTransport"\n {4}effect {4}= "Deny"\n/);
    assert.match(after, /resources = \[aws_s3_bucket\.phi\.arn, "\$\{aws_s3_bucket\.phi\.arn\}\/\*"\]/);
    assert.equal((after.match(/statement \{/g) ?? []).length, 2);
    assert.deepEqual(run.remaining, [], 'the rule passes after the fix');
    const again = await fixInMemory({ 'main.tf': after }, rule, { unsafe: true });
    assert.deepEqual(again.changed, [], 'a second fix changes nothing');
  });

  test('a bucket without a policy gets a policy document and an aws_s3_bucket_policy wired to it', async () => {
    const main = 'resource "aws_s3_bucket" "phi" {\n  bucket = "patient-records"\n}\n';
    const run = await fixInMemory({ 'main.tf': main }, rule, { unsafe: true });
    const after = run.files.get('main.tf')!;
    assert.match(after, /data "aws_iam_policy_document" "phi_tls_only" \{\n {2}statement \{/);
    assert.match(after, /resource "aws_s3_bucket_policy" "phi" \{\n {2}bucket = aws_s3_bucket\.phi\.id\n {2}policy = data\.aws_iam_policy_document\.phi_tls_only\.json\n\}/);
    assert.deepEqual(run.remaining, []);
  });

  test('a jsonencode policy is left to the author: no automatic edit', async () => {
    const main = 'resource "aws_s3_bucket" "phi" {\n  bucket = "patient-records"\n}\n\nresource "aws_s3_bucket_policy" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  policy = jsonencode({ Version = "2012-10-17", Statement = [] })\n}\n';
    const run = await fixInMemory({ 'main.tf': main }, rule, { unsafe: true });
    assert.deepEqual(run.changed, []);
    assert.equal(run.remaining.length, 1);
  });
});
