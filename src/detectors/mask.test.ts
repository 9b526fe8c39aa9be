import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskDetected } from './mask.js';

test('masks detected secrets and PHI, keeping length and line breaks', () => {
  const key = 'AKIA' + 'Q3EGRX7ZJ5TM4KWB';
  const text = `value = "${key}"\nnotes = "seed 123-45-6789"\nname  = "ok"\n`;
  const out = maskDetected(text);
  assert.equal(out.length, text.length);
  assert.equal(out.split('\n').length, text.split('\n').length);
  assert.ok(!out.includes(key) && !out.includes('123-45-6789'));
  assert.ok(out.includes('name  = "ok"'));
});
