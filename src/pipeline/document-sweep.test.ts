// The secret and PHI sweep of non-Terraform text files (issue 6): which files it reads, and that
// ignore files, out-of-root links and size limits still hold for it.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../cli/scenarios/run-cli.js';
import { isSweptName, keepOnly, terraformCommentRanges, terraformJsonCommentRanges } from './document-sweep.js';
import { tempDir } from '../testing/temp-dir.js';

describe('document sweep', () => {
  test('reads .env files, configuration, scripts and templates by name; not docs or images', () => {
    for (const name of ['.env', '.env.production', 'app/prod.env', 'config.json', 'values.yaml', 'ci.yml', 'app.properties', 'setup.ini', 'user_data.sh', 'init.tftpl', 'cert.pem', 'pyproject.toml', 'seed.csv', 'seed.sql', 'notes.txt', 'live/dev/rds/terragrunt.hcl', 'live/dev/account.hcl', 'backend.hcl']) {
      assert.ok(isSweptName(name), name);
    }
    for (const name of ['README.md', 'logo.png', 'main.go', 'notes', 'environment.md', '.envrc.md', '.terraform.lock.hcl', 'live/.terraform.lock.hcl']) assert.ok(!isSweptName(name), name);
  });

  test('the comments of a Terraform file, everything else blanked at the same offsets; # in strings, interpolations and heredocs is no comment', () => {
    const text = '# one\nresource "x" "y" { # two\n  a = "#not ${"#no"} x" // three\n  b = <<EOT\n# not either\nEOT\n  /* four\n  */ c = 1\n}\n';
    const out = keepOnly(text, terraformCommentRanges(text));
    assert.equal(out.length, text.length);
    assert.equal(out.split('\n').length, text.split('\n').length);
    assert.deepEqual(out.split(/\s+/).filter((w) => w !== ''), ['#', 'one', '#', 'two', '//', 'three', '/*', 'four', '*/']);
    assert.deepEqual(terraformCommentRanges('resource "x" "y" {\n  url = "https://example.com"\n}\n'), []);
  });

  test('PHI in a Terraform comment and in a CSV seed file fails phi-no-phi-in-code at its line, masked', () => {
    const dir = tempDir('safeguard-comments-');
    writeFileSync(join(dir, 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "seed" # test patient ssn 287-65-4321 here\n}\n');
    writeFileSync(join(dir, 'seed.csv'), 'name,ssn\nA,301-44-5566\n');
    const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'phi-no-phi-in-code', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as { findings: { status: string; span: { file: string; start: { line: number } } }[] };
    const failed = report.findings.filter((f) => f.status === 'fail').map((f) => `${f.span.file}:${f.span.start.line}`).sort();
    assert.deepEqual(failed, ['main.tf:2', 'seed.csv:2']);
    assert.ok(!run.stdout.includes('287-65-4321') && !run.stdout.includes('301-44-5566'));
  });

  test('the "//" comment properties of a .tf.json file, at any depth and of any shape, are its comments; other strings are not', () => {
    const text = '{\n  "//": "top note",\n  "resource": {"aws_s3_bucket": {"b": {"//": {"metadata": {"path": "s/b"}, "notes": ["one", 2]}, "bucket": "//"}}}\n}\n';
    const out = keepOnly(text, terraformJsonCommentRanges(text));
    assert.equal(out.length, text.length);
    assert.deepEqual(out.split(/\s+/).filter((w) => w !== ''), ['top', 'note', 's/b', 'one']);
    assert.deepEqual(terraformJsonCommentRanges('{"resource": {"x": {"y": {"a": "#b"}}}}'), []);
    assert.deepEqual(terraformJsonCommentRanges('{"//": "not json'), []);
  });

  test('PHI and a secret in a .tf.json "//" comment fail their rules at the line and column, as in an HCL comment, never printed', () => {
    const dir = tempDir('safeguard-json-comments-');
    // The shapes the CDK for Terraform writes: a top-level "//" and one per block holding metadata.
    const json = '{\n  "//": "patient Jane Roe SSN 287-65-4321",\n  "resource": {\n    "aws_s3_bucket": {\n      "b": {\n        "//": {"metadata": {"path": "s/b", "uniqueId": "b"}, "note": "DB_PASSWORD=Json-Canary-Pass-4471"},\n        "bucket": "b"\n      }\n    }\n  }\n}\n';
    writeFileSync(join(dir, 'main.tf.json'), json);
    const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'phi-no-phi-in-code', '--rule', 'tf-no-secrets-in-code', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; status: string; span: { file: string; start: { line: number; column: number } } }[] };
    const failed = report.findings.filter((f) => f.status === 'fail').map((f) => `${f.ruleId} ${f.span.file}:${f.span.start.line}:${f.span.start.column}`).sort();
    const at = (needle: string) => {
      const offset = json.indexOf(needle);
      const before = json.slice(0, offset).split('\n');
      return `${before.length}:${before[before.length - 1]!.length + 1}`;
    };
    assert.deepEqual(failed, [`phi-no-phi-in-code main.tf.json:${at('287-65-4321')}`, `tf-no-secrets-in-code main.tf.json:${at("Json-Canary-Pass-4471")}`]);
    assert.ok(!run.stdout.includes('287-65-4321') && !run.stdout.includes("Json-Canary-Pass-4471"));
  });

  test('secrets in Terragrunt HCL files fail at their line; the state key beside them does not', () => {
    const dir = tempDir('safeguard-sweep-hcl-');
    mkdirSync(join(dir, 'live', 'dev', 'rds'), { recursive: true });
    writeFileSync(join(dir, 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "sweep-test"\n}\n');
    writeFileSync(join(dir, 'backend.hcl'), 'bucket = "acme-health-tfstate-111122223333"\nkey    = "live/dev/us-east-1/rds/terraform.tfstate"\nregion = "us-east-1"\n');
    writeFileSync(join(dir, 'live', 'dev', 'rds', 'terragrunt.hcl'), 'inputs = {\n  identifier = "dev-phi-db"\n  password   = "Hcl-Canary-Pass-4471"\n}\n');
    const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'tf-no-secrets-in-code', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as { findings: { status: string; span: { file: string; start: { line: number } } }[] };
    const failed = report.findings.filter((f) => f.status === 'fail').map((f) => `${f.span.file}:${f.span.start.line}`).sort();
    assert.deepEqual(failed, ['live/dev/rds/terragrunt.hcl:3']);
    assert.ok(!run.stdout.includes('Hcl-Canary-Pass-4471'));
  });

  test('finds secrets in swept files at their line and column, never prints them, and respects ignore files, links out of the root and size limits', () => {
    const outside = tempDir('safeguard-outside-');
    writeFileSync(join(outside, 'leak.env'), 'DB_PASSWORD=Outside-Root-Pass-6621\n');
    const dir = tempDir('safeguard-sweep-');
    mkdirSync(join(dir, 'svc'));
    writeFileSync(join(dir, 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "sweep-test"\n}\n');
    writeFileSync(join(dir, 'svc', 'app.env'), '# service\nAPP_ENV=prod\nDB_PASSWORD=Sweep-Canary-Pass-3391\n');
    writeFileSync(join(dir, 'svc', 'ignored.env'), 'DB_PASSWORD=Ignored-Canary-Pass-1177\n');
    writeFileSync(join(dir, '.safeguardignore'), 'svc/ignored.env\n');
    writeFileSync(join(dir, 'big.json'), `{"api_token": "Big-Canary-Token-8841", "pad": "${'x'.repeat(6 * 1024 * 1024)}"}`);
    symlinkSync(join(outside, 'leak.env'), join(dir, 'linked.env'));

    const run = runCli(['scan', '.', '--format', 'json:out.json', '--fail-on', 'none', '--quiet'], { cwd: dir });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const text = readFileSync(join(dir, 'out.json'), 'utf8');
    const report = JSON.parse(text) as { scan: { filesScanned: string[] }; findings: { ruleId: string; status: string; span: { file: string; start: { line: number; column: number } }; message: string }[]; skipped: { path: string; reason: string }[] };
    assert.ok(report.scan.filesScanned.includes('svc/app.env'));
    const hits = report.findings.filter((f) => f.status === 'fail' && f.ruleId === 'tf-no-secrets-in-code');
    assert.deepEqual(
      hits.map((f) => [f.span.file, f.span.start.line, f.span.start.column]),
      [['svc/app.env', 3, 13]],
    );
    assert.match(hits[0]!.message, /file svc\/app\.env: line 3 holds a hard-coded .*DB_PASSWORD/);
    for (const canary of ['Sweep-Canary-Pass-3391', 'Ignored-Canary-Pass-1177', 'Big-Canary-Token-8841', 'Outside-Root-Pass-6621']) assert.ok(!text.includes(canary), canary);
    const skipped = new Map(report.skipped.map((s) => [s.path, s.reason]));
    assert.equal(skipped.get('svc/ignored.env'), 'ignored');
    assert.equal(skipped.get('big.json'), 'too-large');
    assert.equal(skipped.get('linked.env'), 'outside-root');
  });
});
