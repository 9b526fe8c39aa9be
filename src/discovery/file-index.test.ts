import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryFileSystem } from '../pipeline/memory-file-system.js';
import type { FileIdentity, ScanFileSystem } from '../pipeline/scan-context.js';
import { discover } from './discover.js';
import { sweepDocuments } from '../pipeline/document-sweep.js';
import { FileChangedDuringScan, FileIndex, fileIncludes, needleMask, SETTLE_MS, sourceDigest } from './file-index.js';

const NOW = 1_700_000_000_000;
const settled = (key: string, sizeBytes = 10): FileIdentity => ({ key, sizeBytes, changedMs: NOW - SETTLE_MS });

test('a file is known only with the identity it was noted with, and survives serialize/parse under the same tool', () => {
  const index = FileIndex.empty(NOW);
  const digest = sourceDigest('x = 1\n');
  index.note('a.tf', settled('1:2:6:5:5'), digest, 'terraform', needleMask('x = 1\n'));
  assert.equal(index.dirty, true);
  const back = FileIndex.parse(index.serialize('tool 1'), 'tool 1', NOW);
  assert.deepEqual(back.known('a.tf', settled('1:2:6:5:5')), { digest, format: 'terraform', needles: [] });
  assert.equal(back.known('a.tf', settled('1:2:6:5:6')), undefined, 'another change time: not the indexed version');
  assert.equal(back.known('b.tf', settled('1:2:6:5:5')), undefined);
  assert.equal(back.dirty, false);
  // Noting the same again changes nothing to write.
  back.note('a.tf', settled('1:2:6:5:5'), digest, 'terraform', 0);
  assert.equal(back.dirty, false);
});

test('an index written by another build, damaged or of another layout is empty', () => {
  const index = FileIndex.empty(NOW);
  index.note('a.tf', settled('k'), sourceDigest('a'), 'terraform', 0);
  const text = index.serialize('tool 1');
  assert.equal(FileIndex.parse(text, 'tool 2', NOW).size, 0);
  assert.equal(FileIndex.parse(text.slice(0, -3), 'tool 1', NOW).size, 0);
  assert.equal(FileIndex.parse(text.replace('"layout":3', '"layout":2'), 'tool 1', NOW).size, 0);
  assert.equal(FileIndex.parse(text.replace(/[0-9a-f]{64}/, 'not a digest'), 'tool 1', NOW).size, 0);
  assert.equal(FileIndex.parse(undefined, 'tool 1', NOW).size, 0);
  assert.equal(FileIndex.parse(text, 'tool 1', NOW).size, 1);
});

test('a file changed less than SETTLE_MS before the scan is not indexed, and its old row is dropped', () => {
  const index = FileIndex.empty(NOW);
  index.note('a.tf', { key: 'k1', sizeBytes: 1, changedMs: NOW - SETTLE_MS + 1 }, sourceDigest('a'), 'terraform', 0);
  assert.equal(index.size, 0, 'a second write within the same clock tick would keep its times');
  index.note('a.tf', settled('k1'), sourceDigest('a'), 'terraform', 0);
  assert.equal(index.size, 1);
  const reread = FileIndex.parse(index.serialize('t'), 't', NOW);
  reread.note('a.tf', { key: 'k2', sizeBytes: 1, changedMs: NOW }, sourceDigest('b'), 'terraform', 0);
  assert.equal(reread.size, 0);
  assert.equal(reread.dirty, true);
  // A file in the future (another machine's clock) is not trusted either.
  reread.note('b.tf', { key: 'k3', sizeBytes: 1, changedMs: NOW + 60_000 }, sourceDigest('c'), 'terraform', 0);
  assert.equal(reread.size, 0);
});

test('the needles a text holds are kept, and fileIncludes answers from them without the text', () => {
  const mask = needleMask('variable "p" {\n  sensitive = true\n}\n# safeguard:ignore aws-x reason\n');
  const index = FileIndex.empty(NOW);
  index.note('a.tf', settled('k'), sourceDigest('t'), 'terraform', mask);
  const known = FileIndex.parse(index.serialize('t'), 't', NOW).known('a.tf', settled('k'))!;
  assert.deepEqual([...known.needles].sort(), ['safeguard:ignore', 'sensitive']);
  const unread = {
    needles: known.needles,
    get text(): string {
      throw new Error('read');
    },
  };
  assert.equal(fileIncludes(unread, 'sensitive'), true);
  assert.equal(fileIncludes(unread, 'ts:skip='), false);
  assert.equal(fileIncludes({ text: 'x #ts:skip=AC_AWS_1' }, 'ts:skip='), true);
});

/** An in-memory file system whose files have identities (a version per path), counting reads. */
function identifiedFileSystem(files: Record<string, string>) {
  const versions = new Map(Object.keys(files).map((p) => [p, 1]));
  let fs = memoryFileSystem({ files });
  const reads: string[] = [];
  const view: ScanFileSystem & { reads: string[]; write(p: string, text: string, sameIdentity?: boolean): void } = {
    lstat: (p) => fs.lstat(p),
    stat: (p) => fs.stat(p),
    realPath: (p) => fs.realPath(p),
    readDir: (p) => fs.readDir(p),
    readFile: (p) => fs.readFile(p),
    listDir: (p) => fs.listDir(p),
    readRegularFile(p, max) {
      reads.push(p);
      return fs.readRegularFile(p, max);
    },
    identify(p) {
      const stat = fs.stat(p);
      return stat?.kind === 'file' ? { key: `${p}@${versions.get(p)}`, sizeBytes: stat.sizeBytes, changedMs: NOW - 60_000 } : undefined;
    },
    reads,
    write(p, text, sameIdentity = false) {
      files[p] = text;
      fs = memoryFileSystem({ files });
      if (!sameIdentity) versions.set(p, (versions.get(p) ?? 0) + 1);
    },
  };
  return view;
}

const TF = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n';

test('discovery reads a file the index knows only when its text is asked for, and checks it against the digest', () => {
  const fs = identifiedFileSystem({ '/repo/main.tf': TF, '/repo/vars.tfvars': 'x = 1\n' });
  const index = FileIndex.empty(NOW);
  const first = discover(fs, { root: '/repo', targets: ['/repo'], index });
  assert.deepEqual(fs.reads.sort(), ['/repo/main.tf', '/repo/vars.tfvars']);
  assert.equal(first.files[0]!.digest, sourceDigest(TF));
  assert.equal(index.size, 2);

  fs.reads.length = 0;
  const second = discover(fs, { root: '/repo', targets: ['/repo'], index });
  assert.deepEqual(fs.reads, [], 'both known: statted, not read');
  assert.deepEqual(second.files.map((f) => [f.path, f.format, f.digest]), first.files.map((f) => [f.path, f.format, f.digest]));
  assert.equal(second.files[0]!.text, TF);
  assert.deepEqual(fs.reads, ['/repo/main.tf'], 'read once asked for');
  assert.equal(second.files[0]!.text, TF);
  assert.equal(fs.reads.length, 1, 'and only once');

  // Changed on disk with a new identity: read at discovery again.
  fs.write('/repo/main.tf', TF.replace('"b"\n', '"c"\n'));
  fs.reads.length = 0;
  const third = discover(fs, { root: '/repo', targets: ['/repo'], index });
  assert.deepEqual(fs.reads, ['/repo/main.tf']);
  assert.match(third.files[0]!.text, /"c"/);

  // Changed after discovery statted it (same identity): asking for the text fails, naming the file.
  const fourth = discover(fs, { root: '/repo', targets: ['/repo'], index });
  fs.write('/repo/main.tf', TF.replace('"b"\n', '"d"\n'), true);
  assert.throws(() => fourth.files[0]!.text, (e: unknown) => e instanceof FileChangedDuringScan && e.file === 'main.tf');
});

test('discovery indexes only clean texts: of the formats it scans, or documents it skips for their content', () => {
  const fs = identifiedFileSystem({ '/repo/main.tf': TF, '/repo/notes.json': '{"a": 1}', '/repo/bad.tf': 'x = "\u0000"\n' });
  const index = FileIndex.empty(NOW);
  discover(fs, { root: '/repo', targets: ['/repo'], index });
  const reread = FileIndex.parse(index.serialize('t'), 't', NOW);
  assert.ok(reread.known('main.tf', fs.identify!('/repo/main.tf')!));
  assert.equal(reread.known('bad.tf', fs.identify!('/repo/bad.tf')!), undefined, 'read with a warning: not indexed');
  assert.equal(reread.known('notes.json', fs.identify!('/repo/notes.json')!)?.format, 'not-iac', 'skipped for its content: indexed as such');
});

test('a file system that cannot identify files gets no index use', () => {
  const fs = memoryFileSystem({ files: { '/repo/main.tf': TF } });
  const index = FileIndex.empty(NOW);
  const d = discover(fs, { root: '/repo', targets: ['/repo'], index });
  assert.equal(index.size, 0);
  assert.equal(d.files[0]!.digest, undefined);
});

test('a JSON or YAML document skipped for its content is indexed too: the next discovery skips it the same way without reading it', () => {
  const cloudFormation = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n';
  const fs = identifiedFileSystem({ '/repo/main.tf': TF, '/repo/notes.json': '{"a": 1}\n', '/repo/stack.yaml': cloudFormation });
  const index = FileIndex.empty(NOW);
  const first = discover(fs, { root: '/repo', targets: ['/repo'], index });
  fs.reads.length = 0;
  const second = discover(fs, { root: '/repo', targets: ['/repo'], index });
  assert.deepEqual(fs.reads, []);
  assert.deepEqual(second.skipped, first.skipped);
  assert.deepEqual(
    second.skipped.map((s) => [s.path, s.reason]),
    [
      ['notes.json', 'not-iac'],
      ['stack.yaml', 'not-yet-supported'],
    ],
  );
});

test('the secret and PHI sweep reads a document the index knows only when its text is asked for, keyed by its digest', () => {
  const env = 'LOG_LEVEL=debug\n';
  const fs = identifiedFileSystem({ '/repo/main.tf': TF, '/repo/app/.env': env, '/repo/notes.json': '{"a": 1}\n' });
  const index = FileIndex.empty(NOW);
  const sweepOf = () => sweepDocuments(fs, '/repo', discover(fs, { root: '/repo', targets: ['/repo'], index }).skipped, 1 << 20, index);
  const first = sweepOf();
  assert.deepEqual(first.documents.map((d) => [d.path, d.digest]), [['app/.env', sourceDigest(env)], ['notes.json', sourceDigest('{"a": 1}\n')]]);
  fs.reads.length = 0;
  const second = sweepOf();
  assert.deepEqual(fs.reads, [], 'both known: the .env by the sweep, the JSON by discovery');
  assert.deepEqual(second.documents.map((d) => [d.path, d.digest]), first.documents.map((d) => [d.path, d.digest]));
  assert.deepEqual([...second.read].sort(), ['app/.env', 'notes.json']);
  assert.equal(second.documents[0]!.text, env);
  assert.deepEqual(fs.reads, ['/repo/app/.env']);
  // Changed with the same identity after it was statted: the text is refused.
  const third = sweepOf();
  fs.write('/repo/app/.env', 'LOG_LEVEL=trace\n', true);
  assert.throws(() => third.documents[0]!.text, FileChangedDuringScan);
});

test('rows of files a scan no longer meets are dropped when the index is written, and their number alone makes it worth writing', () => {
  const index = FileIndex.empty(NOW);
  for (const rel of ['a.tf', 'b.tf', 'c.tf']) index.note(rel, settled(rel), sourceDigest(rel), 'terraform', 0);
  const next = FileIndex.parse(index.serialize('t'), 't', NOW);
  assert.ok(next.known('a.tf', settled('a.tf')) && next.known('b.tf', settled('b.tf')));
  assert.equal(next.dirty, false, 'one row not met of three: not worth a write');
  const later = FileIndex.parse(index.serialize('t'), 't', NOW);
  assert.ok(later.known('a.tf', settled('a.tf')));
  assert.equal(later.dirty, true, 'two rows not met (b.tf and c.tf deleted) against one met');
  const written = FileIndex.parse(later.serialize('t'), 't', NOW);
  assert.equal(written.size, 1);
  assert.ok(written.known('a.tf', settled('a.tf')));
});
