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

/** The algorithm as codeql-action writes it, with BigInt (64-bit wrap-around): the reference for the faster arithmetic. */
function referenceLineHashes(text: string): string[] {
  const size = 100;
  const firstMod = Array.from({ length: size }).reduce<bigint>((m) => BigInt.asUintN(64, m * 37n), 1n);
  const window: number[] = new Array<number>(size).fill(0);
  const lines: number[] = new Array<number>(size).fill(-1);
  const hashes: string[] = [];
  const counts = new Map<string, number>();
  let hash = 0n;
  let index = 0;
  let line = 0;
  let lineStart = true;
  let prevCR = false;
  const output = (): void => {
    const value = hash.toString(16);
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    hashes[lines[index]! - 1] = `${value}:${count}`;
    lines[index] = -1;
  };
  const update = (current: number): void => {
    const begin = window[index]!;
    window[index] = current;
    hash = BigInt.asUintN(64, 37n * hash + BigInt(current) - firstMod * BigInt(begin));
    index = (index + 1) % size;
  };
  const character = (code: number): void => {
    let current = code;
    if (current === 32 || current === 9 || (prevCR && current === 10)) {
      prevCR = false;
      return;
    }
    if (current === 13) {
      current = 10;
      prevCR = true;
    } else prevCR = false;
    if (lines[index] !== -1) output();
    if (lineStart) {
      lineStart = false;
      line++;
      lines[index] = line;
    }
    if (current === 10) lineStart = true;
    update(current);
  };
  for (let i = 0; i < text.length; i++) character(text.charCodeAt(i));
  character(65535);
  for (let i = 0; i < size; i++) {
    if (lines[index] !== -1) output();
    update(0);
  }
  return hashes;
}

test('line hashes agree with the 64-bit reference on texts of every kind of character', () => {
  // A seeded generator: the same texts on every run. High code units (up to U+FFFF) make the largest
  // products; long lines wrap the window many times; CR, CRLF, tabs and blank lines take the other paths.
  let seed = 12345;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const alphabet = ['a', 'Z', '0', ' ', '\t', '\n', '\r', '\r\n', '"', '{', 'é', '中', '\uffff', '\ufffe', '\ud83d\ude00'];
  const texts = ['\uffff'.repeat(250), 'x'.repeat(1000), 'resource "aws_s3_bucket" "phi" {\n  bucket = "phi"\n}\n'.repeat(40)];
  for (let t = 0; t < 60; t++) {
    let text = '';
    const length = next(t < 50 ? 400 : 5000);
    for (let i = 0; i < length; i++) text += alphabet[next(alphabet.length)]!;
    texts.push(text);
  }
  for (const text of texts) assert.deepEqual(githubLineHashes(text), referenceLineHashes(text), JSON.stringify(text.slice(0, 40)));
});
