// CLI scenarios: what a team migrating from Checkov, tfsec/Trivy, KICS or Terrascan types on day one
// on day one.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
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
