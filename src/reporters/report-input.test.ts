import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { batched, displayPath } from './report-input.js';

test('batched joins small chunks into pieces that stay young-generation sized, and hands large ones and bytes on as they are', () => {
  const rows = Array.from({ length: 5000 }, (_, i) => `row ${i},${'x'.repeat(i % 90)}\n`);
  const large = 'L'.repeat(40 * 1024);
  const bytes = new Uint8Array([1, 2, 3]);
  const chunks: (string | Uint8Array)[] = [...rows.slice(0, 2500), large, bytes, ...rows.slice(2500)];
  const pieces = [...batched(chunks)];
  assert.equal(pieces.filter((p) => typeof p === 'string').join(''), [...rows.slice(0, 2500), large, ...rows.slice(2500)].join(''));
  assert.ok(pieces.includes(large), 'a chunk of 32 K characters or more is not copied');
  assert.ok(pieces.includes(bytes), 'bytes are handed on');
  const joined = pieces.filter((p): p is string => typeof p === 'string' && p !== large);
  assert.ok(joined.length > 5, 'small chunks are joined into several pieces, not one');
  assert.ok(joined.every((p) => p.length < 48 * 1024), 'each piece under 48 K characters (96 KB as UTF-16)');
  assert.ok(joined.slice(0, -1).every((p) => p.length >= 16 * 1024 || pieces[pieces.indexOf(p) + 1] === large), 'pieces are at least 16 K characters unless cut short by a large chunk');
  assert.deepEqual([...batched(rows, 1 << 20)].length, 1, 'a larger size gives larger pieces');
});

test('displayPath joins a root and a path as path.posix.normalize would, whatever either holds', () => {
  const roots = ['.', './', '..', '../..', '../x/..', 'a', 'a/', './a/b', '/', '/tmp/scan', '/tmp/scan/', 'a//b', 'a/./b', '~'];
  const files = ['main.tf', 'modules/x/main.tf', './main.tf', '../outside.tf', 'a/../b.tf', 'a//b.tf', 'dir/', '.hidden/x.tf', '..hidden.tf', 'x/..y/z.tf', 'x/.', '/abs.tf', ''];
  for (const root of roots) for (const file of files) assert.equal(displayPath({ displayRoot: root }, file), path.posix.normalize(`${root}/${file}`), `${root} + ${file}`);
  assert.equal(displayPath({ displayRoot: '' }, 'main.tf'), 'main.tf', 'no root: the path as it is');
});
