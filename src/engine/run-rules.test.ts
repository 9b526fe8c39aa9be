import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InfraModel } from '../model/infra-model.js';
import { defineRule, fail, pass, type AnyRule, type Outcome, type Subject } from '../rules/define-rule.js';
import type { Span } from '../source/span.js';
import { NO_RELATED, type Finding } from './finding.js';
import { mergeSortedFindings, namesWord, runRules, sortFindings } from './run-rules.js';

const span = (file: string, start: number, end: number): Span => ({ file, start: { line: 1, column: start + 1, offset: start }, end: { line: 1, column: end + 1, offset: end } });

const finding = (file: string, start: number, end: number, ruleId: string, address: string, message = ''): Finding => ({
  ruleId,
  status: 'pass',
  severity: 'low',
  title: 't',
  message,
  resource: { address, kind: 'k' },
  span: span(file, start, end),
  related: [],
  controls: ['164.312(a)(1)'],
});

test('sortFindings orders by file, start, end, rule id, address, and keeps equal findings in order', () => {
  const input = [
    finding('b.tf', 0, 5, 'r1', 'x'),
    finding('a.tf', 9, 12, 'r1', 'x'),
    finding('a.tf', 3, 8, 'r2', 'x'),
    finding('a.tf', 3, 4, 'r2', 'x'),
    finding('a.tf', 3, 8, 'r1', 'y', 'first'),
    finding('a.tf', 3, 8, 'r1', 'y', 'second'),
    finding('a.tf', 3, 8, 'r1', 'Y'),
    finding('a/b.tf', 0, 1, 'r1', 'x'),
  ];
  const sorted = sortFindings(input).map((f) => `${f.span.file}:${f.span.start.offset}-${f.span.end.offset} ${f.ruleId} ${f.resource.address}${f.message ? ` ${f.message}` : ''}`);
  assert.deepEqual(sorted, ['a.tf:3-4 r2 x', 'a.tf:3-8 r1 Y', 'a.tf:3-8 r1 y first', 'a.tf:3-8 r1 y second', 'a.tf:3-8 r2 x', 'a.tf:9-12 r1 x', 'a/b.tf:0-1 r1 x', 'b.tf:0-5 r1 x']);
  assert.equal(input[0]!.span.file, 'b.tf', 'the input is not sorted in place');
});

test('mergeSortedFindings gives what sortFindings gives over both lists, the first list\'s finding first on equal keys', () => {
  // A small generator (no clock, no Math.random): many equal keys, so ties are exercised.
  let seed = 7;
  const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const make = (tag: string, i: number): Finding => finding(['a.tf', 'b.tf', 'a/b.tf', 'B.tf'][next(4)]!, next(3), 3 + next(3), ['r1', 'r2', 'R1'][next(3)]!, ['x', 'y', 'Y'][next(3)]!, `${tag}${i}`);
  for (let round = 0; round < 50; round++) {
    const a = sortFindings(Array.from({ length: next(40) }, (_, i) => make('a', i)));
    const b = sortFindings(Array.from({ length: next(40) }, (_, i) => make('b', i)));
    assert.deepEqual(mergeSortedFindings(a, b).map((f) => f.message), sortFindings([...a, ...b]).map((f) => f.message), `round ${round}`);
  }
  const only = [finding('a.tf', 0, 1, 'r1', 'x')];
  assert.equal(mergeSortedFindings(only, []), only, 'nothing to merge: the list itself');
});

const target: Subject = { address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', span: span('main.tf', 0, 40), comments: [{ text: '# safeguard:ignore test-rule-fails accepted', span: span('main.tf', 0, 10) }] };
const model = { moduleCalls: [], resources: [] } as unknown as InfraModel;

/** A rule judging the one target with `check`. */
const ruleChecking = (id: string, check: (t: Subject) => Outcome | Outcome[]): AnyRule =>
  defineRule<Subject>({
    id,
    title: 'A test rule',
    severity: 'high',
    controls: ['164.312(a)(1)'],
    kind: 'attr',
    why: 'w',
    howToFix: 'h',
    references: {},
    targets: () => [target],
    check,
    examples: {},
  }) as unknown as AnyRule;

const rule = (id: string, outcome: 'pass' | 'fail'): AnyRule =>
  ruleChecking(id, (t) => (outcome === 'pass' ? pass(t) : fail(span('main.tf', 12, 20), { message: 'broken', fix: { description: 'd', safety: 'safe', terraform: (edit) => edit.setAttribute(span('main.tf', 0, 40), 'a', 'true') } })));

test('findings keep their key order: status after the shared fields, then waiver, then fix', () => {
  const run = runRules(model, [rule('test-rule-passes', 'pass'), rule('test-rule-fails', 'fail')], {
    today: '2026-01-01',
    suppressions: new Map([['main.tf', [{ text: '# safeguard:ignore test-rule-fails accepted', span: span('main.tf', 0, 10) }]]]),
  });
  const [passed, waived] = [run.findings.find((f) => f.status === 'pass')!, run.findings.find((f) => f.status === 'waived')!];
  assert.deepEqual(Object.keys(passed), ['ruleId', 'severity', 'title', 'message', 'resource', 'span', 'related', 'controls', 'status']);
  assert.equal(passed.message, 'aws_s3_bucket.b: A test rule.');
  assert.deepEqual(Object.keys(waived), ['ruleId', 'severity', 'title', 'message', 'resource', 'span', 'related', 'controls', 'status', 'waiver', 'fix']);
  assert.equal(waived.waiver?.source, 'inline');
});

test('findings on the same resource share one resource object, whichever rule made them', () => {
  const other: Subject = { address: 'aws_s3_bucket.c', type: 'aws_s3_bucket', span: span('main.tf', 50, 60) };
  const sameAddressOtherKind: Subject = { address: 'aws_s3_bucket.b', type: 'module', span: span('main.tf', 70, 80) };
  const many = (id: string): AnyRule => ({ ...rule(id, 'pass'), targets: () => [target, other, sameAddressOtherKind] }) as AnyRule;
  const run = runRules(model, [many('test-rule-a'), many('test-rule-b')], { today: '2026-01-01' });
  const refs = (address: string, kind: string): Set<Finding['resource']> => new Set(run.findings.filter((f) => f.resource.address === address && f.resource.kind === kind).map((f) => f.resource));
  assert.equal(run.findings.length, 6);
  for (const [address, kind] of [['aws_s3_bucket.b', 'aws_s3_bucket'], ['aws_s3_bucket.c', 'aws_s3_bucket'], ['aws_s3_bucket.b', 'module']] as const) assert.equal(refs(address, kind).size, 1, `${address} ${kind}`);
  assert.notEqual([...refs('aws_s3_bucket.b', 'aws_s3_bucket')][0], [...refs('aws_s3_bucket.b', 'module')][0]);
});

test('findings that relate to nothing share one frozen empty list, passes and failures alike; a failure with related places keeps its own', () => {
  const related = ruleChecking('test-rule-related', () => fail(span('main.tf', 12, 20), { message: 'broken', related: [{ span: span('main.tf', 30, 40), message: 'used here' }] }));
  const run = runRules(model, [rule('test-rule-passes', 'pass'), rule('test-rule-fails', 'fail'), related], { today: '2026-01-01' });
  const byRule = (id: string): Finding => run.findings.find((f) => f.ruleId === id)!;
  assert.equal(byRule('test-rule-passes').related, byRule('test-rule-fails').related);
  assert.equal(byRule('test-rule-fails').related, NO_RELATED);
  assert.ok(Object.isFrozen(NO_RELATED) && NO_RELATED.length === 0);
  assert.deepEqual(byRule('test-rule-related').related.map((r) => r.message), ['used here']);
});

test('a resource that fails a rule in one part does not also count as passing it (the passes of its other parts are dropped)', () => {
  const mixed = ruleChecking('test-rule-mixed', (t) => [pass(t, 'encryption is enabled'), fail(span('main.tf', 12, 20), { message: 'no customer-managed key' })]);
  const allPass = ruleChecking('test-rule-parts', (t) => [pass(t, 'root volume encrypted'), pass(t, 'data volume encrypted')]);
  const run = runRules(model, [mixed, allPass], { today: '2026-01-01' });
  assert.deepEqual(run.findings.map((f) => `${f.ruleId} ${f.status} ${f.message}`).sort(), ['test-rule-mixed fail no customer-managed key', 'test-rule-parts pass data volume encrypted', 'test-rule-parts pass root volume encrypted']);
});

test('namesWord is the word-boundary pattern it replaced, for attribute names and any other', () => {
  const cases: [string, string][] = [
    ['kms_key_id', 'does not set kms_key_id.'],
    ['kms_key_id', 'does not set kms_key_id_arn.'],
    ['key', 'sets a key, then key_id'],
    ['key', 'keys and a_key'],
    ['a', 'a'],
    ['x-y', 'sets x-y here'],
    ['-x', 'a-x'],
    ['-x', 'a -x'],
    ['x-', 'x- a'],
    ['x-', 'x-a'],
    ['_a', '._a.'],
    ['ab', 'abab ab'],
    ['ab', 'abab'],
    ['1', 'a1 1'],
    ['a.b', 'aXb'], // not a plain name: read as the pattern, as before
    ['', 'anything'],
  ];
  for (const [name, text] of cases) assert.equal(namesWord(text, name), new RegExp(`\\b${name}\\b`).test(text), `${name} in ${text}`);
});
