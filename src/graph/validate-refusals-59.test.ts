// Refusals of terraform init/validate/plan 1.11.4 left from stop 58 (issue 4), each checked by
// running Terraform 1.11.4 on the configuration: refused at the file:line:column given, or accepted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

function errorsOf(files: Record<string, string>): string[] {
  return evaluateFiles(files)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.span?.file}:${d.span?.start.line}:${d.span?.start.column}`);
}

// A `for` with a condition holds its value (and, of an object `for`, its key's marks) for the
// elements the condition lets through. terraform plan 1.11.4 refuses each refused output here
// ("Output refers to sensitive values") and each refused for_each ("Invalid for_each argument"), and
// plans the others; validate, where variables are unknown, refuses only those over a literal.
const secrets = `variable "pw" {\n  sensitive = true\n  default   = "p4ss"\n}\nvariable "names" {\n  default = ["a", "b"]\n}\nvariable "empty" {\n  type    = list(string)\n  default = []\n}\nvariable "blanks" {\n  default = ["", ""]\n}\nvariable "m" {\n  default = { a = "1", b = "" }\n}\nvariable "flag" {\n  default = true\n}\nlocals {\n  m     = { a = var.pw, b = "q" }\n  plain = { a = "1", b = "2" }\n}\n`;
const outputOf = (expr: string): Record<string, string> => ({ 'main.tf': `${secrets}output "o" {\n  value = ${expr}\n}\n` });
const forEachOf = (expr: string): Record<string, string> => ({ 'main.tf': `${secrets}resource "terraform_data" "r" {\n  for_each = ${expr}\n}\n` });

const conditionalOutputs: [string, boolean][] = [
  ['[for s in var.names : "x${var.pw}" if s != ""]', true],
  ['[for s in var.names : "x${var.pw}" if s == "a"]', true],
  ['{ for k, v in var.m : k => var.pw if v != "" }', true],
  ['tolist([for s in var.names : var.pw if s != ""])', true],
  ['concat([for s in var.names : var.pw if s != ""], [])', true],
  ['var.flag ? [for s in var.names : var.pw if s != ""] : []', true],
  ['[for s in var.names : { p = var.pw } if s != ""]', true],
  ['{ for s in var.names : s => [var.pw] if s != "" }', true],
  ['{ for s in var.names : s => var.pw... if s != "" }', true],
  ['{ for s in var.names : "${s}-${var.pw}" => s if s != "" }', true],
  ['[for s in ["a", ""] : var.pw if s != ""]', true],
  ['[for k, v in local.m : v if k == "a"]', true],
  ['[for k, v in local.plain : local.m[k] if v == "1"]', true],
  // Nothing let through, or only what holds no mark.
  ['[for s in var.empty : "x${var.pw}" if s != ""]', false],
  ['[for s in var.blanks : "x${var.pw}" if s != ""]', false],
  ['{ for k, v in var.m : k => var.pw if v == "zzz" }', false],
  ['{ for s in var.blanks : "${s}-${var.pw}" => s if s != "" }', false],
  ['[for s in ["", ""] : var.pw if s != ""]', false],
  ['[for k, v in local.m : v if k == "b"]', false],
  ['length([for s in var.names : var.pw if s != ""])', false],
];

test('an output whose for with a condition lets a marked value through is refused as terraform plan 1.11.4 refuses it', () => {
  for (const [expr, refusedHere] of conditionalOutputs) assert.deepEqual(errorsOf(outputOf(expr)), refusedHere ? ['eval/sensitive-output main.tf:25:8'] : [], expr);
});

const conditionalForEach: [string, boolean][] = [
  ['{ for s in var.names : "${s}-${var.pw}" => s if s != "" }', true],
  ['{ for k, v in local.m : v => k if k == "a" }', true],
  ['toset([for s in var.names : var.pw if s != ""])', true],
  ['{ for s in var.blanks : "${s}-${var.pw}" => s if s != "" }', false],
  ['{ for k, v in local.m : v => k if k == "b" }', false],
  ['toset([for s in var.blanks : var.pw if s != ""])', false],
  ['{ for k, v in var.m : "${k}${var.pw}" => v if v == "zzz" }', false],
];

test('a for_each whose for with a condition lets a marked key through is refused as terraform plan 1.11.4 refuses it', () => {
  for (const [expr, refusedHere] of conditionalForEach) assert.deepEqual(errorsOf(forEachOf(expr)), refusedHere ? ['eval/for-each main.tf:26:3'] : [], expr);
});

// terraform validate and plan 1.11.4 evaluate a for_each before they read its marks, in the validate
// walk (plan runs it first) where variables are unknown: what fails whatever the variables hold is
// refused for that ("Unsupported attribute", "Invalid index", "Invalid function argument", "Invalid
// operand", "Reference to undeclared local value"), the rest as sensitive ("Invalid for_each argument").
const markedAndFailing = `variable "pw" {\n  sensitive = true\n  default   = "p4ss"\n}\nvariable "snull" {\n  sensitive = true\n  type      = map(string)\n  default   = null\n}\nlocals {\n  s = sensitive({ a = "b" })\n}\n`;
const failingForEach: [string, string][] = [
  ['sensitive({ a = "b" }).c', 'eval/error main.tf:14:36'],
  ['local.s.c', 'eval/error main.tf:14:14'],
  ['local.s["c"]', 'eval/error main.tf:14:14'],
  ['sensitive(["a"])[5]', 'eval/error main.tf:14:30'],
  ['toset([tonumber(sensitive("abc"))])', 'eval/type main.tf:14:21'],
  ['sensitive("a") + 1', 'eval/type main.tf:14:14'],
  ['toset([var.pw, local.nope])', 'eval/unknown-reference main.tf:14:29'],
  ['toset([var.pw, aws_s3_bucket.nope.id])', 'eval/unknown-reference main.tf:14:29'],
  // Failing only on the variable's value, unknown in the validate walk; or not failing.
  ['toset([tonumber(var.pw)])', 'eval/for-each main.tf:14:3'],
  ['lookup({ a = "x" }, var.pw)', 'eval/for-each main.tf:14:3'],
  ['{ for k in [var.pw] : k => k }["zz"]', 'eval/for-each main.tf:14:3'],
  ['tomap(var.pw)', 'eval/for-each main.tf:14:3'],
  ['var.snull', 'eval/for-each main.tf:14:3'],
  ['sensitive(null)', 'eval/for-each main.tf:14:3'],
  ['sensitive(["a"])', 'eval/for-each main.tf:14:3'],
];

test('a sensitive for_each whose evaluation fails is refused for what Terraform refuses first, as terraform validate and plan 1.11.4 do', () => {
  for (const [expr, expected] of failingForEach) {
    assert.deepEqual(errorsOf({ 'main.tf': `${markedAndFailing}resource "terraform_data" "r" {\n  for_each = ${expr}\n}\n` }), [expected], expr);
  }
});
