// Unit tests for src/source/code-frame.ts (kept here: src/source is owned by another layer's tests).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeFrame } from '../source/code-frame.js';
import { LineIndex } from '../source/line-index.js';

const text = 'resource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  storage_encrypted = false\n}\n';
const lines = new LineIndex(text);

test('marks the span line and underlines the span', () => {
  const start = text.indexOf('storage_encrypted');
  const span = lines.span('main.tf', start, start + 'storage_encrypted = false'.length);
  assert.equal(
    codeFrame(text, span),
    [
      '  2 |   engine            = "postgres"',
      '> 3 |   storage_encrypted = false',
      '    |   ^^^^^^^^^^^^^^^^^^^^^^^^^',
      '  4 | }',
    ].join('\n'),
  );
});

test('a multi-line span underlines its first line to the end of the line', () => {
  const span = lines.span('main.tf', 0, text.length - 1);
  const frame = codeFrame(text, span, { contextLines: 0 });
  assert.equal(frame, `> 1 | resource "aws_db_instance" "phi" {\n    | ${'^'.repeat('resource "aws_db_instance" "phi" {'.length)}`);
});

test('an empty span still shows one caret; first line has no line before it', () => {
  const span = lines.span('main.tf', 0, 0);
  assert.equal(codeFrame(text, span), '> 1 | resource "aws_db_instance" "phi" {\n    | ^\n  2 |   engine            = "postgres"');
});

test('gutter widens for two-digit line numbers and tabs are expanded', () => {
  const many = Array.from({ length: 12 }, (_, i) => (i === 9 ? '\tx = 1' : `l${i + 1}`)).join('\n');
  const idx = new LineIndex(many);
  const at = many.indexOf('x = 1');
  const frame = codeFrame(many, idx.span('f.tf', at, at + 1));
  assert.equal(frame, '   9 | l9\n> 10 |   x = 1\n     |   ^\n  11 | l11');
});

test('a span outside the text renders nothing', () => {
  assert.equal(codeFrame('a', { file: 'f', start: { line: 5, column: 1, offset: 10 }, end: { line: 5, column: 2, offset: 11 } }), '');
});

test('highlight and indent options wrap the marker and underline', () => {
  const span = lines.span('main.tf', 0, 8);
  const frame = codeFrame(text, span, { contextLines: 0, indent: '  ', highlight: (s) => `[${s}]` });
  assert.equal(frame, '  [>] 1 | resource "aws_db_instance" "phi" {\n      | [^^^^^^^^]');
});
