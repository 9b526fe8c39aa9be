// A `%{ for }` over a collection that reads each or count (`each.value`, `range(count.index)`) in a
// block with for_each or count: Terraform renders it per instance, so the ephemeral and sensitive
// checks read its body once per element of each instance's collection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

const VARIABLES =
  'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
  'variable "sec" {\n  type      = string\n  sensitive = true\n  default   = "example"\n}\n\n';

/** A module returning the argument it is given. */
const GIVEN = 'variable "s" {\n  type = string\n}\n\noutput "out" {\n  value = var.s\n}\n';

/**
 * Blocks storing an ephemeral value through a per-instance `%{ for }`, with whether terraform plan
 * 1.11.4 refuses them ("Invalid use of ephemeral value" of a resource, "Ephemeral value not allowed"
 * of a module argument): only where some instance's collection has an element. terraform validate
 * accepts all (each and count are unknown there).
 */
const EPHEMERAL_CASES: readonly { readonly block: string; readonly refused: boolean }[] = [
  { block: 'resource "terraform_data" "r" {\n  for_each = { a = ["x"], b = [] }\n  input    = "%{ for x in each.value }${var.pw}%{ endfor }"\n}\n', refused: true },
  { block: 'resource "terraform_data" "r" {\n  for_each = { b = [] }\n  input    = "%{ for x in each.value }${var.pw}%{ endfor }"\n}\n', refused: false },
  { block: 'resource "terraform_data" "r" {\n  count = 2\n  input = "%{ for i in range(count.index) }${var.pw}%{ endfor }"\n}\n', refused: true },
  { block: 'resource "terraform_data" "r" {\n  count = 1\n  input = "%{ for i in range(count.index) }${var.pw}%{ endfor }"\n}\n', refused: false },
  { block: 'resource "terraform_data" "r" {\n  for_each = { a = ["x"] }\n  input    = "%{ for x in each.value }%{ for y in [x] }${var.pw}%{ endfor }%{ endfor }"\n}\n', refused: true },
  { block: 'module "m" {\n  source   = "./m"\n  for_each = { a = ["x"], b = [] }\n  s        = "%{ for x in each.value }${var.pw}%{ endfor }"\n}\n', refused: true },
  { block: 'module "m" {\n  source   = "./m"\n  for_each = { b = [] }\n  s        = "%{ for x in each.value }${var.pw}%{ endfor }"\n}\n', refused: false },
  { block: 'module "m" {\n  source = "./m"\n  count  = 2\n  s      = "%{ for i in range(count.index) }${var.pw}%{ endfor }"\n}\n', refused: true },
];

for (const { block, refused } of EPHEMERAL_CASES) {
  test(`a %{ for } over each.value or range(count.index) stores an ephemeral value where an instance's collection has an element: ${block.split('\n').filter((l) => !l.includes('source')).slice(1, 3).join(' ').replace(/\s+/g, ' ')}`, () => {
    const { diagnostics } = evaluateFiles({ 'main.tf': VARIABLES + block, 'm/main.tf': GIVEN });
    assert.deepEqual(diagnostics.map((d) => d.code), refused ? ['eval/ephemeral-value'] : []);
  });
}

test('a sensitive value in a per-instance %{ for } given to a module marks the outputs of the instances whose collection has an element', () => {
  // terraform plan 1.11.4 refuses the outputs p, q and w ("Output refers to sensitive values") and prints o = "" and r = "".
  const byKey =
    'module "m" {\n  source   = "./m"\n  for_each = { a = ["x"], b = [] }\n  s        = "%{ for x in each.value }${var.sec}%{ endfor }"\n}\n\n' +
    'output "o" {\n  value = module.m["b"].out\n}\n\noutput "p" {\n  value = module.m["a"].out\n}\n\noutput "q" {\n  value = module.m.a.out\n}\n\n' +
    'output "r" {\n  value = module.m.b.out\n}\n\noutput "w" {\n  value = module.m\n}\n';
  const refusedOf = (main: string): string[] =>
    evaluateFiles({ 'main.tf': VARIABLES + main, 'm/main.tf': GIVEN })
      .diagnostics.map((d) => `${d.code} ${/^output "([^"]+)"/.exec(d.message)?.[1]}`)
      .sort();
  assert.deepEqual(refusedOf(byKey), ['eval/sensitive-output p', 'eval/sensitive-output q', 'eval/sensitive-output w']);
  // terraform plan 1.11.4 refuses p (instance 1 renders range(1)) and prints o = "".
  const byIndex =
    'module "m" {\n  source = "./m"\n  count  = 2\n  s      = "%{ for i in range(count.index) }${var.sec}%{ endfor }"\n}\n\n' +
    'output "o" {\n  value = module.m[0].out\n}\n\noutput "p" {\n  value = module.m[1].out\n}\n';
  assert.deepEqual(refusedOf(byIndex), ['eval/sensitive-output p']);
});

test("an element of a literal for_each keeps its own mark in each.value, so a module argument reading it marks that instance's outputs", () => {
  // terraform plan 1.11.4 refuses m_a, n_a, q_a, t_a and w ("Output refers to sensitive values"),
  // and prints m_b = "x", n_b = "x", q_b = "x" and r_a = "zz".
  const main =
    'locals {\n  elements = { a = [var.sec, "y"], b = ["x"] }\n}\n\n' +
    'module "m" {\n  source   = "./m"\n  for_each = { a = [var.sec], b = ["x"] }\n  s        = "%{ for x in each.value }${x}%{ endfor }"\n}\n\n' +
    'module "n" {\n  source   = "./m"\n  for_each = { a = var.sec, b = "x" }\n  s        = each.value\n}\n\n' +
    'module "q" {\n  source   = "./m"\n  for_each = local.elements\n  s        = "%{ for x in each.value }${x}%{ endfor }"\n}\n\n' +
    'module "r" {\n  source   = "./m"\n  for_each = { a = [var.sec, "y"] }\n  s        = "%{ for x in each.value }z%{ endfor }"\n}\n\n' +
    'module "t" {\n  source   = "./m"\n  for_each = { a = { p = var.sec } }\n  s        = each.value.p\n}\n\n' +
    ['m_a = module.m["a"].out', 'm_b = module.m["b"].out', 'n_a = module.n["a"].out', 'n_b = module.n["b"].out', 'q_a = module.q.a.out', 'q_b = module.q.b.out', 'r_a = module.r["a"].out', 't_a = module.t["a"].out', 'w = module.m']
      .map((o) => o.split(' = '))
      .map(([name, value]) => `output "${name}" {\n  value = ${value}\n}\n`)
      .join('\n');
  const refused = evaluateFiles({ 'main.tf': VARIABLES + main, 'm/main.tf': GIVEN })
    .diagnostics.map((d) => `${d.code} ${/^output "([^"]+)"/.exec(d.message)?.[1]}`)
    .sort();
  assert.deepEqual(refused, ['eval/sensitive-output m_a', 'eval/sensitive-output n_a', 'eval/sensitive-output q_a', 'eval/sensitive-output t_a', 'eval/sensitive-output w']);
});

test('a for over the instances of a call whose marks differ by instance holds those of each; one instance values() gives by its position is that instance, in key order', () => {
  // terraform plan 1.11.4 refuses k and i (values() sorts by key: instance "a", whose s has the
  // sensitive value) and prints j = "" (instance "b"), as the scan now says too.
  const main =
    'module "p" {\n  source   = "./m"\n  for_each = { a = ["x"], b = [] }\n  s        = "%{ for x in each.value }${var.sec}%{ endfor }"\n}\n\n' +
    'output "k" {\n  value = [for m in module.p : m.out]\n}\n\noutput "i" {\n  value = values(module.p)[0].out\n}\n\noutput "j" {\n  value = values(module.p)[1].out\n}\n';
  const refused = evaluateFiles({ 'main.tf': VARIABLES + main, 'm/main.tf': GIVEN })
    .diagnostics.map((d) => `${d.code} ${/^output "([^"]+)"/.exec(d.message)?.[1]}`)
    .sort();
  assert.deepEqual(refused, ['eval/sensitive-output i', 'eval/sensitive-output k']);
});
