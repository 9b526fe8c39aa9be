// The JSON and text reports written in pieces (issue 11): the same bytes as one JSON.stringify of the whole
// report, each finding its own piece, so a huge plan's report never has to be one string.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureContext, fixtureFindings, fixtureInput } from '../testing/report-fixture.js';
import { renderJson, renderJsonChunks } from './json.js';
import { renderText, renderTextChunks } from './text.js';

const canonical = (text: string): string => `${JSON.stringify(JSON.parse(text), null, 2)}\n`;

test('the pieces join to the report, which is plain two-space JSON', () => {
  const input = fixtureInput();
  const pieces = [...renderJsonChunks(input, fixtureContext())];
  const whole = renderJson(input, fixtureContext());
  assert.equal(pieces.join(''), whole);
  assert.equal(whole, canonical(whole));
  const parsed = JSON.parse(whole) as { findings: unknown[]; diagnostics: unknown[]; skipped: unknown[] };
  assert.equal(parsed.findings.length, input.findings.length);
  assert.equal(parsed.diagnostics.length, input.diagnostics.length);
});

test('empty findings, diagnostics and skipped lists', () => {
  const input = fixtureInput({ findings: [], diagnostics: [], skipped: [], blocking: [] });
  const whole = renderJson(input, fixtureContext());
  assert.equal(whole, canonical(whole));
  assert.deepEqual((JSON.parse(whole) as { findings: unknown[] }).findings, []);
});

test('many findings: handed out in batches, none holding more than a few hundred', () => {
  const base = fixtureFindings();
  const findings = Array.from({ length: 20_000 }, (_, i) => ({ ...base[i % base.length]!, message: `finding ${i}: multi\nline "quoted" message` }));
  const input = fixtureInput({ findings, blocking: [] });
  const pieces = [...renderJsonChunks(input, fixtureContext())];
  assert.ok(pieces.length > findings.length / 300);
  const whole = pieces.join('');
  assert.equal(whole, canonical(whole));
  const parsed = JSON.parse(whole) as { findings: { message: string }[] };
  assert.equal(parsed.findings.length, findings.length);
  assert.equal(parsed.findings[12_345]!.message, 'finding 12345: multi\nline "quoted" message');
  const largest = Math.max(...pieces.slice(1).map((p) => p.length));
  assert.ok(largest < 300 * 3_000, `a piece of ${largest} characters holds more than a batch`);
});

test('the text report in pieces: joined, the same text a small report has for each finding', () => {
  const base = fixtureFindings().find((f) => f.status === 'fail')!;
  const many = Array.from({ length: 5_000 }, (_, i) => ({ ...base, message: `finding ${i}` }));
  const pieces = [...renderTextChunks(fixtureInput({ findings: many, blocking: many, diagnostics: [] }), fixtureContext())];
  assert.ok(pieces.length > 2, 'handed out in several pieces');
  const text = pieces.join('');
  assert.equal(text, renderText(fixtureInput({ findings: many, blocking: many, diagnostics: [] }), fixtureContext()));
  const one = renderText(fixtureInput({ findings: [many[4321]!], blocking: [many[4321]!], diagnostics: [] }), fixtureContext());
  // The block of one finding: from its location line to the blank line after it.
  const block = (report: string, message: string): string => {
    const lines = report.split('\n');
    const at = lines.findIndex((l) => l === `  ${message}`);
    assert.ok(at > 0, `${message} is in the report`);
    return lines.slice(at - 1, lines.indexOf('', at) + 1).join('\n');
  };
  assert.equal(block(text, 'finding 4321'), block(one, 'finding 4321'));
  assert.equal(text.split('\n  finding ').length - 1, many.length, 'every finding once');
  assert.ok(!text.includes('\n\n\n'), 'no extra blank lines where pieces meet');
});
