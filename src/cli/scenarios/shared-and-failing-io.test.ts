// CI runs jobs side by side on one workspace and stops them on full disks: a report is written whole
// or the scan fails naming it, and processes sharing the audit log or the waiver register each add
// their entries without losing another's or forking the hash chain (cli/file-writes.ts).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
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

/** Runs the CLI in a child process, resolving when it exits: several run at once. */
function runAsync(args: readonly string[], cwd: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
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

describe('fix on a disk that cannot hold the fixed files', { skip: !posix && 'ulimit -f is a POSIX shell builtin' }, () => {
  test('changes no file, says which it could not write, and leaves no temporary file (it was an internal error after some files)', () => {
    const dir = tree('fix-full-disk');
    writeFileSync(path.join(dir, 'main.tf'), BUCKET);
    // A second bucket in a file larger than the limit: its fixed copy cannot be written.
    writeFileSync(path.join(dir, 'z-large.tf'), `${'# padding\n'.repeat(3_000)}resource "aws_s3_bucket" "c" {\n  bucket = "phi-archive"\n}\n`);
    const before = new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]));
    const run = spawnSync('sh', ['-c', 'ulimit -f 40 && exec "$0" "$@"', process.execPath, CLI, 'fix', '.', '--no-audit-log'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /fix: cannot write z-large\.tf \(EFBIG\), so no file was changed/);
    assert.doesNotMatch(run.stderr, /internal error/);
    assert.deepEqual(new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), 'utf8')])), before);
  });
});

describe('processes sharing one log or register', () => {
  test('scans appending to one audit log at once keep one intact hash chain with every entry', async () => {
    const dir = tree('audit-shared');
    const runs = await Promise.all(Array.from({ length: 6 }, () => runAsync(['scan', '.', '--no-cache', '--audit-log', 'audit.log', '--format', 'json:/dev/null'], dir)));
    for (const run of runs) assert.equal(run.status, 1, run.stderr);
    const verify = runCli(['audit', 'verify', 'audit.log', '--format', 'json'], { cwd: dir });
    const result = JSON.parse(verify.stdout) as { entries: number; intact: boolean; problems: unknown[] };
    assert.deepEqual(result.problems, []);
    assert.equal(result.entries, 6);
    assert.equal(verify.status, 0);
    assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.lock')), [], 'the lock is released');
  });

  test('waivers added at once are all in the register, each recorded once in the audit log', async () => {
    const dir = tree('waivers-shared');
    mkdirSync(path.join(dir, '.safeguard'));
    const flags = ['--rule', 'CKV_AWS_19', '--resource', 'aws_s3_bucket.b', '--justification', 'test', '--likelihood', 'low', '--impact', 'low', '--compensating-control', 'ctl', '--requested-by', 'a@example.com', '--approved-by', 'b@example.com', '--expires', '30d'];
    // Without --id each picks the next free id, which must also be chosen under the lock.
    const runs = await Promise.all(Array.from({ length: 4 }, () => runAsync(['waivers', 'add', '.', ...flags], dir)));
    for (const run of runs) assert.equal(run.status, 0, run.stderr);
    const register = readFileSync(path.join(dir, '.safeguard', 'waivers.yaml'), 'utf8');
    assert.deepEqual([...register.matchAll(/id: (W-\d+)/g)].map((m) => m[1]).sort(), ['W-001', 'W-002', 'W-003', 'W-004']);
    const verify = runCli(['audit', 'verify', '.safeguard/audit.log', '--format', 'json'], { cwd: dir });
    const result = JSON.parse(verify.stdout) as { entries: number; problems: unknown[] };
    assert.deepEqual(result.problems, []);
    assert.equal(result.entries, 4);
    assert.deepEqual(readdirSync(path.join(dir, '.safeguard')).sort(), ['audit.log', 'waivers.yaml']);
  });

  test('an invalid waiver leaves no .safeguard directory behind', () => {
    const dir = tree('waiver-invalid');
    const run = runCli(['waivers', 'add', '.', '--rule', 'no-such-rule', '--resource', 'aws_s3_bucket.b', '--justification', 'x', '--likelihood', 'low', '--impact', 'low', '--compensating-control', 'c', '--requested-by', 'a@example.com', '--approved-by', 'b@example.com', '--expires', '30d'], { cwd: dir });
    assert.notEqual(run.status, 0);
    assert.deepEqual(readdirSync(dir), ['main.tf']);
  });
});
