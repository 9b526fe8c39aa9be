// The evidence page escapes every string it is given, loads nothing from outside and allows only
// its own stylesheet.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import type { ReportInput } from '../../reporters/report-input.js';
import { buildEvidencePack, prepareEvidencePack, type EvidenceInput } from '../build-pack.js';
import { finding } from '../testing-findings.js';

const HOSTILE = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)>';

function packInput(input: Partial<ReportInput>): EvidenceInput {
  const report: ReportInput = {
    displayRoot: 'infra',
    files: [{ path: 'main.tf' }],
    skipped: [{ path: `${HOSTILE}.tf`, reason: 'binary', detail: HOSTILE }],
    findings: [],
    diagnostics: [{ code: 'parse/hcl', severity: 'error', message: HOSTILE, hint: HOSTILE, file: 'main.tf' }],
    rulesRun: [{ id: 'aws-s3-bucket-versioning' }],
    timings: { discoverMs: 1, evaluateMs: 1, rulesMs: 1, totalMs: 3 },
    failOn: 'high',
    blocking: [],
    exitCode: 1,
    ...input,
  };
  return {
    report,
    files: [{ path: 'main.tf', format: 'terraform', text: `resource "aws_s3_bucket" "b" {\n  bucket = "${HOSTILE}"\n}\n` }],
    tool: { name: 'safeguard', version: '0.0.0-test' },
    now: new Date('2026-12-01T00:00:00Z'),
    gitCommit: null,
    ruleDoc: () => ({ id: 'aws-s3-bucket-versioning', title: HOSTILE, why: HOSTILE, howToFix: HOSTILE, links: ['https://example.com/docs'] }),
    catalog: [{ id: 'aws-s3-bucket-versioning', title: HOSTILE, controls: ['164.312(c)(1)'] }],
  };
}

function pageFor(input: Partial<ReportInput>): string {
  return new TextDecoder().decode(buildEvidencePack(packInput(input)).files.get('index.html'));
}

test('every string is escaped: no markup from findings, files, rule docs or diagnostics', () => {
  const waived = finding({ status: 'waived', line: 2, message: HOSTILE, title: HOSTILE, resource: { address: HOSTILE, kind: 'aws_s3_bucket' }, waiver: { source: 'inline', id: 'x', marker: HOSTILE, reason: HOSTILE } });
  const failing = finding({ line: 2, message: HOSTILE, resource: { address: HOSTILE, kind: 'aws_s3_bucket' } });
  const html = pageFor({ findings: [failing, waived, finding({ status: 'unknown', message: HOSTILE })] });
  assert.ok(!html.includes('<script'), 'no script element');
  assert.ok(!html.includes('<img'), 'no img element');
  assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+=/i, 'no event-handler attribute on any element');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;'), 'the text is shown, escaped');
  // The code frame shows the file's line, escaped too.
  assert.match(html, /<pre class="frame">[^<]*bucket = &quot;&lt;script&gt;/);
});

test('no external resource and a strict Content-Security-Policy naming the one stylesheet', () => {
  const html = pageFor({ findings: [finding()] });
  assert.doesNotMatch(html, /<[a-z][^>]*\s(src|srcset|poster|data|xlink:href)=/i, 'no src attributes');
  for (const m of html.matchAll(/<[a-z][^>]*\shref="([^"]*)"/g)) assert.match(m[1]!, /^#/, `only in-page links, got ${m[1]}`);
  assert.doesNotMatch(html, /<(script|link|iframe|object|embed|img|video|audio|base)\b/i);
  assert.doesNotMatch(html, /url\(/i, 'no url() in the stylesheet');
  assert.doesNotMatch(html, /@import/i);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
  assert.ok(csp, 'a CSP meta tag');
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
  assert.equal(styles.length, 1);
  const hash = createHash('sha256').update(styles[0]!, 'utf8').digest('base64');
  assert.match(csp, new RegExp(`^default-src 'none'; style-src 'sha256-${hash.replace(/[+/]/g, (c) => `\\${c}`)}';`));
  assert.match(csp, /script-src 'none'/);
  assert.match(html, /@media print/);
});

test('the page is made a row at a time: each finding card is its own piece, and the pieces are the page', () => {
  const findings = Array.from({ length: 40 }, (_, i) => finding({ line: 2, message: `finding ${i}`, status: i % 4 === 0 ? 'unknown' : 'fail' }));
  const page = prepareEvidencePack(packInput({ findings })).files.find((f) => f.path === 'index.html');
  assert.ok(page && 'pieces' in page, 'index.html is written in pieces');
  const pieces = [...page.pieces()].map((p) => (typeof p === 'string' ? p : new TextDecoder().decode(p)));
  assert.equal(pieces.join(''), pageFor({ findings }));
  const cards = pieces.filter((p) => p.includes('<div class="finding'));
  assert.equal(cards.length, 30, 'one piece per failing card');
  for (const card of cards) assert.equal(card.split('<div class="finding').length, 2, 'no piece holds two cards');
  assert.equal(pieces.filter((p) => p.includes('finding 0<') || p.includes('finding 4<')).length, 2, 'unknown findings are rows of their own too');
  assert.ok(Math.max(...pieces.map((p) => p.length)) < pageFor({ findings }).length / 4, 'no piece is a large part of the page');
});

test("two stacks' findings on one line of a shared module say their root module in the findings and the risk register", () => {
  const inRoot = (root: string) =>
    finding({
      resource: { address: 'module.logs.aws_s3_bucket.this', kind: 'aws_s3_bucket', root },
      span: { file: 'main.tf', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 10, offset: 9 } },
    });
  const page = pageFor({ findings: [inRoot('envs/dev'), inRoot('envs/prod')] });
  for (const root of ['envs/dev', 'envs/prod']) {
    const shown = `module.logs.aws_s3_bucket.this (root module infra/${root})`;
    assert.equal(page.split(shown).length - 1 >= 2, true, `${root}: in its finding card and its risk register row`);
  }
});
