// The module directories --changed-since follows from a finding's address to what decides it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallLayout } from '../graph/load.js';
import { moduleCallerDirs, rootModuleDirs } from './changed-files.js';

// A stack (stack/) runs component "db" (stack/db), whose module calls modules/kms, which calls modules/key.
const LAYOUT: CallLayout = {
  namedCalls: new Map([
    ['stack/db', [{ name: 'kms', target: 'modules/kms', expanded: false }]],
    ['modules/kms', [{ name: 'key', target: 'modules/key', expanded: false }]],
  ]),
  remote: new Map(),
  components: new Map([['stack', [{ name: 'db', target: 'stack/db', expanded: true }]]]),
};

test("a stack component's resource: the stack's directory holds its call, then the component's module and the modules on the way", () => {
  const callers = moduleCallerDirs(LAYOUT);
  assert.deepEqual(callers('stack', 'component.db["prod"].aws_db_instance.x'), ['stack']);
  assert.deepEqual(callers('stack', 'component.db["prod"].module.kms.aws_kms_key.k'), ['stack', 'stack/db']);
  assert.deepEqual(callers('stack', 'component.db["prod"].module.kms.module.key.aws_kms_key.k'), ['stack', 'stack/db', 'modules/kms']);
  // An unknown component ends the walk at the stack.
  assert.deepEqual(callers('stack', 'component.gone.module.kms.aws_kms_key.k'), ['stack']);
  // A root module's own resources and module blocks are as before.
  assert.deepEqual(callers('stack/db', 'module.kms.module.key.aws_kms_key.k'), ['stack/db', 'modules/kms']);
  assert.deepEqual(callers('stack/db', 'aws_db_instance.x'), []);
});

test("a stack's module directories are its components' modules and the modules they call", () => {
  assert.deepEqual([...rootModuleDirs(LAYOUT)('stack')].sort(), ['modules/key', 'modules/kms', 'stack', 'stack/db']);
  assert.deepEqual([...rootModuleDirs({ ...LAYOUT, components: undefined })('stack')], ['stack']);
});
