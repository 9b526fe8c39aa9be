import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import { buildRiskRegister, classificationOf, renderRiskRegisterCsv, riskLevel } from './risk-register.js';
import { finding } from './testing-findings.js';

describe('risk register', () => {
  test('likelihood from severity × impact from data classification', () => {
    const cases: [Finding['severity'], string | undefined, number, string][] = [
      ['critical', 'phi', 25, 'critical'],
      ['high', 'phi', 20, 'critical'],
      ['high', 'confidential', 16, 'high'],
      ['medium', 'internal', 9, 'medium'],
      ['medium', undefined, 9, 'medium'], // untagged counts as internal
      ['low', 'public', 4, 'low'],
      ['critical', 'PHI ', 25, 'critical'],
      ['low', 'banana', 6, 'medium'], // an unknown value counts as untagged
    ];
    for (const [severity, tag, score, level] of cases) {
      const register = buildRiskRegister([finding({ severity })], () => tag);
      assert.equal(register.entries[0]?.score, score, `${severity} × ${tag}`);
      assert.equal(register.entries[0]?.level, level, `${severity} × ${tag}`);
    }
  });

  test('only failing and waived findings, highest score first, summed per safeguard', () => {
    const findings = [
      finding({ status: 'pass', resource: { address: 'aws_s3_bucket.ok', kind: 'aws_s3_bucket' } }),
      finding({ status: 'unknown', resource: { address: 'aws_s3_bucket.maybe', kind: 'aws_s3_bucket' } }),
      finding({ severity: 'low', resource: { address: 'aws_s3_bucket.site', kind: 'aws_s3_bucket' } }),
      finding({ severity: 'high', resource: { address: 'aws_s3_bucket.phi', kind: 'aws_s3_bucket' } }),
      finding({ status: 'waived', severity: 'high', controls: ['164.312(a)(1)'], resource: { address: 'aws_s3_bucket.phi', kind: 'aws_s3_bucket' }, waiver: { source: 'register', id: 'WVR-9', reason: 'r' } }),
    ];
    const tags: Record<string, string> = { 'aws_s3_bucket.phi': 'phi', 'aws_s3_bucket.site': 'public' };
    const register = buildRiskRegister(findings, (f) => tags[f.resource.address]);
    assert.deepEqual(register.entries.map((e) => [e.resource, e.status, e.score, e.safeguard, e.waiver]), [
      ['aws_s3_bucket.phi', 'waived', 20, '164.312(a)(1)', 'WVR-9'], // equal scores: by safeguard
      ['aws_s3_bucket.phi', 'fail', 20, '164.312(c)(1)', undefined],
      ['aws_s3_bucket.site', 'fail', 4, '164.312(c)(1)', undefined],
    ]);
    assert.deepEqual(register.bySafeguard.map((g) => [g.safeguard, g.findings, g.totalScore, g.maxScore, g.level]), [
      ['164.312(c)(1)', 2, 24, 20, 'critical'],
      ['164.312(a)(1)', 1, 20, 20, 'critical'],
    ]);
    const csv = renderRiskRegisterCsv(register, (file) => `infra/${file}`).split('\r\n');
    assert.equal(csv[0], 'Score,Level,Likelihood,Impact,Status,Severity,Data classification,Rule,Title,Resource,File,Line,HIPAA safeguard,Safeguard title,Waiver,Root module');
    assert.match(csv[2]!, /^20,critical,4,5,fail,high,phi,aws-s3-bucket-versioning,.*,aws_s3_bucket\.phi,infra\/main\.tf,1,164\.312\(c\)\(1\),/);
  });

  test('levels and classification names', () => {
    assert.deepEqual([1, 4, 5, 9, 10, 16, 17, 25].map(riskLevel), ['low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
    assert.deepEqual(['ePHI', 'phi-restricted', 'Confidential', 'internal', 'public', '', undefined].map(classificationOf), ['phi', 'phi', 'confidential', 'internal', 'public', 'unknown', 'unknown']);
    // As the PHI-scoped rules read values: a word that only starts with "phi" is not PHI.
    assert.deepEqual(['PHI/PII', 'philanthropy', 'non-phi'].map(classificationOf), ['phi', 'unknown', 'unknown']);
  });

  test('the classification is read under every key the PHI-scoped rules read (Classification, DataSensitivity), not data_classification only', async () => {
    const { classificationLookup } = await import('./build-pack.js');
    const { evaluateFiles } = await import('../graph/testing-helpers.js');
    const { model } = evaluateFiles({
      'main.tf': 'resource "aws_s3_bucket" "a" {\n  tags = { Classification = "PHI" }\n}\nresource "aws_s3_bucket" "b" {\n  tags = { DataSensitivity = "confidential" }\n}\nresource "aws_s3_bucket" "c" {\n  tags = { Owner = "phi-team" }\n}\n',
    });
    const lookup = classificationLookup(model);
    const of = (name: string): string | undefined => {
      const r = model.resources.find((x) => x.address === `aws_s3_bucket.${name}`)!;
      return lookup(finding({ resource: { address: r.address, kind: r.type }, span: r.span }));
    };
    assert.deepEqual(['a', 'b', 'c'].map(of), ['PHI', 'confidential', undefined]);
  });

  test('an awscc resource is classified from its list of { key, value } tags', async () => {
    const { classificationLookup } = await import('./build-pack.js');
    const { evaluateFiles } = await import('../graph/testing-helpers.js');
    const { model } = evaluateFiles({
      'main.tf': 'resource "awscc_s3_bucket" "a" {\n  tags = [{ key = "data_classification", value = "phi" }, { key = "owner", value = "data" }]\n}\n',
    });
    const r = model.resources.find((x) => x.address === 'awscc_s3_bucket.a')!;
    assert.equal(classificationLookup(model)(finding({ resource: { address: r.address, kind: r.type }, span: r.span })), 'phi');
  });

  // As the PHI rules read them (model/tags.ts): what is not known gives no classification.
  test('an awscc resource whose tags are not all known has no classification in the register', async () => {
    const { classificationLookup } = await import('./build-pack.js');
    const { evaluateFiles } = await import('../graph/testing-helpers.js');
    const cases: Record<string, string> = {
      list: 'var.v',
      element: '[var.v, { key = "data_classification", value = "phi" }]',
      key: '[{ key = var.v, value = "x" }, { key = "data_classification", value = "phi" }]',
      value: '[{ key = "data_classification", value = var.v }]',
      // The last of the two was taken ("public"): AWS refuses duplicate tag keys or keeps one.
      duplicated: '[{ key = "data_classification", value = "phi" }, { key = "data_classification", value = "public" }]',
    };
    for (const [name, tags] of Object.entries(cases)) {
      const { model } = evaluateFiles({ 'main.tf': `variable "v" {}\nresource "awscc_s3_bucket" "a" {\n  tags = ${tags}\n}\n` });
      const r = model.resources.find((x) => x.address === 'awscc_s3_bucket.a')!;
      assert.equal(classificationLookup(model)(finding({ resource: { address: r.address, kind: r.type }, span: r.span })), undefined, name);
    }
  });
});

describe('a module called from two root modules', () => {
  test('its findings keep their root modules and are classified by their own resource', async () => {
    const { classificationLookup } = await import('./build-pack.js');
    const { evaluateFiles } = await import('../graph/testing-helpers.js');
    const { model } = evaluateFiles({
      'modules/logs/main.tf': 'variable "class" {}\nresource "aws_s3_bucket" "this" {\n  bucket = "x"\n  tags = { data_classification = var.class }\n}\n',
      'envs/a/main.tf': 'module "logs" {\n  source = "../../modules/logs"\n  class  = "phi"\n}\n',
      'envs/b/main.tf': 'module "logs" {\n  source = "../../modules/logs"\n  class  = "public"\n}\n',
    });
    const address = 'module.logs.aws_s3_bucket.this';
    const span = model.resources.find((r) => r.address === address)!.span;
    const findings = ['envs/b', 'envs/a'].map((root) => finding({ resource: { address, kind: 'aws_s3_bucket', root }, span }));
    const register = buildRiskRegister(findings, classificationLookup(model));
    assert.deepEqual(
      register.entries.map((e) => [e.root, e.classification]),
      [
        ['envs/a', 'phi'],
        ['envs/b', 'public'],
      ],
    );
    const csv = renderRiskRegisterCsv(register, (file) => `repo/${file}`).split('\r\n');
    assert.deepEqual(csv.slice(1, 3).map((line) => line.split(',').at(-1)), ['repo/envs/a', 'repo/envs/b']);
  });
});
