// Hostile and broken file trees (issue 12): nothing crashes or hangs, nothing is skipped silently,
// and a skip that leaves Terraform unverified is an error diagnostic (the run fails), while files
// that are simply not Terraform are listed and nothing more.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { nodeFileSystem } from '../cli/node-context.js';
import { memoryFileSystem } from '../pipeline/memory-file-system.js';
import type { ScanFileSystem } from '../pipeline/scan-context.js';
import { firstInvalidUtf8 } from './decode-text.js';
import { discover } from './discover.js';
import { isFailedInput } from './failed-input.js';

const TF = 'resource "aws_s3_bucket" "b" {}\n';
const errorsOf = (d: ReturnType<typeof discover>) => d.diagnostics.filter((x) => x.severity === 'error').map((x) => `${x.code} ${x.file ?? ''}`).sort((a, b) => (a.split(' ')[1]! < b.split(' ')[1]! ? -1 : 1));

function tempTree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'safeguard-hostile-'));
  for (const [rel, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), contents);
  }
  return nodeFileSystem.realPath(root)!;
}

test('which skips fail the run: Terraform by name, explicit files and unlistable directories', () => {
  assert.equal(isFailedInput('main.tf', 'invalid-utf8', false), true);
  assert.equal(isFailedInput('x/prod.tfvars', 'binary', false), true);
  assert.equal(isFailedInput('terraform.tfstate', 'too-large', false), true);
  assert.equal(isFailedInput('secret.tf', 'outside-root', false), true);
  assert.equal(isFailedInput('logo.png', 'binary', false), false);
  assert.equal(isFailedInput('package-lock.json', 'too-large', false), false);
  assert.equal(isFailedInput('notes.yaml', 'invalid-utf8', false), false);
  assert.equal(isFailedInput('notes.yaml', 'invalid-utf8', true), true, 'the user named it');
  assert.equal(isFailedInput('private/', 'unreadable', false), true);
});

test('binary, invalid UTF-8, oversized and unreadable Terraform are error diagnostics naming the file', () => {
  const fs = memoryFileSystem({
    files: {
      '/repo/ok.tf': TF,
      '/repo/bin.tf': new Uint8Array([0x72, 0, 0x73]),
      '/repo/latin1.tf': new Uint8Array([...new TextEncoder().encode('a = 1\nb = "'), 0xe9, 0x22, 0x0a]),
      '/repo/big.tf': `# ${'x'.repeat(2000)}\n`,
      '/repo/locked.tf': TF,
      '/repo/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]),
      '/repo/README.md': '# readme',
      '/repo/huge.json': `{"name": "${'x'.repeat(2000)}"}`,
      '/repo/cfn.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\n',
    },
    unreadable: ['/repo/locked.tf'],
  });
  const d = discover(fs, { root: '/repo', targets: ['/repo'], maxFileBytes: 1000, maxPlanFileBytes: 1000 });
  assert.deepEqual(d.files.map((f) => f.path), ['ok.tf']);
  assert.deepEqual(errorsOf(d), ['discovery/too-large big.tf', 'discovery/binary bin.tf', 'discovery/invalid-utf8 latin1.tf', 'discovery/unreadable locked.tf']);
  const latin1 = d.diagnostics.find((x) => x.file === 'latin1.tf')!;
  // In a string, where Terraform refuses it too ("Invalid character encoding").
  assert.match(latin1.message, /^latin1\.tf was not checked: not valid UTF-8 text outside a comment, which Terraform refuses as well \(the first such byte at line 2, column 6\)\.$/);
  assert.match(latin1.hint ?? '', /\.safeguardignore/);
  // Not Terraform: listed as skipped, never an error.
  assert.deepEqual(d.skipped.filter((s) => !s.path.endsWith('.tf')).map((s) => `${s.path}:${s.reason}`), ['README.md:not-iac', 'cfn.yaml:not-yet-supported', 'huge.json:too-large', 'logo.png:not-iac']);
});

test('Terraform files with bytes Terraform reads (a Latin-1 comment) are read with U+FFFD and one warning each', () => {
  const latin1 = (before: string, after: string): Uint8Array => new Uint8Array([...new TextEncoder().encode(before), 0xe9, ...new TextEncoder().encode(after)]);
  const fs = memoryFileSystem({
    files: {
      '/repo/main.tf': latin1('# Owner: Jos', ' (PHI bucket), valid UTF-8: é\nresource "aws_s3_bucket" "b" {}\n'),
      '/repo/prod.tfvars': latin1('name = "x" // Jos', '\n'),
      '/repo/web.tf.json': latin1('{"locals": {"owner": "Jos', '"}}\n'),
      '/repo/.terraform.lock.hcl': latin1('# Jos', '\n'),
      '/repo/bad.tf': new Uint8Array([...latin1('# Jos', '\nb = "Jos'), 0xe9, 0x22, 0x0a]), // the comment is fine, the string is not
      // Not Terraform's to read: refused as before.
      '/repo/terraform.tfstate': latin1('{"version": 4, "x": "', '"}'),
      '/repo/notes.yaml': latin1('# Jos', '\n'),
    },
  });
  const d = discover(fs, { root: '/repo', targets: ['/repo', '/repo/notes.yaml'] });
  assert.deepEqual(d.files.map((f) => f.path), ['.terraform.lock.hcl', 'main.tf', 'prod.tfvars', 'web.tf.json']);
  assert.equal(d.files.find((f) => f.path === 'main.tf')!.text.split('\n')[0], '# Owner: Jos\ufffd (PHI bucket), valid UTF-8: é');
  assert.deepEqual(errorsOf(d), ['discovery/invalid-utf8 bad.tf', 'discovery/invalid-utf8 notes.yaml', 'discovery/invalid-utf8 terraform.tfstate']);
  const warnings = d.diagnostics.filter((x) => x.severity === 'warning');
  assert.deepEqual(warnings.map((w) => `${w.code} ${w.span?.file} ${w.span?.start.line}:${w.span?.start.column}`), [
    'discovery/invalid-utf8-replaced .terraform.lock.hcl 1:6',
    'discovery/invalid-utf8-replaced main.tf 1:13',
    'discovery/invalid-utf8-replaced prod.tfvars 1:18',
    'discovery/invalid-utf8-replaced web.tf.json 1:26',
  ]);
  assert.equal(warnings[1]!.message, 'main.tf is not valid UTF-8 (first invalid byte at line 1, column 13): its invalid bytes were read as replacement characters (U+FFFD), as Terraform reads them.');
  assert.match(warnings[1]!.hint ?? '', /safeguard fix` leaves it unchanged/);
  assert.deepEqual(d.skipped.map((s) => `${s.path}:${s.reason}`), ['bad.tf:invalid-utf8', 'notes.yaml:invalid-utf8', 'terraform.tfstate:invalid-utf8']);
});

test('excluded and ignored broken files are left out on purpose: no error', () => {
  const fs = memoryFileSystem({ files: { '/repo/ok.tf': TF, '/repo/.safeguardignore': 'broken/\n', '/repo/broken/bin.tf': new Uint8Array([0, 1]), '/repo/legacy/x.tf': new Uint8Array([0xff]) } });
  const d = discover(fs, { root: '/repo', targets: ['/repo'], exclude: ['legacy/**'] });
  assert.deepEqual(errorsOf(d), []);
  assert.deepEqual(d.skipped.map((s) => `${s.path}:${s.reason}`), ['broken/:ignored', 'legacy/:excluded']);
});

test('an unlistable directory and a file that vanishes during the scan are errors, not silent', () => {
  const base = memoryFileSystem({ files: { '/repo/ok.tf': TF, '/repo/private/x.tf': TF }, unreadable: ['/repo/private'] });
  // The listing has a file that is gone by the time it is read (deleted between listing and reading).
  const racing: ScanFileSystem = { ...base, listDir: (p) => (p === '/repo' ? [...(base.listDir(p) ?? []), { name: 'gone.tf', kind: 'file' }] : base.listDir(p)) };
  const d = discover(racing, { root: '/repo', targets: ['/repo'] });
  assert.deepEqual(d.files.map((f) => f.path), ['ok.tf']);
  assert.deepEqual(errorsOf(d), ['discovery/unreadable gone.tf', 'discovery/unreadable private/']);
  assert.match(d.skipped.find((s) => s.path === 'gone.tf')!.detail, /disappeared during the scan/);
});

test('symlinks: a .tf link out of the root is an error; loops and dangling links end', () => {
  const fs = memoryFileSystem({
    files: { '/repo/main.tf': TF, '/outside/secret.tf': TF, '/outside/notes.txt': 'x' },
    symlinks: { '/repo/escape.tf': '/outside/secret.tf', '/repo/notes.txt': '/outside/notes.txt', '/repo/outdir': '/outside', '/repo/a': 'b', '/repo/b': 'a', '/repo/dangling.tf': 'nowhere.tf', '/repo/self': '/repo' },
  });
  const d = discover(fs, { root: '/repo', targets: ['/repo'] });
  assert.deepEqual(d.files.map((f) => f.path), ['main.tf']);
  assert.deepEqual(errorsOf(d), ['discovery/unreadable dangling.tf', 'discovery/outside-root escape.tf']);
  const warnings = d.diagnostics.filter((x) => x.severity === 'warning').map((x) => x.file);
  assert.deepEqual(warnings, ['notes.txt', 'outdir'], 'other links out of the root are reported, not followed');
});

test('the real file system: symlink loops, links out of the root, spaces and unicode in names', () => {
  const root = tempTree({ 'with space/main file.tf': TF, 'ünï/café 🚀.tf': TF, 'sub/ok.tf': TF });
  const outside = tempTree({ 'secret.tf': TF });
  try {
    symlinkSync(root, path.join(root, 'sub', 'loop'));
    symlinkSync(path.join(root, 'sub', 'x'), path.join(root, 'sub', 'y'));
    symlinkSync(path.join(root, 'sub', 'y'), path.join(root, 'sub', 'x'));
    symlinkSync(path.join(outside, 'secret.tf'), path.join(root, 'escape.tf'));
    symlinkSync(outside, path.join(root, 'outdir'));
    const d = discover(nodeFileSystem, { root, targets: [root] });
    assert.deepEqual(d.files.map((f) => f.path), ['sub/ok.tf', 'with space/main file.tf', 'ünï/café 🚀.tf']);
    assert.deepEqual(errorsOf(d), ['discovery/outside-root escape.tf']);
    assert.deepEqual(d.skipped.map((s) => `${s.path}:${s.reason}`), ['escape.tf:outside-root', 'outdir:outside-root', 'sub/x:unreadable', 'sub/y:unreadable']);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

test('the real file system: a named pipe called main.tf is never opened (it would block)', (t) => {
  const root = tempTree({ 'ok.tf': TF, 'notes.md': '# x' });
  try {
    try {
      execFileSync('mkfifo', [path.join(root, 'main.tf'), path.join(root, 'pipe')]);
    } catch {
      t.skip('mkfifo is not available');
      return;
    }
    const d = discover(nodeFileSystem, { root, targets: [root] });
    assert.deepEqual(d.files.map((f) => f.path), ['ok.tf']);
    assert.deepEqual(errorsOf(d), ['discovery/unreadable main.tf']);
    assert.equal(d.skipped.find((s) => s.path === 'pipe')?.reason, 'unreadable', 'listed, but not a failure: not Terraform');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the real file system: listDir gives each entry its kind; readRegularFile reads within a limit and never waits on a pipe', (t) => {
  const root = tempTree({ 'main.tf': TF, 'sub/x.tf': TF, 'empty.tf': '' });
  try {
    symlinkSync(path.join(root, 'main.tf'), path.join(root, 'link.tf'));
    let fifo = true;
    try {
      execFileSync('mkfifo', [path.join(root, 'pipe.tf')]);
    } catch {
      fifo = false;
    }
    const kinds = nodeFileSystem.listDir(root)!.map((e) => `${e.name}:${e.kind}`);
    assert.deepEqual(kinds, ['empty.tf:file', 'link.tf:symlink', 'main.tf:file', ...(fifo ? ['pipe.tf:other'] : []), 'sub:directory']);
    const size = Buffer.byteLength(TF);
    assert.deepEqual(nodeFileSystem.readRegularFile(path.join(root, 'main.tf'), size - 1), { sizeBytes: size }, 'over the limit: its size, not its bytes');
    assert.equal(Buffer.from(nodeFileSystem.readRegularFile(path.join(root, 'main.tf'), size)!.bytes!).toString(), TF);
    const large = Buffer.alloc(600 * 1024, 'resource "x" "y" {}\n'); // past the reader's first buffer
    writeFileSync(path.join(root, 'large.tf'), large);
    assert.ok(large.equals(nodeFileSystem.readRegularFile(path.join(root, 'large.tf'), large.length)!.bytes!));
    assert.deepEqual(nodeFileSystem.readRegularFile(path.join(root, 'large.tf'), large.length - 1), { sizeBytes: large.length });
    assert.deepEqual(nodeFileSystem.readRegularFile(path.join(root, 'empty.tf'), size), { sizeBytes: 0, bytes: Buffer.alloc(0) });
    assert.equal(nodeFileSystem.readRegularFile(path.join(root, 'sub'), size), undefined, 'a directory');
    assert.equal(nodeFileSystem.readRegularFile(path.join(root, 'gone.tf'), size), undefined, 'missing');
    if (fifo) assert.equal(nodeFileSystem.readRegularFile(path.join(root, 'pipe.tf'), size), undefined, 'a pipe: opened without waiting for a writer, then refused');
    else t.diagnostic('mkfifo is not available: the pipe case was not run');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the real file system: chmod 000 files and directories', (t) => {
  if (process.getuid?.() === 0) {
    t.skip('running as root: chmod 000 does not stop root reading (the in-memory test above covers it)');
    return;
  }
  const root = tempTree({ 'ok.tf': TF, 'locked.tf': TF, 'private/x.tf': TF });
  try {
    chmodSync(path.join(root, 'locked.tf'), 0o000);
    chmodSync(path.join(root, 'private'), 0o000);
    const d = discover(nodeFileSystem, { root, targets: [root] });
    assert.deepEqual(d.files.map((f) => f.path), ['ok.tf']);
    assert.deepEqual(errorsOf(d), ['discovery/unreadable locked.tf', 'discovery/unreadable private/']);
  } finally {
    chmodSync(path.join(root, 'private'), 0o755);
    rmSync(root, { recursive: true, force: true });
  }
});

test('firstInvalidUtf8 points at the first bad byte, counting columns as editors do', () => {
  const enc = (s: string) => [...new TextEncoder().encode(s)];
  assert.equal(firstInvalidUtf8(new Uint8Array(enc('héllo 😀\nok'))), undefined);
  assert.deepEqual(firstInvalidUtf8(new Uint8Array([...enc('ab\n😀c'), 0xc0, 0x80])), { line: 2, column: 4 });
  assert.deepEqual(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80])), { line: 1, column: 1 }, 'a surrogate');
  assert.deepEqual(firstInvalidUtf8(new Uint8Array([...enc('x'), 0xe2, 0x82])), { line: 1, column: 2 }, 'truncated');
});
