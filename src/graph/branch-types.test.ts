// A conditional whose condition is known still gives its result the type both results unify to
// (branch-types.ts). Every expected value is what `terraform console -plan` 1.11.4 printed for the
// expression with the preamble's resources planned (terraform_data.u.id unknown, a string).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles, valueOf } from './testing-helpers.js';
import { isUnknown } from '../model/value.js';

const PREAMBLE = [
  'resource "terraform_data" "u" {\n  input = "x"\n}',
  'resource "terraform_data" "o" {\n  input = { a = 1, b = "x" }\n}',
  'resource "terraform_data" "l" {\n  input = ["a", "b"]\n}',
  'locals {\n  s = "x"\n  n = 5\n  o = { a = 1 }\n  u = terraform_data.u.id == ""\n}',
  'variable "nv" {\n  type    = object({ a = string })\n  default = null\n}',
].join('\n');

const cases: [string, unknown][] = [
  // The result not taken types the one taken, whatever its syntax.
  ['true ? [4] : [terraform_data.u.id]', ['4']],
  ['false ? [terraform_data.u.id] : [4]', ['4']],
  ['true ? { a = 4 } : { a = terraform_data.u.id }', { a: '4' }],
  ['true ? { a = 4 } : { b = terraform_data.u.id }', { a: '4' }], // tomap({ a = "4" })
  ['true ? [4, true] : [terraform_data.u.id, "x"]', ['4', 'true']],
  ['true ? [4] : ["${terraform_data.u.id}-x"]', ['4']],
  ['true ? 4 : "${terraform_data.u.id}"', '4'],
  ['true ? [4] : [terraform_data.u.output]', ['4']],
  ['true ? [4] : [terraform_data.o.output.b]', ['4']],
  ['true ? [4] : [local.s]', ['4']],
  ['true ? [4] : [upper("a")]', ['4']],
  ['true ? [4] : [for x in ["a"] : x]', ['4']],
  ['true ? [4] : [for x in [terraform_data.u.id] : x]', ['4']],
  ['true ? [4] : [local.n > 3 ? "a" : "b"]', ['4']],
  ['true ? [[4]] : [[terraform_data.u.id]]', [['4']]],
  ['true ? [[4]] : [[terraform_data.u.id, "x"]]', [['4']]], // [tolist(["4"])]
  ['true ? [{ a = 4 }] : [terraform_data.o.output]', [{ a: '4' }]], // [tomap({ a = "4" })]
  ['true ? [{ a = 4, b = 5 }] : [terraform_data.o.output]', [{ a: 4, b: '5' }]],
  ['true ? tolist([4]) : [terraform_data.u.id]', ['4']],
  ['true ? toset([4]) : [terraform_data.u.id]', [4]],
  ['true ? tomap({ a = 4 }) : { a = terraform_data.u.id }', { a: '4' }],
  // Tuples of two lengths are a list.
  ['true ? [1] : ["a", "b"]', ['1']],
  // A number result against a number stays one.
  ['true ? [4] : [-1 * terraform_data.o.output.a]', [4]],
  // A part of the other result that fails is of no type: Terraform drops its errors.
  ['true ? [4] : [[1][5]]', [4]],
  ['true ? [4] : [tonumber("x"), "a"]', ['4']], // tolist(["4"])
  ['true ? 1 : local.o.b', 1],
  ['true ? [1] : [local.o.b]', [1]],
  ['true ? [1] : [var.nv.a]', [1]],
  ['true ? [4] : null', [4]],
  // The other result an apply-time conditional between two objects: of an object type there, not a map.
  ['true ? { a = 1, b = true } : (local.u ? { a = 2, b = false } : { a = 3, b = true })', { a: 1, b: true }],
  ['true ? { a = 1, b = true } : (local.u ? { a = 2, b = false } : { a = 3, c = true })', { a: 1, b: true }],
  ['true ? [1, true] : (local.u ? [2, false] : [3, true])', [1, true]],
  // An apply-time conditional between two objects (or two tuples) of no type known here: its
  // jsonencode starts with "{" (or "[").
  ['jsonencode(local.u ? merge(terraform_data.o.output, { size = 1 }) : { a = terraform_data.u.id, b = "x", size = 2.5 }) == "5"', false],
  ['jsonencode(local.u ? { a = terraform_data.u.id } : { b = 2 }) == "5"', false],
  ['jsonencode(local.u ? [terraform_data.u.id] : ["a", "b"]) == "5"', false],
];

test('a known condition gives its result the type both results unify to, as Terraform does', () => {
  for (const [expr, expected] of cases) assert.deepEqual(valueOf(expr, PREAMBLE), expected, expr);
});

test('a known condition\'s unknown result is of the type both results unify to, where both are known here', () => {
  // terraform console -plan 1.11.4 (terraform_data.l.output an unknown tuple of two strings, o's an object).
  const cases: [string, unknown][] = [
    ['jsonencode(true ? terraform_data.u.id : 5) == "x"', false],
    ['jsonencode(false ? 5 : terraform_data.u.id) == "x"', false],
    ['length(true ? terraform_data.l.output : ["a", "b"])', 2],
    ['length(true ? terraform_data.l.output : ["a"])', 2],
    ['keys(true ? terraform_data.o.output : { a = 1, b = "x" })', ['a', 'b']],
    // A splat of an unknown tuple is of the tuple type HCL works out (terraform console -plan 1.11.4).
    ['length(terraform_data.l.output[*])', 2],
    ['true ? [5] : terraform_data.l.output[*]', ['5']],
  ];
  for (const [expr, expected] of cases) assert.deepEqual(valueOf(expr, PREAMBLE), expected, expr);
});

test('results with no common type are refused whichever is taken, as in Terraform', () => {
  // terraform console -plan 1.11.4: "Inconsistent conditional result types" for each.
  for (const expr of ['true ? [4] : [1 == 1]', 'true ? 4 : (terraform_data.u.id == "")', 'true ? [4] : { a = terraform_data.u.id }', 'true ? { a = 4 } : { a = [terraform_data.u.id] }', 'true ? [[4]] : [terraform_data.o.output]']) {
    const { diagnostics } = evaluateFiles({ 'main.tf': `${PREAMBLE}\noutput "o" {\n  value = ${expr}\n}\n` });
    assert.ok(diagnostics.some((d) => d.severity === 'error' && /Inconsistent conditional result types/.test(d.message)), `${expr}: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
  }
});

test('an apply-time conditional between two lists, sets or maps of one type has a length within theirs, as in Terraform', () => {
  // terraform plan 1.11.4; between tuples (`[1] : [1, 2]`) or lists of two types Terraform knows no bounds.
  const cases: [string, unknown][] = [
    ['length(local.u ? tolist([1]) : tolist([1, 2])) > 5', false],
    ['length(local.u ? toset([1]) : toset([1, 2])) > 5', false],
    ['length(local.u ? tomap({ a = 1 }) : tomap({ b = 1, c = 2 })) > 5', false],
    ['length(local.u ? tolist(["a"]) : tolist(["b"])) == 1', true],
    ['length(local.u ? tolist([1]) : tolist([1, 2])) == null', false],
    // Tuples or objects by their syntax alone are of a type Terraform has too: a tuple's length, an object's keys.
    ['length(concat(local.u ? ["a"] : ["b"], ["c"]))', 2],
    ['keys(local.u ? { a = 1 } : { a = 2 })', ['a']],
    ['length(merge(local.u ? { a = 1 } : { a = 2 }, { b = 1 }))', 2],
    ['length(local.u ? [terraform_data.u.id] : ["x"])', 1],
  ];
  for (const [expr, expected] of cases) assert.deepEqual(valueOf(expr, PREAMBLE), expected, expr);
  for (const expr of ['length(local.u ? tolist([1]) : tolist([1, 2])) >= 1', 'length(local.u ? tolist([1]) : tolist([1, 2])) == 1', 'length(local.u ? [1] : [1, 2]) > 5', 'length(local.u ? tolist([1]) : tolist([terraform_data.u.id, "a"])) > 5', 'length(local.u ? tolist([1]) : [1, 2]) > 5']) {
    assert.ok(isUnknown(valueOf(expr, PREAMBLE)), `${expr} should be unknown`);
  }
});

test('an apply-time conditional between two tuples of one length has that length, as in Terraform', () => {
  // terraform console -plan 1.11.4: same-length tuples unify to a tuple, whatever their elements' types.
  const cases: [string, unknown][] = [
    ['length(local.u ? [local.s] : [local.n])', 1],
    ['length(local.u ? [null] : ["b"])', 1],
    ['length(local.u ? [local.o] : [{ b = 2 }])', 1],
    ['length(local.u ? terraform_data.l.output : ["a", 1])', 2],
    ['length(local.u ? null : ["a"])', 1],
  ];
  for (const [expr, expected] of cases) assert.deepEqual(valueOf(expr, PREAMBLE), expected, expr);
  // Tuples of two lengths unify to a list of unknown length (terraform console -plan 1.11.4: "(known after apply)").
  for (const expr of ['length(local.u ? ["a"] : ["b", "c"])', 'length(local.u ? [terraform_data.u.id] : ["b", "c"])', 'length(local.u ? (local.u ? terraform_data.u.output : ["a", "b"]) : keys({ a = 1, b = 2 }))',
    // A function that gives the conditional back as its result is not of its length: Terraform has 2
    // (the tuple's type tells it), this evaluator knows no type for it here, so no length, not 1.
    'length(concat(local.u ? [local.s] : [local.n], ["x"]))']) {
    assert.ok(isUnknown(valueOf(expr, PREAMBLE)), `${expr} should be unknown`);
  }
});

test('an apply-time conditional whose results have no common type is refused, as in Terraform', () => {
  const refused = (expr: string): boolean => {
    const { diagnostics } = evaluateFiles({ 'main.tf': `${PREAMBLE}\noutput "o" {\n  value = ${expr}\n}\n` });
    return diagnostics.some((d) => d.severity === 'error' && /Inconsistent conditional result types/.test(d.message));
  };
  // terraform console -plan 1.11.4: "Inconsistent conditional result types" for each.
  for (const expr of ['local.u ? 1 : [1]', 'local.u ? 1 : true', 'local.u ? "a" : { a = 1 }', 'local.u ? ["a"] : [{ a = 1 }]', 'local.u ? { a = 1 } : { a = [1] }', 'local.u ? [1] : ["a", [1]]', 'local.u ? tolist([1]) : tomap({ a = 1 })', 'local.u ? local.o : 1', 'local.u ? terraform_data.o.output : 1']) {
    assert.ok(refused(expr), `${expr} should be refused`);
  }
  // Accepted by terraform console -plan 1.11.4 ("(known after apply)"); a result of a type not known
  // here (a failed part, an unknown's of no type) is never refused.
  for (const expr of ['local.u ? { a = 1 } : { b = 2 }', 'local.u ? { a = 1 } : { a = "x" }', 'local.u ? ["a"] : ["b", "c"]', 'local.u ? null : [1]', 'local.u ? var.nv : { b = 1 }', 'local.u ? 1 : "a"', 'local.u ? terraform_data.u.output : 1', 'local.u ? (local.u ? jsondecode(terraform_data.u.output) : [1]) : "a"']) {
    assert.ok(!refused(expr), `${expr} should not be refused`);
  }
  // A resource's attribute is of its schema's type, not the one it was written with (description = 5
  // is a string): terraform console -plan 1.11.4 accepts both.
  const policy = 'resource "aws_iam_policy" "p" {\n  count       = 1\n  description = 5\n  policy      = "{}"\n}\n';
  for (const expr of ['local.u ? aws_iam_policy.p[*].description : [true]', 'local.u ? aws_iam_policy.p[0].description : true']) {
    const { diagnostics } = evaluateFiles({ 'main.tf': `${PREAMBLE}\n${policy}output "o" {\n  value = ${expr}\n}\n` });
    assert.ok(!diagnostics.some((d) => /Inconsistent conditional result types/.test(d.message)), `${expr} should not be refused`);
  }
});
