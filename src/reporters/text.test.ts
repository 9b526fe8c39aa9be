import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import { LineIndex } from '../source/line-index.js';
import { renderJson } from './json.js';
import type { ReportContext, ReportInput } from './report-input.js';
import { renderText } from './text.js';

const MAIN = 'resource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  storage_encrypted = false\n  password          = "hunter2"\n}\n';
const VARS = 'encrypted = false\n';
const lines = new LineIndex(MAIN);
const at = (needle: string, length = needle.length) => lines.span('rds.tf', MAIN.indexOf(needle), MAIN.indexOf(needle) + length);

const failing: Finding = {
  ruleId: 'aws-rds-require-storage-encryption',
  status: 'fail',
  severity: 'high',
  title: 'RDS instances encrypt storage at rest',
  message: 'aws_db_instance.phi sets storage_encrypted to false.',
  resource: { address: 'aws_db_instance.phi', kind: 'aws_db_instance' },
  span: at('storage_encrypted = false'),
  related: [{ span: new LineIndex(VARS).span('prod.tfvars', 0, 17), message: 'value comes from here' }],
  controls: ['164.312(a)(2)(iv)'],
  fix: { description: 'Enable storage encryption (the instance will be recreated)', safety: 'unsafe' },
};
const waived: Finding = {
  ...failing,
  ruleId: 'aws-rds-require-backups',
  status: 'waived',
  fix: undefined,
  span: at('resource'),
  waiver: { source: 'inline', id: 'safeguard:aws-rds-require-backups', marker: 'safeguard:ignore aws-rds-require-backups', reason: 'dev database', expires: '2026-06-30' },
};

const input: ReportInput = {
  displayRoot: 'infra',
  files: [{ path: 'rds.tf' }, { path: 'prod.tfvars' }],
  skipped: [{ path: 'tfplan.json', reason: 'not-yet-supported', detail: 'Terraform plan: not yet supported, skipped' }],
  findings: [failing, waived],
  diagnostics: [{ code: 'parse/hcl', severity: 'error', message: 'Expected an expression.', span: at('"postgres"', 1), hint: 'Finish the attribute.' }],
  rulesRun: [{ id: 'aws-rds-require-storage-encryption' }, { id: 'aws-rds-require-backups' }],
  timings: { discoverMs: 1, evaluateMs: 2, rulesMs: 3, totalMs: 6 },
  failOn: 'high',
  blocking: [failing],
  exitCode: 1,
};

const context: ReportContext = {
  tool: { name: 'safeguard', version: '9.9.9' },
  sources: (file) => (file === 'rds.tf' ? MAIN : file === 'prod.tfvars' ? VARS : undefined),
  ruleDoc: (id) => ({ id, title: 't', why: 'A leaked snapshot exposes ePHI.', howToFix: 'Set storage_encrypted = true.', links: [] }),
  color: false,
  verbose: false,
  quiet: false,
};

test('text report: grouped by safeguard, code frame, related, why, fix, waivers, problems, summary', () => {
  assert.equal(
    renderText(input, context),
    [
      'HIPAA 164.312(a)(2)(iv) Encryption and decryption  (164.312 Technical safeguards)',
      '',
      'infra/rds.tf:3:3  high  aws-rds-require-storage-encryption',
      '  aws_db_instance.phi sets storage_encrypted to false.',
      '    2 |   engine            = "postgres"',
      '  > 3 |   storage_encrypted = false',
      '      |   ^^^^^^^^^^^^^^^^^^^^^^^^^',
      '    4 |   password          = "*******"',
      '  ↳ infra/prod.tfvars:1:1 value comes from here',
      '  why: A leaked snapshot exposes ePHI.',
      '  fix (unsafe): Enable storage encryption (the instance will be recreated)   HIPAA 164.312(a)(2)(iv)',
      '',
      'Waived (1)',
      '',
      '  infra/rds.tf:1:1  aws-rds-require-backups  aws_db_instance.phi',
      '    waived by safeguard:ignore aws-rds-require-backups: dev database (expires 2026-06-30)',
      '',
      'Problems (1)',
      '',
      'infra/rds.tf:2:23  error  parse/hcl',
      '  Expected an expression.',
      '    1 | resource "aws_db_instance" "phi" {',
      '  > 2 |   engine            = "postgres"',
      '      |                       ^',
      '    3 |   storage_encrypted = false',
      '  hint: Finish the attribute.',
      '',
      '✖ 1 failed (1 high) · 0 passed · 0 unknown · 1 waived · 1 error — 1 finding at or above high; 1 input could not be checked',
      '  2 files scanned, 1 skipped (1 not yet supported; --verbose lists them) · 2 rules · 0.0s',
      '',
    ].join('\n'),
  );
});

test('quiet shows only blocking failures, errors and the summary; verbose lists skipped files', () => {
  const quiet = renderText(input, { ...context, quiet: true });
  assert.doesNotMatch(quiet, /Waived/);
  assert.match(quiet, /Problems \(1\)/);
  const verbose = renderText(input, { ...context, verbose: true });
  assert.match(verbose, /Skipped \(1\)\n\n {2}infra\/tfplan\.json {2}Terraform plan: not yet supported, skipped/);
  assert.match(verbose, /Timings: discover 1 ms/);
});

test('JSON report carries every field and no file contents', () => {
  const json = renderJson(input, context);
  assert.ok(!json.includes('hunter2'));
  const report = JSON.parse(json) as { findings: Record<string, unknown>[]; summary: Record<string, unknown>; skipped: unknown[]; diagnostics: Record<string, unknown>[] };
  const f = report.findings[0]!;
  assert.equal(f['blocking'], true);
  assert.deepEqual(f['fix'], { description: 'Enable storage encryption (the instance will be recreated)', safety: 'unsafe' });
  assert.deepEqual(f['controls'], [{ id: '164.312(a)(2)(iv)', title: 'Encryption and decryption', part: '164.312 Technical safeguards' }]);
  assert.equal((f['span'] as { file: string }).file, 'infra/rds.tf');
  assert.equal(((f['related'] as { span: { file: string } }[])[0]!).span.file, 'infra/prod.tfvars');
  assert.equal((report.findings[1]!['waiver'] as { reason: string }).reason, 'dev database');
  assert.equal(report.summary['blocking'], 1);
  assert.equal(report.diagnostics[0]!['file'], 'infra/rds.tf');
});
