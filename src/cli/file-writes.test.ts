// Whole-or-nothing writes and the lock shared files are changed under (file-writes.ts).
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { LockTimeoutError, withFileLock, writeFileAtomically } from './file-writes.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'safeguard-file-writes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a write that fails part way leaves the old file whole and no temporary file', () => {
  const file = path.join(dir, 'report.json');
  writeFileSync(file, 'old report');
  function* failing(): Generator<string> {
    yield 'half of a new ';
    throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
  }
  assert.throws(() => writeFileAtomically(file, failing()), /disk full/);
  assert.equal(readFileSync(file, 'utf8'), 'old report');
  assert.deepEqual(readdirSync(dir), ['report.json']);
  assert.equal(writeFileAtomically(file, ['new ', Buffer.from('report — whole')]), Buffer.byteLength('new report — whole'));
  assert.equal(readFileSync(file, 'utf8'), 'new report — whole');
});

test('a symbolic link keeps pointing at its file, whose mode is kept; a directory is refused', () => {
  const real = path.join(dir, 'real.sarif');
  writeFileSync(real, 'old', { mode: 0o600 });
  const link = path.join(dir, 'link.sarif');
  symlinkSync(real, link);
  writeFileAtomically(link, ['new']);
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readFileSync(real, 'utf8'), 'new');
  assert.equal(statSync(real).mode & 0o777, 0o600);
  assert.throws(() => writeFileAtomically(dir, ['x']), (error: NodeJS.ErrnoException) => error.code === 'EISDIR');
});

test('the lock is released after the work, also when it throws; a held lock makes others wait, then give up', () => {
  const shared = path.join(dir, 'audit.log');
  assert.equal(withFileLock(shared, () => 42), 42);
  assert.equal(existsSync(`${shared}.lock`), false);
  assert.throws(() => withFileLock(shared, () => { throw new Error('inside'); }), /inside/);
  assert.equal(existsSync(`${shared}.lock`), false);
  // Held by this very process (alive), just now: not stale.
  writeFileSync(`${shared}.lock`, `${process.pid} ${os.hostname()}\n`);
  assert.throws(() => withFileLock(shared, () => 1, 50), (error: unknown) => error instanceof LockTimeoutError && error.lockFile === `${shared}.lock`);
  rmSync(`${shared}.lock`);
});

test('a lock left by a process that died, or an old one, is taken over', () => {
  const shared = path.join(dir, 'waivers.yaml');
  // A pid above any pid_max: no such process on this host.
  writeFileSync(`${shared}.lock`, `2147483646 ${os.hostname()}\n`);
  const past = new Date(Date.now() - 5_000);
  utimesSync(`${shared}.lock`, past, past);
  assert.equal(withFileLock(shared, () => 'dead holder', 1_000), 'dead holder');
  writeFileSync(`${shared}.lock`, '1 another-host\n');
  const old = new Date(Date.now() - 120_000);
  utimesSync(`${shared}.lock`, old, old);
  assert.equal(withFileLock(shared, () => 'old lock', 1_000), 'old lock');
  assert.equal(existsSync(`${shared}.lock`), false);
});
