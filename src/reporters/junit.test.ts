import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureContext, fixtureInput, SECRET } from '../testing/report-fixture.js';
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
  assert.match(xml, /<testcase name="\[HIGH\] aws_db_instance\.phi \(infra\/rds\.tf:3:3\)" classname="aws-rds-require-storage-encryption" time="0">\n {6}<failure message="aws_db_instance\.phi sets storage_encrypted to false\." type="high">/);
  assert.match(xml, /Related: infra\/prod\.tfvars:1:1 The value comes from prod\.tfvars\./);
  assert.match(xml, /<skipped message="Waived: dev database \(until 2026-06-30\)"\/>/);
  assert.match(xml, /<skipped message="Could not be decided: /);
  assert.match(xml, /<testcase name="\[HIGH\] aws_s3_bucket\.logs \(infra\/rds\.tf:7:1\)" classname="aws-s3-bucket-require-encryption" time="0"\/>/);
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
