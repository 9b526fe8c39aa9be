// CLI scenarios for CDK for Terraform output (cdktf.out after `cdktf synth`): fixes are said as
// changes to constructs and never written to the synthesized stack, which the next synth rewrites.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from './run-cli.js';
import { trailStack as stack } from '../../testing/cdktf-stack.js';

const MANIFEST = `${JSON.stringify({ stacks: { 'phi-stack': { name: 'phi-stack', constructPath: 'phi-stack', synthesizedStackPath: 'stacks/phi-stack/cdk.tf.json', workingDirectory: 'stacks/phi-stack' } }, version: '0.21.0' }, null, 2)}\n`;

describe('CDK for Terraform output', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'safeguard-cdktf-'));
  after(() => rmSync(work, { recursive: true, force: true }));
  const STACK = 'cdktf.out/stacks/phi-stack/cdk.tf.json';

  /** A fresh project; `withMetadata` false leaves only the manifest to say the file is synthesized. */
  function project(name: string, withMetadata: boolean): string {
    const dir = path.join(work, name);
    mkdirSync(path.join(dir, 'cdktf.out/stacks/phi-stack'), { recursive: true });
    writeFileSync(path.join(dir, 'cdktf.out/manifest.json'), MANIFEST);
    writeFileSync(path.join(dir, STACK), stack(withMetadata));
    return dir;
  }

  for (const [how, withMetadata] of [['its own "//" metadata', true], ['the manifest alone', false]] as const) {
    test(`fix --dry-run and fix leave the stack alone and say what to change in the construct (known by ${how})`, () => {
      const dir = project(`fix-${String(withMetadata)}`, withMetadata);
      for (const args of [['--dry-run'], []]) {
        const run = runCli(['fix', STACK, '--rule', 'aws-cloudtrail-log-file-validation', '--no-color', ...args], { cwd: dir });
        assert.equal(run.status, 0, run.stderr);
        const said = run.stdout + run.stderr;
        assert.match(said, /cdktf\.out\/stacks\/phi-stack\/cdk\.tf\.json is synthesized by CDK for Terraform \(.*phi-stack\): the next cdktf synth or deploy rewrites it, so no fix edits it/);
        assert.match(said, /^construct +cdktf\.out\/stacks\/phi-stack\/cdk\.tf\.json:\d+ +aws-cloudtrail-log-file-validation +aws_cloudtrail\.Audit_Trail_AB12CD34: .*\n +in construct phi-stack\/Audit\/Trail: set enableLogFileValidation: true$/m);
        assert.match(said, /(Would apply|Applied) 0 fixes in 0 files; 1 fix to make in CDK for Terraform constructs/);
        assert.doesNotMatch(said, /^(fixed|would fix) /m);
        assert.doesNotMatch(run.stdout, /^--- a\//m, 'no diff');
        assert.equal(readFileSync(path.join(dir, STACK), 'utf8'), stack(withMetadata));
      }
    });
  }

  test('scan --fix: nothing written, the finding still fails with its construct named', () => {
    const dir = project('scan-fix', true);
    const run = runCli(['scan', STACK, '--fix', '--rule', 'aws-cloudtrail-log-file-validation', '--no-color'], { cwd: dir });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /in construct phi-stack\/Audit\/Trail: set enableLogFileValidation: true/);
    assert.match(run.stdout, /aws_cloudtrail\.Audit_Trail_AB12CD34 sets enable_log_file_validation to false[^\n]*\n +\(construct phi-stack\/Audit\/Trail\)/);
    assert.equal(readFileSync(path.join(dir, STACK), 'utf8'), stack(true));
  });

  test('a suppression in "//" waives; a malformed one is a warning at its line and column', () => {
    const dir = project('suppress', true);
    const text = stack(true).replace(
      '"uniqueId": "Audit_Trail_AB12CD34"\n          }',
      '"uniqueId": "Audit_Trail_AB12CD34"\n          },\n          "safeguard": {\n            "ignore": [\n              { "id": "aws-cloudtrail-log-file-validation", "reason": "digest files checked by the SIEM", "expires": "2099-01-01" },\n              { "id": "aws-cloudtrail-kms-encrypted", "reason": "r", "expiry": "2099-01-01" }\n            ]\n          }',
    );
    writeFileSync(path.join(dir, STACK), text);
    const run = runCli(['scan', STACK, '--rule', 'aws-cloudtrail-log-file-validation', '--rule', 'aws-cloudtrail-kms-encrypted', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; status: string; waiver: { marker: string } | null }[]; diagnostics: { code: string; message: string; span: { start: { line: number; column: number } } }[] };
    const byRule = new Map(report.findings.map((f) => [f.ruleId, f]));
    assert.equal(byRule.get('aws-cloudtrail-log-file-validation')?.status, 'waived');
    assert.equal(byRule.get('aws-cloudtrail-kms-encrypted')?.status, 'fail');
    const warning = report.diagnostics.find((d) => d.code === 'suppression/malformed');
    assert.ok(warning, JSON.stringify(report.diagnostics));
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"expiry"'));
    assert.deepEqual(warning.span.start, { ...warning.span.start, line: line + 1, column: lines[line]!.indexOf('"expiry"') + 1 });
  });
});
