// Baseline and --changed-since scenarios: the built CLI on a small git repository made here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../cli/scenarios/run-cli.js';
import { tempDir } from '../testing/temp-dir.js';

const BUCKET = (name: string) => `resource "aws_db_instance" "${name}" {\n  engine            = "postgres"\n  storage_encrypted = false\n}\n`;

interface JsonReport {
  findings: { ruleId: string; status: string; resource: { address: string }; span: { file: string } }[];
  diagnostics: { code: string; message: string }[];
}

function repo(): string {
  const dir = tempDir('safeguard-baseline-');
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'Test');
  mkdirSync(path.join(dir, 'a'));
  mkdirSync(path.join(dir, 'b'));
  writeFileSync(path.join(dir, 'a/db.tf'), BUCKET('phi'));
  writeFileSync(path.join(dir, 'b/db.tf'), BUCKET('other'));
  git('add', '.');
  git('commit', '-q', '-m', 'initial');
  return dir;
}

const scanJson = (dir: string, args: string[]) => {
  const run = runCli(['scan', '.', '--format', 'json', ...args], { cwd: dir });
  return { status: run.status, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
};
const failing = (r: JsonReport) => r.findings.filter((f) => f.status === 'fail' && f.ruleId === 'aws-rds-storage-encrypted').map((f) => `${f.span.file} ${f.resource.address}`);

describe('baselines', () => {
  test('baseline create, then scan --baseline reports only new findings and lists fixed entries', () => {
    const dir = repo();
    const created = runCli(['baseline', 'create', '.'], { cwd: dir });
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stderr, /Baseline written to \.safeguard-baseline\.json: \d+ failing findings/);
    const baseline = JSON.parse(readFileSync(path.join(dir, '.safeguard-baseline.json'), 'utf8')) as { entries: { file: string; resource: string; fingerprint: string }[] };
    assert.ok(baseline.entries.some((e) => e.file === 'a/db.tf' && e.resource === 'aws_db_instance.phi' && /^[0-9a-f]{32}$/.test(e.fingerprint)));

    const clean = scanJson(dir, ['--baseline', '.safeguard-baseline.json']);
    assert.deepEqual(failing(clean.report), []);
    assert.equal(clean.status, 0, 'nothing new: the run passes');

    // Lines inserted above do not make a finding new; the same address in a new file does (Checkov's flaw).
    writeFileSync(path.join(dir, 'a/db.tf'), `# PHI\n\n${BUCKET('phi')}`);
    mkdirSync(path.join(dir, 'c'));
    writeFileSync(path.join(dir, 'c/db.tf'), BUCKET('phi'));
    // Fix one baselined finding.
    writeFileSync(path.join(dir, 'b/db.tf'), BUCKET('other').replace('storage_encrypted = false', 'storage_encrypted = true'));
    const next = scanJson(dir, ['--baseline', '.safeguard-baseline.json']);
    assert.deepEqual(failing(next.report), ['c/db.tf aws_db_instance.phi']);
    assert.equal(next.status, 1);
    assert.ok(next.report.diagnostics.some((d) => d.code === 'baseline/gone' && /aws-rds-storage-encrypted on aws_db_instance\.other \(b\/db\.tf:\d+\)/.test(d.message)));
  });

  test('a corrupt baseline is a setup error (exit 2)', () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'bad.json'), '{"version": 7, "entries": []}');
    const run = runCli(['scan', '.', '--baseline', 'bad.json'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /bad\.json: version: expected 1, got 7\./);
  });
});

describe('--changed-since', () => {
  test('reports only findings in modules changed since the ref, including uncommitted and untracked files', () => {
    const dir = repo();
    execFileSync('git', ['-C', dir, 'checkout', '-q', '-b', 'feature']);
    writeFileSync(path.join(dir, 'a/variables.tf'), 'variable "x" {\n  default = 1\n}\n');
    const run = scanJson(dir, ['--changed-since', 'main']);
    assert.deepEqual(failing(run.report), ['a/db.tf aws_db_instance.phi'], 'b/ did not change');
    assert.ok(run.report.diagnostics.some((d) => d.code === 'scan/changed-since'));
    const nothing = runCli(['scan', '.', '--changed-since', 'no-such-ref'], { cwd: dir });
    assert.equal(nothing.status, 2);
    assert.match(nothing.stderr, /--changed-since no-such-ref: not a git revision/);
  });
});

describe('several reports in one run', () => {
  test('--format sarif:FILE --format markdown:FILE --format text', () => {
    const dir = repo();
    const run = runCli(['scan', '.', '--format', 'sarif:out/results.sarif', '--format', 'markdown:out/comment.md', '--format', 'text', '--no-color'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /aws-rds-storage-encrypted/);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'out/results.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0]!.results.length > 0);
    assert.match(readFileSync(path.join(dir, 'out/comment.md'), 'utf8'), /^<!-- safeguard-report -->\n## ❌ Safeguard/);
    const twice = runCli(['scan', '.', '--format', 'json', '--format', 'text'], { cwd: dir });
    assert.equal(twice.status, 2);
    assert.match(twice.stderr, /More than one --format writes to stdout/);
  });
});
