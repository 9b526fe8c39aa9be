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
