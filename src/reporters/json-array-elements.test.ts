import assert from 'node:assert/strict';
import { test } from 'node:test';
import { topLevelArrayElements } from './json-array-elements.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const elements = (text: string, key: string): string[] | undefined => {
  const b = bytes(text);
  const found = topLevelArrayElements(b, key);
  if (!found) return undefined;
  const out: string[] = [];
  for (let i = 0; i < found.ranges.length; i += 2) out.push(new TextDecoder().decode(b.subarray(found.ranges[i], found.ranges[i + 1])));
  return out;
};

test('the elements of a top-level array, as written, strings with brackets, quotes and non-ASCII included', () => {
  const doc = {
    head: { findings: ['not this one'], s: '] } [ {' },
    findings: [{ message: 'a "quoted" ] bracket', n: 1, nested: [[1, 2], { x: '\\\\' }] }, 'é — ✓ 𝄞', 3.5e-7, null, true, []],
    after: [1, 2],
  };
  for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2), `\n ${JSON.stringify(doc, null, '\t')} \n`]) {
    const found = elements(text, 'findings');
    assert.deepEqual(found?.map((e) => JSON.parse(e) as unknown), doc.findings);
    const range = topLevelArrayElements(bytes(text), 'findings')!;
    const b = bytes(text);
    assert.equal(b[range.start], 0x5b);
    assert.equal(b[range.end - 1], 0x5d);
    // The document without the array parses to the rest of it.
    const rest = JSON.parse(`${new TextDecoder().decode(b.subarray(0, range.start))}[]${new TextDecoder().decode(b.subarray(range.end))}`) as typeof doc;
    assert.deepEqual(rest, { ...doc, findings: [] });
  }
  assert.deepEqual(elements('{"findings": []}', 'findings'), []);
  assert.deepEqual(elements('{"findings": [1], "findings": [2, 3]}', 'findings'), ['2', '3'], 'the last of a repeated key, as JSON.parse keeps');
});

test('undefined where the document is not an object whose key is an array, or is not well formed', () => {
  for (const text of ['[1, 2]', '{"findings": 3}', '{"other": []}', '{"findings": [1, 2}', '{"findings": [1] } x', '{"findings": ["unterminated]}', '\ufeff{"findings": []}', '', '{"findings": [1,, 2]}', '{"findings": [1] "x": 2}', '{"findings": [1], "findings": 2}']) {
    assert.equal(topLevelArrayElements(bytes(text), 'findings'), undefined, text);
  }
});
