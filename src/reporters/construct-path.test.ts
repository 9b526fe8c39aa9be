// A resource CDK for Terraform synthesized carries its construct path (Finding.resource.constructPath):
// every report shows it beside the generated address, and no fingerprint changes with it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTENT_FINGERPRINT_KEY } from '../baseline/fingerprint.js';
import type { Finding } from '../engine/finding.js';
import { fixtureContext, fixtureFindings, fixtureInput } from '../testing/report-fixture.js';
import { jsonSchemaErrors } from '../testing/report-schemas.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

const PATH = 'phi-stack/PhiStorage/Db';

/** The fixture's findings, those on aws_db_instance.phi with a construct path. */
function withConstructPath(): Finding[] {
  return fixtureFindings().map((f) => (f.resource.address === 'aws_db_instance.phi' ? { ...f, resource: { ...f.resource, constructPath: PATH } } : f));
}

test('text: the construct path under a failure and beside a waived finding', () => {
  const text = renderText(fixtureInput({ findings: withConstructPath() }), fixtureContext());
  assert.match(text, /aws_db_instance\.phi sets storage_encrypted to false\.\n {2}\(construct phi-stack\/PhiStorage\/Db\)\n/);
  assert.match(text, /aws-rds-require-backups {2}aws_db_instance\.phi \(construct phi-stack\/PhiStorage\/Db\)/);
  assert.ok(!renderText(fixtureInput(), fixtureContext()).includes('(construct'), 'nothing without one');
});

test('Markdown: the construct path beside the address', () => {
  const md = renderMarkdown(fixtureInput({ findings: withConstructPath() }), fixtureContext());
  assert.match(md, /aws\\_db\\_instance\.phi \(construct phi-stack\/PhiStorage\/Db\) ·/);
  assert.match(md, /sets storage\\_encrypted to false\. \(construct phi-stack\/PhiStorage\/Db\)/);
  assert.match(md, /`aws-rds-require-backups` aws\\_db\\_instance\.phi \(construct phi-stack\/PhiStorage\/Db\) `/);
});

test('JSON: resource.constructPath, in both writers', () => {
  const findings = withConstructPath();
  const report = JSON.parse(renderJson(fixtureInput({ findings }), fixtureContext())) as { findings: { resource: Record<string, unknown> }[] };
  const db = report.findings.filter((f) => f.resource['address'] === 'aws_db_instance.phi');
  assert.ok(db.length > 0);
  for (const f of db) assert.deepEqual(f.resource, { address: 'aws_db_instance.phi', kind: 'aws_db_instance', constructPath: PATH });
  // A finding the fast writer leaves to the generic one (a field outside the plain shape) says the same.
  const odd = findings.map((f) => (f.resource.address === 'aws_db_instance.phi' ? ({ ...f, extra: 1 } as Finding) : f));
  const generic = JSON.parse(renderJson(fixtureInput({ findings: odd }), fixtureContext())) as typeof report;
  assert.deepEqual(generic.findings.map((f) => f.resource), report.findings.map((f) => f.resource));
});

test('SARIF: a second logical location and a property, valid, with the same fingerprints', async () => {
  type Result = { ruleId: string; locations: { logicalLocations: unknown[] }[]; properties: Record<string, unknown>; partialFingerprints: Record<string, string> };
  const sarif = JSON.parse(renderSarif(fixtureInput({ findings: withConstructPath() }), fixtureContext({ includeSuppressed: true }))) as { runs: { results: Result[] }[] };
  assert.deepEqual(await jsonSchemaErrors('sarif-schema-2.1.0.json', sarif), []);
  const plain = JSON.parse(renderSarif(fixtureInput(), fixtureContext({ includeSuppressed: true }))) as typeof sarif;
  const results = sarif.runs[0]!.results;
  const db = results.find((r) => r.ruleId === 'aws-rds-require-storage-encryption')!;
  assert.deepEqual(db.locations[0]!.logicalLocations, [
    { fullyQualifiedName: 'aws_db_instance.phi', kind: 'resource' },
    { fullyQualifiedName: PATH, kind: 'module' },
  ]);
  assert.equal(db.properties['constructPath'], PATH);
  const fingerprints = (rs: Result[]) => rs.map((r) => r.partialFingerprints[CONTENT_FINGERPRINT_KEY]);
  assert.deepEqual(fingerprints(results), fingerprints(plain.runs[0]!.results));
});
