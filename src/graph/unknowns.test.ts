import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPlainObject, isUnknown } from '../model/value.js';
import { evaluateFiles, valueOf } from './testing-helpers.js';

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
  // Known structure with a leaf known at apply: the value try() returns then (terraform plan shows it unknown).
  ['try({ arn = "arn:aws:iam::${var.u}:root", n = 1 }, {}).n', 1],
  ['length(try([{ id = var.u }], []))', 1],
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
  // An object with a key known only at apply time is wholly unknown, as terraform plan 1.11 shows
  // its length, its `!= null` and its other entries: "(known after apply)".
  ['{ "${var.u}:sub" = "x", b = 1 }', U],
  ['length({ "${var.u}:sub" = "x", b = 1 })', U],
  ['{ "${var.u}" = 1 } != null', U],
  ['try({ "${var.u}" = 1, b = 2 }["b"], "none")', U],
];

test('unknown propagation and operators', () => {
  for (const [expr, expected] of cases) {
    const actual = valueOf(expr, pre);
    if (expected === U) assert.ok(isUnknown(actual), `${expr} should be unknown, got ${JSON.stringify(actual)}`);
    else assert.deepEqual(actual, expected, expr);
  }
});

test('an argument set to null is one left out: other resources see it unknown (the provider decides it), not null', () => {
  const pre2 =
    'variable "region" {\n  default = null\n}\n' +
    'data "aws_region" "current" {\n  region = var.region\n}\n' +
    'resource "aws_vpc" "v" {\n  ipv6_cidr_block = null\n  cidr_block = "10.0.0.0/16"\n}\n';
  // terraform-aws-vpc's flow-log module interpolates this region into an ARN; a null would be an error.
  assert.ok(isUnknown(valueOf('"arn:aws:ec2:${data.aws_region.current.region}:1:x"', pre2)));
  assert.ok(isUnknown(valueOf('try(data.aws_region.current.region, "")', pre2)));
  assert.ok(isUnknown(valueOf('cidrsubnet(aws_vpc.v.ipv6_cidr_block, 8, 1)', pre2)));
  assert.ok(isUnknown(valueOf('aws_vpc.v.ipv6_cidr_block', pre2)));
  assert.ok(isUnknown(valueOf('aws_vpc.v["ipv6_cidr_block"]', pre2)));
  assert.equal(valueOf('aws_vpc.v.cidr_block', pre2), '10.0.0.0/16');
});

test('ephemeral resources (Terraform 1.10) are unknown to a scan, in native and JSON syntax; an undeclared one is an error', async () => {
  const { evaluateFiles } = await import('./testing-helpers.js');
  const native = 'ephemeral "random_password" "db" {\n  length = 24\n}\nresource "aws_db_instance" "d" {\n  password_wo         = ephemeral.random_password.db.result\n  password_wo_version = 1\n}\n';
  const json = JSON.stringify({ ephemeral: { random_password: { db: { length: 24 } } }, resource: { aws_db_instance: { d: { password_wo: '${ephemeral.random_password.db.result}', password_wo_version: 1 } } } });
  const variants: Record<string, string>[] = [{ 'main.tf': native }, { 'main.tf.json': json }];
  for (const files of variants) {
    const { model, diagnostics } = evaluateFiles(files);
    assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info'), [], Object.keys(files)[0]);
    assert.ok(isUnknown(model.ofType('aws_db_instance')[0]!.attributes.get('password_wo')!.value), Object.keys(files)[0]);
  }
  const { diagnostics } = evaluateFiles({ 'main.tf': 'output "o" {\n  value = ephemeral.random_password.nope.result\n}\n' });
  assert.ok(diagnostics.some((d) => d.code === 'eval/unknown-reference' && /undeclared ephemeral resource "ephemeral\.random_password\.nope"/.test(d.message)));
});

test('a template with apply-time parts keeps its known text, each unknown part marked', () => {
  const partialOf = (expr: string, preamble = pre): unknown => {
    const v = valueOf(expr, preamble);
    assert.ok(isUnknown(v), `${expr} should be unknown`);
    return v.partial;
  };
  assert.equal(partialOf('"arn:aws:iam::${var.u}:root"'), 'arn:aws:iam::${unknown}:root');
  assert.equal(partialOf('"${var.u}-${var.k}"'), '${unknown}-v');
  // A provider-computed ARN is an ARN whatever its value.
  assert.equal(partialOf('aws_kms_key.k.arn', 'resource "aws_kms_key" "k" {}\n'), 'arn:${unknown}');
  assert.equal(partialOf('"${aws_kms_key.k.arn}/*"', 'resource "aws_kms_key" "k" {}\n'), 'arn:${unknown}/*');
  assert.equal(partialOf('aws_kms_key.k.key_id', 'resource "aws_kms_key" "k" {}\n'), undefined);
  // Where the provider makes the id the ARN, the id is an ARN too; elsewhere it is any text.
  assert.equal(partialOf('aws_sns_topic.t.id', 'resource "aws_sns_topic" "t" {}\n'), 'arn:${unknown}');
  assert.equal(partialOf('aws_iam_saml_provider.p.id', 'resource "aws_iam_saml_provider" "p" {}\n'), 'arn:${unknown}');
  assert.equal(partialOf('aws_s3_bucket.b.id', 'resource "aws_s3_bucket" "b" {}\n'), undefined);
  // format() keeps its known text too: an account root in a partition read from a data source is no "*".
  assert.equal(partialOf('format("arn:%s:iam::%s:root", var.u, "123456789012")'), 'arn:${unknown}:iam::123456789012:root');
  assert.equal(partialOf('format("%s-%03d", var.k, var.u)'), 'v-${unknown}');
  assert.equal(partialOf('format("%s/*", "${var.u}-logs")'), '${unknown}-logs/*');
  assert.deepEqual(valueOf('formatlist("%s/*", [var.u, "b"])', pre), [{ unknown: true, reason: 'var.u is a required variable not given to the scan', partial: '${unknown}/*', cause: { kind: 'variable', module: '', name: 'u', why: 'required' } }, 'b/*']);
  // With an apply-time argument Terraform checks nothing before apply, so a mistake is no error yet.
  assert.equal(partialOf('format("%s %s", var.u)'), undefined);
  // A directive on an unknown makes the text itself unknown.
  assert.equal(partialOf('"a%{ if var.u }b%{ endif }"'), undefined);
  assert.equal(partialOf('"%{ for x in var.u }${x}%{ endfor }"'), undefined);
});

test('refinements of unknowns, as Terraform plans them (terraform plan 1.11)', () => {
  const withKey = `${pre}resource "aws_kms_key" "k" {}\n`;
  const cases: [string, unknown][] = [
    ['compact([var.u, "", "k"])', U], // the unknown may be "" and drop out: the length is unknown
    ['"arn:${var.u}" != null', true],
    // The AWS provider does not refine its computed attributes as not null (terraform plan 1.11.4,
    // provider 5.100: each unknown); see the test of computed attributes below.
    ['aws_kms_key.k.id == null', U],
    ['aws_kms_key.k.arn != null', U],
    ['var.u == null', U],
    ['startswith("arn:aws:s3:::${var.u}", "arn:")', true],
    ['startswith("arn:aws:s3:::${var.u}", "arn:aws:s3:::phi")', U],
    ['startswith("arn:${var.u}", "x")', false],
    // Terraform refines a string by a prefix only: its known end decides nothing (terraform plan 1.11.4).
    ['endswith("${var.u}/*", "/*")', U],
    ['endswith("${var.u}/*", "a/*")', U],
    ['startswith(var.u, "x")', U],
    ['length(sort(["b", var.u]))', 2], // the order is unknown, the length is not
  ];
  for (const [expr, expected] of cases) {
    const actual = valueOf(expr, withKey);
    if (expected === U) assert.ok(isUnknown(actual), `${expr} should be unknown, got ${JSON.stringify(actual)}`);
    else assert.deepEqual(actual, expected, expr);
  }
});

test('a set holding an unknown beside other elements has an unknown length, and converts to an unknown list (terraform plan 1.11.4)', () => {
  // The unknown may turn out equal to "b", and the two be one element: Terraform plans the length,
  // tolist() and every function that takes a list of such a set as unknown. One element alone, or a
  // set with no unknown, keeps its length; iterating the set gives its elements as they are.
  const cases: [string, unknown][] = [
    ['length(toset(["b", var.u]))', U],
    ['length(toset([var.u, var.u]))', U],
    ['length(toset([["a"], ["b", var.u]]))', U],
    ['length(toset([var.u]))', 1],
    ['length(toset(["a", "b", "a"]))', 2],
    ['tolist(toset(["b", var.u]))', U],
    ['length(tolist(toset(["b", var.u]))) > 0', U],
    ['[for i, x in tolist(toset(["b", var.u])) : x]', U],
    ['sort(toset(["b", var.u]))', U],
    ['distinct(toset(["b", var.u]))', U],
    ['anytrue(toset([true, var.u == 3]))', U],
    ['chunklist(toset(["b", var.u]), 1)', U],
    ['formatlist("%s", toset(["b", var.u]))', U],
    ['zipmap(toset(["b", var.u]), ["x", "y"])', U],
    ['anytrue([true, var.u == 3])', true],
    ['chunklist(["b", "c"], 1)', [['b'], ['c']]],
    ['length([for x in toset(["b", var.u]) : x])', 2],
    ['length(toset(["b", var.u])[*])', 2],
    // The known elements sorted, the unknown after them.
    ['[for x in setunion(toset(["z", var.u]), ["a"]) : x][0]', 'a'],
    ['[for x in toset(["z", var.u, "a"]) : x][1]', 'z'],
    // The unknown may be one of the elements taken out, or kept in.
    ['setsubtract(["b", "c"], [var.u])', U],
    ['setsubtract(toset(["b", var.u]), ["b"])', U],
    ['setintersection(["b", "c"], [var.u, "b"])', U],
    ['setsubtract(["b", "c"], ["b"])', ['c']],
  ];
  for (const [expr, expected] of cases) {
    const actual = valueOf(expr, pre);
    if (expected === U) assert.ok(isUnknown(actual), `${expr} should be unknown, got ${JSON.stringify(actual)}`);
    else assert.deepEqual(actual, expected, expr);
  }
});

test('a variable of list type given a set of unknown length is unknown (terraform plan 1.11.4)', () => {
  const files = {
    'main.tf': 'variable "u" {}\nmodule "m" {\n  source = "./m"\n  l = toset(["b", var.u])\n  one = toset([var.u])\n}\noutput "l" {\n  value = module.m.l\n}\noutput "one" {\n  value = module.m.one\n}\n',
    'm/main.tf': 'variable "l" {\n  type = list(string)\n}\nvariable "one" {\n  type = list(string)\n}\noutput "l" {\n  value = length(var.l)\n}\noutput "one" {\n  value = length(var.one)\n}\n',
  };
  const { model } = evaluateFiles(files);
  const out = (n: string): unknown => model.outputs.find((o) => o.name === n && o.module === '')?.value.value;
  assert.ok(isUnknown(out('l')), JSON.stringify(out('l')));
  assert.equal(out('one'), 1);
});

test('contains() of an unknown value is unknown, whatever the list holds (terraform plan 1.11.4)', () => {
  const cases: [string, unknown][] = [
    ['contains([], var.u)', U],
    ['contains(["a"], var.u)', U],
    ['contains(["a", var.u], "a")', true],
    ['contains(["b", var.u], "a")', U],
    ['contains([["a", "b"]], ["a", var.u])', U],
    ['contains([["a"]], ["x", var.u])', false],
  ];
  for (const [expr, expected] of cases) {
    const actual = valueOf(expr, pre);
    if (expected === U) assert.ok(isUnknown(actual), `${expr} should be unknown, got ${JSON.stringify(actual)}`);
    else assert.deepEqual(actual, expected, expr);
  }
});

test('a conditional result takes a string type against a function that always gives a string (terraform plan 1.11.4)', () => {
  const cases: [string, unknown][] = [
    ['true ? -4 : replace("6", "a", "-")', '-4'],
    ['true ? 1 : upper("x")', '1'],
    ['true ? 1 : jsonencode(var.u)', '1'],
    ['false ? format("%s", var.u) : true', 'true'],
    ['true ? 1 : (lower("x"))', '1'],
    ['true ? 2.5 : tostring(6)', '2.5'],
    // A lone interpolation is the value itself, of its own type.
    ['true ? 1 : "${var.u}"', 1],
    ['true ? 1 : length("x")', 1],
    // A conditional with a string on either side; a resource's id; an attribute of a constant.
    ['true ? 3 : (false ? "" : "x1")', '3'],
    ['true ? 1 : (true ? 2 : "x")', '1'],
    ['true ? 1 : aws_kms_key.k.id', '1'],
    // An ARN is a string too (terraform plan 1.11.4 with the AWS provider: "1"; key_id, whose type
    // only the provider's schema gives, is "1" there and 1 here).
    ['true ? 1 : aws_kms_key.k.arn', '1'],
    ['true ? 2.5 : ({ name = "a" }).name', '2.5'],
    ['true ? 2.5 : ({ name = 1 }).name', 2.5],
    ['true ? [1] : ({ name = ["a"] }).name', ['1']],
  ];
  for (const [expr, expected] of cases) assert.deepEqual(valueOf(expr, `${pre}resource "aws_kms_key" "k" {}\n`), expected, expr);
});

test('a number or bool result of a conditional takes the string type of a call or a module output on the other side (terraform plan 1.11.4)', () => {
  const cases: [string, unknown][] = [
    // terraform plan 1.11.4 printed "3", "3", "6", "6", "true" for these.
    ['true ? 3 : try(tomap({ k2 = "a" })["k2"], "z")', '3'],
    ['true ? 3 : upper(try({}["k2"], "10"))', '3'],
    ['true ? 6 : try(compact([""])[0], "none")', '6'],
    ['true ? 6 : module.m.o.name', '6'],
    ['true ? true : one(concat(["a"], []))', 'true'],
    ['false ? lookup({ a = "x" }, "a", "d") : 2', '2'],
    // An unknown other result has no type a scan knows: terraform plan 1.11.4 printed 6 for both.
    ['true ? 6 : try(tostring(var.u), "d")', 6],
    ['true ? 6 : lookup({ a = "x" }, var.u, "d")', 6],
    ['true ? 6 : module.m.n', 6],
  ];
  const module = 'output "o" {\n  value = { name = "n" }\n}\noutput "n" {\n  value = 1\n}\n';
  for (const [expr, expected] of cases) {
    const { model } = evaluateFiles({ 'main.tf': `${pre}module "m" {\n  source = "./m"\n}\noutput "o" {\n  value = ${expr}\n}\n`, 'm/main.tf': module });
    assert.deepEqual(model.outputs.find((o) => o.name === 'o' && o.module === '')?.value.value, expected, expr);
  }
  // No common type is Terraform's error (terraform plan 1.11.4: "Inconsistent conditional result types").
  const { diagnostics } = evaluateFiles({ 'main.tf': 'module "m" {\n  source = "./m"\n}\noutput "o" {\n  value = true ? 6 : module.m.o\n}\n', 'm/main.tf': module });
  assert.ok(diagnostics.some((d) => d.code === 'eval/type' && /Inconsistent conditional result types/.test(d.message)));
});

test('a template with an unknown part is a string starting with its known text: == against another string is false (terraform plan 1.11.4)', () => {
  // var.u is unknown; the results are what terraform plan 1.11.4 printed with terraform_data.u.id for it.
  const cases: [string, unknown][] = [
    ['"a-${var.u}" == "zz"', false],
    ['"zz" != "a-${var.u}"', true],
    ['"a-${var.u}" == "a"', false],
    ['"a-${var.u}" == "a-"', U],
    ['"a-${var.u}-b" == "a-x"', U],
    ['"${var.u}-a" == "zz"', U],
    ['"a-${var.u}" == 3', false],
    ['["a-${var.u}"] == ["zz"]', false],
    ['index(["a-${var.u}", "zz"], "zz")', 1],
    ['contains(["a-${var.u}"], "zz")', false],
    ['"%{ for x in ["p"] }${x}%{ endfor }-${var.u}" == "zz"', false],
    ['"a-%{ if var.u == "" }x%{ endif }" == "zz"', false],
    ['"%{ if var.u == "" }x%{ endif }" == 3', false],
    ['{ k = "a-${var.u}" }.k == "zz"', false],
    // The inner template's text is no part of the outer's prefix.
    ['"a-${"b-${var.u}"}" == "a-c"', U],
    // The last character is dropped where it may join what follows: a letter, a digit, "=", a non-ASCII one.
    ['"ab${var.u}" == "ax"', U],
    ['"ab${var.u}" == "zz"', false],
    ['"q1${var.u}" == "q"', U],
    ['"q=${var.u}" == "q"', U],
    ['"q:${var.u}" == "q"', false],
    ['"qé${var.u}" == "q"', U],
    ['"a${var.u}" == "b"', U],
    // Both unknown, or a function's result (even one giving its argument back): unknown.
    ['"a-${var.u}" == "b-${var.u}"', U],
    ['upper("a-${var.u}") == "zz"', U],
    ['tostring("a-${var.u}") == "zz"', U],
    ['coalesce("a-${var.u}", "b") == "zz"', U],
    // jsonencode() of a known structure with apply-time parts starts with "{" or "[", and is not null.
    ['jsonencode([var.u]) == "x"', false],
    ['jsonencode({ a = var.u }) != ""', true],
    ['jsonencode({ a = var.u }) == "{"', U],
    ['jsonencode([var.u]) == "[1]"', U],
    ['jsonencode({ a = var.u }) == null', false],
    ['upper(jsonencode({ a = var.u })) == "x"', U],
    ['startswith(jsonencode({ a = var.u }), "a")', false],
    ['startswith(jsonencode({ a = var.u }), "{")', true],
    ['startswith(jsonencode({ a = var.u }), "{\\"")', U],
  ];
  for (const [expr, expected] of cases) {
    const got = valueOf(expr, pre);
    if (expected === U) assert.ok(isUnknown(got), `${expr}: ${JSON.stringify(got)}`);
    else assert.deepEqual(got, expected, expr);
  }
  // Through a resource's argument and a module's output too.
  const { model } = evaluateFiles({
    'main.tf': `${pre}resource "terraform_data" "r" {\n  input = "a-\${var.u}"\n}\nmodule "m" {\n  source = "./m"\n  v = "a-\${var.u}"\n}\noutput "a" {\n  value = terraform_data.r.input == "zz"\n}\noutput "c" {\n  value = module.m.o == "zz"\n}\n`,
    'm/main.tf': 'variable "v" {\n  type = string\n}\noutput "o" {\n  value = var.v\n}\n',
  });
  for (const name of ['a', 'c']) assert.equal(model.outputs.find((o) => o.name === name && o.module === '')?.value.value, false, name);
});

test('a collection made from a string with apply-time parts is no string to concat() (terraform plan 1.11.4: unknown, no error)', () => {
  const cases = [
    'concat(["a"], tolist(toset(["p-${var.u}", var.u])))',
    'length(concat(["a"], tolist(toset(["p-${var.u}", var.u]))))',
    'concat(["a"], split(",", "p-${var.u}"))',
    'concat(["a"], split(",", aws_kms_key.k.arn))',
  ];
  for (const expr of cases) {
    const { model, diagnostics } = evaluateFiles({ 'main.tf': `${pre}resource "aws_kms_key" "k" {}\noutput "o" {\n  value = ${expr}\n}\n` });
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], expr);
    assert.ok(isUnknown(model.outputs.find((o) => o.name === 'o')?.value.value), expr);
  }
  // A string itself is still refused, as Terraform refuses it.
  const { diagnostics } = evaluateFiles({ 'main.tf': `${pre}output "o" {\n  value = concat(["a"], "p-\${var.u}")\n}\n` });
  assert.ok(diagnostics.some((d) => d.code === 'eval/type'));
});

test('a function that changes a string with apply-time parts does not keep its known text (terraform plan 1.11.4: each unknown)', () => {
  const cases: [string, unknown][] = [
    // Each was true: the argument's text taken for the result's.
    ['startswith(trimspace(" ${var.u} "), " ")', U],
    ['startswith(upper("a-${var.u}"), "a")', U],
    ['startswith(substr("ab-${var.u}", 1, 5), "a")', U],
    ['startswith(trimprefix("ab-${var.u}", "a"), "a")', U],
    // Each was true: Safeguard read the text tostring() gives back and lower() lowers, where Terraform does not.
    ['startswith(tostring("a-${var.u}"), "a-")', U],
    ['startswith(lower("AB-${var.u}"), "ab-")', U],
  ];
  for (const [expr, expected] of cases) {
    const got = valueOf(expr, pre);
    if (expected === U) assert.ok(isUnknown(got), `${expr}: ${JSON.stringify(got)}`);
    else assert.deepEqual(got, expected, expr);
  }
});

test('a number, bool, key or element made of a string with apply-time parts keeps neither its text nor its prefix', () => {
  // Each is unknown in terraform plan 1.11.4 (the real values differ by what the unknown turns out to be).
  const cases = [
    'startswith(endswith("x${var.u}", "a") ? "abc" : "xyz", "x")',
    'startswith(tostring("a-${var.u}" == "a-x"), "a")',
    '("a-${var.u}" == "a-x") == true',
    '("1${var.u}" + 0) == 12',
    '{ a = 1 }["a${var.u}"] == 1',
    '{ for k, v in { a = 1 } : "a${var.u}" => v } == {}',
    // The value under a key known only in part is none of the key's text (each was true; the value is "abc").
    'startswith({ a = "abc" }["x${var.u}"], "x")',
    'startswith(lookup({ a = "abc" }, "x${var.u}", "abc"), "x")',
  ];
  for (const expr of cases) {
    const got = valueOf(expr, pre);
    assert.ok(isUnknown(got), `${expr}: ${JSON.stringify(got)}`);
  }
  // A variable of type number given a template: no string prefix either.
  const { model } = evaluateFiles({ 'main.tf': 'variable "u" {}\nmodule "m" {\n  source = "./m"\n  n = "1${var.u}"\n}\noutput "o" {\n  value = module.m.n == 12\n}\n', 'm/main.tf': 'variable "n" {\n  type = number\n}\noutput "n" {\n  value = var.n\n}\n' });
  assert.ok(isUnknown(model.outputs.find((o) => o.name === 'o' && o.module === '')?.value.value));
});

test('alltrue() and index() read the elements in order: an unknown before the answer makes it unknown (terraform plan 1.11.4)', () => {
  const cases: [string, unknown][] = [
    ['alltrue([var.u, false])', U],
    ['alltrue([false, var.u])', false],
    ['alltrue([true, var.u])', U],
    ['anytrue([var.u, true])', true],
    ['anytrue([false, var.u])', U],
    ['index([var.u, "zz"], "zz")', U],
    ['index(["zz", var.u], "zz")', 0],
    ['index([["a", var.u], ["b"]], ["b"])', 1],
    ['index(["a", "zz"], var.u)', U],
  ];
  for (const [expr, expected] of cases) {
    const actual = valueOf(expr, pre);
    if (expected === U) assert.ok(isUnknown(actual), `${expr} should be unknown, got ${JSON.stringify(actual)}`);
    else assert.deepEqual(actual, expected, expr);
  }
});

test('a conditional on an unknown condition is known when both results are the same number, or both null (terraform plan 1.11.4)', () => {
  const cases: [string, unknown][] = [
    ['var.u ? 3 : 3', 3],
    ['var.u ? 3 : tonumber("3")', 3],
    ['(var.u ? 3 : (var.u ? 3 : 3)) + 1', 4],
    ['var.u ? -0 : 0', 0],
    ['var.u ? null : null', null],
    ['var.u ? 3 : 4', U],
    ['var.u ? true : true', U],
    ['var.u ? "a" : "a"', U],
    ['var.u ? 1 : "1"', U],
    ['var.u ? null : "x"', U],
    ['var.u ? [1] : [1]', U],
  ];
  for (const [expr, expected] of cases) {
    const actual = valueOf(expr, pre);
    if (expected === U) assert.ok(isUnknown(actual), `${expr} should be unknown, got ${JSON.stringify(actual)}`);
    else assert.deepEqual(actual, expected, expr);
  }
});

test('an object with a key known only at apply time keeps its entries as what is known of it, keys with their known text', () => {
  // A trust policy's condition { "${oidc_host}:sub" = … }: the rules read the claim it pins. It was the
  // key's own unknown, read as a string ("${unknown}:sub") with no entries.
  const v = valueOf('{ "${var.u}:sub" = "system:serviceaccount:phi:exporter", b = 1 }', pre);
  assert.ok(isUnknown(v));
  assert.deepEqual(v.partial, { '${unknown}:sub': 'system:serviceaccount:phi:exporter', b: 1 });
  const whole = valueOf('jsonencode({ Condition = { StringEquals = { "${var.u}:aud" = "sts.amazonaws.com" } } })', pre);
  assert.ok(isUnknown(whole) && isPlainObject(whole.partial) && isPlainObject(whole.partial['Condition']));
  const operator = whole.partial['Condition']['StringEquals'];
  assert.ok(isUnknown(operator));
  assert.deepEqual(operator.partial, { '${unknown}:aud': 'sts.amazonaws.com' });
});

test('an aws_iam_policy_document condition key known in part keeps its known text, one key per claim', () => {
  const doc =
    'data "aws_iam_policy_document" "p" {\n  statement {\n    actions = ["sts:AssumeRoleWithWebIdentity"]\n' +
    '    condition {\n      test     = "StringEquals"\n      variable = "${var.u}:sub"\n      values   = ["system:serviceaccount:phi:exporter"]\n    }\n' +
    '    condition {\n      test     = "StringEquals"\n      variable = "${var.u}:aud"\n      values   = ["sts.amazonaws.com"]\n    }\n  }\n}\n';
  const json = valueOf('data.aws_iam_policy_document.p.json', pre + doc);
  const text = typeof json === 'string' ? json : isUnknown(json) && typeof json.partial === 'string' ? json.partial : '';
  // Both were written "${unknown}" and merged into one key holding both claims' values.
  assert.deepEqual((JSON.parse(text) as { Statement: { Condition: unknown }[] }).Statement[0]!.Condition, {
    StringEquals: { '${unknown}:aud': 'sts.amazonaws.com', '${unknown}:sub': 'system:serviceaccount:phi:exporter' },
  });
});

test('a conditional on an apply-time condition is bounded by both results, and may be null where either may (terraform plan 1.11.4)', () => {
  // Each as terraform plan 1.11.4 printed it, with `u` an apply-time bool (terraform_data.x.id == "a").
  const cases: [string, unknown][] = [
    ['(var.u ? 1 : 2) > 10', false],
    ['(var.u ? 1 : 2) < 10', true],
    ['(var.u ? 1 : 2) == 5', false],
    ['(var.u ? 1 : 2) != 3', true],
    ['(var.u ? 1 : 2) == "1"', false], // a number is never a string
    ['(var.u ? 1 : 2) == 1', U],
    ['(var.u ? 1 : 2) == 1.5', U], // bounds, not the two values
    ['(var.u ? 1 : 2) > 1', U], // bounds compared strictly: 1 is not above 1
    ['(var.u ? 1 : 2) >= 1', U],
    ['(var.u ? 1 : 2) >= 0', true],
    ['(var.u ? 1 : 2) <= 0', false],
    ['(var.u ? 1 : 2) < (var.u ? 5 : 6)', true],
    ['(var.u ? 1 : 2) <= (var.u ? 5 : 6)', true],
    ['(var.u ? 1 : 2) == (var.u ? 5 : 6)', U],
    ['(var.u ? 1 : var.u ? 3 : 4) > 10', false], // nested: 1 to 4
    // Arithmetic and functions give an unknown without bounds.
    ['(var.u ? 1 : 2) + 1 > 10', U],
    ['-(var.u ? 1 : 2) > 0', U],
    ['abs(var.u ? 1 : 2) > 10', U],
    ['max(var.u ? 1 : 2, 5)', U],
    // Null: only where neither result may be. Each `(var.u ? 1 : null) != null` was true.
    ['(var.u ? 1 : 2) != null', true],
    ['(var.u ? "a" : "b") != null', true],
    ['(var.u ? 1 : null) != null', U],
    ['(var.u ? 1 : null) == null', U],
    ['(var.u ? "arn:${var.u}" : null) != null', U],
  ];
  for (const [expr, expected] of cases) {
    const got = valueOf(expr, pre);
    if (expected === U) assert.ok(isUnknown(got), `${expr} should be unknown, got ${JSON.stringify(got)}`);
    else assert.deepEqual(got, expected, expr);
  }
});

test('startswith() and endswith() of a string known in part decide only by Terraform\'s prefix refinement (terraform plan 1.11.4)', () => {
  const withKey = `${pre}resource "aws_kms_key" "k" {}\n`;
  const cases: [string, unknown][] = [
    ['startswith("ab${var.u}", "a")', true],
    // The last letter of a template's text may join what follows: "ab" refines by "a" only. Each was
    // decided by the known text ("ab" true, "ax" false, "X" against "a" false).
    ['startswith("ab${var.u}", "ab")', U],
    ['startswith("ab${var.u}", "ax")', U],
    ['startswith("X${var.u}", "a")', U],
    ['startswith(lower("X${var.u}"), "a")', U],
    ['startswith("%{ if true }k1:${var.u}%{ endif }", "a")', U], // a directive's text is no prefix of the whole
    ['startswith("k1:%{ if true }${var.u}%{ endif }", "a")', false],
    ['endswith("${var.u}arn", "b")', U],
    ['startswith(aws_kms_key.k.arn, "arn:")', U], // the provider's ARN is no template
    // format() refines by its text before the first "%", as a template does.
    ['startswith(format("arn:%s", var.u), "arn:")', true],
    ['startswith(format("arn:%s", var.u), "x")', false],
    ['format("arn:%s", var.u) == "x"', false], // was unknown
    ['format("ab%s", var.u) == "x"', false], // was unknown
    ['startswith(format("a:%%b%s", var.u), "b")', false],
    ['startswith(format("%s-%s", "a", var.u), "b")', U], // was false: the known argument's text is not a prefix
    ['startswith(upper(format("arn:%s", var.u)), "x")', U],
    ['format("%s", var.u) != null', true],
  ];
  for (const [expr, expected] of cases) {
    const got = valueOf(expr, withKey);
    if (expected === U) assert.ok(isUnknown(got), `${expr} should be unknown, got ${JSON.stringify(got)}`);
    else assert.deepEqual(got, expected, expr);
  }
});

test('a provider-computed id or ARN may be null at plan, but for terraform_data\'s id and a data source read at plan (terraform plan 1.11.4)', () => {
  const files = `${pre}resource "aws_kms_key" "k" {}\nresource "terraform_data" "t" {\n  input = 1\n}\ndata "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["s3:GetObject"]\n    resources = ["*"]\n  }\n}\n`;
  const cases: [string, unknown][] = [
    // Each was true: the ARN's known text ("arn:${unknown}", for rules) or the id was taken for Terraform's refinement.
    ['aws_kms_key.k.arn != null', U],
    ['aws_kms_key.k.id != null', U],
    ['"${aws_kms_key.k.arn}" != null', U], // one interpolation is the value itself
    ['[for k in [aws_kms_key.k] : k.arn != null][0]', U],
    // A template, format() or upper() of it is not null.
    ['"x${aws_kms_key.k.arn}" != null', true],
    ['format("%s", aws_kms_key.k.arn) != null', true],
    ['upper(aws_kms_key.k.arn) != null', true],
    ['terraform_data.t.id != null', true],
    ['[for t in [terraform_data.t] : t.id != null][0]', true],
    ['data.aws_iam_policy_document.d.id != null', true],
  ];
  for (const [expr, expected] of cases) {
    const got = valueOf(expr, files);
    if (expected === U) assert.ok(isUnknown(got), `${expr} should be unknown, got ${JSON.stringify(got)}`);
    else assert.deepEqual(got, expected, expr);
  }
  // Terraform refuses a count on it: "Invalid count argument" (terraform plan 1.11.4).
  const { diagnostics } = evaluateFiles({ 'main.tf': `${files}resource "terraform_data" "c" {\n  count = aws_kms_key.k.arn != null ? 1 : 0\n}\n` });
  assert.ok(diagnostics.some((d) => d.code === 'eval/count' && d.message.includes('terraform_data.c')), JSON.stringify(diagnostics.map((d) => d.code)));
});
