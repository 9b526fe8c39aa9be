import assert from 'node:assert/strict';
import { test } from 'node:test';
import { constraintShape, satisfies } from './version-constraint.js';

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

test('a constraint is valid where Terraform reads it, as the loader\'s checks read it (terraform validate and init 1.11.4)', () => {
  const shape = (text: string, provider = false): string => {
    const s = constraintShape(text, provider);
    return s.valid ? `${s.bounded ? 'bounded' : 'open'}${s.exact ? ' exact' : ''}` : 'invalid';
  };
  const cases: [string, boolean, string][] = [
    ['~> 1.9', false, 'bounded'],
    ['>= 1.5', false, 'open'],
    ['~> 1', false, 'open'],
    ['~> 5', true, 'bounded'],
    ['= 5.31.0', true, 'bounded exact'],
    ['5.31.0', false, 'bounded exact'],
    ['>= 1.5, < 2.0', false, 'bounded'],
    // go-version reads any number of parts, and build metadata: validate 1.11.4 said only
    // "Unsupported Terraform Core version" of required_version = "1.2.3.4" and "1.2.3+build".
    ['1.2.3.4', false, 'bounded exact'],
    ['1.2.3+build', false, 'bounded exact'],
    // "Invalid version constraint: This string does not use correct version constraint syntax."
    ['>= 1.5,', false, 'invalid'],
    ['>= 1.5,', true, 'invalid'],
    ['1.99999999999999999999', false, 'invalid'],
    ['latest', false, 'invalid'],
    // terraform init reads a provider's constraint again: 'invalid specification "1.2.3.4": too many
    // numbered portions; only three are allowed', '"v5.0": a "v" prefix should not be used'.
    ['1.2.3.4', true, 'invalid'],
    ['v5.0', true, 'invalid'],
    ['v1.2', false, 'bounded'],
  ];
  assert.deepEqual(cases.map(([text, provider]) => shape(text, provider)), cases.map(([, , want]) => want));
});
