import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateTerraform } from './index.js';

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
