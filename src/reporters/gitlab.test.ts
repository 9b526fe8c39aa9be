import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixtureContext, fixtureInput, SECRET } from '../testing/report-fixture.js';
import { jsonSchemaErrors } from '../testing/report-schemas.js';
import { renderGitlabCodeQuality, renderGitlabCodeQualityChunks, renderGitlabSast, renderGitlabSastChunks } from './gitlab.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

test('GitLab SAST report validates against GitLab’s schema 15.2.1, with and without waived findings', async () => {
  for (const includeSuppressed of [false, true]) {
    const report = JSON.parse(renderGitlabSast(fixtureInput(), fixtureContext({ includeSuppressed }))) as Json;
    assert.deepEqual(await jsonSchemaErrors('gitlab-sast-report-format-15.2.1.json', report), []);
  }
});

test('GitLab SAST: scan times from the clock, stable ids, rule and HIPAA identifiers', () => {
  const text = renderGitlabSast(fixtureInput(), fixtureContext());
  assert.ok(!text.includes(SECRET));
  const report = JSON.parse(text) as Json;
  assert.equal(report.scan.start_time, '2026-03-01T11:59:58');
  assert.equal(report.scan.end_time, '2026-03-01T12:00:00');
  assert.deepEqual(report.scan.messages, [{ level: 'warn', value: 'infra/broken.tf: Expected an expression.' }]);
  const v = report.vulnerabilities.find((x: Json) => x.identifiers[0].value === 'aws-rds-require-storage-encryption');
  assert.equal(v.severity, 'High');
  assert.deepEqual(v.location, { file: 'infra/rds.tf', start_line: 3, end_line: 3, class: 'aws_db_instance.phi' });
  assert.deepEqual(v.identifiers[1], { type: 'hipaa', name: 'HIPAA 164.312(a)(2)(iv)', value: '164.312(a)(2)(iv)', url: v.identifiers[1].url });
  assert.match(v.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(JSON.parse(renderGitlabSast(fixtureInput(), fixtureContext())).vulnerabilities[0].id, report.vulnerabilities[0].id, 'ids are stable');
});

test('GitLab Code Quality: the documented fields, one issue per failing finding', () => {
  const issues = JSON.parse(renderGitlabCodeQuality(fixtureInput(), fixtureContext())) as Json[];
  assert.equal(issues.length, 2);
  for (const issue of issues) {
    assert.equal(typeof issue.description, 'string');
    assert.equal(typeof issue.check_name, 'string');
    assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
    assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity));
    assert.equal(typeof issue.location.path, 'string');
    assert.equal(typeof issue.location.lines.begin, 'number');
  }
  assert.deepEqual(issues.map((i) => [i.check_name, i.severity, i.location.lines.begin]), [
    ['aws-rds-require-storage-encryption', 'critical', 3],
    ['hygiene-no-hardcoded-secrets', 'blocker', 4],
  ]);
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, 2);
});

test('GitLab reports in pieces, a finding a piece, as JSON.stringify would write them whole', () => {
  const input = fixtureInput();
  for (const [name, chunks, reported] of [
    ['code quality', renderGitlabCodeQualityChunks, (text: string) => JSON.parse(text) as unknown[]],
    ['sast', renderGitlabSastChunks, (text: string) => (JSON.parse(text) as { vulnerabilities: unknown[] }).vulnerabilities],
  ] as const) {
    const pieces = [...chunks(input, fixtureContext())];
    const text = pieces.join('');
    assert.equal(text, `${JSON.stringify(JSON.parse(text), null, 2)}\n`, name);
    assert.equal(reported(text).length, 2, name);
    assert.equal(pieces.filter((p) => p.includes('"fingerprint"') || p.includes('"safeguard_rule_id"')).length, 2, `${name}: one piece per finding`);
  }
});
