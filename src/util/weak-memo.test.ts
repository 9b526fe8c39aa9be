import assert from 'node:assert/strict';
import { test } from 'node:test';
import { weakMemo } from './weak-memo.js';

test('computes once per key, separately for each key, and keeps undefined results too', () => {
  const cache = new WeakMap<object, number | undefined>();
  const a = {};
  const b = {};
  let calls = 0;
  const count = (): number => ++calls;
  assert.equal(weakMemo(cache, a, count), 1);
  assert.equal(weakMemo(cache, a, count), 1);
  assert.equal(weakMemo(cache, b, count), 2);
  const none = new WeakMap<object, undefined>();
  let asked = 0;
  weakMemo(none, a, () => void asked++);
  weakMemo(none, a, () => void asked++);
  assert.equal(asked, 1);
});
