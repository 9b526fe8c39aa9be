// How the checks that read syntax (ephemeral.ts, sensitive-outputs.ts, static-cycles.ts, and the
// outputs' referencedAttributes) read `module.<call>…`: an instance key written as an attribute of a
// call with for_each (`module.c.a.out` is output "out" of instance "a", as `module.c["a"].out` is),
// and a call read whole or one instance of it, which holds every output with its own marks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

/** A module returning an ephemeral output, one named as an instance key of its callers, and a plain one. */
const EPHEMERAL_CHILD =
  'variable "n" {\n  type = string\n}\n\nvariable "pw" {\n  type      = string\n  ephemeral = true\n}\n\n' +
  'output "eph" {\n  value     = var.pw\n  ephemeral = true\n}\n\noutput "a" {\n  value     = var.pw\n  ephemeral = true\n}\n\n' +
  'output "plain" {\n  value = "p-${var.n}"\n}\n';

/** A module returning what its caller gives it (a sensitive value, here), under a name that is an instance key too. */
const GIVEN_CHILD = 'variable "n" {\n  type = string\n}\n\nvariable "s" {\n  type = string\n}\n\noutput "out" {\n  value = var.s\n}\n\noutput "a" {\n  value = "${var.s}-x"\n}\n\noutput "plain" {\n  value = "p-${var.n}"\n}\n';

const CALLS =
  'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
  'variable "sec" {\n  type      = string\n  sensitive = true\n  default   = "example"\n}\n\n' +
  'module "e" {\n  source   = "./e"\n  for_each = toset(["a", "b"])\n  n        = each.key\n  pw       = var.pw\n}\n\n' +
  'module "s" {\n  source   = "./s"\n  for_each = toset(["a", "b"])\n  n        = each.key\n  s        = var.sec\n}\n\n' +
  'module "k" {\n  source = "./s"\n  count  = 1\n  n      = "k"\n  s      = var.sec\n}\n\n';

function outputDiagnostics(value: string): string[] {
  const { diagnostics } = evaluateFiles({ 'main.tf': `${CALLS}output "t" {\n  value = ${value}\n}\n`, 'e/main.tf': EPHEMERAL_CHILD, 's/main.tf': GIVEN_CHILD });
  return diagnostics.map((d) => d.code);
}

/**
 * Root outputs reading a call with for_each by an attribute-written instance key, and what terraform
 * plan 1.11.4 says of each: "Ephemeral value not allowed" (eval/ephemeral-output), "Output refers to
 * sensitive values" (eval/sensitive-output), or nothing. Read as output "a" of the call, `.a.plain`
 * was refused (the child's output "a" is ephemeral) and `.b.a` accepted.
 */
const INSTANCE_KEY_READS: readonly { readonly value: string; readonly want: readonly string[] }[] = [
  { value: 'module.e.a.eph', want: ['eval/ephemeral-output'] },
  { value: 'module.e.a.plain', want: [] },
  { value: 'module.e.b.a', want: ['eval/ephemeral-output'] },
  { value: 'module.e.a', want: ['eval/ephemeral-output'] },
  { value: 'ephemeralasnull(module.e.a)', want: [] },
  { value: 'module.s.a.out', want: ['eval/sensitive-output'] },
  { value: 'module.s.a.plain', want: [] },
  { value: 'module.s.b.a', want: ['eval/sensitive-output'] },
  { value: 'module.s.a', want: ['eval/sensitive-output'] },
  // Of a call with count, an attribute is no instance key: "Unsupported attribute ... module.k is a
  // list of object. Can't access attributes on a list of objects" (terraform validate 1.11.4).
  { value: 'module.k.a', want: ['eval/error'] },
  { value: 'module.k[0].plain', want: [] },
];

for (const { value, want } of INSTANCE_KEY_READS) {
  test(`module.<call>.<key> is an instance of a call with for_each: output "t" { value = ${value} }`, () => {
    assert.deepEqual(outputDiagnostics(value), want);
  });
}

test('ephemeralasnull() of an instance read by an attribute-written key makes null only its ephemeral outputs', () => {
  // terraform plan 1.11.4: t = { a = null, eph = null, plain = "p-a" }; the value of module.e.a.plain is "p-a".
  const main = `${CALLS}resource "terraform_data" "t" {\n  input = ephemeralasnull(module.e.a)\n}\n\noutput "plain" {\n  value = module.e.a.plain\n}\n`;
  const { diagnostics, model } = evaluateFiles({ 'main.tf': main, 'e/main.tf': EPHEMERAL_CHILD, 's/main.tf': GIVEN_CHILD });
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(model.resources.find((r) => r.address === 'terraform_data.t')?.attributes.get('input')?.value, { a: null, eph: null, plain: 'p-a' });
  assert.equal(model.outputs.find((o) => o.name === 'plain' && o.module === '')?.value.value, 'p-a');
});

test('a cycle through an output read by an attribute-written instance key is found, and the output named in referencedAttributes is the one read', () => {
  // terraform validate 1.11.4: "Cycle: module.c.output.out (expand), terraform_data.r, module.c.var.x (expand), module.c (close)".
  const main =
    'module "c" {\n  source   = "./c"\n  for_each = toset(["a"])\n  x        = terraform_data.r.output\n}\n\n' +
    'resource "terraform_data" "r" {\n  input = module.c.a.out\n}\n\noutput "o" {\n  value = [module.c.a.out, module.c["a"].out, module.c.a]\n}\n';
  const { diagnostics, model } = evaluateFiles({ 'main.tf': main, 'c/main.tf': 'variable "x" {\n  type = string\n}\n\noutput "out" {\n  value = var.x\n}\n' });
  assert.deepEqual(diagnostics.map((d) => d.code), ['eval/cycle']);
  assert.deepEqual(model.outputs.find((o) => o.name === 'o' && o.module === '')?.referencedAttributes, ['module.c.out', 'module.c']);
});

/** A module whose output `token` is declared sensitive, its value a literal or a sensitive variable of its own. */
const FLAGGED_CHILD = 'output "token" {\n  value     = "tok-literal"\n  sensitive = true\n}\n\noutput "plain" {\n  value = "p"\n}\n';
const SECRET_CHILD =
  'variable "pw" {\n  type      = string\n  sensitive = true\n  default   = "example"\n}\n\noutput "token" {\n  value     = var.pw\n  sensitive = true\n}\n\noutput "plain" {\n  value = "p"\n}\n';

/**
 * Root outputs holding a called module's whole object, an instance of it or its instances, with what
 * terraform plan 1.11.4 says: it refuses each read of a module whose output holds a sensitive
 * variable ("Output refers to sensitive values"), and prints in clear text those of a module whose
 * output is only declared `sensitive = true` (that marks nothing in the caller: `module.db.token`
 * too is printed). An empty call (count = 0) is an empty tuple, and a `for` keeping only the plain
 * output holds nothing sensitive.
 */
const WHOLE_READS: readonly { readonly value: string; readonly refused: boolean }[] = [
  { value: 'module.db', refused: false },
  { value: 'module.user["ci"]', refused: false },
  { value: 'module.user', refused: false },
  { value: 'module.user.ci', refused: false },
  { value: 'module.db.token', refused: false },
  { value: 'module.db2', refused: true },
  { value: 'module.user2["ci"]', refused: true },
  { value: 'module.user2', refused: true },
  { value: 'module.user2.ci', refused: true },
  { value: 'module.k2', refused: true },
  { value: 'module.k2[0]', refused: true },
  { value: 'module.k2[*]', refused: true },
  { value: '[module.db2]', refused: true },
  { value: 'values(module.user2)', refused: true },
  { value: 'module.db2.plain', refused: false },
  { value: 'module.z2', refused: false },
  { value: '{ for k, m in module.user2 : k => m.plain }', refused: false },
];

const WHOLE_CALLS =
  'module "db" {\n  source = "./flagged"\n}\n\nmodule "user" {\n  source   = "./flagged"\n  for_each = toset(["ci"])\n}\n\n' +
  'module "db2" {\n  source = "./secret"\n}\n\nmodule "user2" {\n  source   = "./secret"\n  for_each = toset(["ci"])\n}\n\n' +
  'module "k2" {\n  source = "./secret"\n  count  = 1\n}\n\nmodule "z2" {\n  source = "./secret"\n  count  = 0\n}\n\n';

for (const { value, refused } of WHOLE_READS) {
  test(`a root output of a called module's whole object is refused where an output it holds is marked: ${value}`, () => {
    const { diagnostics } = evaluateFiles({ 'main.tf': `${WHOLE_CALLS}output "t" {\n  value = ${value}\n}\n`, 'flagged/main.tf': FLAGGED_CHILD, 'secret/main.tf': SECRET_CHILD });
    assert.deepEqual(diagnostics.map((d) => d.code), refused ? ['eval/sensitive-output'] : []);
    if (refused) assert.match(diagnostics[0]!.message, /\(module\.\w+\.token \(var\.pw\)\)/);
  });
}

/**
 * Root outputs reading a called module's outputs through a local (`locals { x = module.db2 }`), an
 * index written as a string, a `for` or a splat over its instances or values(), with what terraform
 * plan 1.11.4 says of each: it refuses the reads of output token, which holds a sensitive variable,
 * and prints those of output plain; of a call with no instance, a `for` is an empty tuple whatever its
 * value reads, and a `for` whose condition is false keeps no element.
 */
const READS_THROUGH: readonly { readonly value: string; readonly refused: boolean }[] = [
  { value: 'local.x.token', refused: true },
  { value: 'local.x["token"]', refused: true },
  { value: 'local.x', refused: true },
  { value: 'local.x.plain', refused: false },
  { value: 'local.x["plain"]', refused: false },
  { value: 'module.db2["token"]', refused: true },
  { value: 'module.db2["plain"]', refused: false },
  { value: 'lookup(module.db2, "token")', refused: true },
  { value: 'lookup(module.db2, "plain")', refused: false },
  { value: 'local.ms["ci"].token', refused: true },
  { value: 'local.ms.ci.token', refused: true },
  { value: 'local.ms.ci.plain', refused: false },
  { value: 'local.ks[0].token', refused: true },
  { value: '{ for k, m in module.user2 : k => m.token }', refused: true },
  { value: '{ for k, m in module.user2 : k => m }', refused: true },
  { value: '[for m in module.user2 : m.token]', refused: true },
  { value: '[for m in module.user2 : length(m.token)]', refused: true },
  { value: '[for m in module.user2 : m.plain]', refused: false },
  { value: '[for k, m in module.user2 : k]', refused: false },
  { value: '[for m in module.user2 : m.token if false]', refused: false },
  { value: '[for m in module.k2 : m.plain if m.token == "x"]', refused: true },
  { value: '[for m in local.ks : m.token]', refused: true },
  { value: '[for m in values(module.user2) : m.token]', refused: true },
  { value: 'values(module.user2)[0].token', refused: true },
  { value: 'values(module.user2)[0]', refused: true },
  { value: 'values(module.user2)[0].plain', refused: false },
  { value: 'module.k2[*].token', refused: true },
  { value: 'module.k2[*].plain', refused: false },
  { value: '"%{ for m in module.k2 }${m.token}%{ endfor }"', refused: true },
  { value: '"%{ for m in module.k2 }${m.plain}%{ endfor }"', refused: false },
  { value: '[for m in module.z2 : m.token]', refused: false },
  { value: '[for m in module.z2 : var.sec]', refused: false },
  { value: '"%{ for m in module.z2 }${var.sec}%{ endfor }"', refused: false },
  // An instance's output read by a string index after its key: through a local, of an instance key
  // written as an attribute, or of an instance a `for` binds (plan 1.11.4 refuses `local.ms["a"]["token"]`).
  { value: 'local.ms["ci"]["token"]', refused: true },
  { value: 'local.ms["ci"]["plain"]', refused: false },
  { value: 'module.user2.ci["token"]', refused: true },
  { value: '[for m in module.user2 : m["token"]]', refused: true },
  { value: '[for m in module.user2 : m["plain"]]', refused: false },
];

const THROUGH_LOCALS =
  'variable "sec" {\n  type      = string\n  sensitive = true\n  default   = "example"\n}\n\n' +
  'locals {\n  x  = module.db2\n  ms = module.user2\n  ks = module.k2\n}\n\n';

for (const { value, refused } of READS_THROUGH) {
  test(`a module's output read through a local, a string index or a for over its instances is refused where it is marked: ${value}`, () => {
    const { diagnostics } = evaluateFiles({ 'main.tf': `${WHOLE_CALLS}${THROUGH_LOCALS}output "t" {\n  value = ${value}\n}\n`, 'flagged/main.tf': FLAGGED_CHILD, 'secret/main.tf': SECRET_CHILD });
    assert.deepEqual(diagnostics.map((d) => d.code), refused ? ['eval/sensitive-output'] : []);
    if (refused) assert.match(diagnostics[0]!.message, /\(module\.\w+\.token \(var\.pw\)\)/);
  });
}

/**
 * Instances of one call whose output `out` differs in its marks (each instance given its own value,
 * one of them sensitive), and calls with and without instances, with what terraform plan 1.11.4 said
 * of each root output: values() gives the instances in key order, so `values(module.p)[0].out` is
 * instance "a"'s, refused only where that one is marked; a `for` over the instances of a call with
 * one at least holds what its value reads whatever it reads of the instance, empty of one with none.
 */
const PER_INSTANCE: readonly { readonly value: string; readonly refused: boolean }[] = [
  { value: 'values(module.p)[0].out', refused: true },
  { value: 'values(module.p)[1].out', refused: false },
  { value: 'values(module.q)[0].out', refused: false },
  { value: 'values(module.q)[1].out', refused: true },
  { value: '[for m in module.k : var.sec]', refused: true },
  { value: 'length([for m in module.k : var.sec])', refused: false },
  { value: '[for m in module.f : var.sec]', refused: true },
  { value: '{ for k, m in module.f : k => var.sec }', refused: true },
  { value: '[for m in module.z : var.sec]', refused: false },
  { value: '[for m in module.e : var.sec]', refused: false },
];

const PER_INSTANCE_CALLS =
  'variable "sec" {\n  default   = "example"\n  sensitive = true\n}\n\nvariable "n" {\n  default = 2\n}\n\n' +
  'module "p" {\n  source   = "./p"\n  for_each = { b = "plain", a = var.sec }\n  v        = each.value\n}\n\n' +
  'module "q" {\n  source   = "./p"\n  for_each = { a = "plain", b = var.sec }\n  v        = each.value\n}\n\n' +
  'module "k" {\n  source = "./p"\n  count  = var.n\n  v      = "x"\n}\n\nmodule "z" {\n  source = "./p"\n  count  = 0\n  v      = "x"\n}\n\n' +
  'module "e" {\n  source   = "./p"\n  for_each = {}\n  v        = "x"\n}\n\nmodule "f" {\n  source   = "./p"\n  for_each = { a = 1 }\n  v        = "x"\n}\n\n';

for (const { value, refused } of PER_INSTANCE) {
  test(`a root output reading one instance by its position, or a for over instances, is refused as terraform plan 1.11.4 refuses it: ${value}`, () => {
    const { diagnostics } = evaluateFiles({ 'main.tf': `${PER_INSTANCE_CALLS}output "t" {\n  value = ${value}\n}\n`, 'p/main.tf': 'variable "v" {}\n\noutput "out" {\n  value     = var.v\n  sensitive = true\n}\n' });
    assert.deepEqual(diagnostics.map((d) => d.code), refused ? ['eval/sensitive-output'] : []);
  });
}

/** A module with an ephemeral output (from an ephemeral variable), a plain one, and one holding a sensitive variable. */
const MIXED_CHILD =
  'variable "secret" {\n  type      = string\n  ephemeral = true\n}\n\nvariable "pw" {\n  type      = string\n  sensitive = true\n  default   = "example"\n}\n\n' +
  'output "tok" {\n  value     = var.secret\n  ephemeral = true\n}\n\noutput "plain" {\n  value = "p"\n}\n\noutput "token" {\n  value     = var.pw\n  sensitive = true\n}\n';

const MIXED_CALLS =
  'module "db" {\n  source = "./c"\n  secret = "e"\n}\n\nmodule "m" {\n  source   = "./c"\n  for_each = { a = 1 }\n  secret   = "e"\n}\n\n' +
  'module "sink" {\n  source = "./sink"\n  v      = null\n}\n\nlocals {\n  x  = module.db\n  ms = module.m\n}\n\n';

function mixedDiagnostics(body: string): ReturnType<typeof evaluateFiles> {
  return evaluateFiles({ 'main.tf': `${MIXED_CALLS}${body}\n`, 'c/main.tf': MIXED_CHILD, 'sink/main.tf': 'variable "v" {\n  type    = any\n  default = null\n}\n' });
}

/**
 * A called module's ephemeral output read by an index written as a string, through a local, or past
 * an instance key written as an attribute, where Terraform refuses an ephemeral value (a stored
 * argument, a root output, a module variable not declared ephemeral), with what terraform plan 1.11.4
 * says: "Invalid use of ephemeral value" (eval/ephemeral-value), "Ephemeral value not allowed"
 * (eval/ephemeral-output), or nothing. Of a call without count or for_each, `module.db["plain"]` is
 * its output plain, not the whole call (which holds tok).
 */
const EPHEMERAL_READS: readonly { readonly body: string; readonly want: readonly string[] }[] = [
  { body: 'resource "terraform_data" "t" {\n  input = module.db["plain"]\n}', want: [] },
  { body: 'resource "terraform_data" "t" {\n  input = local.x["plain"]\n}', want: [] },
  { body: 'resource "terraform_data" "t" {\n  input = local.x.plain\n}', want: [] },
  { body: 'output "t" {\n  value = module.db["plain"]\n}', want: [] },
  { body: 'output "t" {\n  value = local.ms["a"]["plain"]\n}', want: [] },
  { body: 'output "t" {\n  value = module.m.a["plain"]\n}', want: [] },
  { body: 'module "t" {\n  source = "./sink"\n  v      = module.db["plain"]\n}', want: [] },
  { body: 'resource "terraform_data" "t" {\n  input = module.db["tok"]\n}', want: ['eval/ephemeral-value'] },
  { body: 'resource "terraform_data" "t" {\n  input = local.x.tok\n}', want: ['eval/ephemeral-value'] },
  { body: 'resource "terraform_data" "t" {\n  input = local.x["tok"]\n}', want: ['eval/ephemeral-value'] },
  { body: 'output "t" {\n  value = module.db["tok"]\n}', want: ['eval/ephemeral-output'] },
  { body: 'output "t" {\n  value = local.x["tok"]\n}', want: ['eval/ephemeral-output'] },
  { body: 'output "t" {\n  value = local.ms["a"]["tok"]\n}', want: ['eval/ephemeral-output'] },
  { body: 'output "t" {\n  value = module.m.a["tok"]\n}', want: ['eval/ephemeral-output'] },
  { body: 'output "t" {\n  value = [for m in module.m : m["tok"]]\n}', want: ['eval/ephemeral-output'] },
  { body: 'module "t" {\n  source = "./sink"\n  v      = module.db["tok"]\n}', want: ['eval/ephemeral-value'] },
];

for (const { body, want } of EPHEMERAL_READS) {
  test(`an ephemeral output read by a string index or through a local is refused, and a plain one is not: ${body.replace(/\s+/g, ' ')}`, () => {
    assert.deepEqual(mixedDiagnostics(body).diagnostics.map((d) => d.code), want);
  });
}

test('ephemeralasnull() of an ephemeral output read by a string index is null', () => {
  // terraform plan 1.11.4 plans input = null for each, and stores "p" for module.db["plain"].
  const body =
    'resource "terraform_data" "a" {\n  input = ephemeralasnull(module.db["tok"])\n}\n\nresource "terraform_data" "b" {\n  input = ephemeralasnull(local.x["tok"])\n}\n\n' +
    'resource "terraform_data" "c" {\n  input = ephemeralasnull(module.db["plain"])\n}\n';
  const { diagnostics, model } = mixedDiagnostics(body);
  assert.deepEqual(diagnostics, []);
  const input = (name: string): unknown => model.resources.find((r) => r.address === `terraform_data.${name}`)?.attributes.get('input')?.value;
  assert.equal(input('a') ?? null, null);
  assert.equal(input('b') ?? null, null);
  assert.equal(input('c'), 'p');
});

for (const value of ['module.m["a"]["plain"]', 'module.m["a"]["token"]', 'module.db["plain"]["x"]']) {
  test(`an index after a module instance key written as an index is an invalid reference: ${value}`, () => {
    // terraform plan 1.11.4: "Invalid reference ... Module instance objects do not support this operation."
    const { diagnostics } = mixedDiagnostics(`output "t" {\n  value = ${value}\n}`);
    const invalid = diagnostics.filter((d) => d.code === 'eval/error');
    assert.equal(invalid.length, 1);
    assert.match(invalid[0]!.message, /Invalid reference: module\.\w+\[…\] is an instance of the call/);
  });
}
