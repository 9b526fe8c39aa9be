import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown } from '../model/value.js';
import { valueOf } from './testing-helpers.js';

const pre = 'variable "u" {}\nvariable "k" {\n  default = "v"\n}\nlocals {\n  m = { a = 1 }\n}\n';
const U = Symbol('unknown');
const cases: [string, unknown][] = [
  ['var.u', U],
  ['"x-${var.u}"', U],
  ['var.u ? 1 : 2', U],
  ['true ? 1 : var.u', 1],
  ['true || var.u', true],
  ['false && var.u', false],
  ['false || var.u', U],
  ['var.u + 1', U],
  ['var.u == 1', U],
  ['[var.u, 1][1]', 1],
  ['length([var.u, 1])', 2],
  ['coalesce(var.u, "x")', U],
  ['coalesce("a", var.u)', 'a'],
  ['try(var.u, "x")', U],
  ['can(var.u)', U],
  ['jsonencode({ a = var.u })', U],
  ['upper(var.u)', U],
  ['merge(local.m, { b = var.u })["a"]', 1],
  ['[for x in var.u : x]', U],
  ['var.u[*].id', U],
  ['{ for k, v in local.m : k => v + 1 }', { a: 2 }],
  ['[for s in ["a", "b"] : upper(s) if s != "b"]', ['A']],
  ['{ for s in ["a", "b", "a"] : s => s... }', { a: ['a', 'a'], b: ['b'] }],
  ['[{ id = 1 }, { id = 2 }][*].id', [1, 2]],
  ['"%{ for s in ["a", "b"] }${s};%{ endfor }"', 'a;b;'],
  ['"%{ if var.k == "v" }yes%{ else }no%{ endif }"', 'yes'],
  ['1 + 2 * 3 - 4 / 2', 5],
  ['7 % 3', 1],
  ['!(1 < 2)', false],
  ['-var.u', U],
];

test('unknown propagation and operators', () => {
  for (const [expr, expected] of cases) {
    const actual = valueOf(expr, pre);
    if (expected === U) assert.ok(isUnknown(actual), `${expr} should be unknown, got ${JSON.stringify(actual)}`);
    else assert.deepEqual(actual, expected, expr);
  }
});
