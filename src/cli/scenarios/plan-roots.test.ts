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

/** A plan of one stack in account 111122223333, its resources created as `after`. */
function accountPlan(resources: readonly { type: string; name: string; after: Record<string, unknown> }[]): string {
  const constant = (after: Record<string, unknown>) => Object.fromEntries(Object.entries(after).map(([k, v]) => [k, { constant_value: v }]));
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.11.0',
    resource_changes: resources.map((r) => ({ address: `${r.type}.${r.name}`, mode: 'managed', type: r.type, name: r.name, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after: r.after, after_unknown: {}, before_sensitive: false, after_sensitive: {} } })),
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'us-east-1' }, allowed_account_ids: { constant_value: ['111122223333'] } } } },
      root_module: { resources: resources.map((r) => ({ address: `${r.type}.${r.name}`, mode: 'managed', type: r.type, name: r.name, provider_config_key: 'aws', expressions: constant(r.after) })) },
    },
  }, null, 2);
}

test('plans are judged together, as root modules are: an account has one verdict, evidenced by the plan of its baseline stack', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-plans-together-'));
  try {
    mkdirSync(path.join(dir, 'baseline'));
    mkdirSync(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'baseline/tfplan.json'), accountPlan([{ type: 'aws_guardduty_detector', name: 'main', after: { enable: true } }]));
    writeFileSync(path.join(dir, 'app/tfplan.json'), accountPlan([{ type: 'aws_db_instance', name: 'patients', after: { engine: 'postgres', instance_class: 'db.t3.micro', storage_encrypted: true } }]));
    const run = runCli(['scan', dir, '--no-cache', '--rule', 'aws-guardduty-enabled', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: { status: string; resource: { address: string } }[] };
    // Judged plan by plan, the app stack's plan gave a second verdict on the same account: not evidenced.
    const subjects = report.findings.filter((f) => f.resource.address.startsWith('aws-account-baseline'));
    assert.deepEqual(subjects.map((f) => `${f.status} ${f.resource.address}`), ['pass aws-account-baseline[111122223333]']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a plan beside its sources reports a literal secret in a variable default once, where the sources report it', () => {
  // A real plan (terraform 1.11, hashicorp/aws 5.100.0, provider credentials trimmed) of this
  // configuration; the password is a fake. The plan fails each planned database using the default,
  // located at the default: the same fact as the sources' failure on var.db_password.
  const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-plan-secret-'));
  try {
    writeFileSync(
      path.join(dir, 'main.tf'),
      [
        'resource "aws_s3_bucket" "new" {\n  bucket = "example-moved-bucket"\n}\n',
        'moved {\n  from = aws_s3_bucket.old\n  to   = aws_s3_bucket.new\n}\n',
        'removed {\n  from = aws_s3_bucket.gone\n  lifecycle {\n    destroy = false\n  }\n}\n',
        'resource "aws_db_instance" "db" {\n  for_each            = { "east.1" = "a", "q\\"x" = "b" }\n  identifier          = "example-db-${each.value}"\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  allocated_storage   = 20\n  username            = "app"\n  password            = var.db_password\n  storage_encrypted   = each.value == "a"\n  skip_final_snapshot = true\n}\n',
        'variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "Fake-Passw0rd-Example"\n}\n',
      ].join('\n'),
    );
    copyFileSync('test/fixtures/plan/secret-default-plan.json', path.join(dir, 'plan.json'));
    const run = runCli(['scan', dir, '--rule', 'tf-no-secrets-in-code', '--format', 'json', '--no-cache']);
    const report = JSON.parse(run.stdout) as { findings: { status: string; resource: { address: string }; span: { file: string; start: { line: number } } }[] };
    const failing = report.findings.filter((f) => f.status === 'fail');
    assert.deepEqual(failing.map((f) => `${f.resource.address} ${path.basename(f.span.file)}:${f.span.start.line}`), ['var.db_password main.tf:32']);
    assert.equal(run.status, 1);
    assert.ok(!run.stdout.includes('Fake-Passw0rd-Example'), 'the password is masked');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a plan beside its sources keeps every verdict the sources give its data sources (the plan judges their arguments nowhere)', () => {
  // A real plan (terraform 1.11, hashicorp/aws 5.100.0, `plan -refresh=false`, trimmed: no
  // credentials) of test/fixtures/plan/data-sources/main.tf: two aws_iam_policy_document data
  // sources, one read while planning, one at apply time; the SSN in a condition is a fake. The secret
  // and PHI scans judge a data source's arguments in the sources only; with its address planned,
  // their passes, and the PHI failure at the condition, were in neither part of the combined scan.
  const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-plan-data-'));
  try {
    mkdirSync(path.join(dir, 'sources'));
    mkdirSync(path.join(dir, 'beside'));
    for (const d of ['sources', 'beside']) copyFileSync('test/fixtures/plan/data-sources/main.tf', path.join(dir, d, 'main.tf'));
    copyFileSync('test/fixtures/plan/data-sources/plan.json', path.join(dir, 'beside/plan.json'));
    const verdicts = (sub: string): string[] => {
      const run = runCli(['scan', sub, '--no-cache', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { findings: { ruleId: string; status: string; resource: { address: string }; span: { file: string; start: { line: number } } }[] };
      return report.findings.map((f) => `${f.status} ${f.ruleId} ${f.resource.address} ${path.basename(f.span.file)}:${f.span.start.line}`).sort();
    };
    const alone = verdicts('sources');
    const beside = verdicts('beside');
    const onData = beside.filter((v) => v.includes(' data.aws_iam_policy_document.'));
    assert.deepEqual(onData, [
      'fail phi-no-phi-in-code data.aws_iam_policy_document.read main.tf:16',
      'pass phi-no-phi-in-code data.aws_iam_policy_document.dyn main.tf:20',
      'pass tf-no-secrets-in-code data.aws_iam_policy_document.dyn main.tf:20',
      'pass tf-no-secrets-in-code data.aws_iam_policy_document.read main.tf:9',
    ]);
    assert.deepEqual(beside, alone, 'the plan beside its sources gives the verdicts of the sources alone');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
