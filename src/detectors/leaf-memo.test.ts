import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LeafMemo } from './leaf-memo.js';
import { secretsInLeaves } from './index.js';
import { detectSecretsInValue, findSecretsInText } from './secrets.js';

test('LeafMemo detects each distinct (path, value) once and gives the same answer again', () => {
  const calls: string[] = [];
  const memo = new LeafMemo<string>((value, path) => {
    calls.push(`${path ?? '(text)'}=${value}`);
    return value.startsWith('x') ? [`${path ?? ''}:${value}`] : [];
  });
  const first = memo.find('xa', 'tags.Owner');
  assert.deepEqual(first, ['tags.Owner:xa']);
  assert.equal(memo.find('xa', 'tags.Owner'), first, 'the remembered array itself');
  // The key path is part of the question for values; text is read without one.
  assert.deepEqual(memo.find('xa', 'tags.Team'), ['tags.Team:xa']);
  assert.deepEqual(memo.find('xa', undefined), [':xa']);
  assert.deepEqual(memo.find('b', 'tags.Owner'), []);
  assert.deepEqual(calls, ['tags.Owner=xa', 'tags.Team=xa', '(text)=xa', 'tags.Owner=b']);
});

test('LeafMemo starts afresh past its bound and still answers correctly', () => {
  let calls = 0;
  const memo = new LeafMemo<number>((value) => {
    calls++;
    return [value.length];
  });
  for (let i = 0; i < 60_000; i++) assert.deepEqual(memo.find(`v${i}`, 'p'), [`v${i}`.length]);
  assert.equal(calls, 60_000);
  // The most recent leaves survive the clear; the earliest are asked again.
  memo.find('v59999', 'p');
  assert.equal(calls, 60_000);
  memo.find('v0', 'p');
  assert.equal(calls, 60_001);
});

test('LeafMemo also starts afresh past its bound on characters: long texts are not all kept', () => {
  let calls = 0;
  const memo = new LeafMemo<number>((value) => {
    calls++;
    return [value.length];
  });
  const long = (c: string): string => c.repeat(3_000_000);
  memo.find(long('a'), undefined);
  memo.find(long('b'), undefined);
  memo.find(long('a'), undefined);
  assert.equal(calls, 2, 'two texts of 3 M characters are both kept');
  memo.find(long('c'), undefined); // 9 M characters would be past the bound: the memo starts afresh with this one
  memo.find(long('c'), undefined);
  assert.equal(calls, 3);
  memo.find(long('a'), undefined);
  assert.equal(calls, 4, 'the earlier texts were let go');
});

test('secretsInLeaves answers as the detectors do, for a repeated leaf too', () => {
  // A made-up AWS-style key id built at run time, so no secret-shaped literal sits in the source.
  const keyId = ['AKIA', 'Z'.repeat(16)].join('');
  const leaves = [
    { path: 'access_key', value: keyId, encoding: 'plain' as const },
    { path: 'user_data', value: `export AWS_ACCESS_KEY_ID=${keyId}\n`, encoding: 'plain' as const },
  ];
  const expected = [...detectSecretsInValue(keyId, 'access_key'), ...findSecretsInText(leaves[1]!.value)];
  assert.ok(expected.length > 0);
  for (let round = 0; round < 2; round++) {
    const found = secretsInLeaves(leaves).map((f) => f.finding);
    // dedupe keeps one finding per kind and hash
    const kinds = new Set(expected.map((f) => `${f.kind} ${f.hash}`));
    assert.deepEqual(new Set(found.map((f) => `${f.kind} ${f.hash}`)), kinds);
  }
});
