import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import { fixtureContext, fixtureFindings, fixtureInput, SECRET } from '../testing/report-fixture.js';
import { codeSpan, escapeMarkdown, MARKDOWN_LIMIT, MARKDOWN_MARKER, renderMarkdown } from './markdown.js';

test('Markdown: verdict, tables by severity and safeguard, top findings linked to lines, details', () => {
  const md = renderMarkdown(fixtureInput(), fixtureContext({ sourceLinkBase: 'https://github.com/o/r/blob/abc123/' }));
  assert.ok(!md.includes(SECRET));
  assert.ok(md.startsWith(`${MARKDOWN_MARKER}\n## ❌ Safeguard: 2 blocking findings, 1 file not parsed\n`));
  assert.match(md, /\| 🟥 critical \| 1 \| 1 \|\n\| 🟧 high \| 1 \| 1 \|/);
  assert.match(md, /\| 164\.312\(a\)\(2\)\(iv\) Encryption and decryption \| Technical safeguards \| 1 \| 0 \| 1 \|/);
  assert.match(md, /- 🟥 \*\*critical\*\* `hygiene-no-hardcoded-secrets` \[infra\/rds\.tf:4\]\(https:\/\/github\.com\/o\/r\/blob\/abc123\/infra\/rds\.tf#L4\)/);
  assert.match(md, /<details>\n<summary>All 2 failing findings<\/summary>/);
  assert.match(md, /<summary>Waived \(1\)<\/summary>\n\n- `aws-rds-require-backups` aws\\_db\\_instance\.phi `infra\/rds\.tf:1`|<summary>Waived \(1\)<\/summary>/);
  assert.match(md, /\*\*Fix:\*\* Set storage\\_encrypted = true\. \(unsafe: review before applying\)/);
  // SARIF holds no passes, and waived findings only with --include-suppressed: the footer names the JSON report alone.
  assert.match(md, / · waived findings and passes are in the JSON report<\/sub>\n$/);
});

test('Markdown: a clean run says so', () => {
  const md = renderMarkdown(fixtureInput({ findings: [], blocking: [], diagnostics: [], exitCode: 0 }), fixtureContext());
  assert.match(md, /## ✅ Safeguard: no blocking HIPAA findings/);
});

test('Markdown stays under GitHub’s comment limit however many findings there are', () => {
  const base = fixtureFindings()[1]!;
  const many: Finding[] = Array.from({ length: 3000 }, (_, i) => ({ ...base, resource: { ...base.resource, address: `aws_db_instance.phi_${i}` }, message: `aws_db_instance.phi_${i} sets storage_encrypted to false.` }));
  const md = renderMarkdown(fixtureInput({ findings: many, blocking: many }), fixtureContext());
  assert.ok(md.length <= MARKDOWN_LIMIT, `${md.length} characters`);
  assert.match(md, /more entries left out to stay under GitHub's comment size limit/);
  assert.equal((md.match(/<details>/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length, 'every <details> is closed');
});

test('Markdown renders only the entries the comment holds, however many findings there are', () => {
  // A monorepo scan has tens of thousands of findings and the comment a few dozen: each entry left
  // out is counted, not rendered (its rule documentation is never asked for).
  const base = fixtureFindings()[1]!;
  const many: Finding[] = Array.from({ length: 3000 }, (_, i) => ({ ...base, resource: { ...base.resource, address: `aws_db_instance.phi_${i}` } }));
  const context = fixtureContext();
  let asked = 0;
  const md = renderMarkdown(fixtureInput({ findings: many, blocking: many }), {
    ...context,
    ruleDoc: (id) => {
      asked++;
      return context.ruleDoc(id);
    },
  });
  const shown = (md.match(/^#### /gm) ?? []).length;
  assert.ok(shown > 10 && shown < 3000, `${shown} entries shown`);
  const left = Number(/_(\d+) more entries left out/.exec(md)?.[1]);
  assert.equal(shown + left, 3000 + fixtureInput().diagnostics.length + fixtureInput().skipped.length, 'every entry is shown or counted');
  // The entries shown, and the one that no longer fitted.
  assert.equal(asked, shown + 1);
});

test('escapeMarkdown neutralises tables, HTML and emphasis', () => {
  assert.equal(escapeMarkdown('a|b <script> *x* _y_'), 'a\\|b &lt;script&gt; \\*x\\* \\_y\\_');
});

test('a file name with a backtick stays inside its code span', () => {
  assert.equal(codeSpan('infra/rds.tf:4'), '`infra/rds.tf:4`');
  assert.equal(codeSpan('a`b.tf:4'), '``a`b.tf:4``');
  assert.equal(codeSpan('`a``b.tf'), '``` `a``b.tf ```');
  const findings = fixtureFindings().map((f) => ({ ...f, span: { ...f.span, file: 'we`ird <b>.tf' } }));
  const md = renderMarkdown(fixtureInput({ findings, blocking: findings.filter((f) => f.status === 'fail') }), fixtureContext());
  // One backtick would close the span after "we" and leave "ird <b>.tf" to render as HTML.
  assert.match(md, /``[^`]*we`ird <b>\.tf:\d+``/);
  assert.ok(!md.includes('`we`'));
});
