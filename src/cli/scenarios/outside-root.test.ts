// --var-file outside the scan root (issue 12): refused with an error naming --allow-outside-root,
// read when the flag is given; for `scan`, `scan --fix` and `fix` alike.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from './run-cli.js';

let dir = '';

describe('a var file outside the scan root', () => {
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'safeguard-varfile-'));
    mkdirSync(path.join(dir, 'infra'));
    mkdirSync(path.join(dir, 'vars'));
    writeFileSync(path.join(dir, 'infra', 'main.tf'), 'variable "name" {\n  type = string\n}\n');
    writeFileSync(path.join(dir, 'vars', 'prod.tfvars'), 'name = "phi"\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('scan refuses it with an error and a hint naming --allow-outside-root, and exits 1', () => {
    const run = runCli(['scan', 'infra', '--var-file', 'vars/prod.tfvars', '--no-color', '--fail-on', 'none'], { cwd: dir });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /error {2}scan\/var-file-outside-root\n {2}Variables file vars\/prod\.tfvars is outside the scan root, so it was not read\.\n {2}hint: Pass --allow-outside-root/);
  });

  test('--allow-outside-root reads it: scan, scan --fix and fix', () => {
    const scan = runCli(['scan', 'infra', '--var-file', 'vars/prod.tfvars', '--allow-outside-root', '--no-color', '--fail-on', 'none'], { cwd: dir });
    assert.equal(scan.status, 0, scan.stdout + scan.stderr);
    assert.doesNotMatch(scan.stdout, /var-file-outside-root/);
    const scanFix = runCli(['scan', 'infra', '--fix', '--var-file', 'vars/prod.tfvars', '--allow-outside-root', '--no-color', '--fail-on', 'none'], { cwd: dir });
    assert.equal(scanFix.status, 0, scanFix.stdout + scanFix.stderr);
    const fix = runCli(['fix', 'infra', '--dry-run', '--var-file', 'vars/prod.tfvars', '--allow-outside-root', '--no-color'], { cwd: dir });
    assert.equal(fix.status, 0, fix.stdout + fix.stderr);
  });
});
