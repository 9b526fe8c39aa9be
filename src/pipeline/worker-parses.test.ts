// A --jobs worker keeps the trees it parsed for the next units, within a budget of characters,
// least recently used out first, and never serves a tree for a different text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkerParses } from './worker-parses.js';

const A = 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\n';
const B = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n';
const C = 'resource "aws_s3_bucket" "c" {\n  bucket = "c"\n}\n';

test('the same path and text give the same tree; another text is parsed anew', () => {
  const parses = new WorkerParses();
  const first = parses.parse('m/main.tf', A);
  assert.ok(first.file);
  assert.equal(parses.parse('m/main.tf', A), first);
  assert.equal(parses.parse('m/main.tf', [...A].join('')), first, 'equal text in another string');
  const changed = parses.parse('m/main.tf', B);
  assert.notEqual(changed, first);
  assert.equal(changed.file?.body.blocks[0]?.labels[1]?.value, 'b');
  assert.equal(parses.size, 1);
});

test('past the budget the least recently used tree goes; a text longer than the budget is not kept', () => {
  const parses = new WorkerParses(A.length + B.length);
  const a = parses.parse('a.tf', A);
  const b = parses.parse('b.tf', B);
  assert.equal(parses.parse('a.tf', A), a, 'a is now the most recently used');
  parses.parse('c.tf', C);
  assert.equal(parses.size, 2);
  assert.equal(parses.parse('a.tf', A), a, 'kept');
  assert.notEqual(parses.parse('b.tf', B), b, 'b was the least recently used, so it was parsed again');
  const small = new WorkerParses(10);
  small.parse('a.tf', A);
  assert.equal(small.size, 0);
});
