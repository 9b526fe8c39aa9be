import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateTerraform } from '../../graph/index.js';
import type { InfraModel } from '../../model/infra-model.js';
import type { VariableDecl } from '../../model/resource.js';
import type { Span } from '../../source/span.js';
import { uniqueOutputs, uniqueVariables } from './declarations.js';

function modelOf(files: Record<string, string>): InfraModel {
  const map = new Map(Object.entries(files));
  return evaluateTerraform({ files: map, readFile: (path) => map.get(path) }).model;
}

const span = (file: string, start: number, end: number): Span => ({ file, start: { line: 1, column: start + 1, offset: start }, end: { line: 1, column: end + 1, offset: end } });
const variable = (name: string, at: Span): VariableDecl => ({ module: '', name, span: at, sensitive: false, hasDefault: false, value: { value: null, span: at, provenance: 'default', via: [], sensitive: false } });

test('a module called twice declares its variables twice; each is listed once', () => {
  const model = modelOf({
    'main.tf': 'module "a" {\n  source = "./m"\n}\n\nmodule "b" {\n  source = "./m"\n}\n',
    'm/main.tf': 'variable "db_password" {\n  default = "x"\n}\n\noutput "o" {\n  value = var.db_password\n}\n',
  });
  const names = (list: readonly { readonly name: string }[]): string[] => list.map((d) => d.name);
  assert.equal(model.variables.filter((v) => v.name === 'db_password').length, 2);
  assert.deepEqual(names(uniqueVariables(model, 'span')), ['db_password']);
  assert.deepEqual(names(uniqueVariables(model, 'start')), ['db_password']);
  assert.deepEqual(names(uniqueOutputs(model, 'start')), ['o']);
});

test('"start" merges spans that share a start; "span" keeps them apart', () => {
  const first = variable('a', span('main.tf.json', 10, 20));
  const sameStart = variable('b', span('main.tf.json', 10, 30));
  const again = variable('c', span('main.tf.json', 10, 20));
  const elsewhere = variable('d', span('other.tf', 10, 20));
  const model = { variables: [first, sameStart, again, elsewhere], outputs: [] } as unknown as InfraModel;
  assert.deepEqual(uniqueVariables(model, 'start').map((v) => v.name), ['a', 'd']);
  assert.deepEqual(uniqueVariables(model, 'span').map((v) => v.name), ['a', 'b', 'd']);
});

test('two models in one process each get their own declarations (memo per model)', () => {
  const one = modelOf({ 'main.tf': 'variable "alpha" {}\n' });
  const two = modelOf({ 'main.tf': 'variable "beta" {}\n' });
  assert.deepEqual(uniqueVariables(one, 'span').map((v) => v.name), ['alpha']);
  assert.deepEqual(uniqueVariables(two, 'span').map((v) => v.name), ['beta']);
  assert.deepEqual(uniqueVariables(one, 'span').map((v) => v.name), ['alpha']);
});
