import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { test } from 'node:test';
import { CONTENT_FINGERPRINT_KEY } from '../baseline/fingerprint.js';
import { fixtureContext, fixtureFindings, fixtureInput, MAIN_TF, SECRET, spanOf } from '../testing/report-fixture.js';
import { jsonSchemaErrors } from '../testing/report-schemas.js';
import { gzipBound, renderSarif, renderSarifChunks, renderSarifChunksWith, renderSarifWith } from './sarif.js';
import { tempDir } from '../testing/temp-dir.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sarif = any;
const parse = (text: string): Sarif => JSON.parse(text) as Sarif;

test('SARIF validates against the SARIF 2.1.0 schema, with and without suppressions', async () => {
  for (const includeSuppressed of [false, true]) {
    const sarif = parse(renderSarif(fixtureInput(), fixtureContext({ includeSuppressed })));
    assert.deepEqual(await jsonSchemaErrors('sarif-schema-2.1.0.json', sarif), []);
  }
});

test('SARIF describes every rule run, with GitHub’s security metadata', () => {
  const run = parse(renderSarif(fixtureInput(), fixtureContext())).runs[0];
  assert.equal(run.tool.driver.name, 'safeguard');
  assert.equal(run.tool.driver.version, '9.9.9');
  const ids = run.tool.driver.rules.map((r: Sarif) => r.id);
  assert.deepEqual(ids, [...new Set(ids)], 'no duplicate rule ids');
  assert.ok(ids.includes('aws-vpc-require-flow-logs'), 'a rule with no findings is still described');
  const rule = run.tool.driver.rules.find((r: Sarif) => r.id === 'aws-rds-require-storage-encryption');
  assert.equal(rule.name, 'AwsRdsRequireStorageEncryption');
  assert.equal(rule.shortDescription.text, 'Title of aws-rds-require-storage-encryption');
  assert.equal(rule.fullDescription.text, 'A leaked snapshot exposes ePHI.');
  assert.match(rule.helpUri, /^https:\/\//);
  assert.match(rule.help.markdown, /### Why it matters[\s\S]*### How to fix[\s\S]*### Examples[\s\S]*164\.312\(a\)\(2\)\(iv\)/);
  assert.ok(!rule.help.markdown.includes(SECRET), 'examples are redacted');
  assert.deepEqual(rule.properties.tags, ['security', 'hipaa', 'HIPAA-164.312(a)(2)(iv)']);
  assert.equal(rule.properties['security-severity'], '8.0');
  assert.equal(rule.properties.precision, 'very-high');
  assert.equal(rule.defaultConfiguration.level, 'error');
});

test('SARIF results: level, full region, related location, fingerprints, no secrets', () => {
  const text = renderSarif(fixtureInput(), fixtureContext());
  assert.ok(!text.includes(SECRET), 'the password never appears');
  const run = parse(text).runs[0];
  assert.deepEqual(
    run.results.map((r: Sarif) => r.ruleId),
    ['hygiene-no-hardcoded-secrets', 'aws-rds-require-storage-encryption'],
    'failing findings only, most severe first; waived, passing and unknown left out',
  );
  const result = run.results[1];
  assert.equal(result.level, 'error');
  assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
  assert.deepEqual(result.locations[0].physicalLocation, {
    artifactLocation: { uri: 'infra/rds.tf' },
    region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 28, snippet: { text: 'storage_encrypted = false' } },
  });
  assert.equal(result.locations[0].logicalLocations[0].fullyQualifiedName, 'aws_db_instance.phi');
  assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, 'infra/prod.tfvars');
  assert.equal(result.relatedLocations[0].message.text, 'The value comes from prod.tfvars.');
  assert.match(result.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]+:1$/);
  assert.match(result.partialFingerprints[CONTENT_FINGERPRINT_KEY], /^[0-9a-f]{32}$/);
});

test('SARIF snippets are one line at most: a whole resource block would carry every value in it', () => {
  // The failing finding judged on its whole resource block instead of one line.
  const findings = fixtureFindings().map((f) => (f.status === 'fail' && f.ruleId === 'aws-rds-require-storage-encryption' ? { ...f, span: spanOf('rds.tf', MAIN_TF, 'resource "aws_db_instance" "phi" {\n  engine') } : f));
  const run = parse(renderSarif(fixtureInput({ findings, blocking: findings.filter((f) => f.status === 'fail') }), fixtureContext())).runs[0];
  const regions = run.results.flatMap((r: Sarif) => [...r.locations, ...(r.relatedLocations ?? [])].map((l: Sarif) => l.physicalLocation.region));
  assert.ok(regions.some((r: Sarif) => r.endLine > r.startLine), 'the fixture has a multi-line region');
  for (const r of regions) if (r.endLine > r.startLine) assert.equal(r.snippet, undefined, JSON.stringify(r));
  assert.ok(regions.some((r: Sarif) => r.snippet !== undefined), 'one-line regions keep their snippet');
});

test('invocation: exit code and parse errors as notifications', () => {
  const invocation = parse(renderSarif(fixtureInput(), fixtureContext())).runs[0].invocations[0];
  assert.equal(invocation.exitCode, 1);
  assert.equal(invocation.executionSuccessful, true);
  assert.deepEqual(invocation.toolExecutionNotifications[0].descriptor, { id: 'parse/hcl' });
  assert.equal(invocation.toolExecutionNotifications[0].level, 'error');
  assert.equal(invocation.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri, 'infra/broken.tf');
});

test('waived findings carry suppressions when asked for', () => {
  const results = parse(renderSarif(fixtureInput(), fixtureContext({ includeSuppressed: true }))).runs[0].results;
  const waived = results.find((r: Sarif) => r.ruleId === 'aws-rds-require-backups');
  assert.deepEqual(waived.suppressions, [
    { kind: 'inSource', status: 'accepted', justification: 'dev database', properties: { waiverId: 'safeguard:aws-rds-require-backups', expires: '2026-06-30' } },
  ]);
});

test('fingerprints: lines inserted above change neither; changing the flagged content changes ours', () => {
  const fingerprints = (main: string) => {
    const results = parse(renderSarif(fixtureInput({ findings: fixtureFindings(main) }), fixtureContext({}, main))).runs[0].results;
    return results.map((r: Sarif) => [r.ruleId, r.locations[0].physicalLocation.region.startLine, r.partialFingerprints]);
  };
  const before = fingerprints(MAIN_TF);
  const shifted = fingerprints(`# PHI database\n\nterraform {\n}\n\n${MAIN_TF}`);
  assert.deepEqual(
    shifted.map(([id, , fp]: Sarif) => [id, fp]),
    before.map(([id, , fp]: Sarif) => [id, fp]),
  );
  assert.notEqual(shifted[0][1], before[0][1], 'the lines did move');
  const changed = fingerprints(MAIN_TF.replace('storage_encrypted = false', 'storage_encrypted = "false"'));
  const key = CONTENT_FINGERPRINT_KEY;
  assert.notEqual(changed[1][2][key], before[1][2][key]);
  assert.equal(changed[0][2][key], before[0][2][key], 'the other finding keeps its fingerprint');
});

test('GitHub limits: results are cut to the most severe, with a warning notification', async () => {
  const sarif = parse(renderSarifWith(fixtureInput(), fixtureContext(), { limits: { resultsPerRun: 1 } }));
  assert.deepEqual(sarif.runs[0].results.map((r: Sarif) => r.ruleId), ['hygiene-no-hardcoded-secrets']);
  const warning = sarif.runs[0].invocations[0].toolExecutionNotifications.find((n: Sarif) => n.descriptor.id === 'report/sarif-truncated');
  assert.match(warning.message.text, /Only the 1 most severe of 2 results/);
  const tiny = parse(renderSarifWith(fixtureInput(), fixtureContext(), { limits: { gzippedBytes: 1500 } }));
  assert.ok(tiny.runs[0].results.length < 2);
  assert.deepEqual(await jsonSchemaErrors('sarif-schema-2.1.0.json', tiny), []);
});

// Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool ships the binary); skipped where not installed.
const MULTITOOL = ['node_modules/.bin/sarif-multitool', '.cache/node_modules/.bin/sarif-multitool'].map((p) => path.resolve(p)).find((p) => existsSync(p));
test('SARIF Multitool validate reports no errors', { skip: MULTITOOL === undefined ? 'sarif-multitool not installed' : false }, () => {
  const dir = tempDir('safeguard-sarif-');
  const file = path.join(dir, 'report.sarif');
  writeFileSync(file, renderSarif(fixtureInput(), fixtureContext({ includeSuppressed: true })));
  const output = execFileSync(MULTITOOL!, ['validate', file, '--output', path.join(dir, 'validation.sarif')], { encoding: 'utf8' });
  assert.doesNotMatch(output, /: error /, output);
});

test('SARIF in pieces: the text renderSarif gives; near the gzip limit, the whole-text check decides as before', () => {
  const input = fixtureInput();
  const pieces = [...renderSarifChunks(input, fixtureContext())];
  assert.equal(pieces.join(''), renderSarif(input, fixtureContext()));
  // Near the limit the exact check on the whole text decides, as before: a limit the log just fits
  // keeps every result, one byte less cuts (snippets go first).
  const whole = renderSarif(input, fixtureContext());
  const exact = gzipSync(whole).length;
  assert.equal(renderSarifWith(input, fixtureContext(), { limits: { gzippedBytes: exact } }), whole);
  assert.notEqual(renderSarifWith(input, fixtureContext(), { limits: { gzippedBytes: exact - 1 } }), whole);
});

test('gzipBound is at least what gzip makes of any text, so a log under it is known to fit without gzipping it', () => {
  const random = randomBytes(200_000);
  const cases: [string, Buffer][] = [
    ['empty', Buffer.alloc(0)],
    ['one byte', Buffer.from('x')],
    ['random bytes (stored blocks)', random],
    ['random text', Buffer.from(random.toString('base64'))],
    ['repetitive text', Buffer.from('resource "aws_s3_bucket" "b" {}\n'.repeat(5000))],
  ];
  for (const [name, bytes] of cases) assert.ok(gzipSync(bytes).length <= gzipBound(bytes.length), name);
});

test('SARIF held as text below the gzip bound, gzipped above it: the same log either way', () => {
  const input = fixtureInput();
  const whole = renderSarif(input, fixtureContext());
  const bytes = Buffer.byteLength(whole);
  // Well over the bound: held as text and never gzipped; just under it (the limit is the raw size):
  // gzipped, and the sum of the batches settles it as before.
  assert.ok(gzipBound(bytes) <= 0.9 * 10 * bytes && gzipBound(bytes) > 0.9 * bytes);
  assert.equal(renderSarifWith(input, fixtureContext(), { limits: { gzippedBytes: 10 * bytes } }), whole);
  assert.equal(renderSarifWith(input, fixtureContext(), { limits: { gzippedBytes: bytes } }), whole);
  assert.equal([...renderSarifChunksWith(input, fixtureContext(), { limits: { gzippedBytes: 10 * bytes } })].join(''), whole);
});

test('--sarif-category is the run\'s automationDetails.id, in the form upload-sarif writes its category', async () => {
  // upload-sarif fills automationDetails.id with `CATEGORY/` only in runs that have none; GitHub reads
  // the id up to its last `/` as the category, so `safeguard/infra/prod` is kept whole.
  assert.equal(parse(renderSarif(fixtureInput(), fixtureContext())).runs[0].automationDetails, undefined, 'none unless asked for');
  for (const [category, id] of [['safeguard/infra/prod', 'safeguard/infra/prod/'], ['prod-eu/', 'prod-eu/']]) {
    const sarif = parse(renderSarif(fixtureInput(), fixtureContext({ sarifCategory: category })));
    assert.deepEqual(sarif.runs[0].automationDetails, { id });
    assert.deepEqual(await jsonSchemaErrors('sarif-schema-2.1.0.json', sarif), []);
  }
});
