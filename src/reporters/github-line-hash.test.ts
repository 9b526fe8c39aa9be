import assert from 'node:assert/strict';
import { test } from 'node:test';
import { githubLineHashes } from './github-line-hash.js';

// Expected values from github/codeql-action's own fingerprint tests, so GitHub computes the same.
const CASES: [string, string[]][] = [
  ['', ['c129715d7a2bc9a3:1']],
  [' a\nb\n  \t\tc\n d', ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']],
  [
    ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n',
    ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1'],
  ],
  [
    ' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n',
    ['e9496ae3ebfced30:1', 'fb7c023a8b9ccb3f:1', 'ce8ba1a563dcdaca:1', 'e20e36e16fcb0cc8:1', 'b3edc88f2938467e:1', 'c8e28b0b4002a3a0:1', 'c129715d7a2bc9a3:1'],
  ],
  [
    'Lorem ipsum dolor sit amet.\n'.repeat(10),
    [
      ...[1, 2, 3, 4, 5, 6].map((n) => `a7f2ff13bc495cf2:${n}`),
      'a7f2ff1481e87703:1',
      'a9cf91f7bbf1862b:1',
      '55ec222b86bcae53:1',
      'cc97dc7b1d7d8f7b:1',
      'c129715d7a2bc9a3:1',
    ],
  ],
];

test('primaryLocationLineHash matches the values GitHub computes', () => {
  for (const [input, expected] of CASES) assert.deepEqual(githubLineHashes(input), expected, JSON.stringify(input));
});

test('inserting lines above does not change a line hash (only its occurrence would, for duplicates)', () => {
  const text = 'resource "aws_s3_bucket" "phi" {\n  acl = "public-read"\n}\n';
  const shifted = `# comment\n\n${text}`;
  assert.equal(githubLineHashes(shifted)[3], githubLineHashes(text)[1]);
});
