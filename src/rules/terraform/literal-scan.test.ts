import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretsInLeaves } from '../../detectors/index.js';
import { evaluateTerraform } from '../../graph/index.js';
import type { InfraModel } from '../../model/infra-model.js';
import { scanLiterals } from './literal-scan.js';

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
