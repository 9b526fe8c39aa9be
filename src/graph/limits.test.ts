// Hostile configurations (issue 12): every limit ends in a diagnostic at file:line:col, never an
// exception, a stack overflow or an out-of-memory crash. Each case was a crash or hang, or is one
// of the issue's named attacks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHcl } from '../parsers/hcl/index.js';
import { decideOutcome } from '../pipeline/run-outcome.js';
import { evaluateFiles } from './testing-helpers.js';

/** `expr` as a local, used by a resource so it is evaluated. */
const useLocal = (locals: string): string => `locals {\n${locals}\n}\nresource "aws_s3_bucket" "b" {\n  bucket = jsonencode(local.x)\n}\n`;

const budgetCases: readonly { name: string; files: Record<string, string>; where: string; message: RegExp }[] = [
  { name: 'range(1e9)', files: { 'main.tf': useLocal('  x = range(1e9)') }, where: 'main.tf:2:7', message: /Collection too large/ },
  { name: 'a huge nested for expression', files: { 'main.tf': useLocal('  x = [for i in range(100000) : [for j in range(100000) : j]]') }, where: 'main.tf:2:7', message: /budget exhausted/ },
  { name: 'flatten past the collection budget', files: { 'main.tf': useLocal('  x = flatten([for i in range(400) : [for j in range(400) : j]])') }, where: 'main.tf:2:7', message: /Collection too large/ },
  {
    name: 'join("", [for ...]) string growth',
    files: { 'main.tf': useLocal('  a = join("", [for i in range(90000) : "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])\n  x = join("", [local.a, local.a])') },
    where: 'main.tf:2:7',
    message: /String result too long/,
  },
  { name: 'formatlist over lists past the budget', files: { 'main.tf': useLocal('  x = formatlist("%s-%s", range(200000), range(200000))') }, where: 'main.tf:2:27', message: /Collection too large/ },
  {
    name: 'string repetition through nested templates',
    files: { 'main.tf': useLocal(['  a = "xxxxxxxxxx"', ...'bcdefgh'.split('').map((n, i) => `  ${n} = "${'${local.'.concat('abcdefgh'[i]!, '}').repeat(10)}"`), '  x = local.h'].join('\n')) },
    where: 'main.tf:8:48',
    message: /exceeds the evaluation budget/,
  },
  { name: 'indent() by a billion spaces', files: { 'main.tf': useLocal('  x = indent(1000000000, "a\\nb")') }, where: 'main.tf:2:7', message: /String result too long/ },
  { name: 'format() padding to a billion characters', files: { 'main.tf': useLocal('  x = format("%-1000000000d", 1)') }, where: 'main.tf:2:7', message: /format\(\)/ },
  { name: 'setproduct of three large lists', files: { 'main.tf': useLocal('  x = setproduct(range(1000), range(1000), range(1000))') }, where: 'main.tf:2:7', message: /Collection too large/ },
  {
    // Each level holds the one before a hundred times over: cheap to make, 10^9 numbers to walk.
    // flatten() of it crashed Node ("invalid size error") and jsonencode, ==, toset hung.
    name: 'a value made of shared parts, exponentially large to walk',
    files: { 'main.tf': useLocal(['  l0 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]', ...[1, 2, 3, 4].map((i) => `  l${i} = [for a in local.l${i - 1} : [for b in local.l${i - 1} : local.l${i - 1}]]`), '  x = flatten(local.l4)'].join('\n')) },
    where: 'main.tf:6:29',
    message: /Value too large to evaluate \(111111111 elements and characters; the evaluation budget is 16000000\)/,
  },
  {
    // Within the steps and every size, but a million-character walk a hundred thousand times: it hung.
    name: 'a linear function over a large value, called in a long loop',
    files: { 'main.tf': useLocal('  s = join("", [for i in range(100000) : "xxxxxxxxxx"])\n  x = [for i in range(100000) : length(upper(local.s))]') },
    where: 'main.tf:3:40',
    message: /too much work on large values/,
  },
  {
    name: 'equality of two large values in a long loop',
    files: { 'main.tf': useLocal('  a = [for i in range(90000) : "xxxxxxxxxx"]\n  b = [for i in range(90000) : "xxxxxxxxxx"]\n  x = [for i in range(100000) : local.a == local.b]') },
    where: 'main.tf:4:33',
    message: /too much work on large values/,
  },
  { name: 'count = 1e7', files: { 'main.tf': 'resource "aws_s3_bucket" "b" {\n  count = 1e7\n}\n' }, where: 'main.tf:1:1', message: /count 10000000 exceeds the evaluation budget of 100000 instances per block/ },
  { name: 'count as a huge numeric string', files: { 'main.tf': 'resource "aws_s3_bucket" "b" {\n  count = "99999999999"\n}\n' }, where: 'main.tf:1:1', message: /count 99999999999 exceeds/ },
];

for (const c of budgetCases) {
  test(`evaluation budget: ${c.name} is a diagnostic at file:line:col`, () => {
    const { model, diagnostics } = evaluateFiles(c.files);
    const budget = diagnostics.filter((d) => d.code === 'eval/budget');
    assert.ok(budget.length > 0, diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
    const d = budget[0]!;
    assert.equal(d.severity, 'error', 'values past the budget are unknown: unverified fails the run');
    assert.equal(decideOutcome({ findings: [], diagnostics }, 'none').exitCode, 1, 'exit 1 even with --fail-on none');
    assert.equal(`${d.span?.file}:${d.span?.start.line}:${d.span?.start.column}`, c.where);
    assert.match(d.message, c.message);
    assert.ok(model.resources.length >= 1, 'the resource is still in the model');
  });
}

test('count inside a counted module multiplies: capped for the whole scan, with a diagnostic at file:line:col', () => {
  const { model, diagnostics } = evaluateFiles({ 'main.tf': 'module "m" {\n  source = "./m"\n  count  = 5000\n}\n', 'm/main.tf': 'resource "aws_s3_bucket" "b" {\n  count = 100\n}\n' });
  const d = diagnostics.find((x) => x.code === 'eval/budget');
  assert.match(d?.message ?? '', /too many resource and module instances/);
  assert.equal(`${d?.severity} ${d?.span?.file}:${d?.span?.start.line}:${d?.span?.start.column}`, 'error m/main.tf:1:1');
  const buckets = model.ofType('aws_s3_bucket').length;
  assert.ok(buckets < 210_000 && buckets > 100_000, `buckets: ${buckets}`);
});

test('module cycles, self-calls and deep module chains end with a diagnostic', () => {
  const cycle = evaluateFiles({ 'main.tf': 'module "a" {\n  source = "./a"\n}\n', 'a/main.tf': 'module "b" {\n  source = "../b"\n}\n', 'b/main.tf': 'module "a" {\n  source = "../a"\n}\n' });
  assert.ok(cycle.diagnostics.some((d) => d.code === 'module/cycle' && d.severity === 'error' && d.span?.file === 'b/main.tf'));
  const self = evaluateFiles({ 'main.tf': 'module "me" {\n  source = "./"\n}\n' });
  assert.ok(self.diagnostics.some((d) => d.code === 'module/cycle' || d.code === 'module/missing'));
  const chain: Record<string, string> = {};
  for (let i = 0; i < 200; i++) chain[`${'m/'.repeat(i)}main.tf`] = `module "m" {\n  source = "./m"\n}\nresource "aws_s3_bucket" "b${i}" {}\n`;
  const deep = evaluateFiles(chain);
  assert.ok(deep.model.resources.length > 60);
  const tooDeep = deep.diagnostics.find((d) => d.code === 'eval/budget');
  assert.match(tooDeep?.message ?? '', /nested more than 64 modules deep/);
  assert.equal(tooDeep?.severity, 'error');
});

test('an output read from a module nested past the depth budget is unknown, and the rest of the root is still judged', () => {
  // Each level passes its child's output up: the read of the call not evaluated made the whole root
  // module fail ("Cannot read properties of undefined"), its findings lost.
  const chain: Record<string, string> = {};
  for (let i = 0; i < 70; i++) chain[`${'m/'.repeat(i)}main.tf`] = `module "m" {\n  source = "./m"\n}\noutput "out" {\n  value = module.m.out\n}\nresource "aws_s3_bucket" "b${i}" {\n  bucket = "b${i}"\n}\n`;
  const deep = evaluateFiles(chain);
  assert.deepEqual(deep.diagnostics.filter((d) => d.code !== 'eval/budget').map((d) => `${d.code} ${d.message}`), []);
  assert.equal(deep.diagnostics.filter((d) => d.code === 'eval/budget').length, 1);
  assert.equal(deep.model.resources.length, 65, 'the root and the 64 modules it evaluates');
  const rootOut = deep.model.outputs.find((o) => o.module === '' && o.name === 'out');
  assert.ok(rootOut && typeof rootOut.value.value === 'object' && rootOut.value.value !== null && 'unknown' in rootOut.value.value, JSON.stringify(rootOut?.value.value));
});

test('a template that includes itself through templatefile() ends with a diagnostic', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf': useLocal('  x = templatefile("t.tpl", {})'), 't.tpl': '${templatefile("t.tpl", {})}' });
  const d = diagnostics.find((x) => x.code === 'eval/budget');
  assert.match(d?.message ?? '', /templatefile\(\) calls nest more than 8 deep at t.tpl/, diagnostics.map((x) => x.message).join());
  assert.equal(`${d?.span?.file}:${d?.span?.start.line}`, 'main.tf:2');
});

test('deeply nested JSON and YAML given to jsondecode/yamldecode are diagnostics', () => {
  const deepJson = `${'['.repeat(50000)}${']'.repeat(50000)}`;
  const { diagnostics } = evaluateFiles({ 'main.tf': useLocal(`  x = [jsondecode("${deepJson}"), yamldecode("${deepJson}")]`) });
  assert.ok(diagnostics.some((d) => d.span?.file === 'main.tf' && d.span.start.line === 2), diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
});

const nesting: readonly [string, string][] = [
  ['100k [', `x = ${'['.repeat(100_000)}`],
  ['100k (', `x = ${'('.repeat(100_000)}1${')'.repeat(100_000)}`],
  ['100k {', `x = ${'{a='.repeat(100_000)}1${'}'.repeat(100_000)}`],
  ['100k nested blocks', 'a {\n'.repeat(100_000)],
  ['deep ${ templates', `x = "${'${"'.repeat(50_000)}a${'"}'.repeat(50_000)}"`],
  ['deep %{ directives', `x = "${'%{ if true }'.repeat(50_000)}"`],
  ['100k unary operators', `x = ${'!'.repeat(100_000)}true`],
  ['100k conditionals', `x = ${'true ? 1 : '.repeat(50_000)}1`],
  ['100k binary operators', `x = ${'1 + '.repeat(100_000)}1`],
  ['100k attribute accesses', `x = a${'.b'.repeat(100_000)}`],
];

for (const [name, text] of nesting) {
  test(`parser nesting: ${name} is a diagnostic, not a stack overflow`, () => {
    const { file, diagnostics } = parseHcl(text, 'deep.tf');
    assert.ok(file !== undefined);
    for (const d of diagnostics) assert.ok(d.span && d.span.start.line >= 1 && d.span.start.column >= 1);
    // The evaluator gets the same tree; it must not overflow either.
    const evaluated = evaluateFiles({ 'main.tf': `locals {\n  ${text}\n}\nresource "aws_s3_bucket" "b" {\n  bucket = local.x\n}\n` });
    assert.ok(evaluated.diagnostics.every((d) => d.code !== 'eval/internal'), evaluated.diagnostics.map((d) => d.message).join('\n'));
  });
}

test('regular expressions with runaway backtracking finish (RE2 semantics, as Terraform)', async () => {
  const { valueOf } = await import('./testing-helpers.js');
  const attack = `${'a'.repeat(5000)}!`;
  assert.equal(valueOf(`can(regex("(a+)+$", "${attack}"))`), false);
  assert.equal(valueOf(`length(regexall("(a|aa)+$", "${attack}"))`), 0);
  assert.equal(valueOf(`replace("${attack}", "/^(([a-z])+.)+[A-Z]([a-z])+$/", "x")`), attack);
  assert.equal(valueOf(`can(regex("(é+)+$", "${'é'.repeat(5000)}!"))`), false, 'non-ASCII patterns too');
  assert.equal(valueOf('regex("[à-ü]+", "xxçéy")'), 'çé');
  // Same answers as before for ordinary patterns, including characters outside the BMP.
  assert.deepEqual(valueOf('regex("^(?P<year>\\\\d{4})-(?:\\\\d+)$", "2024-12")'), { year: '2024' });
  assert.equal(valueOf('regex("^.$", "😀")'), '😀');
  assert.equal(valueOf('replace("a-b-c", "/-/", "+")'), 'a+b+c');
});

test('regular expressions V8 cannot run in linear time end in a located eval/budget error, never a hang', () => {
  // V8's linear engine takes neither (?i), nor the u flag (\p{L}, an emoji in the text), nor the
  // lookbehind (?m)\A becomes, nor large counted repetitions: each of these backtracked without end.
  const attack = `${'a'.repeat(5000)}!`;
  const cases = [
    `regexall("(?i)(a+)+$", "${attack}")`,
    `regexall("(a+)+$", "😀${attack}")`,
    `regexall("(\\\\pL+)+$", "${attack}")`,
    `regex("(?m)\\\\A(a+)+$", "${attack}")`,
    `replace("${attack}", "/(.*a){30}$/", "x")`,
  ];
  for (const expr of cases) {
    const started = Date.now();
    const { model, diagnostics } = evaluateFiles({ 'main.tf': `locals {\n  x = ${expr}\n}\noutput "o" {\n  value = local.x\n}\nresource "aws_s3_bucket" "b" {}\n` });
    const d = diagnostics.find((x) => x.code === 'eval/budget');
    assert.match(d?.message ?? '', /took too long: this evaluator cannot run it in linear time/, expr);
    assert.equal(`${d?.severity} ${d?.span?.file}:${d?.span?.start.line}`, 'error main.tf:2', expr);
    assert.ok(Date.now() - started < 8000, `${expr}: ${Date.now() - started} ms`);
    assert.equal(model.ofType('aws_s3_bucket').length, 1, 'the rest of the file is still judged');
  }
});

test('patterns V8 cannot run in linear time give the same answers on the worker', async () => {
  const { valueOf } = await import('./testing-helpers.js');
  assert.deepEqual(valueOf('regexall("(?i)ab", "xAbyaBzab")'), ['Ab', 'aB', 'ab']);
  assert.deepEqual(valueOf('regex("(?i)^(?P<env>PROD|dev)-(?:\\\\d+)$", "prod-12")'), { env: 'prod' });
  assert.equal(valueOf('regex("\\\\pL+", "😀héllo1")'), 'héllo');
  assert.equal(valueOf('replace("a😀b😀", "/😀/", "-")'), 'a-b-');
  assert.deepEqual(valueOf('regexall("(?m)\\\\A\\\\w+", "ab\\ncd")'), ['ab']);
  assert.equal(valueOf('can(regex("(?i)z", "abc"))'), false);
});

test('nested dynamic blocks share the instance budget: a diagnostic at the dynamic block', () => {
  const text = 'resource "aws_security_group" "g" {\n  dynamic "ingress" {\n    for_each = range(1000)\n    content {\n      dynamic "x" {\n        for_each = range(1000)\n        content {\n          a = x.value\n        }\n      }\n    }\n  }\n}\n';
  const { model, diagnostics } = evaluateFiles({ 'main.tf': text });
  const d = diagnostics.find((x) => x.code === 'eval/budget');
  assert.match(d?.message ?? '', /^dynamic "(x|ingress)" generates more blocks than the evaluation budget allows/);
  assert.equal(d?.severity, 'error');
  assert.equal(d?.span?.file, 'main.tf');
  assert.equal(model.ofType('aws_security_group').length, 1);
});

test('every instance of a counted resource referring to all of another is charged (no N² blow-up)', () => {
  const text = 'resource "aws_s3_bucket" "a" {\n  count = 20000\n}\nresource "aws_s3_bucket" "b" {\n  count  = 20000\n  bucket = join(",", aws_s3_bucket.a[*].id)\n}\n';
  const { diagnostics } = evaluateFiles({ 'main.tf': text });
  const d = diagnostics.find((x) => x.code === 'eval/budget');
  assert.match(d?.message ?? '', /Evaluation budget exhausted/);
  assert.equal(`${d?.span?.file}:${d?.span?.start.line}`, 'main.tf:6');
});

test('a file with thousands of syntax errors lists the first 50 and says how many more', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf': `locals {\n  x = <<EOT\n${'${'.repeat(3000)}\nEOT\n}\n` });
  const errors = diagnostics.filter((d) => d.code === 'parse/hcl');
  assert.equal(errors.length, 50);
  assert.match(diagnostics.find((d) => d.code === 'parse/more-errors')?.message ?? '', /^main\.tf has \d+ more syntax problems, not listed\.$/);
});

test('past the diagnostics limit, the rest are counted in one more diagnostic, never silently dropped', () => {
  const count = 5200;
  const outputs = Array.from({ length: count }, (_, i) => `output "o${i}" { value = var.missing${i} }`).join('\n');
  const { diagnostics } = evaluateFiles({ 'main.tf': outputs });
  const listed = diagnostics.filter((d) => d.code !== 'eval/diagnostics-limit');
  assert.equal(listed.length, 5000);
  const limit = diagnostics.filter((d) => d.code === 'eval/diagnostics-limit');
  assert.equal(limit.length, 1);
  assert.equal(limit[0]!.severity, 'warning');
  assert.match(limit[0]!.message, new RegExp(`^${count - 5000} more diagnostics were found evaluating the root module in \\. and are not listed`));
});

test('try() and can() do not hide an evaluation budget: the value is unknown, not the fallback', () => {
  // Terraform evaluates range(150000); the fallback would be a value it never takes, with no diagnostic.
  const { model, diagnostics } = evaluateFiles({ 'main.tf': 'locals {\n  x = try(length(range(150000)) > 0, false)\n  y = can(range(150000))\n}\noutput "x" {\n  value = local.x\n}\noutput "y" {\n  value = local.y\n}\n' });
  const where = diagnostics.filter((d) => d.code === 'eval/budget').map((d) => `${d.severity} ${d.span?.file}:${d.span?.start.line}`);
  assert.deepEqual(where, ['error main.tf:2', 'error main.tf:3']);
  for (const name of ['x', 'y']) assert.notEqual(model.outputs.find((o) => o.name === name)?.value.value, false, name);
});
