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
