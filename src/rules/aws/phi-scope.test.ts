import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateTerraform } from '../../graph/index.js';
import type { InfraModel } from '../../model/infra-model.js';
import { phiClassOf } from './phi-scope.js';

function modelOf(terraform: string): InfraModel {
  const files = new Map([['main.tf', terraform]]);
  return evaluateTerraform({ files, readFile: (path) => files.get(path) }).model;
}

const bucket = (tags: string): string => `resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  tags = ${tags}\n}\n`;

test('each resource keeps its own class, asked once or many times, across models with the same addresses', () => {
  const phi = modelOf(bucket('{ DataClassification = "phi" }'));
  const plain = modelOf(bucket('{ DataClassification = "public" }'));
  const flagged = modelOf(bucket('{ ContainsPHI = "yes" }'));
  for (let i = 0; i < 2; i++) {
    assert.equal(phiClassOf(phi.resources[0]!), 'phi');
    assert.equal(phiClassOf(plain.resources[0]!), 'not-phi');
    assert.equal(phiClassOf(flagged.resources[0]!), 'phi');
  }
});

// The evidence pack's risk register scores values starting with phi as PHI: the rules scope them so too.
test('a classification value that starts with the word phi or ephi is PHI; one that merely contains it is not', () => {
  for (const value of ['phi-restricted', 'PHI/PII', 'ephi_high', 'Phi', 'phi data']) assert.equal(phiClassOf(modelOf(bucket(`{ data_classification = "${value}" }`)).resources[0]!), 'phi', value);
  for (const value of ['non-phi', 'philanthropy', 'no_phi', 'restricted']) assert.equal(phiClassOf(modelOf(bucket(`{ data_classification = "${value}" }`)).resources[0]!), 'not-phi', value);
});

test('a resource classified PHI under a provider ignoring the classification key is of unknown class, not "not PHI" (the tag is set outside Terraform)', () => {
  const model = modelOf('provider "aws" {\n  ignore_tags {\n    keys = ["data_classification"]\n  }\n}\nresource "aws_s3_bucket" "tagged" {\n  tags = { data_classification = "phi" }\n}\nresource "aws_s3_bucket" "untagged" {}\n');
  for (const r of model.ofType('aws_s3_bucket')) assert.equal(phiClassOf(r), 'unknown', r.address);
  // Another ignored key leaves the classification as written.
  const other = modelOf('provider "aws" {\n  ignore_tags {\n    keys = ["LastScanned"]\n  }\n}\nresource "aws_s3_bucket" "tagged" {\n  tags = { data_classification = "phi" }\n}\nresource "aws_s3_bucket" "untagged" {}\n');
  assert.deepEqual(other.ofType('aws_s3_bucket').map((r) => phiClassOf(r)), ['phi', 'not-phi']);
});

// The awscc provider takes tags as a list of { key, value } (tagMap, model/tags.ts).
test('an awscc resource is classified from its list of { key, value } tags, as far as the list is known', () => {
  const awscc = (tags: string): string => `variable "v" {}\nresource "awscc_s3_bucket" "b" {\n  tags = ${tags}\n}\n`;
  const classOf = (tags: string): string => phiClassOf(modelOf(awscc(tags)).ofType('awscc_s3_bucket')[0]!);
  assert.equal(classOf('[{ key = "data_classification", value = "phi" }]'), 'phi');
  assert.equal(classOf('[{ key = "data_classification", value = "public" }]'), 'not-phi');
  assert.equal(classOf('var.v'), 'unknown', 'the list known only at apply time');
  assert.equal(classOf('[var.v, { key = "owner", value = "x" }]'), 'unknown', 'an element known only at apply time');
  assert.equal(classOf('[{ key = var.v, value = "phi" }]'), 'unknown', 'a key known only at apply time');
  assert.equal(classOf('[{ key = "data_classification", value = var.v }]'), 'unknown', 'a value known only at apply time');
  // AWS refuses duplicate tag keys or keeps one: the last one was taken, so "phi" then "public" was not PHI.
  assert.equal(classOf('[{ key = "data_classification", value = "phi" }, { key = "data_classification", value = "public" }]'), 'unknown', 'a key given twice with different values');
  assert.equal(classOf('[{ key = "data_classification", value = "public" }, { key = "data_classification", value = "phi" }]'), 'unknown', 'the same, the other way round');
  assert.equal(classOf('[{ key = "data_classification", value = "phi" }, { key = "data_classification", value = "phi" }]'), 'phi', 'a key given twice with the same value');
  assert.equal(classOf('[{ key = "__proto__", value = "x" }, { key = "data_classification", value = "phi" }]'), 'phi', 'a tag named __proto__ is a tag like another');
});
