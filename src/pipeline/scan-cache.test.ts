// The scan cache's last guard: an entry whose strings hold a value the secret or PHI detectors
// recognise is not written, wherever in the findings or diagnostics the value sits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import { holdsDetectedValue, lookup, store, type CacheStore } from './scan-cache.js';

const span: Span = { file: 'main.tf', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 5, offset: 4 } };

function finding(message: string, related = ''): Finding {
  return {
    ruleId: 'tf-no-secrets-in-code',
    severity: 'high',
    title: 'No secrets in code',
    status: 'fail',
    message,
    resource: { address: 'aws_db_instance.main', kind: 'aws_db_instance' },
    span,
    related: related === '' ? [] : [{ span, message: related }],
    controls: ['164.312(a)(1)'],
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
  assert.equal(store(cache, 'k'.repeat(64), result, new Map()), true);
  assert.deepEqual(lookup(cache, 'k'.repeat(64), () => undefined), result);
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
    assert.equal(store(cache, 'a'.repeat(64), result, new Map()), false, where);
    assert.equal(cache.entries.size, 0, `${where}: nothing written`);
  }
});

test("Safeguard's own redacted messages do not trip the guard", () => {
  // The shape of tf-no-secrets-in-code's message: a secret-looking name, then words, never the value.
  const result = { findings: [finding('var.db_master_password: db_master_password holds a hard-coded literal value for db_master_password (Exam…d-42, sha256:3519752b7575658c).')], diagnostics: [] };
  assert.equal(holdsDetectedValue(result), false);
});
