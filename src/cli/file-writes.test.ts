// Whole-or-nothing writes (file-writes.ts).
import assert from 'node:assert/strict';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { writeFileAtomically } from './file-writes.js';

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
