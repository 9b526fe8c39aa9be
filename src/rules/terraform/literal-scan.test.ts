import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretsInLeaves } from '../../detectors/index.js';
import { evaluateTerraform } from '../../graph/index.js';
import type { InfraModel } from '../../model/infra-model.js';
import { holdsLiteralIndex, scanLiterals } from './literal-scan.js';

function modelOf(files: Record<string, string>): InfraModel {
  const map = new Map(Object.entries(files));
  return evaluateTerraform({ files: map, readFile: (path) => map.get(path) }).model;
}

test('two models in one process each get their own literal hits (index memo per model)', () => {
  const withSecret = modelOf({ 'main.tf': 'resource "aws_ssm_parameter" "p" {\n  name  = "/ci/key"\n  type  = "SecureString"\n  value = "AKIAQ3EGRX7ZJ5TM4KWB"\n}\n' });
  const clean = modelOf({ 'main.tf': 'resource "aws_ssm_parameter" "p" {\n  name  = "/ci/key"\n  type  = "SecureString"\n  value = "nothing to see"\n}\n' });
  const hits = (model: InfraModel): number => scanLiterals(model, secretsInLeaves).reduce((n, s) => n + s.hits.length, 0);
  assert.equal(hits(withSecret), 1);
  assert.equal(hits(clean), 0);
  assert.equal(hits(withSecret), 1);
});

test('the index is let go once both rules that read it have, and built again for a later reader', () => {
  const model = modelOf({ 'main.tf': 'resource "aws_ssm_parameter" "p" {\n  name  = "/ci/key"\n  type  = "SecureString"\n  value = "AKIAQ3EGRX7ZJ5TM4KWB"\n}\n' });
  const hits = (reader?: string): number => scanLiterals(model, secretsInLeaves, { reader }).reduce((n, s) => n + s.hits.length, 0);
  assert.equal(hits(), 1);
  assert.equal(holdsLiteralIndex(model), true, 'a caller that is not one of the readers leaves it held');
  assert.equal(hits('tf-no-secrets-in-code'), 1);
  assert.equal(holdsLiteralIndex(model), true, 'one reader of two');
  assert.equal(hits('tf-no-secrets-in-code'), 1);
  assert.equal(holdsLiteralIndex(model), true, 'the same reader again');
  assert.equal(hits('phi-no-phi-in-code'), 1);
  assert.equal(holdsLiteralIndex(model), false, 'both have read it');
  assert.equal(hits('tf-no-secrets-in-code'), 1, 'built again, with the same hits');
  assert.equal(holdsLiteralIndex(model), true);
});

test('a value supplied at run time (TF_VAR_) is not reported where it is used; the same literal written in code is', () => {
  const files = {
    'main.tf': 'variable "db_password" {\n  type = string\n}\n\nresource "aws_db_instance" "db" {\n  engine   = "postgres"\n  password = var.db_password\n}\n',
  };
  const map = new Map(Object.entries(files));
  const model = evaluateTerraform({ files: map, readFile: (path) => map.get(path), env: { TF_VAR_db_password: 'Zk29-qpL!x7' } }).model;
  const hits = scanLiterals(model, secretsInLeaves).flatMap((s) => s.hits.map((h) => `${s.address} ${h.path}`));
  assert.deepEqual(hits, []);
  const written = modelOf({ 'main.tf': 'resource "aws_ssm_parameter" "p" {\n  name  = "/ci/db"\n  type  = "SecureString"\n  value = "Zk29-qpL!x7"\n  password = "Zk29-qpL!x7"\n}\n' });
  assert.deepEqual(scanLiterals(written, secretsInLeaves).flatMap((s) => s.hits.map((h) => `${s.address} ${h.path}`)), ['aws_ssm_parameter.p password']);
});
