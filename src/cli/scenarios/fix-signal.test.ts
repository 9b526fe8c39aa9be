// `safeguard fix` stopped by SIGTERM or SIGINT while it writes the fixed files: it stages each beside
// its file (`.NAME.<pid>-<random>.tmp`) and renames them all once all are staged. Without a
// listener the signal stopped it between two writes and the staged copies stayed beside the sources
// for good (nothing may delete them later: a matching name is no proof Safeguard made them), with
// some files fixed and others not when it came during the renames. A real child process runs the
// CLI with its file writes slowed (a preloaded module wraps writeFileSync and renameSync for the
// staged files), and is signalled once the first staged copy exists.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { CLI } from './run-cli.js';

const SLOW_WRITES = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const pause = new Int32Array(new SharedArrayBuffer(4));
const slow = (name) => {
  const original = fs[name];
  fs[name] = function (file, ...rest) {
    if (String(file).endsWith('.tmp')) Atomics.wait(pause, 0, 0, 150);
    return original.call(this, file, ...rest);
  };
};
slow('writeFileSync');
slow('renameSync');
syncBuiltinESMExports();
`;

const KEY = (name: string): string => `resource "aws_kms_key" "${name}" {\n  description         = "example ${name}"\n  enable_key_rotation = false\n}\n`;
const NAMES = ['a', 'b', 'c', 'd'];

async function killedWhileFixing(signal: NodeJS.Signals): Promise<{ files: string[]; fixed: number; signal: NodeJS.Signals | null; stderr: string }> {
  const work = mkdtempSync(path.join(tmpdir(), 'safeguard-fix-signal-'));
  try {
    const hook = path.join(work, 'slow-writes.mjs');
    writeFileSync(hook, SLOW_WRITES);
    const tf = path.join(work, 'tf');
    mkdirSync(tf);
    for (const n of NAMES) writeFileSync(path.join(tf, `${n}.tf`), KEY(n));
    const child = spawn(process.execPath, ['--import', hook, CLI, 'fix', '.', '--rule', 'aws-kms-key-rotation'], { cwd: tf, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, how) => resolve(how)));
    let exited = false;
    void ended.then(() => (exited = true));
    while (!exited && !readdirSync(tf).some((f) => f.endsWith('.tmp'))) await new Promise((resolve) => setTimeout(resolve, 1));
    assert.ok(!exited, `fix ended before it staged a file: ${stderr}`);
    child.kill(signal);
    const how = await ended;
    const files = readdirSync(tf).sort();
    const fixed = NAMES.filter((n) => readFileSync(path.join(tf, `${n}.tf`), 'utf8') !== KEY(n)).length;
    return { files, fixed, signal: how, stderr };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

test('fix stopped by a signal while writing leaves no staged copy, every file fixed or none, and ends by the signal', async () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const result = await killedWhileFixing(signal);
    assert.deepEqual(result.files, NAMES.map((n) => `${n}.tf`), `${signal}: ${result.files.join(', ')}`);
    assert.ok(result.fixed === 0 || result.fixed === NAMES.length, `${signal}: ${result.fixed} of ${NAMES.length} files fixed`);
    assert.equal(result.signal, signal, `the exit status still tells that fix was stopped: ${result.stderr}`);
  }
});
