// `safeguard scan` stopped by SIGTERM or SIGINT while it writes its report (a CI runner's timeout,
// Ctrl-C): file-writes.ts lets the write finish, renamed into place, and then ends the process by
// the signal. A real child process runs the CLI with the rename of its temporary report slowed (a
// preloaded module wraps renameSync), and is signalled once the temporary file exists. The signal
// came while the scan's last work ran, and its listener runs only when the event loop turns: the
// scan then ended with its own exit status (0 for a passing scan), as if never stopped.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { CLI } from './run-cli.js';

const SLOW_RENAME = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const pause = new Int32Array(new SharedArrayBuffer(4));
const original = fs.renameSync;
fs.renameSync = function (from, ...rest) {
  if (String(from).endsWith('.tmp')) Atomics.wait(pause, 0, 0, 300);
  return original.call(this, from, ...rest);
};
syncBuiltinESMExports();
`;

// A passing configuration: a stopped scan must not end 0 as if it had finished.
const KEY = 'resource "aws_kms_key" "k" {\n  description         = "example"\n  enable_key_rotation = true\n}\n';

async function killedWhileReporting(signal: NodeJS.Signals): Promise<{ files: string[]; report: string; signal: NodeJS.Signals | null; code: number | null; stderr: string }> {
  const work = mkdtempSync(path.join(tmpdir(), 'safeguard-scan-signal-'));
  try {
    const hook = path.join(work, 'slow-rename.mjs');
    writeFileSync(hook, SLOW_RENAME);
    writeFileSync(path.join(work, 'main.tf'), KEY);
    const child = spawn(process.execPath, ['--import', hook, CLI, 'scan', 'main.tf', '--rule', 'aws-kms-key-rotation', '--format', 'json:out.json', '--no-cache'], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const ended = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (code, how) => resolve([code, how])));
    let exited = false;
    void ended.then(() => (exited = true));
    while (!exited && !readdirSync(work).some((f) => f.endsWith('.tmp'))) await new Promise((resolve) => setTimeout(resolve, 1));
    assert.ok(!exited, `the scan ended before it wrote its report: ${stderr}`);
    child.kill(signal);
    const [code, how] = await ended;
    return { files: readdirSync(work).sort(), report: readFileSync(path.join(work, 'out.json'), 'utf8'), signal: how, code, stderr };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

test('a scan stopped by a signal while writing its report leaves the report whole, no temporary file, and ends by the signal', async () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const result = await killedWhileReporting(signal);
    assert.deepEqual(result.files, ['main.tf', 'out.json', 'slow-rename.mjs'], `${signal}: ${result.files.join(', ')}`);
    assert.equal((JSON.parse(result.report) as { summary: { passed: boolean } }).summary.passed, true, 'the report is whole JSON');
    assert.equal(result.signal, signal, `${signal}: the exit status tells that the scan was stopped (exit code ${result.code}): ${result.stderr}`);
  }
});
