// Focused tests of the tree shape, offsets, comments and error recovery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHcl, type Attribute, type Expression } from './index.js';
import { toCanonical } from './canonical.js';

function attr(src: string, name = 'a'): Attribute {
  const { file, diagnostics } = parseHcl(src, 'm.tf');
  assert.deepEqual(diagnostics, [], `unexpected diagnostics for ${JSON.stringify(src)}`);
  const a = file.body.attributes.find((x) => x.name === name);
  assert.ok(a, `attribute ${name}`);
  return a;
}
const exprOf = (src: string): Expression => attr(`a = ${src}\n`).expr;

test('attributes and blocks carry UTF-16 offsets and ranges', () => {
  const src = 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n';
  const { file } = parseHcl(src, 'main.tf');
  const b = file.body.blocks[0]!;
  assert.equal(b.type, 'resource');
  assert.deepEqual(b.labels.map((l) => [l.value, l.quoted, src.slice(l.start, l.end)]), [
    ['aws_s3_bucket', true, '"aws_s3_bucket"'],
    ['b', true, '"b"'],
  ]);
  assert.equal(src.slice(b.start, b.end), src.trimEnd());
  assert.equal(src.slice(b.openBrace.start, b.openBrace.end), '{');
  assert.equal(src.slice(b.closeBrace.start, b.closeBrace.end), '}');
  const a = b.body.attributes[0]!;
  assert.equal(src.slice(a.start, a.end), 'bucket = "x"');
  assert.equal(src.slice(a.nameRange.start, a.nameRange.end), 'bucket');
  assert.equal(src.slice(a.expr.start, a.expr.end), '"x"');
});

test('offsets are UTF-16 indexes; canonical ranges are UTF-8 bytes', () => {
  const src = 'é = "😀"\nb = 1\n';
  const { file } = parseHcl(src, 'u.tf');
  const b = file.body.attributes[1]!;
  assert.equal(src.slice(b.start, b.end), 'b = 1');
  const canon = toCanonical(file, 0) as { body: { attributes: { range: number[] }[] } };
  assert.deepEqual(canon.body.attributes[1]!.range, [Buffer.byteLength('é = "😀"\n'), Buffer.byteLength('é = "😀"\nb = 1')]);
});

test('expression shapes follow hclsyntax', () => {
  const bin = exprOf('1 + 2 * 3');
  assert.equal(bin.type, 'binary');
  assert.ok(bin.type === 'binary' && bin.op === '+' && bin.right.type === 'binary' && bin.right.op === '*');
  const t = exprOf('var.list[0].name');
  assert.ok(t.type === 'traversal');
  assert.deepEqual(t.steps.map((s) => (s.kind === 'attr' ? s.name : s.key)), ['list', 0, 'name']);
  const legacy = exprOf('var.list.0.name');
  assert.ok(legacy.type === 'traversal' && legacy.steps[1]!.kind === 'index' && legacy.steps[1]!.key === 0);
  const idx = exprOf('local.m[var.k]');
  assert.ok(idx.type === 'index' && idx.collection.type === 'traversal' && idx.key.type === 'traversal');
  const splat = exprOf('aws_instance.web[*].id');
  assert.ok(splat.type === 'splat' && !splat.legacy && splat.each.type === 'relativeTraversal');
  const legacySplat = exprOf('aws_instance.web.*.id');
  assert.ok(legacySplat.type === 'splat' && legacySplat.legacy);
  const call = exprOf('max(var.list...)');
  assert.ok(call.type === 'call' && call.name === 'max' && call.expandFinal && call.args.length === 1);
  const forObj = exprOf('{ for k, v in var.m : k => v... if v != null }');
  assert.ok(forObj.type === 'for' && forObj.keyVar === 'k' && forObj.valueVar === 'v' && forObj.group && forObj.cond && forObj.keyExpr);
  const cond = exprOf('var.a ? 1 : 2');
  assert.equal(cond.type, 'conditional');
  const obj = exprOf('{ name = 1, (var.k) = 2, "q" : 3 }');
  assert.ok(obj.type === 'object');
  assert.deepEqual(obj.items.map((i) => [i.key.type, i.bareKey]), [
    ['traversal', true],
    ['parens', false],
    ['template', false],
  ]);
});

test('templates: escapes decoded, strip markers and heredoc flush applied', () => {
  const s = exprOf('"a\\tb $${x} %%{y} \\u00e9"');
  assert.ok(s.type === 'template');
  assert.deepEqual(s.parts.map((p) => (p.kind === 'literal' ? p.value : p.kind)), ['a\tb ${x} %{y} é']);
  const strip = exprOf('"x  ${~ 1 ~}  y"');
  assert.ok(strip.type === 'template');
  assert.deepEqual(strip.parts.map((p) => (p.kind === 'literal' ? p.value : p.kind)), ['x', 'interpolation', 'y']);
  const h = attr('a = <<-EOT\n    one\n      two\n    EOT\n').expr;
  assert.ok(h.type === 'template' && h.heredoc?.flush === true && h.heredoc.marker === 'EOT');
  assert.deepEqual(h.parts.map((p) => (p.kind === 'literal' ? p.value : p.kind)), ['one\n  two\n']);
  const d = exprOf('"%{ if var.x }yes%{ else }no%{ endif }"');
  assert.ok(d.type === 'template' && d.parts[0]!.kind === 'if');
});

test("each literal decodes only its own escapes: a backslash in a later string or a comment is not this one's", () => {
  const literals = (src: string): string[] => {
    const { file, diagnostics } = parseHcl(src, 'm.tf');
    assert.deepEqual(diagnostics, []);
    return file.body.attributes.map((a) => (a.expr.type === 'template' && a.expr.parts[0]?.kind === 'literal' ? a.expr.parts[0].value : '?'));
  };
  assert.deepEqual(literals('a = "plain"\n# C:\\path\nb = "tab\\there"\nc = "end\\\\"\nd = "x"\n'), ['plain', 'tab\there', 'end\\', 'x']);
  assert.deepEqual(literals('a = "\\n"\nb = "no escape"\n'), ['\n', 'no escape']);
});

test('provider-defined functions parse, with a compat note', () => {
  const { file, diagnostics } = parseHcl('a = provider::aws::arn_parse("x")\n', 'p.tf');
  const e = file.body.attributes[0]!.expr;
  assert.ok(e.type === 'call' && e.name === 'provider::aws::arn_parse');
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]!.severity, 'info');
  assert.equal(diagnostics[0]!.code, 'parse/hcl-compat');
});

test('comments are collected and attached', () => {
  const src = '# lead 1\n// lead 2\na = 1 # trailing\n\n/* not attached: blank line */\n\nb {\n} // after block\nc = 2\n';
  const { file } = parseHcl(src, 'c.tf');
  assert.deepEqual(file.comments.map((c) => c.style), ['#', '//', '#', '/*', '//']);
  assert.equal(file.comments[0]!.text, '# lead 1');
  const [a, c] = file.body.attributes;
  assert.deepEqual(a!.leadingComments.map((x) => x.text), ['# lead 1', '// lead 2']);
  assert.equal(a!.trailingComment?.text, '# trailing');
  assert.deepEqual(c!.leadingComments, []);
  const b = file.body.blocks[0]!;
  assert.deepEqual(b.leadingComments, []);
  assert.equal(b.trailingComment?.text, '// after block');
});

test('errors are diagnostics with positions; parsing recovers at the next item', () => {
  const src = 'a = 1\nb {\n  c = [1 2]\n  d = 3\n}\ne = "ok"\n';
  const { file, diagnostics } = parseHcl(src, 'e.tf');
  assert.equal(diagnostics.length, 1);
  const d = diagnostics[0]!;
  assert.equal(d.code, 'parse/hcl');
  assert.equal(d.severity, 'error');
  assert.equal(d.span?.file, 'e.tf');
  assert.deepEqual([d.span?.start.line, d.span?.start.column], [3, 10]);
  assert.match(d.message, /expected `,` or `]`/i);
  assert.deepEqual(file.body.attributes.map((x) => x.name), ['a', 'e']);
  assert.deepEqual(file.body.blocks[0]!.body.attributes.map((x) => x.name), ['c', 'd']); // c keeps its partial value
});

test('an unclosed block names where it was opened', () => {
  const { diagnostics } = parseHcl('a = 1\nresource "x" "y" {\n  b = 2\n', 'u.tf');
  assert.equal(diagnostics.length, 1);
  assert.match(diagnostics[0]!.message, /expected `}` to close the block opened at 2:18/i);
});

test('a repeated attribute is an error and the first wins', () => {
  const { file, diagnostics } = parseHcl('a = 1\na = 2\n', 'd.tf');
  assert.equal(diagnostics.length, 1);
  assert.match(diagnostics[0]!.message, /already set at 1:1/);
  assert.equal(file.body.attributes.length, 1);
  const e = file.body.attributes[0]!.expr;
  assert.ok(e.type === 'literal' && typeof e.value === 'object' && e.value?.number === '1');
});

test('pathological nesting gives a diagnostic, not a stack overflow', () => {
  for (const [open, close] of [['[', ']'], ['(', ')'], ['{a=', '}'], ['"${', '}"'], ['!', '']] as const) {
    const src = `a = ${open.repeat(5000)}1${close.repeat(5000)}\n`;
    const { diagnostics } = parseHcl(src, 'deep.tf');
    assert.ok(diagnostics.some((d) => d.severity === 'error' && /nest/i.test(d.message)), open);
  }
  const blocks = 'b {\n'.repeat(3000) + '}\n'.repeat(3000);
  assert.ok(parseHcl(blocks, 'deep.tf').diagnostics.some((d) => /nest/i.test(d.message)));
});

test('replacement characters and stray bytes are reported', () => {
  const { diagnostics } = parseHcl('a = 1 \uFFFD\n', 'bad.tf');
  assert.ok(diagnostics.some((d) => /U\+FFFD/.test(d.message)));
});

test('a mantissa without fraction digits before an exponent is a number, as in HCL (`1.e3` is 1000); `1.` and `1..2` are not', () => {
  for (const [src, value] of [['4.e2', 400], ['1.E+3', 1000], ['0.e0', 0], ['10.e-1', 1]] as const) {
    const e = attr(`a = ${src}\n`).expr;
    assert.equal(e.type, 'literal', src);
    assert.equal(Number((e as { value: { number: string } }).value.number), value, src);
  }
  for (const src of ['1..2', '1.2.3']) assert.ok(parseHcl(`a = ${src}\n`, 'm.tf').diagnostics.length > 0, `${src} is refused`);
});

// Broken input: the first error is where Terraform's parser puts it. Expected [line, column] were
// recorded from hclsyntax (hcl v2.14, the hclref reference) on these exact texts.
const BROKEN: readonly (readonly [string, number, number])[] = [
  ['resource "a" "b" {\n  x = 1\n', 1, 18], // unclosed block: at its `{`
  ['resource "a" "b" {\n  x = "abc\n}\n', 2, 11],
  ['a = <<EOT\nhello\n', 3, 1], // unterminated heredoc: at the end of the file
  ['a = "${var.x"\n', 1, 6],
  ['/* never closed\na = 1\n', 1, 1],
  ['a = [1, 2\nb = 3\n', 2, 1],
  ['a = 1 = 2\n', 1, 7],
  ['a = {\n  k = 1\n  k2 == 2\n}\n', 3, 10],
  ['b "l" {\n  a = f(1,\n}\n', 3, 1],
  ['a = 1e999\nb = x.\n', 2, 7],
  ['a = 0x1F\n', 1, 6],
  ['a = 1.\n', 1, 7],
  ['a = .5\n', 1, 5],
  ['a = "x" "y"\n', 1, 9],
  ['b "l" "m" = {\n}\n', 1, 11],
  ['a = "%{ if x }y"\n', 1, 16],
  ['a = "\\q"\n', 1, 6],
  ['b {\n  c {\n    d = 1\n  }\n', 1, 3],
  ['a = 1\n\uFEFFb = 2\n', 2, 1], // a BOM is only skipped at the start of the file
  ['a = 1\n\tb = 2 c\n', 2, 8],
  ['a = ~1\n', 1, 5],
  ['a = 1 ? 2\n', 1, 10],
  ['a = for x in y : x\n', 1, 9],
  ['a = 1\u0000\n', 1, 6], // NUL outside a comment or string
];

test('broken input: the first error is at the line and column hclsyntax reports', () => {
  for (const [src, line, column] of BROKEN) {
    const errors = parseHcl(src, 'b.tf').diagnostics.filter((d) => d.severity === 'error');
    assert.ok(errors.length > 0, JSON.stringify(src));
    const first = errors[0]!.span!.start;
    assert.deepEqual([first.line, first.column], [line, column], JSON.stringify(src));
  }
});

test('a legacy index takes any number token, as in hclsyntax: `a.1e999` parses (and fails only when evaluated)', () => {
  for (const src of ['x.1e999', 'x. 1e999', 'x.1e999.y', 'x.*.1e999']) {
    assert.deepEqual(parseHcl(`a = ${src}\n`, 'n.tf').diagnostics, [], src);
  }
  const e = attr('a = x.1e999\n').expr;
  assert.ok(e.type === 'traversal' && e.root === 'x' && e.steps[0]!.kind === 'index' && e.steps[0]!.key === Infinity);
});
