// Baseline files: which fingerprint recipe a file says it was written with, and reading older ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBaseline, renderBaseline } from './baseline-file.js';

const ENTRY = { ruleId: 'aws-rds-backup-retention', file: 'a/db.tf', resource: 'aws_db_instance.db', fingerprint: 'e44122f65b98d786ffdfa5ffae46ac24', line: 1 };

test('a baseline without `fingerprints` was written with recipe 1, and renders again as it was', () => {
  const text = `${JSON.stringify({ version: 1, tool: 'safeguard', entries: [ENTRY] }, null, 2)}\n`;
  const parsed = parseBaseline(text, 'b.json');
  assert.ok(parsed.ok);
  assert.equal(parsed.value.recipe, 1);
  assert.equal(renderBaseline(parsed.value), text);
});

test('a baseline names the recipe it was written with', () => {
  for (const [name, recipe] of [['safeguardContent/v1', 1], ['safeguardContent/v2', 2], ['safeguardContent/v3', 3]] as const) {
    const parsed = parseBaseline(JSON.stringify({ version: 1, fingerprints: name, entries: [ENTRY] }), 'b.json');
    assert.ok(parsed.ok);
    assert.equal(parsed.value.recipe, recipe);
  }
  for (const name of ['safeguardContent/v2', 'safeguardContent/v3']) {
    const current = parseBaseline(JSON.stringify({ version: 1, fingerprints: name, entries: [ENTRY] }), 'b.json');
    assert.ok(current.ok);
    assert.deepEqual(JSON.parse(renderBaseline(current.value)), { version: 1, tool: 'safeguard', fingerprints: name, entries: [ENTRY] });
  }
});

test('a recipe this version does not know is an error, not every entry silently unmatched', () => {
  const parsed = parseBaseline(JSON.stringify({ version: 1, fingerprints: 'safeguardContent/v9', entries: [] }), 'b.json');
  assert.ok(!parsed.ok);
  assert.equal(parsed.errors[0]!.code, 'baseline/invalid');
  assert.match(parsed.errors[0]!.message, /^b\.json: fingerprints: expected "safeguardContent\/v1" or "safeguardContent\/v2" or "safeguardContent\/v3", got "safeguardContent\/v9"\.$/);
});

test("Checkov's .checkov.baseline is named as such, with how to make a Safeguard baseline", () => {
  const checkov = { failed_checks: [{ file: '/main.tf', findings: [{ resource: 'aws_s3_bucket.this', check_ids: ['CKV_AWS_18'] }] }] };
  const parsed = parseBaseline(JSON.stringify(checkov), '.checkov.baseline');
  assert.ok(!parsed.ok);
  assert.equal(parsed.errors[0]!.message, '.checkov.baseline: a Checkov baseline (failed_checks), not a Safeguard one.');
  assert.match(parsed.errors[0]!.hint ?? '', /safeguard baseline create/);
});
