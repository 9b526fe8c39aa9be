// A plan stands for the root module in its own directory: another root module's resource at the
// same address keeps its source findings (a plan copied elsewhere in the tree hid a public database).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './run-cli.js';

const PUBLIC_DB = 'resource "aws_db_instance" "patients" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  publicly_accessible = true\n}\n';

test("a plan in another directory does not replace a root module's findings at the same address", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-plan-roots-'));
  try {
    mkdirSync(path.join(dir, 'app'));
    mkdirSync(path.join(dir, 'other'));
    writeFileSync(path.join(dir, 'app/main.tf'), PUBLIC_DB);
    copyFileSync('test/fixtures/plan/tfplan.json', path.join(dir, 'other/tfplan.json'));
    const run = runCli(['scan', dir, '--rule', 'aws-rds-instance-not-public', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: { status: string; span: { file: string } }[] };
    const inApp = report.findings.filter((f) => f.span.file.endsWith('app/main.tf'));
    assert.deepEqual(inApp.map((f) => f.status), ['fail']);
    assert.equal(run.status, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a plan alone is not judged by the repository rules: it records no backend, terraform block or lock file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-plan-only-'));
  try {
    copyFileSync('test/fixtures/plan/tfplan.json', path.join(dir, 'tfplan.json'));
    const rules = ['tf-remote-state-encrypted', 'tf-remote-state-locked', 'tf-provider-versions-pinned', 'tf-required-version-pinned', 'tf-dependency-lock-file', 'aws-rds-storage-encrypted'];
    const run = runCli(['scan', dir, ...rules.flatMap((r) => ['--rule', r]), '--format', 'json', '--fail-on', 'none']);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[] };
    assert.deepEqual([...new Set(report.findings.map((f) => f.ruleId))], ['aws-rds-storage-encrypted'], 'the plan\'s resources are still judged');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a suppression on a module block covers that module's findings from a plan too (a plan's model has no module calls of its own)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-plan-suppression-'));
  try {
    mkdirSync(path.join(dir, 'store'));
    writeFileSync(path.join(dir, 'main.tf'), '# safeguard:ignore aws-rds-storage-encrypted encrypted by the platform volume policy\nmodule "store" {\n  source = "./store"\n}\n');
    writeFileSync(path.join(dir, 'store/main.tf'), 'resource "aws_db_instance" "this" {\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  storage_encrypted = false\n}\n');
    const after = { engine: 'postgres', instance_class: 'db.t3.micro', storage_encrypted: false };
    const expressions = { engine: { constant_value: 'postgres' }, instance_class: { constant_value: 'db.t3.micro' }, storage_encrypted: { constant_value: false } };
    const plan = {
      format_version: '1.2',
      terraform_version: '1.11.0',
      resource_changes: [{ address: 'module.store.aws_db_instance.this', module_address: 'module.store', mode: 'managed', type: 'aws_db_instance', name: 'this', provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after, after_unknown: {}, before_sensitive: false, after_sensitive: {} } }],
      configuration: { root_module: { module_calls: { store: { source: './store', module: { resources: [{ address: 'aws_db_instance.this', mode: 'managed', type: 'aws_db_instance', name: 'this', expressions }] } } } } },
    };
    writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan, null, 2));
    const run = runCli(['scan', '.', '--no-cache', '--rule', 'aws-rds-storage-encrypted', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as { findings: { status: string; resource: { root?: string } }[] };
    assert.deepEqual(report.findings.map((f) => `${f.status} ${f.resource.root}`), ['waived plan.json']);
    assert.equal(run.status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
