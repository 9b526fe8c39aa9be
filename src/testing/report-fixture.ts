// Test support: one small scan's worth of findings (fail, waived, pass, unknown, a related tfvars
// line, a parse error, a secret in the source) that every reporter test renders.
import type { Finding } from '../engine/finding.js';
import type { ReportContext, ReportInput } from '../reporters/report-input.js';
import { LineIndex } from '../source/line-index.js';

export const MAIN_TF =
  'resource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  storage_encrypted = false\n  password          = "hunter2"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "phi-logs"\n}\n';
export const PROD_TFVARS = 'encrypted = false\n';
export const SECRET = 'hunter2';

/** A span of `needle` in `text` (first occurrence). */
export function spanOf(file: string, text: string, needle: string | RegExp, length?: number) {
  const match = typeof needle === 'string' ? { index: text.indexOf(needle), 0: needle } : needle.exec(text) ?? { index: -1, 0: '' };
  if (match.index < 0) throw new Error(`${String(needle)} not in ${file}`);
  return new LineIndex(text).span(file, match.index, match.index + (length ?? match[0].length));
}

export function fixtureFindings(main = MAIN_TF): Finding[] {
  const failing: Finding = {
    ruleId: 'aws-rds-require-storage-encryption',
    status: 'fail',
    severity: 'high',
    title: 'RDS instances encrypt storage at rest',
    message: 'aws_db_instance.phi sets storage_encrypted to false.',
    resource: { address: 'aws_db_instance.phi', kind: 'aws_db_instance' },
    span: spanOf('rds.tf', main, /storage_encrypted = [^\n]*/),
    related: [{ span: spanOf('prod.tfvars', PROD_TFVARS, 'encrypted = false'), message: 'The value comes from prod.tfvars.' }],
    controls: ['164.312(a)(2)(iv)'],
    fix: { description: 'Enable storage encryption (the instance will be recreated)', safety: 'unsafe' },
  };
  const secret: Finding = {
    ruleId: 'hygiene-no-hardcoded-secrets',
    status: 'fail',
    severity: 'critical',
    title: 'No secrets in Terraform source',
    message: 'aws_db_instance.phi sets password to a literal value.',
    resource: { address: 'aws_db_instance.phi', kind: 'aws_db_instance' },
    span: spanOf('rds.tf', main, /password {10}= [^\n]*/),
    related: [],
    controls: ['164.312(a)(1)', '164.308(a)(5)(ii)(D)'],
  };
  const waived: Finding = {
    ...failing,
    ruleId: 'aws-rds-require-backups',
    status: 'waived',
    severity: 'medium',
    title: 'RDS instances keep backups',
    message: 'aws_db_instance.phi does not set backup_retention_period, so backups are off.',
    fix: undefined,
    related: [],
    span: spanOf('rds.tf', main, 'resource "aws_db_instance" "phi" {\n  engine'),
    controls: ['164.308(a)(7)(ii)(A)'],
    waiver: { source: 'inline', id: 'safeguard:aws-rds-require-backups', marker: 'safeguard:ignore aws-rds-require-backups', reason: 'dev database', expires: '2026-06-30' },
  };
  const passing: Finding = {
    ...failing,
    ruleId: 'aws-s3-bucket-require-encryption',
    status: 'pass',
    severity: 'high',
    title: 'S3 buckets encrypt objects at rest',
    message: 'aws_s3_bucket.logs encrypts objects at rest (the AWS default since 2023).',
    resource: { address: 'aws_s3_bucket.logs', kind: 'aws_s3_bucket' },
    span: spanOf('rds.tf', main, 'resource "aws_s3_bucket" "logs"'),
    related: [],
    fix: undefined,
  };
  const unknown: Finding = {
    ...passing,
    ruleId: 'aws-s3-bucket-require-logging',
    status: 'unknown',
    severity: 'low',
    title: 'S3 buckets log access',
    message: 'Logging depends on a value known only at apply time.',
    controls: ['164.312(b)'],
  };
  return [waived, failing, secret, passing, unknown];
}

export function fixtureInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const findings = overrides.findings ?? fixtureFindings();
  const blocking = findings.filter((f) => f.status === 'fail');
  return {
    displayRoot: 'infra',
    files: [{ path: 'rds.tf' }, { path: 'prod.tfvars' }],
    skipped: [{ path: 'tfplan.json', reason: 'not-yet-supported', detail: 'Terraform plan: not yet supported, skipped' }],
    findings,
    diagnostics: [
      { code: 'parse/hcl', severity: 'error', message: 'Expected an expression.', span: spanOf('broken.tf', 'x = \n', '\n', 1), hint: 'Finish the attribute.' },
    ],
    rulesRun: [...new Set(findings.map((f) => f.ruleId)), 'aws-vpc-require-flow-logs'].map((id) => ({ id })),
    timings: { discoverMs: 1, evaluateMs: 2, rulesMs: 3, totalMs: 1500 },
    failOn: 'high',
    blocking,
    exitCode: 1,
    ...overrides,
  };
}

export function fixtureContext(overrides: Partial<ReportContext> = {}, main = MAIN_TF): ReportContext {
  return {
    tool: { name: 'safeguard', version: '9.9.9' },
    sources: (file) => (file === 'rds.tf' ? main : file === 'prod.tfvars' ? PROD_TFVARS : file === 'broken.tf' ? 'x = \n' : undefined),
    ruleDoc: (id) => ({
      id,
      title: `Title of ${id}`,
      why: 'A leaked snapshot exposes ePHI.',
      howToFix: 'Set storage_encrypted = true.',
      links: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'],
      severity: 'high',
      controls: ['164.312(a)(2)(iv)'],
      examples: { bad: ['resource "aws_db_instance" "phi" {\n  password = "hunter2"\n}\n'], good: ['resource "aws_db_instance" "phi" {\n  storage_encrypted = true\n}\n'] },
    }),
    color: false,
    verbose: false,
    quiet: false,
    now: new Date('2026-03-01T12:00:00Z'),
    ...overrides,
  };
}
