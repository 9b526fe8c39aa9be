// String functions against terraform console 1.11.4 (the function differential of stop 54): each
// row is what the console printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { valueOf } from '../testing-helpers.js';

const cases: [string, string][] = [
  // Go's unicode.IsSpace: U+0085 and U+1680 are spaces, U+FEFF, U+200B and U+180E are not.
  ['trimspace("\\u1680a\\u2028\\u2029\\u202f\\u205f\\ufeff")', 'a\u2028\u2029\u202f\u205f\ufeff'],
  ['trimspace("\\ufeffa\\u0085")', '\ufeffa'],
  ['trimspace("\\u180ea\\u200b")', '\u180ea\u200b'],
  ['title("\\u0085x\\u0085y")', '\u0085X\u0085Y'],
  ['title("a\\ufeffb")', 'A\ufeffb'],
  ['title("a\\u3000b\\u00a0c")', 'A\u3000B\u00a0C'],
];

test('string functions give what terraform console 1.11.4 gives', () => {
  for (const [expr, expected] of cases) assert.equal(valueOf(expr), expected, expr);
});
