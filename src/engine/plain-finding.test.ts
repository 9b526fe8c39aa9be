import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from './finding.js';
import { hasPlainFields, isPlainSpan } from './plain-finding.js';

const span = { file: 'main.tf', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 5, offset: 4 } };
const plain: Finding = { ruleId: 'r', status: 'fail', severity: 'high', title: 't', message: 'm', resource: { address: 'a', kind: 'k' }, span, related: [{ span, message: 'here' }], controls: ['164.312(a)(1)'], fix: { description: 'd', safety: 'safe' } };

test('a finding of the strings and numbers its type says is plain; any odd field makes it not', () => {
  assert.equal(hasPlainFields(plain), true);
  assert.equal(isPlainSpan(span), true);
  const odd = (patch: Record<string, unknown>): Finding => ({ ...plain, ...patch }) as unknown as Finding;
  assert.equal(hasPlainFields(odd({ message: 42 })), false);
  assert.equal(hasPlainFields(odd({ span: { ...span, end: { line: 1, column: Number.NaN, offset: 4 } } })), false);
  assert.equal(hasPlainFields(odd({ related: [{ span, message: undefined }] })), false);
  assert.equal(hasPlainFields(odd({ related: [{ span: { ...span, file: 7 }, message: 'x' }] })), false);
  assert.equal(hasPlainFields(odd({ fix: { description: 'd', safety: 1 } })), false);
  assert.equal(hasPlainFields(odd({ resource: { address: 'a', kind: null } })), false);
});
