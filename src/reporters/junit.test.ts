import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import { fixtureContext, fixtureFindings, fixtureInput, MAIN_TF, SECRET, spanOf } from '../testing/report-fixture.js';
import { junitSchemaErrors } from '../testing/report-schemas.js';
import { escapeXml, renderJunit, renderJunitChunks } from './junit.js';

test('JUnit validates against the JUnit XSD', async () => {
  assert.deepEqual(await junitSchemaErrors(renderJunit(fixtureInput(), fixtureContext())), []);
});

test('JUnit: a suite per HIPAA section; failures, skipped waivers and unknowns, passes, parse errors', () => {
  const xml = renderJunit(fixtureInput(), fixtureContext());
  assert.ok(!xml.includes(SECRET));
  assert.match(xml, /<testsuites name="safeguard 9\.9\.9 HIPAA scan" tests="7" failures="2" errors="1" time="1\.500">/);
  assert.match(xml, /<testsuite name="HIPAA 164\.308\(a\)\(7\)\(ii\)\(A\) [^"]+" tests="1" failures="0" errors="0" skipped="1"/);
  assert.match(xml, /<testsuite name="HIPAA 164\.312\(a\)\(2\)\(iv\) [^"]+" tests="2" failures="1" errors="0" skipped="0"/);
  assert.match(xml, /<testcase name="\[HIGH\] aws_db_instance\.phi" classname="aws-rds-require-storage-encryption" time="0">\n {6}<failure message="aws_db_instance\.phi sets storage_encrypted to false\." type="high">/);
  assert.match(xml, /Location: infra\/rds\.tf:3:3\n/);
  assert.match(xml, /Related: infra\/prod\.tfvars:1:1 The value comes from prod\.tfvars\./);
  assert.match(xml, /<skipped message="Waived: dev database \(until 2026-06-30\)"\/>/);
  assert.match(xml, /<skipped message="Could not be decided: /);
  assert.match(xml, /<testcase name="\[HIGH\] aws_s3_bucket\.logs" classname="aws-s3-bucket-require-encryption" time="0">\n {6}<system-out>Location: infra\/rds\.tf:7:1<\/system-out>\n {4}<\/testcase>/);
  assert.match(xml, /<error message="Expected an expression\." type="parse\/hcl">/);
  // Skipped files are in the report too (issue 12).
  assert.match(xml, /<testsuite name="Files skipped" tests="1" failures="0" errors="0" skipped="1" time="0">\n {4}<testcase name="infra\/tfplan\.json" classname="safeguard-skipped" time="0">\n {6}<skipped message="not-yet-supported: Terraform plan: not yet supported, skipped"\/>/);
});

test('XML escaping drops characters XML cannot hold', () => {
  assert.equal(escapeXml('a<b & "c"\u0001'), 'a&lt;b &amp; &quot;c&quot;');
});

test('JUnit: a register waiver is skipped and named by its id', () => {
  const input = fixtureInput();
  const findings = input.findings.map((f) => (f.status === 'waived' ? { ...f, waiver: { source: 'register' as const, id: 'W-007', reason: 'accepted until migration', expires: '2027-01-31' } } : f));
  const xml = renderJunit({ ...input, findings }, fixtureContext());
  assert.match(xml, /<skipped message="Waived by W-007: accepted until migration \(until 2027-01-31\)"\/>/);
});

test('JUnit in pieces: counts first, then a test case a piece; the same text as one string', () => {
  const input = fixtureInput();
  const pieces = [...renderJunitChunks(input, fixtureContext())];
  assert.equal(pieces.filter((p) => p.includes('<testcase')).length, 7);
  assert.ok(pieces.every((p) => (p.match(/<testcase/g) ?? []).length <= 1), 'no piece holds two test cases');
  assert.equal(pieces.join(''), renderJunit(input, fixtureContext()));
});

const testcaseNames = (xml: string): string[] => [...xml.matchAll(/<testcase name="([^"]*)" classname="([^"]*)"/g)].map((m) => `${m[2]!} ${m[1]!}`);

test('JUnit test case names hold no line: lines added above the findings rename no test case', () => {
  // CI systems track a test's history by classname and name (Jenkins, GitLab, Azure DevOps).
  const shifted = `# a comment\n\n${MAIN_TF}`;
  const before = renderJunit(fixtureInput(), fixtureContext());
  const after = renderJunit(fixtureInput({ findings: fixtureFindings(shifted) }), fixtureContext({}, shifted));
  assert.notEqual(before, after);
  assert.deepEqual(testcaseNames(after), testcaseNames(before));
  assert.ok(testcaseNames(before).every((n) => !/:\d+:\d+/.test(n)), testcaseNames(before).join('\n'));
  // The location moved into the body.
  assert.match(after, /<failure [^>]*>aws_db_instance\.phi sets storage_encrypted to false\.[^<]*Location: infra\/rds\.tf:5:3\n/);
  assert.match(after, /<system-out>Location: infra\/rds\.tf:9:1<\/system-out>/);
  assert.match(after, /<error message="Expected an expression\." type="parse\/hcl">Expected an expression\.\nFinish the attribute\.\nLocation: infra\/broken\.tf:1:5<\/error>/);
  assert.match(after, /<testcase name="parse\/hcl infra\/broken\.tf" classname="safeguard-parse"/);
});

test('JUnit test case names stay unique without lines: the file, then the content fingerprint, tell alike findings apart', async () => {
  const main = 'provider "aws" {\n  access_key = "AKIAQ3EGRX7ZJ5TM4KWB"\n  secret_key = "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"\n}\n';
  const other = `# b\n${main}`;
  const finding = (file: string, text: string, needle: RegExp): Finding => ({
    ruleId: 'tf-no-provider-credentials',
    status: 'fail',
    severity: 'critical',
    title: 'Provider blocks carry no literal credentials',
    message: 'provider.aws sets a key to a literal credential.',
    resource: { address: 'provider.aws', kind: 'provider' },
    span: spanOf(file, text, needle),
    related: [],
    controls: ['164.312(a)(1)'],
  });
  const findings = (text: string): Finding[] => [
    finding('a.tf', text, /access_key = [^\n]*/),
    finding('a.tf', text, /secret_key = [^\n]*/),
    finding('b.tf', other, /access_key = [^\n]*/),
    { ...finding('a.tf', text, /provider[^]*?\n}/), ruleId: 'phi-no-phi-in-code', status: 'pass' },
  ];
  const render = (text: string): string =>
    renderJunit(fixtureInput({ findings: findings(text), diagnostics: [], skipped: [] }), fixtureContext({ sources: (f) => (f === 'a.tf' ? text : f === 'b.tf' ? other : undefined) }));
  const xml = render(main);
  const names = testcaseNames(xml);
  assert.equal(new Set(names).size, 4, names.join('\n'));
  assert.ok(names.includes('phi-no-phi-in-code [CRITICAL] provider.aws'), names.join('\n'));
  assert.ok(names.includes('tf-no-provider-credentials [CRITICAL] provider.aws (infra/b.tf)'), names.join('\n'));
  assert.equal(names.filter((n) => /^tf-no-provider-credentials \[CRITICAL\] provider\.aws \(infra\/a\.tf #[0-9a-f]{12}\)$/.test(n)).length, 2, names.join('\n'));
  // Stable when lines move.
  assert.deepEqual(testcaseNames(render(`\n\n${main}`)), names);
  assert.deepEqual(await junitSchemaErrors(xml), []);
});
