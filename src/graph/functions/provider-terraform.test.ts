// provider::terraform::encode_expr, encode_tfvars and decode_tfvars against what terraform console
// 1.11.4 printed for the same expressions (in a module requiring terraform.io/builtin/terraform).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles, valueOf } from '../testing-helpers.js';
import { isUnknown } from '../../model/value.js';

const EXPR = 'provider::terraform::encode_expr';
const TFVARS = 'provider::terraform::encode_tfvars';
const DECODE = 'provider::terraform::decode_tfvars';
const DECLARED = 'terraform {\n  required_providers {\n    terraform = { source = "terraform.io/builtin/terraform" }\n  }\n}\n';

const encoded: [string, string][] = [
  // One space after commas, none inside brackets; an object's attributes one a line, `=` aligned over
  // consecutive lines that hold a whole value, keys that are no identifier quoted; the line after one
  // that opens two brackets (`[1, {`) is indented once, and the `}` that closes one of them with it.
  [
    `${EXPR}([1, 1.5, -2, 1e20, 0.1, "a", true, null, {a=1, "b c"=2, bbbbb={x=[]}}, [], {}, tolist([]), toset(["b","a"]), tomap({z=1,a=2})])`,
    '[1, 1.5, -2, 100000000000000000000, 0.1, "a", true, null, {\n  a     = 1\n  "b c" = 2\n  bbbbb = {\n    x = []\n  }\n  }, [], {}, [], ["a", "b"], {\n  a = 2\n  z = 1\n}]',
  ],
  [`${EXPR}({a=1, bbbbb=2, c={x=1, yyy=[1,{z=2}]}})`, '{\n  a     = 1\n  bbbbb = 2\n  c = {\n    x = 1\n    yyy = [1, {\n      z = 2\n    }]\n  }\n}'],
  // Escapes, `${` and `%{` doubled (a lone `$` or `%` is not), no heredoc for a newline.
  [`${EXPR}("a\\"b\\\\c\\nd\\te\\u0001 $\${x} %%{y} $x %y é 😀 \\r")`, '"a\\"b\\\\c\\nd\\te\\u0001 $${x} %%{y} $x %y é 😀 \\r"'],
  [`${EXPR}("$\${$\${%%{ $ % $$ %%")`, '"$${$${%%{ $ % $$ %%"'],
  // Go's unicode.IsPrint: other spaces and format characters are escaped, marks and emoji are not
  // (and "e\u0301" is one character, "\u00e9", as every string is in NFC).
  [`${EXPR}("\\u00a0\\u00ad\\u200b\\ufeff\\u2028\\U000e0001\\u0301e\\u0301 👍🏽 🇫🇷")`, '"\\u00a0\\u00ad\\u200b\\ufeff\\u2028\\U000e0001\u0301\u00e9 👍🏽 🇫🇷"'],
  // Identifiers may hold dashes and be keywords; alignment counts what a reader sees as one character
  // (the quoted emoji with its skin tone is three columns).
  [`${EXPR}({"é"=1, "éé"=2, ab=3, "a-b"=4, "1a"=5, "_x"=6, "for"=7, "null"=8, "true"=9, ""=10})`, '{\n  ""   = 10\n  "1a" = 5\n  _x   = 6\n  a-b  = 4\n  ab   = 3\n  for  = 7\n  null = 8\n  true = 9\n  é    = 1\n  éé   = 2\n}'],
  [`${EXPR}({"e\\u0301"=1, "👍🏽"=2, abc=3})`, '{\n  abc = 3\n  é   = 1\n  "👍🏽" = 2\n}'],
  [`${EXPR}([1e21, 1e-7, 0.30000000000000004, -0.0, tonumber("inf")])`, '[1000000000000000000000, 0.0000001, 0.30000000000000004, -0, +Inf]'],
  [`${EXPR}([[[1]], [{}], [{a=[{b={}}]}], {a=[[{}]]}])`, '[[[1]], [{}], [{\n  a = [{\n    b = {}\n  }]\n  }], {\n  a = [[{}]]\n}]'],
  [`${EXPR}({x=[[{a=1, bb=[{c=1}]}, {d=2}], [3]], yy={}})`, '{\n  x = [[{\n    a = 1\n    bb = [{\n      c = 1\n    }]\n    }, {\n    d = 2\n  }], [3]]\n  yy = {}\n}'],
  [`${EXPR}([for i in range(2): {k = i, "long key" = "v\${i}"}])`, '[{\n  k          = 0\n  "long key" = "v0"\n  }, {\n  k          = 1\n  "long key" = "v1"\n}]'],
  [`${EXPR}({})`, '{}'],
  [`${EXPR}("")`, '""'],
  [`${EXPR}(true)`, 'true'],
  // A .tfvars text: the same formatting over the whole file, names sorted, a final newline.
  [`${TFVARS}({a=1, bbbbb=2, c={x=1, yyy=[1,{z=2}]}})`, 'a     = 1\nbbbbb = 2\nc = {\n  x = 1\n  yyy = [1, {\n    z = 2\n  }]\n}\n'],
  [`${TFVARS}({a=1, b={x=1}, ccc=2, dd=3, "é"=1, e=["x", -1, 1.25, {"a b"="q", "éé"=null}]})`, 'a = 1\nb = {\n  x = 1\n}\nccc = 2\ndd  = 3\ne = ["x", -1, 1.25, {\n  "a b" = "q"\n  éé    = null\n}]\né = 1\n'],
  [`${TFVARS}({a={b={c={d=[1,{e=2}]}}}, z=[]})`, 'a = {\n  b = {\n    c = {\n      d = [1, {\n        e = 2\n      }]\n    }\n  }\n}\nz = []\n'],
  [`${TFVARS}(tomap({b=1,a=2}))`, 'a = 2\nb = 1\n'],
  [`${TFVARS}({})`, ''],
];

test('encode_expr and encode_tfvars write what Terraform writes', () => {
  for (const [expr, expected] of encoded) assert.equal(valueOf(expr), expected, expr);
});

test('decode_tfvars reads constants as Terraform reads a variables file', () => {
  assert.deepEqual(valueOf(`${DECODE}("a = 1\\nb = \\"x\\"\\nc = [1, \\"two\\", {d = true}]\\ne = {f = null, \\"g h\\" = 1.5}\\n")`), { a: 1, b: 'x', c: [1, 'two', { d: true }], e: { f: null, 'g h': 1.5 } });
  // Operators, templates of constants, for expressions, heredocs, indexes and splats of constants.
  assert.deepEqual(valueOf(`${DECODE}("a = 1 + 2\\nb = \\"$\${1}x\\"\\nc = true ? 1 : 2\\nd = [for x in [1,2]: x * 2]\\ne = <<EOT\\nhi\\nEOT\\n")`), { a: 3, b: '1x', c: 1, d: [2, 4], e: 'hi\n' });
  assert.deepEqual(valueOf(`${DECODE}("a = {for k, v in {x = 1, y = 2}: v => k}\\nb = [1, 2][1]\\nc = {p = 1}.p\\nd = [{a = 1}, {a = 2}][*].a")`), { a: { 1: 'x', 2: 'y' }, b: 2, c: 1, d: [1, 2] });
  assert.deepEqual(valueOf(`${DECODE}("")`), {});
  assert.deepEqual(valueOf(`${DECODE}("# only a comment\\n")`), {});
  assert.deepEqual(valueOf(`${DECODE}("z = 1\\nA = 2\\nb = 3")`), { A: 2, b: 3, z: 1 });
  // What encode_tfvars writes, decode_tfvars reads back.
  assert.deepEqual(valueOf(`${DECODE}(${TFVARS}({a = 1, b = ["x", {c = null}], d = "q\\"\\n$\${x}"}))`), { a: 1, b: ['x', { c: null }], d: 'q"\n${x}' });
});

/** The messages of the error diagnostics of an output holding `expr`. */
function errorsOf(expr: string): string[] {
  // Declared as Terraform requires for a provider's functions (an undeclared one is refused: validate-differential.test.ts).
  const { diagnostics } = evaluateFiles({ 'main.tf': `${DECLARED}output "o" {\n  value = ${expr}\n}\n` });
  return diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
}

const refused: [string, RegExp][] = [
  [`${TFVARS}({"b c"=1})`, /invalid variable name "b c": must be a valid identifier, per Terraform's rules for input variable declarations/],
  [`${TFVARS}("x")`, /invalid value to encode: must be an object whose attribute names will become the encoded variable names/],
  [`${TFVARS}([1])`, /invalid value to encode: must be an object/],
  [`${TFVARS}(null)`, /Invalid value for "value" parameter: argument must not be null/],
  [`${EXPR}(null)`, /Invalid value for "value" parameter: argument must not be null/],
  [`${DECODE}(null)`, /Invalid value for "src" parameter: argument must not be null/],
  [`${DECODE}("a = var.x")`, /invalid expression for variable "a": <decode_tfvars argument>:1,5-8: Variables not allowed; Variables may not be used here\./],
  [`${DECODE}("a = x")`, /invalid expression for variable "a": <decode_tfvars argument>:1,5-6: Variables not allowed/],
  [`${DECODE}("a = upper(\\"x\\")")`, /invalid expression for variable "a": <decode_tfvars argument>:1,5-15: Function calls not allowed; Functions may not be called here\./],
  [`${DECODE}("a = try(1, 2)")`, /<decode_tfvars argument>:1,5-14: Function calls not allowed/],
  [`${DECODE}("a = tolist([1])")`, /Function calls not allowed/],
  [`${DECODE}("b {}")`, /invalid tfvars content: <decode_tfvars argument>:1,1-2: Unexpected "b" block; Blocks are not allowed here\./],
  // Syntax errors: Terraform's prefix and place, the parser's own words after them.
  [`${DECODE}("a = 1\\na = 2")`, /invalid tfvars syntax: <decode_tfvars argument>:2,1-2: The argument "a" was already set/],
  [`${DECODE}("a = ")`, /invalid tfvars syntax: <decode_tfvars argument>:1,5-5: /],
  [`${DECODE}(1)`, /invalid tfvars syntax: <decode_tfvars argument>:1,1-2: /],
];

test('the arguments Terraform refuses are refused, in its words', () => {
  for (const [expr, expected] of refused) {
    const errors = errorsOf(expr);
    assert.equal(errors.length, 1, `${expr}: ${errors.join(' | ')}`);
    assert.match(errors[0]!, expected, expr);
  }
});

test('a refused decode_tfvars is an ordinary function failure: try() catches it (terraform console 1.11.4)', () => {
  assert.equal(valueOf(`try(${DECODE}("a = x"), "caught")`), 'caught');
  assert.equal(valueOf(`try(${DECODE}("a = upper(\\"x\\")"), "caught")`), 'caught');
});

test('an unknown anywhere in the argument makes the result unknown, as Terraform has it', () => {
  const preamble = 'resource "aws_s3_bucket" "b" {}\n';
  for (const expr of [`${EXPR}({ a = [aws_s3_bucket.b.id] })`, `${TFVARS}({ a = aws_s3_bucket.b.arn })`, `${DECODE}(aws_s3_bucket.b.id)`]) {
    assert.ok(isUnknown(valueOf(expr, preamble)), expr);
  }
});

test('a sensitive argument keeps its mark on the result (terraform console shows "(sensitive value)")', () => {
  const { model } = evaluateFiles({ 'main.tf': `output "o" {\n  value     = ${EXPR}({ a = sensitive("x") })\n  sensitive = true\n}\n` });
  assert.equal(model.outputs.find((o) => o.name === 'o')?.value.sensitive, true);
});

test('a module using the built-in provider functions gets no "not evaluated" diagnostic', () => {
  const { diagnostics } = evaluateFiles({
    'main.tf':
      'terraform {\n  required_providers {\n    terraform = { source = "terraform.io/builtin/terraform" }\n  }\n}\n' +
      `locals {\n  v = ${DECODE}("region = \\"us-east-1\\"")\n}\n` +
      `output "a" {\n  value = ${EXPR}(local.v)\n}\noutput "b" {\n  value = ${TFVARS}(local.v)\n}\n`,
  });
  assert.deepEqual(diagnostics.filter((d) => d.code.startsWith('eval/')), []);
});
