import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unknownSuppressionIds } from './unknown-suppression-ids.js';
import type { Needle } from '../discovery/file-index.js';

const catalog = {
  ids: ['aws-rds-instance-not-public'],
  resolve: (id: string): readonly string[] => (id === 'aws-rds-instance-not-public' || id === 'CKV_AWS_17' ? ['aws-rds-instance-not-public'] : []),
};

test('a safeguard:ignore naming no rule is reported at the id, known ids and peer ids are not', () => {
  const text = [
    '# safeguard:ignore aws-rds-instance-not-public reached through the VPN',
    'resource "aws_db_instance" "a" {',
    '  # safeguard:ignore CKV_AWS_17,aws-rds-instance-not-publik typo in the second id',
    '}',
    '// safeguard:ignore no-such-rule why',
    '',
  ].join('\n');
  const found = unknownSuppressionIds([{ path: 'main.tf', text }, { path: 'notes.md', text: '# safeguard:ignore nothing here' }], catalog);
  assert.deepEqual(
    found.map((d) => [d.code, d.span?.start.line, d.span?.start.column, d.message]),
    [
      ['suppression/unknown-rule', 3, 33, 'The suppression names aws-rds-instance-not-publik, which is no rule id, alias or peer id, so it suppresses nothing.'],
      ['suppression/unknown-rule', 5, 21, 'The suppression names no-such-rule, which is no rule id, alias or peer id, so it suppresses nothing.'],
    ],
  );
});

test("a Terrascan #ts:skip= naming an id no rule maps is reported at the id, as the spellings Terrascan does not read", () => {
  const mapped = {
    ids: ['aws-rds-instance-not-public'],
    resolve: (id: string): readonly string[] => (id === 'AC_AWS_0054' ? ['aws-rds-instance-not-public'] : []),
  };
  const text = [
    'resource "aws_db_instance" "a" {',
    '  #ts:skip=AC_AWS_0054 mapped by a plugin rule',
    '  #ts:skip=AC_AWS_0207 versioning is on in the replica',
    '  #ts:skip=AWS.S3Bucket.DS.High.1043',
    '  # ts:skip=AC_AWS_0054 a space after #',
    '  //ts:skip=AC_AWS_0054 slashes',
    '  #ts:skip=AC_AWS_207 three digits',
    '}',
    '',
  ].join('\n');
  const found = unknownSuppressionIds([{ path: 'main.tf', text }, { path: 'notes.md', text: '#ts:skip=AC_AWS_0207 not Terraform' }], mapped);
  assert.deepEqual(
    found.map((d) => [d.code, d.span?.start.line, d.span?.start.column, d.message]),
    [
      ['suppression/unknown-rule', 3, 12, 'The suppression names AC_AWS_0207, a Terrascan id that no rule maps, so it suppresses nothing.'],
      ['suppression/unknown-rule', 4, 12, 'The suppression names AWS.S3Bucket.DS.High.1043, a Terrascan id that no rule maps, so it suppresses nothing.'],
      ['suppression/unread-marker', 5, 3, '`# ts:skip=` is not read: Terrascan, and Safeguard with it, reads only `#ts:skip=` written without a space, so it suppresses nothing.'],
      ['suppression/unread-marker', 6, 3, '`//ts:skip=` is not read: Terrascan, and Safeguard with it, reads only `#ts:skip=` written without a space, so it suppresses nothing.'],
      ['suppression/unknown-rule', 7, 12, 'The suppression names AC_AWS_207, which is no Terrascan rule id, so it suppresses nothing.'],
    ],
  );
  // The built-in catalog maps no Terrascan id: every marker is reported.
  assert.equal(unknownSuppressionIds([{ path: 'main.tf', text: 'resource "aws_s3_bucket" "b" {\n  #ts:skip=AC_AWS_0054 x\n}\n' }], catalog).length, 1);
});

test('a file the cache index knew is read only when it holds a marker (its needles say which words it holds)', () => {
  const read: string[] = [];
  const file = (path: string, text: string, needles: readonly Needle[]) => ({
    path,
    needles,
    get text(): string {
      read.push(path);
      return text;
    },
  });
  const found = unknownSuppressionIds([file('plain.tf', 'resource "x" "y" {}\n', []), file('marked.tf', '# safeguard:ignore no-such-rule why\n', ['safeguard:ignore'])], catalog);
  assert.deepEqual(found.map((d) => d.span?.file), ['marked.tf']);
  assert.deepEqual([...new Set(read)], ['marked.tf']);
});
