// Which root module a downloaded module's files go with (issue 11): the directory before the first
// `.terraform` path segment, found in one pass over the directories.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layoutOf, loadTree } from '../graph/load.js';
import { planUnits } from './scan-units.js';

const bucket = (name: string): string => `resource "aws_s3_bucket" "b" {\n  bucket = "${name}"\n}\n`;

test('files under .terraform/ go with the root module before the first .terraform segment; look-alike names are modules of their own', () => {
  const files = new Map([
    ['main.tf', bucket('top')],
    ['.terraform/modules/m/main.tf', bucket('downloaded-by-top')],
    ['a/main.tf', bucket('a')],
    ['a/.terraform/modules/x/main.tf', bucket('downloaded-by-a')],
    ['a/.terraform/modules/x/.terraform/y/main.tf', bucket('nested-download-of-a')],
    ['.terraformx/main.tf', bucket('not-a-download')],
    ['c/.terraform-old/main.tf', bucket('not-a-download-either')],
  ]);
  const tree = loadTree(files);
  assert.deepEqual(tree.rootModules, ['', '.terraformx', 'a', 'c/.terraform-old']);
  assert.deepEqual(
    planUnits(files, layoutOf(tree), tree.rootModules).map((u) => [u.root, u.paths]),
    [
      ['', ['.terraform/modules/m/main.tf', 'main.tf']],
      ['.terraformx', ['.terraformx/main.tf']],
      ['a', ['a/.terraform/modules/x/.terraform/y/main.tf', 'a/.terraform/modules/x/main.tf', 'a/main.tf']],
      ['c/.terraform-old', ['c/.terraform-old/main.tf']],
    ],
  );
});

test('a monorepo of many root modules plans each its own files', () => {
  const files = new Map<string, string>();
  for (let i = 0; i < 300; i++) {
    files.set(`svc${i}/main.tf`, bucket(`svc${i}`));
    files.set(`svc${i}/.terraform/modules/m/main.tf`, bucket(`svc${i}-m`));
  }
  const tree = loadTree(files);
  const units = planUnits(files, layoutOf(tree), tree.rootModules);
  assert.equal(units.length, 300);
  for (const u of units) assert.deepEqual(u.paths, [`${u.root}/.terraform/modules/m/main.tf`, `${u.root}/main.tf`]);
});
