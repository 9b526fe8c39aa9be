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

test('a block starts at the key that names it, its last label, so each resource has its own place', () => {
  const src = '{\n  "resource": {\n    "aws_s3_bucket": {\n      "a": {},\n      "b": {}\n    }\n  },\n  "locals": {}\n}\n';
  const { file } = parseHclJson(src, 'main.tf.json');
  const [a, b, locals] = file.body.blocks;
  assert.equal(src.slice(a!.start, a!.end), '"a": {}');
  assert.equal(src.slice(b!.typeRange.start, b!.typeRange.end), '"b"');
  assert.equal(src.slice(locals!.start, locals!.typeRange.end), '"locals"');
});

test('a block body keys its nested blocks by the block type: every key of locals is a value, a module input may take any name', () => {
  const src = '{"locals": [{"lifecycle": {"a": 1}}, {"b": 2}], "module": {"m": {"source": "./m", "content": {"a": 1}, "lifecycle": {}}}, "check": {"c": {"data": {"aws_caller_identity": {"me": {}}}, "assert": {"condition": "${true}", "error_message": "x"}}}}';
  const { file, diagnostics } = parseHclJson(src, 'main.tf.json');
  assert.deepEqual(diagnostics, []);
  const [l1, l2, mod, check] = file.body.blocks;
  assert.deepEqual([l1!.body.attributes.map((a) => a.name), l1!.body.blocks, l2!.body.attributes.map((a) => a.name)], [['lifecycle'], [], ['b']]);
  assert.deepEqual(mod!.body.attributes.map((a) => a.name), ['source', 'content']);
  assert.deepEqual(mod!.body.blocks.map((b) => b.type), ['lifecycle']); // reserved: Terraform refuses it (config-structure.ts)
  assert.deepEqual(check!.body.blocks.map((b) => [b.type, ...b.labels.map((l) => l.value)]), [['data', 'aws_caller_identity', 'me'], ['assert']]);
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
