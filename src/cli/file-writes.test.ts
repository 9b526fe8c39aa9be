// Whole-or-nothing writes and the lock shared files are changed under (file-writes.ts).
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

test('strings are written as their UTF-8 bytes, short or long, whatever their characters', () => {
  const file = path.join(dir, 'pieces.txt');
  // Multi-byte characters, a surrogate pair, a lone surrogate (U+FFFD), and strings on either side
  // of the length encoded into the kept buffer (ENCODED_HERE, 256 K UTF-16 units).
  const pieces = ['plain ascii\n', 'café — ✓ 😀\n', 'lone \ud800 surrogate\n', 'é'.repeat(100_000), 'x'.repeat(256 * 1024), '✓'.repeat(256 * 1024 + 1), 'tail'];
  const expected = Buffer.concat(pieces.map((p) => Buffer.from(p, 'utf8')));
  assert.equal(writeFileAtomically(file, pieces), expected.byteLength);
  assert.deepEqual(readFileSync(file), expected);
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

/**
 * A child process that writes `target` slowly through writeFileAtomically (400 pieces, 5 ms apart),
 * killed by `signal` at a random moment of the write; what it left in its directory and how it ended.
 */
async function killedWhileWriting(target: string, signal: NodeJS.Signals, hold: boolean): Promise<{ files: string[]; signal: NodeJS.Signals | null; text: string | undefined }> {
  const module = path.join(path.dirname(fileURLToPath(import.meta.url)), 'file-writes.js');
  const script = `
    import { finishWritesOnSignal, writeFileAtomically } from ${JSON.stringify(module)};
    if (${String(hold)}) finishWritesOnSignal();
    const pause = new Int32Array(new SharedArrayBuffer(4));
    function* slow() { for (let i = 0; i < 400; i++) { Atomics.wait(pause, 0, 0, 5); yield 'x'.repeat(1000) + '\\n'; } yield 'end\\n'; }
    writeFileAtomically(${JSON.stringify(target)}, slow());
    // What a command does after its last write (the audit log): the loop turns, and a held signal is acted on.
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.exitCode = 0;
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
  const where = path.dirname(target);
  const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, how) => resolve(how)));
  // Once the temporary file exists, at a random moment within the next 1.5 s of a ~2 s write.
  while (!readdirSync(where).some((f) => f.endsWith('.tmp'))) await new Promise((resolve) => setTimeout(resolve, 2));
  await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 1500)));
  child.kill(signal);
  const how = await ended;
  return { files: readdirSync(where), signal: how, text: existsSync(target) ? readFileSync(target, 'utf8') : undefined };
}

test('a command stopped by SIGTERM or SIGINT while writing leaves no temporary file, the report whole, and ends by the signal', async () => {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGTERM'] as const) {
    const where = mkdtempSync(path.join(dir, 'killed-'));
    const result = await killedWhileWriting(path.join(where, 'results.sarif'), signal, true);
    assert.deepEqual(result.files, ['results.sarif'], `${signal}: ${result.files.join(', ')}`);
    assert.ok(result.text?.endsWith('end\n'), 'the report is whole');
    assert.equal(result.signal, signal, 'the exit status still tells that the process was stopped');
  }
  // Without the listener the signal stops the write where it is: what the test guards against.
  const where = mkdtempSync(path.join(dir, 'unheld-'));
  const unheld = await killedWhileWriting(path.join(where, 'results.sarif'), 'SIGTERM', false);
  assert.equal(unheld.signal, 'SIGTERM');
  assert.equal(unheld.files.filter((f) => f.endsWith('.tmp')).length, 1, unheld.files.join(', '));
});
