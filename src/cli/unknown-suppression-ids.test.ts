import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unknownSuppressionIds } from './unknown-suppression-ids.js';

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
