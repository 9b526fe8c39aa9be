import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHcl } from '../parsers/hcl/index.js';
import { forEachTraversal } from './traversals.js';

function exprOf(src: string) {
  const { file, diagnostics } = parseHcl(`a = ${src}\n`, 'm.tf');
  assert.deepEqual(diagnostics, []);
  return file.body.attributes[0]!.expr;
}

test('forEachTraversal visits traversals depth first in source order, relative ones before their parts, bare object keys included', () => {
  const seen: string[] = [];
  forEachTraversal(exprOf('f(var.a, local.b).c + [aws_s3_bucket.x.id, { k = var.d }]'), (t) => seen.push(t.type === 'traversal' ? t.root : 'relative'));
  assert.deepEqual(seen, ['relative', 'var', 'local', 'aws_s3_bucket', 'k', 'var']); // a bare object key is a traversal node too
});

test('forEachTraversal walks a chain of 20 000 operators without overflowing the stack', () => {
  const seen: string[] = [];
  forEachTraversal(exprOf(`${'var.x + '.repeat(20_000)}1`), (t) => seen.push(t.type === 'traversal' ? t.root : 'relative'));
  assert.equal(seen.length, 20_000);
});
