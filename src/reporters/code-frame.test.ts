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

test('the underline sits under the span on a line with wide, astral and combining characters before it', () => {
  // 中文 and 😀 take two terminal cells each, the combining acute accent none; the columns (UTF-16
  // code units) alone would put the carets one cell left of storage_encrypted here.
  const line = '\t/* é 中文 😀 e\u0301 */ storage_encrypted = false';
  const wide = `x {\n${line}\n}\n`;
  const idx = new LineIndex(wide);
  const at = wide.indexOf('storage_encrypted');
  const frame = codeFrame(wide, idx.span('f.tf', at, at + 'storage_encrypted = false'.length), { contextLines: 0 });
  const [shown, underline] = frame.split('\n') as [string, string];
  assert.equal(shown, '> 2 |   /* é 中文 😀 e\u0301 */ storage_encrypted = false');
  // Two cells for the tab and 18 for the comment before the span.
  assert.equal(underline, `    | ${' '.repeat(20)}${'^'.repeat(25)}`);
});

test('wide characters inside the span widen its underline', () => {
  const wide = 'tags = { Name = "中文" }\n';
  const at = wide.indexOf('"中文"');
  const frame = codeFrame(wide, new LineIndex(wide).span('f.tf', at, at + 4), { contextLines: 0 });
  assert.equal(frame, `> 1 | tags = { Name = "中文" }\n    | ${' '.repeat(16)}^^^^^^`);
});

test('a span beyond the visible part of a long line is shown in a window around it', () => {
  // A plan JSON is one line: the first 200 characters of it are not where the finding is.
  const long = `{"a":"${'x'.repeat(3000)}","storage_encrypted":false,"b":"${'y'.repeat(500)}"}`;
  const at = long.indexOf('"storage_encrypted"');
  const frame = codeFrame(long, new LineIndex(long).span('plan.json', at, at + '"storage_encrypted":false'.length), { contextLines: 0, maxLineLength: 80 });
  const [shown, underline] = frame.split('\n') as [string, string];
  assert.ok(shown.startsWith('> 1 | …'), shown);
  assert.ok(shown.endsWith('…'), shown);
  const caret = underline.indexOf('^');
  assert.equal(shown.slice(caret, caret + '"storage_encrypted":false'.length), '"storage_encrypted":false');
  assert.equal(underline.slice(caret), '^'.repeat('"storage_encrypted":false'.length));
  assert.ok(shown.length <= '> 1 | '.length + 80 + 1, shown);
});

test('a long line is cut on a character boundary, never inside a surrogate pair', () => {
  const long = `${'😀'.repeat(150)}\nx\n`;
  const idx = new LineIndex(long);
  const at = long.indexOf('x');
  const frame = codeFrame(long, idx.span('f.tf', at, at + 1), { contextLines: 1, maxLineLength: 21 });
  assert.equal(frame.split('\n')[0], `  1 | ${'😀'.repeat(10)}…`);
});

test('a frame on a megabytes-long line counts only what it shows', () => {
  // A one-line plan JSON: every finding's frame measured the whole line before the span (and the span) before.
  const long = `{"a":"é中😀${'x'.repeat(4_000_000)}","storage_encrypted":false}`;
  const idx = new LineIndex(long);
  const at = long.indexOf('"storage_encrypted"');
  const started = performance.now();
  for (let i = 0; i < 50; i++) codeFrame(long, idx.span('plan.json', at, at + 25), {}, idx);
  for (let i = 0; i < 50; i++) codeFrame(long, idx.span('plan.json', 1, long.length - 1), {}, idx);
  assert.ok(performance.now() - started < 2000, `${Math.round(performance.now() - started)} ms`);
});

test('an emoji sequence is one picture of two cells: ZWJ sequences, flags, skin tones, keycaps, VS16', () => {
  // Counted per code point, the family (five code points) took 6 cells, the flag and the skin tone
  // 4, the heart with VS16 1: the carets sat right of (or left of) `secret` on such a line.
  for (const emoji of ['👨\u200d👩\u200d👧', '🇺🇸', '👍🏽', '❤\ufe0f', '1\ufe0f\u20e3', '🏳\ufe0f\u200d🌈']) {
    const line = `tags = { team = "${emoji}", secret = "x" }\n`;
    const at = line.indexOf('secret');
    const frame = codeFrame(line, new LineIndex(line).span('f.tf', at, at + 'secret'.length), { contextLines: 0 });
    // `tags = { team = "` (17 cells), the emoji (2), `", ` (3).
    assert.equal(frame.split('\n')[1], `    | ${' '.repeat(22)}${'^'.repeat(6)}`, emoji);
  }
  // Inside the span, a sequence widens the underline by two, and a cut line never splits one.
  const inside = 'team = "👨\u200d👩\u200d👧"\n';
  const frame = codeFrame(inside, new LineIndex(inside).span('f.tf', 7, inside.length - 1), { contextLines: 0 });
  assert.equal(frame.split('\n')[1], `    | ${' '.repeat(7)}^^^^`);
  const long = `x = "${'👨\u200d👩\u200d👧'.repeat(200)}"\n`;
  const shown = codeFrame(long, new LineIndex(long).span('f.tf', 0, 1), { contextLines: 0, maxLineLength: 11 }).split('\n')[0]!;
  assert.equal(shown, `> 1 | x = "${'👨\u200d👩\u200d👧'.repeat(3)}…`);
});
