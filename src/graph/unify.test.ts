// One type for a collection's elements, as Terraform finds it (types.ts unifyValues). Every
// expected value is what Terraform 1.11 printed for the expression.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles, valueOf } from './testing-helpers.js';

const cases: [string, unknown][] = [
  // Conversion to list(any), map(any), set(any) and the to* functions.
  ['tolist([[1], ["a", "b"]])', [['1'], ['a', 'b']]],
  ['tolist([{ x = 1, y = true }, { x = "a", y = false }])', [{ x: '1', y: true }, { x: 'a', y: false }]],
  ['tolist([null, 1, "a"])', [null, '1', 'a']],
  ['toset([1, "1", true])', ['1', 'true']],
  ['tolist([toset(["a"]), ["b", 1]])', [['a'], ['1', 'b']]],
  ['tolist([{ a = 1 }, { b = 2 }])', [{ a: 1 }, { b: 2 }]],
  ['tolist([{ a = 1 }, { a = "x", b = 2 }])', [{ a: '1' }, { a: 'x', b: '2' }]],
  ['tolist([[1, "a"], ["b"]])', [['1', 'a'], ['b']]],
  ['tomap({ a = [1, 2], b = [] })', { a: [1, 2], b: [] }],
  ['tomap({ a = { x = 1 }, b = { y = "s" } })', { a: { x: '1' }, b: { y: 's' } }],
  // Functions whose arguments take one type.
  ['coalesce(1, "a")', '1'],
  ['coalesce("", 2)', '2'],
  ['distinct([1, "1"])', ['1']],
  ['setunion(["a"], [1])', ['1', 'a']],
  ['setsubtract(["1", "2"], [1])', ['2']],
  ['setintersection([1, 2], ["2"])', ['2']],
  ['matchkeys(["a", "b"], [1, 2], ["1"])', ['a']],
  ['reverse(toset(["b", "a"]))', ['b', 'a']],
  ['[for x in toset([true, false]) : x]', [false, true]],
  // A conditional's branches share one type when the other one is a constant.
  ['true ? [1, 2] : ["a"]', ['1', '2']],
  ['true ? { a = 1 } : { a = "x" }', { a: '1' }],
  ['true ? { a = 1 } : { b = "x" }', { a: '1' }],
  ['false ? ["a"] : [1, 2]', ['1', '2']],
  // Unchanged where the elements share a type already, or concat keeps a tuple.
  ['tolist([1, 2])', [1, 2]],
  ['concat(["a"], [1])', ['a', 1]],
  // Typed lists, sets and maps against the other result of a conditional, whatever its syntax.
  ['true ? tolist([1]) : tolist(["a"])', ['1']],
  ['true ? tomap({ a = 1 }) : tomap({ b = "x" })', { a: '1' }],
  ['true ? { a = 1 } : tomap({ a = "x" })', { a: '1' }],
  ['true ? tolist([1]) : ["a", true]', ['1']],
  ['true ? [1, "a"] : tolist([true])', ['1', 'a']],
  ['true ? tolist([{ a = 1 }]) : [{ b = "x" }]', [{ a: '1' }]],
  ['true ? tolist([1]) : []', [1]],
  ['true ? tolist([1]) : null', [1]],
  // Objects whose attributes have no one type with a map: the map's type, when they convert to it.
  ['true ? tomap({ a = "1" }) : { a = 1, b = true }', { a: '1' }],
  // A set with a list or tuple: the first type, in cty's preference, that the other converts to.
  ['true ? toset([1]) : ["a"]', [1]],
  ['true ? tolist([1]) : toset(["a"])', [1]],
  ['true ? toset([1]) : tolist(["a"])', ['1']],
  // concat of lists only is a list of their one element type.
  ['concat(tolist([1]), tolist(["a"]))', ['1', 'a']],
  ['concat(tolist([[1]]), tolist([["a"]]))', [['1'], ['a']]],
  ['concat(tolist([{ a = 1 }]), tolist([{ b = "x" }]))', [{ a: '1' }, { b: 'x' }]],
  ['concat(tolist([1]), ["a"])', [1, 'a']],
  ['concat(tolist([1]), tolist([true]))', [1, true]],
  // lookup's default takes the map's element type.
  ['lookup(tomap({ a = 1 }), "z", "2")', 2],
  ['lookup(tomap({ a = "x" }), "b", 1)', '1'],
  ['lookup(tomap({ a = 1 }), "z", null)', null],
];

test('collections of any type are unified as Terraform does', () => {
  for (const [expr, expected] of cases) assert.deepEqual(valueOf(expr), expected, expr);
});

test('variables of list(any), map(any) and set(any) take one element type; an `any` variable keeps its own', () => {
  const preamble = [
    'variable "flags" {\n  type    = map(any)\n  default = { enabled = true, name = "x" }\n}',
    'variable "ports" {\n  type    = list(any)\n  default = [22, "80"]\n}',
    'variable "free" {\n  type    = any\n  default = [22, "80"]\n}',
    'variable "objs" {\n  type    = map(any)\n  default = { a = { x = 1 }, b = { y = "s" } }\n}',
  ].join('\n');
  assert.equal(valueOf('var.flags.enabled == true', preamble), false); // "true", a string, as Terraform has it
  assert.equal(valueOf('var.flags.enabled == "true"', preamble), true);
  assert.equal(valueOf('lookup(var.flags, "enabled", false) == true', preamble), false);
  assert.equal(valueOf('contains(var.ports, 22)', preamble), false);
  assert.equal(valueOf('contains(var.ports, "22")', preamble), true);
  assert.deepEqual(valueOf('var.free', preamble), [22, '80']);
  assert.deepEqual(valueOf('var.objs', preamble), { a: { x: '1' }, b: { y: 's' } });
});

test('elements without a common type are an error, as in Terraform', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf': 'variable "m" {\n  type    = map(any)\n  default = { enabled = true, count = 1 }\n}\noutput "o" {\n  value = var.m\n}\n' });
  assert.ok(diagnostics.some((d) => d.code === 'eval/type' && /no common type/.test(d.message)), JSON.stringify(diagnostics));
});

test('typed collections without a common type, and a lookup default of another type, are errors as in Terraform', () => {
  const refused: [string, RegExp][] = [
    ['true ? tolist([1]) : tolist([true])', /Inconsistent conditional result types.*list of number.*list of bool/],
    ['true ? tomap({ a = 1 }) : { a = true }', /Inconsistent conditional result types/],
    ['true ? tolist([1]) : 1', /Inconsistent conditional result types/],
    ['true ? tolist(["a"]) : tolist([[1]])', /Inconsistent conditional result types/],
    // The type is found; the value then fails to convert ("a" is no number).
    ['false ? toset([1]) : ["a"]', /cannot convert/],
    ['lookup(tomap({ a = 1 }), "z", "x")', /default value must have the same type as the map elements/],
    ['lookup(tomap({ a = 1 }), "a", "x")', /default value must have the same type as the map elements/],
    ['lookup(tomap({ a = [1] }), "z", [])', /default value must have the same type as the map elements/],
  ];
  for (const [expr, message] of refused) {
    const { diagnostics } = evaluateFiles({ 'main.tf': `output "o" {\n  value = ${expr}\n}\n` });
    assert.ok(diagnostics.some((d) => d.severity === 'error' && message.test(d.message)), `${expr}: ${JSON.stringify(diagnostics)}`);
  }
});

test('the branch not taken, when it fails, leaves the result as it is (Terraform drops its errors)', () => {
  const { diagnostics, model } = evaluateFiles({ 'main.tf': 'output "o" {\n  value = true ? tolist([1]) : tolist(["a", 1 / "x"])\n}\n' });
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  assert.deepEqual(model.outputs[0]!.value.value, [1]);
});
