import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateTerraform } from './index.js';
import { evaluateFiles } from './testing-helpers.js';

const files = (extra: Record<string, string>) =>
  new Map(Object.entries({ 'env/main.tf': 'variable "x" {\n  default = false\n}\noutput "x" {\n  value = var.x\n}\n', ...extra }));

test('a .tfvars file Terraform does not load on its own is named in an info diagnostic, and its values are not applied', () => {
  const { model, diagnostics } = evaluateTerraform({ files: files({ 'env/prod.tfvars': 'x = true\n', 'env/terraform.tfvars': '', 'env/a.auto.tfvars.json': '{}' }), readFile: () => undefined });
  assert.equal(model.outputs.find((o) => o.name === 'x')?.value.value, false);
  const notes = diagnostics.filter((d) => d.code === 'vars/not-loaded');
  assert.deepEqual(notes.map((d) => [d.severity, d.file]), [['info', 'env/prod.tfvars']]);
  assert.match(notes[0]!.message, /^prod\.tfvars is not loaded by Terraform on its own/);
});

test('given with --var-file it is applied and not reported', () => {
  const { model, diagnostics } = evaluateTerraform({ files: files({ 'env/prod.tfvars': 'x = true\n' }), readFile: () => undefined, varFiles: ['env/prod.tfvars'] });
  assert.equal(model.outputs.find((o) => o.name === 'x')?.value.value, true);
  assert.deepEqual(diagnostics.filter((d) => d.code === 'vars/not-loaded'), []);
});

test('a value in the root module\'s own tfvars for a variable it does not declare is a warning at its line, naming the variable meant', () => {
  const { model, diagnostics } = evaluateFiles({
    'main.tf': 'variable "region" {\n  default = "us-east-1"\n}\nvariable "kms_key_arn" {\n  default = null\n}\n',
    'terraform.tfvars': 'regoin = "eu-west-1"\nkms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/abc"\n',
    'prod.auto.tfvars': 'retention = 30\n',
  });
  assert.deepEqual(
    diagnostics.map((d) => `${d.code} ${d.severity} ${d.span?.file}:${d.span?.start.line} ${d.message}`).sort(),
    [
      'vars/undeclared warning prod.auto.tfvars:1 prod.auto.tfvars sets retention, but the root module declares no variable "retention", so Terraform ignores the value (it warns of it too).',
      'vars/undeclared warning terraform.tfvars:1 terraform.tfvars sets regoin, but the root module declares no variable "regoin", so Terraform ignores the value (it warns of it too). Did you mean "region"?',
    ].sort(),
  );
  assert.equal(model.variables.find((v) => v.name === 'region')!.value.value, 'us-east-1');
  // A file given with --var-file reaches every root of a monorepo scan: a name one root lacks is no mistake there.
  const given = evaluateFiles({ 'a/main.tf': 'variable "x" {\n  default = 1\n}\n', 'b/main.tf': 'variable "y" {\n  default = 1\n}\n', 'common.tfvars': 'x = 2\ny = 3\n' }, { varFiles: ['common.tfvars'] });
  assert.deepEqual(given.diagnostics.filter((d) => d.code === 'vars/undeclared'), []);
});

test('a --var or --var-file value for a variable no root module declares is a warning naming it (never its value), as terraform plan refuses it', () => {
  const roots = { 'a/main.tf': 'variable "public" {\n  default = false\n}\n', 'b/main.tf': 'variable "retention" {\n  default = 30\n}\n' };
  const undeclared = (extra: Parameters<typeof evaluateFiles>[1], files: Record<string, string> = {}) =>
    evaluateFiles({ ...roots, ...files }, extra)
      .diagnostics.filter((d) => d.code === 'vars/undeclared')
      .map((d) => `${d.severity} ${d.span ? `${d.span.file}:${d.span.start.line} ` : ''}${d.message}`);
  const cases: [string, Parameters<typeof evaluateFiles>[1], Record<string, string>, string[]][] = [
    ['a --var one root declares', { vars: { public: 'true' } }, {}, []],
    ['a --var of each root', { vars: { public: 'true', retention: '7' } }, {}, []],
    [
      'a misspelt --var: the value is not quoted',
      { vars: { pubilc: 'AKIAIOSFODNN7EXAMPLE' } },
      {},
      ['warning A --var sets "pubilc", but no root module declares a variable of that name, so the value is used nowhere (terraform plan refuses it: "Value for undeclared variable"). Did you mean "public"?'],
    ],
    [
      'a --var-file entry no root declares, at its line',
      { varFiles: ['prod.tfvars'] },
      { 'prod.tfvars': 'public = true\nretension = 7\n' },
      ['warning prod.tfvars:2 prod.tfvars sets "retension", but no root module declares a variable of that name, so the value is used nowhere (Terraform warns of it too). Did you mean "retention"?'],
    ],
    // A root module's own tfvars given again with --var-file: its own check says it, once.
    ['a root\'s terraform.tfvars given with --var-file', { varFiles: ['a/terraform.tfvars'] }, { 'a/terraform.tfvars': 'zzz = 1\n' }, ['warning a/terraform.tfvars:1 terraform.tfvars sets zzz, but the root module declares no variable "zzz", so Terraform ignores the value (it warns of it too).']],
    // One unit of a scan evaluates one root: the names every root declares come with it.
    ['a unit told the other roots\' variables', { vars: { retention: '7' }, selectRoots: () => ['a'], rootVariables: ['public', 'retention'] }, {}, []],
  ];
  for (const [name, extra, files, expected] of cases) assert.deepEqual(undeclared(extra, files), expected, name);
  assert.deepEqual(undeclared({}, {}), [], 'nothing given, nothing said');
});

test('a JSON var file is read as JSON: "${var.x}" and "%{for" are their text, never templates', () => {
  const { model, diagnostics } = evaluateFiles({
    'main.tf': 'variable "v" {}\nvariable "w" {}\noutput "o" {\n  value = [var.v, var.w]\n}\n',
    'terraform.tfvars.json': '{"v": "${var.x}", "w": {"a": ["%{for"]}}',
  });
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(model.outputs.find((o) => o.name === 'o')!.value.value, ['${var.x}', { a: ['%{for'] }]);
});
