import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

const DAYS = 'variable "days" {\n  type = number\n  validation {\n    condition     = var.days >= 7\n    error_message = "Keep logs at least a week."\n  }\n  validation {\n    condition     = var.days < 400\n    error_message = "At most ${var.days} days."\n  }\n}\noutput "d" {\n  value = var.days\n}\n';

const validation = (files: Record<string, string>) =>
  evaluateFiles(files)
    .diagnostics.filter((d) => d.code === 'vars/validation')
    .map((d) => `${d.severity} ${d.span?.file}:${d.span?.start.line} ${d.message}`);

test('a given value failing a validation condition is an error at the value, with a plain error_message', () => {
  assert.deepEqual(validation({ 'main.tf': DAYS, 'terraform.tfvars': 'days = 3\n' }), [
    'error terraform.tfvars:1 The value of var.days fails its validation, so Terraform would refuse this configuration: Keep logs at least a week.',
  ]);
  // An interpolated message could print the value: it is not shown.
  assert.deepEqual(validation({ 'main.tf': DAYS, 'terraform.tfvars': 'days = 500\n' }), ['error terraform.tfvars:1 The value of var.days fails its validation, so Terraform would refuse this configuration.']);
  assert.deepEqual(validation({ 'main.tf': DAYS, 'terraform.tfvars': 'days = 30\n' }), []);
});

test('a default failing its validation is an error at the default (Terraform validates it when no value is given); a value read from a resource, a warning', () => {
  const withDefault = 'variable "days" {\n  default = 3\n  validation {\n    condition     = var.days >= 7\n    error_message = "Keep logs at least a week."\n  }\n}\n';
  assert.deepEqual(validation({ 'main.tf': withDefault }), ['error main.tf:2 The value of var.days fails its validation, so Terraform would refuse this configuration: Keep logs at least a week.']);
  assert.deepEqual(validation({ 'main.tf': withDefault, 'terraform.tfvars': 'days = 30\n' }), []);
  const child = 'variable "size" {\n  validation {\n    condition     = length(var.size) > 2\n    error_message = "Size must exceed 2."\n  }\n}\n';
  assert.deepEqual(validation({ 'main.tf': 'resource "aws_instance" "i" {\n  tags = { Name = "i" }\n}\nmodule "m" {\n  source = "./m"\n  size   = aws_instance.i.tags\n}\n', 'm/main.tf': child }), [
    'warning main.tf:6 The value of var.size fails its validation, so Terraform would refuse this configuration: Size must exceed 2.',
  ]);
});

test("a module argument is checked against the child's validations; an undecidable condition says nothing", () => {
  const child = 'variable "size" {\n  validation {\n    condition     = var.size > 2\n    error_message = "Size must exceed 2."\n  }\n  validation {\n    condition     = nosuchfunction(var.size)\n    error_message = "never decided"\n  }\n}\n';
  assert.deepEqual(validation({ 'main.tf': 'module "m" {\n  source = "./m"\n  size   = 1\n}\n', 'm/main.tf': child }), ['error main.tf:3 The value of var.size fails its validation, so Terraform would refuse this configuration: Size must exceed 2.']);
  assert.deepEqual(validation({ 'main.tf': 'variable "s" {}\nmodule "m" {\n  source = "./m"\n  size   = var.s\n}\n', 'm/main.tf': child }), []);
});
