import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileCacheStore, pruneCache } from './source-scan-setup.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'safeguard-cache-store-'));
after(() => rmSync(temp, { recursive: true, force: true }));

let dirs = 0;
const freshDir = (): string => path.join(temp, `cache-${dirs++}`);

/** An entry `XX/<key>.json` of `bytes` bytes, last used `minutesAgo` minutes ago. */
function entry(dir: string, key: string, minutesAgo: number, bytes = 10): string {
  const file = path.join(dir, key.slice(0, 2), `${key}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, 'x'.repeat(bytes));
  const when = new Date(Date.now() - minutesAgo * 60_000);
  utimesSync(file, when, when);
  return file;
}

const keys = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(path.join(dir, d.name)).map((n) => n.replace(/\.json$/, '')))
    .sort();

describe('scan cache directory', () => {
  test('a write prunes the least recently used entries beyond the entry limit, keeping the one just written', () => {
    const dir = freshDir();
    const store = fileCacheStore(dir, { maxEntries: 3, maxBytes: 1 << 20 });
    entry(dir, 'aa01', 50);
    entry(dir, 'bb02', 40);
    entry(dir, 'cc03', 30);
    entry(dir, 'dd04', 20);
    store.write('ee/ee05.json', '{}');
    assert.deepEqual(keys(dir), ['cc03', 'dd04', 'ee05']);
    assert.ok(existsSync(path.join(dir, '.gitignore')) && existsSync(path.join(dir, 'CACHEDIR.TAG')), 'the markers are not entries');
  });

  test('a read counts as a use: the entry read survives where an older unread one goes', () => {
    const dir = freshDir();
    const store = fileCacheStore(dir, { maxEntries: 2, maxBytes: 1 << 20 });
    entry(dir, 'aa01', 50);
    entry(dir, 'bb02', 40);
    assert.equal(store.read('aa/aa01.json'), 'x'.repeat(10));
    assert.ok(Date.now() - statSync(path.join(dir, 'aa', 'aa01.json')).mtimeMs < 60_000);
    store.write('cc/cc03.json', '{}');
    assert.deepEqual(keys(dir), ['aa01', 'cc03']);
    assert.equal(store.read('bb/bb02.json'), undefined);
  });

  test('a read gives the text written: ASCII (read as Latin-1) and not (decoded as UTF-8) alike', () => {
    const dir = freshDir();
    const store = fileCacheStore(dir);
    const texts = { 'aa/aa01.json': '{"message":"plain \\u00e9 ASCII"}', 'bb/bb02.json': '{"message":"caf\u00e9 \u{1F600} \u0080"}' };
    for (const [name, text] of Object.entries(texts)) store.write(name, text);
    for (const [name, text] of Object.entries(texts)) assert.equal(store.read(name), text);
  });

  test('the byte limit drops the oldest entries; the newest stays even when it alone is over it', () => {
    const dir = freshDir();
    entry(dir, 'aa01', 30, 400);
    entry(dir, 'bb02', 20, 400);
    entry(dir, 'cc03', 10, 400);
    pruneCache(dir, { maxEntries: 10, maxBytes: 1000 }, path.join(dir, 'cc', 'cc03.json'));
    assert.deepEqual(keys(dir), ['bb02', 'cc03']);
    const big = entry(dir, 'dd04', 0, 5000);
    pruneCache(dir, { maxEntries: 10, maxBytes: 1000 }, big);
    assert.deepEqual(keys(dir), ['dd04']);
  });

  test('temporary files of a writer that died are removed after an hour; a recent one (a writer at work) is left', () => {
    const dir = freshDir();
    const stale = path.join(dir, 'aa', 'aa01.json.123.tmp');
    const fresh = path.join(dir, 'aa', 'aa02.json.456.tmp');
    mkdirSync(path.dirname(stale), { recursive: true });
    writeFileSync(stale, '{');
    writeFileSync(fresh, '{');
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(stale, old, old);
    pruneCache(dir, { maxEntries: 10, maxBytes: 1 << 20 }, '');
    assert.ok(!existsSync(stale));
    assert.ok(existsSync(fresh));
  });

  test('files that are not entries are left alone', () => {
    const dir = freshDir();
    mkdirSync(path.join(dir, 'notes'), { recursive: true });
    writeFileSync(path.join(dir, 'notes', 'keep.json'), '{}');
    entry(dir, 'aa01', 10);
    pruneCache(dir, { maxEntries: 0, maxBytes: 0 }, '');
    assert.ok(existsSync(path.join(dir, 'notes', 'keep.json')));
    assert.deepEqual(keys(dir).filter((k) => k !== 'keep'), []);
  });
});
