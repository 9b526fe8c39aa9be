// Collection functions against terraform console 1.11.4 (the function differential of stop 54):
// each row names what the console printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown } from '../../model/value.js';
import { evaluateFiles, valueOf } from '../testing-helpers.js';

const values: [string, unknown][] = [
  // merge() is a map only where every argument is a map of one element type; else an object, which
  // an object constructor equals (console: true for both, and merge(null) == {} is true).
  ['merge(tomap({ a = 1 }), tomap({ b = "x" })) == { a = 1, b = "x" }', true],
  ['merge(tomap({ a = 1 }), tomap({ b = 2 })) == tomap({ a = 1, b = 2 })', true],
  ['merge(tomap({ a = 1 }), tomap({ b = 2 })) == { a = 1, b = 2 }', false],
  ['merge(tomap({ a = { x = 1 } }), tomap({ b = { y = 2 } })) == { a = { x = 1 }, b = { y = 2 } }', true],
  ['merge(null) == {}', true],
  // Keys, sets and sort() in code point order, as Go orders strings (console: U+FFFF before an emoji,
  // which UTF-16 order puts first).
  ['keys({ "\\uffff" = 0, "😀" = 1 })', ['\uffff', '😀']],
  ['keys({ "🙂" = 0, "\\ufb01" = 1, "\\u2603" = 2 })', ['\u2603', '\ufb01', '🙂']],
  ['values({ "\\uffff" = 0, "😀" = 1 })', [0, 1]],
  ['sort(["😀", "\\uffff", "a"])', ['a', '\uffff', '😀']],
  ['tolist(toset(["😀", "\\uffff"]))', ['\uffff', '😀']],
  ['jsonencode({ "😀" = 1, "\\uffff" = 0 })', '{"\uffff":0,"😀":1}'],
  ['[for k, v in { "😀" = 1, "\\uffff" = 0 } : k]', ['\uffff', '😀']],
  // Two infinities of one sign add up (console: +Inf).
  ['tostring(sum([1/0, 1/0]))', '+Inf'],
];

test('collection functions give what terraform console 1.11.4 gives', () => {
  for (const [expr, expected] of values) assert.deepEqual(valueOf(expr), expected, expr);
});

// Console: "argument must be list, tuple, or set"; "values argument must be a list or tuple value";
// "can't compute sum of opposing infinities".
const refused = [
  'contains({ a = 1 }, 1)',
  'contains(tomap({ a = "x" }), "x")',
  'zipmap(["a"], { a = 1 })',
  'zipmap(["a"], toset([1]))',
  'sum([1/0, -1/0])',
  // Every coalescelist() argument is a list or tuple, the ones after a non-empty one too
  // ("coalescelist arguments must be lists or tuples").
  'coalescelist(["a"], "x")',
  'coalescelist([], 1)',
  'coalescelist(["a"], toset(["x"]))',
];

test('collection calls terraform console 1.11.4 refuses are reported, not given a value', () => {
  for (const expr of refused) {
    const { model, diagnostics } = evaluateFiles({ 'main.tf': `output "o" {\n  value = ${expr}\n}\n` });
    const value = model.outputs.find((o) => o.name === 'o')?.value.value;
    assert.ok(isUnknown(value), `${expr} should be unknown, got ${JSON.stringify(value)}`);
    assert.ok(diagnostics.some((d) => d.severity === 'error' && d.span?.start.line === 2), `${expr}: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
  }
});
