// A cycle between resources, data sources and locals fails the scan, as Terraform refuses to
// build its graph ("Cycle: terraform_data.b, terraform_data.a", terraform plan 1.11); references
// that only look circular do not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

function cyclesOf(text: string): string[] {
  return evaluateFiles({ 'main.tf': text })
    .diagnostics.filter((d) => d.code === 'eval/cycle')
    .map((d) => `${d.severity} main.tf:${d.span?.start.line} ${d.message}`);
}

test('two resources referring to each other are a cycle, said once at the first', () => {
  assert.deepEqual(cyclesOf('resource "terraform_data" "a" {\n  input = terraform_data.b.id\n}\nresource "terraform_data" "b" {\n  input = terraform_data.a.id\n}\n'), [
    'error main.tf:1 Cycle: terraform_data.a, terraform_data.b refer to each other, so Terraform cannot order them and refuses the configuration.',
  ]);
});

test('security groups whose rules name each other inline: the cycle Terraform users meet most', () => {
  const text =
    'resource "aws_security_group" "app" {\n  ingress {\n    from_port       = 443\n    to_port         = 443\n    protocol        = "tcp"\n    security_groups = [aws_security_group.lb.id]\n  }\n}\n' +
    'resource "aws_security_group" "lb" {\n  egress {\n    from_port       = 443\n    to_port         = 443\n    protocol        = "tcp"\n    security_groups = [aws_security_group.app.id]\n  }\n}\n';
  assert.deepEqual(cyclesOf(text).map((c) => c.split(' refer')[0]), ['error main.tf:1 Cycle: aws_security_group.app, aws_security_group.lb']);
});

test('a cycle through a local, a data source, depends_on or a lifecycle condition is a cycle too', () => {
  assert.equal(cyclesOf('locals {\n  x = terraform_data.a.id\n}\nresource "terraform_data" "a" {\n  input = local.x\n}\n').length, 1);
  assert.equal(cyclesOf('data "aws_iam_policy_document" "p" {\n  statement {\n    resources = [aws_s3_bucket.b.arn]\n  }\n}\nresource "aws_s3_bucket" "b" {\n  tags = { p = data.aws_iam_policy_document.p.json }\n}\n').length, 1);
  assert.equal(cyclesOf('resource "terraform_data" "a" {\n  depends_on = [terraform_data.b]\n}\nresource "terraform_data" "b" {\n  input = terraform_data.a.id\n}\n').length, 1);
  assert.equal(cyclesOf('resource "terraform_data" "a" {\n  lifecycle {\n    postcondition {\n      condition     = terraform_data.b.id != ""\n      error_message = "x"\n    }\n  }\n}\nresource "terraform_data" "b" {\n  input = terraform_data.a.id\n}\n').length, 1);
});

test('no cycle: a chain, ignore_changes names, a module call in between, locals alone (the evaluator says that one at the local)', () => {
  assert.deepEqual(cyclesOf('resource "terraform_data" "a" {\n  input = terraform_data.b.id\n}\nresource "terraform_data" "b" {\n  input = terraform_data.c.id\n}\nresource "terraform_data" "c" {\n}\n'), []);
  assert.deepEqual(cyclesOf('resource "terraform_data" "a" {\n  input = terraform_data.b.id\n  lifecycle {\n    ignore_changes = [terraform_data]\n  }\n}\nresource "terraform_data" "b" {\n}\n'), []);
  assert.deepEqual(
    evaluateFiles({ 'main.tf': 'module "m" {\n  source = "./m"\n  x      = terraform_data.a.id\n}\nresource "terraform_data" "a" {\n  input = module.m.y\n}\n', 'm/main.tf': 'variable "x" {}\noutput "y" {\n  value = "constant"\n}\n' }).diagnostics.filter((d) => d.code === 'eval/cycle'),
    [],
  );
  assert.deepEqual(cyclesOf('locals {\n  a = local.b\n  b = local.a\n}\n'), ['error main.tf:2 local.a refers to itself through other locals, so Terraform refuses the configuration (a cycle).']);
});

test('a cycle through a module call: the output read comes from the input set, inside the module (each planned by Terraform 1.11)', () => {
  const child = 'variable "in" {}\noutput "echo" {\n  value = var.in\n}\noutput "const" {\n  value = "c"\n}\nresource "terraform_data" "x" {\n  input = var.in\n}\noutput "via_resource" {\n  value = terraform_data.x.output\n}\n';
  const cycles = (main: string): string[] =>
    evaluateFiles({ 'main.tf': main, 'm/main.tf': child })
      .diagnostics.filter((d) => d.code === 'eval/cycle')
      .map((d) => `${d.span?.file}:${d.span?.start.line} ${d.message.split(' depend')[0]}`);
  const call = (input: string, extra = ''): string => `module "m" {\n  source = "./m"\n${extra}  in     = ${input}\n}\n`;
  assert.deepEqual(cycles(`resource "terraform_data" "a" {\n  input = module.m.echo\n}\n${call('terraform_data.a.id')}`), ['main.tf:1 Cycle: terraform_data.a, module.m.var.in, module.m.output.echo']);
  assert.deepEqual(cycles(`resource "terraform_data" "a" {\n  input = module.m.via_resource\n}\n${call('terraform_data.a.id')}`), ['main.tf:1 Cycle: terraform_data.a, module.m.var.in, module.m.output.via_resource']);
  // count of the call read from what reads its output: the call's expansion is in the cycle.
  assert.deepEqual(cycles(`resource "terraform_data" "a" {\n  input = module.m[0].const\n}\n${call('"x"', '  count  = length(terraform_data.a.id) > 0 ? 1 : 0\n')}`), ['main.tf:1 Cycle: terraform_data.a, module.m (expand), module.m.output.const']);
  // Two calls feeding each other.
  assert.deepEqual(cycles('module "a" {\n  source = "./m"\n  in     = module.b.echo\n}\nmodule "b" {\n  source = "./m"\n  in     = module.a.echo\n}\n'), ['main.tf:3 Cycle: module.a.var.in, module.b.var.in, module.a.output.echo, module.b.output.echo']);
  // Planned by Terraform: the output read does not come from the input; one call feeding another.
  assert.deepEqual(cycles(`resource "terraform_data" "a" {\n  input = module.m.const\n}\n${call('terraform_data.a.id')}`), []);
  assert.deepEqual(cycles('module "a" {\n  source = "./m"\n  in     = "x"\n}\nmodule "b" {\n  source = "./m"\n  in     = module.a.echo\n}\nresource "terraform_data" "r" {\n  input = module.b.echo\n}\n'), []);
});

test("module.m[\"const\"] of a call without count or for_each reads the whole call in Terraform's graph, so it closes a cycle module.m.const does not (terraform plan 1.11.4)", () => {
  // Its value is output "const" (sensitive-outputs.ts, ephemeral.ts read it so), but the reference is
  // to the call's instance, which depends on all the call's outputs: plan 1.11.4 says "Cycle:
  // module.db.output.out (expand), terraform_data.a, module.db.var.x (expand), module.db (close)".
  const child = 'variable "in" {}\noutput "echo" {\n  value = var.in\n}\noutput "const" {\n  value = "c"\n}\n';
  const cycles = (read: string): number =>
    evaluateFiles({ 'main.tf': `module "m" {\n  source = "./m"\n  in     = terraform_data.a.id\n}\nresource "terraform_data" "a" {\n  input = ${read}\n}\n`, 'm/main.tf': child }).diagnostics.filter((d) => d.code === 'eval/cycle').length;
  assert.equal(cycles('module.m["const"]'), 1);
  assert.equal(cycles('module.m.const'), 0);
});

// Terraform 1.9+ validates a variable in a node of its own that reads what its conditions and
// messages read, and anything reading the variable waits for it: each row run by terraform
// validate 1.11.4, which printed the cycle in the comment, or "Success!".
const validationCycles: [string, string, string[]][] = [
  // "Cycle: var.env (validation), terraform_data.x"
  ['a resource reading the variable its validation reads', 'variable "env" {\n  default = "dev"\n  validation {\n    condition     = var.env != terraform_data.x.id\n    error_message = "x"\n  }\n}\nresource "terraform_data" "x" {\n  input = var.env\n}\n', ['error main.tf:1 Cycle: var.env (validation), terraform_data.x']],
  // The same cycle, through the error message.
  ['the error message reading the resource', 'variable "env" {\n  default = "dev"\n  validation {\n    condition     = var.env != ""\n    error_message = "x ${terraform_data.x.id}"\n  }\n}\nresource "terraform_data" "x" {\n  input = var.env\n}\n', ['error main.tf:1 Cycle: var.env (validation), terraform_data.x']],
  // "Cycle: var.env (validation), local.a (expand)": locals alone with a validation are a cycle too.
  ['a local reading the variable its validation reads', 'variable "env" {\n  default = "dev"\n  validation {\n    condition     = var.env != local.a\n    error_message = "x"\n  }\n}\nlocals {\n  a = "${var.env}x"\n}\n', ['error main.tf:1 Cycle: var.env (validation), local.a']],
  // Once, as Terraform's graph names it, not again as a cycle of locals alone by the evaluator (which reads the local for the resource, then the validation).
  ['a local reading the variable its validation reads, read by a resource', 'variable "env" {\n  default = "dev"\n  validation {\n    condition     = var.env != local.a\n    error_message = "x"\n  }\n}\nlocals {\n  a = "${var.env}x"\n}\nresource "terraform_data" "r" {\n  input = local.a\n}\n', ['error main.tf:1 Cycle: var.env (validation), local.a']],
  // "Cycle: terraform_data.x, var.env (validation)": the count reads the variable.
  ['a count reading the variable', 'variable "env" {\n  default = "dev"\n  validation {\n    condition     = var.env != terraform_data.x[0].id\n    error_message = "x"\n  }\n}\nresource "terraform_data" "x" {\n  count = length(var.env)\n}\n', ['error main.tf:1 Cycle: var.env (validation), terraform_data.x']],
  // "Success!": a local the resource does not read, an output reading the variable.
  ['no cycle: the validation reads a local that does not read the variable', 'variable "env" {\n  default = "dev"\n  validation {\n    condition     = var.env != local.b\n    error_message = "x"\n  }\n}\nlocals {\n  b = "q"\n}\nresource "terraform_data" "x" {\n  input = var.env\n}\n', []],
  ['no cycle: only an output reads the variable', 'variable "env" {\n  default = "dev"\n  validation {\n    condition     = var.env != terraform_data.x.id\n    error_message = "x"\n  }\n}\nresource "terraform_data" "x" {\n  input = "q"\n}\noutput "o" {\n  value = var.env\n}\n', []],
];

for (const [name, text, want] of validationCycles) {
  test(`variable validations in Terraform's graph: ${name}`, () => {
    assert.deepEqual(cyclesOf(text).map((c) => c.split(' refer')[0]), want);
  });
}

test('a variable validation on a cycle through a module call: the call sets an input from the variable', () => {
  // terraform validate 1.11.4: "Cycle: module.m.output.y (expand), var.env (validation), module.m.var.x (expand)".
  const files = {
    'main.tf': 'variable "env" {\n  default = "dev"\n  validation {\n    condition     = var.env != module.m.y\n    error_message = "x"\n  }\n}\nmodule "m" {\n  source = "./m"\n  x      = var.env\n}\n',
    'm/main.tf': 'variable "x" {}\noutput "y" {\n  value = var.x\n}\n',
  };
  assert.deepEqual(evaluateFiles(files).diagnostics.filter((d) => d.code === 'eval/cycle').map((d) => `${d.span?.file}:${d.span?.start.line}`), ['main.tf:1']);
});
