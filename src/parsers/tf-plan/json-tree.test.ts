// The offset-keeping JSON parser agrees with JSON.parse on values, keeps offsets, and reports errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { member, parseJsonTree, toJsonValue, type JsonNode } from './json-tree.js';

function parse(text: string): JsonNode {
  const parsed = parseJsonTree('t.json', text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors[0]!.message);
  return parsed.value;
}

const SAMPLES = [
  '{"a": 1, "b": [true, false, null], "c": {"d": -1.5e3, "e": ""}}',
  '"plain"',
  '"esc\\"aped \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9\\ud83d\\ude00 tail"',
  '"\\u0041start"',
  '[0, -0, 10, 1e-2, 2E+3, {}, [], ""]',
  '\ufeff {"bom": "kept offsets"} ',
];

test('values agree with JSON.parse, escapes included', () => {
  for (const text of SAMPLES) assert.deepEqual(toJsonValue(parse(text)), JSON.parse(text.replace(/^\ufeff/, '')), text);
});

test('duplicate keys keep the last value in the first position, in small and large objects', () => {
  assert.deepEqual(toJsonValue(parse('{"a": 1, "b": 2, "a": 3}')), { a: 3, b: 2 });
  const keys = Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`);
  const big = `{${[...keys, '"k3": "again"', '"k35": "late"', '"new": 1'].join(', ')}}`;
  const node = parse(big);
  assert.deepEqual(toJsonValue(node), JSON.parse(big));
  assert.equal(node.kind === 'object' ? node.entries.length : 0, 41);
  assert.equal(node.kind === 'object' ? node.entries[3]!.key : '', 'k3');
});

test('offsets point at keys and values in the text', () => {
  const text = '{\n  "name": "phi-data",\n  "tags": {"x": "y"}\n}';
  const root = parse(text);
  const name = member(root, 'name')!;
  assert.equal(text.slice(name.start, name.end), '"phi-data"');
  const tags = member(root, 'tags')!;
  assert.equal(text.slice(tags.start, tags.end), '{"x": "y"}');
  assert.equal(root.kind === 'object' ? text.slice(root.entries[1]!.keyStart, root.entries[1]!.keyStart + 6) : '', '"tags"');
});

test('syntax errors are diagnostics with a position', () => {
  for (const [text, message] of [
    ['{"a": 1,}', /property name/],
    ['{"a" 1}', /":"/],
    ['"open', /Unterminated/],
    ['"bad \\x escape"', /Invalid escape/],
    ['"ctl \u0001"', /Control character/],
    ['[1 2]', /","/],
    ['{} x', /after the JSON value/],
  ] as const) {
    const parsed = parseJsonTree('t.json', text, 'parse/terraform-plan');
    assert.equal(parsed.ok, false, text);
    if (!parsed.ok) {
      assert.match(parsed.errors[0]!.message, message, text);
      assert.equal(parsed.errors[0]!.code, 'parse/terraform-plan');
      assert.equal(parsed.errors[0]!.span?.file, 't.json');
    }
  }
});
