import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHclJson } from './index.js';

test('tf.json maps blocks, labels and attributes onto the native body model', () => {
  const src = '{\n  "resource": {\n    "aws_s3_bucket": {\n      "b": { "bucket": "x-${var.env}", "count": 2, "tags": { "a": "b" }, "lifecycle": { "prevent_destroy": true } }\n    }\n  },\n  "variable": { "env": { "default": "dev" } },\n  "locals": { "n": -1 }\n}\n';
  const { file, diagnostics } = parseHclJson(src, 'main.tf.json');
  assert.deepEqual(diagnostics, []);
  assert.equal(file.syntax, 'json');
  const [res, variable, locals] = file.body.blocks;
  assert.equal(res!.type, 'resource');
  assert.deepEqual(res!.labels.map((l) => l.value), ['aws_s3_bucket', 'b']);
  const bucket = res!.body.attributes.find((a) => a.name === 'bucket')!;
  assert.equal(bucket.expr.type, 'template');
  assert.ok(bucket.expr.type === 'template' && bucket.expr.parts[1]!.kind === 'interpolation');
  const interp = bucket.expr.type === 'template' ? bucket.expr.parts[1]! : undefined;
  assert.ok(interp && interp.kind === 'interpolation');
  assert.equal(src.slice(interp.expr.start, interp.expr.end), 'var.env');
  assert.equal(res!.body.blocks[0]!.type, 'lifecycle');
  assert.deepEqual(variable!.labels.map((l) => l.value), ['env']);
  assert.equal(locals!.body.attributes[0]!.name, 'n');
});

test('invalid JSON gives a diagnostic, never an exception', () => {
  for (const src of ['', '{', '{"a": }', '[1]', '{"a": "\\x"}', '{"a": 1} x', '['.repeat(5000)]) {
    const { diagnostics } = parseHclJson(src, 'bad.tf.json');
    assert.ok(diagnostics.length > 0, JSON.stringify(src.slice(0, 20)));
    assert.equal(diagnostics[0]!.code, 'parse/hcl');
  }
});

test('tfvars.json values are all attributes', () => {
  const { file } = parseHclJson('{"region": "us-east-1", "tags": {"a": "b"}, "lifecycle": {"x": 1}}', 'x.tfvars.json');
  assert.deepEqual(file.body.attributes.map((a) => a.name), ['region', 'tags', 'lifecycle']);
  assert.deepEqual(file.body.blocks, []);
});

test('a template nested past the stack in a JSON string gives a diagnostic, as in native syntax, never an exception', () => {
  for (const op of ['!', '-']) {
    const text = `{\n  "locals": { "x": "\${${op.repeat(20_000)}true}" }\n}\n`;
    const { file, diagnostics } = parseHclJson(text, 'deep.tf.json');
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.message, d.span?.file, d.span?.start.line]),
      [['error', 'The file is nested too deeply to parse.', 'deep.tf.json', 1]],
    );
    assert.equal(file.body.attributes.length + file.body.blocks.length, 0);
  }
});
