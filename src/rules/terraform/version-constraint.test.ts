import assert from 'node:assert/strict';
import { test } from 'node:test';
import { satisfies } from './version-constraint.js';

test('version constraints as terraform init checks a lock file against them', () => {
  const cases: [string, string, boolean][] = [
    ['3.32.0', '>= 5.0', false],
    ['5.82.2', '>= 5.0', true],
    ['3.76.1', '~> 3.76', true],
    ['4.0.0', '~> 3.76', false],
    ['3.76.5', '~> 3.76.1', true],
    ['3.77.0', '~> 3.76.1', false],
    ['5.1.0', '>= 4.0, < 6.0', true],
    ['6.0.0', '>= 4.0, < 6.0', false],
    ['4.1.0', '!= 4.1.0', false],
    ['2.70.0', '2.70.0', true],
  ];
  for (const [version, constraint, expected] of cases) assert.equal(satisfies(version, constraint), expected, `${version} ${constraint}`);
  assert.equal(satisfies('5.0.0', 'latest'), undefined);
});
