import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryFileSystem } from '../pipeline/memory-file-system.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import { runCli } from './program.js';
import { ProgressLine, useColor, type Terminal } from './terminal.js';

function fakeTerminal(options: { stderrIsTTY?: boolean; env?: Record<string, string> } = {}): Terminal & { stdout: string; stderr: string } {
  const t = {
    stdout: '',
    stderr: '',
    out(text: string) {
      t.stdout += text;
    },
    err(text: string) {
      t.stderr += text;
    },
    stdoutIsTTY: false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    env: options.env ?? {},
  };
  return t;
}

test('an internal error is reported as a bug with a redacted stack and exit 2', async () => {
  const terminal = fakeTerminal();
  const code = await runCli(['scan', '.'], terminal, () => {
    throw new TypeError('password = "hunter2" in main.tf');
  });
  assert.equal(code, 2);
  assert.match(terminal.stderr, /internal error\. This is a bug, please report it/);
  assert.match(terminal.stderr, /safeguard \d+\.\d+\.\d+, Node v\d+/);
  assert.match(terminal.stderr, /TypeError/);
  assert.match(terminal.stderr, /at /);
  assert.ok(!terminal.stderr.includes('hunter2'), 'the message may hold file contents and is left out');
});

test('scan works on an in-memory tree', async () => {
  const terminal = fakeTerminal();
  const context = (): ScanContext => ({ cwd: '/w', env: {}, now: new Date('2026-01-01'), fs: memoryFileSystem({ files: { '/w/README.md': '# x' } }), monotonicMs: () => 0 });
  const code = await runCli(['scan', '--verbose'], terminal, context);
  assert.equal(code, 0);
  assert.match(terminal.stdout, /No Terraform files found under the current directory/);
  assert.match(terminal.stdout, /README\.md {2}not infrastructure-as-code/);
  // A named file is named back, not the directory it is in.
  const named = fakeTerminal();
  assert.equal(await runCli(['scan', 'README.md'], named, context), 0);
  assert.match(named.stdout, /No Terraform files found in README\.md, so nothing was checked\./);
});

test('the progress line appears only on a TTY and only after a moment', () => {
  let now = 0;
  const tty = fakeTerminal({ stderrIsTTY: true });
  const progress = new ProgressLine(tty, () => now, 0);
  progress.update('Finding files…');
  assert.equal(tty.stderr, '');
  now = 1500;
  progress.update('Running rules on 3 files…');
  assert.match(tty.stderr, /Running rules on 3 files… \(1\.5s\)/);
  progress.clear();
  assert.ok(tty.stderr.endsWith('\r\u001b[2K'));
  const piped = fakeTerminal();
  new ProgressLine(piped, () => 5000, 0).update('x');
  assert.equal(piped.stderr, '');
});

test('colour decisions', () => {
  assert.equal(useColor(fakeTerminal(), true, 'stdout'), false);
  assert.equal(useColor({ ...fakeTerminal(), stdoutIsTTY: true }, true, 'stdout'), true);
  assert.equal(useColor({ ...fakeTerminal({ env: { NO_COLOR: '1' } }), stdoutIsTTY: true }, true, 'stdout'), false);
  assert.equal(useColor({ ...fakeTerminal(), stdoutIsTTY: true }, false, 'stdout'), false);
  assert.equal(useColor(fakeTerminal({ env: { FORCE_COLOR: '1' } }), true, 'stdout'), true);
});

test('a .safeguard.yml beside .safeguard.yaml is a warning (it is never read), and .yaml is the config', async () => {
  const terminal = fakeTerminal();
  const files = {
    '/w/main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n',
    '/w/.safeguard.yaml': 'fail_on: critical\n',
    '/w/.safeguard.yml': 'fail_on: low\n',
  };
  const context = (): ScanContext => ({ cwd: '/w', env: {}, now: new Date('2026-01-01'), fs: memoryFileSystem({ files }), monotonicMs: () => 0 });
  const code = await runCli(['scan', '--no-color'], terminal, context);
  assert.equal(code, 0, 'fail_on: critical from .safeguard.yaml, not low from .safeguard.yml');
  assert.match(terminal.stdout, /\.safeguard\.yml {2}warning {2}config\/ignored/);
  assert.match(terminal.stdout, /\.safeguard\.yml is not read: \.safeguard\.yaml beside it is the config file/);
});

test('--sarif-category writes automationDetails.id into the SARIF report; without a SARIF report, or empty, it is a usage error', async () => {
  const context = (): ScanContext => ({ cwd: '/w', env: {}, now: new Date('2026-01-01'), fs: memoryFileSystem({ files: { '/w/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n' } }), monotonicMs: () => 0 });
  const terminal = fakeTerminal();
  await runCli(['scan', '--no-cache', '--no-audit-log', '-f', 'sarif', '--sarif-category', 'safeguard/infra'], terminal, context);
  assert.deepEqual((JSON.parse(terminal.stdout) as { runs: { automationDetails?: unknown }[] }).runs[0]!.automationDetails, { id: 'safeguard/infra/' });
  for (const args of [['-f', 'json', '--sarif-category', 'x'], ['-f', 'sarif', '--sarif-category', ' ']]) {
    const refused = fakeTerminal();
    assert.equal(await runCli(['scan', '--no-cache', ...args], refused, context), 2, args.join(' '));
    assert.match(refused.stderr, /--sarif-category/);
  }
});
