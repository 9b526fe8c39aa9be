// Instances keep variables, locals and outputs by slot (module-plan.ts): each instance still has
// its own values, declaration order is kept, cycles and undeclared names are still reported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

const MODULE = [
  'variable "b" {',
  '  default = "b-default"',
  '}',
  'variable "a" {}',
  'locals {',
  '  joined = "${var.a}/${var.b}"',
  '}',
  'output "z" {',
  '  value = local.joined',
  '}',
  'output "y" {',
  '  value = var.a',
  '}',
  '',
].join('\n');

test('each module instance has its own variables, locals and outputs, in declaration order', () => {
  const { model } = evaluateFiles({
    'm/main.tf': MODULE,
    'main.tf': 'module "one" {\n  source = "./m"\n  a      = "1"\n}\nmodule "two" {\n  source = "./m"\n  a      = "2"\n  b      = "x"\n}\noutput "whole" {\n  value = module.two\n}\n',
  });
  assert.deepEqual(model.variables.map((v) => `${v.module}:${v.name}=${String(v.value.value)}`), ['module.one:b=b-default', 'module.one:a=1', 'module.two:b=x', 'module.two:a=2']);
  assert.deepEqual(model.outputs.filter((o) => o.module !== '').map((o) => `${o.module}:${o.name}=${String(o.value.value)}`), ['module.one:z=1/b-default', 'module.one:y=1', 'module.two:z=2/x', 'module.two:y=2']);
  const whole = model.outputs.find((o) => o.name === 'whole')!;
  assert.deepEqual(Object.keys(whole.value.value as object), ['y', 'z']);
  assert.deepEqual(whole.value.value, { y: '2', z: '2/x' });
});

test('cycles through locals and outputs, and undeclared names, are still reported', () => {
  const { model, diagnostics } = evaluateFiles({
    'main.tf': [
      'locals {',
      '  a = local.b',
      '  b = local.a',
      '}',
      'output "loop" {',
      '  value = local.a',
      '}',
      'output "missing" {',
      '  value = [var.nope, local.nope]',
      '}',
      '',
    ].join('\n'),
  });
  assert.ok(diagnostics.some((d) => d.code === 'eval/cycle' && /local\.\w refers to itself/.test(d.message)));
  assert.equal(model.outputs.find((o) => o.name === 'loop')!.value.provenance, 'unresolved');
  assert.ok(diagnostics.some((d) => d.code === 'eval/unknown-reference' && /undeclared input variable "nope"/.test(d.message)));
});
