import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sourceDigest } from '../discovery/file-index.js';
import { digestOf, SourceTexts } from './source-texts.js';

test('a text given by a loader is read when first asked for, once; its given digest needs no read', () => {
  let reads = 0;
  const texts = new SourceTexts();
  texts.set('b.tf', () => (reads++, 'b = 2\n'), sourceDigest('b = 2\n'));
  texts.set('a.tf', 'a = 1\n');
  assert.equal(texts.size, 2);
  assert.deepEqual([...texts.keys()], ['b.tf', 'a.tf']);
  assert.equal(texts.has('b.tf'), true);
  assert.equal(texts.digest('b.tf'), sourceDigest('b = 2\n'));
  assert.equal(digestOf(texts, 'a.tf'), sourceDigest('a = 1\n'));
  assert.equal(reads, 0, 'keys, has and digests read nothing');
  assert.equal(texts.get('b.tf'), 'b = 2\n');
  assert.equal(texts.get('b.tf'), 'b = 2\n');
  assert.equal(reads, 1);
  assert.equal(texts.get('c.tf'), undefined);
  assert.equal(texts.digest('c.tf'), undefined);
});

test('iterating gives every text, as a Map would (a cache miss reads them all)', () => {
  let reads = 0;
  const texts = new SourceTexts().set('x.tf', () => (reads++, 'x')).set('y.tf', 'y');
  assert.deepEqual(new Map(texts), new Map([['x.tf', 'x'], ['y.tf', 'y']]));
  assert.deepEqual([...texts.values()], ['x', 'y']);
  const seen: string[] = [];
  texts.forEach((text, path) => seen.push(`${path}=${text}`));
  assert.deepEqual(seen, ['x.tf=x', 'y.tf=y']);
  assert.equal(reads, 1);
  // A plain map's digest is its text's.
  assert.equal(digestOf(new Map([['x.tf', 'x']]), 'x.tf'), sourceDigest('x'));
});
