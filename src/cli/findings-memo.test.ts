// The JSON report's findings memo on disk (findings-memo.ts): written whole or not at all, read only
// under its own signature, and pruned with the cache's entries.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as zlib from 'node:zlib';
import { after, test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import { FindingsMemoDamaged, type FindingsMemo, type FindingsMemoWriter } from '../reporters/report-input.js';
import { fixtureFindings } from '../testing/report-fixture.js';
import { findingsMemo, memoChecksum } from './findings-memo.js';
import { pruneCache } from './source-scan-setup.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'safeguard-findings-memo-'));
after(() => rmSync(temp, { recursive: true, force: true }));
let dirs = 0;
const freshDir = (): string => path.join(temp, `cache-${dirs++}`);
const signature = 'ab'.repeat(32);
const shape = { start: '\n    {', end: '}' };
/** The pieces as text, each copied as it comes (the buffer is reused). */
function text(pieces: Iterable<Uint8Array> | undefined): string | undefined {
  if (pieces === undefined) return undefined;
  const copies: Buffer[] = [];
  for (const piece of pieces) copies.push(Buffer.from(piece));
  return Buffer.concat(copies).toString('utf8');
}

function files(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : [];
}

test('places count through the entries in order, merged or in any order; none for another finding', () => {
  const [a, b, c, d] = fixtureFindings();
  const memo = findingsMemo(freshDir(), [
    { generation: 'g1', findings: [a!, b!, c!] },
    { generation: 'g2', findings: [d!] },
  ])!;
  assert.equal(memo.entries, 'g1 g2');
  const places = (list: Finding[]): number[] | undefined => {
    const out = memo.places(list);
    return out && [...out];
  };
  assert.deepEqual(places([a!, b!, c!, d!]), [0, 1, 2, 3]);
  assert.deepEqual(places([a!, d!, b!, c!]), [0, 3, 1, 2], 'merged');
  assert.deepEqual(places([c!, a!, d!]), [2, 0, 3], 'in another order, one left out');
  assert.deepEqual(places([a!, a!]), [0, 0], 'the same finding twice');
  assert.deepEqual(places([]), []);
  assert.equal(memo.places([a!, { ...b! }]), undefined, 'a copy is another finding');
  assert.equal(findingsMemo(freshDir(), []), undefined);
});

test('written in pieces, read back as UTF-8 bytes under its signature only', () => {
  const dir = freshDir();
  const findings: Finding[] = fixtureFindings();
  const memo = findingsMemo(dir, [{ generation: 'g', findings }])!;
  assert.equal(memo.read(signature, shape), undefined, 'nothing yet');
  const writer = memo.write(signature)!;
  writer.add('\n    {"a": "naïve');
  assert.equal(memo.read(signature, shape), undefined, 'not readable before end()');
  writer.add(' 東京"}');
  writer.end();
  assert.equal(text(memo.read(signature, shape)), '\n    {"a": "naïve 東京"}');
  assert.equal(memo.read('cd'.repeat(32), shape), undefined);
  assert.equal(memo.read(signature, { start: '\n    [', end: '}' }), undefined, 'another start');
  assert.equal(memo.read(signature, { start: '\n    {', end: ']' }), undefined, 'another end');
  assert.deepEqual(files(dir), [`${signature}.findings`], 'no temporary file left');
});

/** A fresh directory's memo, with a writer started under `signature`. */
function startedMemo(): { dir: string; memo: FindingsMemo; writer: FindingsMemoWriter } {
  const dir = freshDir();
  const memo = findingsMemo(dir, [{ generation: 'g', findings: fixtureFindings() }])!;
  return { dir, memo, writer: memo.write(signature)! };
}

test('a memo of several pieces reads back whole, characters split across pieces included', () => {
  const { memo, writer } = startedMemo();
  const body = `\n    {${'東京 naïve — '.repeat(250_000)}}`; // ~4 MB of UTF-8: several pieces
  writer.add(body);
  writer.end();
  let count = 0;
  const pieces = memo.read(signature, shape)!;
  const copies: Buffer[] = [];
  for (const piece of pieces) {
    count++;
    copies.push(Buffer.from(piece));
  }
  assert.ok(count > 2, `${count} pieces`);
  assert.equal(Buffer.concat(copies).toString('utf8'), body);
});

test('a file whose header names another signature, or none, is not read', () => {
  const { dir, memo, writer } = startedMemo();
  writer.add('\n    {}');
  writer.end();
  const file = path.join(dir, signature.slice(0, 2), `${signature}.findings`);
  const text = readFileSync(file, 'latin1');
  writeFileSync(file, text.replace(signature, 'cd'.repeat(32)), 'latin1');
  assert.equal(memo.read(signature, shape), undefined);
  writeFileSync(file, '\n    {}');
  assert.equal(memo.read(signature, shape), undefined);
});

test('an aborted memo leaves nothing; an unwritable directory gives no writer', () => {
  const { dir, memo, writer } = startedMemo();
  writer.add('\n    {}');
  writer.abort();
  assert.equal(memo.read(signature, shape), undefined);
  assert.deepEqual(files(dir), []);
  const blocked = path.join(temp, 'a-file');
  writeFileSync(blocked, '');
  assert.equal(findingsMemo(path.join(blocked, 'cache'), [{ generation: 'g', findings: fixtureFindings() }])!.write(signature), undefined);
});

test('memos are pruned with the entries, least recently used first, and count toward the byte limit', () => {
  const dir = freshDir();
  const memo = findingsMemo(dir, [{ generation: 'g', findings: fixtureFindings() }], { maxEntries: 2, maxBytes: 1 << 20 })!;
  for (const [s, minutesAgo] of [['aa', 20], ['bb', 10], ['cc', 0]] as const) {
    const writer = memo.write(s.repeat(32))!;
    writer.add('\n    {}');
    writer.end(); // prunes, keeping the one just written
    const when = new Date(Date.now() - minutesAgo * 60_000);
    utimesSync(path.join(dir, s, `${s.repeat(32)}.findings`), when, when);
  }
  assert.deepEqual(files(dir).sort(), [`${'bb'.repeat(32)}.findings`, `${'cc'.repeat(32)}.findings`]);
  pruneCache(dir, { maxEntries: 10, maxBytes: 1 }, '');
  assert.deepEqual(files(dir), [], 'over the byte limit');
});

test('a memo damaged in the middle (zero-filled by a crash) throws once read to its end, and is deleted; one never sealed is not read: it carries its body\'s digest', () => {
  const { dir, memo, writer } = startedMemo();
  // Over two of the pieces a memo is read in (1 MB), so the damage is in a piece after the first.
  const body = `\n    {${'"x": 1, '.repeat(300_000)}}`;
  writer.add(body);
  writer.end();
  assert.equal(text(memo.read(signature, shape)), body);
  const file = path.join(dir, signature.slice(0, 2), `${signature}.findings`);
  const whole = readFileSync(file);
  for (const [from, to] of [
    [40_000, 44_000],
    [1_500_000, 1_504_000],
  ] as const) {
    const zeroed = Buffer.from(whole);
    zeroed.fill(0, from, to); // same size, same start and end
    writeFileSync(file, zeroed);
    const pieces = memo.read(signature, shape);
    assert.ok(pieces !== undefined, 'the damage is found as the body is read');
    assert.throws(() => text(pieces), FindingsMemoDamaged, `zero-filled at ${from}`);
    assert.equal(existsSync(file), false, 'a damaged memo is deleted');
  }
  const shortened = whole.subarray(0, whole.length - 2_000_000);
  writeFileSync(file, Buffer.concat([shortened, Buffer.from('}')]));
  assert.throws(() => text(memo.read(signature, shape)), FindingsMemoDamaged, 'cut short (and ending as a finding does)');
  const header = whole.toString('latin1', 0, whole.indexOf('\n'));
  const unsealed = Buffer.from(whole);
  const sealedWith = / (crc32|sha1) ([0-9a-f]+)$/.exec(header);
  assert.ok(sealedWith, `the header ends with the body's checksum: ${header.slice(-60)}`);
  unsealed.write(header.replace(/[0-9a-f]+$/, '0'.repeat(sealedWith[2]!.length)), 0, 'latin1');
  writeFileSync(file, unsealed);
  assert.equal(memo.read(signature, shape), undefined, 'unsealed');
  writeFileSync(file, whole);
  assert.equal(text(memo.read(signature, shape)), body, 'restored');
  // A memo of another layout or checksum (an earlier version's SHA-1 memo, or a CRC-32 one read by a
  // Node without CRC-32) is not read: written anew instead.
  const other = header.replace(/^safeguard-findings-memo \d+ (\S+) (crc32|sha1) [0-9a-f]+$/, (_all, sig: string, kind: string) => `safeguard-findings-memo 2 ${sig} ${kind === 'crc32' ? 'f'.repeat(40) : 'f'.repeat(8)}`);
  assert.notEqual(other, header);
  writeFileSync(file, Buffer.concat([Buffer.from(other, 'latin1'), whole.subarray(header.length)]));
  assert.equal(memo.read(signature, shape), undefined, 'another checksum');
});

test('the memo checksum: CRC-32 where zlib has it, else SHA-1; a body given in pieces sums as a whole', () => {
  const crc = memoChecksum(zlib.crc32);
  const sha = memoChecksum(undefined);
  assert.deepEqual([crc.name, crc.digits, sha.name, sha.digits], ['crc32', 8, 'sha1', 40]);
  const sum = (kind: ReturnType<typeof memoChecksum>, pieces: readonly (string | Uint8Array)[]): string => {
    const c = kind.start();
    for (const p of pieces) c.update(p);
    return c.hex();
  };
  assert.equal(sum(crc, ['abc']), '352441c2'); // CRC-32 of "abc", as zip and PNG compute it
  assert.equal(sum(sha, ['abc']), createHash('sha1').update('abc').digest('hex'));
  for (const kind of [crc, sha]) {
    assert.equal(sum(kind, ['a', Buffer.from('b'), 'c']), sum(kind, ['abc']), `${kind.name} in pieces`);
    assert.equal(sum(kind, ['\u00e9']), sum(kind, [Buffer.from('\u00e9', 'utf8')]), `${kind.name}: text as UTF-8`);
    assert.equal(sum(kind, []).length, kind.digits);
  }
  assert.equal(sum(crc, []), '00000000');
});
