// The scan cache's last guard: an entry whose strings hold a value the secret or PHI detectors
// recognise is not written, wherever in the findings or diagnostics the value sits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_RELATED, type Finding } from '../engine/finding.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import { cacheKey, holdsDetectedValue, lookup, store, type CacheStore } from './scan-cache.js';

const span: Span = { file: 'main.tf', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 5, offset: 4 } };

/** A finding with its keys in the order the engine writes them (run-rules.ts findingOf). */
function finding(message: string, related = ''): Finding {
  return {
    ruleId: 'tf-no-secrets-in-code',
    severity: 'high',
    title: 'No secrets in code',
    message,
    resource: { address: 'aws_db_instance.main', kind: 'aws_db_instance' },
    span,
    related: related === '' ? [] : [{ span, message: related }],
    controls: ['164.312(a)(1)'],
    status: 'fail',
  };
}

function memoryStore(): CacheStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return { entries, read: (name) => entries.get(name), write: (name, text) => void entries.set(name, text) };
}

// Planted values built at run time, so no scanner of this repository takes the source for a leak.
const awsKey = ['AKIA', 'Q3ZT7WPL', 'ANTED4XY'].join('');
const ssn = ['219', '45', '6789'].join('-');

test('a clean result is stored and read back', () => {
  const cache = memoryStore();
  const result = { findings: [finding('aws_db_instance.main: the password is a literal (redacted).')], diagnostics: [] };
  assert.equal(holdsDetectedValue(result), false);
  const stored = store(cache, 'k'.repeat(64), result, new Map());
  assert.ok(stored?.generation);
  assert.deepEqual(lookup(cache, 'k'.repeat(64), () => undefined), { ...result, generation: stored.generation });
});

test('a construct path (CDK for Terraform) is stored in the resource row and read back, with and without a root', () => {
  const cache = memoryStore();
  const base = finding('aws_db_instance.main is public.');
  const findings: Finding[] = [
    { ...base, resource: { address: 'aws_db_instance.main', kind: 'aws_db_instance', constructPath: 'phi-stack/Db' } },
    { ...base, ruleId: 'other', resource: { address: 'aws_db_instance.main', kind: 'aws_db_instance', root: 'cdktf.out/stacks/b', constructPath: 'b/Db' } },
    { ...base, ruleId: 'third', resource: { address: 'aws_db_instance.main', kind: 'aws_db_instance', root: 'envs/prod' } },
  ];
  const stored = store(cache, 'c'.repeat(64), { findings, diagnostics: [] }, new Map());
  // Written as rows (a generation), not as whole objects.
  assert.ok(stored?.generation);
  assert.deepEqual(lookup(cache, 'c'.repeat(64), () => undefined)?.findings, findings);
});

test('a secret or PHI value anywhere in the strings keeps the entry from being written', () => {
  const diagnostic = (message: string): Diagnostic => ({ code: 'eval/x', severity: 'warning', message, span });
  const cases: [string, { findings: Finding[]; diagnostics: Diagnostic[] }][] = [
    ['message', { findings: [finding(`key ${awsKey} in clear`)], diagnostics: [] }],
    ['related message', { findings: [finding('clean', `the value ${ssn} comes from here`)], diagnostics: [] }],
    ['diagnostic', { findings: [], diagnostics: [diagnostic(`cannot convert "${awsKey}"`)] }],
  ];
  for (const [where, result] of cases) {
    const cache = memoryStore();
    assert.equal(holdsDetectedValue(result), true, where);
    assert.equal(store(cache, 'a'.repeat(64), result, new Map()), undefined, where);
    assert.equal(cache.entries.size, 0, `${where}: nothing written`);
  }
});

test('a path the evaluation read, made of a secret (file("${var.token}.pem")), keeps the entry from being written', () => {
  const cache = memoryStore();
  const result = { findings: [finding('clean')], diagnostics: [] };
  assert.equal(store(cache, 'p'.repeat(64), result, new Map([[`keys/${awsKey}.pem`, undefined]])), undefined);
  assert.equal(cache.entries.size, 0, 'nothing written');
  assert.ok(store(cache, 'p'.repeat(64), result, new Map([['keys/deploy.pem', undefined]])), 'an ordinary path is written');
});

test("Safeguard's own redacted messages do not trip the guard", () => {
  // The shape of tf-no-secrets-in-code's message: a secret-looking name, then words, never the value.
  const result = { findings: [finding('var.db_master_password: db_master_password holds a hard-coded literal value for db_master_password (Exam…d-42, sha256:3519752b7575658c).')], diagnostics: [] };
  assert.equal(holdsDetectedValue(result), false);
});

test('every kind of finding reads back as JSON would give it back, in rows or as itself', () => {
  const cache = memoryStore();
  const other: Span = { file: 'vars.tf', start: { line: 3, column: 2, offset: 40 }, end: { line: 3, column: 9, offset: 47 } };
  const findings: Finding[] = [
    finding('plain'),
    finding('with related', 'the value comes from here'),
    { ...finding('second related'), related: [{ span: other, message: 'a' }, { span, message: 'b' }] },
    { ...finding('fixable'), fix: { description: 'Turn it on', safety: 'safe' } },
    { ...finding('waived'), status: 'waived' as const, waiver: { source: 'register', id: 'W-1', reason: 'dev only', expires: '2030-01-01', span: other } },
    { ...finding('another rule'), ruleId: 'aws-s3-bucket-require-encryption', title: 'S3 buckets encrypt', severity: 'medium', controls: ['164.312(a)(2)(iv)'] },
    { ...finding('same rule, other controls'), controls: ['164.312(b)'] },
    { ...finding('fix explicitly undefined'), fix: undefined },
    { ...finding('a key outside the type'), extra: { kept: true } } as Finding,
    { ...finding('a position that is not a number'), span: { ...span, start: { ...span.start, line: Number.NaN } } },
  ];
  const result = { findings, diagnostics: [{ code: 'eval/x', severity: 'warning' as const, message: 'm', span }] };
  assert.deepEqual(store(cache, 'k'.repeat(64), result, new Map([['templates/a.tpl', 'text']])), {}, 'written, without a generation: two findings are not rows');
  const hit = lookup(cache, 'k'.repeat(64), (rel) => (rel === 'templates/a.tpl' ? 'text' : undefined));
  assert.deepEqual(hit, JSON.parse(JSON.stringify(result)));
  assert.equal(hit!.findings[0]!.related, NO_RELATED, 'a finding relating to nothing reads back the shared empty list');
  // The same key order as the engine's findings, so nothing that walks a finding's keys sees a difference.
  assert.deepEqual(hit!.findings.map((f) => Object.keys(f)), JSON.parse(JSON.stringify(findings)).map((f: object) => Object.keys(f)));
  const entry = JSON.parse([...cache.entries.values()][0]!) as { rules: unknown[]; resources: unknown[]; spans: unknown[]; messages: unknown[]; findings: { rule: number[]; objects: unknown[]; extras: unknown[] } };
  assert.equal(entry.rules.length, 3, 'each rule (with its controls) once');
  assert.equal(entry.resources.length, 1, 'each resource once');
  assert.equal(entry.spans.length, 2 * 7, 'each span once, seven numbers each');
  assert.equal(entry.messages.length, findings.length - 2, 'each message of a row once');
  assert.equal(entry.findings.rule.length, findings.length, 'a place per finding');
  assert.equal(entry.findings.objects.length, 2, 'the two findings outside their type stored whole');
  assert.equal(entry.findings.extras.length, 4, 'related locations, the fix and the waiver by place');
});

test('a torn, old-format, foreign or damaged entry is a miss', () => {
  const cache = memoryStore();
  const key = 'd'.repeat(64);
  assert.ok(store(cache, key, { findings: [finding('one'), finding('two', 'related')], diagnostics: [] }, new Map()));
  const [name, text] = [...cache.entries][0]!;
  const entry = JSON.parse(text) as Record<string, unknown>;
  const variants: [string, string][] = [
    ['torn', text.slice(0, text.length / 2)],
    ['old format', JSON.stringify({ format: 1, key, reads: [], findings: [finding('one')], diagnostics: [] })],
    ['not an object', 'null'],
    ['another key', JSON.stringify({ ...entry, key: 'e'.repeat(64) })],
    ['a row naming no rule', JSON.stringify({ ...entry, rules: [] })],
    ['a row naming no file', JSON.stringify({ ...entry, files: [] })],
    ['a row naming no resource', JSON.stringify({ ...entry, resources: [] })],
    ['a row naming no span', JSON.stringify({ ...entry, spans: [] })],
    ['a row naming no message', JSON.stringify({ ...entry, messages: [] })],
    ['a row naming no status', JSON.stringify({ ...entry, statuses: [] })],
    ['a torn span table', JSON.stringify({ ...entry, spans: (entry['spans'] as number[]).slice(0, -1) })],
    ['columns of different lengths', JSON.stringify({ ...entry, findings: { ...(entry['findings'] as object), span: [0] } })],
    ['extras of no finding', JSON.stringify({ ...entry, findings: { ...(entry['findings'] as object), extras: [[9, 0, 0, 0]] } })],
    ['a whole finding at a row', JSON.stringify({ ...entry, findings: { ...(entry['findings'] as object), objects: [[0, finding('x')]] } })],
    ['the rows of format 6', JSON.stringify({ ...entry, format: 6 })],
    ['no span table', JSON.stringify({ ...entry, spans: undefined })],
    ['the format before resource and span tables', JSON.stringify({ ...entry, format: 2 })],
    ['no tables', JSON.stringify({ ...entry, rules: undefined })],
  ];
  for (const [what, damaged] of variants) {
    cache.entries.set(name, damaged);
    assert.equal(lookup(cache, key, () => undefined), undefined, what);
  }
  assert.equal(lookup(memoryStore(), key, () => undefined), undefined, 'no entry');
});

test('each write of an entry has a generation of its own, read back with it; an entry without one is still a hit', () => {
  const cache = memoryStore();
  const key = 'g'.repeat(64);
  const result = { findings: [finding('one'), finding('two', 'related')], diagnostics: [] };
  const first = store(cache, key, result, new Map())!.generation!;
  assert.equal(lookup(cache, key, () => undefined)?.generation, first);
  // The same key written again (a file the evaluation read had changed): other findings, so another generation.
  const second = store(cache, key, { findings: [finding('three')], diagnostics: [] }, new Map())!.generation!;
  assert.notEqual(second, first);
  assert.equal(lookup(cache, key, () => undefined)?.generation, second);
  const [name, text] = [...cache.entries][0]!;
  const { generation: _, ...older } = JSON.parse(text) as Record<string, unknown>;
  cache.entries.set(name, JSON.stringify(older));
  const hit = lookup(cache, key, () => undefined);
  assert.equal(hit?.findings.length, 1);
  assert.equal(hit && 'generation' in hit, false, 'no generation: no report is remembered for it');
  // A generation beside a finding stored whole (not a row) is not trusted either.
  const columns = older['findings'] as Record<string, unknown[]>;
  const whole = { ...columns, rule: [...columns['rule']!, -1], status: [...columns['status']!, 0], message: [...columns['message']!, 0], resource: [...columns['resource']!, 0], span: [...columns['span']!, 0], objects: [[1, finding('whole')]] };
  cache.entries.set(name, JSON.stringify({ ...older, generation: 'forged', findings: whole }));
  const mixed = lookup(cache, key, () => undefined);
  assert.equal(mixed?.findings.length, 2);
  assert.equal(mixed && 'generation' in mixed, false);
});

test('a file the evaluation read that has changed since is a miss', () => {
  const cache = memoryStore();
  const key = 'f'.repeat(64);
  store(cache, key, { findings: [finding('one')], diagnostics: [] }, new Map([['policy.json', '{"a":1}'], ['gone.json', undefined]]));
  assert.ok(lookup(cache, key, (rel) => (rel === 'policy.json' ? '{"a":1}' : undefined)));
  assert.equal(lookup(cache, key, (rel) => (rel === 'policy.json' ? '{"a":2}' : undefined)), undefined);
  assert.equal(lookup(cache, key, () => '{"a":1}'), undefined, 'a file unreadable then, readable now');
});

test('an entry is ASCII: characters past it are escaped, and read back as they were', () => {
  const cache = memoryStore();
  const message = 'naïve café — 東京 \u{1F600} (redacted…)';
  const result = { findings: [finding(message, 'related ✓')], diagnostics: [] };
  assert.ok(store(cache, 'a'.repeat(64), result, new Map()));
  const text = [...cache.entries.values()][0]!;
  assert.match(text, /^[\x20-\x7e]*$/);
  const { generation: _, ...hit } = lookup(cache, 'a'.repeat(64), () => undefined)!;
  assert.deepEqual(hit, result);
});

test('the key covers every file path and text, wherever one ends and the next begins', () => {
  const key = (files: Record<string, string>): string => cacheKey({ tool: 't', files: new Map(Object.entries(files)), ruleIds: ['r'], inlineSuppressions: true, today: '2026-01-01' });
  const base = key({ 'a.tf': 'xy', 'b.tf': 'z' });
  assert.equal(key({ 'b.tf': 'z', 'a.tf': 'xy' }), base, 'the order files were found in does not matter');
  const others = [
    key({ 'a.tf': 'x', 'b.tf': 'yz' }), // text moved across the boundary between files
    key({ 'a.tf': 'xy', 'b.tf': 'z', 'c.tf': '' }), // an empty file more
    key({ 'a.tf': 'xy\u0000b.tf\u00001\u0000z' }), // one file whose text spells the framing of two
    key({ 'a.tf': 'xy', 'c.tf': 'z' }), // a renamed file
    key({ 'a.tf': 'xy', 'b.tf': '\u00e9' }),
  ];
  assert.equal(new Set([base, ...others]).size, others.length + 1);
});
