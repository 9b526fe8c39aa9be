import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { appendWaiverEntry } from './append-entry.js';

const ENTRY = { id: 'W-002', rule: 'CKV_AWS_17', resources: ['aws_db_instance.legacy'], risk: { likelihood: 'low', impact: 'high' }, expires: '2027-01-04' };
const PRINTED = ['- id: W-002', '  rule: CKV_AWS_17', '  resources:', '    - aws_db_instance.legacy', '  risk:', '    likelihood: low', '    impact: high', '  expires: 2027-01-04'];
const block = (column: number, eol = '\n'): string => PRINTED.map((l) => `${' '.repeat(column)}${l}${eol}`).join('');

const ALIGNED = [
  '# .safeguard/waivers.yaml',
  'version: 1',
  'waivers:',
  '  - id: W-001',
  '    rule: aws-rds-storage-encrypted        # an id, former id or peer id',
  '    resources: [aws_db_instance.legacy]    # address globs',
  '    # paths: ["legacy/**"]                 # and/or file globs',
  '    risk: { likelihood: low, impact: high }  # low | medium | high | critical',
  '    approved_by: [bob@example.com]         # never the requester',
  '    expires: 2027-02-28                    # required',
  '',
].join('\n');

test('the entry is spliced in where the list ends; every other byte of the file stays', () => {
  const cases: [string, string, string][] = [
    ['aligned comments and flow lists of the existing entries', ALIGNED, ALIGNED + block(2)],
    ['items at the key\'s indentation', 'waivers:\n- id: W-001\n  rule: x\n', 'waivers:\n- id: W-001\n  rule: x\n' + block(0)],
    ['no newline at the end', 'waivers:\n  - id: W-001\n    rule: x  # c', 'waivers:\n  - id: W-001\n    rule: x  # c\n' + block(2)],
    ['keys after the list', 'waivers:\n  - id: W-001\n    rule: x   # c\n\n# more\nversion: 1\n', 'waivers:\n  - id: W-001\n    rule: x   # c\n' + block(2) + '\n# more\nversion: 1\n'],
    ['comments closing the list stay above the new entry', 'waivers:\n  - id: W-001\n    rule: x\n  # expired ones removed\n', 'waivers:\n  - id: W-001\n    rule: x\n  # expired ones removed\n' + block(2)],
    ['a commented-out entry last, no newline', 'waivers:\n  - id: W-001\n  # - id: W-00X', 'waivers:\n  - id: W-001\n  # - id: W-00X\n' + block(2)],
    ['CRLF line endings', 'version: 1\r\nwaivers:\r\n  - id: W-001\r\n    rule: x\r\n', 'version: 1\r\nwaivers:\r\n  - id: W-001\r\n    rule: x\r\n' + block(2, '\r\n')],
    ['an empty list (the new register)', '# head\nversion: 1\nwaivers:\n', '# head\nversion: 1\nwaivers:\n' + block(2)],
    ['an empty list before other keys', 'waivers:   # accepted risks\nversion: 1\n', 'waivers:   # accepted risks\n' + block(2) + 'version: 1\n'],
    ['waivers: []', 'version: 1\nwaivers: []  # none yet\n', 'version: 1\nwaivers:   # none yet\n' + block(2)],
    ['waivers: ~', 'version: 1\nwaivers: ~\n', 'version: 1\nwaivers: \n' + block(2)],
    ['no waivers key', 'version: 1  # format', 'version: 1  # format\nwaivers:\n' + block(2)],
  ];
  for (const [name, text, expected] of cases) {
    const result = appendWaiverEntry(text, ENTRY);
    assert.ok(result.ok, name);
    if (!result.ok) continue;
    assert.equal(result.text, expected, name);
    const waivers = parseDocument(result.text).toJS() as { waivers: { id: string }[] };
    assert.deepEqual(waivers.waivers.at(-1), ENTRY, name);
  }
});

test('a flow list with entries keeps its form; a list that is none is refused', () => {
  const flow = appendWaiverEntry('waivers: [{ id: W-001, rule: x }]  # c\n', ENTRY);
  assert.ok(flow.ok);
  if (flow.ok) {
    assert.ok(flow.text.startsWith('waivers: [{ id: W-001, rule: x }, {'), flow.text);
    assert.ok(flow.text.endsWith('}]  # c\n'), flow.text);
    assert.deepEqual((parseDocument(flow.text).toJS() as { waivers: unknown[] }).waivers, [{ id: 'W-001', rule: 'x' }, ENTRY]);
  }
  assert.deepEqual(appendWaiverEntry('waivers: W-001\n', ENTRY), { ok: false, reason: 'not-a-list' });
  assert.deepEqual(appendWaiverEntry('- a\n', ENTRY), { ok: false, reason: 'not-a-mapping' });
});
