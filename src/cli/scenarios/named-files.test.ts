// A Terraform file named alone (a pre-commit hook's staged files) is judged with its module, and
// the report is about that file (pipeline/module-context.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, runJson } from './run-cli.js';

interface Report {
  scan: { filesScanned: string[]; contextFiles?: string[] };
  summary: { filesScanned: number; filesForContext?: number; errors: number };
  findings: { ruleId: string; status: string; span: { file: string }; related: { span: { file: string } }[] }[];
  diagnostics: { code: string; severity: string; message: string }[];
}

test('a named file is evaluated with its siblings and tfvars: no undeclared-reference errors, values from terraform.tfvars judged', () => {
  const { status, report } = runJson(['scan', 'examples/noncompliant/rds.tf']);
  const r = report as unknown as Report;
  assert.equal(status, 1);
  assert.deepEqual(r.scan.filesScanned, ['examples/noncompliant/rds.tf']);
  assert.ok(r.scan.contextFiles?.includes('examples/noncompliant/variables.tf'));
  assert.ok(r.scan.contextFiles?.includes('examples/noncompliant/terraform.tfvars'));
  assert.equal(r.summary.filesScanned, 1);
  assert.equal(r.summary.filesForContext, r.scan.contextFiles?.length);
  assert.equal(r.summary.errors, 0);
  assert.deepEqual(r.diagnostics.filter((d) => d.code.startsWith('eval/')), []);
  // publicly_accessible = var.db_publicly_accessible, true in terraform.tfvars: failed, not unknown.
  const exposed = r.findings.find((f) => f.ruleId === 'aws-rds-instance-not-public');
  assert.equal(exposed?.status, 'fail');
  assert.ok(exposed.related.some((x) => x.span.file === 'examples/noncompliant/terraform.tfvars'));
  // Every finding is about the named file, by its location or by where its value is set.
  for (const f of r.findings) assert.ok(f.span.file === 'examples/noncompliant/rds.tf' || f.related.some((x) => x.span.file === 'examples/noncompliant/rds.tf'), `${f.ruleId} at ${f.span.file}`);
  const note = r.diagnostics.find((d) => d.code === 'scan/module-context');
  assert.equal(note?.severity, 'info');
  assert.match(note.message, /^Read 15 other files of the named files' modules to evaluate them \(.*\)\. Their own \d+ findings are not reported\.$/);
});

test('the text summary counts the files read for context apart', () => {
  const run = runCli(['scan', '-q', 'examples/hipaa-baseline/main.tf']);
  assert.match(run.stdout, /1 file scanned \(with \d+ more of its module read for context\), 0 skipped/);
  assert.doesNotMatch(run.stdout, /eval\/unknown-reference/);
});
