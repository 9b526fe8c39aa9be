import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { unzipPack } from '../evidence/zip.js';
import { writePackFile, zipPackFiles } from './evidence-files.js';

test('a pack file given in pieces is written whole, with the digest and size of what was written', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-pack-'));
  try {
    // Text pieces past the batch size, a piece of bytes between them, characters of two to four bytes.
    const pieces = ['héllo ', 'x'.repeat(1 << 20), new TextEncoder().encode(' bytes '), '→ 𝄞\n'];
    const entry = writePackFile(path.join(dir, 'findings.json'), { path: 'findings.json', pieces: () => pieces });
    const written = readFileSync(path.join(dir, 'findings.json'));
    const expected = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
    assert.equal(Buffer.compare(written, expected), 0);
    assert.deepEqual(entry, { path: 'findings.json', sha256: createHash('sha256').update(expected).digest('hex'), bytes: expected.byteLength });
    const small = writePackFile(path.join(dir, 'sub', 'small.txt'), { path: 'sub/small.txt', bytes: new Uint8Array([1, 2, 3]) });
    assert.equal(small.bytes, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the zip holds each written file under the pack folder, read back a piece at a time', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'safeguard-pack-'));
  try {
    const big = 'row,of,a,report\r\n'.repeat(200_000); // past the read-back piece size
    writePackFile(path.join(dir, 'pack', 'findings.csv'), { path: 'findings.csv', pieces: () => [big] });
    writePackFile(path.join(dir, 'pack', 'empty.json'), { path: 'empty.json', bytes: new Uint8Array(0) });
    zipPackFiles(path.join(dir, 'pack.zip'), 'pack', path.join(dir, 'pack'), ['findings.csv', 'empty.json'], new Date('2026-12-01T00:00:00Z'));
    const files = unzipPack(readFileSync(path.join(dir, 'pack.zip')));
    assert.deepEqual([...files.keys()], ['findings.csv', 'empty.json']);
    assert.equal(new TextDecoder().decode(files.get('findings.csv')), big);
    assert.equal(files.get('empty.json')!.byteLength, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
