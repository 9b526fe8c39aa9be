import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown } from '../model/value.js';
import { evaluateFiles } from './testing-helpers.js';

// Variables as the differential had them (terraform console 1.11.4, in a root module).
const VARIABLES = `
variable "s" {
  type    = string
  default = null
}
variable "l" {
  type    = list(string)
  default = null
}
variable "o" {
  type    = object({ a = optional(list(string)), b = optional(string) })
  default = {}
}
variable "u" {
  default = null
}
variable "t" {
  type    = bool
  default = true
}
variable "m" {
  type    = map(string)
  default = null
}
variable "ob" {
  type    = object({ a = number })
  default = null
}
resource "terraform_data" "d" {
  input = "x"
}
locals {
  n  = null
  k  = { a = null }
  lt = [null, { a = 1 }]
  # A condition known only at apply time.
  c  = terraform_data.d.id == "x"
}
`;

function outcome(expr: string): { value: unknown; codes: string[] } {
  const { model, diagnostics } = evaluateFiles({ 'main.tf': `${VARIABLES}\noutput "o" {\n  value = ${expr}\n}\n` });
  const value = model.outputs.find((o) => o.name === 'o' && o.module === '')?.value.value;
  return { value, codes: diagnostics.filter((d) => d.severity === 'error').map((d) => d.code) };
}

// What terraform console 1.11.4 printed for each: a value, or 'error' (the expression is refused).
const cases: [string, unknown][] = [
  // coalescelist() refuses a null of no type anywhere among its arguments ("coalescelist arguments must be lists or tuples")...
  ['coalescelist(null, ["x"])', 'error'],
  ['coalescelist(["x"], null)', 'error'],
  ['coalescelist(var.u, ["x"])', 'error'],
  ['coalescelist(local.n, ["x"])', 'error'],
  ['coalescelist(local.k.a, ["x"])', 'error'],
  ['coalescelist(var.t ? null : null, ["x"])', 'error'],
  ['coalescelist([null][0], ["x"])', 'error'],
  // ...and skips a typed one: a variable's type, an optional attribute's, a conversion's, the other branch's.
  ['coalescelist(var.l, ["x"])', ['x']],
  ['coalescelist(var.o.a, ["x"])', ['x']],
  ['coalescelist(var.o["a"], ["x"])', ['x']],
  ['coalescelist(tolist(null), ["x"])', ['x']],
  ['coalescelist(var.t ? null : ["a"], ["x"])', ['x']],
  ['coalescelist(var.t ? var.l : ["a"], ["x"])', ['x']],
  ['try(coalescelist(null, ["x"]), "d")', 'd'],
  // A splat of a null list, set or tuple is refused ("Splat of null value"); of any other null, [].
  ['var.l[*]', 'error'],
  ['tolist(null)[*]', 'error'],
  ['toset(var.l)[*]', 'error'],
  ['tolist(var.u)[*]', 'error'],
  ['length(var.l[*])', 'error'],
  ['try(var.l[*], "d")', 'd'],
  ['can(var.l[*])', false],
  ['var.s[*]', []],
  ['var.u[*]', []],
  ['null[*]', []],
  ['tomap(null)[*]', []],
  ['length(var.s[*])', 0],
];

test('a null\'s type decides coalescelist() and splats as in terraform console 1.11.4', () => {
  for (const [expr, expected] of cases) {
    const { value, codes } = outcome(expr);
    if (expected === 'error') {
      assert.ok(isUnknown(value as never), `${expr}: no value`);
      assert.ok(codes.length > 0, `${expr}: an error`);
    } else {
      assert.deepEqual(value, expected, expr);
      assert.deepEqual(codes, [], expr);
    }
  }
});

// format() and formatlist() of a null of no type are unknown whatever the verb, even one no verb
// takes; a typed null to %d is refused (terraform console 1.11.4: "(known after apply)" for the
// first five, "null value cannot be formatted" for the last two, "argument must not be null" for a null format).
const formatted: [string, 'unknown' | 'error'][] = [
  ['format("%d", null)', 'unknown'],
  ['format("x", null)', 'unknown'],
  ['format("%d", [null][0])', 'unknown'],
  ['format("%05.1f", local.n)', 'unknown'],
  ['formatlist("%s", null)', 'unknown'],
  ['format("%d", tonumber(null))', 'error'],
  ['format("%d", var.s)', 'error'],
  ['format(null, null)', 'error'],
];

test('format() of a null of no type is unknown, as in terraform console 1.11.4', () => {
  for (const [expr, expected] of formatted) {
    const { value, codes } = outcome(expr);
    assert.ok(isUnknown(value as never), `${expr}: no value, got ${JSON.stringify(value)}`);
    assert.equal(codes.length > 0, expected === 'error', `${expr}: ${expected}, errors ${JSON.stringify(codes)}`);
  }
});

// A null of no type leaves coalesce()'s and merge()'s common type unknown where it is no primitive
// one: the first non-null value as it is, an object (terraform console 1.11.4 printed each).
const untypedAmong: [string, unknown][] = [
  ['coalesce(null, [], "d")', []],
  ['coalesce(local.n, ["a"], "d")', ['a']],
  ['coalesce(null, ["a"], ["b", 1]) == ["a"]', true],
  ['coalesce(null, 1, "a")', '1'],
  ['coalesce(null, "", "a")', 'a'],
  ['merge(tomap({ b = "z" }), null) == { b = "z" }', true],
];

test('a null of no type among coalesce() and merge() arguments, as in terraform console 1.11.4', () => {
  for (const [expr, expected] of untypedAmong) {
    const { value, codes } = outcome(expr);
    assert.deepEqual(value, expected, expr);
    assert.deepEqual(codes, [], expr);
  }
});

test('a null the syntax does not type is skipped by coalescelist(), as it was: a dynamic block\'s iterator, a called module\'s untyped variable', () => {
  // terraform-aws-kms's coalescelist(condition.value.account_ids, [...]) over an optional list attribute.
  const { model, diagnostics } = evaluateFiles({
    'main.tf': `
module "m" {
  source = "./m"
  v      = tolist(null)
}
variable "conds" {
  type    = list(object({ account_ids = optional(list(string)) }))
  default = [{}]
}
resource "aws_kms_grant" "g" {
  name              = "g"
  key_id            = "k"
  grantee_principal = "p"
  operations        = ["Encrypt"]
  dynamic "constraints" {
    for_each = var.conds
    content {
      encryption_context_equals = { ids = join(",", coalescelist(constraints.value.account_ids, ["123"])) }
    }
  }
}
output "o" {
  value = module.m.o
}
`,
    'm/main.tf': 'variable "v" {}\noutput "o" {\n  value = coalescelist(var.v, ["y"])\n}\n',
  });
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  assert.deepEqual(model.outputs.find((o) => o.name === 'o' && o.module === '')?.value.value, ['y']);
});

/** Each expression's value, or 'error' for a type error (eval/type) and no value. */
function assertOutcomes(table: readonly [string, unknown][]): void {
  for (const [expr, expected] of table) {
    const { value, codes } = outcome(expr);
    if (expected === 'error') {
      assert.ok(isUnknown(value as never), `${expr}: no value, got ${JSON.stringify(value)}`);
      assert.deepEqual(codes, ['eval/type'], expr);
    } else {
      assert.deepEqual(value, expected, expr);
      assert.deepEqual(codes, [], expr);
    }
  }
}

// A typed null's type takes part where Terraform unifies types: a conditional's two results,
// coalesce()'s arguments (terraform console -plan 1.11.4 printed each: 'error' is "Inconsistent
// conditional result types ... The 'true' value is list of string, but the 'false' value is
// number." or "Call to function "coalesce" failed: all arguments must have the same type.").
const typedNulls: [string, unknown][] = [
  ['true ? var.l : 1', 'error'],
  ['false ? var.l : 1', 'error'],
  ['local.c ? var.l : 1', 'error'],
  ['false ? var.l : "a"', 'error'],
  ['true ? var.m : 1', 'error'],
  ['true ? var.o.a : 1', 'error'],
  ['true ? tostring(null) : [1]', 'error'],
  ['false ? tolist(null) : 1', 'error'],
  ['coalesce(var.l, 1)', 'error'],
  // A null read from a conversion's result, or a conditional's: the element type, the other result's.
  ['true ? tolist([null, "a"])[0] : [1]', 'error'],
  ['true ? tomap({ a = null, b = 1 }).a : [1]', 'error'],
  ['true ? tolist(var.l) : 1', 'error'],
  ['true ? (true ? null : [1]) : 1', 'error'],
  ['true ? (local.c ? var.l : null) : 1', 'error'],
  // A tuple's or object's null element keeps no type: null /* tuple */.
  ['true ? [null, "a"][0] : [1]', null],
  ['true ? { a = null, b = 1 }.a : [1]', null],
  ['coalesce(tolist([null, "a"])[0], 1)', '1'],
  // tolist(null) /* of string */, tostring(null), null /* object */, tomap(null) /* of number */: null here.
  ['true ? var.l : [1]', null],
  ['true ? var.s : 1', null],
  ['true ? var.ob : { a = 1 }', null],
  ['true ? var.ob : { b = 1 }', null],
  // The result taken converted to the null's type: tolist(["1"]), "1".
  ['false ? var.l : [1]', ['1']],
  ['false ? var.s : 1', '1'],
  ['false ? var.o.b : 1', '1'],
  ['coalesce(var.s, 1)', '1'],
  ['coalesce(var.l, ["a"])', ['a']],
  // A null of no type takes the other's: tonumber(null), 1.
  ['true ? var.u : 1', null],
  ['false ? var.u : 1', 1],
  ['true ? local.n : 1', null],
  ['coalesce(null, 1)', 1],
];

test('a typed null unifies by its type in conditionals and coalesce(), as in terraform console 1.11.4', () => {
  assertOutcomes(typedNulls);
});

// cty's unify gives a null of no type beside a structural value no type, so Terraform cannot make
// a list or set of them (terraform console 1.11.4: tolist([null, { a = 1 }]) is 'Invalid value for
// "v" parameter: cannot convert tuple to list of any single type.', distinct([null, { a = 1 }])
// 'Invalid value for "list" parameter: all list elements must have the same type.'); beside
// primitives or typed nulls it can (tolist([null, "a"]) is tolist([tostring(null), "a"])).
const untypedBesideStructure: [string, unknown][] = [
  ['tolist([null, { a = 1 }])', 'error'],
  ['tolist([["a"], null])', 'error'],
  ['tolist(local.lt)', 'error'],
  ['tolist([null, var.ob])', 'error'],
  ['tolist([var.u, tomap({ b = "z" })])', 'error'],
  ['toset([null, { a = 1 }])', 'error'],
  ['distinct([null, { a = 1 }])', 'error'],
  ['chunklist([null, { a = 1 }], 1)', 'error'],
  ['setunion([null, { a = 1 }])', 'error'],
  ['setunion([{ a = 1 }], [null, { a = 1 }])', 'error'],
  ['setintersection([null, { a = 1 }], [{ a = 1 }])', 'error'],
  ['tolist([null, "a"])', [null, 'a']],
  ['tolist([null, null])', [null, null]],
  ['tolist([var.ob, { a = 1 }])', [null, { a: 1 }]],
  ['concat([null, { a = 1 }])', [null, { a: 1 }]],
  ['reverse([null, { a = 1 }])', [{ a: 1 }, null]],
  ['tomap({ p = null, q = { a = 1 } })', { p: null, q: { a: 1 } }],
];

test('a null of no type beside a structural element: no list or set, as in terraform console 1.11.4', () => {
  assertOutcomes(untypedBesideStructure);
});

// cty's == compares types first: a null inside a tuple or object keeps its type there (terraform
// console 1.11.4 printed each; terraform plan 1.11.4 gave the same outputs for var.s).
const nullsCompared: [string, unknown][] = [
  ['[var.s] == [null]', false],
  ['[var.s] != [null]', true],
  ['{ a = var.s } == { a = null }', false],
  ['[tostring(null)] == [null]', false],
  ['[var.s, 1] == [null, 1]', false],
  ['[[var.s]] == [[null]]', false],
  ['[var.u] == [tostring(null)]', false],
  ['[tolist(null)] == [null]', false],
  ['[var.s] == [var.ob]', false],
  ['[var.s] == [tostring(null)]', true],
  ['[var.u] == [null]', true],
  ['[null] == [null]', true],
  ['{ a = null } == { a = null }', true],
  ['var.s == null', true],
];

test('a typed null inside a tuple or object makes == false beside an untyped one, as in terraform console 1.11.4', () => {
  assertOutcomes(nullsCompared);
});
