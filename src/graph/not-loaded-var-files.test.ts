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

test('a JSON var file is read as JSON: "${var.x}" and "%{for" are their text, never templates', () => {
  const { model, diagnostics } = evaluateFiles({
    'main.tf': 'variable "v" {}\nvariable "w" {}\noutput "o" {\n  value = [var.v, var.w]\n}\n',
    'terraform.tfvars.json': '{"v": "${var.x}", "w": {"a": ["%{for"]}}',
  });
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(model.outputs.find((o) => o.name === 'o')!.value.value, ['${var.x}', { a: ['%{for'] }]);
});
