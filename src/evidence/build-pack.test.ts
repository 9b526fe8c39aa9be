// The pack made without holding the source model, its registers written a row at a time and its
// masks remembered is the pack made the plain way: the same bytes in every file (issue 11).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HIPAA_SECTIONS } from '../controls/hipaa-sections.js';
import type { ControlId } from '../controls/hipaa-sections.js';
import { evaluateFiles } from '../graph/testing-helpers.js';
import type { ReportInput } from '../reporters/report-input.js';
import { buildEvidencePack, modelFacts, type EvidenceInput } from './build-pack.js';
import { buildControlMatrix, controlMatrixCsvPieces, renderControlMatrixCsv, CONTROL_MATRIX_COLUMNS, matrixResourceLabel, type MatrixSection } from './control-matrix.js';
import { csvCell } from '../reporters/csv.js';
import { buildRiskRegister, RISK_COLUMNS, riskRegisterCsvPieces, riskRegisterJsonPieces, type RiskRegister } from './risk-register.js';
import { finding } from './testing-findings.js';

// Obviously fake values the detectors recognise.
const FAKE_KEY = 'ghp_0000EXAMPLE0000EXAMPLE0000EXAMPLE0000';
const FAKE_SSN = '123-45-6789';

const { model } = evaluateFiles({
  'modules/logs/main.tf': 'variable "class" {}\nresource "aws_s3_bucket" "this" {\n  bucket = "x"\n  tags = { data_classification = var.class }\n}\n',
  'envs/a/main.tf': 'module "logs" {\n  source = "../../modules/logs"\n  class  = "phi"\n}\nmodule "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.8.1"\n}\n',
  'envs/b/main.tf': 'module "logs" {\n  source = "../../modules/logs"\n  class  = "public"\n}\n',
});
const ADDRESS = 'module.logs.aws_s3_bucket.this';
const span = model.resources.find((r) => r.address === ADDRESS)!.span;
const resource = (root: string) => ({ address: ADDRESS, kind: 'aws_s3_bucket', root });

function packInput(findings: ReportInput['findings'], from: 'model' | 'facts'): EvidenceInput {
  const report: ReportInput = {
    displayRoot: 'infra',
    files: [{ path: 'modules/logs/main.tf' }],
    skipped: [],
    findings,
    diagnostics: [],
    rulesRun: [{ id: 'aws-s3-bucket-versioning' }, { id: 'aws-s3-bucket-encryption-at-rest' }],
    timings: { discoverMs: 1, evaluateMs: 1, rulesMs: 1, totalMs: 3 },
    failOn: 'high',
    blocking: [],
    exitCode: 0,
  };
  return {
    report,
    files: [{ path: 'modules/logs/main.tf', format: 'terraform', text: 'resource "aws_s3_bucket" "this" {\n  bucket = "x"\n}\n' }],
    ...(from === 'model' ? { model } : { facts: modelFacts(model, findings) }),
    tool: { name: 'safeguard', version: '0.0.0-test' },
    now: new Date('2026-12-01T00:00:00Z'),
    gitCommit: null,
    ruleDoc: (id) => ({ id, title: id, why: "Why.", howToFix: 'Fix it.', links: [] }),
    catalog: [
      { id: 'aws-s3-bucket-versioning', title: 'Versioning', controls: ['164.312(c)(1)', '164.308(a)(7)(ii)(A)'] },
      { id: 'aws-s3-bucket-encryption-at-rest', title: 'Encryption', controls: ['164.312(a)(2)(iv)', '164.312(c)(1)'] },
    ],
  };
}

// The same message in both root modules (as a monorepo's are), with a fake key and SSN to mask.
const message = `${ADDRESS} does not enable versioning (${FAKE_KEY}, ${FAKE_SSN}).`;
const versioning = ['164.312(c)(1)', '164.308(a)(7)(ii)(A)'] as ControlId[];
const findings = [
  finding({ resource: resource('envs/a'), span, message, controls: versioning }),
  finding({ resource: resource('envs/b'), span, message, severity: 'high', controls: versioning }),
  finding({ status: 'waived', resource: resource('envs/b'), span, message, controls: versioning, waiver: { source: 'inline', id: 'x', reason: `accepted, ${FAKE_KEY}` } }),
  finding({ status: 'pass', resource: resource('envs/a'), span, message: `${ADDRESS} passes.`, controls: versioning }),
  // Cites one of its rule's two sections only: its row there differs from the rule's other row.
  finding({ ruleId: 'aws-s3-bucket-encryption-at-rest', resource: resource('envs/a'), span, controls: ['164.312(a)(2)(iv)' as ControlId] }),
  finding({ ruleId: 'aws-s3-bucket-encryption-at-rest', status: 'pass', resource: resource('envs/b'), span, controls: ['164.312(a)(2)(iv)' as ControlId, '164.312(c)(1)' as ControlId] }),
];

describe('evidence pack without the source model', () => {
  test('modelFacts gives the pack the model gives: every file the same bytes', () => {
    const fromModel = buildEvidencePack(packInput(findings, 'model'));
    const fromFacts = buildEvidencePack(packInput(findings, 'facts'));
    assert.deepEqual([...fromFacts.files.keys()], [...fromModel.files.keys()]);
    for (const [path, bytes] of fromModel.files) assert.deepEqual(fromFacts.files.get(path), bytes, path);
    // The fixture reaches both facts: a classification per root module, and a module call in the SBOM.
    const risk = JSON.parse(new TextDecoder().decode(fromFacts.files.get('risk-register.json'))) as { entries: { root: string; classification: string }[] };
    assert.deepEqual(risk.entries.map((e) => [e.root, e.classification]).sort(), [['infra/envs/a', 'phi'], ['infra/envs/a', 'phi'], ['infra/envs/b', 'public'], ['infra/envs/b', 'public']]);
    assert.match(new TextDecoder().decode(fromFacts.files.get('sbom.cdx.json')), /terraform-aws-modules\/vpc\/aws/);
  });

  test('the facts hold what the SBOM reads of a module call and the classification of failing and waived findings only', () => {
    const facts = modelFacts(model, findings);
    for (const call of facts.moduleCalls) assert.deepEqual(Object.keys(call).sort(), [...(call.version !== undefined ? ['version'] : []), 'address', 'kind', 'source'].sort());
    assert.equal(facts.classify(findings[0]!), 'phi');
    assert.equal(facts.classify(findings[1]!), 'public');
    // A passing finding is not in the risk register: its classification is not kept.
    assert.equal(facts.classify(finding({ status: 'pass', resource: resource('envs/c'), span })), undefined);
  });

  test('a text repeated in many findings is masked in every one of them, in every file', () => {
    const pack = buildEvidencePack(packInput(findings, 'facts'));
    for (const [path, bytes] of pack.files) {
      const text = new TextDecoder().decode(bytes);
      assert.ok(!text.includes(FAKE_KEY), `${path} holds the fake key`);
      assert.ok(!text.includes(FAKE_SSN), `${path} holds the fake SSN`);
    }
    const html = new TextDecoder().decode(pack.files.get('index.html'));
    // Both failing cards and the waived one show the masked message.
    assert.equal(html.split(`(${'*'.repeat(FAKE_KEY.length)}, ${'*'.repeat(FAKE_SSN.length)})`).length - 1, 3);
  });
});

describe('registers a row at a time', () => {
  // The texts as they were made whole, before the pieces (JSON.stringify and join).
  const wholeRiskJson = (r: RiskRegister, display: (file: string) => string): string =>
    `${JSON.stringify({ schemaVersion: '1.1', method: r.method, bySafeguard: r.bySafeguard, entries: r.entries.map((e) => ({ ...e, ...(e.root !== undefined ? { root: display(e.root) } : {}), file: display(e.file) })) }, null, 2)}\n`;
  const wholeRiskCsv = (r: RiskRegister, display: (file: string) => string): string =>
    [RISK_COLUMNS, ...r.entries.map((e) => [e.score, e.level, e.likelihood, e.impact, e.status, e.severity, e.classification, e.ruleId, e.title, e.resource, display(e.file), e.line, e.safeguard, e.safeguardTitle, e.waiver ?? '', e.root !== undefined ? display(e.root) : ''])].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  const wholeMatrixCsv = (matrix: readonly MatrixSection[]): string => {
    const rows: (string | number | boolean)[][] = [];
    for (const s of matrix) {
      const head = [s.id, s.title, s.part, s.requirement, s.iac, s.verdict];
      if (s.rules.length === 0) rows.push([...head, '', '', false, 0, 0, 0, 0, '', '']);
      for (const r of s.rules) {
        const label = matrixResourceLabel(r);
        const with_ = (status: string): string => r.resources.filter((x) => x.status === status).map(label).join(' ');
        rows.push([...head, r.id, r.title, r.ran, r.counts.fail, r.counts.pass, r.counts.waived, r.counts.unknown, with_('fail'), with_('waived')]);
      }
    }
    return [CONTROL_MATRIX_COLUMNS, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  };
  const display = (file: string): string => `repo/${file}`;

  test('the risk register as JSON and CSV, with entries and without', () => {
    for (const list of [findings, []]) {
      const register = buildRiskRegister(list, (f) => (f.resource.root === 'envs/a' ? 'phi' : undefined));
      assert.equal([...riskRegisterJsonPieces(register, display)].join(''), wholeRiskJson(register, display));
      assert.equal([...riskRegisterCsvPieces(register, display)].join(''), wholeRiskCsv(register, display));
    }
  });

  test('the control matrix CSV; a rule\'s row is shared by the sections all its findings cite, and its own where some do not', () => {
    const catalog = packInput(findings, 'facts').catalog;
    const matrix = buildControlMatrix(findings, catalog, new Set(['aws-s3-bucket-versioning']));
    assert.equal([...controlMatrixCsvPieces(matrix)].join(''), wholeMatrixCsv(matrix));
    assert.equal(renderControlMatrixCsv(matrix), wholeMatrixCsv(matrix));
    const row = (section: string, rule: string) => matrix.find((s) => s.id === section)!.rules.find((r) => r.id === rule)!;
    assert.equal(row('164.312(c)(1)', 'aws-s3-bucket-versioning'), row('164.308(a)(7)(ii)(A)', 'aws-s3-bucket-versioning'));
    assert.deepEqual(row('164.312(c)(1)', 'aws-s3-bucket-versioning').counts, { fail: 2, pass: 1, unknown: 0, waived: 1 });
    // The encryption finding citing one section counts there only.
    assert.deepEqual(row('164.312(a)(2)(iv)', 'aws-s3-bucket-encryption-at-rest').counts, { fail: 1, pass: 1, unknown: 0, waived: 0 });
    assert.deepEqual(row('164.312(c)(1)', 'aws-s3-bucket-encryption-at-rest').counts, { fail: 0, pass: 1, unknown: 0, waived: 0 });
    assert.equal(matrix.length, HIPAA_SECTIONS.length);
  });
});
