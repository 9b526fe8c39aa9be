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
