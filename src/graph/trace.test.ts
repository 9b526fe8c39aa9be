// Trace and Scope share what they can (a memo's provenance list, one binding per scope) instead
// of copying it: the shared lists must never change, and lookups must find what a Map would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Span } from '../source/span.js';
import { dedupeSpans } from './body.js';
import { EMPTY_SCOPE, Trace } from './evaluate.js';
import { valueOf } from './testing-helpers.js';

const span = (offset: number): Span => ({ file: 'main.tf', start: { line: 1, column: offset + 1, offset }, end: { line: 1, column: offset + 2, offset: offset + 1 } });

test('a trace shares the first memo list it absorbs and copies it before adding to it', () => {
  const a = span(1);
  const b = span(2);
  const memoVia = Object.freeze([a]) as readonly Span[];
  const trace = new Trace();
  trace.absorb({ via: memoVia, sensitive: false, refs: [] });
  assert.equal(trace.via, memoVia);
  trace.absorb({ via: [b], sensitive: true, refs: [] }, a);
  assert.deepEqual(trace.via, [a, b, a]);
  assert.deepEqual(memoVia, [a]);
  assert.equal(trace.sensitive, true);
  const withLast = new Trace();
  withLast.absorb({ via: memoVia, sensitive: false, refs: [] }, b);
  assert.deepEqual(withLast.via, [a, b]);
  assert.deepEqual(memoVia, [a]);
});

test('a trace keeps references in first-seen order without repeats, short or long', () => {
  const trace = new Trace();
  trace.addRef('aws_s3_bucket.b');
  trace.absorb({ via: [], sensitive: false, refs: ['aws_kms_key.k', 'aws_s3_bucket.b'] });
  assert.deepEqual(trace.refList(), ['aws_s3_bucket.b', 'aws_kms_key.k']);
  const names = Array.from({ length: 40 }, (_, i) => `aws_s3_bucket.b${i % 25}`);
  const long = new Trace();
  for (const n of names) long.addRef(n);
  assert.deepEqual(long.refList(), [...new Set(names)]);
  const target = new Set<string>();
  long.copyRefsTo(target);
  assert.deepEqual([...target], [...new Set(names)]);
  assert.equal(new Trace().refList().length, 0);
});

test('dedupeSpans returns the list itself when nothing is dropped, a new one otherwise', () => {
  const a = span(1);
  const b = span(2);
  const list = [a, b];
  assert.equal(dedupeSpans(list), list);
  assert.deepEqual(dedupeSpans([a, b, { ...a }]), [a, b]);
  assert.deepEqual(dedupeSpans(list, { ...b }), [a]);
  assert.deepEqual(list, [a, b]);
});

test('scopes of one binding find names as maps do; the inner binding wins', () => {
  const scope = EMPTY_SCOPE.bind('count', 1).with(new Map([['each', 2]])).bind('x', null);
  assert.equal(scope.lookup('count'), 1);
  assert.equal(scope.lookup('each'), 2);
  assert.equal(scope.lookup('x'), null);
  assert.equal(scope.lookup('y'), undefined);
  assert.equal(scope.bind('count', 3).lookup('count'), 3);
});

test('a for expression whose key and value variables share a name sees the key, as before', () => {
  assert.deepEqual(valueOf('[for x, x in ["a", "b"] : x]'), [0, 1]);
  assert.deepEqual(valueOf('{ for k, v in { a = 1, b = 2 } : k => v * 10 }'), { a: 10, b: 20 });
  assert.equal(valueOf('"%{ for k, v in { a = 1, b = 2 } }${k}=${v};%{ endfor }"'), 'a=1;b=2;');
  assert.deepEqual(valueOf('[for s in toset(["b", "a"]) : s]'), ['a', 'b']);
});

test('a trace that keeps no hops still records references and sensitivity', () => {
  const trace = new Trace(false);
  trace.absorb({ via: [span(1)], sensitive: true, refs: ['aws_kms_key.k'] }, span(2));
  assert.equal(trace.via.length, 0);
  assert.equal(trace.sensitive, true);
  assert.deepEqual(trace.refList(), ['aws_kms_key.k']);
});
