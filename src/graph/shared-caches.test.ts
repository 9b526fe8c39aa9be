// Caches shared across scan units (per parsed file or declaration, see parse.ts, load.ts and
// instance.ts) must never let one unit's values leak into another's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateTerraform } from './index.js';
import { loadTree, type ParseFile } from './load.js';
import { SpanFactory, parseHclFile } from './parse.js';

/** A parse memo as the scan passes to every unit: each path parsed once. */
function parseMemo(): ParseFile {
  const parsed = new Map<string, ReturnType<ParseFile>>();
  return (path, text) => parsed.get(path) ?? parsed.set(path, parseHclFile(path, text)).get(path)!;
}

function scan(files: Record<string, string>, parse?: ParseFile): ReturnType<typeof evaluateTerraform> {
  const map = new Map(Object.entries(files));
  return evaluateTerraform({ files: map, readFile: (p) => map.get(p), ...(parse ? { parse } : {}) });
}

test('spans come from the scan text, not from a parsed file with other text at that path', () => {
  const parsed = parseHclFile('main.tf', 'a = 1\n')!.file!;
  const range = parsed.body.attributes[0]!;
  const shared = new SpanFactory(() => 'a = 1\n', () => parsed);
  assert.equal(shared.span('main.tf', range).start.line, 1);
  const other = new SpanFactory(() => '\n\na = 1\n', () => parsed);
  assert.equal(other.span('main.tf', range).start.line, 1);
  assert.equal(other.span('main.tf', { start: 2, end: 7 }).start.line, 3);
  // The first factory's cache is untouched by the second.
  assert.equal(new SpanFactory(() => 'a = 1\n', () => parsed).span('main.tf', { start: 2, end: 7 }).start.line, 1);
});

test('units sharing parsed files get the same results as separate scans', () => {
  const module = {
    'mod/main.tf': 'variable "name" {\n  default = "d"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = var.name\n}\noutput "name" {\n  value = aws_s3_bucket.b.bucket\n}\n',
  };
  const a = { ...module, 'a/main.tf': 'module "m" {\n  source = "../mod"\n  name   = "from-a"\n}\n' };
  const b = { ...module, 'b/main.tf': '\n\nmodule "m" {\n  source = "../mod"\n}\n' };
  const parse = parseMemo();
  for (const files of [a, b, a]) {
    const shared = scan(files, parse).model;
    const alone = scan(files).model;
    assert.deepEqual(shared.resources, alone.resources);
    assert.deepEqual(shared.variables, alone.variables);
    assert.deepEqual(shared.outputs, alone.outputs);
    assert.deepEqual(shared.moduleCalls, alone.moduleCalls);
  }
  assert.deepEqual(scan(a, parse).model.resources.map((r) => r.attributes.get('bucket')?.value), ['from-a']);
  assert.deepEqual(scan(b, parse).model.resources.map((r) => r.attributes.get('bucket')?.value), ['d']);
});

test('a module directory loaded with other files is indexed again', () => {
  const parse = parseMemo();
  const one = new Map([['m/a.tf', 'resource "aws_s3_bucket" "a" {}\n']]);
  const two = new Map([...one, ['m/b.tf', 'resource "aws_s3_bucket" "b" {}\n']]);
  const buckets = (files: ReadonlyMap<string, string>): string[] => [...(loadTree(files, parse).modules.get('m')!.byTypeName.get('aws_s3_bucket')?.keys() ?? [])];
  assert.deepEqual(buckets(one), ['a']);
  assert.deepEqual(buckets(two), ['a', 'b']);
  assert.deepEqual(buckets(one), ['a']);
});

test('each instance of a module converts its own inputs; a value already of its type is kept', () => {
  const files = {
    'mod/main.tf': [
      'variable "names" {\n  type    = list(string)\n  default = ["d"]\n}',
      'variable "cfg" {\n  type    = object({ a = optional(string, "x"), b = number })\n  default = { b = 1 }\n}',
      'variable "n" {\n  type     = number\n  nullable = false\n  default  = 5\n}',
      'variable "secret" {\n  sensitive   = true\n  description = "a secret"\n  default     = "s"\n}',
      'output "all" {\n  value = [var.names, var.cfg, var.n]\n}\n',
    ].join('\n'),
    'main.tf': [
      'module "given" {\n  source = "./mod"\n  names  = [1, "b"]\n  cfg    = { a = null, b = "2" }\n  n      = null\n}',
      'module "defaults" {\n  source = "./mod"\n}\n',
    ].join('\n'),
  };
  const { model } = scan(files);
  const all = (m: string): unknown => model.outputs.find((o) => o.module === `module.${m}`)?.value.value;
  assert.deepEqual(all('given'), [['1', 'b'], { a: 'x', b: 2 }, 5]);
  assert.deepEqual(all('defaults'), [['d'], { a: 'x', b: 1 }, 5]);
  const secret = model.variables.filter((v) => v.name === 'secret');
  assert.deepEqual(secret.map((v) => [v.module, v.sensitive, v.description, v.value.value]), [
    ['module.given', true, 'a secret', 's'],
    ['module.defaults', true, 'a secret', 's'],
  ]);
});

test('a default that does not match its type is reported by every scan that evaluates it', () => {
  const files = { 'main.tf': 'variable "n" {\n  type    = number\n  default = "many"\n}\nvariable "ok" {\n  default = 1\n}\n' };
  const parse = parseMemo();
  for (let i = 0; i < 2; i++) {
    const { model, diagnostics } = scan(files, parse);
    assert.deepEqual(diagnostics.filter((d) => d.code === 'eval/type').map((d) => d.span?.start.line), [3]);
    assert.deepEqual(model.variables.map((v) => [v.name, v.value.value, v.value.via.length, v.default?.value]), [['n', 'many', 0, 'many'], ['ok', 1, 0, 1]]);
  }
});

test('a module output read for a root output is judged with each caller\'s own marks, whatever the order of the calls', () => {
  // sensitiveSource keeps a reading whose link questions answered nothing; a caller whose answer differs reads again.
  const found = (files: Record<string, string>): string[] => scan(files).diagnostics.filter((d) => d.code === 'eval/sensitive-output').map((d) => `${d.span?.file}:${d.span?.start.line}`);
  const secret = 'variable "pw" {\n  sensitive = true\n  default   = "x"\n}\n';
  const child = { 'm/main.tf': 'variable "x" {}\noutput "out" {\n  value = { v = var.x }\n}\n' };
  const call = (name: string, value: string): string => `module "${name}" {\n  source = "./m"\n  x      = ${value}\n}\noutput "${name}" {\n  value = module.${name}.out\n}\n`;
  // main.tf: the secret takes 4 lines, each call and its output 7.
  assert.deepEqual(found({ ...child, 'main.tf': secret + call('plain', '"p"') + call('marked', 'var.pw') }), ['main.tf:16']);
  assert.deepEqual(found({ ...child, 'main.tf': secret + call('marked', 'var.pw') + call('plain', '"p"') }), ['main.tf:9']);
  // Through a module in between: the question is then one of a module output.
  const middle = { ...child, 'mid/main.tf': 'variable "x" {}\nmodule "m" {\n  source = "../m"\n  x      = var.x\n}\noutput "out" {\n  value = module.m.out\n}\n' };
  const viaMiddle = (name: string, value: string): string => `module "${name}" {\n  source = "./mid"\n  x      = ${value}\n}\noutput "${name}" {\n  value = module.${name}.out\n}\n`;
  assert.deepEqual(found({ ...middle, 'main.tf': secret + viaMiddle('plain', '"p"') + viaMiddle('marked', 'var.pw') }), ['main.tf:16']);
  // Across scan units sharing parsed files (each root module a unit): the second root's caller marks its input.
  const parse = parseMemo();
  assert.deepEqual(scan({ ...child, 'a/main.tf': call('plain', '"p"').replaceAll('./m', '../m') }, parse).diagnostics.filter((d) => d.code === 'eval/sensitive-output').length, 0);
  const b = scan({ ...child, 'b/main.tf': secret + call('marked', 'var.pw').replaceAll('./m', '../m') }, parse);
  assert.deepEqual(b.diagnostics.filter((d) => d.code === 'eval/sensitive-output').map((d) => `${d.span?.file}:${d.span?.start.line}`), ['b/main.tf:9']);
});

test("a module's load diagnostics are said by each tree that loads it, with spans from that tree's text", () => {
  // terraform validate 1.11.4 on the error_message: "Reference to undeclared local value".
  const module = (header: string): string => `${header}\nvariable "v" {\n  default = "x"\n  validation {\n    condition     = length(var.v) > 0\n    error_message = "bad \${local.nope}"\n  }\n}\n`;
  const comment = module('# ten chars');
  // The same length, so that the parse of one text fits the other offset for offset.
  const blank = module('#\n\n\n\n\n\n\n\n\n\n');
  const lines = (tree: ReturnType<typeof loadTree>): number[] => tree.diagnostics.filter((d) => d.code === 'eval/unknown-reference').map((d) => d.span!.start.line);
  const parse = parseMemo();
  const caller = (dir: string): [string, string] => [`${dir}/main.tf`, 'module "m" {\n  source = "../mod"\n}\n'];
  const a = loadTree(new Map([caller('a'), ['mod/main.tf', comment]]), parse);
  const b = loadTree(new Map([caller('b'), ['mod/main.tf', comment]]), parse);
  assert.deepEqual(lines(a), [6]);
  assert.deepEqual(b.diagnostics, a.diagnostics);
  assert.deepEqual(b.diagnostics, loadTree(new Map([caller('b'), ['mod/main.tf', comment]])).diagnostics);
  // Parsed from the first text (the memo goes by path), read against its own.
  assert.deepEqual(lines(loadTree(new Map([caller('c'), ['mod/main.tf', blank]]), parse)), [16]);
  assert.deepEqual(lines(loadTree(new Map([caller('d'), ['mod/main.tf', comment]]), parse)), [6]);
});

test("a module's for_each is judged sensitive by each instance's own inputs, whichever instance reads it first", () => {
  // terraform plan 1.11.4 refuses the secret instance's for_each only ("Invalid for_each argument").
  const module = 'variable "name" {}\nresource "terraform_data" "t" {\n  for_each = toset([var.name])\n}\n';
  const secret = 'variable "pw" {\n  sensitive = true\n  default   = "x"\n}\n';
  const call = (name: string, value: string): string => `module "${name}" {\n  source = "./mod"\n  name   = ${value}\n}\n`;
  const addresses = (calls: string): string[] => scan({ 'mod/main.tf': module, 'main.tf': secret + calls }).model.resources.map((r) => r.address).sort();
  const expected = ['module.plain.terraform_data.t["a"]', 'module.secret.terraform_data.t[?]'];
  assert.deepEqual(addresses(call('plain', '"a"') + call('secret', 'var.pw')), expected);
  assert.deepEqual(addresses(call('secret', 'var.pw') + call('plain', '"a"')), expected);
});
