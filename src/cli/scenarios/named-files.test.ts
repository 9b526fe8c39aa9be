// A Terraform file named alone (a pre-commit hook's staged files) is judged as part of the
// configuration it belongs to, and the report is about that file (pipeline/module-context.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, runJson } from './run-cli.js';

interface Report {
  scan: { root: string; filesScanned: string[]; contextFiles?: string[] };
  summary: { filesScanned: number; filesForContext?: number; errors: number };
  findings: { ruleId: string; status: string; span: { file: string }; related: { span: { file: string }; message: string }[] }[];
  diagnostics: { code: string; severity: string; message: string }[];
}

const json = (args: string[], cwd?: string): { status: number | null; report: Report } => {
  if (cwd === undefined) {
    const { status, report } = runJson(args);
    return { status, report: report as unknown as Report };
  }
  const run = runCli([...args, '--format', 'json'], { cwd });
  return { status: run.status, report: JSON.parse(run.stdout) as Report };
};

test('a named file is evaluated with its siblings and tfvars: no undeclared-reference errors, values from terraform.tfvars judged', () => {
  const { status, report: r } = json(['scan', 'examples/noncompliant/rds.tf']);
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
  assert.ok(exposed?.related.some((x) => x.span.file === 'examples/noncompliant/terraform.tfvars'));
  // Every finding is in the named file's module (its directory: a change to one file can fail a sibling's resource).
  const inModule = (file: string): boolean => file.startsWith('examples/noncompliant/') && !file.slice('examples/noncompliant/'.length).includes('/');
  for (const f of r.findings) assert.ok(inModule(f.span.file) || f.related.some((x) => inModule(x.span.file)), `${f.ruleId} at ${f.span.file}`);
  assert.deepEqual(
    r.findings.filter((f) => f.span.file === 'examples/noncompliant/rds.tf').length,
    json(['scan', 'examples/noncompliant']).report.findings.filter((f) => f.span.file === 'examples/noncompliant/rds.tf').length,
  );
  const note = r.diagnostics.find((d) => d.code === 'scan/module-context');
  assert.equal(note?.severity, 'info');
  assert.match(note?.message ?? '', /^Evaluated the named files with the \d+ other Terraform files under the scan root, as one configuration\. Their \d+ findings \(\d+ failing\)( and \d+ diagnostics \(\d+ errors\))? outside the named files' modules are not reported\.$/);
});

test('the text summary counts the files read for context apart', () => {
  const run = runCli(['scan', '-q', 'examples/hipaa-baseline/main.tf']);
  assert.match(run.stdout, /1 file scanned \(and \d+ more Terraform files read for context\), 0 skipped/);
  assert.doesNotMatch(run.stdout, /eval\/unknown-reference/);
});

test('in a repository, a named file is judged through the modules it calls and the root modules that call it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-named-'));
  try {
    mkdirSync(path.join(dir, '.git'));
    mkdirSync(path.join(dir, 'envs/prod'), { recursive: true });
    mkdirSync(path.join(dir, 'modules/db'), { recursive: true });
    writeFileSync(path.join(dir, 'envs/prod/main.tf'), 'module "db" {\n  source    = "../../modules/db"\n  encrypted = false\n}\n');
    writeFileSync(path.join(dir, 'modules/db/main.tf'), 'variable "encrypted" {\n  default = true\n}\n\nresource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  storage_encrypted = var.encrypted\n}\n');
    const encryption = (r: Report) => r.findings.filter((f) => f.ruleId === 'aws-rds-storage-encrypted').map((f) => `${f.status} ${f.span.file}`);

    // The caller's file: the module's finding is reported, as its value is set there.
    const caller = json(['scan', 'envs/prod/main.tf'], dir).report;
    assert.equal(caller.scan.root, '.');
    assert.deepEqual(encryption(caller), ['fail modules/db/main.tf']);
    assert.ok(!caller.diagnostics.some((d) => d.code === 'module/outside-root'));
    // The module's file: judged through its caller, not with its own default (a false pass).
    assert.deepEqual(encryption(json(['scan', 'modules/db/main.tf'], dir).report), ['fail modules/db/main.tf']);
    // The same whatever else is named, and from inside the module's directory.
    assert.deepEqual(encryption(json(['scan', 'modules/db/main.tf', 'envs/prod/main.tf'], dir).report), ['fail modules/db/main.tf']);
    const inside = json(['scan', 'main.tf'], path.join(dir, 'modules/db')).report;
    assert.deepEqual(inside.findings.filter((f) => f.ruleId === 'aws-rds-storage-encrypted').map((f) => f.status), ['fail']);
    // A sibling's resource is the named file's concern: emptying the file that encrypts it fails it.
    writeFileSync(path.join(dir, 'envs/prod/extra.tf'), '');
    assert.deepEqual(encryption(json(['scan', 'envs/prod/extra.tf'], dir).report), ['fail modules/db/main.tf']);

    // A stack's own config applies to its files however they are named.
    writeFileSync(path.join(dir, 'envs/prod/.safeguard.yaml'), 'rules:\n  aws-rds-storage-encrypted: off\n');
    assert.deepEqual(encryption(json(['scan', 'envs/prod/main.tf'], dir).report), []);
    rmSync(path.join(dir, 'envs/prod/.safeguard.yaml'));

    // Out of a repository the root stays the named file's directory.
    rmSync(path.join(dir, '.git'), { recursive: true });
    const alone = json(['scan', 'envs/prod/main.tf'], dir).report;
    assert.equal(alone.scan.root, 'envs/prod');
    assert.ok(alone.diagnostics.some((d) => d.code === 'module/outside-root' && d.severity === 'error'), 'a module the scan could not read is unverified: an error');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
