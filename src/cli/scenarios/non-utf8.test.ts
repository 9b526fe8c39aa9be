// Terraform files that are not valid UTF-8 (a Latin-1 comment): Terraform reads them, so the scan
// checks them with a warning and the same verdict as the UTF-8 file; nothing writes them back.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { CLI, runCli } from './run-cli.js';

const MAIN = (owner: string): string =>
  `# Owner: ${owner} (PHI bucket)\nvariable "public" {}\n\nresource "aws_db_instance" "db" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  publicly_accessible = var.public\n}\n`;
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

interface JsonReport {
  findings: { ruleId: string; status: string; resource: { address: string }; span: { file: string; start: { line: number } } }[];
  diagnostics: { code: string; severity: string; message: string; span?: { file: string; start: { line: number; column: number } } }[];
}

describe('Terraform files that are not valid UTF-8', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'safeguard-latin1-'));
  after(() => rmSync(work, { recursive: true, force: true }));
  const write = (rel: string, contents: string | Buffer): void => {
    mkdirSync(path.dirname(path.join(work, rel)), { recursive: true });
    writeFileSync(path.join(work, rel), contents);
  };
  // The same configuration twice: Latin-1 (é is the byte E9) and UTF-8.
  write('latin1/main.tf', latin1(MAIN('José')));
  write('latin1/terraform.tfvars', latin1('# Revu par José\npublic = true\n'));
  write('utf8/main.tf', MAIN('José'));
  write('utf8/terraform.tfvars', '# Revu par José\npublic = true\n');
  write('clean/main.tf', latin1('# Owner: José\nlocals {\n  owner = "x"\n}\n'));

  const scan = (dir: string): { status: number | null; report: JsonReport; stdout: Buffer; stderr: Buffer } => {
    const file = path.join(work, `${dir}.json`);
    const run = spawnSync(process.execPath, [CLI, 'scan', dir, '--no-color', '--format', 'text', '--format', `json:${file}`], { cwd: work, env: { PATH: process.env['PATH'] ?? '' } });
    return { status: run.status, report: JSON.parse(readFileSync(file, 'utf8')) as JsonReport, stdout: run.stdout, stderr: run.stderr };
  };
  const keys = (r: JsonReport): string[] => r.findings.map((f) => `${f.status} ${f.ruleId} ${f.resource.address} ${f.span.file.replace(/^[^/]+\//, '')}:${f.span.start.line}`);

  test('the scan checks it as the UTF-8 file: same findings and exit code, plus one warning per file naming the first invalid byte', () => {
    const bad = scan('latin1');
    const good = scan('utf8');
    assert.deepEqual(keys(bad.report), keys(good.report));
    assert.ok(bad.report.findings.some((f) => f.status === 'fail' && f.ruleId === 'aws-rds-instance-not-public'), 'the tfvars value was read');
    assert.equal(bad.status, good.status);
    const warnings = bad.report.diagnostics.filter((d) => d.code === 'discovery/invalid-utf8-replaced');
    assert.deepEqual(warnings.map((w) => `${w.severity} ${w.span?.file} ${w.span?.start.line}:${w.span?.start.column}`), ['warning latin1/main.tf 1:13', 'warning latin1/terraform.tfvars 1:15']);
    assert.match(warnings[0]!.message, /read as replacement characters \(U\+FFFD\)/);
    assert.ok(!bad.report.diagnostics.some((d) => d.severity === 'error'), bad.report.diagnostics.map((d) => d.message).join('\n'));
    // The bytes themselves are never printed (the code frame shows U+FFFD).
    for (const out of [bad.stdout, bad.stderr]) assert.ok(!out.includes(0xe9), 'no raw Latin-1 byte in the output');
    assert.match(bad.stdout.toString('utf8'), /> 1 \| # Owner: Jos\uFFFD \(PHI bucket\)/);
  });

  test('a warning alone does not fail the run', () => {
    const clean = scan('clean');
    assert.equal(clean.status, 0, clean.stderr.toString('utf8'));
    assert.deepEqual(clean.report.diagnostics.map((d) => `${d.severity} ${d.code}`), ['warning discovery/invalid-utf8-replaced']);
  });

  test('a --var-file is read the same way', () => {
    write('vars/prod.tfvars', latin1('# Revu par José\npublic = false\n'));
    write('vars/bad.tfvars', latin1('public = "José"\n'));
    const run = (varFile: string): JsonReport => {
      const file = path.join(work, 'vars.json');
      // Outside the scanned directory, so discovery does not read it first.
      runCli(['scan', 'utf8', '--var-file', varFile, '--allow-outside-root', '--format', `json:${file}`], { cwd: work });
      return JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
    };
    const prod = run('vars/prod.tfvars');
    assert.ok(prod.findings.some((f) => f.ruleId === 'aws-rds-instance-not-public' && f.status === 'pass'), 'public = false was read');
    assert.deepEqual(prod.diagnostics.map((d) => `${d.severity} ${d.code} ${d.span?.file ?? ''}`), ['warning discovery/invalid-utf8-replaced vars/prod.tfvars']);
    assert.match(prod.diagnostics[0]!.message, /^Variables file vars\/prod\.tfvars is not valid UTF-8 \(first invalid byte at line 1, column 15\)/);
    const bad = run('vars/bad.tfvars');
    const refused = bad.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(refused.map((d) => d.code), ['scan/var-file']);
    assert.match(refused[0]!.message, /^Variables file vars\/bad\.tfvars is not UTF-8 text outside a comment, which Terraform refuses as well \(the first such byte at line 1, column 14\)\.$/);
  });

  test('Latin-1 in a string, which Terraform refuses, still fails the run', () => {
    write('refused/main.tf', latin1('locals {\n  owner = "José"\n}\n'));
    const refused = scan('refused');
    assert.equal(refused.status, 1);
    assert.deepEqual(refused.report.diagnostics.map((d) => `${d.severity} ${d.code}`), ['error discovery/invalid-utf8', 'warning scan/no-input']);
  });

  test('fix leaves such files byte for byte as they were and says why; the counts are true', () => {
    const before = ['main.tf', 'terraform.tfvars'].map((f) => readFileSync(path.join(work, 'latin1', f)));
    const run = runCli(['fix', 'latin1', '--no-color', '--no-audit-log'], { cwd: work });
    assert.equal(run.status, 0, run.stderr);
    // The fix of the public database lands in terraform.tfvars; the others in main.tf.
    assert.match(run.stdout, /^failed +latin1\/main\.tf:7 +aws-rds-instance-not-public .*\n +latin1\/terraform\.tfvars is not valid UTF-8, so it was read with replacement characters \(U\+FFFD\); writing the fix would change its bytes, so it was not applied\./m);
    assert.match(run.stdout, /^failed +latin1\/main\.tf:4 +aws-rds-backup-retention .*\n +latin1\/main\.tf is not valid UTF-8/m);
    assert.doesNotMatch(run.stdout, /^fixed /m);
    const refused = [...run.stdout.matchAll(/^failed /gm)].length;
    assert.ok(refused >= 2);
    assert.match(run.stdout, new RegExp(`^Applied 0 fixes in 0 files.*; ${refused} fixes not applied to files that are not valid UTF-8\\.$`, 'm'));
    assert.deepEqual(['main.tf', 'terraform.tfvars'].map((f) => readFileSync(path.join(work, 'latin1', f))), before);
    // --dry-run and --patch show no change for them either.
    const dry = runCli(['fix', 'latin1', '--dry-run', '--patch', 'latin1.patch', '--no-color'], { cwd: work });
    assert.equal(dry.stdout, '');
    assert.equal(readFileSync(path.join(work, 'latin1.patch'), 'utf8'), '');
    // The UTF-8 copy is fixed as usual.
    const utf8 = runCli(['fix', 'utf8', '--no-color', '--no-audit-log'], { cwd: work });
    assert.match(utf8.stdout, /^fixed +utf8\/main\.tf:7 +aws-rds-instance-not-public/m);
    assert.match(readFileSync(path.join(work, 'utf8', 'terraform.tfvars'), 'utf8'), /public = false/);
  });

  test('waivers add refuses a register that is not valid UTF-8 instead of rewriting its bytes', () => {
    const register = latin1('# Registre tenu par José\nwaivers: []\n');
    write('clean/.safeguard/waivers.yaml', register);
    const run = runCli(
      ['waivers', 'add', 'clean', '--rule', 'aws-s3-bucket-versioning', '--resource', 'aws_s3_bucket.b', '--justification', 'x', '--likelihood', 'low', '--impact', 'low', '--requested-by', 'a@example.com', '--approved-by', 'b@example.com', '--compensating-control', 'c', '--expires', '30d', '--no-audit-log'],
      { cwd: work },
    );
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /clean\/\.safeguard\/waivers\.yaml is not valid UTF-8 text \(first invalid byte at line 1, column 24\), so nothing was added\./);
    assert.deepEqual(readFileSync(path.join(work, 'clean', '.safeguard', 'waivers.yaml')), register);
  });
});
