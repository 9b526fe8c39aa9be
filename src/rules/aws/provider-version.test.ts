import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowsNothingFrom } from './provider-version.js';

test('allowsNothingFrom reads Terraform version constraints: bounded below the version, or not', () => {
  const from436 = [4, 36, 0] as const;
  const below: string[] = ['~> 3.76', '~> 4.20.0', '~> 4.35.2', '< 4.36', '< 4.36.0', '<= 4.35.9', '= 4.35.0', '4.20.1', '>= 4.0, < 4.36', '< 4.0', 'v4.1.0'];
  const notBelow: string[] = ['~> 4.0', '~> 4.36', '~> 4.36.0', '< 4.36.1', '<= 4.36.0', '= 4.36.0', '>= 3.0', '!= 4.0.0', '~> 3', '', 'latest', '< 4.0.0-beta1', '> 3.0, != 4.1.0'];
  for (const c of below) assert.equal(allowsNothingFrom(c, from436), true, c);
  for (const c of notBelow) assert.equal(allowsNothingFrom(c, from436), false, c);
  // Against 4.0, as the split S3 resources ask.
  assert.equal(allowsNothingFrom('~> 3.76.0', [4, 0, 0]), true);
  assert.equal(allowsNothingFrom('< 4.0.5', [4, 0, 0]), false, 'allows 4.0.0 to 4.0.4');
});
