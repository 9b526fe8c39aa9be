import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { nodeFileSystem } from '../cli/node-context.js';
import { isInside } from '../discovery/discover.js';
import { realPlaceOf } from './real-path-inside.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sg-real-place-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const repo = path.join(dir, 'repo');
const outside = path.join(dir, 'outside');
mkdirSync(path.join(repo, '..notes'), { recursive: true });
mkdirSync(outside);
writeFileSync(path.join(repo, 'policy.yaml'), 'x');
writeFileSync(path.join(repo, '..notes', 'policy.yaml'), 'x');
writeFileSync(path.join(outside, 'secret'), 'x');
symlinkSync(path.join(outside, 'secret'), path.join(repo, 'link-out'));
symlinkSync(path.join(repo, 'policy.yaml'), path.join(repo, 'link-in'));
symlinkSync(outside, path.join(repo, 'dir-out'));

test('a file inside, a link inside and a directory named ..notes are inside; a link out is outside, with its real path', () => {
  const fs = nodeFileSystem;
  assert.equal(realPlaceOf(fs, path.join(repo, 'policy.yaml'), [repo]).inside, true);
  assert.equal(realPlaceOf(fs, path.join(repo, 'link-in'), [repo]).inside, true);
  assert.equal(realPlaceOf(fs, path.join(repo, '..notes', 'policy.yaml'), [repo]).inside, true);
  const out = realPlaceOf(fs, path.join(repo, 'link-out'), [repo]);
  assert.equal(out.inside, false);
  assert.equal(out.real, nodeFileSystem.realPath(path.join(outside, 'secret')));
  // A second bound admits it.
  assert.equal(realPlaceOf(fs, path.join(repo, 'link-out'), [repo, outside]).inside, true);
});

test('a file not there yet: unknown without mayNotExist, placed by its nearest existing directory with it', () => {
  const fs = nodeFileSystem;
  assert.deepEqual(realPlaceOf(fs, path.join(repo, 'new', 'audit.log'), [repo]), { real: undefined, inside: false });
  assert.equal(realPlaceOf(fs, path.join(repo, 'new', 'audit.log'), [repo], true).inside, true);
  // Through a linked directory out of the repository, a new file would be written outside.
  assert.equal(realPlaceOf(fs, path.join(repo, 'dir-out', 'new', 'audit.log'), [repo], true).inside, false);
  assert.equal(realPlaceOf(fs, path.join(repo, '..', 'audit.log'), [repo], true).inside, false);
});

test('isInside: a step out is outside, a name starting with two dots is not a step', () => {
  assert.equal(isInside('/r', '/r/..notes/a'), true);
  assert.equal(isInside('/r', '/r/../a'), false);
  assert.equal(isInside('/r', '/r'), true);
  assert.equal(isInside('/r', '/rx/a'), false);
});
