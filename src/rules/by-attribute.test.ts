// The per-model attribute index answers what a scan of model.ofType(type) would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from '../graph/testing-helpers.js';
import { asString } from '../model/read.js';
import { resourceNamed, resourcesWithAttribute } from './by-attribute.js';

test('resourcesWithAttribute and resourceNamed equal a filter and a find over ofType, in its order', () => {
  const table = (label: string, name: string): string => `resource "aws_dynamodb_table" "${label}" {\n  name     = ${name}\n  hash_key = "id"\n}\n`;
  const { model } = evaluateFiles({
    'a/main.tf': table('locks', '"locks"') + table('numbered', '5') + table('flag', 'true') + table('unset', 'null'),
    'b/main.tf': table('locks', '"locks"') + table('text5', '"5"') + 'variable "n" { type = string }\n' + table('later', 'var.n'),
  });
  const tables = model.ofType('aws_dynamodb_table');
  for (const text of ['locks', '5', 'true', 'missing', '']) {
    assert.deepEqual(resourcesWithAttribute(model, 'aws_dynamodb_table', 'name', text), tables.filter((t) => asString(t.attributes.get('name')?.value) === text), text);
    // From a root module holding none of that name: the first of any root, as find over ofType gives.
    assert.equal(resourceNamed(model, 'aws_dynamodb_table', 'name', text, { root: 'c' }), tables.find((t) => t.attributes.get('name')?.value === text), text);
  }
  assert.equal(resourcesWithAttribute(model, 'aws_dynamodb_table', 'name', 'locks').length, 2);
  // The asker's own root module wins: both roots have a table called "locks".
  assert.equal(resourceNamed(model, 'aws_dynamodb_table', 'name', 'locks', { root: 'b' })?.root, 'b');
  assert.equal(resourceNamed(model, 'aws_dynamodb_table', 'name', 'locks', { root: 'a' })?.root, 'a');
  assert.equal(resourceNamed(model, 'aws_dynamodb_table', 'name', '5', { root: 'a' })?.address, 'aws_dynamodb_table.text5', 'the string "5", not the number 5');
  assert.deepEqual(resourcesWithAttribute(model, 'aws_s3_bucket', 'bucket', 'locks'), []);
});
