// Severity of evaluation diagnostics: configurations Terraform rejects are errors with spans;
// our own gaps (unimplemented functions, values we cannot see) are info or warnings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles, valueOf } from './testing-helpers.js';
import { EvalError } from './value.js';
import { isUnknown } from '../model/value.js';

/** A sensitive variable and locals holding it in part (the differential probes' fixture). */
const SENSITIVE_LOCALS =
  'variable "pw" {\n  type      = string\n  default   = "hunter2-EXAMPLE"\n  sensitive = true\n}\n' +
  'locals {\n  mixed  = { a = var.pw, b = "x" }\n  tup    = [var.pw, "x"]\n  nested = { inner = { s = var.pw, p = "y" }, other = "z" }\n' +
  '  objs   = [{ a = var.pw, b = "x" }]\n  nums   = [sensitive(1), 2]\n}\n';

function diagnosticsOf(expr: string, preamble = ''): { code: string; severity: string; line?: number }[] {
  const { diagnostics } = evaluateFiles({ 'main.tf': `${preamble}\nresource "aws_s3_bucket" "b" {\n  bucket = ${expr}\n}\n`, 'locals.tf': 'locals {\n  t  = "b-$${n}"\n  ts = ["b-$${n}"]\n  m  = { t = "b-$${n}" }\n}\n' });
  return diagnostics.map((d) => ({ code: d.code, severity: d.severity, ...(d.span ? { line: d.span.start.line } : {}) }));
}

const cases: [string, string, { code: string; severity: string } | undefined][] = [
  ['undeclared variable', 'var.missing', { code: 'eval/unknown-reference', severity: 'error' }],
  ['undeclared local', 'local.missing', { code: 'eval/unknown-reference', severity: 'error' }],
  ['undeclared resource', 'aws_kms_key.none.arn', { code: 'eval/unknown-reference', severity: 'error' }],
  ['wrong function arity', 'upper("a", "b")', { code: 'eval/arguments', severity: 'error' }],
  ['string where a number is required', '"a" + 1', { code: 'eval/type', severity: 'error' }],
  ['object where a string is required', 'upper({ a = 1 })', { code: 'eval/type', severity: 'error' }],
  ['a list given to max() without ...', 'max([1, 2])', { code: 'eval/type', severity: 'error' }],
  // A failure on values of the configuration alone is Terraform's failure too (terraform plan 1.11).
  ['a null from the configuration itself', 'upper(null)', { code: 'eval/error', severity: 'error' }],
  ['an index out of range of a literal list', '[1, 2][5]', { code: 'eval/error', severity: 'error' }],
  ['a key missing from a literal map', '{ a = 1 }["b"]', { code: 'eval/error', severity: 'error' }],
  ['zero divided by zero', '0 / 0', { code: 'eval/error', severity: 'error' }],
  ['infinity less infinity', '(1 / 0) - (1 / 0)', { code: 'eval/error', severity: 'error' }],
  ['jsonencode of infinity', 'jsonencode(1 / 0)', { code: 'eval/error', severity: 'error' }],
  ['a function refusing a known argument', 'cidrsubnet("10.0.0.0/16", 4, 99)', { code: 'eval/error', severity: 'error' }],
  // Terraform refuses a conditional whose results have no common type (terraform console 1.11).
  ['conditional results of no common type', 'true ? "a" : {}', { code: 'eval/type', severity: 'error' }],
  ['conditional results of no common type, element-wise', 'false ? ["a"] : [{}]', { code: 'eval/type', severity: 'error' }],
  ['conditional results a number and a bool', 'true ? 1 : true', { code: 'eval/type', severity: 'error' }],
  // JavaScript's engine is not RE2: a pattern it cannot run, or a match it misses, is no proof Terraform fails, but where
  // the two engines cannot differ (ASCII literals, anchors, classes; ASCII text) it is (terraform plan 1.11.4: "Error in
  // function call: Call to function "regex" failed: pattern did not match any part of the given string.").
  ['a pattern that does not match', 'regex("^a$", "b")', { code: 'eval/error', severity: 'error' }],
  ['a pattern of classes and repetitions that does not match', 'regex("^[a-z]+\\\\.(com|org)$", "x.net")', { code: 'eval/error', severity: 'error' }],
  ['a pattern with a counted repetition that does not match', 'regex("^a{2}$", "b")', { code: 'eval/regex', severity: 'warning' }],
  ['a pattern with a flag that does not match', 'regex("(?i)^a$", "b")', { code: 'eval/regex', severity: 'warning' }],
  ['a pattern that does not match text beyond ASCII', 'regex("^a", "é")', { code: 'eval/regex', severity: 'warning' }],
  // An encoding Terraform has and this evaluator lacks (Go's Shift JIS).
  ['an encoding beyond this evaluator', 'textencodebase64("x", "SHIFT_JIS")', { code: 'eval/unsupported', severity: 'warning' }],
  // ... but one whose brackets or parentheses do not pair is refused by both (terraform validate 1.11.4: "invalid regexp
  // pattern: missing closing ] in [", "missing closing )", "unexpected )").
  ['a pattern with a class never closed', 'regex("[", "x")', { code: 'eval/error', severity: 'error' }],
  ['a pattern with a group never closed', 'join("", regexall("(", "x"))', { code: 'eval/error', severity: 'error' }],
  ['a replace() pattern with a parenthesis unpaired', 'replace("a", "/a)/", "b")', { code: 'eval/error', severity: 'error' }],
  ['can() of an encoding beyond this evaluator is unknown, not false', 'can(textencodebase64("x", "SHIFT_JIS")) ? "x" : tonumber("y")', undefined],
  ['rsadecrypt refusing a ciphertext that is not base64', 'rsadecrypt("x", "k")', { code: 'eval/arguments', severity: 'error' }],
  ['errors caught by try()', 'try(upper(null), "x")', undefined],
  // Terraform checks references before it evaluates anything, so try() does not hide a typo.
  ['an undeclared variable inside try()', 'try(var.missing, "x")', { code: 'eval/unknown-reference', severity: 'error' }],
  // templatestring takes a reference to a template from elsewhere; Terraform refuses one written in
  // place or built by an expression, and try() catches it (terraform plan 1.11). It was rendered.
  ['templatestring of a quoted template', 'templatestring("b-$${n}", { n = 1 })', { code: 'eval/arguments', severity: 'error' }],
  ['templatestring of "${x}" (a template wrapping a reference)', 'templatestring("${local.t}", { n = 1 })', { code: 'eval/arguments', severity: 'error' }],
  ['templatestring of a template in parentheses', 'templatestring(("b-$${n}"), { n = 1 })', { code: 'eval/arguments', severity: 'error' }],
  ['templatestring of a call', 'templatestring(lower(local.t), { n = 1 })', { code: 'eval/arguments', severity: 'error' }],
  ['templatestring of a local, an index and an attribute of one', 'join("", [templatestring(local.t, { n = 1 }), templatestring(local.ts[0], { n = 2 }), templatestring(local.m.t, { n = 3 })])', undefined],
  ['templatestring refused inside try()', 'try(templatestring("b", {}), "x")', undefined],
];

for (const [name, expr, expected] of cases) {
  test(`diagnostic severity: ${name}`, () => {
    const found = diagnosticsOf(expr);
    if (!expected) {
      assert.deepEqual(found, []);
      return;
    }
    assert.deepEqual(found, [{ ...expected, line: 3 }]);
  });
}

test('unimplemented function: every built-in is evaluated; a provider\'s own function, but the AWS provider\'s and Terraform\'s, is info', () => {
  // Declared in required_providers, as Terraform requires for a provider's functions (undeclared, the call is refused: validate-differential.test.ts).
  const declared = 'terraform {\n  required_providers {\n    google = { source = "hashicorp/google" }\n  }\n}';
  const found = diagnosticsOf('provider::google::region_from_zone("us-central1-a")', declared).filter((d) => d.code !== 'parse/hcl-compat');
  assert.deepEqual(found, [{ code: 'eval/unsupported-function', severity: 'info', line: 7 }]);
});

test('a failure on a value read from a resource may be a gap of ours: a warning', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf': 'resource "aws_s3_bucket" "o" {\n  tags = {}\n}\nresource "aws_s3_bucket" "b" {\n  bucket = upper(lookup(aws_s3_bucket.o.tags, "k", null))\n}\n' });
  assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.severity}`), ['eval/error warning']);
});

test('a variable value of the wrong type is an error at the value', () => {
  const { diagnostics } = evaluateFiles({
    'main.tf': 'variable "n" {\n  type = number\n}\n',
    'terraform.tfvars': 'n = "many"\n',
  });
  const d = diagnostics.find((x) => x.code === 'eval/type');
  assert.equal(d?.severity, 'error');
  assert.equal(d?.span?.file, 'terraform.tfvars');
  assert.equal(d?.span?.start.line, 1);
});

test('valid configurations our evaluator only partly sees stay clean', () => {
  const { diagnostics } = evaluateFiles({
    'main.tf': `terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.replica]
    }
  }
}
data "aws_lambda_invocation" "this" {
  function_name = "f"
  input         = "{}"
  lifecycle {
    postcondition {
      condition     = length(self.result) > 0
      error_message = "empty"
    }
  }
}
resource "aws_s3_bucket" "b" {
  count  = 0
  bucket = "b"
}
output "first" {
  value = try(aws_s3_bucket.b[0].id, null)
}
`,
  });
  assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code}: ${d.message}`), []);
});

test('an EvalError (a plain object, not an Error) still reads as an error where a caller stringifies it', () => {
  const e = new EvalError('Unsupported argument "x".', undefined, 'eval/arguments');
  assert.equal(String(e), 'EvalError: Unsupported argument "x".');
  assert.equal(`${e}`, 'EvalError: Unsupported argument "x".');
});

test('an error inside a called module names the instance and root module it was found for', () => {
  // Two roots call one module; only the second passes an input that fails. The module's line alone
  // would not say which call to fix.
  const module = 'variable "ids" {\n  type = list(string)\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = coalescelist(var.ids, [])[0]\n}\n';
  const { diagnostics } = evaluateFiles({
    'modules/store/main.tf': module,
    'envs/prod/main.tf': 'module "store" {\n  source = "../../modules/store"\n  ids    = ["a"]\n}\n',
    'envs/dev/main.tf': 'module "data" {\n  source = "../../modules/store"\n  ids    = []\n}\n',
  });
  const found = diagnostics.filter((d) => d.code === 'eval/error');
  assert.equal(found.length, 1, diagnostics.map((d) => d.message).join('\n'));
  assert.equal(found[0]!.span?.file, 'modules/store/main.tf');
  assert.match(found[0]!.hint ?? '', /module\.data for the root module envs\/dev/);
  // In a root module itself the place says it all: no such hint.
  const root = evaluateFiles({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = coalescelist([], [])[0]\n}\n' });
  assert.equal(root.diagnostics.find((d) => d.code === 'eval/error')?.hint, undefined);
});

test('an evaluation error about a sensitive value never quotes the value', () => {
  const secret = 'Zk29qpLx7TwQ';
  const { diagnostics, model } = evaluateFiles({
    'main.tf': `variable "pw" {\n  type      = string\n  sensitive = true\n  default   = "${secret}"\n}\n\nvariable "n" {\n  type      = number\n  sensitive = true\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "x-\${tonumber(var.pw)}"\n}\n`,
    'terraform.tfvars': `n = "${secret}"\n`,
  });
  const messages = diagnostics.map((d) => d.message).join('\n');
  assert.match(messages, /cannot convert \(a sensitive value\) to a number/);
  assert.ok(!messages.includes(secret), messages);
  assert.ok(!JSON.stringify(model.resources.map((r) => r.attributes.get('bucket')?.value)).includes(secret));
});

test('a local nothing refers to is still evaluated, as Terraform evaluates every local: its errors are reported', () => {
  const { diagnostics } = evaluateFiles({
    'main.tf': 'locals {\n  unused = var.nope\n  broken = 1 + "x"\n  fine = upper("a")\n}\n',
    'mod/main.tf': 'locals {\n  inner = local.missing\n}\n',
    'calls.tf': 'module "m" {\n  source = "./mod"\n}\n',
  });
  const found = diagnostics.map((d) => `${d.code} ${d.span?.file}:${d.span?.start.line}`).sort();
  assert.deepEqual(found, ['eval/type main.tf:3', 'eval/unknown-reference main.tf:2', 'eval/unknown-reference mod/main.tf:2']);
});

test('a module call setting an argument its module does not declare, or leaving out a required one, is an error (Terraform refuses both)', () => {
  const { diagnostics } = evaluateFiles({
    'main.tf': 'module "m" {\n  source = "./m"\n  regoin = "us-east-1"\n  count  = 0\n}\n',
    'm/main.tf': 'variable "name" {}\nvariable "region" {\n  default = null\n}\nvariable "tags" {\n  type    = map(string)\n  default = {}\n}\n',
  });
  const found = diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.file}:${d.span?.start.line} ${d.message}`).sort();
  assert.deepEqual(found, [
    'module/missing-input error main.tf:1 module "m" does not set name, which ./m requires (its variable has no default), so Terraform refuses the call.',
    'module/unknown-input error main.tf:3 module "m" sets regoin, but ./m declares no variable "regoin", so Terraform refuses the call (an unsupported argument). Did you mean "region"?',
  ]);
  const clean = evaluateFiles({ 'main.tf': 'module "m" {\n  source = "./m"\n  name   = "x"\n}\n', 'm/main.tf': 'variable "name" {}\nvariable "region" {\n  default = null\n}\n' });
  assert.deepEqual(clean.diagnostics, []);
});

test('a name declared twice in a module is an error at the second declaration, as Terraform refuses the module; the first is used', () => {
  const { model, diagnostics } = evaluateFiles({
    'main.tf': 'locals {\n  public = false\n}\nlocals {\n  public = true\n}\nresource "aws_db_instance" "db" {\n  publicly_accessible = local.public\n}\n',
    'more.tf': 'variable "v" {}\nresource "aws_db_instance" "db" {}\noutput "o" {\n  value = 1\n}\n',
    'other.tf': 'variable "v" {}\noutput "o" {\n  value = 2\n}\n',
  });
  const found = diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.file}:${d.span?.start.line} ${d.message}`).sort();
  assert.deepEqual(found, [
    'module/duplicate error main.tf:5 local.public is declared twice in the module (first in main.tf at line 2), so Terraform refuses it; this scan uses the first.',
    'module/duplicate error more.tf:2 aws_db_instance.db is declared twice in the module (first in main.tf at line 7), so Terraform refuses it; this scan uses the first.',
    'module/duplicate error other.tf:1 variable "v" is declared twice in the module (first in more.tf at line 1), so Terraform refuses it; this scan uses the first.',
    'module/duplicate error other.tf:2 output "o" is declared twice in the module (first in more.tf at line 3), so Terraform refuses it; this scan uses the first.',
  ]);
  assert.equal(model.ofType('aws_db_instance')[0]!.attributes.get('publicly_accessible')!.value, false);
});

test('a known count or for_each Terraform refuses is an error; one read from a resource, whose type we may see otherwise, a warning', () => {
  const severityOf = (meta: string, preamble = ''): string[] =>
    evaluateFiles({ 'main.tf': `${preamble}resource "terraform_data" "x" {\n  ${meta}\n}\n` }).diagnostics.map((d) => `${d.code} ${d.severity}`);
  for (const count of ['-1', '1.5', '"abc"', 'null', 'true']) assert.deepEqual(severityOf(`count = ${count}`), ['eval/count error'], count);
  assert.deepEqual(severityOf('count = "2"'), []);
  for (const forEach of ['["a"]', '"a"', 'null', '5']) assert.match(severityOf(`for_each = ${forEach}`).join(), /^eval\/for-each(-list)? error$/, forEach);
  for (const forEach of ['toset(["a"])', '{ a = 1 }', 'setunion(["a"], ["b"])']) assert.deepEqual(severityOf(`for_each = ${forEach}`), [], forEach);
  // A set attribute written as a list literal is a set to Terraform, which knows the schema.
  assert.deepEqual(severityOf('for_each = aws_instance.i.vpc_security_group_ids', 'resource "aws_instance" "i" {\n  vpc_security_group_ids = ["sg-1"]\n}\n'), ['eval/for-each-list warning']);
  // A set for for_each holds strings: Terraform refuses objects, bools and null in it ("Invalid for_each set argument").
  for (const forEach of ['toset([{ a = 1 }])', 'toset(["a", null])', 'toset([true])']) assert.deepEqual(severityOf(`for_each = ${forEach}`), ['eval/for-each error'], forEach);
});

test('what Terraform refuses in variables and outputs: a validation it cannot evaluate or that is no bool, null for a non-nullable required variable, an output without a value', () => {
  const found = (files: Record<string, string>): string[] => evaluateFiles(files).diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.file}:${d.span?.start.line}`);
  const validated = (condition: string, value = '1'): Record<string, string> => ({ 'main.tf': `variable "x" {\n  default = ${value}\n  validation {\n    condition     = ${condition}\n    error_message = "No."\n  }\n}\n` });
  // Terraform says both: the reference is undeclared, and the condition never reads var.x.
  assert.deepEqual(found(validated('local.nope > 0')), ['config/condition error main.tf:4', 'eval/unknown-reference error main.tf:4']);
  assert.deepEqual(found(validated('var.x')), ['vars/validation error main.tf:4']);
  assert.deepEqual(found(validated('cidrhost(var.x, 1) != ""', '"a"')), ['eval/error error main.tf:4']);
  assert.deepEqual(found(validated('var.x > 0')), []);
  assert.deepEqual(found({ 'main.tf': 'variable "x" {\n  nullable = false\n}\n', 'terraform.tfvars': 'x = null\n' }), ['vars/null error terraform.tfvars:1']);
  assert.deepEqual(found({ 'main.tf': 'variable "x" {\n  nullable = false\n  default  = "d"\n}\n', 'terraform.tfvars': 'x = null\n' }), []);
  assert.deepEqual(found({ 'main.tf': 'output "o" {\n  description = "d"\n}\n' }), ['eval/output error main.tf:1']);
  // A conditional's other branch read from a variable or local is typed too.
  assert.deepEqual(found({ 'main.tf': 'variable "l" {\n  type    = list(string)\n  default = ["a"]\n}\noutput "o" {\n  value = false ? var.l : "none"\n}\n' }), ['eval/type error main.tf:6']);
  assert.deepEqual(found({ 'main.tf': 'variable "l" {\n  type    = list(string)\n  default = ["a"]\n}\noutput "o" {\n  value = false ? var.l : []\n}\n' }), []);
});

test('a precondition or postcondition known to be false fails the plan (an error); a failing check assertion is a warning, as in Terraform', () => {
  const found = (text: string): string[] => evaluateFiles({ 'main.tf': text }).diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.start.line} ${d.message}`);
  const resource = (condition: string): string =>
    `variable "x" {\n  default = 1\n}\nresource "terraform_data" "r" {\n  count = 2\n  input = var.x\n  lifecycle {\n    precondition {\n      condition     = ${condition}\n      error_message = "Too small."\n    }\n  }\n}\n`;
  assert.deepEqual(found(resource('var.x > 5')), [
    'eval/precondition error 9 A precondition of terraform_data.r[0] is false, so Terraform fails the plan: Too small.',
    'eval/precondition error 9 A precondition of terraform_data.r[1] is false, so Terraform fails the plan: Too small.',
  ]);
  assert.deepEqual(found(resource('var.x + count.index > 1')), ['eval/precondition error 9 A precondition of terraform_data.r[0] is false, so Terraform fails the plan: Too small.']);
  assert.deepEqual(found(resource('var.x > 0')), []);
  // On self: known after apply only.
  assert.deepEqual(found('resource "terraform_data" "r" {\n  lifecycle {\n    postcondition {\n      condition     = self.output != null\n      error_message = "x"\n    }\n  }\n}\n'), []);
  // Conditions read a variable declared below: one that refers to nothing Terraform refuses before it plans (config-structure.test.ts).
  assert.deepEqual(found('output "o" {\n  value = 1\n  precondition {\n    condition     = var.a > 2\n    error_message = "No."\n  }\n}\nvariable "a" {\n  default = 1\n}\n'), ['eval/precondition error 4 A precondition of output "o" is false, so Terraform fails the plan: No.']);
  assert.deepEqual(found('check "c" {\n  assert {\n    condition     = var.a > 2\n    error_message = "No."\n  }\n}\nvariable "a" {\n  default = 1\n}\n'), ['eval/check warning 3 An assertion of check "c" is false, so Terraform warns of it: No.']);
  assert.deepEqual(found('check "c" {\n  assert {\n    condition     = local.nope\n    error_message = "No."\n  }\n}\n').map((d) => d.split(' ').slice(0, 2).join(' ')), ['eval/unknown-reference error']);
  // A check with its own data source is decided when Terraform runs it.
  assert.deepEqual(found('check "c" {\n  data "http" "h" {\n    url = "https://example.com"\n  }\n  assert {\n    condition     = data.http.h.status_code == 200\n    error_message = "Down."\n  }\n}\n'), []);
});

test('an error inside a template rendered by templatefile() is said at the call, naming the template line', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf': 'locals {\n  a = 1\n}\noutput "o" {\n  value = templatefile("t.tpl", { names = ["a"] })\n}\n', 't.tpl': 'first\nnames=${names}\n' });
  assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.span?.file}:${d.span?.start.line} ${d.message}`), [
    'eval/type main.tf:5 output "o": t.tpl line 2: Invalid template interpolation value: a string is required, got tuple.',
  ]);
});

test('the branch a guard keeps from failing is not evaluated (Terraform plans these without error)', () => {
  const clean = (text: string): void => assert.deepEqual(evaluateFiles({ 'main.tf': text }).diagnostics, [], text);
  clean('variable "n" {\n  type    = object({ a = string })\n  default = null\n}\noutput "o" {\n  value = var.n != null ? var.n.a : "d"\n}\n');
  clean('locals {\n  l = []\n}\noutput "o" {\n  value = length(local.l) > 0 ? local.l[0] : null\n}\n');
  clean('variable "users" {\n  type    = list(object({ name = string }))\n  default = []\n}\noutput "o" {\n  value = [var.users[*].name, length(var.users) > 0 ? var.users[0].name : "none"]\n}\n');
});

test('a resource or module call with no instances (count = 0, an empty for_each) is not evaluated, but what it refers to must be declared, as Terraform checks', () => {
  const found = (files: Record<string, string>): string[] => evaluateFiles(files).diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.file}:${d.span?.start.line} ${d.message}`);
  assert.deepEqual(found({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  count  = 0\n  bucket = var.nope\n  tags = {\n    x = local.missing\n  }\n  lifecycle {\n    precondition {\n      condition     = data.aws_caller_identity.none.id != ""\n      error_message = "x"\n    }\n  }\n}\n' }), [
    'eval/unknown-reference error main.tf:3 aws_s3_bucket.b: Reference to undeclared input variable "nope".',
    'eval/unknown-reference error main.tf:5 aws_s3_bucket.b: Reference to undeclared local value "missing".',
    'eval/unknown-reference error main.tf:9 aws_s3_bucket.b: Reference to undeclared data source "data.aws_caller_identity.none".',
  ]);
  assert.deepEqual(found({ 'main.tf': 'module "m" {\n  source   = "./m"\n  for_each = {}\n  name     = module.gone.id\n}\n', 'm/main.tf': 'variable "name" {}\n' }), ['eval/unknown-reference error main.tf:4 module.m: Reference to undeclared module "gone".']);
  // Declared names, loop variables and dynamic iterators are fine.
  assert.deepEqual(found({ 'main.tf': 'variable "rules" {\n  default = []\n}\nlocals {\n  on = false\n}\nresource "aws_security_group" "g" {\n  count = local.on ? 1 : 0\n  dynamic "ingress" {\n    for_each = var.rules\n    content {\n      from_port = ingress.value.port\n      cidr_blocks = [for c in ingress.value.cidrs : c]\n    }\n  }\n}\n' }), []);
});

// terraform validate 1.11: "Reference to undeclared local value" for local.nope in a check's data source.
test('what an ephemeral resource or a check block\'s data source refers to must be declared, as Terraform checks; each.key in a for_each one is fine', () => {
  const found = (files: Record<string, string>): string[] => evaluateFiles(files).diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.file}:${d.span?.start.line} ${d.message}`);
  assert.deepEqual(
    found({
      'main.tf':
        'ephemeral "aws_ssm_parameter" "p" {\n  arn = "x-${var.missing}"\n}\n\ncheck "c" {\n  data "aws_s3_bucket" "b" {\n    bucket = local.nope\n  }\n\n  assert {\n    condition     = data.aws_s3_bucket.b.arn != ""\n    error_message = "x"\n  }\n}\n\nephemeral "aws_lambda_invocation" "seed" {\n  for_each      = toset(["a"])\n  function_name = "seed-${each.key}"\n  payload       = jsonencode({ p = ephemeral.aws_ssm_parameter.p.value })\n}\n',
    }),
    [
      'eval/unknown-reference error main.tf:2 ephemeral.aws_ssm_parameter.p: Reference to undeclared input variable "missing".',
      'eval/unknown-reference error main.tf:7 check.c.data.aws_s3_bucket.b: Reference to undeclared local value "nope".',
    ],
  );
});

// terraform validate 1.11: "Reference to "count" in non-counted context", "Reference to "each" in context without for_each".
test('count.index or each.key in an ephemeral resource or a check\'s data source that does not set count or for_each is an error', () => {
  const found = (files: Record<string, string>): string[] => evaluateFiles(files).diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.file}:${d.span?.start.line} ${d.message}`);
  assert.deepEqual(
    found({
      'main.tf':
        'ephemeral "aws_secretsmanager_random_password" "by_key" {\n  for_each        = toset(["a"])\n  password_length = 20 + count.index\n}\n' +
        'ephemeral "aws_secretsmanager_random_password" "counted" {\n  count           = 1\n  password_length = length(each.key) + count.index\n}\n' +
        'check "c" {\n  data "aws_secretsmanager_random_password" "d" {\n    password_length = 20 + count.index\n  }\n\n  assert {\n    condition     = data.aws_secretsmanager_random_password.d.random_password != ""\n    error_message = "x"\n  }\n}\n' +
        // Each as its block sets it, and a for expression's own names, are fine.
        'ephemeral "aws_secretsmanager_random_password" "fine" {\n  count           = 2\n  password_length = 20 + count.index + length([for each in ["x"] : each])\n}\n',
    }),
    [
      'eval/unknown-reference error main.tf:3 ephemeral.aws_secretsmanager_random_password.by_key: Reference to "count" in non-counted context: count.index can be used only in a block that sets count, so Terraform refuses it.',
      'eval/unknown-reference error main.tf:7 ephemeral.aws_secretsmanager_random_password.counted: Reference to "each" in context without for_each: each.key and each.value can be used only in a block that sets for_each, so Terraform refuses it.',
      'eval/unknown-reference error main.tf:11 check.c.data.aws_secretsmanager_random_password.d: Reference to "count" in non-counted context: count.index can be used only in a block that sets count, so Terraform refuses it.',
    ],
  );
});

test('a var file Terraform cannot evaluate and a module source that is not a literal are errors, as Terraform refuses them', () => {
  const found = (files: Record<string, string>): string[] => evaluateFiles(files).diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.file}:${d.span?.start.line} ${d.message}`);
  assert.deepEqual(found({ 'main.tf': 'variable "x" {}\nvariable "y" {}\n', 'terraform.tfvars': 'x = var.y\n' }), ['vars/invalid error terraform.tfvars:1 x in terraform.tfvars: Unknown reference "var": no such variable, resource or symbol in this scope.']);
  // Terraform reads a var file without functions (terraform plan 1.11: "Function calls not allowed").
  assert.deepEqual(found({ 'main.tf': 'variable "a" {}\n', 'terraform.tfvars': 'a = upper("y")\n' }), ['vars/invalid error terraform.tfvars:1 a in terraform.tfvars: function calls are not allowed in a variables file, so Terraform refuses it (upper()).']);
  assert.deepEqual(found({ 'main.tf': 'variable "a" {}\n', 'terraform.tfvars.json': '{"a": "${upper(\\"y\\")}"}\n' }), [], 'a JSON var file holds text, not calls');
  // Only a call Terraform evaluates is refused: plan 1.11.4 takes `a = true ? 1 : upper("x")` as 1 and
  // `b = [for x in [] : upper(x)]` as [] (both were refused here), and the nested call is the one named.
  const vars = 'variable "a" {}\nvariable "b" {}\noutput "o" {\n  value = [var.a, var.b]\n}\n';
  assert.deepEqual(found({ 'main.tf': vars, 'terraform.tfvars': 'a = true ? 1 : upper("x")\nb = [for x in [] : upper(x)]\n' }), []);
  assert.deepEqual(found({ 'main.tf': vars, 'terraform.tfvars': 'a = false ? ["y"] : [lower("X")]\nb = 2\n' }), ['vars/invalid error terraform.tfvars:1 a in terraform.tfvars: function calls are not allowed in a variables file, so Terraform refuses it (lower()).']);
  // Refused, the value is still read (the output sees ["x"]).
  const { model } = evaluateFiles({ 'main.tf': vars, 'terraform.tfvars': 'a = false ? ["y"] : [lower("X")]\nb = 2\n' });
  assert.deepEqual(JSON.stringify(model.outputs.find((o) => o.name === 'o')?.value.value), JSON.stringify([['x'], 2]));
  // The value is not quoted for a secret-looking name.
  assert.doesNotMatch(found({ 'main.tf': 'variable "db_password" {}\n', 'terraform.tfvars': 'db_password = tonumber("Tr0ub4dor-canary")\n' }).join(), /Tr0ub4dor-canary/);
  assert.deepEqual(found({ 'main.tf': 'variable "src" {\n  default = "./m"\n}\nmodule "m" {\n  source = var.src\n}\n' }), ['module/source error main.tf:4 module "m" has no literal source, which Terraform requires, so it is not evaluated.']);
});

test('instances Terraform knows from the configuration: an attribute read on all of them, or a key they lack, is an error', () => {
  const found = (resource: string, value: string): string[] =>
    evaluateFiles({ 'main.tf': `${resource}output "o" {\n  value = ${value}\n}\n` }).diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.severity}`);
  const counted = 'resource "terraform_data" "x" {\n  count = 2\n}\n';
  const keyed = 'resource "terraform_data" "x" {\n  for_each = toset(["a"])\n}\n';
  assert.deepEqual(found(counted, 'terraform_data.x.id'), ['eval/missing-instance-key error']);
  assert.deepEqual(found(keyed, 'terraform_data.x.id'), ['eval/missing-instance-key error']);
  // Terraform checks it before evaluating: try() does not hide it.
  assert.deepEqual(found(counted, 'try(terraform_data.x.id, null)'), ['eval/missing-instance-key error']);
  assert.deepEqual(found(counted, 'terraform_data.x[5].id'), ['eval/instance-key error']);
  assert.deepEqual(found(keyed, 'terraform_data.x["b"].id'), ['eval/instance-key error']);
  assert.deepEqual(found('resource "terraform_data" "x" {\n  count = 0\n}\n', 'terraform_data.x[0].id'), ['eval/instance-key error']);
  for (const fine of ['terraform_data.x[1].id', 'terraform_data.x[*].id', 'terraform_data.x.*.id', 'length(terraform_data.x)', 'try(terraform_data.x[5].id, null)']) assert.deepEqual(found(counted, fine), [], fine);
  // A key on a resource with neither count nor for_each: refused by terraform validate 1.11 before it
  // evaluates ("Unexpected resource instance key"), so try() does not hide it; a splat is fine.
  const single = 'resource "terraform_data" "x" {}\n';
  assert.deepEqual(found(single, 'terraform_data.x[0].id'), ['eval/unexpected-instance-key error']);
  assert.deepEqual(found(single, 'try(terraform_data.x[0].id, null)'), ['eval/unexpected-instance-key error']);
  assert.deepEqual(found(single, 'terraform_data.x["a"]'), ['eval/unexpected-instance-key error']);
  for (const fine of ['terraform_data.x.id', 'terraform_data.x[*].id', 'terraform_data.x']) assert.deepEqual(found(single, fine), [], fine);
  // Counted from a resource's value, ours may not be Terraform's count: a warning.
  assert.deepEqual(found('resource "terraform_data" "c" {\n  input = ["a"]\n}\nresource "terraform_data" "x" {\n  count = length(terraform_data.c.input)\n}\n', 'terraform_data.x[5].id'), ['eval/index warning']);
});

test('a root module output of a sensitive value without sensitive = true is refused, as terraform plan 1.11 refuses it', () => {
  const found = (files: Record<string, string>): string[] => evaluateFiles(files).diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.file}:${d.span?.start.line}`);
  const secret = 'variable "pw" {\n  sensitive = true\n  default   = "x"\n}\n';
  assert.deepEqual(found({ 'main.tf': `${secret}output "o" {\n  value = var.pw\n}\n` }), ['eval/sensitive-output error main.tf:5']);
  assert.deepEqual(found({ 'main.tf': `${secret}locals {\n  dsn = "postgres://app:\${var.pw}@db"\n}\noutput "o" {\n  value = local.dsn\n}\n` }), ['eval/sensitive-output error main.tf:8']);
  assert.deepEqual(found({ 'main.tf': 'output "o" {\n  value = sensitive("x")\n}\n' }), ['eval/sensitive-output error main.tf:1']);
  // Accepted by Terraform: declared sensitive; unmarked with nonsensitive() (here through a local);
  // issensitive(); in a child module.
  // Refused too: what is computed from the whole sensitive value (a function, a template, an attribute of it), and a tuple holding it.
  for (const value of ['upper(var.pw)', 'length(var.pw)', '"${var.pw}-x"', '[var.pw, "x"]', 'jsonencode(var.pw)']) {
    assert.deepEqual(found({ 'main.tf': `${secret}output "o" {\n  value = ${value}\n}\n` }), ['eval/sensitive-output error main.tf:5'], value);
  }
  // A variable declared sensitive = "true" is sensitive too: Terraform reads the argument as a constant bool.
  assert.deepEqual(found({ 'main.tf': 'variable "pw" {\n  sensitive = "true"\n  default   = "x"\n}\noutput "o" {\n  value = var.pw\n}\n' }), ['eval/sensitive-output error main.tf:5']);
  // Also refused: a sensitive variable in a branch the conditional does not take (its result carries both branches' marks).
  assert.deepEqual(found({ 'main.tf': `${secret}variable "show" {\n  default = false\n}\noutput "o" {\n  value = var.show ? var.pw : "hidden"\n}\n` }), ['eval/sensitive-output error main.tf:8']);
  // Refused as well (terraform plan 1.11; this scan missed it before module outputs were followed): a
  // child's output of its sensitive variable, re-exported, though the child's output says sensitive = true.
  assert.deepEqual(found({ 'main.tf': 'module "m" {\n  source = "./m"\n}\noutput "o" {\n  value = module.m.a\n}\n', 'm/main.tf': `${secret}output "a" {\n  value     = var.pw\n  sensitive = true\n}\n` }), ['eval/sensitive-output error main.tf:4']);
  const accepted: Record<string, string>[] = [
    { 'main.tf': `${secret}output "o" {\n  value     = var.pw\n  sensitive = true\n}\n` },
    { 'main.tf': `${secret}locals {\n  h = nonsensitive(sha256(var.pw))\n}\noutput "o" {\n  value = local.h\n}\n` },
    { 'main.tf': `${secret}output "o" {\n  value = issensitive(var.pw)\n}\n` },
    // Terraform marks values part by part: the plain attribute of a local holding one sensitive one, can() of a sensitive value.
    { 'main.tf': 'locals {\n  cfg = {\n    password = sensitive("p4ss")\n    name     = "db"\n  }\n}\noutput "name" {\n  value = local.cfg.name\n}\n' },
    { 'main.tf': 'locals {\n  l = [sensitive("a"), "b"]\n}\noutput "n" {\n  value = length(local.l)\n}\n' },
    { 'main.tf': `${secret}output "o" {\n  value = can(var.pw)\n}\n` },
    // A second hunt (383 configurations): constructors are not marked themselves, lookup()'s unused default, try()'s first success, for expressions that leave the element out, a for binding `var`, sensitive written as "true".
    { 'main.tf': `${secret}output "o" {\n  value = { a = var.pw, b = "x" }.b\n}\n` },
    { 'main.tf': `${secret}output "o" {\n  value = length([var.pw])\n}\n` },
    { 'main.tf': `${secret}output "o" {\n  value = lookup({ a = "x" }, "a", var.pw)\n}\n` },
    { 'main.tf': `${secret}output "o" {\n  value = try("x", var.pw)\n}\n` },
    { 'main.tf': `${secret}output "o" {\n  value = [for k, v in { a = var.pw } : k]\n}\n` },
    { 'main.tf': `${secret}output "o" {\n  value = [for var in [{ pw = "x" }] : var.pw]\n}\n` },
    { 'main.tf': `${secret}output "o" {\n  value     = var.pw\n  sensitive = "true"\n}\n` },
  ];
  for (const ok of accepted) assert.deepEqual(found(ok), [], JSON.stringify(ok));
});

test('Terraform\'s encode_expr and encode_tfvars are marked by a marked element anywhere in their argument, as a provider\'s function is (terraform plan 1.11.4)', () => {
  const found = (value: string): string[] =>
    evaluateFiles({ 'main.tf': `terraform {\n  required_providers {\n    terraform = { source = "terraform.io/builtin/terraform" }\n  }\n}\n${SENSITIVE_LOCALS}output "o" {\n  value = ${value}\n}\n` }).diagnostics.filter((d) => d.code !== 'parse/hcl-compat').map((d) => `${d.code} ${d.severity}`);
  for (const value of ['provider::terraform::encode_expr(var.pw)', 'provider::terraform::encode_expr({ a = [var.pw] })', 'provider::terraform::encode_tfvars({ a = var.pw })', 'provider::terraform::encode_tfvars({ b = local.mixed })']) {
    assert.deepEqual(found(value), ['eval/sensitive-output error'], value);
  }
  assert.deepEqual(found('provider::terraform::encode_tfvars({ b = local.mixed.b })'), []);
});

test('an output holding a sensitive value by the parts and functions cty marks is refused; the parts Terraform prints are not (terraform plan 1.11)', () => {
  const found = (value: string): string[] => evaluateFiles({ 'main.tf': `${SENSITIVE_LOCALS}output "o" {\n  value = ${value}\n}\n` }).diagnostics.map((d) => `${d.code} ${d.severity}`);
  // Each refused by terraform plan 1.11 ("Output refers to sensitive values").
  const refused = [
    // A part read through locals and literal indexes has its own marks.
    'local.tup[0]', 'local.nested.inner', 'local.nested["inner"].s', 'local.objs[0]', 'element(local.tup, 0)', 'element(local.tup, 2)', 'lookup(local.mixed, "a")',
    'lookup(local.mixed, "zz", var.pw)', 'local.tup[*]', 'local.objs[*].a',
    // try() gives its first argument that certainly succeeds.
    'try(var.pw, "x")', 'try(local.tup[0], "d")', 'try(local.nested.inner, "d")',
    // Functions reading their arguments whole are marked by a marked element, though it is not in the result.
    'jsonencode({ a = var.pw })', 'contains(local.tup, "zzz")', 'sort(local.tup)[1]', 'distinct(local.tup)', 'join(",", local.tup)', 'one([var.pw])', 'one(local.objs).b',
    'alltrue([var.pw == "x"])', 'index(local.tup, "x")', 'setunion(["a"], local.tup)', 'coalescelist(local.tup)[1]', 'yamlencode(local.mixed)', 'sum(local.nums)',
    // Functions keeping each element with its marks hold it.
    'values(local.mixed)', 'tolist(local.tup)', 'concat(local.tup, ["y"])', 'flatten([local.tup])', 'reverse(local.tup)', 'merge(local.mixed)',
    'merge(local.mixed, { c = "1" })', 'merge({ c = "1" }, local.mixed)', 'zipmap(["k", "j"], local.tup)', 'slice(local.tup, 0, 1)',
    // for over a literal, element by element; a condition reading a marked element marks the whole result.
    '[for v in local.tup : v]', '[for v in local.tup : upper(v)]', '{ for k, v in local.mixed : k => v }', '[for v in local.tup : 1 if v == "x"]',
    '[for v in local.objs : v.a]', '[for v in local.objs : v.b if v.a != ""]', '[for v in [[var.pw]] : v[0]]',
    // Equality reads every element, null or not.
    'local.mixed == local.mixed', 'local.tup != ["a"]', 'local.mixed == null',
  ];
  for (const value of refused) assert.deepEqual(found(value), ['eval/sensitive-output error'], value);
  // Each planned by terraform plan 1.11, its value printed.
  const accepted = [
    'local.tup[1]', 'local.objs[0].b', 'local.nested["inner"]["p"]', 'element(local.tup, 1)', 'element(local.tup, 3)', 'lookup(local.nested.inner, "p")',
    'local.objs[*].b', 'try(local.tup[5], "d")', 'try(local.objs[0].b, "d")', 'try(local.nested.inner, "d").p', 'jsonencode(local.tup[1])', 'one([local.mixed.b])',
    'merge(local.mixed, { a = "1" })', 'merge({ a = sensitive(1) }, { a = 2 })', 'merge(local.mixed).b', 'slice(local.tup, 1, 2)', 'zipmap(["a", "b"], local.tup).b',
    'concat(local.tup)[1]', 'reverse(local.tup)[0]', 'values(local.mixed)[1]', '[for v in local.tup : "y"]', '[for i, v in local.tup : i]',
    '{ for k, v in local.mixed : k => v if k == "b" }', '[for v in local.objs : v.b]', '[for v in local.objs : v][0].b', 'local.tup[1] == "x"',
    'local.mixed.b == local.mixed.b', 'keys(local.objs[0])', 'length(local.objs)',
  ];
  for (const value of accepted) assert.deepEqual(found(value), [], value);
});

test('issensitive() is false for a tuple or object constructor holding a sensitive value, as in Terraform (its elements are marked, not it)', () => {
  const cases: [string, boolean][] = [
    ['issensitive(local.mixed)', false], ['issensitive(local.tup)', false], ['issensitive(local.tup[1])', false], ['issensitive(local.nested.inner)', false],
    ['issensitive([var.pw])', false], ['issensitive(local.objs[0].b)', false], ['issensitive(try(local.tup, []))', false],
    ['issensitive(local.tup[0])', true], ['issensitive(local.mixed.a)', true], ['issensitive(var.pw)', true], ['issensitive(sensitive([1]))', true],
    // can(), issensitive() and nonsensitive() give a value without the argument's mark (terraform console 1.11.4:
    // issensitive(can(sensitive(1))), issensitive(can(sensitive(1)) ? 1 : 2), issensitive(nonsensitive(sensitive("a")))
    // and issensitive(issensitive(sensitive("a"))) are false).
    ['issensitive(can(var.pw))', false], ['issensitive(can(var.pw) ? 1 : 2)', false], ['issensitive(nonsensitive(var.pw))', false],
    ['issensitive(issensitive(var.pw))', false], ['issensitive(can(sensitive(1)))', false], ['issensitive(nonsensitive(sensitive("a")))', false],
  ];
  for (const [expr, expected] of cases) assert.equal(valueOf(expr, SENSITIVE_LOCALS), expected, expr);
});

test('a sensitive for_each is refused, as terraform plan 1.11 refuses it, and none of its keys is printed', () => {
  const vars = 'variable "m" {\n  sensitive = true\n  default   = { "p4ss-key" = "1" }\n}\nvariable "pw" {\n  sensitive = true\n  default   = "p4ss"\n}\n';
  const run = (forEach: string) => evaluateFiles({ 'main.tf': `${vars}resource "terraform_data" "r" {\n  for_each = ${forEach}\n  input    = each.key\n}\n` });
  for (const refused of ['var.m', 'toset(keys(var.m))', 'toset([var.pw])', '{ for k, v in var.m : k => v }']) {
    const { model, diagnostics } = run(refused);
    assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.start.line}`), ['eval/for-each error 10'], refused);
    assert.ok(!JSON.stringify(model.resources.map((r) => r.address)).includes('p4ss'), refused);
  }
  // Accepted: the map's values are sensitive, not the map; nonsensitive(); a variable not declared sensitive.
  for (const accepted of ['{ a = var.pw }', 'nonsensitive(var.m)', 'toset(["a"])']) assert.deepEqual(run(accepted).diagnostics, [], accepted);
});

test('a sensitive value given to a module input marks that variable: the module\'s for_each over it is refused per caller, two levels down too, and no key is printed', () => {
  const root =
    'variable "m" {\n  sensitive = true\n  default   = { "p4ss-key" = "1" }\n}\nvariable "pw" {\n  sensitive = true\n  default   = "p4ss"\n}\n' +
    'module "secret" {\n  source = "./a"\n  x      = var.m\n}\nmodule "plain" {\n  source = "./a"\n  x      = { k = "v" }\n}\nmodule "values" {\n  source = "./a"\n  x      = { k = var.pw }\n}\nmodule "unmarked" {\n  source = "./a"\n  x      = nonsensitive(var.m)\n}\n';
  const a = 'variable "x" {}\nmodule "b" {\n  source = "../b"\n  y      = var.x\n}\nresource "terraform_data" "r" {\n  for_each = var.x\n}\n';
  const b = 'variable "y" {}\nresource "terraform_data" "r" {\n  for_each = var.y\n}\n';
  const { model, diagnostics } = evaluateFiles({ 'main.tf': root, 'a/main.tf': a, 'b/main.tf': b });
  assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.span?.file}:${d.span?.start.line} ${d.message.replace(/\), so .*$/, ')')}`).sort(), [
    'eval/for-each a/main.tf:7 for_each of terraform_data.r is sensitive (var.x (from var.m in the caller))',
    'eval/for-each b/main.tf:3 for_each of terraform_data.r is sensitive (var.y (from var.x (from var.m in the caller) in the caller))',
  ]);
  const addresses = model.resources.map((r) => r.address).sort();
  // nonsensitive() lets the keys be printed, as Terraform does; nowhere else do they appear.
  assert.ok(!JSON.stringify(addresses.filter((x) => !x.startsWith('module.unmarked'))).includes('p4ss'));
  assert.deepEqual(addresses.filter((x) => x.startsWith('module.secret')), ['module.secret.module.b.terraform_data.r[?]', 'module.secret.terraform_data.r[?]']);
  assert.ok(addresses.includes('module.plain.module.b.terraform_data.r["k"]') && addresses.includes('module.values.terraform_data.r["k"]') && addresses.includes('module.unmarked.terraform_data.r["p4ss-key"]'), addresses.join(' '));
});

test('a module output computed from a sensitive value is marked where the caller reads it: for_each over it and a root output of it are refused, as terraform plan 1.11 refuses them', () => {
  const child =
    'variable "s" {\n  sensitive = true\n  default   = { "p4ss-key" = "1" }\n}\nvariable "x" {\n  default = {}\n}\n' +
    'output "p" {\n  value = var.s\n}\noutput "flagged" {\n  value     = { k = "v" }\n  sensitive = true\n}\noutput "given" {\n  value = var.x\n}\noutput "nested" {\n  value = { a = var.s }\n}\n';
  const run = (main: string): string[] =>
    evaluateFiles({ 'main.tf': `variable "pw" {\n  sensitive = true\n  default   = { k = "p4ss" }\n}\nmodule "m" {\n  source = "./m"\n}\n${main}`, 'm/main.tf': child }).diagnostics.map((d) => `${d.code} ${d.message.replace(/, so Terraform refuses it.*$/, '')}`);
  assert.deepEqual(run('resource "terraform_data" "r" {\n  for_each = module.m.p\n}\n'), ['eval/for-each for_each of terraform_data.r is sensitive (module.m.p (var.s))']);
  assert.deepEqual(run('output "o" {\n  value = { x = module.m.nested }\n}\n'), ['eval/sensitive-output output "o" refers to a sensitive value (module.m.nested (var.s)) but does not set sensitive = true']);
  // Through two calls: the caller's secret goes in as x and comes back out as given.
  assert.deepEqual(run('module "n" {\n  source = "./m"\n  x      = var.pw\n}\nresource "terraform_data" "r" {\n  for_each = module.n.given\n}\n'), [
    'eval/for-each for_each of terraform_data.r is sensitive (module.n.given (var.x (from var.pw in the caller)))',
  ]);
  // Accepted: an output's own sensitive = true does not mark a plain value; a map whose values alone are sensitive; nonsensitive().
  for (const ok of ['module.m.flagged', 'module.m.nested', 'nonsensitive(module.m.p)']) assert.deepEqual(run(`resource "terraform_data" "r" {\n  for_each = ${ok}\n}\n`), [], ok);
});

test('a module call whose for_each reads its own output is one cycle error, not also an evaluation that runs out of stack', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf': 'module "m" {\n  source   = "./m"\n  for_each = module.m.p\n}\n', 'm/main.tf': 'output "p" {\n  value = { a = "b" }\n}\n' });
  // The for_each is then unknown (an info), as it would be for any value the scan cannot know.
  assert.deepEqual(diagnostics.map((d) => d.code), ['eval/cycle', 'eval/unknown-for-each']);
});

test('a for_each whose keys hold a sensitive variable\'s text, where the marks read from the syntax miss it, is one instance with a warning: no key shows the secret', () => {
  const run = (forEach: string): { codes: string[]; addresses: string[] } => {
    const { model, diagnostics } = evaluateFiles({ 'main.tf': `variable "pw" {\n  type      = string\n  sensitive = true\n  default   = "p4ss-root"\n}\nresource "terraform_data" "r" {\n  for_each = ${forEach}\n}\n` });
    return { codes: diagnostics.map((d) => `${d.code} ${d.severity}`), addresses: model.resources.map((r) => r.address) };
  };
  // Terraform refuses each of these (terraform plan 1.11: "Invalid for_each argument").
  for (const missed of ['toset(try([for v in [var.pw] : v], []))']) {
    const { codes, addresses } = run(missed);
    assert.deepEqual(codes, ['eval/for-each warning'], missed);
    assert.deepEqual(addresses, ['terraform_data.r[?]'], missed);
  }
  // Missed here before the syntax followed literal indexes, join(), try() and the elements a `for`'s
  // condition lets through: now the error Terraform gives. (And a key read from a marked element: the
  // for's result is marked, HCL moving no key's marks onto its element.)
  for (const refused of ['{ for v in [var.pw] : v => v }', 'toset([for v in [var.pw] : v if true])', 'toset([{ a = var.pw, b = "x" }["a"]])', 'toset([join("-", [var.pw, "a"])])', 'toset([try(var.pw, "x")])']) {
    const { codes, addresses } = run(refused);
    assert.deepEqual(codes, ['eval/for-each error'], refused);
    assert.deepEqual(addresses, ['terraform_data.r[?]'], refused);
  }
  // Accepted by Terraform, and here: the plain element picked out; nonsensitive(); a map whose values alone are sensitive.
  for (const accepted of ['toset([{ a = var.pw, b = "plainval" }["b"]])', 'nonsensitive(toset([var.pw]))', '{ a = var.pw }']) assert.deepEqual(run(accepted).codes, [], accepted);
});

test('each.value of a for_each that read a sensitive value is sensitive: a rule quoting it shows none of it', () => {
  const { model } = evaluateFiles({ 'main.tf': 'variable "pw" {\n  sensitive = true\n  default   = "p4ss"\n}\nresource "aws_s3_bucket" "b" {\n  for_each = { a = var.pw }\n  bucket   = each.value\n  acl      = each.key\n}\n' });
  const b = model.resources.find((r) => r.address === 'aws_s3_bucket.b["a"]')!;
  assert.equal(b.attributes.get('bucket')?.sensitive, true);
  assert.equal(b.attributes.get('acl')?.sensitive, false);
});

test('a reference to something undeclared names the declaration most likely meant', () => {
  const { diagnostics } = evaluateFiles({
    'main.tf':
      'variable "region" {\n  default = "x"\n}\nlocals {\n  bucket_name = "b"\n}\nresource "aws_s3_bucket" "logs" {\n  bucket = local.bucket_nme\n}\n' +
      'resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.logz.id\n  region = var.regoin\n  depends_on = [aws_s3_buckt.logs]\n}\noutput "o" {\n  value = var.zone\n}\n',
  });
  const byLine = (a: string, b: string): number => Number(a.split(' ')[0]) - Number(b.split(' ')[0]);
  assert.deepEqual(diagnostics.map((d) => `${d.span?.start.line} ${d.message.replace(/^.*Reference to undeclared /, '')}`).sort(byLine), [
    '8 local value "bucket_nme". Did you mean "local.bucket_name"?',
    '11 resource "aws_s3_bucket.logz". Did you mean "aws_s3_bucket.logs"?',
    '12 input variable "regoin". Did you mean "var.region"?',
    '13 resource "aws_s3_buckt.logs". Did you mean "aws_s3_bucket.logs"? Terraform refuses a dependency on something the module does not declare.',
    '16 input variable "zone".',
  ]);
});

test('a dynamic block whose for_each is null is an error from the configuration alone, a warning from a resource (terraform plan 1.11 refuses it)', () => {
  const of = (forEach: string): { code: string; severity: string }[] =>
    evaluateFiles({ 'main.tf': `variable "rules" {\n  default = null\n}\nresource "aws_instance" "i" {\n  ami = "ami-1"\n}\nresource "aws_security_group" "sg" {\n  dynamic "ingress" {\n    for_each = ${forEach}\n    content {\n      from_port = 443\n    }\n  }\n}\n` }).diagnostics.map((d) => ({ code: d.code, severity: d.severity }));
  assert.deepEqual(of('var.rules'), [{ code: 'eval/dynamic', severity: 'error' }]);
  // Tags left out are planned null (terraform plan 1.11.4, aws 5.100): Terraform refuses the null
  // for_each; read from a resource, a warning. An attribute the provider computes is unknown: nothing.
  assert.deepEqual(of('aws_instance.i.tags'), [{ code: 'eval/dynamic', severity: 'warning' }]);
  assert.deepEqual(of('aws_instance.i.tags_all'), []);
});

test('a whole resource passed to an object-typed module variable has the attributes the provider computes (trussworks ecs-service example)', () => {
  const { diagnostics, model } = evaluateFiles({
    'main.tf': 'resource "aws_ecs_cluster" "main" {\n  name = "phi"\n}\nmodule "svc" {\n  source      = "./mod"\n  ecs_cluster = aws_ecs_cluster.main\n}\n',
    'mod/main.tf': 'variable "ecs_cluster" {\n  type = object({ arn = string, name = string })\n}\nresource "aws_cloudwatch_log_group" "l" {\n  name = "/ecs/${var.ecs_cluster.name}"\n}\n',
  });
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  assert.equal(model.ofType('aws_cloudwatch_log_group')[0]!.attributes.get('name')?.value, '/ecs/phi');
});

test('two statements of one aws_iam_policy_document with the same sid are an error, as the provider refuses them, and both are kept', () => {
  const { diagnostics, model } = evaluateFiles({
    'main.tf': 'data "aws_iam_policy_document" "p" {\n  statement {\n    sid       = "1"\n    actions   = ["s3:GetObject"]\n    resources = ["*"]\n  }\n  statement {\n    sid       = "1"\n    actions   = ["*"]\n    resources = ["*"]\n  }\n}\n',
  });
  assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.severity}`), ['eval/policy-document error']);
  const json = JSON.parse(model.dataOfType('aws_iam_policy_document')[0]!.attributes.get('json')!.value as string) as { Statement: unknown[] };
  assert.equal(json.Statement.length, 2);
});

test('a one-way function keeps the sensitive mark, but says it came only through a hash; an unknown argument\'s reason is named as hashed', () => {
  const vars = 'variable "pw" {\n  sensitive = true\n  default   = "p4ss"\n}\nvariable "req" {\n  type      = string\n  sensitive = true\n}\nlocals {\n  h = sha256(var.pw)\n}\n';
  const cases: [string, boolean, boolean][] = [
    // expression, marked sensitive, marked only through hashes
    ['sha256(var.pw)', true, true], ['[md5(var.pw), bcrypt(var.req)]', true, true], ['local.h', true, true], ['base64encode(sha1(var.pw))', true, true],
    ['[sha256(var.pw), var.pw]', true, false], ['base64encode(var.pw)', true, false], ['"x-${var.pw}"', true, false], ['{ a = local.h, b = var.pw }', true, false],
    ['"plain"', false, false],
  ];
  for (const [expr, sensitive, hashed] of cases) {
    const { model } = evaluateFiles({ 'main.tf': `${vars}resource "terraform_data" "r" {\n  input = ${expr}\n}\n` });
    const input = model.resources[0]!.attributes.get('input')!;
    assert.equal(input.sensitive, sensitive, expr);
    assert.equal(input.onlyHashedMarks === true, hashed, expr);
  }
  // Terraform refuses a sensitive for_each; a hash keeps the mark, so it is refused too.
  const { diagnostics } = evaluateFiles({ 'main.tf': `${vars}resource "terraform_data" "f" {\n  for_each = toset([sha256(var.pw)])\n}\n` });
  assert.deepEqual(diagnostics.map((d) => d.code), ['eval/for-each']);
  const { model } = evaluateFiles({ 'main.tf': `${vars}resource "terraform_data" "u" {\n  input = sha256(var.req)\n}\n` });
  const value = model.resources[0]!.attributes.get('input')!.value as { reason: string };
  assert.match(value.reason, /^sha256\(\) of a value known only at apply time \(var\.req /);
});

test('an ephemeral output in a root module is an error at `output "name"`, as Terraform refuses it; in a called module it is fine, and the scan goes on', () => {
  // terraform validate 1.11.4: "Ephemeral output not allowed ... in context of a root module", on line 6, `output "eph"`.
  const child = 'variable "token" {\n  type      = string\n  ephemeral = true\n}\n\noutput "eph" {\n  ephemeral = true\n  value     = var.token\n}\n';
  const root =
    'variable "token" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\noutput "eph" {\n  ephemeral = "true"\n  value     = var.token\n}\n\n' +
    'output "plain" {\n  value = "x"\n}\n\nmodule "m" {\n  source = "./m"\n  token  = var.token\n}\n';
  const { diagnostics, model } = evaluateFiles({ 'main.tf': root, 'm/main.tf': child });
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.file}:${d.span?.start.line}:${d.span?.start.column}-${d.span?.end.column}`),
    ['eval/ephemeral-output error main.tf:7:1-13'],
  );
  assert.match(diagnostics[0]!.message, /output "eph" is declared ephemeral in a root module, which Terraform refuses/);
  assert.deepEqual(model.outputs.map((o) => `${o.module}.${o.name}`).sort(), ['.eph', '.plain', 'module.m.eph']);
  // `ephemeral = false` is an ordinary output.
  assert.deepEqual(evaluateFiles({ 'main.tf': 'output "o" {\n  ephemeral = false\n  value     = "x"\n}\n' }).diagnostics, []);
});

test('an ephemeral value in an aws_ resource argument that is not write-only is an error, as Terraform refuses it; *_wo and ephemeralasnull() are fine', () => {
  // terraform validate 1.11.4, hashicorp/aws 5.100.0: "Invalid use of ephemeral value ... because it is
  // not a write-only attribute and must be persisted to state", at `password = var.db_password`.
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'ephemeral "aws_secretsmanager_random_password" "gen" {\n  password_length = 20\n}\n\n' +
    'locals {\n  pw       = var.pw\n  nulled   = ephemeralasnull(var.pw)\n}\n\n' +
    'resource "aws_db_instance" "bad" {\n  password = local.pw\n}\n\n' +
    'resource "aws_ssm_parameter" "bad" {\n  name  = "p"\n  type  = "SecureString"\n  value = ephemeral.aws_secretsmanager_random_password.gen.random_password\n}\n\n' +
    'resource "aws_db_instance" "good" {\n  password_wo         = var.pw\n  password_wo_version = 1\n  identifier          = local.nulled\n  username            = ephemeralasnull(var.pw)\n}\n\n' +
    // Another provider's write-only attributes are not known here: not judged.
    'resource "vault_generic_secret" "other" {\n  data_json = var.pw\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': main });
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.start.line}`),
    ['eval/ephemeral-value error 17', 'eval/ephemeral-value error 23'],
  );
  assert.match(diagnostics[0]!.message, /^aws_db_instance\.bad gives password an ephemeral value, which Terraform refuses/);
});

test('an ephemeral value in a stored argument is an error however many instances the block makes, count = 0 and an empty for_each too', () => {
  // terraform validate 1.11.4, hashicorp/aws 5.100.0: "Invalid use of ephemeral value", with `count = 0`.
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'resource "aws_db_instance" "none" {\n  count    = 0\n  password = var.pw\n}\n\n' +
    'resource "aws_db_instance" "empty" {\n  for_each = toset([])\n  password = var.pw\n}\n\n' +
    'resource "aws_db_instance" "two" {\n  count    = 2\n  password = var.pw\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': main });
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.start.line}`),
    ['eval/ephemeral-value error 9', 'eval/ephemeral-value error 14', 'eval/ephemeral-value error 19'],
    'once per block, not per instance',
  );
});

test('an output not declared ephemeral given an ephemeral value is an error, a root module\'s or a called one\'s, through locals or a called module\'s ephemeral output', () => {
  // terraform validate 1.11.4: "Ephemeral value not allowed ... This output value is not declared as
  // returning an ephemeral value" at main.tf:13 and m/main.tf:12; terraform plan adds main.tf:22, which
  // reads the called module's ephemeral output. ephemeralasnull() and can() give a plain value (plan accepts both).
  const root =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\nlocals {\n  a = var.pw\n  b = "x-${local.a}"\n}\n\n' +
    'output "root_plain" {\n  value = local.b\n}\n\nmodule "child" {\n  source = "./m"\n  token  = var.pw\n}\n\n' +
    'output "from_child" {\n  value = module.child.eph\n}\n\n' +
    'output "nulled" {\n  value = ephemeralasnull(module.child.eph)\n}\n\n' +
    'output "checked" {\n  value = can(local.b) ? "set" : "unset"\n}\n\n' +
    'output "other" {\n  value = module.child.other\n}\n\n' +
    // A whole module, or one indexed by a computed key: which output is read is not known here, so unsure (no error).
    'output "whole" {\n  value = [for k, m in { a = module.child } : m.other]\n}\n';
  const child =
    'variable "token" {\n  type      = string\n  ephemeral = true\n}\n\noutput "eph" {\n  ephemeral = true\n  value     = var.token\n}\n\noutput "plain" {\n  value = var.token\n}\n\noutput "other" {\n  value = "x"\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': root, 'm/main.tf': child });
  assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.file}:${d.span?.start.line}`).sort(), [
    'eval/ephemeral-output error m/main.tf:12',
    'eval/ephemeral-output error main.tf:13',
    'eval/ephemeral-output error main.tf:22',
  ]);
  assert.match(diagnostics.find((d) => d.span?.file === 'main.tf')!.message, /^output "root_plain" is given an ephemeral value but is not declared ephemeral, which Terraform refuses/);
});

test('an ephemeral value in a nested block, a dynamic block\'s for_each, terraform_data, an aws_ data source, or read from terraform.applying or a called module\'s ephemeral output is an error; lifecycle, provisioner, connection, depends_on, can() and issensitive() are not', () => {
  // terraform validate 1.11.4 with hashicorp/aws 5.100.0 refuses exactly these ("Invalid use of ephemeral
  // value"; for a nested block it points at the resource: "not valid for "ingress""), and plan the one
  // reading module.child.eph; it accepts aws_ssm_parameter.fine. The data source's name is refused alike.
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'variable "ports" {\n  type      = list(number)\n  ephemeral = true\n  default   = [443]\n}\n\n' +
    'ephemeral "aws_secretsmanager_random_password" "gen" {\n  password_length = 20\n}\n\n' +
    'module "child" {\n  source = "./m"\n  token  = var.pw\n}\n\n' +
    'resource "terraform_data" "td" {\n  input = var.pw\n}\n\n' +
    'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role          = "arn:aws:iam::123456789012:role/x"\n  handler       = "h"\n  runtime       = "python3.12"\n  filename      = "x.zip"\n  environment {\n    variables = {\n      PW = var.pw\n    }\n  }\n}\n\n' +
    'resource "aws_security_group" "sg" {\n  name = "sg"\n  dynamic "ingress" {\n    for_each = [1, 2]\n    content {\n      from_port   = 443\n      to_port     = 443\n      protocol    = "tcp"\n      cidr_blocks = ["10.0.0.0/8"]\n      description = ephemeral.aws_secretsmanager_random_password.gen.random_password\n    }\n  }\n}\n\n' +
    'resource "aws_security_group" "ports" {\n  name = "ports"\n  dynamic "ingress" {\n    for_each = var.ports\n    content {\n      from_port   = 1\n      to_port     = 1\n      protocol    = "tcp"\n      cidr_blocks = ["10.0.0.0/8"]\n    }\n  }\n}\n\n' +
    'resource "aws_ssm_parameter" "applying" {\n  name  = "a"\n  type  = "String"\n  value = terraform.applying ? "x" : "y"\n}\n\n' +
    'resource "aws_ssm_parameter" "from_module" {\n  name  = "m"\n  type  = "String"\n  value = module.child.eph\n}\n\n' +
    'resource "aws_ssm_parameter" "fine" {\n  name       = "g"\n  type       = "String"\n  value      = can(var.pw) ? "x" : "y"\n  tags       = { s = issensitive(var.pw) ? "x" : "y", o = module.child.other }\n  depends_on = [ephemeral.aws_secretsmanager_random_password.gen]\n' +
    '  lifecycle {\n    precondition {\n      condition     = var.pw != ""\n      error_message = "x"\n    }\n  }\n' +
    '  provisioner "local-exec" {\n    command = "echo ${var.pw}"\n  }\n  connection {\n    type     = "ssh"\n    host     = "h"\n    password = var.pw\n  }\n}\n\n' +
    // Another provider's write-only attributes are not known here: not judged.
    'resource "vault_generic_secret" "other" {\n  path = "secret/x"\n  data_json = var.pw\n  nested {\n    v = var.pw\n  }\n}\n\n' +
    'data "aws_ssm_parameter" "d" {\n  name = var.pw\n}\n';
  const child = 'variable "token" {\n  type      = string\n  ephemeral = true\n}\n\noutput "eph" {\n  ephemeral = true\n  value     = var.token\n}\n\noutput "other" {\n  value = "x"\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': main, 'm/main.tf': child });
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${d.span?.start.line} ${/gives (.*) an ephemeral value/.exec(d.message)?.[1]}`),
    [
      'eval/ephemeral-value 23 input',
      'eval/ephemeral-value 33 environment.variables',
      'eval/ephemeral-value 48 ingress.description',
      'eval/ephemeral-value 56 ingress (dynamic for_each)',
      'eval/ephemeral-value 69 value',
      'eval/ephemeral-value 75 value',
      'eval/ephemeral-value 109 name',
    ],
  );
});

test('an ephemeral value given to a module variable not declared ephemeral is an error; a plain value given to an output declared ephemeral is not', () => {
  // terraform validate 1.11.4: "Ephemeral value not allowed ... This input variable is not declared as
  // accepting ephemeral values" at main.tf:9. A plain value for an ephemeral variable is fine, and so is
  // ephemeralasnull() for a plain one. Terraform 1.11 also refuses m/main.tf:13 ("Value not allowed in
  // ephemeral output"), and even module.remote.token when that is an ephemeral output; later releases take
  // any value there (hashicorp/terraform#37210, backported to 1.12: the value is then ephemeral anyway), so
  // it is not reported, as the scan follows the newer Terraform elsewhere (&& and || short-circuit).
  const root =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'module "bad" {\n  source   = "./m"\n  plainvar = var.pw\n  ephvar   = "plain is fine"\n}\n\n' +
    'module "ok" {\n  source   = "./m"\n  plainvar = ephemeralasnull(var.pw)\n  ephvar   = var.pw\n}\n';
  const child =
    'variable "plainvar" {\n  type    = string\n  default = "a"\n}\n\nvariable "ephvar" {\n  type      = string\n  ephemeral = true\n}\n\n' +
    'output "plain_const" {\n  ephemeral = true\n  value     = "x"\n}\n\n' +
    'output "eph" {\n  ephemeral = true\n  value     = var.ephvar\n}\n\n' +
    'module "remote" {\n  source = "example/remote/aws"\n}\n\n' +
    'output "from_remote" {\n  ephemeral = true\n  value     = module.remote.token\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': root, 'm/main.tf': child });
  assert.deepEqual(
    diagnostics.filter((d) => d.code.startsWith('eval/')).map((d) => `${d.code} ${d.span?.file}:${d.span?.start.line}`),
    ['eval/ephemeral-value main.tf:9'],
  );
  assert.match(diagnostics.find((d) => d.code === 'eval/ephemeral-value')!.message, /^module\.bad gives plainvar an ephemeral value, which Terraform refuses \("Ephemeral value not allowed"\): variable "plainvar" of \.\/m is not declared ephemeral\.$/);
});

test('count or for_each given an ephemeral value is an error in any resource, data source, ephemeral resource or module call; one with only ephemeral elements is not', () => {
  // terraform validate 1.11.4: "Invalid count argument" / "Invalid for_each argument ... derived from an
  // ephemeral value" at lines 22-43 (ephemeral "..." "gen" and the non-aws_ type too); plan for `var.b || false`,
  // which validate sees unknown. Both accept every block from line 46 on, but for `true || var.b` at line 63:
  // 1.11.4 plan refuses it, and the scan takes it as later releases do (the right side does not decide).
  const main =
    'variable "list" {\n  type      = list(string)\n  ephemeral = true\n  default   = ["a"]\n}\n\n' +
    'variable "b" {\n  type      = bool\n  ephemeral = true\n  default   = true\n}\n\n' +
    'ephemeral "aws_secretsmanager_random_password" "p" {\n  password_length = 20\n}\n\n' +
    'locals {\n  n = length(var.list)\n}\n\n' +
    'resource "aws_ssm_parameter" "counted" {\n  count = local.n\n}\n\n' +
    'resource "random_id" "each" {\n  for_each = toset(var.list)\n}\n\n' +
    'data "aws_ssm_parameter" "d" {\n  count = terraform.applying ? 1 : 0\n}\n\n' +
    'ephemeral "aws_secretsmanager_random_password" "gen" {\n  count = var.b || false ? 1 : 0\n}\n\n' +
    'module "m" {\n  source   = "./m"\n  for_each = { for k in var.list : k => k }\n}\n\n' +
    'resource "terraform_data" "from_resource" {\n  count = length(ephemeral.aws_secretsmanager_random_password.p.random_password) > 3 ? 1 : 0\n}\n\n' +
    'resource "terraform_data" "values" {\n  for_each = { a = ephemeral.aws_secretsmanager_random_password.p.random_password }\n}\n\n' +
    'resource "terraform_data" "elements" {\n  count = length([var.b, var.list])\n}\n\n' +
    'resource "terraform_data" "keys" {\n  for_each = toset(keys({ a = var.b }))\n}\n\n' +
    'resource "terraform_data" "nulled" {\n  count = (ephemeralasnull(var.list) == null ? 0 : 1) + (can(var.b) ? 1 : 0)\n}\n\n' +
    'resource "terraform_data" "picked" {\n  count = lookup({ a = 1 }, "a", length(var.list)) + try(1, length(var.list)) + (true || var.b ? 1 : 0)\n}\n\n' +
    'module "plain" {\n  source = "./m"\n  count  = ephemeralasnull(var.b) == null ? 1 : 0\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': main, 'm/main.tf': 'output "o" {\n  value = "x"\n}\n' });
  assert.deepEqual(
    // The count this scan cannot know (an ephemeral resource's value) is noted too, as for any other.
    diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.severity} ${d.span?.start.line}:${d.span?.start.column}-${d.span?.end.column} ${/^(\S+) gives (\S+)/.exec(d.message)?.slice(1).join(' ')}`).sort(),
    [
      'eval/ephemeral-value error 22:3-18 aws_ssm_parameter.counted count',
      'eval/ephemeral-value error 26:3-29 random_id.each for_each',
      'eval/ephemeral-value error 30:3-37 data.aws_ssm_parameter.d count',
      'eval/ephemeral-value error 34:3-33 ephemeral.aws_secretsmanager_random_password.gen count',
      'eval/ephemeral-value error 39:3-44 module.m for_each',
      'eval/ephemeral-value error 43:3-93 terraform_data.from_resource count',
    ],
  );
  assert.match(diagnostics.find((d) => d.message.startsWith('module.m'))!.message, /^module\.m gives for_each an ephemeral value, which Terraform refuses \("Invalid for_each argument"\)/);
});

test('an ephemeral output of a module call with count or for_each, read by key, by splat or through a for, is an error where Terraform refuses it; its plain outputs and write-only arguments are not', () => {
  // terraform plan 1.11.4 refuses lines 15, 19, 23, 27, 31, 35 ("Invalid use of ephemeral value") and 53, 57
  // ("Ephemeral value not allowed": the whole module.c holds its ephemeral output too); it accepts the rest.
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'module "c" {\n  source   = "./m"\n  for_each = toset(["a", "b"])\n  token    = var.pw\n}\n\n' +
    'resource "aws_ssm_parameter" "by_key" {\n  for_each = toset(["a", "b"])\n  value    = module.c[each.key].eph\n}\n\n' +
    'resource "aws_ssm_parameter" "by_index" {\n  value = module.d[0].eph\n}\n\n' +
    'resource "aws_ssm_parameter" "values" {\n  value = join(",", values(module.c)[*].eph)\n}\n\n' +
    'resource "aws_ssm_parameter" "literal_key" {\n  value = module.c["a"].eph\n}\n\n' +
    'resource "aws_ssm_parameter" "splat" {\n  value = join(",", module.d.*.eph)\n}\n\n' +
    'resource "aws_ssm_parameter" "for" {\n  value = join(",", [for k, m in module.c : m.eph])\n}\n\n' +
    'module "d" {\n  source = "./m"\n  count  = 2\n  token  = var.pw\n}\n\n' +
    'resource "aws_db_instance" "write_only" {\n  for_each            = module.c\n  password_wo         = module.c[each.key].eph\n  password_wo_version = 1\n  username            = module.c[each.key].plain\n  identifier          = join("-", values(module.c)[*].plain, [for m in module.d : m.plain])\n}\n\n' +
    'output "values" {\n  value = values(module.c)[*].eph\n}\n\n' +
    'output "whole" {\n  value = module.c\n}\n\n' +
    'output "plain" {\n  value = module.d[*].plain\n}\n';
  const child = 'variable "token" {\n  type      = string\n  ephemeral = true\n}\n\noutput "eph" {\n  ephemeral = true\n  value     = var.token\n}\n\noutput "plain" {\n  value = "x"\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': main, 'm/main.tf': child });
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${d.span?.file}:${d.span?.start.line}`),
    [
      'eval/ephemeral-value main.tf:15',
      'eval/ephemeral-value main.tf:19',
      'eval/ephemeral-value main.tf:23',
      'eval/ephemeral-value main.tf:27',
      'eval/ephemeral-value main.tf:31',
      'eval/ephemeral-value main.tf:35',
      'eval/ephemeral-output main.tf:53',
      'eval/ephemeral-output main.tf:57',
    ],
  );
});

test('what Terraform accepts near ephemeral values is not reported: providers, conditions, a length or the keys of ephemeral elements, a dynamic for_each of ephemeral elements; nonsensitive() keeps the mark', () => {
  // terraform validate and plan 1.11.4 accept all but line 40 ("Invalid use of ephemeral value": nonsensitive()
  // removes only the sensitive mark).
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'provider "aws" {\n  secret_key = var.pw\n}\n\n' +
    'resource "aws_ssm_parameter" "guarded" {\n  value = tostring(length([var.pw]))\n  tags  = { k = join(",", keys({ a = var.pw })) }\n' +
    '  lifecycle {\n    precondition {\n      condition     = length(var.pw) > 3\n      error_message = "short"\n    }\n  }\n}\n\n' +
    'resource "aws_security_group" "sg" {\n  dynamic "ingress" {\n    for_each = { a = var.pw }\n    content {\n      description = ingress.key\n    }\n  }\n}\n\n' +
    'output "checked" {\n  value = "x"\n  precondition {\n    condition     = var.pw != ""\n    error_message = "empty"\n  }\n}\n\n' +
    'resource "aws_ssm_parameter" "unmasked" {\n  value = nonsensitive(sensitive(var.pw))\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': main });
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${d.span?.start.line}`),
    ['eval/ephemeral-value 40'],
  );
});

/** A called module returning an ephemeral output `eph` and a plain one. */
const EPHEMERAL_CHILD = 'variable "token" {\n  type      = string\n  ephemeral = true\n}\n\noutput "eph" {\n  ephemeral = true\n  value     = var.token\n}\n\noutput "plain" {\n  value = "x"\n}\n';

test('ephemeralasnull() of a called module\'s ephemeral output read by key, splat or whole is no error, and null in the model (only the ephemeral outputs of a whole instance)', () => {
  // terraform validate and plan 1.11.4 with hashicorp/aws 5.100.0 accept all of it; plan stores values
  // [null, null], whole { a = { eph = null, plain = "x" }, b = { eph = null, plain = "x" } }.
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'module "c" {\n  source   = "./m"\n  for_each = toset(["a", "b"])\n  token    = var.pw\n}\n\n' +
    'module "d" {\n  source = "./m"\n  count  = 2\n  token  = var.pw\n}\n\n' +
    'resource "aws_s3_bucket" "by_key" {\n  for_each = toset(["a", "b"])\n  bucket   = ephemeralasnull(module.c[each.key].eph)\n}\n\n' +
    'resource "aws_s3_bucket" "splat" {\n  tags = { a = jsonencode(ephemeralasnull(module.d[*].eph)) }\n}\n\n' +
    'resource "terraform_data" "values" {\n  input = ephemeralasnull(values(module.c)[*].eph)\n}\n\n' +
    'resource "terraform_data" "whole" {\n  input = ephemeralasnull(module.c)\n}\n\n' +
    'resource "terraform_data" "plain" {\n  for_each = toset(["a"])\n  input    = ephemeralasnull(module.c[each.key].plain)\n}\n';
  const { diagnostics, model } = evaluateFiles({ 'main.tf': main, 'm/main.tf': EPHEMERAL_CHILD });
  assert.deepEqual(diagnostics, []);
  const byAddress = new Map(model.resources.map((r) => [r.address, r.attributes]));
  assert.equal(byAddress.get('aws_s3_bucket.by_key["a"]')?.has('bucket'), false);
  assert.deepEqual(byAddress.get('terraform_data.values')?.get('input')?.value, [null, null]);
  assert.deepEqual(byAddress.get('terraform_data.whole')?.get('input')?.value, { a: { eph: null, plain: 'x' }, b: { eph: null, plain: 'x' } });
  assert.equal(byAddress.get('terraform_data.plain["a"]')?.get('input')?.value, 'x');
});

/** A root calling EPHEMERAL_CHILD with for_each (c), count (d) and neither (s), and a local holding module.c. */
const EPHEMERAL_CALLS =
  'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
  'module "c" {\n  source   = "./m"\n  for_each = toset(["a", "b"])\n  token    = var.pw\n}\n\n' +
  'module "d" {\n  source = "./m"\n  count  = 2\n  token  = var.pw\n}\n\n' +
  'module "s" {\n  source = "./m"\n  token  = var.pw\n}\n\n' +
  'locals {\n  all = module.c\n}\n\n';

const NULLED = { eph: null, plain: 'x' };

/** ephemeralasnull() of a called module's instances: what terraform plan 1.11.4 stores (in a comment where it is not what the scan gives). */
const WHOLE_INSTANCES: readonly { readonly input: string; readonly want: unknown }[] = [
  { input: 'ephemeralasnull(module.c)', want: { a: NULLED, b: NULLED } },
  { input: 'ephemeralasnull(module.c["a"])', want: NULLED },
  { input: 'ephemeralasnull(module.d[0])', want: NULLED },
  { input: 'ephemeralasnull(module.d)', want: [NULLED, NULLED] },
  { input: 'ephemeralasnull(module.s)', want: NULLED },
  { input: 'ephemeralasnull((module.s))', want: NULLED },
  { input: 'ephemeralasnull(local.all)', want: { a: NULLED, b: NULLED } },
  { input: 'ephemeralasnull(local.all["a"])', want: NULLED },
  { input: 'ephemeralasnull(local.all["a"].eph)', want: null },
  { input: 'ephemeralasnull(values(module.c))', want: [NULLED, NULLED] },
  { input: 'ephemeralasnull(module.d[*])', want: [NULLED, NULLED] },
  { input: 'ephemeralasnull(module.s[*])', want: [NULLED] },
  { input: 'ephemeralasnull(module.c["a"][*])', want: [NULLED] },
  { input: 'ephemeralasnull(module.d[*].eph)', want: [null, null] },
  { input: 'ephemeralasnull(module.s[*].eph)', want: [null] },
  { input: '[for m in module.d : ephemeralasnull(m)]', want: [NULLED, NULLED] },
  { input: '{ for k, m in module.c : k => ephemeralasnull(m) }', want: { a: NULLED, b: NULLED } },
  // plan: [{ a = { eph = null, plain = "x" }, b = ... }], a tuple holding the object of the instances: not followed.
  { input: 'ephemeralasnull(module.c[*])', want: 'unknown' },
];

test('ephemeralasnull() of a called module\'s whole instance, or of its instances, makes null the outputs the module declares ephemeral and keeps the others', () => {
  for (const { input, want } of WHOLE_INSTANCES) {
    const main = `${EPHEMERAL_CALLS}resource "terraform_data" "t" {\n  input = ${input}\n}\n`;
    const { diagnostics, model } = evaluateFiles({ 'main.tf': main, 'm/main.tf': EPHEMERAL_CHILD });
    assert.deepEqual(diagnostics, [], input);
    const got = model.resources.find((r) => r.address === 'terraform_data.t')?.attributes.get('input')?.value;
    if (want === 'unknown') assert.ok(isUnknown(got), input);
    // A null argument is left out of the model.
    else assert.deepEqual(got ?? null, want, input);
  }
  // Each instance by key: terraform plan 1.11.4 stores { eph = null, plain = "x" }.
  const byKey = `${EPHEMERAL_CALLS}resource "terraform_data" "t" {\n  for_each = toset(["a"])\n  input    = ephemeralasnull(module.c[each.key])\n}\n`;
  const { model } = evaluateFiles({ 'main.tf': byKey, 'm/main.tf': EPHEMERAL_CHILD });
  assert.deepEqual(model.resources.find((r) => r.address === 'terraform_data.t["a"]')?.attributes.get('input')?.value, NULLED);
});

test('ephemeralasnull() of a called module\'s instance is sensitive where an output it keeps is, not where only the output made null is', () => {
  // terraform plan 1.11.4 shows input = { eph = (sensitive value), sec = "x" } for the first (the null
  // keeps its mark, and is no secret in state), { eph = (sensitive value), sec = (sensitive value) } for the second.
  const child = (plainSensitive: boolean): string =>
    'variable "token" {\n  type      = string\n  ephemeral = true\n  sensitive = true\n}\n\n' +
    'variable "secret" {\n  type      = string\n  sensitive = ' + String(plainSensitive) + '\n  default   = "x"\n}\n\n' +
    'output "eph" {\n  ephemeral = true\n  value     = var.token\n}\n\n' +
    'output "sec" {\n  value     = var.secret\n  sensitive = ' + String(plainSensitive) + '\n}\n';
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  sensitive = true\n  default   = "example"\n}\n\n' +
    'module "s" {\n  source = "./m"\n  token  = var.pw\n}\n\n' +
    'resource "terraform_data" "t" {\n  input = ephemeralasnull(module.s)\n}\n';
  for (const plainSensitive of [false, true]) {
    const { diagnostics, model } = evaluateFiles({ 'main.tf': main, 'm/main.tf': child(plainSensitive) });
    assert.deepEqual(diagnostics, []);
    const input = model.resources.find((r) => r.address === 'terraform_data.t')?.attributes.get('input');
    assert.deepEqual(input?.value, { eph: null, sec: 'x' });
    assert.equal(input?.sensitive, plainSensitive);
  }
});

test('a called module\'s whole instance or instances stored without ephemeralasnull() is an error, by a splat or a computed key too', () => {
  // terraform plan 1.11.4 refuses each ("Invalid use of ephemeral value"; the output: "Ephemeral value not allowed").
  const stored = ['module.c', 'module.c["a"]', 'module.d[0]', 'module.s', 'local.all', 'local.all["a"]', 'local.all["a"].eph', 'values(module.c)', 'module.d[*]', 'module.s[*]', 'module.c[*]', 'module.c["a"][*]', '[for m in module.d : m]'];
  for (const input of stored) {
    const main = `${EPHEMERAL_CALLS}resource "terraform_data" "t" {\n  input = ${input}\n}\n\noutput "o" {\n  value = ${input}\n}\n`;
    const { diagnostics } = evaluateFiles({ 'main.tf': main, 'm/main.tf': EPHEMERAL_CHILD });
    assert.deepEqual(diagnostics.map((d) => d.code), ['eval/ephemeral-value', 'eval/ephemeral-output'], input);
  }
  const byKey = `${EPHEMERAL_CALLS}resource "terraform_data" "t" {\n  for_each = toset(["a"])\n  input    = module.c[each.key]\n}\n`;
  assert.deepEqual(evaluateFiles({ 'main.tf': byKey, 'm/main.tf': EPHEMERAL_CHILD }).diagnostics.map((d) => d.code), ['eval/ephemeral-value']);
});

test('a called module with count = 0 or for_each = {} is an empty tuple or object: no ephemeral part, whole, by a for or a splat', () => {
  // terraform plan 1.11.4 (hashicorp/aws 5.100.0) accepts all but line 54 ("Invalid use of ephemeral
  // value": two instances), and gives [], {}, 0 and [] for the rest.
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'module "c0" {\n  source = "./m"\n  count  = 0\n  token  = var.pw\n}\n\n' +
    'module "f0" {\n  source   = "./m"\n  for_each = {}\n  token    = var.pw\n}\n\n' +
    'module "c2" {\n  source = "./m"\n  count  = 2\n  token  = var.pw\n}\n\n' +
    'output "whole_count" {\n  value = module.c0\n}\n\n' +
    'output "whole_for_each" {\n  value = module.f0\n}\n\n' +
    'output "for_count" {\n  value = [for m in module.c0 : m.eph]\n}\n\n' +
    'output "for_for_each" {\n  value = { for k, m in module.f0 : k => m.eph }\n}\n\n' +
    'output "length" {\n  value = length(module.c0)\n}\n\n' +
    'resource "terraform_data" "splat" {\n  input = module.c0[*].eph\n}\n\n' +
    'resource "terraform_data" "values" {\n  input = [for m in values(module.f0) : m.eph]\n}\n\n' +
    'resource "terraform_data" "two" {\n  input = [for m in module.c2 : m.eph]\n}\n';
  const { diagnostics, model } = evaluateFiles({ 'main.tf': main, 'm/main.tf': EPHEMERAL_CHILD });
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${d.span?.start.line}`),
    ['eval/ephemeral-value 54'],
  );
  const outputs = Object.fromEntries(model.outputs.filter((o) => o.module === '').map((o) => [o.name, o.value.value]));
  assert.deepEqual(outputs, { whole_count: [], whole_for_each: {}, for_count: [], for_for_each: {}, length: 0 });
  const byAddress = new Map(model.resources.map((r) => [r.address, r.attributes]));
  assert.deepEqual(byAddress.get('terraform_data.splat')?.get('input')?.value, []);
  assert.deepEqual(byAddress.get('terraform_data.values')?.get('input')?.value, []);
});

test('ephemeralasnull() of an ephemeral output read through a for over a called module\'s instances is null in each element; a plain output or an inner for\'s name is kept', () => {
  // terraform plan 1.11.4 (hashicorp/aws 5.100.0): list [null, null], map { a = null, b = null },
  // values [null, null], plain ["x", "x"], shadowed [["z"], ["z"]], output nulls [0, 1].
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'module "c" {\n  source   = "./m"\n  for_each = toset(["a", "b"])\n  token    = var.pw\n}\n\n' +
    'module "d" {\n  source = "./m"\n  count  = 2\n  token  = var.pw\n}\n\n' +
    'resource "terraform_data" "list" {\n  input = [for m in module.d : ephemeralasnull(m.eph)]\n}\n\n' +
    'resource "terraform_data" "map" {\n  input = { for k, m in module.c : k => ephemeralasnull(m.eph) }\n}\n\n' +
    'resource "terraform_data" "values" {\n  input = [for m in values(module.c) : ephemeralasnull(m.eph)]\n}\n\n' +
    'resource "terraform_data" "plain" {\n  input = [for m in module.d : ephemeralasnull(m.plain)]\n}\n\n' +
    'resource "terraform_data" "shadowed" {\n  input = [for m in module.d : [for m in ["z"] : ephemeralasnull(m)]]\n}\n\n' +
    'output "nulls" {\n  value = [for i, m in module.d : ephemeralasnull(m.eph) == null ? i : -1]\n}\n';
  const { diagnostics, model } = evaluateFiles({ 'main.tf': main, 'm/main.tf': EPHEMERAL_CHILD });
  assert.deepEqual(diagnostics, []);
  const input = (address: string): unknown => model.resources.find((r) => r.address === address)?.attributes.get('input')?.value;
  assert.deepEqual(input('terraform_data.list'), [null, null]);
  assert.deepEqual(input('terraform_data.map'), { a: null, b: null });
  assert.deepEqual(input('terraform_data.values'), [null, null]);
  assert.deepEqual(input('terraform_data.plain'), ['x', 'x']);
  assert.deepEqual(input('terraform_data.shadowed'), [['z'], ['z']]);
  assert.deepEqual(model.outputs.find((o) => o.name === 'nulls' && o.module === '')?.value.value, [0, 1]);
});

test('each.value of a for_each whose elements are ephemeral, in a stored argument or a module variable not declared ephemeral, is an error; each.key and a plain part of an element are not', () => {
  // terraform plan 1.11.4 (hashicorp/aws 5.100.0) refuses lines 14, 24, 34 ("Invalid use of ephemeral
  // value") and 40 ("Ephemeral value not allowed"); validate sees each.value unknown. It accepts the rest, a
  // key written twice keeping its last value.
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'variable "plain" {\n  type    = string\n  default = "plain"\n}\n\n' +
    'resource "terraform_data" "each_value" {\n  for_each = { a = var.pw }\n  input    = each.value\n}\n\n' +
    'resource "terraform_data" "each_key" {\n  for_each = { a = var.pw }\n  input    = each.key\n}\n\n' +
    'resource "aws_s3_bucket" "mixed" {\n  for_each = { a = var.pw, b = var.plain }\n  bucket   = each.value\n}\n\n' +
    'resource "aws_s3_bucket" "obj" {\n  for_each = local.objs\n  bucket   = each.value.name\n}\n\n' +
    'resource "aws_s3_bucket" "obj2" {\n  for_each = local.objs\n  bucket   = each.value["secret"]\n}\n\n' +
    'module "c" {\n  source   = "./m"\n  for_each = { a = var.pw }\n  plainvar = each.value\n}\n\n' +
    'locals {\n  objs = { a = { name = "x", secret = var.pw } }\n}\n\n' +
    'resource "terraform_data" "overridden" {\n  for_each = { a = var.pw, a = "x" }\n  input    = each.value\n}\n\n' +
    'resource "terraform_data" "filtered" {\n  for_each = { for k, v in { a = var.pw } : k => v if false }\n  input    = each.value\n}\n';
  const child = 'variable "plainvar" {\n  type    = string\n  default = "a"\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': main, 'm/main.tf': child });
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${d.span?.start.line} ${/^(\S+) gives (\S+)/.exec(d.message)?.slice(1).join(' ')}`),
    [
      'eval/ephemeral-value 14 terraform_data.each_value input',
      'eval/ephemeral-value 24 aws_s3_bucket.mixed bucket',
      'eval/ephemeral-value 34 aws_s3_bucket.obj2 bucket',
      'eval/ephemeral-value 40 module.c plainvar',
    ],
  );
});

test('a dynamic block\'s content reading an ephemeral element of its for_each is an error, through a named iterator, a local and an outer dynamic block or each.value; its key and plain parts are not', () => {
  // terraform validate 1.11.4 (hashicorp/aws 5.100.0) refuses the blocks of lines 15, 32, 60 (count = 0 too)
  // and 75 ("Invalid use of ephemeral value", said at the resource); plan, which sees each.value, also 110.
  // Both accept the blocks "plain" and "plain_nested".
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'resource "aws_security_group" "value" {\n  name = "a"\n  dynamic "ingress" {\n    for_each = [var.pw]\n    content {\n      from_port   = 443\n      to_port     = 443\n      protocol    = "tcp"\n      description = ingress.value\n    }\n  }\n}\n\n' +
    'locals {\n  rules = { a = { port = 443, desc = var.pw } }\n}\n\n' +
    'resource "aws_security_group" "attr" {\n  name = "b"\n  dynamic "ingress" {\n    for_each = local.rules\n    content {\n      from_port   = ingress.value.port\n      to_port     = 443\n      protocol    = "tcp"\n      description = ingress.value.desc\n    }\n  }\n}\n\n' +
    'resource "aws_security_group" "plain" {\n  name = "c"\n  dynamic "ingress" {\n    for_each = local.rules\n    iterator = r\n    content {\n      from_port   = r.value.port\n      to_port     = 443\n      protocol    = "tcp"\n      description = r.key\n    }\n  }\n}\n\n' +
    'resource "aws_security_group" "iterator" {\n  count = 0\n  dynamic "ingress" {\n    for_each = { x = var.pw, y = "plain" }\n    iterator = r\n    content {\n      from_port   = 443\n      to_port     = 443\n      protocol    = "tcp"\n      description = r.value\n    }\n  }\n}\n\n' +
    'resource "aws_s3_bucket_lifecycle_configuration" "nested" {\n  bucket = "b"\n  dynamic "rule" {\n    for_each = local.rules\n    content {\n      id     = rule.key\n      status = "Enabled"\n      dynamic "filter" {\n        for_each = [rule.value]\n        content {\n          prefix = filter.value.desc\n        }\n      }\n    }\n  }\n}\n\n' +
    'resource "aws_s3_bucket_lifecycle_configuration" "plain_nested" {\n  bucket = "c"\n  dynamic "rule" {\n    for_each = local.rules\n    content {\n      id     = rule.key\n      status = "Enabled"\n      filter {}\n      dynamic "expiration" {\n        for_each = [rule.value]\n        content {\n          days = expiration.value.port\n        }\n      }\n    }\n  }\n}\n\n' +
    'resource "aws_s3_bucket_lifecycle_configuration" "each" {\n  for_each = { a = { prefix = var.pw } }\n  bucket   = "d"\n  rule {\n    id     = "r"\n    status = "Enabled"\n    dynamic "filter" {\n      for_each = [each.value]\n      iterator = f\n      content {\n        prefix = f.value.prefix\n      }\n    }\n  }\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': main });
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${d.span?.start.line} ${/^(\S+) gives (\S+)/.exec(d.message)?.slice(1).join(' ')}`),
    [
      'eval/ephemeral-value 15 aws_security_group.value ingress.description',
      'eval/ephemeral-value 32 aws_security_group.attr ingress.description',
      'eval/ephemeral-value 60 aws_security_group.iterator ingress.description',
      'eval/ephemeral-value 75 aws_s3_bucket_lifecycle_configuration.nested rule.filter.prefix',
      'eval/ephemeral-value 110 aws_s3_bucket_lifecycle_configuration.each rule.filter.prefix',
    ],
  );
});

test('eval/ephemeral-value in a called module names the resource, ephemeral resource and module call by their full address', () => {
  // terraform validate 1.11.4 refuses p/main.tf:8, 13, 17 and 21, and says "with module.parent.terraform_data.t" of the resource.
  const parent =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n}\n\n' +
    'module "d" {\n  source   = "./m"\n  plainvar = var.pw\n}\n\n' +
    'module "e" {\n  source = "./m"\n  count  = length(var.pw)\n}\n\n' +
    'resource "terraform_data" "t" {\n  input = var.pw\n}\n\n' +
    'ephemeral "aws_secretsmanager_random_password" "gen" {\n  count = length(var.pw)\n}\n';
  const { diagnostics } = evaluateFiles({
    'main.tf': 'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\nmodule "parent" {\n  source = "./p"\n  pw     = var.pw\n}\n',
    'p/main.tf': parent,
    'p/m/main.tf': 'variable "plainvar" {\n  type    = string\n  default = "a"\n}\n',
  });
  assert.deepEqual(
    diagnostics.map((d) => `${d.span?.file}:${d.span?.start.line} ${/^(\S+) gives (\S+)/.exec(d.message)?.slice(1).join(' ')}`).sort(),
    [
      'p/main.tf:21 module.parent.ephemeral.aws_secretsmanager_random_password.gen count',
      'p/main.tf:17 module.parent.terraform_data.t input',
      'p/main.tf:8 module.parent.module.d plainvar',
      'p/main.tf:13 module.parent.module.e count',
    ].sort(),
  );
});

test('a for expression gives an ephemeral value where an element it surely has is one, or its condition reads one; one that may have no element (empty, filtered by if) gives a plain value', () => {
  // terraform validate 1.11.4 refuses lines 24, 28 and 32 ("Invalid use of ephemeral value"); validate and plan accept 12, 16 and 20.
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'locals {\n  objs = { a = { name = "x", secret = var.pw } }\n}\n\n' +
    'resource "terraform_data" "filtered_out" {\n  input = { for k, v in { a = 1 } : k => var.pw if false }\n}\n\n' +
    'resource "terraform_data" "empty" {\n  input = [for k in [] : var.pw]\n}\n\n' +
    'resource "terraform_data" "names" {\n  input = { for k, v in local.objs : k => v.name }\n}\n\n' +
    'resource "terraform_data" "secrets" {\n  input = { for k, v in local.objs : k => v.secret }\n}\n\n' +
    'resource "terraform_data" "element" {\n  input = [for x in [var.pw] : x]\n}\n\n' +
    'resource "terraform_data" "condition" {\n  input = [for x in [var.pw, "x"] : x if x == "x"]\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': main });
  assert.deepEqual(
    diagnostics.map((d) => `${d.span?.start.line} ${/^(\S+) gives (\S+)/.exec(d.message)?.slice(1).join(' ')}`),
    ['24 terraform_data.secrets input', '28 terraform_data.element input', '32 terraform_data.condition input'],
  );
});

test('try(), lookup(), element(), one() and a literal index give an ephemeral value where what they pick is written out; merge() and slice() may drop an ephemeral part', () => {
  // terraform validate 1.11.4 refuses lines 30, 34, 42, 46, 54, 58 and 74 ("Invalid count argument",
  // "Invalid use of ephemeral value"); plan also 18, 22, 26 (validate sees try() of a variable unknown).
  // Both accept 38, 50, 62, 66 and 70 (the ephemeral part is not picked, is set again, or is sliced off).
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'variable "n" {\n  type      = number\n  ephemeral = true\n  default   = 1\n}\n\n' +
    'locals {\n  n = var.n\n}\n\n' +
    'resource "terraform_data" "try_count" {\n  count = try(var.n, 1)\n}\n\n' +
    'resource "terraform_data" "try_local" {\n  count = try(local.n, 1)\n}\n\n' +
    'resource "terraform_data" "try_stored" {\n  input = try(var.pw, "x")\n}\n\n' +
    'resource "terraform_data" "lookup_count" {\n  count = lookup({ a = var.n }, "a")\n}\n\n' +
    'resource "terraform_data" "lookup_stored" {\n  input = lookup({ a = var.pw }, "a")\n}\n\n' +
    'resource "terraform_data" "lookup_plain" {\n  input = lookup({ a = var.pw, b = "x" }, "b")\n}\n\n' +
    'resource "terraform_data" "lookup_default" {\n  input = lookup({ b = "x" }, "a", var.pw)\n}\n\n' +
    'resource "terraform_data" "element_count" {\n  count = element([1, var.n], 1)\n}\n\n' +
    'resource "terraform_data" "element_plain" {\n  count = element([1, var.n], 0)\n}\n\n' +
    'resource "terraform_data" "one_count" {\n  count = one([var.n])\n}\n\n' +
    'resource "terraform_data" "index_stored" {\n  input = { a = var.pw, b = "x" }["a"]\n}\n\n' +
    'resource "terraform_data" "index_plain" {\n  input = { a = var.pw, b = "x" }["b"]\n}\n\n' +
    'resource "terraform_data" "merged" {\n  input = merge({ a = var.pw }, { a = "x" })\n}\n\n' +
    'resource "terraform_data" "sliced" {\n  input = slice([var.pw, "x"], 1, 2)\n}\n\n' +
    'resource "terraform_data" "merged_kept" {\n  input = merge({ a = var.pw }, { b = "x" })\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': main });
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span?.start.line} ${/^(\S+) gives (\S+)/.exec(d.message)?.slice(1).join(' ')}`),
    [
      '18 terraform_data.try_count count',
      '22 terraform_data.try_local count',
      '26 terraform_data.try_stored input',
      '30 terraform_data.lookup_count count',
      '34 terraform_data.lookup_stored input',
      '42 terraform_data.lookup_default input',
      '46 terraform_data.element_count count',
      '54 terraform_data.one_count count',
      '58 terraform_data.index_stored input',
      '74 terraform_data.merged_kept input',
    ],
  );
});

test('a %{ for } directive marks its template as Terraform renders it: by its body for each element of the collection, its name bound to the element', () => {
  // terraform plan 1.11.4 (hashicorp/aws 5.100.0) refuses lines 18, 22 and 38 ("Invalid use of ephemeral
  // value") and the outputs at 45, 49, 65 and 69 ("Output refers to sensitive values"); it accepts an
  // empty collection, an element the body does not read, and the key of an ephemeral or sensitive value.
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'variable "sec" {\n  type      = string\n  sensitive = true\n  default   = "example"\n}\n\n' +
    'locals {\n  secs = ["a", var.sec]\n}\n\n' +
    'resource "terraform_data" "body" {\n  input = "%{ for x in ["a"] }${var.pw}%{ endfor }"\n}\n\n' +
    'resource "terraform_data" "element" {\n  input = "%{ for x in [var.pw] }${x}%{ endfor }"\n}\n\n' +
    'resource "terraform_data" "empty" {\n  input = "%{ for x in [] }${var.pw}%{ endfor }"\n}\n\n' +
    'resource "terraform_data" "unused" {\n  input = "%{ for x in [var.pw] }y%{ endfor }"\n}\n\n' +
    'resource "terraform_data" "key" {\n  input = "%{ for k, v in { a = var.pw } }${k}%{ endfor }"\n}\n\n' +
    'resource "terraform_data" "value" {\n  input = <<-EOT\n    %{~ for k, v in { a = var.pw } ~}\n    ${v}\n    %{~ endfor ~}\n  EOT\n}\n\n' +
    'output "s_body" {\n  value = "%{ for x in ["a"] }${var.sec}%{ endfor }"\n}\n\n' +
    'output "s_element" {\n  value = "%{ for x in [var.sec] }${x}%{ endfor }"\n}\n\n' +
    'output "s_empty" {\n  value = "%{ for x in [] }${var.sec}%{ endfor }"\n}\n\n' +
    'output "s_unused" {\n  value = "%{ for x in [var.sec] }y%{ endfor }"\n}\n\n' +
    'output "s_key" {\n  value = "%{ for k, v in { a = var.sec } }${k}%{ endfor }"\n}\n\n' +
    'output "s_local" {\n  value = "%{ for x in local.secs }${x}%{ endfor }"\n}\n\n' +
    'output "s_if" {\n  value = "%{ for x in local.secs }%{ if x == "a" }y%{ endif }%{ endfor }"\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': main });
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${d.span?.start.line}`),
    ['eval/ephemeral-value 18', 'eval/ephemeral-value 22', 'eval/ephemeral-value 38', 'eval/sensitive-output 45', 'eval/sensitive-output 49', 'eval/sensitive-output 65', 'eval/sensitive-output 69'],
  );
});

/**
 * `%{ for }` collections not written out, with whether terraform plan 1.11.4 refuses a body reading
 * an ephemeral value (a stored argument) and a sensitive one (a root output): a variable's default, a
 * local a function computes, a module's output, a local of two elements unknown at plan, and one
 * unknown at plan (plan accepts it; apply too, as it turns out empty).
 */
const FOR_COLLECTIONS: readonly { readonly name: string; readonly collection: string; readonly refused: boolean }[] = [
  { name: 'var_empty', collection: 'var.empty', refused: false },
  { name: 'var_one', collection: 'var.one', refused: true },
  { name: 'local_none', collection: 'local.none', refused: false },
  { name: 'local_some', collection: 'local.some', refused: true },
  { name: 'output_none', collection: 'module.none.names', refused: false },
  { name: 'output_one', collection: 'module.one.names', refused: true },
  { name: 'partial', collection: 'local.ids', refused: true },
  { name: 'unknown', collection: 'terraform_data.u.output == "q" ? [] : ["a"]', refused: false },
];

/** A module storing and returning a %{ for } over its variable `names`. */
const FOR_CHILD =
  'variable "names" {\n  type = list(string)\n}\n\n' +
  'variable "pw" {\n  type      = string\n  ephemeral = true\n}\n\n' +
  'variable "sec" {\n  type      = string\n  sensitive = true\n}\n\n' +
  'resource "terraform_data" "t" {\n  input = "%{ for x in var.names }${var.pw}%{ endfor }"\n}\n\n' +
  'output "o" {\n  value = "%{ for x in var.names }${var.sec}%{ endfor }"\n}\n\n' +
  'output "names" {\n  value = var.names\n}\n';

test('a %{ for } over a collection not written out reads its body once per element of the value the evaluation knows: an empty one marks nothing; of one unknown at plan no mark is certain', () => {
  // terraform plan 1.11.4 (hashicorp/aws 5.100.0) refuses exactly these: each case marked refused, twice,
  // module.one's terraform_data.t and the output s_from_one; it accepts s_nested, e_nested and s_element.
  const main =
    'variable "pw" {\n  type      = string\n  ephemeral = true\n  default   = "example"\n}\n\n' +
    'variable "sec" {\n  type      = string\n  sensitive = true\n  default   = "example"\n}\n\n' +
    'variable "empty" {\n  type    = list(string)\n  default = []\n}\n\n' +
    'variable "one" {\n  type    = list(string)\n  default = ["a"]\n}\n\n' +
    'variable "nested" {\n  type    = list(list(string))\n  default = [[], []]\n}\n\n' +
    'locals {\n  none = [for x in ["a"] : x if false]\n  some = concat(["a"], [])\n  ids  = [for i in range(2) : terraform_data.u.output]\n}\n\n' +
    'resource "terraform_data" "u" {\n  input = "q"\n}\n\n' +
    'module "none" {\n  source = "./m"\n  names  = []\n  pw     = var.pw\n  sec    = var.sec\n}\n\n' +
    'module "one" {\n  source = "./m"\n  names  = ["a"]\n  pw     = var.pw\n  sec    = var.sec\n}\n\n' +
    FOR_COLLECTIONS.map(({ name, collection }) =>
      `resource "terraform_data" "e_${name}" {\n  input = "%{ for x in ${collection} }\${var.pw}%{ endfor }"\n}\n\n` +
      `output "s_${name}" {\n  value = "%{ for x in ${collection} }\${var.sec}%{ endfor }"\n}\n\n`).join('') +
    // Each element of a nested empty list is empty; an element itself is plain; a module instance's own value.
    'resource "terraform_data" "e_nested" {\n  input = "%{ for x in var.nested }%{ for y in x }${var.pw}%{ endfor }%{ endfor }"\n}\n\n' +
    'output "s_nested" {\n  value = "%{ for x in var.nested }%{ for y in x }${var.sec}%{ endfor }%{ endfor }"\n}\n\n' +
    'output "s_element" {\n  value = "%{ for k, x in var.one }${k}${x}%{ endfor }"\n}\n\n' +
    'output "s_from_none" {\n  value = module.none.o\n}\n\n' +
    'output "s_from_one" {\n  value = module.one.o\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': main, 'm/main.tf': FOR_CHILD });
  const refused = FOR_COLLECTIONS.filter((c) => c.refused).flatMap(({ name }) => [`eval/ephemeral-value terraform_data.e_${name}`, `eval/sensitive-output output "s_${name}"`]);
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${/^(output "[^"]+"|\S+)/.exec(d.message)?.[1]}`).sort(),
    [...refused, 'eval/ephemeral-value module.one.terraform_data.t', 'eval/sensitive-output output "s_from_one"'].sort(),
  );
});
