import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonWithList, listMarker, stringifyAt } from './json-pieces.js';

const LIST_MARKER = listMarker();

const items = [{ a: 1, nested: { list: [1, 'two', { three: null }], empty: [], none: {} } }, 'text with\nnewline "quoted"', [[]], 42, { skipped: undefined, kept: true }];

test('jsonWithList writes what JSON.stringify(…, null, 2) writes, wherever the list is', () => {
  const shapes: [string, (list: unknown) => unknown][] = [
    ['the whole document', (list) => list],
    ['a key at the top', (list) => ({ version: '1', list })],
    ['a key in the middle', (list) => ({ head: { x: [1] }, list, tail: 'end' })],
    ['deeper', (list) => ({ runs: [{ tool: { name: 't' }, results: list, columnKind: 'utf16CodeUnits' }] })],
  ];
  for (const [where, shape] of shapes) {
    for (const list of [items, [], [items[0]]]) {
      const expected = JSON.stringify(shape(list), null, 2);
      assert.equal([...jsonWithList(shape(LIST_MARKER), LIST_MARKER, list)].join(''), expected, `${where}, ${list.length} elements`);
    }
  }
});

test('jsonWithList reads the list lazily: one piece per element, each made only when asked for', () => {
  let made = 0;
  function* lazy(): Generator<object> {
    for (let i = 0; i < 3; i++) {
      made++;
      yield { i };
    }
  }
  const pieces = jsonWithList({ list: LIST_MARKER }, LIST_MARKER, lazy());
  assert.equal(pieces.next().value, '{\n  "list": ');
  assert.equal(made, 0);
  assert.equal(pieces.next().value, '[\n    {\n      "i": 0\n    }');
  assert.equal(made, 1);
  assert.equal([...pieces].length, 4, 'two more elements, the closing bracket, the rest');
});

test('jsonWithList refuses a shape without the marker, or with it twice', () => {
  assert.throws(() => [...jsonWithList({ list: [] }, LIST_MARKER, [])], /exactly once/);
  assert.throws(() => [...jsonWithList({ a: LIST_MARKER, b: LIST_MARKER }, LIST_MARKER, [])], /exactly once/);
});

test('the marker is new each time, so a report cannot hold it in advance', () => {
  const marker = listMarker();
  assert.notEqual(listMarker(), marker);
  assert.ok(marker.startsWith('\u0000') && marker.endsWith('\u0000'));
  // A message quoting the marker of another report does not disturb this one.
  const planted = listMarker();
  assert.equal([...jsonWithList({ message: planted, list: marker }, marker, [1])].join(''), JSON.stringify({ message: planted, list: [1] }, null, 2));
});

test('stringifyAt writes a value as JSON.stringify does, re-indented to its depth', () => {
  const values: unknown[] = [...items, null, true, 'plain', { a: { b: { c: [[], {}, [1, [2, [3]]]] } } }, [], {}];
  for (const value of values) {
    for (const depth of [0, 1, 2, 3, 6]) {
      const pad = ' '.repeat(2 * depth);
      assert.equal(stringifyAt(value, depth), JSON.stringify(value, null, 2).replaceAll('\n', `\n${pad}`), `${JSON.stringify(value)} at ${depth}`);
    }
  }
});
