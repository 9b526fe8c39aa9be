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

const backend = (type: string, body: string): string => `terraform {\n  backend "${type}" {\n${body}  }\n}\n`;

// terraform init 1.11.4 decodes each setting of these (and fails only later, without credentials or
// network): every name cos and oss take, their assume_role blocks too.
test('every setting of cos and oss is accepted as terraform init 1.11.4 accepts it', () => {
  const cos = '    secret_id = "x"\n    secret_key = "y"\n    security_token = "t"\n    region = "ap-guangzhou"\n    bucket = "b-1258798060"\n    prefix = "p"\n    key = "k"\n    encrypt = true\n    acl = "private"\n    accelerate = false\n    domain = "d"\n    endpoint = "e"\n    profile = "p"\n    shared_credentials_dir = 1\n    cam_role_name = "r"\n    assume_role {\n      role_arn = "qcs::cam::uin/1:roleName/r"\n      session_name = "s"\n      session_duration = 3600\n      policy = "{}"\n      external_id = "ex"\n    }\n';
  const oss = '    access_key = "x"\n    secret_key = "y"\n    security_token = "t"\n    ecs_role_name = "r"\n    region = "cn-beijing"\n    sts_endpoint = "s"\n    tablestore_endpoint = "t"\n    endpoint = "e"\n    bucket = "b"\n    prefix = "p"\n    key = "k"\n    tablestore_table = "t"\n    encrypt = true\n    acl = "private"\n    shared_credentials_file = "/tmp/c"\n    profile = "p"\n    assume_role_role_arn = "a"\n    assume_role_session_name = "s"\n    assume_role_policy = "{}"\n    assume_role_session_expiration = 3600\n    assume_role {\n      role_arn = "acs:ram::1:role/r"\n      session_name = "s"\n      policy = "{}"\n      session_expiration = 3600\n    }\n';
  assert.deepEqual(errorsOf({ 'cos/main.tf': backend('cos', cos), 'oss/main.tf': backend('oss', oss) }), []);
});

// terraform init 1.11.4: 'Unsupported argument: An argument named "tags" is not expected here.' at the
// name (in the assume_role block too), 'Inappropriate value for attribute "accelerate": a bool is
// required.' and '... "session_expiration": a number is required.' at the value, and of oss's
// `assume_role = { ... }`: 'An argument named "assume_role" is not expected here. Did you mean to
// define a block of type "assume_role"?'.
test('a setting cos or oss has not, or of the wrong type, is refused as terraform init 1.11.4 refuses it', () => {
  const cos = '    bucket = "b-1258798060"\n    tags = {}\n    accelerate = "x"\n    assume_role {\n      role_arn = "r"\n      session_duration = "x"\n      bogus = 1\n    }\n';
  const oss = '    bucket = "b"\n    sts_region = "x"\n    encrypt = "x"\n    assume_role = {\n      role_arn = "a"\n    }\n';
  const ossBlock = '    bucket = "b"\n    assume_role {\n      role_arn = "acs:ram::1:role/r"\n      session_expiration = "x"\n      external_id = "e"\n    }\n';
  assert.deepEqual(errorsOf({ 'cos/main.tf': backend('cos', cos), 'oss/main.tf': backend('oss', oss), 'oss2/main.tf': backend('oss', ossBlock) }).sort(), [
    'config/argument cos/main.tf:4:5', 'config/argument cos/main.tf:5:18', 'config/argument cos/main.tf:8:26', 'config/argument cos/main.tf:9:7',
    'config/argument oss/main.tf:4:5', 'config/argument oss/main.tf:5:15', 'config/argument oss/main.tf:6:5',
    'config/argument oss2/main.tf:6:28', 'config/argument oss2/main.tf:7:7',
  ]);
});

// terraform init 1.11.4 counts only the assert blocks it decodes: "Zero assert blocks" (at the check
// block) also of a check whose one assert lacks error_message, has an argument or a block it does not
// take, or a condition that refers to nothing; not where another assert decodes.
test('a check block none of whose asserts decode is refused for having none, as terraform init 1.11.4 refuses it', () => {
  const check = (asserts: string): Record<string, string> => ({ 'main.tf': `resource "terraform_data" "r" {}\ncheck "c" {\n${asserts}}\n` });
  const good = '  assert {\n    condition     = terraform_data.r.output == null\n    error_message = "x"\n  }\n';
  assert.deepEqual(errorsOf(check('  assert {\n    condition = terraform_data.r.output == null\n  }\n')), ['config/condition main.tf:2:1', 'config/argument main.tf:3:3']);
  assert.deepEqual(errorsOf(check(good.replace('  }\n', '    bogus         = 1\n  }\n'))), ['config/condition main.tf:2:1', 'config/argument main.tf:6:5']);
  assert.deepEqual(errorsOf(check(good.replace('  }\n', '    foo {}\n  }\n'))), ['config/condition main.tf:2:1', 'config/block main.tf:6:5']);
  assert.deepEqual(errorsOf(check('  assert {\n    condition     = true\n    error_message = "x"\n  }\n')), ['config/condition main.tf:2:1', 'config/condition main.tf:4:21']);
  assert.deepEqual(errorsOf(check(`  assert {\n    condition     = true\n    error_message = "x"\n  }\n${good}`)), ['config/condition main.tf:4:21']);
  assert.deepEqual(errorsOf(check(good)), []);
});

// The same over a module call's instances: terraform plan 1.11.4 refuses `{ for k, m in module.m : k
// => m.out if k != "" }` where every instance's out holds a sensitive value its caller gives, and
// accepts it where no instance passes the condition, or where only an instance whose out is plain does.
test('an output whose for with a condition lets a module instance\'s marked output through is refused as terraform plan 1.11.4 refuses it', () => {
  const child = 'variable "x" {\n  default = "d"\n}\noutput "out" {\n  value = var.x\n}\n';
  const root = (forEach: string, x: string, cond: string): Record<string, string> => ({
    'main.tf': `variable "pw" {\n  sensitive = true\n  default   = "p"\n}\nmodule "m" {\n  source   = "./c"\n  for_each = ${forEach}\n  x        = ${x}\n}\noutput "o" {\n  value = { for k, m in module.m : k => m.out if ${cond} }\n}\n`,
    'c/main.tf': child,
  });
  assert.deepEqual(errorsOf(root('{ a = "1" }', 'var.pw', 'k != ""')), ['eval/sensitive-output main.tf:10:8']);
  assert.deepEqual(errorsOf(root('{ a = "1" }', 'var.pw', 'k == "zz"')), []);
  assert.deepEqual(errorsOf(root('{ a = "1", b = "2" }', 'lookup({ a = var.pw }, each.key, "plain")', 'k == "b"')), []);
});
