// CI stops jobs on full disks: a report is written whole or the scan fails naming it (cli/file-writes.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { CLI, runCli } from './run-cli.js';

const temp = mkdtempSync(path.join(tmpdir(), 'safeguard-shared-io-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "phi-data"\n}\n';

function tree(name: string): string {
  const dir = path.join(temp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'main.tf'), BUCKET);
  return dir;
}

const posix = process.platform !== 'win32';

describe('a report the disk cannot hold', { skip: !posix && 'ulimit -f is a POSIX shell builtin' }, () => {
  test('fails the scan naming the file and leaves the old report as it was, never a truncated one', () => {
    const dir = tree('file-size-limit');
    for (const format of ['json', 'sarif']) {
      const out = path.join(dir, `out.${format}`);
      const whole = runCli(['scan', '.', '--no-cache', '--format', `${format}:${out}`], { cwd: dir });
      assert.equal(whole.status, 1, whole.stderr);
      const size = statSync(out).size;
      assert.ok(size > 2048, `${format}: ${size} bytes`);
      const old = `{"old": "${format} report of an earlier scan"}`;
      writeFileSync(out, old);
      // A file size limit below the report's size makes write(2) write part of it and then fail,
      // as a full disk does; the short write used to go unnoticed: exit 1 (or 0) with a cut report.
      const limitBlocks = Math.floor((size - 1) / 512); // POSIX sh counts 512-byte blocks
      const run = spawnSync('sh', ['-c', `ulimit -f ${limitBlocks} && exec "$0" "$@"`, process.execPath, CLI, 'scan', '.', '--no-cache', '--format', `${format}:${out}`], { cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
      assert.equal(run.status, 2, `${format}: ${run.stderr}`);
      assert.match(run.stderr, new RegExp(`out\\.${format}: cannot write the ${format} report \\(EFBIG\\)`));
      assert.match(run.stderr, /disk is full or the file too large/);
      assert.equal(readFileSync(out, 'utf8'), old, `${format}: the old report is left whole`);
      assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), [], 'no temporary file left');
    }
  });

  test('a report to a directory, or to /dev/null, is refused or written as before', () => {
    const dir = tree('special-targets');
    mkdirSync(path.join(dir, 'isdir'));
    const refused = runCli(['scan', '.', '--no-cache', '--format', 'json:isdir'], { cwd: dir });
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /isdir: cannot write the json report \(EISDIR\)/);
    const devNull = runCli(['scan', '.', '--no-cache', '--format', 'json:/dev/null'], { cwd: dir });
    assert.equal(devNull.status, 1, devNull.stderr);
    assert.match(devNull.stderr, /json report written to \/dev\/null/);
  });
});
