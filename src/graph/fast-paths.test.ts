// Shortcuts the evaluator takes for speed (static object keys, per-block memos, shared empty
// lists) must give what the general path gives: values, key order, provenance order, per-instance
// results.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles, valueOf } from './testing-helpers.js';

test('an object with written keys: sorted keys, later duplicates win, computed keys take the general path', () => {
  const fixed = valueOf('{ b = 1, a = 2, "c" = 3, b = 4, "" = 5 }') as Record<string, unknown>;
  assert.deepEqual(Object.keys(fixed), ['', 'a', 'b', 'c']);
  assert.deepEqual(fixed, { '': 5, a: 2, b: 4, c: 3 });
  const mixed = valueOf('{ (local.k) = 1, a = 2, "${local.k}x" = 3 }', 'locals {\n  k = "z"\n}\n') as Record<string, unknown>;
  assert.deepEqual(Object.keys(mixed), ['a', 'z', 'zx']);
  assert.deepEqual(valueOf('{}'), {});
});

test('an object with written keys keeps provenance in source order, not key order', () => {
  const { model } = evaluateFiles({
    'main.tf': [
      'variable "v" {',
      '  default = "from-var"',
      '}',
      'locals {',
      '  a = "from-local"',
      '}',
      'resource "aws_s3_bucket" "b" {',
      '  tags = { z = local.a, b = var.v }',
      '}',
      '',
    ].join('\n'),
  });
  const tags = model.resources[0]!.attributes.get('tags')!;
  assert.deepEqual(tags.value, { b: 'from-var', z: 'from-local' });
  assert.deepEqual(tags.via.map((s) => s.start.line), [5, 2]);
});

test('module instances with different inputs get their own objects and references', () => {
  const { model } = evaluateFiles({
    'm/main.tf': [
      'variable "x" {}',
      'resource "aws_s3_bucket" "r" {',
      '  count  = var.x == "one" ? 0 : 2',
      '  bucket = var.x',
      '}',
      'output "o" {',
      '  value = { k = var.x, first = try(aws_s3_bucket.r[0].bucket, "none") }',
      '}',
      '',
    ].join('\n'),
    'main.tf': 'module "a" {\n  source = "./m"\n  x      = "one"\n}\nmodule "b" {\n  source = "./m"\n  x      = "two"\n}\n',
  });
  const outputs = model.outputs.filter((o) => o.name === 'o').map((o) => [o.module, o.value.value]);
  assert.deepEqual(outputs, [
    ['module.a', { first: 'none', k: 'one' }],
    ['module.b', { first: 'two', k: 'two' }],
  ]);
  assert.deepEqual(model.resources.map((r) => r.address), ['module.b.aws_s3_bucket.r[0]', 'module.b.aws_s3_bucket.r[1]']);
});

test('errors thrown inside try() are caught; outside it they are reported once per place with their code', () => {
  const { model, diagnostics } = evaluateFiles({
    'main.tf': [
      'resource "aws_s3_bucket" "r" {',
      '  count = 0',
      '}',
      'output "caught" {',
      '  value = try(aws_s3_bucket.r[0].id, "fallback")',
      '}',
      'output "reported" {',
      '  value = aws_s3_bucket.r[0].id',
      '}',
      '',
    ].join('\n'),
  });
  assert.equal(model.outputs.find((o) => o.name === 'caught')!.value.value, 'fallback');
  const reported = diagnostics.filter((d) => d.code === 'eval/instance-key');
  assert.equal(reported.length, 1);
  assert.equal(reported[0]!.span!.start.line, 8);
  assert.match(reported[0]!.message, /aws_s3_bucket\.r\[0\] does not exist/);
});

test('try() and can() over a missing instance or attribute give what the exception gave, references included', () => {
  const { model, diagnostics } = evaluateFiles({
    'main.tf': [
      'variable "settings" {',
      '  default = { name = "n" }',
      '}',
      'resource "aws_kms_key" "k" {',
      '  count = 0',
      '}',
      'resource "aws_s3_bucket" "b" {',
      '  bucket = try(aws_kms_key.k[0].arn, var.settings.missing, var.settings.name)',
      '  acl    = can(aws_kms_key.k[0]) ? "yes" : "no"',
      '  policy = can(var.settings.missing)',
      '  tags   = { k = try(aws_s3_bucket.c.arn, "x"), m = try(var.settings.name.deeper, "y") }',
      '}',
      'resource "aws_s3_bucket" "c" {',
      '  bucket = "c"',
      '}',
      'output "none" {',
      '  value = try(aws_kms_key.k[0].arn, var.settings.missing)',
      '}',
      '',
    ].join('\n'),
  });
  const b = model.resources.find((r) => r.address === 'aws_s3_bucket.b')!;
  assert.equal(b.attributes.get('bucket')!.value, 'n');
  assert.equal(b.attributes.get('acl')!.value, 'no');
  assert.equal(b.attributes.get('policy')!.value, false);
  const tags = b.attributes.get('tags')!.value as Record<string, unknown>;
  assert.equal(tags.m, 'y');
  assert.equal(b.attributes.get('tags')!.provenance, 'explicit');
  assert.deepEqual(b.references, ['aws_kms_key.k', 'aws_s3_bucket.c']);
  assert.deepEqual(b.attributes.get('bucket')!.via.map((s) => s.start.line), [2]);
  const failed = diagnostics.filter((d) => /no expression succeeded/.test(d.message));
  assert.equal(failed.length, 1);
  assert.equal(failed[0]!.span!.start.line, 17);
});
