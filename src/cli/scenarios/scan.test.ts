// CLI scenarios (issue 2): the built CLI on fixture trees; exit code, stdout and stderr.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixture, runCli, runJson } from './run-cli.js';
import { tempDir } from '../../testing/temp-dir.js';

interface JsonFinding {
  ruleId: string;
  status: string;
  severity: string;
  blocking: boolean;
  span: { file: string; start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } };
  controls: { id: string; title: string | null }[];
  related: unknown[];
  fix: { description: string; safety: string } | null;
  waiver: unknown;
}

describe('safeguard scan', () => {
  test('a missing path exits 2 with one line and a hint, no stack trace', () => {
    const run = runCli(['scan', 'does-not-exist']);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    const lines = run.stderr.trimEnd().split('\n');
    assert.equal(lines[0], 'safeguard: Path does-not-exist does not exist.');
    assert.match(lines[1] ?? '', /^ {2}hint: /);
    assert.equal(lines.length, 2);
    assert.doesNotMatch(run.stderr, /\bat .*\.js:\d+/);
  });

  test('the hint for a missing path suits every command that takes one (it sent fix, controls, evidence and waivers users to `safeguard scan`)', () => {
    for (const args of [['scan', 'nope'], ['fix', 'nope'], ['controls', 'nope'], ['evidence', 'nope', '-o', 'nope-pack'], ['waivers', 'list', 'nope'], ['waivers', 'check', 'nope'], ['baseline', 'create', 'nope']]) {
      const run = runCli(args);
      assert.equal(run.status, 2, args.join(' '));
      assert.equal(run.stderr, 'safeguard: Path nope does not exist.\n  hint: Check the spelling; paths are relative to the working directory (`.` is the working directory itself).\n', args.join(' '));
    }
    const policies = runCli(['policy', 'test', 'nope']);
    assert.equal(policies.status, 2);
    assert.match(policies.stderr, /^safeguard: Policy bundle nope does not exist\.\n {2}hint: Check the path \(relative to the working directory\): `safeguard policy test DIR\|FILE\.\.\.`\.\n$/);
  });

  test('a syntax error is reported at file:line:col, the other files are still scanned, exit 1', () => {
    const run = runCli(['scan', fixture('syntax-error'), '--no-color']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /test\/fixtures\/cli\/syntax-error\/broken\.tf:\d+:\d+ {2}error {2}parse\//);
    const { report } = runJson(['scan', fixture('syntax-error')]);
    const scanned = (report['scan'] as { filesScanned: string[] }).filesScanned;
    assert.deepEqual(scanned, ['test/fixtures/cli/syntax-error/broken.tf', 'test/fixtures/cli/syntax-error/good.tf']);
    const findings = report['findings'] as JsonFinding[];
    assert.ok(findings.some((f) => f.span.file.endsWith('good.tf')), 'good.tf was evaluated and checked');
  });

  test('failing findings exit 1; --fail-on none exits 0', () => {
    const failing = runCli(['scan', fixture('basic'), '--no-color']);
    assert.equal(failing.status, 1, failing.stderr);
    assert.match(failing.stdout, /^HIPAA 164\.\d+/m, 'grouped by HIPAA safeguard');
    assert.match(failing.stdout, /test\/fixtures\/cli\/basic\/main\.tf:\d+:\d+ {2}(critical|high|medium|low) {2}[a-z0-9-]+/);
    assert.match(failing.stdout, /^ {2}why: /m);
    assert.match(failing.stdout, /^ {2}> +\d+ \|/m, 'code frame with a marker');
    assert.match(failing.stdout, /\^{3,}/, 'span underlined');
    assert.match(failing.stdout, /✖ \d+ failed .*\n {2}1 file scanned/);
    const soft = runCli(['scan', fixture('basic'), '--fail-on', 'none', '--no-color']);
    assert.equal(soft.status, 0);
    assert.match(soft.stdout, /✔ .*nothing fails at or above --fail-on none/);
  });

  test('a clean tree exits 0', () => {
    const run = runCli(['scan', fixture('clean'), '--quiet', '--no-color']);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^✔ 0 failed/m);
  });

  test('--format json follows the documented schema', () => {
    const { status, report } = runJson(['scan', fixture('basic')]);
    assert.equal(status, 1);
    assert.equal(report['schemaVersion'], '1.5');
    assert.deepEqual(Object.keys(report), ['schemaVersion', 'tool', 'scan', 'summary', 'findings', 'diagnostics', 'skipped']);
    assert.equal((report['tool'] as { name: string }).name, 'safeguard');
    const summary = report['summary'] as Record<string, unknown>;
    for (const key of ['passed', 'findings', 'failingBySeverity', 'blocking', 'errors', 'warnings', 'filesScanned', 'filesSkipped', 'skippedByReason', 'rulesRun']) {
      assert.ok(key in summary, `summary.${key}`);
    }
    const findings = report['findings'] as JsonFinding[];
    assert.ok(findings.length > 0);
    for (const f of findings) {
      assert.ok(['fail', 'pass', 'unknown', 'waived'].includes(f.status));
      assert.ok(['critical', 'high', 'medium', 'low'].includes(f.severity));
      assert.equal(typeof f.blocking, 'boolean');
      assert.match(f.span.file, /^test\/fixtures\/cli\/basic\//);
      assert.ok(f.span.start.line >= 1 && f.span.start.column >= 1);
      assert.ok(f.controls.length > 0 && f.controls.every((c) => /^164\./.test(c.id)));
      assert.ok(Array.isArray(f.related));
      assert.ok('fix' in f && 'waiver' in f);
    }
  });

  test('secret values never appear in the output', () => {
    for (const format of ['text', 'json']) {
      const run = runCli(['scan', fixture('secrets'), '--format', format, '--no-color', '--verbose']);
      assert.ok(!run.stdout.includes('hunter2') && !run.stderr.includes('hunter2'), `${format} output leaks a password`);
    }
  });

  test('a bad config exits 2 naming the key path and the accepted values', () => {
    const run = runCli(['scan', fixture('bad-config')]);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^safeguard: test\/fixtures\/cli\/bad-config\/\.safeguard\.yaml:3:\d+: rules\.CKV_AWS_16: expected "off" \| "on" .* got 7$/m);
    assert.match(run.stderr, /hint: /);
  });

  test('--var-file with a missing file exits 2 before scanning on the defaults', () => {
    const run = runCli(['scan', fixture('clean'), '--var-file', 'nope.tfvars', '--no-cache']);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /--var-file nope\.tfvars: no such file\./);
    assert.equal(run.stdout, '');
  });

  test('--var and --var-file apply in command-line order, as terraform plan does (scan and fix)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-var-order-'));
    try {
      writeFileSync(path.join(dir, 'main.tf'), 'variable "rotate" {\n  type = bool\n}\nresource "aws_kms_key" "k" {\n  description         = "data"\n  enable_key_rotation = var.rotate\n}\n');
      writeFileSync(path.join(dir, 'off.tfvars'), 'rotate = false\n');
      writeFileSync(path.join(dir, 'on.tfvars'), 'rotate = true\n');
      const rotation = (args: string[]): string | undefined => {
        const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'aws-kms-key-rotation', '--format', 'json', ...args], { cwd: dir });
        return (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings.find((f) => f.ruleId === 'aws-kms-key-rotation')?.status;
      };
      assert.equal(rotation(['--var', 'rotate=true', '--var-file', 'off.tfvars']), 'fail', 'the file given after the --var wins');
      assert.equal(rotation(['--var-file', 'off.tfvars', '--var', 'rotate=true']), 'pass');
      assert.equal(rotation(['--var-file', 'on.tfvars', '--var', 'rotate=false', '--var-file', 'on.tfvars']), 'pass');
      assert.equal(rotation(['--var', 'rotate=false', '--var-file', 'on.tfvars', '--var', 'rotate=false']), 'fail', 'the last --var of a name counts');
      const fix = runCli(['fix', '.', '--dry-run', '--no-audit-log', '--var', 'rotate=true', '--var-file', 'off.tfvars'], { cwd: dir });
      assert.match(fix.stdout, /rotate = true/, fix.stdout + fix.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a --var or --var-file value no root module declares is warned of once, naming the variable and never the value (one thread or several)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-var-undeclared-'));
    try {
      for (const [root, name] of [['a', 'rotate'], ['b', 'retention']] as const) {
        mkdirSync(path.join(dir, root));
        writeFileSync(path.join(dir, root, 'main.tf'), `variable "${name}" {\n  default = true\n}\n`);
      }
      writeFileSync(path.join(dir, 'prod.tfvars'), 'retention = 7\nrotaet = false\n');
      for (const jobs of ['1', '2']) {
        const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--jobs', jobs, '--format', 'json', '--var', 'rotate=false', '--var', 'rotat=hunter2secretvalue', '--var-file', 'prod.tfvars'], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        const said = (JSON.parse(run.stdout) as { diagnostics: { code: string; severity: string; message: string }[] }).diagnostics.filter((d) => d.code === 'vars/undeclared');
        assert.deepEqual(
          said.map((d) => `${d.severity} ${d.message}`).sort(),
          [
            'warning A --var sets "rotat", but no root module declares a variable of that name, so the value is used nowhere (terraform plan refuses it: "Value for undeclared variable"). Did you mean "rotate"?',
            'warning prod.tfvars sets "rotaet", but no root module declares a variable of that name, so the value is used nowhere (Terraform warns of it too). Did you mean "rotate"?',
          ],
          `--jobs ${jobs}`,
        );
        assert.doesNotMatch(run.stdout + run.stderr, /hunter2secretvalue/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--exclude leaves a broken file out, as the config\'s exclude does', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-exclude-'));
    try {
      writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "example-data"\n}\n');
      mkdirSync(path.join(dir, 'legacy'));
      writeFileSync(path.join(dir, 'legacy', 'broken.tf'), 'resource "aws_s3_bucket" "x" {\n');
      const broken = runCli(['scan', '.', '--no-cache', '--fail-on', 'none', '--no-color'], { cwd: dir });
      assert.equal(broken.status, 1, 'a file that does not parse fails the run');
      const left = runCli(['scan', '.', '--no-cache', '--fail-on', 'none', '--no-color', '--exclude', 'legacy/**'], { cwd: dir });
      assert.equal(left.status, 0, left.stdout + left.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an empty exclude glob, flag or config, exits 2 naming the flag or the key path (it was an internal error)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-exclude-empty-'));
    try {
      writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "example-data"\n}\n');
      const flag = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--exclude', ''], { cwd: dir });
      assert.equal(flag.status, 2, flag.stderr);
      assert.match(flag.stderr, /^safeguard: option '--exclude <glob>' argument '' is invalid\. Expected a glob/m);
      writeFileSync(path.join(dir, '.safeguard.yaml'), 'exclude: ["legacy/**", ""]\n');
      const config = runCli(['scan', '.', '--no-cache', '--no-audit-log'], { cwd: dir });
      assert.equal(config.status, 2, config.stderr);
      assert.match(config.stderr, /^safeguard: \.safeguard\.yaml:1:24: exclude\[1\]: expected a glob, got an empty string$/m);
      assert.doesNotMatch(flag.stderr + config.stderr, /internal error|this is a bug/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the line for a report written to a file counts in the singular: "1 blocking finding, 0 errors"', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-written-'));
    try {
      writeFileSync(path.join(dir, 'rds.tf'), 'resource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  storage_encrypted = false\n}\n');
      const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'aws-rds-storage-encrypted', '-f', 'json:out.json'], { cwd: dir });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /^json report written to out\.json \(1 blocking finding, 0 errors\)\.$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--config with a missing file exits 2', () => {
    const run = runCli(['scan', fixture('clean'), '--config', 'nope.yaml']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Config file nope\.yaml does not exist/);
  });

  test('bad arguments exit 2 with one line and a hint', () => {
    for (const args of [['scan', '--bogus'], ['scan', '--fail-on', 'extreme'], ['scan', '--format', 'xml'], ['scan', '--var', 'novalue'], ['scan', '--rule', 'no-such-rule-id']]) {
      const run = runCli(args);
      assert.equal(run.status, 2, args.join(' '));
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(lines[0]!, /^safeguard: /);
      assert.match(lines[1]!, /^ {2}hint: /);
    }
  });

  test('--rule narrows and --skip-rule removes rules, by id or peer id', () => {
    const rules = JSON.parse(runCli(['rules', '--format', 'json']).stdout) as { rules: { id: string; references: { checkov?: string[] } }[] };
    assert.ok(rules.rules.length >= 2);
    const [first, second] = rules.rules;
    const only = runJson(['scan', fixture('basic'), '--rule', first!.id]).report['scan'] as { rulesRun: string[] };
    assert.deepEqual(only.rulesRun, [first!.id]);
    const two = runJson(['scan', fixture('basic'), '--rule', first!.id, '--rule', second!.id, '--skip-rule', first!.id]).report['scan'] as { rulesRun: string[] };
    assert.deepEqual(two.rulesRun, [second!.id]);
    const all = runJson(['scan', fixture('basic'), '--skip-rule', first!.id]).report['scan'] as { rulesRun: string[] };
    assert.equal(all.rulesRun.length, rules.rules.length - 1);
    const withPeer = rules.rules.find((r) => (r.references.checkov ?? []).length > 0);
    if (withPeer) {
      const byPeer = runJson(['scan', fixture('basic'), '--rule', withPeer.references.checkov![0]!]).report['scan'] as { rulesRun: string[] };
      assert.ok(byPeer.rulesRun.includes(withPeer.id));
    }
  });

  test('.gitignore and .safeguardignore are honoured; .terraform/modules is read', async () => {
    // The ignored file cannot be committed (git ignores it too), so the test makes it.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${fixture('ignores')}/ignored-by-git.tf`, 'resource "aws_s3_bucket" "ignored" {}\n');
    const { report } = runJson(['scan', fixture('ignores')]);
    const scanned = (report['scan'] as { filesScanned: string[] }).filesScanned.map((f) => f.replace('test/fixtures/cli/ignores/', ''));
    assert.deepEqual(scanned, ['.terraform/modules/modules.json', '.terraform/modules/vpc/main.tf', 'main.tf']);
    const skipped = report['skipped'] as { path: string; reason: string; detail: string }[];
    assert.ok(skipped.some((s) => s.path.endsWith('ignored-by-git.tf') && s.detail === 'ignored by .gitignore'));
    assert.ok(skipped.some((s) => s.path.endsWith('sub/') && s.detail === 'ignored by .safeguardignore'));
  });

  test('plan and state JSON are scanned; other formats are listed as skipped under --verbose and counted always', () => {
    // The findings themselves are other tests' business; this one is about what is read and skipped.
    const verbose = runCli(['scan', fixture('plan'), '--verbose', '--no-color', '--fail-on', 'none']);
    assert.equal(verbose.status, 0, verbose.stdout + verbose.stderr);
    assert.doesNotMatch(verbose.stdout, /tfplan\.json {2}Terraform plan: not yet supported/);
    assert.doesNotMatch(verbose.stdout, /terraform\.tfstate {2}Terraform state: not yet supported/);
    assert.match(verbose.stdout, /plan\/template\.yaml {2}CloudFormation: not yet supported, skipped \(checked for secrets and PHI only\)/);
    assert.match(verbose.stdout, /plan\/deployment\.yaml {2}Kubernetes: not yet supported, skipped \(checked for secrets and PHI only\)/);
    const quiet = runCli(['scan', fixture('plan'), '--no-color']);
    assert.doesNotMatch(quiet.stdout, /tfplan\.json/);
    assert.match(quiet.stdout, /5 files scanned, 3 skipped \(1 not infrastructure-as-code, 2 not yet supported; --verbose lists them\)/);
  });

  test('--output writes the report to a file', async () => {
    const { readFileSync } = await import('node:fs');
    const dir = tempDir('safeguard-output-');
    const run = runCli(['scan', fixture('basic'), '--format', 'json', '--output', `${dir}/report.json`]);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.equal((JSON.parse(readFileSync(`${dir}/report.json`, 'utf8')) as { schemaVersion: string }).schemaVersion, '1.5');
  });

  test('colour only when asked: none when piped, none with NO_COLOR', () => {
    assert.doesNotMatch(runCli(['scan', fixture('basic')]).stdout, /\u001b\[/);
    assert.match(runCli(['scan', fixture('basic')], { env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[/);
    assert.doesNotMatch(runCli(['scan', fixture('basic')], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, /\u001b\[/);
    assert.doesNotMatch(runCli(['scan', fixture('basic'), '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[/);
  });
});

describe('safeguard (other commands)', () => {
  test('--help and --version', () => {
    const help = runCli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: safeguard/);
    const scanHelp = runCli(['scan', '--help']);
    assert.equal(scanHelp.status, 0);
    assert.match(scanHelp.stdout, /Examples:/);
    assert.match(scanHelp.stdout, /--fail-on <severity>/);
    const version = runCli(['--version']);
    assert.equal(version.status, 0);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+/);
  });

  test('rules lists every rule; explain accepts ids and peer ids', () => {
    const table = runCli(['rules', '--no-color']);
    assert.equal(table.status, 0);
    assert.match(table.stdout, /^ID +SEVERITY +TITLE +HIPAA/);
    const rules = JSON.parse(runCli(['rules', '--format', 'json']).stdout) as { rules: { id: string; references: { checkov?: string[] } }[] };
    const rule = rules.rules[0]!;
    const explain = runCli(['explain', rule.id, '--no-color']);
    assert.equal(explain.status, 0);
    assert.match(explain.stdout, /^Why$/m);
    assert.match(explain.stdout, /^How to fix$/m);
    assert.match(explain.stdout, /^ {2}164\.\d+/m);
    const unknown = runCli(['explain', 'no-such-rule']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown rule id/);
  });

  test('controls lists sections with their rules, and counts results with a PATH', () => {
    const plain = JSON.parse(runCli(['controls', '--format', 'json']).stdout) as { sections: { id: string; rules: string[]; results?: unknown }[]; notImplemented: unknown[] };
    assert.ok(plain.sections.length > 10);
    assert.ok(plain.sections.every((s) => s.results === undefined));
    assert.ok(Array.isArray(plain.notImplemented));
    const scanned = runCli(['controls', fixture('basic'), '--format', 'json']);
    assert.equal(scanned.status, 1);
    const withResults = JSON.parse(scanned.stdout) as { sections: { results: { fail: number } }[] };
    assert.ok(withResults.sections.some((s) => s.results.fail > 0));
  });

  test('controls -o / --output writes the report to the file, as scan -o does (it once printed it and wrote nothing)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-controls-out-'));
    try {
      writeFileSync(path.join(dir, 'rds.tf'), 'resource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  storage_encrypted = false\n}\n');
      const stdout = runCli(['controls', '.', '--rule', 'aws-rds-storage-encrypted', '--no-color'], { cwd: dir });
      const text = runCli(['controls', '.', '--rule', 'aws-rds-storage-encrypted', '-o', 'out/ctl.txt'], { cwd: dir, env: { FORCE_COLOR: '1' } });
      assert.equal(text.status, 1, text.stderr);
      assert.equal(text.stdout, '');
      assert.match(text.stderr, /^text report written to out\/ctl\.txt \(1 blocking finding, 0 errors\)\.$/m);
      // The file is the report stdout shows, with no colour codes even where colour is forced.
      assert.equal(readFileSync(path.join(dir, 'out', 'ctl.txt'), 'utf8'), stdout.stdout);
      const json = runCli(['controls', '--format', 'json', '--output', 'ctl.json'], { cwd: dir });
      assert.equal(json.status, 0, json.stderr);
      assert.equal(json.stdout, '');
      assert.match(json.stderr, /^json report written to ctl\.json\.$/m);
      const written = JSON.parse(readFileSync(path.join(dir, 'ctl.json'), 'utf8')) as { sections: unknown[] };
      assert.ok(written.sections.length > 10);
      const quiet = runCli(['controls', '.', '-q', '-o', 'ctl.txt'], { cwd: dir });
      assert.equal(quiet.stdout + quiet.stderr, '');
      const unwritable = runCli(['controls', '-o', 'ctl.json/x.txt'], { cwd: dir });
      assert.equal(unwritable.status, 2);
      assert.match(unwritable.stderr, /^safeguard: ctl\.json\/x\.txt: cannot write the text report \(E[A-Z]+\)\.$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('files the repository holds but the scan does not model', () => {
  test('a committed state file, saved plan and crash log fail tf-no-state-files-in-repo; a state file the .gitignore leaves out does not', () => {
    const dir = tempDir('safeguard-state-files-');
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n');
    const state = '{"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"x","outputs":{},"resources":[]}\n';
    writeFileSync(path.join(dir, 'terraform.tfstate'), state);
    writeFileSync(path.join(dir, 'ignored.tfstate'), state);
    writeFileSync(path.join(dir, '.gitignore'), 'ignored.tfstate\n');
    writeFileSync(path.join(dir, 'crash.log'), 'panic: runtime error\n');
    writeFileSync(path.join(dir, 'prod.tfplan'), 'PK saved plan\n');
    const run = runCli(['scan', '.', '--no-cache', '--format', 'json', '--rule', 'tf-no-state-files-in-repo'], { cwd: dir });
    const report = JSON.parse(run.stdout) as { findings: { status: string; resource: { address: string } }[] };
    // Read as a state (its own adapter), skipped as no infrastructure-as-code: the repository rule saw neither.
    assert.deepEqual(report.findings.filter((f) => f.status === 'fail').map((f) => f.resource.address).sort(), ['crash.log', 'prod.tfplan', 'terraform.tfstate']);
    assert.equal(run.status, 1);
  });
});
