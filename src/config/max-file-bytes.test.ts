// `max_file_bytes` (issue 12): the file size limit is configurable; a Terraform file over it is
// skipped with a reason and fails the run, never half-read.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ruleCatalog } from '../cli/rule-pack.js';
import { runCli } from '../cli/scenarios/run-cli.js';
import { validateConfig } from './validate-config.js';

const validate = (text: string) => validateConfig({ text, displayPath: '.safeguard.yaml', absolutePath: '/repo/.safeguard.yaml' }, ruleCatalog);

test('max_file_bytes takes a whole number of bytes above 0', () => {
  const good = validate('max_file_bytes: 1048576\n');
  assert.ok(good.ok && good.value.maxFileBytes === 1_048_576);
  for (const bad of ['max_file_bytes: 0\n', 'max_file_bytes: -5\n', 'max_file_bytes: 1.5\n', 'max_file_bytes: "1MB"\n']) {
    const result = validate(bad);
    assert.equal(result.ok, false, bad);
    if (!result.ok) assert.match(result.errors[0]!.message, /^max_file_bytes: expected a whole number of bytes above 0, got /);
  }
});

test('a Terraform file over max_file_bytes is skipped with a reason and the run exits 1', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'safeguard-size-'));
  try {
    writeFileSync(path.join(dir, '.safeguard.yaml'), 'max_file_bytes: 200\n');
    writeFileSync(path.join(dir, 'small.tf'), 'variable "x" {\n  type = string\n}\n');
    writeFileSync(path.join(dir, 'large.tf'), `# ${'padding '.repeat(40)}\nvariable "y" {\n  type = string\n}\n`);
    const run = runCli(['scan', '.', '--no-color', '--verbose'], { cwd: dir });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /large\.tf {2}error {2}discovery\/too-large\n {2}large\.tf was not checked: larger than the 200 B limit \(\d+ B\)\./);
    assert.match(run.stdout, /1 file scanned, 1 skipped/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
