// CLI scenarios: what a team migrating from Checkov, tfsec/Trivy, KICS or Terrascan types on day one
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../../testing/temp-dir.js';
import { runCli } from './run-cli.js';

const PUBLIC_DB = 'resource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  publicly_accessible = true\n}\n';

function tree(files: Record<string, string>): string {
  const dir = tempDir('safeguard-peers-');
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const scan = (dir: string, ...args: string[]) => runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'aws-rds-instance-not-public', ...args], { cwd: dir });

describe("Terrascan's #ts:skip=", () => {
  test('an id no rule maps is a warning at the id, the finding stays and the exit code is unchanged', () => {
    const dir = tree({ 'main.tf': PUBLIC_DB.replace('{\n', '{\n  #ts:skip=AC_AWS_0054 reached only through the VPN\n') });
    const run = scan(dir, '-f', 'json');
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: { status: string }[]; diagnostics: { code: string; message: string; span: { start: { line: number; column: number } } }[] };
    assert.deepEqual(report.findings.map((f) => f.status), ['fail']);
    assert.deepEqual(
      report.diagnostics.map((d) => [d.code, d.span.start.line, d.span.start.column]),
      [['suppression/unknown-rule', 2, 12]],
    );
    assert.match(report.diagnostics[0]!.message, /AC_AWS_0054, a Terrascan id that no rule maps/);
    // --no-inline-suppressions reads no marker, so it reports none.
    assert.deepEqual((JSON.parse(scan(dir, '-f', 'json', '--no-inline-suppressions').stdout) as typeof report).diagnostics, []);
  });
});

describe('--soft-fail (Checkov, tfsec) is --fail-on none', () => {
  test('findings do not fail the run; unparsable input still does; not with --fail-on; in --help', () => {
    const dir = tree({ 'main.tf': PUBLIC_DB });
    assert.equal(scan(dir).status, 1);
    const soft = scan(dir, '--soft-fail', '-f', 'json');
    assert.equal(soft.status, 0, soft.stderr);
    const report = JSON.parse(soft.stdout) as { findings: { status: string }[] };
    assert.deepEqual(report.findings.map((f) => f.status), ['fail'], 'the finding is still reported');
    // As --fail-on none: a file that could not be parsed is unverified, not compliant.
    const broken = tree({ 'main.tf': PUBLIC_DB, 'broken.tf': 'resource "aws_s3_bucket" "x" {\n' });
    assert.equal(scan(broken, '--soft-fail').status, 1);
    assert.equal(scan(dir, '--soft-fail', '--fail-on', 'high').status, 2);
    assert.match(runCli(['scan', '--help']).stdout, /--soft-fail +as --fail-on none/);
    // controls and evidence judge with the same options.
    assert.equal(runCli(['controls', '.'], { cwd: dir }).status, 1);
    assert.equal(runCli(['controls', '.', '--soft-fail'], { cwd: dir }).status, 0);
  });
});

describe("--compact (Checkov): the text report without code frames", () => {
  test('the finding, its message and fix stay; its code frame goes; other formats are unchanged', () => {
    const dir = tree({ 'main.tf': PUBLIC_DB });
    const full = scan(dir);
    const compact = scan(dir, '--compact');
    assert.equal(compact.status, full.status);
    assert.match(full.stdout, /> 4 \|\s+publicly_accessible = true/);
    assert.doesNotMatch(compact.stdout, /^\s*>? *\d+ \|/m);
    for (const kept of [/main\.tf:4:\d+ +critical|main\.tf:4:\d+ +high/, /aws-rds-instance-not-public/, /fix:/]) assert.match(compact.stdout, kept);
    const findings = (args: string[]): unknown => (JSON.parse(scan(dir, ...args, '-f', 'json').stdout) as { findings: unknown }).findings;
    assert.deepEqual(findings(['--compact']), findings([]));
  });
});

describe("a peer's flag is refused with a hint naming what does its job here", () => {
  const cases: { args: string[]; hint: RegExp }[] = [
    { args: ['--exit-code', '0'], hint: /Trivy's --exit-code N has no equivalent.*--soft-fail.*--fail-on low/ },
    { args: ['--exit-code=1'], hint: /Trivy's --exit-code/ },
    { args: ['-s'], hint: /--soft-fail here/ },
    { args: ['--skip-check', 'CKV_AWS_17'], hint: /--skip-rule ID/ },
    { args: ['--skip-path', 'legacy'], hint: /--exclude GLOB/ },
    { args: ['--tf-vars', 'prod.tfvars'], hint: /--var-file FILE/ },
    { args: ['-d', '.'], hint: /as arguments/ },
    { args: ['--hard-fail-on', 'HIGH'], hint: /--fail-on SEVERITY/ },
  ];
  for (const c of cases) {
    test(c.args.join(' '), () => {
      const run = runCli(['scan', '.', ...c.args], { cwd: tree({ 'main.tf': PUBLIC_DB }) });
      assert.equal(run.status, 2);
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 2, run.stderr);
      assert.match(lines[0]!, /^safeguard: unknown option '/);
      assert.match(lines[1]!, /^ {2}hint: /);
      assert.match(lines[1]!, c.hint);
    });
  }

  test("Checkov's -o FORMAT is refused instead of writing a report to a file named after the format", () => {
    const dir = tree({ 'main.tf': PUBLIC_DB });
    const run = scan(dir, '-o', 'sarif');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--output sarif would write the report to a file named sarif/);
    assert.match(run.stderr, /hint: Use -f sarif/);
    assert.equal(existsSync(path.join(dir, 'sarif')), false);
    assert.match(scan(dir, '-o', 'junitxml').stderr, /hint: Use -f junit /);
    // A file of that name is still possible.
    assert.equal(scan(dir, '-o', './sarif').status, 1);
    assert.equal(existsSync(path.join(dir, 'sarif')), true);
  });

  test("Checkov's -c CHECK and -f FILE, whose letters mean --config and --format here", () => {
    const dir = tree({ 'main.tf': PUBLIC_DB });
    assert.match(scan(dir, '-c', 'CKV_AWS_17').stderr, /hint: -c is the config file here; to run only these rules \(Checkov's -c\/--check\), use --rule CKV_AWS_17\./);
    assert.match(scan(dir, '-c', 'nope.yaml').stderr, /hint: Check the --config path/);
    const file = scan(dir, '-f', 'main.tf');
    assert.equal(file.status, 2);
    assert.match(file.stderr, /name it as an argument: safeguard scan FILE/);
    assert.match(scan(dir, '-f', 'cli').stderr, /A peer's cli is text here/);
  });
});

describe("tfsec's --exclude RULE and Checkov's baseline, which Safeguard reads differently", () => {
  test('--exclude naming a rule id is refused, pointing at --skip-rule; a glob is not', () => {
    const dir = tree({ 'main.tf': PUBLIC_DB });
    for (const id of ['aws-rds-enable-public-access', 'aws-rds-instance-not-public']) {
      const run = scan(dir, '--exclude', id);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, new RegExp(`--exclude ${id}: that is a rule id, and --exclude takes a file glob here`));
      assert.match(run.stderr, new RegExp(`hint: Use --skip-rule ${id} `));
    }
    assert.equal(scan(dir, '--exclude', 'legacy/**').status, 1);
    assert.equal(scan(dir, '--exclude', 'legacy').status, 1);
  });

  test('a .checkov.baseline passed to --baseline is named as a Checkov baseline', () => {
    const dir = tree({ 'main.tf': PUBLIC_DB, '.checkov.baseline': '{"failed_checks": []}\n' });
    const run = scan(dir, '--baseline', '.checkov.baseline');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /a Checkov baseline \(failed_checks\), not a Safeguard one/);
  });
});
