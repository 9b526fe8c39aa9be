// Arithmetic on decimals as Terraform's 512-bit big floats give it: what terraform console 1.11.4
// printed for each.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { valueOf } from './testing-helpers.js';

const cases: [string, unknown][] = [
  ['0.1 + 0.2', 0.3],
  ['0.1 + 0.2 == 0.3', true],
  ['0.1 * 3', 0.3],
  ['0.1 * 3 == 0.3', true],
  ['5 % 3.3', 1.7],
  ['-5 % 3.3', -1.7],
  ['5.5 % -2', 1.5],
  ['sum([0.1, 0.2, 0.3])', 0.6],
  ['"x${19.99 * 3}"', 'x59.97'],
  ['floor(1.15 * 100)', 115],
  ['1e-7 + 1', 1.0000001],
  ['-0.1 + 0.1', 0],
  // A quotient is no decimal anyone wrote: binary, where Terraform's 512 bits give 1 and 10 as well.
  ['(1/3) * 3', 1],
  ['(10/3) * 3', 10],
];

test('decimal arithmetic gives what terraform console 1.11.4 gives', () => {
  for (const [expr, expected] of cases) assert.deepEqual(valueOf(expr), expected, expr);
});
