// fileset() as terraform console 1.11 answers it (each expectation below was read from it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from '../testing-helpers.js';
import { globToRegExp } from './glob.js';

const TREE = ['.dot.txt', '.h/g.txt', 'a.txt', 'b.json', 'd/c.txt', 'd/e/f.txt', 'main.tf', 'x[1].txt'];

const listing = (relDir: string): readonly string[] | undefined => {
  if (relDir === 'huge') return undefined;
  const prefix = relDir === '' ? '' : `${relDir}/`;
  return TREE.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
};

function fileset(args: string): unknown {
  const { model } = evaluateFiles({ 'main.tf': `output "o" {\n  value = fileset(${args})\n}\n` }, { listFiles: listing });
  return model.outputs.find((o) => o.name === 'o')?.value.value;
}

test('fileset: terraform console 1.11 results for *, **, ?, classes, alternatives, escapes and ./', () => {
  assert.deepEqual(fileset('path.module, "*.txt"'), ['.dot.txt', 'a.txt', 'x[1].txt']);
  assert.deepEqual(fileset('path.module, "**/*.txt"'), ['.dot.txt', '.h/g.txt', 'a.txt', 'd/c.txt', 'd/e/f.txt', 'x[1].txt']);
  assert.deepEqual(fileset('path.module, "**"'), TREE);
  assert.deepEqual(fileset('path.module, "d/**"'), ['d/c.txt', 'd/e/f.txt']);
  assert.deepEqual(fileset('path.module, "{a,b}.*"'), ['a.txt', 'b.json']);
  assert.deepEqual(fileset('path.module, "[ab].*"'), ['a.txt', 'b.json']);
  assert.deepEqual(fileset('path.module, "d/*/f.txt"'), ['d/e/f.txt']);
  assert.deepEqual(fileset('"d", "*"'), ['c.txt']);
  assert.deepEqual(fileset('path.module, "./d/*.txt"'), ['d/c.txt']);
  assert.deepEqual(fileset('path.module, "x\\\\[1].txt"'), ['x[1].txt']);
  assert.deepEqual(fileset('path.module, "d"'), [], 'directories are not listed');
  assert.deepEqual(fileset('path.module, "**/e/*"'), ['d/e/f.txt']);
  assert.deepEqual(fileset('"nope", "*"'), []);
});

test('fileset: outside the scan root or without a listing the result is unknown; a malformed pattern is an error', () => {
  assert.deepEqual(fileset('"../elsewhere", "*"'), { unknown: true, reason: 'fileset() lists "../elsewhere", which is outside the scan root' });
  assert.equal((fileset('"huge", "*"') as { unknown?: boolean }).unknown, true);
  const { model } = evaluateFiles({ 'main.tf': 'output "o" {\n  value = fileset(path.module, "*")\n}\n' });
  assert.equal((model.outputs[0]?.value.value as { unknown?: boolean }).unknown, true, 'no listing given');
  const broken = evaluateFiles({ 'main.tf': 'output "o" {\n  value = fileset(path.module, "[")\n}\n' }, { listFiles: listing });
  assert.ok(broken.diagnostics.some((d) => d.severity === 'error' && /pattern "\[" is not valid/.test(d.message)), JSON.stringify(broken.diagnostics));
});

test('glob: ** as a whole segment crosses directories, elsewhere it is a *', () => {
  assert.ok(globToRegExp('a/**/b').test('a/b'));
  assert.ok(globToRegExp('a/**/b').test('a/x/y/b'));
  assert.ok(!globToRegExp('a**b').test('a/x/b'));
  assert.ok(globToRegExp('[^a]?').test('bc'));
  assert.ok(!globToRegExp('?').test('/'));
});
