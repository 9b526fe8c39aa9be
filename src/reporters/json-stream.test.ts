// The JSON and text reports written in pieces (issue 11): the same bytes as one JSON.stringify of the whole
// report, each finding its own piece, so a huge plan's report never has to be one string.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HIPAA_SECTIONS } from '../controls/hipaa-sections.js';
import type { Finding } from '../engine/finding.js';
import type { Span } from '../source/span.js';
import { fixtureContext, fixtureFindings, fixtureInput } from '../testing/report-fixture.js';
import { renderJson, renderJsonChunks } from './json.js';
import type { ReportContext, ReportInput } from './report-input.js';
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

/** The report as one JSON.stringify of plain objects: what the templates must reproduce byte for byte. */
function oracle(input: ReportInput, context: ReportContext): string {
  const shown = (file: string): string => (input.displayRoot === '' ? file : `${input.displayRoot}/${file}`);
  const span = (s: Span): Span => ({ ...s, file: shown(s.file) });
  const sections = new Map(HIPAA_SECTIONS.map((s) => [s.id as string, s]));
  const report = JSON.parse(renderJson(input, context)) as Record<string, unknown>;
  const findings = input.findings.map((f) => {
    const doc = context.ruleDoc(f.ruleId);
    return {
      ruleId: f.ruleId,
      title: f.title,
      status: f.status,
      severity: f.severity,
      blocking: input.blocking.includes(f),
      message: f.message,
      resource: f.resource.root === undefined ? f.resource : { ...f.resource, root: shown(f.resource.root) },
      span: span(f.span),
      related: f.related.map((r) => ({ span: span(r.span), message: r.message })),
      controls: f.controls.map((id) => ({ id, title: sections.get(id)?.title ?? null, part: sections.get(id)?.part ?? null })),
      why: doc?.why ?? null,
      howToFix: doc?.howToFix ?? null,
      links: doc?.links ?? [],
      fix: f.fix ? { description: f.fix.description, safety: f.fix.safety } : null,
      waiver: f.waiver ? { source: f.waiver.source, id: f.waiver.id, marker: f.waiver.marker ?? null, reason: f.waiver.reason, expires: f.waiver.expires ?? null, span: f.waiver.span ? span(f.waiver.span) : null } : null,
    };
  });
  return `${JSON.stringify({ ...report, findings, diagnostics: report['diagnostics'], skipped: report['skipped'] }, null, 2)}\n`;
}

test('findings written by template are the bytes JSON.stringify writes, odd values included', () => {
  const base = fixtureFindings();
  const failing = base.find((f) => f.related.length > 0)!;
  const odd: Finding[] = [
    ...base,
    { ...failing, message: 'quotes " and \\ and \u2028 and \n and emoji \u{1F600}', related: [failing.related[0]!, { span: failing.span, message: 'second' }] },
    // Strings are quoted without JSON.stringify unless they need an escape: each kind of escape, in each field.
    { ...failing, message: 'lone \ud800 surrogate, \u0001 control, tab\t, \u007f', resource: { address: 'module.a["k"]', kind: 'kind\\' }, related: [{ span: { ...failing.span, file: 'dir/"odd"\ud83d.tf' }, message: '\udc00' }] },
    { ...failing, ruleId: 'rule"id', title: 'title \u001f', fix: { description: 'add "x"', safety: 'safe' } },
    { ...failing, waiver: { source: 'register', id: 'W-1', reason: 'r', span: failing.span } },
    { ...failing, controls: ['164.312(b)', 'not-a-section' as Finding['controls'][number]] },
    { ...failing, controls: [...failing.controls] }, // equal controls, another array
    { ...failing, title: undefined as unknown as string }, // not its type: written as JSON.stringify would
    { ...failing, span: { ...failing.span, start: { ...failing.span.start, line: Number.NaN } } },
    { ...failing, related: [{ span: { ...failing.span, end: { ...failing.span.end, offset: Infinity } }, message: 'x' }] },
    { ...failing, fix: { description: undefined as unknown as string, safety: 'safe' } },
    // A root module, by template and (a field not of its type) by JSON.stringify: shown as every path is.
    { ...failing, resource: { address: 'module.logs.aws_s3_bucket.this', kind: 'aws_s3_bucket', root: 'envs/prod' } },
    { ...failing, title: undefined as unknown as string, resource: { address: 'module.logs.aws_s3_bucket.this', kind: 'aws_s3_bucket', root: 'envs/stage' } },
  ];
  for (const displayRoot of ['infra', '']) {
    const input = fixtureInput({ findings: odd, displayRoot });
    assert.equal(renderJson(input, fixtureContext()), oracle(input, fixtureContext()));
  }
});
