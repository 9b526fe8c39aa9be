// Configurations Terraform 1.11.4 refuses (terraform init / validate / plan, as noted per case) that
// the scan passed: found by a differential of mutated configurations against terraform validate -json.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

const errors = (files: Record<string, string>, code?: string) =>
  evaluateFiles(files)
    .diagnostics.filter((d) => d.severity === 'error' && (code === undefined || d.code === code))
    .map((d) => `${d.code} ${d.span?.file}:${d.span?.start.line}:${d.span?.start.column}`);

test('a default that does not match its type is refused even where a value is given (terraform init: "Invalid default value for variable")', () => {
  const names = 'variable "names" {\n  type    = list(string)\n  default = "x"\n}\n';
  assert.deepEqual(errors({ 'main.tf': names, 'terraform.tfvars': 'names = ["a"]\n' }), ['eval/type main.tf:3:3']);
  // A child module's default, with the caller's argument given.
  assert.deepEqual(errors({ 'main.tf': 'module "m" {\n  source = "./m"\n  names  = ["a"]\n}\n', 'm/main.tf': names }), ['eval/type m/main.tf:3:3']);
  // Defaults that convert are fine: a number as a string, null, an object with optional attributes.
  const fine = 'variable "n" {\n  type    = number\n  default = "3"\n}\nvariable "z" {\n  type    = string\n  default = null\n}\nvariable "o" {\n  type    = object({ a = optional(string, "x") })\n  default = {}\n}\n';
  assert.deepEqual(errors({ 'main.tf': fine, 'terraform.tfvars': 'n = 4\nz = "s"\no = { a = "b" }\n' }), []);
});

test('what fails on values in an instance the scan assumes (its count or for_each unknown here) is a warning: Terraform evaluates no body of an instance that is not there', () => {
  // terraform plan 1.11.4 with three zones: route has no instance, nothing is said of database[0].
  const files = {
    'main.tf':
      'data "aws_availability_zones" "az" {}\nresource "terraform_data" "database" {\n  count = 0\n}\n' +
      'resource "terraform_data" "route" {\n  count = length(data.aws_availability_zones.az.names) > 10 ? 1 : 0\n  input = terraform_data.database[0].id\n}\n' +
      'resource "terraform_data" "each" {\n  for_each = toset(data.aws_availability_zones.az.names)\n  input    = [][0]\n}\n' +
      'module "m" {\n  source = "./m"\n  count  = length(data.aws_availability_zones.az.names) > 10 ? 1 : 0\n  id     = terraform_data.database[0].id\n  list   = []\n}\n',
    'm/main.tf': 'variable "id" {}\nvariable "list" {}\nresource "terraform_data" "x" {\n  input = [var.id, var.list[0]]\n}\n',
  };
  assert.deepEqual(errors(files), []);
  const warnings = evaluateFiles(files).diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.code} ${d.span?.file}:${d.span?.start.line}`);
  assert.deepEqual(warnings.sort(), ['eval/error m/main.tf:4', 'eval/error main.tf:11', 'eval/instance-key main.tf:7', 'eval/instance-key main.tf:16'].sort());
  // A refused count (an error of its own) does not make its body's lookups errors too.
  assert.deepEqual(errors({ 'main.tf': 'resource "terraform_data" "d" {\n  count = 0\n}\nresource "terraform_data" "r" {\n  count = "x"\n  input = terraform_data.d[0].id\n}\n' }), ['eval/count main.tf:5:3']);
  // A known count keeps the error: the instance is there.
  assert.deepEqual(errors({ 'main.tf': 'resource "terraform_data" "d" {\n  count = 0\n}\nresource "terraform_data" "r" {\n  count = 1\n  input = terraform_data.d[0].id\n}\n' }), ['eval/instance-key main.tf:6:27']);
});

// [what Terraform 1.11.4 said, main.tf, the errors expected here]. An empty list: Terraform accepts it too.
const RES = 'resource "terraform_data" "a" {}\nresource "terraform_data" "b" {}\n';
const SHAPES: readonly (readonly [string, string, readonly string[]])[] = [
  ['plan: Redundant move statement', `${RES}moved {\n  from = terraform_data.a\n  to   = terraform_data.a\n}\n`, ['config/reference main.tf:4:10']],
  ['plan: Moved object still exists', `${RES}moved {\n  from = terraform_data.a\n  to   = terraform_data.b\n}\n`, ['config/reference main.tf:4:10']],
  ['plan: Moved object still exists (count = 0 too)', 'resource "terraform_data" "a" {\n  count = 0\n}\nresource "terraform_data" "b" {}\nmoved {\n  from = terraform_data.a\n  to   = terraform_data.b\n}\n', ['config/reference main.tf:6:10']],
  ['plan: Ambiguous move statements (one destination)', `${RES}moved {\n  from = terraform_data.x\n  to   = terraform_data.b\n}\nmoved {\n  from = terraform_data.y\n  to   = terraform_data.b\n}\n`, ['config/reference main.tf:8:10']],
  ['plan: Ambiguous move statements (one source)', `${RES}moved {\n  from = terraform_data.x\n  to   = terraform_data.a\n}\nmoved {\n  from = terraform_data.x\n  to   = terraform_data.b\n}\n`, ['config/reference main.tf:8:10']],
  ['init: Invalid expression (a string)', `${RES}moved {\n  from = "terraform_data.x"\n  to   = terraform_data.b\n}\n`, ['config/reference main.tf:4:10']],
  ['init: Invalid address (var.x)', `${RES}moved {\n  from = terraform_data.x\n  to   = var.x\n}\n`, ['config/reference main.tf:5:10']],
  ['init: Invalid expression (a variable key)', `${RES}variable "k" {\n  default = 0\n}\nmoved {\n  from = terraform_data.x\n  to   = terraform_data.b[var.k]\n}\n`, ['config/reference main.tf:8:10']],
  ['valid: moves to an instance, from an instance, to nothing declared, across types, into a module', `${RES}moved {\n  from = terraform_data.x\n  to   = terraform_data.b[0]\n}\nmoved {\n  from = terraform_data.y[0]\n  to   = terraform_data.a\n}\nmoved {\n  from = terraform_data.z\n  to   = terraform_data.nowhere\n}\nmoved {\n  from = null_resource.old\n  to   = terraform_data.w\n}\nmoved {\n  from = terraform_data.v\n  to   = module.m.terraform_data.v\n}\n`, []],
  // terraform plan 1.11.4 unifies a statement's two addresses: with a key on either, both are instances, and the
  // instance without a key of a resource (module call) with count or for_each is not there: each of these is planned.
  ['valid: the move to an instance of what now has count or for_each', 'resource "terraform_data" "a" {\n  count = 2\n}\nresource "terraform_data" "e" {\n  for_each = { x = 1 }\n}\nmodule "m" {\n  source = "./m"\n  count  = 1\n}\nmoved {\n  from = terraform_data.a\n  to   = terraform_data.a[0]\n}\nmoved {\n  from = terraform_data.e\n  to   = terraform_data.e["x"]\n}\nmoved {\n  from = module.m\n  to   = module.m[0]\n}\n', []],
  // ... and a resource and the instance without a key are two addresses ("Ambiguous move statements" compares like with like).
  ['valid: one address moved as a resource and as an instance', `${RES}moved {\n  from = terraform_data.x\n  to   = terraform_data.a\n}\nmoved {\n  from = terraform_data.x\n  to   = terraform_data.b[0]\n}\n`, []],
  // 'Moved object still exists: This statement declares a move from terraform_data.a, but that resource instance is still declared at main.tf:1,1.'
  ['plan: Moved object still exists (the instance without a key)', `${RES}moved {\n  from = terraform_data.a\n  to   = terraform_data.b[0]\n}\n`, ['config/reference main.tf:4:10']],
  // 'Cyclic dependency in move statements: The following chained move statements form a cycle, and so there is no final location to move objects to'
  ['plan: Cyclic dependency in move statements (two, three, of module calls)', `${RES}moved {\n  from = terraform_data.x\n  to   = terraform_data.y\n}\nmoved {\n  from = terraform_data.y\n  to   = terraform_data.x\n}\nmoved {\n  from = terraform_data.p[0]\n  to   = terraform_data.q[0]\n}\nmoved {\n  from = terraform_data.q[0]\n  to   = terraform_data.r[0]\n}\nmoved {\n  from = terraform_data.r[0]\n  to   = terraform_data.p[0]\n}\nmoved {\n  from = module.k\n  to   = module.l\n}\nmoved {\n  from = module.l\n  to   = module.k\n}\n`, ['config/reference main.tf:4:10', 'config/reference main.tf:12:10', 'config/reference main.tf:24:10']],
  ['valid: a chain of moves that ends', `${RES}moved {\n  from = terraform_data.x\n  to   = terraform_data.y\n}\nmoved {\n  from = terraform_data.y\n  to   = terraform_data.b\n}\n`, []],
  // Planned by 1.11.4: an import's for_each into a resource with neither count nor for_each.
  ['valid: an import with for_each into a single resource', `${RES}import {\n  for_each = toset(["a"])\n  to       = terraform_data.a\n  id       = each.value\n}\n`, []],
  // 'Invalid module source address: Terraform failed to determine your intended installation method for remote module package "m".
  // If you intended this as a path relative to the current module, use "./m" instead.' (and for "modules/m", "hashicorp/consul").
  ['init: Invalid module source address (a relative path without ./)', 'module "a" {\n  source = "m"\n}\nmodule "b" {\n  source = "modules/m/"\n}\nmodule "c" {\n  source = "hashicorp/consul"\n}\nmodule "d" {\n  source = "modules/vpc/main.tf"\n}\n', ['module/source main.tf:2:12', 'module/source main.tf:5:12', 'module/source main.tf:8:12', 'module/source main.tf:11:12']],
  ['valid: sources of a registry, a host, a getter, a local path', 'module "a" {\n  source = "hashicorp/consul/aws"\n}\nmodule "b" {\n  source = "github.com/x/y"\n}\nmodule "c" {\n  source = "git::https://example.com/y.git"\n}\nmodule "d" {\n  source = "./m"\n}\nmodule "e" {\n  source = "bucket.s3.amazonaws.com/x"\n}\n', []],
  ['init: Data source address not allowed (a removed data source)', 'removed {\n  from = data.terraform_remote_state.x\n  lifecycle {\n    destroy = false\n  }\n}\n', ['config/reference main.tf:2:10']],
  ['init: Duplicate import configuration', `${RES}import {\n  to = terraform_data.a\n  id = "x"\n}\nimport {\n  to = terraform_data.a\n  id = "y"\n}\n`, ['config/reference main.tf:8:8']],
  // terraform validate 1.11.4, one import per run (it stops at a resource's first): 'Invalid import 'to' expression: The target
  // resource is using count.' (is using for_each, does not use count, does not use for_each), 'Invalid import id argument: The import ID cannot be null.'
  ['validate: an import\'s key against count and for_each, and a null id', 'resource "terraform_data" "a" {}\nresource "terraform_data" "c" {\n  count = 2\n}\nresource "terraform_data" "e" {\n  for_each = { x = 1 }\n}\nimport {\n  to = terraform_data.c\n  id = "1"\n}\nimport {\n  to = terraform_data.e\n  id = "2"\n}\nimport {\n  to = terraform_data.a[0]\n  id = "3"\n}\nimport {\n  to = terraform_data.c["x"]\n  id = "4"\n}\nimport {\n  to = terraform_data.e["x"]\n  id = null\n}\n', ['config/reference main.tf:9:8', 'config/reference main.tf:13:8', 'config/reference main.tf:17:8', 'config/reference main.tf:21:8', 'eval/import main.tf:26:3']],
  ['validate: Configuration for import target does not exist (a module call not declared)', `${RES}import {\n  to = module.nope.terraform_data.x\n  id = "x"\n}\nimport {\n  to = module.m.terraform_data.v\n  id = "y"\n}\nmodule "m" {\n  source = "./m"\n}\n`, ['eval/unknown-reference main.tf:4:8']],
  ['valid: imports naming an instance of what has count or for_each', 'resource "terraform_data" "c" {\n  count = 2\n}\nresource "terraform_data" "e" {\n  for_each = { x = 1 }\n}\nimport {\n  to = terraform_data.c[1]\n  id = "1"\n}\nimport {\n  to = terraform_data.e["x"]\n  id = "2"\n}\n', []],
  ['init: Invalid import address (a string)', `${RES}import {\n  to = "terraform_data.a"\n  id = "x"\n}\n`, ['config/reference main.tf:4:8']],
  ['validate: Invalid expression (each.key without for_each)', `${RES}import {\n  to = terraform_data.a[each.key]\n  id = "x"\n}\n`, ['config/reference main.tf:4:8']],
  ['valid: an import with for_each keys its target', 'resource "terraform_data" "a" {\n  for_each = toset(["k"])\n}\nimport {\n  for_each = toset(["k"])\n  to       = terraform_data.a[each.key]\n  id       = each.key\n}\n', []],
  // terraform validate 1.11.4 evaluates an import's `to` per instance of its for_each (a list's each.key is its index, a
  // number): 'Invalid import 'to' expression: The target resource does not use count.' (does not use for_each; is using for_each).
  ['validate: an import for_each\'s keys against the target\'s count and for_each', 'resource "terraform_data" "e" {\n  for_each = { a = 1 }\n}\nresource "terraform_data" "c" {\n  count = 1\n}\nimport {\n  for_each = ["a"]\n  to       = terraform_data.e[each.key]\n  id       = each.value\n}\nimport {\n  for_each = { a = "a" }\n  to       = terraform_data.c[each.value]\n  id       = each.key\n}\nimport {\n  for_each = toset(["a"])\n  to       = terraform_data.e\n  id       = each.key\n}\n', ['config/reference main.tf:9:14', 'config/reference main.tf:14:14', 'config/reference main.tf:19:14']],
  // terraform validate 1.11.4: 'Invalid for_each argument: The "for_each" expression must be a collection.'
  ['validate: an import for_each that is no collection', 'resource "terraform_data" "e" {\n  for_each = { a = 1 }\n}\nimport {\n  for_each = "a"\n  to       = terraform_data.e[each.key]\n  id       = each.key\n}\nimport {\n  for_each = 2\n  to       = terraform_data.e[each.key]\n  id       = "x"\n}\n', ['eval/for-each main.tf:5:3', 'eval/for-each main.tf:10:3']],
  // terraform plan 1.11.4: 'Configuration for import target does not exist: The configuration for the given import
  // terraform_data.e["zz"] does not exist.' (and terraform_data.c[7], and terraform_data.e["p"] from a variable's default).
  ['plan: an import for_each into instances not declared', 'variable "names" {\n  default = ["p"]\n}\nresource "terraform_data" "e" {\n  for_each = { a = 1 }\n}\nresource "terraform_data" "c" {\n  count = 2\n}\nimport {\n  for_each = { zz = 1 }\n  to       = terraform_data.e[each.key]\n  id       = each.key\n}\nimport {\n  for_each = { a = 7 }\n  to       = terraform_data.c[each.value]\n  id       = each.key\n}\nimport {\n  for_each = var.names\n  to       = terraform_data.e[each.value]\n  id       = each.value\n}\n', ['config/reference main.tf:12:14', 'config/reference main.tf:17:14', 'config/reference main.tf:22:14']],
  ['valid: import for_each over a tuple (each.value), a set, a set of objects, null, a map into count, two instances into one', 'resource "terraform_data" "e" {\n  for_each = { a = 1, b = 2 }\n}\nresource "terraform_data" "c" {\n  count = 2\n}\nimport {\n  for_each = ["a", "b"]\n  to       = terraform_data.e[each.value]\n  id       = each.value\n}\nimport {\n  for_each = toset(["a"])\n  to       = terraform_data.e[each.key]\n  id       = each.key\n}\nimport {\n  for_each = toset([{ k = "b" }])\n  to       = terraform_data.e[each.key.k]\n  id       = "x"\n}\nimport {\n  for_each = null\n  to       = terraform_data.e[each.key]\n  id       = each.key\n}\nimport {\n  for_each = { a = 0, b = 1 }\n  to       = terraform_data.c[each.value]\n  id       = each.key\n}\nimport {\n  for_each = { x = "a", y = "a" }\n  to       = terraform_data.e[each.value]\n  id       = each.key\n}\n', []],
  // terraform validate 1.11.4: 'Reference to undeclared input variable', 'Reference to undeclared local value', 'Reference to
  // "each" in context without for_each', 'Reference to "count" in non-counted context', in an import's id and for_each.
  ['validate: undeclared references, each and count in an import', 'resource "terraform_data" "e" {\n  for_each = { a = 1, b = 2, c = 3 }\n}\nimport {\n  to = terraform_data.e["a"]\n  id = var.nope\n}\nimport {\n  for_each = local.nope\n  to       = terraform_data.e[each.key]\n  id       = each.key\n}\nimport {\n  to = terraform_data.e["b"]\n  id = each.key\n}\nimport {\n  to = terraform_data.e["c"]\n  id = count.index\n}\n', ['eval/unknown-reference main.tf:6:8', 'eval/unknown-reference main.tf:9:14', 'eval/unknown-reference main.tf:15:8', 'eval/unknown-reference main.tf:19:8']],
  ['init: removed destroy is a constant bool', 'variable "d" {\n  default = false\n}\nremoved {\n  from = terraform_data.gone\n  lifecycle {\n    destroy = var.d\n  }\n}\nremoved {\n  from = terraform_data.gone2\n  lifecycle {\n    destroy = "no"\n    prevent_destroy = true\n  }\n}\n', ['config/constant main.tf:7:15', 'config/constant main.tf:13:15', 'config/argument main.tf:14:5']],
  ['valid: removed from = local.a passes init and validate', 'removed {\n  from = local.a\n  lifecycle {\n    destroy = false\n  }\n}\n', []],
  ['init: descriptions and required_version are constants', 'terraform {\n  required_version = upper(">= 1.0")\n}\nvariable "v" {\n  description = "${var.v}"\n}\noutput "o" {\n  value       = 1\n  description = upper("x")\n}\n', ['config/constant main.tf:2:22', 'config/constant main.tf:5:20', 'config/constant main.tf:9:17']],
  ['init: provider alias from a variable, reserved provider arguments', 'variable "a" {\n  default = "x"\n}\nprovider "aws" {\n  alias = var.a\n}\nprovider "aws" {\n  alias    = "b"\n  count    = 1\n  for_each = {}\n  source   = "x"\n}\n', ['config/constant main.tf:5:11', 'config/argument main.tf:9:3', 'config/argument main.tf:10:3', 'config/argument main.tf:11:3']],
  ['valid: an alias Terraform evaluates from constants', 'provider "aws" {\n  alias = "${"west"}"\n}\n', []],
  ['init: Invalid provider configuration reference', 'resource "terraform_data" "a" {\n  provider = aws.west.x\n}\nresource "terraform_data" "b" {\n  provider = aws["west"]\n}\n', ['config/reference main.tf:2:14', 'config/reference main.tf:5:14']],
  ['validate: a dynamic iterator is a bare name', 'resource "aws_security_group" "g" {\n  dynamic "ingress" {\n    for_each = [80]\n    iterator = "p"\n    content {\n      from_port = 80\n    }\n  }\n}\n', ['config/argument main.tf:4:16']],
  ['init: ignore_changes is all or a list', 'locals {\n  x = []\n}\nresource "terraform_data" "a" {\n  lifecycle {\n    ignore_changes = "all"\n  }\n}\nresource "terraform_data" "b" {\n  lifecycle {\n    ignore_changes = local.x\n  }\n}\n', ['config/argument main.tf:6:22', 'config/argument main.tf:11:22']],
  ['valid: ignore_changes = all, and a list of names or strings', 'resource "terraform_data" "a" {\n  lifecycle {\n    ignore_changes = all\n  }\n}\nresource "terraform_data" "b" {\n  lifecycle {\n    ignore_changes = [input, "triggers_replace"]\n  }\n}\n', []],
];

test('addresses of moved, import and removed blocks, constants Terraform reads before evaluating, and provider references, as terraform init/validate/plan 1.11.4 judge them', () => {
  for (const [what, main, expected] of SHAPES) {
    assert.deepEqual(errors({ 'main.tf': main, 'm/main.tf': 'resource "terraform_data" "v" {}\n' }), expected, what);
  }
});

test('provisioner and connection blocks are not evaluated, but what they refer to is checked (terraform validate 1.11.4)', () => {
  // 'Reference to undeclared local value' (the resource's connection, a provisioner's), 'Reference to undeclared input variable',
  // 'Reference to "count" in non-counted context', 'Reference to "each" in context without for_each'; and in a block with no instances.
  const main = 'resource "terraform_data" "a" {\n  connection {\n    host = local.nope\n  }\n  provisioner "local-exec" {\n    command = "echo ${var.nope} ${count.index} ${each.key}"\n  }\n  provisioner "remote-exec" {\n    inline = ["x"]\n    connection {\n      host = module.m.x\n    }\n  }\n}\nresource "terraform_data" "z" {\n  count = 0\n  provisioner "local-exec" {\n    command = "echo ${var.nope2}"\n  }\n}\n';
  assert.deepEqual(errors({ 'main.tf': main }), ['eval/unknown-reference main.tf:3:12', 'eval/unknown-reference main.tf:6:23', 'eval/unknown-reference main.tf:6:35', 'eval/unknown-reference main.tf:6:50', 'eval/unknown-reference main.tf:11:14', 'eval/unknown-reference main.tf:18:23']);
  // Declared names, self, and count.index where the resource has count, are fine.
  const fine = 'variable "v" {\n  default = "x"\n}\nresource "terraform_data" "a" {\n  count = 1\n  connection {\n    host = var.v\n  }\n  provisioner "local-exec" {\n    command    = "echo ${self.input} ${count.index} ${var.v}"\n    on_failure = continue\n  }\n}\n';
  assert.deepEqual(errors({ 'main.tf': fine }), []);
});

test('a block with no instances: references in a dynamic block content count only when its for_each is a non-empty list or object written out', () => {
  // terraform validate and plan 1.11.4: local.nope is not looked up (for_each unknown in validate, or no instance); local.nope2 is.
  const doc = (name: string, forEach: string, local: string) => `data "aws_iam_policy_document" "${name}" {\n  count = 0\n  dynamic "statement" {\n    for_each = ${forEach}\n    content {\n      resources = ${local}\n    }\n  }\n}\n`;
  const main = `variable "on" {\n  default = true\n}\n${doc('d', 'var.on ? [1] : []', 'local.nope')}${doc('e', '[1]', 'local.nope2')}`;
  assert.deepEqual(errors({ 'main.tf': main }), ['eval/unknown-reference main.tf:18:19']);
});

test("a provider's function needs its provider in the module's required_providers (terraform validate 1.11.4: \"Unknown provider function\")", () => {
  const declared = 'terraform {\n  required_providers {\n    terraform = {\n      source = "terraform.io/builtin/terraform"\n    }\n  }\n}\n';
  const calls = 'output "a" {\n  value = provider::terraform::encode_tfvars({ a = 1 })\n}\noutput "b" {\n  value = provider::aws::arn_parse("arn:aws:s3:::b")\n}\n';
  assert.deepEqual(errors({ 'main.tf': declared + calls }), ['config/reference main.tf:12:11']);
  assert.deepEqual(errors({ 'main.tf': calls }), ['config/reference main.tf:2:11', 'config/reference main.tf:5:11']);
  // Declared in another file of the module, or in a child module for the child's own calls.
  assert.deepEqual(errors({ 'versions.tf': 'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}\n', 'main.tf': 'output "b" {\n  value = provider::aws::arn_parse("arn:aws:s3:::b")\n}\n' }), []);
});

test('count, for_each or depends_on on a call of a module that configures its own provider (terraform init 1.11.4: "Module is incompatible with count, for_each, and depends_on")', () => {
  const call = (meta: string) => `module "m" {\n  source = "./m"\n  ${meta}\n}\n`;
  const child = (provider: string) => `${provider}\nresource "terraform_data" "r" {}\n`;
  assert.deepEqual(errors({ 'main.tf': call('count = 1'), 'm/main.tf': child('provider "aws" {\n  region = "us-east-1"\n}') }), ['module/source main.tf:3:3']);
  assert.deepEqual(errors({ 'main.tf': call('depends_on = []'), 'm/main.tf': child('provider "aws" {\n  region = "us-east-1"\n}') }), ['module/source main.tf:3:3']);
  // An empty provider block, or one with an alias only, is a warning there ("Redundant empty provider block").
  assert.deepEqual(errors({ 'main.tf': call('count = 1'), 'm/main.tf': child('provider "aws" {}') }), []);
  assert.deepEqual(errors({ 'main.tf': call('for_each = {}'), 'm/main.tf': child('provider "aws" {\n  alias = "x"\n}') }), []);
  // Without count, for_each or depends_on a legacy module is fine.
  assert.deepEqual(errors({ 'main.tf': call(''), 'm/main.tf': child('provider "aws" {\n  region = "us-east-1"\n}') }), []);
});

test('list() and map(), a module depending on itself, and a provider alias a root module does not configure, as terraform validate 1.11.4 refuses them', () => {
  // 'the "list" function was deprecated in Terraform v0.12 and is no longer available'
  assert.deepEqual(errors({ 'main.tf': 'locals {\n  l = list("a")\n  m = map("a", 1)\n}\n' }), ['eval/error main.tf:2:7', 'eval/error main.tf:3:7']);
  // "Cycle: module.one.var.opt (expand), module.one (close), ..."; a resource naming itself is accepted.
  assert.deepEqual(errors({ 'main.tf': 'module "one" {\n  source     = "./m"\n  depends_on = [module.one]\n}\nresource "terraform_data" "r" {\n  depends_on = [terraform_data.r]\n}\n', 'm/main.tf': 'resource "terraform_data" "x" {}\n' }), ['eval/cycle main.tf:3:17']);
  // "Provider configuration not present", for a resource and a module call's providers.
  const aws = 'provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\n';
  const uses = 'resource "aws_s3_bucket" "b" {\n  provider = aws.east\n}\nresource "aws_s3_bucket" "w" {\n  provider = aws.west\n}\nmodule "m" {\n  source = "./m"\n  providers = {\n    aws = aws.east\n  }\n}\n';
  assert.deepEqual(errors({ 'main.tf': aws + uses, 'm/main.tf': 'resource "terraform_data" "x" {}\n' }), ['config/reference main.tf:9:14', 'config/reference main.tf:17:11']);
  // A module scanned alone gets its configurations from its callers: no provider block, or configuration_aliases, says nothing.
  assert.deepEqual(errors({ 'main.tf': uses, 'm/main.tf': 'resource "terraform_data" "x" {}\n' }), []);
  const aliased = 'terraform {\n  required_providers {\n    aws = {\n      source                = "hashicorp/aws"\n      configuration_aliases = [aws.east]\n    }\n  }\n}\n';
  // But configuring aws itself it is written to run as a root, where no caller passes aws.east: validate 1.11.4
  // refuses it ("Provider configuration not present ... provider["registry.terraform.io/hashicorp/aws"].east is required").
  assert.deepEqual(errors({ 'main.tf': aliased + aws + uses, 'm/main.tf': 'resource "terraform_data" "x" {}\n' }), ['config/reference main.tf:17:14', 'config/reference main.tf:25:11']);
  assert.deepEqual(errors({ 'main.tf': aliased + uses, 'm/main.tf': 'resource "terraform_data" "x" {}\n' }), []);
  // A module written to run as a root, as it configures another provider or has variables files of its own, is judged
  // for every name: validate 1.11.4 refuses `terraform.nope`, `aws.nope` in a root with no provider block of that name.
  const other = 'provider "google" {\n  project = "p"\n}\n';
  const child = { 'm/main.tf': 'resource "terraform_data" "x" {}\n' };
  assert.deepEqual(errors({ 'main.tf': other + uses, ...child }), ['config/reference main.tf:5:14', 'config/reference main.tf:8:14', 'config/reference main.tf:13:11']);
  assert.deepEqual(errors({ 'main.tf': uses, 'terraform.tfvars': '', ...child }), ['config/reference main.tf:2:14', 'config/reference main.tf:5:14', 'config/reference main.tf:10:11']);
  assert.deepEqual(errors({ 'main.tf': uses, 'prod.auto.tfvars.json': '{}', ...child }).length, 3);
  // Not a variables file of another directory, nor a provider block with an alias alone (a proxy), nor configuration_aliases.
  assert.deepEqual(errors({ 'main.tf': uses, 'env/terraform.tfvars': '', ...child }), []);
  assert.deepEqual(errors({ 'main.tf': 'provider "google" {\n  alias = "g"\n}\n' + uses, ...child }), []);
  assert.deepEqual(errors({ 'main.tf': aliased + other + uses, 'terraform.tfvars': '', ...child }), []);
});

test('one() of a resource\'s instances, their number known, is refused for it (terraform plan 1.11.4: "Invalid function argument: Invalid value for "list" parameter: must be a list, set, or tuple value with either zero or one elements.")', () => {
  const child = 'variable "size" {\n  default = 1\n}\nresource "terraform_data" "r" {\n  count = var.size\n}\noutput "id" {\n  value = one(terraform_data.r[*].id)\n}\noutput "whole" {\n  value = one(terraform_data.r)\n}\n';
  const call = (size: string, meta = '') => `module "m" {\n  source = "./m"\n  size   = ${size}\n${meta}}\n`;
  assert.deepEqual(errors({ 'main.tf': call('2'), 'm/main.tf': child }), ['eval/instance-count m/main.tf:8:11', 'eval/instance-count m/main.tf:11:11']);
  // One instance or none: planned.
  assert.deepEqual(errors({ 'main.tf': call('1'), 'm/main.tf': child }), []);
  assert.deepEqual(errors({ 'main.tf': call('0'), 'm/main.tf': child }), []);
  // A count not known here, or a call the scan assumes (its for_each not known): nothing certain.
  const az = 'data "aws_availability_zones" "az" {}\n';
  assert.deepEqual(errors({ 'main.tf': az + call('length(data.aws_availability_zones.az.names)'), 'm/main.tf': child }), []);
  const assumed = evaluateFiles({ 'main.tf': az + call('2', '  for_each = toset(data.aws_availability_zones.az.names)\n'), 'm/main.tf': child }).diagnostics.filter((d) => d.code === 'eval/instance-count');
  assert.deepEqual(assumed.map((d) => d.severity), ['warning', 'warning']);
});

test('moved and import blocks naming one instance, judged against the instances there are (terraform plan 1.11.4)', () => {
  const res = 'variable "n" {\n  default = 2\n}\nresource "terraform_data" "c" {\n  count = var.n\n}\nresource "terraform_data" "e" {\n  for_each = { a = 1 }\n}\n';
  const block = (kind: 'moved' | 'import', a: string, b: string) => (kind === 'moved' ? `moved {\n  from = ${a}\n  to   = ${b}\n}\n` : `import {\n  to = ${a}\n  id = "${b}"\n}\n`);
  // "Moved object still exists: This statement declares a move from terraform_data.c[0], but that resource instance is still declared"
  assert.deepEqual(errors({ 'main.tf': res + block('moved', 'terraform_data.c[1]', 'terraform_data.z[0]') + block('moved', 'terraform_data.e["a"]', 'terraform_data.z["a"]') }), ['config/reference main.tf:11:10', 'config/reference main.tf:15:10']);
  // "Configuration for import target does not exist: The configuration for the given import terraform_data.c[9] does not exist."
  assert.deepEqual(errors({ 'main.tf': res + block('import', 'terraform_data.c[9]', 'x') + block('import', 'terraform_data.e["zz"]', 'y') }), ['config/reference main.tf:11:8', 'config/reference main.tf:15:8']);
  // Planned: a move from an instance the count no longer makes, an import into one it makes.
  assert.deepEqual(errors({ 'main.tf': res + block('moved', 'terraform_data.c[2]', 'terraform_data.z[0]') + block('moved', 'terraform_data.e["b"]', 'terraform_data.z["b"]') + block('import', 'terraform_data.c[1]', 'x') + block('import', 'terraform_data.e["a"]', 'y') }), []);
  // A count the scan does not know (a variable without a value) judges nothing.
  assert.deepEqual(errors({ 'main.tf': res.replace('  default = 2\n', '  type = number\n') + block('moved', 'terraform_data.c[0]', 'terraform_data.z[0]') + block('import', 'terraform_data.c[9]', 'x') }), []);
});

test('a local module directory with no file at all is refused (terraform init 1.11.4: "Unreadable module directory"); one with files but no Terraform ones is a warning', () => {
  const files: Record<string, string> = { 'main.tf': 'module "a" {\n  source = "./modules/nope"\n}\nmodule "b" {\n  source = "./docs"\n}\n' };
  // fileset()'s listing of the scan root: docs holds a README, modules/nope nothing (not there).
  const onDisk = ['main.tf', 'docs/README.md'];
  const listFiles = (dir: string) => onDisk.filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1));
  const found = evaluateFiles(files, { listFiles }).diagnostics.filter((d) => d.code === 'module/missing').map((d) => `${d.severity} ${d.span?.start.line}`);
  assert.deepEqual(found, ['error 1', 'warning 4']);
  // Without a listing (no file system to ask), nothing is certain.
  assert.deepEqual(evaluateFiles(files).diagnostics.filter((d) => d.code === 'module/missing').map((d) => d.severity), ['warning', 'warning']);
});

test('file() of a directory with files in it is refused (terraform validate 1.11.4: "failed to read file: read .: is a directory"); of a file not in the scan, a warning', () => {
  const onDisk = ['main.tf', 'files/a.txt'];
  const listFiles = (dir: string) => (dir === '' ? onDisk : onDisk.filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1)));
  const main = 'locals {\n  a = file(".")\n  b = file(path.module)\n  c = filebase64("files")\n  d = file("files/built.zip")\n}\n';
  const found = evaluateFiles({ 'main.tf': main }, { listFiles }).diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.severity} ${d.code} ${d.span?.start.line}`);
  assert.deepEqual(found, ['error eval/error 2', 'error eval/error 3', 'error eval/error 4', 'warning eval/file 5']);
});

test('terraform_data read from a body of the configuration alone is that configuration: what fails on its input or output is an error (terraform plan 1.11.4: "Unsupported attribute: Can\'t access attributes on a primitive-typed value (string).", "Invalid index: This value does not have any indices.")', () => {
  const res = 'resource "terraform_data" "c" {\n  count = 2\n  input = "x"\n}\nresource "terraform_data" "e" {\n  for_each = { a = 1 }\n  input    = "y"\n}\n';
  const out = (n: number, v: string) => `output "o${n}" {\n  value = ${v}\n}\n`;
  const main = res + out(1, 'terraform_data.c[0].input.nope') + out(2, 'terraform_data.c[1].output.nope') + out(3, 'values(terraform_data.e)[*].input.nope') + out(4, 'terraform_data.c[0].input[5]');
  assert.deepEqual(errors({ 'main.tf': main }), ['eval/error main.tf:10:11', 'eval/error main.tf:13:11', 'eval/error main.tf:16:44', 'eval/error main.tf:19:11']);
  // Its body reads a provider's resource: what it holds may be known here only in part, a warning.
  const partial = 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\nresource "terraform_data" "p" {\n  count = 1\n  input = aws_s3_bucket.b.bucket\n}\n' + out(1, 'terraform_data.p[0].input.nope');
  assert.deepEqual(errors({ 'main.tf': partial }), []);
});
