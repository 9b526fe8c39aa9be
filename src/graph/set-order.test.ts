import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

// Sets of collections iterate in cty's order for them, by their set hash's bytes. Each expected
// value is what terraform plan 1.11.4 showed for the output.
const CASES: [string, string, unknown][] = [
  ['objects, by their attributes in name order', '[for x in toset([{ name = "o1", v = 1 }, { name = "o2", v = 2 }, { name = "o0", v = 1 }]) : x.name]', ['o0', 'o1', 'o2']],
  ['numbers by their text (%g, ten digits)', '[for x in toset([{ v = 10 }, { v = 2 }, { v = 1 }, { v = 12345678901 }, { v = 0.5 }, { v = -3 }, { v = 0.00001 }]) : x.v]', [-3, 0.5, 12345678901, 10, 1, 1e-5, 2]],
  ['lists: a longer list before its prefix', '[for x in toset([["b"], ["a", "z"], ["a"]]) : x]', [['a', 'z'], ['a'], ['b']]],
  ['maps by key and value', '[for x in toset([tomap({ b = "1" }), tomap({ a = "2" }), tomap({ a = "1", c = "0" })]) : x]', [{ a: '1', c: '0' }, { a: '2' }, { b: '1' }]],
  ['a null attribute after any text', '[for x in toset([{ n = null, s = "x" }, { n = "a", s = "y" }]) : x.s]', ['y', 'x']],
  ['bools: false first', '[for x in toset([{ b = true }, { b = false }]) : x.b]', [false, true]],
  ['strings quoted, upper case first', '[for x in toset([{ name = "Zed" }, { name = "alpha" }, { name = "Beta" }]) : x.name]', ['Beta', 'Zed', 'alpha']],
];

for (const [name, expr, expected] of CASES) {
  test(`a set of collections in Terraform's order: ${name}`, () => {
    const { model } = evaluateFiles({ 'main.tf': `output "o" {\n  value = ${expr}\n}\n` });
    assert.deepEqual(model.outputs.find((o) => o.name === 'o')?.value.value, expected);
  });
}

test('a variable of type set(object) converts its default into that order', () => {
  const { model } = evaluateFiles({
    'main.tf': `variable "rules" {
  type    = set(object({ port = number, cidr = string, desc = optional(string) }))
  default = [{ port = 443, cidr = "10.0.0.0/8" }, { port = 80, cidr = "0.0.0.0/0", desc = "web" }, { port = 8080, cidr = "10.0.0.0/8" }, { port = 22, cidr = "1.2.3.4/32" }]
}
output "o" { value = [for r in var.rules : r.port] }
`,
  });
  assert.deepEqual(model.outputs.find((o) => o.name === 'o')?.value.value, [80, 22, 443, 8080]);
});
