// Unknown values say why as data (model/unknown-cause.ts): the evaluator sets the cause where it
// makes an unknown, its text is derived from it, and the cause survives the model's trip between
// threads (--jobs), which copies it with the structured clone algorithm.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown, type Plain, type Unknown } from '../model/value.js';
import { allCauses, causeOf, describeCause, leadCause, type UnknownCause } from '../model/unknown-cause.js';
import { isCallerAccount } from '../model/caller-account.js';
import { computedFromValue } from '../model/computed-from.js';
import { valueOf } from './testing-helpers.js';

const pre = [
  'variable "pw" {\n  type      = string\n  sensitive = true\n}',
  'variable "label" {\n  type = string\n}',
  'resource "aws_kms_key" "k" {}',
  'resource "aws_s3_bucket" "b" {\n  bucket = null\n}',
  'data "aws_caller_identity" "me" {}',
  'ephemeral "random_password" "e" {\n  length = 16\n}',
].join('\n');

function unknownOf(expr: string): Unknown {
  const v: Plain | undefined = valueOf(expr, pre);
  assert.ok(isUnknown(v), `${expr} is unknown`);
  return v;
}

const cases: [string, Partial<UnknownCause> & { readonly kind: UnknownCause['kind'] }, string][] = [
  ['var.pw', { kind: 'variable', module: '', name: 'pw', why: 'required' }, 'var.pw is a required variable not given to the scan'],
  ['aws_kms_key.k.arn', { kind: 'attribute', address: 'aws_kms_key.k', type: 'aws_kms_key', mode: 'managed', attribute: 'arn', how: 'computed' }, 'aws_kms_key.k.arn is computed by the provider'],
  ['aws_kms_key.k.key_id', { kind: 'attribute', attribute: 'key_id', how: 'computed' }, 'aws_kms_key.k.key_id is computed by the provider'],
  ['aws_s3_bucket.b.bucket', { kind: 'attribute', attribute: 'bucket', nulled: true }, 'aws_s3_bucket.b.bucket is null in the configuration, so it is computed by the provider'],
  ['data.aws_caller_identity.me.account_id', { kind: 'attribute', mode: 'data', type: 'aws_caller_identity', how: 'read' }, 'data.aws_caller_identity.me.account_id is read from the provider when Terraform runs'],
  ['data.aws_caller_identity.me.id', { kind: 'attribute', mode: 'data', how: 'computed' }, 'data.aws_caller_identity.me.id is computed by the provider'],
  ['ephemeral.random_password.e.result', { kind: 'ephemeral', type: 'random_password', name: 'e' }, 'ephemeral.random_password.e is opened at run time and never stored'],
  ['sha256(var.pw)', { kind: 'one-way', fn: 'sha256', told: 'wrapped' }, 'sha256() of a value known only at apply time (var.pw is a required variable not given to the scan)'],
  ['sha256(sha256(var.pw))', { kind: 'one-way', fn: 'sha256' }, 'sha256() of a value known only at apply time (var.pw is a required variable not given to the scan)'],
  ['length(var.pw)', { kind: 'one-way', fn: 'length', told: 'as-argument' }, 'var.pw is a required variable not given to the scan'],
  ['filesha256(var.label)', { kind: 'one-way', fn: 'filesha256', told: 'as-argument' }, 'var.label is a required variable not given to the scan'],
  ['bcrypt(var.pw)', { kind: 'one-way', fn: 'bcrypt', told: 'wrapped' }, 'bcrypt() of a value known only at apply time (var.pw is a required variable not given to the scan)'],
  ['"${var.label}/${aws_kms_key.k.arn}"', { kind: 'parts' }, 'var.label is a required variable not given to the scan'],
  ['join(",", [var.label, aws_kms_key.k.arn])', { kind: 'parts' }, 'var.label is a required variable not given to the scan'],
  ['format("%s-%s", aws_kms_key.k.arn, var.label)', { kind: 'parts' }, 'aws_kms_key.k.arn is computed by the provider'],
  ['"${var.label}-${var.label}"', { kind: 'variable', name: 'label' }, 'var.label is a required variable not given to the scan'],
];

for (const [expr, expected, text] of cases) {
  test(`the cause of ${expr}`, () => {
    const u = unknownOf(expr);
    const cause = causeOf(u);
    for (const [k, v] of Object.entries(expected)) assert.deepEqual((cause as unknown as Record<string, unknown>)[k], v, `${expr}: ${k}`);
    // The text is the cause's, word for word as before the cause existed (messages quote it).
    assert.equal(u.reason, text);
    assert.equal(describeCause(cause), text);
  });
}

test('a value of several apply-time parts is told by the first and holds every part', () => {
  const cause = causeOf(unknownOf('"${sha256(var.pw)}:${aws_kms_key.k.arn}:${var.label}"'));
  assert.equal(leadCause(cause).kind, 'one-way');
  assert.deepEqual(allCauses(cause).map((c) => c.kind), ['one-way', 'attribute', 'variable']);
  // What a rule reads from the lead (which resource computes it) is what the text names, as before.
  assert.equal(computedFromValue(unknownOf('"${aws_kms_key.k.arn}/${var.label}"')), 'aws_kms_key.k');
  assert.equal(computedFromValue(unknownOf('"${var.label}/${aws_kms_key.k.arn}"')), undefined);
});

test('the caller account is known by its cause, whatever its text says', () => {
  const u = unknownOf('data.aws_caller_identity.me.account_id');
  assert.ok(isCallerAccount(u));
  // Rewording a message changes no verdict: the same cause under another text is still the caller's account.
  assert.ok(isCallerAccount({ ...u, reason: 'reworded' }));
  // A text alone that reads like it, with no cause, is not.
  assert.ok(!isCallerAccount({ unknown: true, reason: u.reason }));
  assert.ok(!isCallerAccount(unknownOf('var.label')));
  // Its id is the account id too (the provider sets it so), told as computed like every id.
  assert.ok(isCallerAccount(unknownOf('data.aws_caller_identity.me.id')));
});

test('the cause survives the structured clone that carries the model between threads (--jobs)', () => {
  for (const expr of ['aws_kms_key.k.arn', 'sha256(var.pw)', '"${var.label}/${aws_kms_key.k.arn}"', 'data.aws_caller_identity.me.account_id']) {
    const u = unknownOf(expr);
    const copy: unknown = structuredClone(u);
    assert.ok(isUnknown(copy), `${expr} is still unknown`);
    assert.deepEqual(copy, u);
    assert.equal(describeCause(causeOf(copy)), u.reason);
  }
  assert.ok(isCallerAccount(structuredClone(unknownOf('data.aws_caller_identity.me.account_id'))));
});

test('unknowns with nothing to tell apart keep the plain shape (no cause key)', () => {
  // A function's own apply-time result: its cause is the evaluator's (one-way calls), not the rules'.
  assert.equal(unknownOf('uuid()').cause, undefined);
  assert.equal(causeOf(unknownOf('timestamp()')).kind, 'text');
  const text: Plain = { unknown: true, reason: 'anything' };
  assert.ok(isUnknown(text));
  assert.equal(causeOf(text as Unknown).kind, 'text');
});
