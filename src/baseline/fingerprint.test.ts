// The content fingerprint: which edits change it, and the recipe earlier baselines were written with.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { LineIndex } from '../source/line-index.js';
import type { Span } from '../source/span.js';
import { CONTENT_FINGERPRINT_KEY, contentFingerprint, FINGERPRINT_RECIPE_NAMES, normalizedSpanText, redactedContentFingerprint } from './fingerprint.js';
import { fingerprintSources, redactSecrets } from '../reporters/redact.js';

const DB = `# PHI
resource "aws_db_instance" "db" {
  engine              = "postgres"
  password            = "hunter2-EXAMPLE"
  storage_encrypted   = false
  publicly_accessible = true
  tags = { owner = "dba" }

  restore_to_point_in_time {
    use_latest_restorable_time = true
  }
}
`;

/** The span of the first match of `needle` in `text`; `block` extends it to its closing brace. */
function spanIn(file: string, text: string, needle: string, block = false): Span {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `${needle} is in the text`);
  let end = start + needle.length;
  if (block) {
    let depth = 0;
    for (end = text.indexOf('{', start); end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    end++;
  }
  return new LineIndex(text).span(file, start, end);
}

const finding = (span: Span, ruleId = 'aws-rds-backup-retention') => ({ ruleId, resource: { address: 'aws_db_instance.db', kind: 'aws_db_instance' }, span, message: 'm' });
const blockFp = (text: string, file = 'db.tf', recipe?: 1 | 2) => contentFingerprint(finding(spanIn(file, text, 'resource "aws_db_instance"', true)), file, text, recipe);
const attributeFp = (text: string, needle: string) => contentFingerprint(finding(spanIn('db.tf', text, needle), 'aws-rds-storage-encrypted'), 'db.tf', text);

/** What recipe 1 hashed: the whole span's text, whitespace collapsed (secrets masked). */
function recipeOne(ruleId: string, file: string, address: string, spanText: string): string {
  return createHash('sha256').update([ruleId, file, address, spanText.replace(/\s+/g, ' ').trim()].join('\u0000')).digest('hex').slice(0, 32);
}

describe('content fingerprint of a finding on a whole block', () => {
  test('another line of the block, added, edited or removed, leaves it as it was', () => {
    const before = blockFp(DB);
    assert.match(before, /^[0-9a-f]{32}$/);
    for (const edited of [
      DB.replace('publicly_accessible = true', 'publicly_accessible = false'),
      DB.replace('tags = { owner = "dba" }', 'tags = { owner = "dba", data_classification = "phi" }'),
      DB.replace('  storage_encrypted   = false\n', ''),
      DB.replace('hunter2-EXAMPLE', 'other-EXAMPLE-value'),
      DB.replace('use_latest_restorable_time = true', 'use_latest_restorable_time = false'),
      DB.replace('"db" {', '"db"   {'),
    ]) {
      assert.notEqual(edited, DB);
      assert.equal(blockFp(edited), before, edited);
    }
    assert.notEqual(blockFp(DB.replace('"db" {', '"db2" {')), before, 'its labels are its identity');
    assert.notEqual(contentFingerprint(finding(spanIn('db.tf', DB, 'resource "aws_db_instance"', true), 'aws-rds-multi-az'), 'db.tf', DB), before, 'the rule is in it');
  });

  test('an attribute finding still hashes its own text: edits elsewhere keep it, its own edit changes it', () => {
    const before = attributeFp(DB, 'storage_encrypted   = false');
    assert.equal(attributeFp(DB.replace('publicly_accessible = true', 'publicly_accessible = false'), 'storage_encrypted   = false'), before);
    assert.notEqual(attributeFp(DB.replace('storage_encrypted   = false', 'storage_encrypted   = "false"'), 'storage_encrypted   = "false"'), before);
    // Object values and nested blocks end with a brace but are not top-level blocks: their text counts.
    const tags = (text: string) => attributeFp(text, text.slice(text.indexOf('tags'), text.indexOf('}', text.indexOf('tags')) + 1));
    assert.notEqual(tags(DB.replace('"dba"', '"ops"')), tags(DB));
    const nested = (text: string) => contentFingerprint(finding(spanIn('db.tf', text, 'restore_to_point_in_time', true)), 'db.tf', text);
    assert.notEqual(nested(DB.replace('use_latest_restorable_time = true', 'use_latest_restorable_time = false')), nested(DB));
  });

  test('JSON syntax: the block that starts at its last label’s key', () => {
    const json = (publicly: boolean, owner: string) =>
      `{\n  "resource": {\n    "aws_db_instance": {\n      "db": {\n        "engine": "postgres",\n        "publicly_accessible": ${publicly},\n        "tags": { "owner": "${owner}" }\n      }\n    }\n  }\n}\n`;
    const fp = (text: string, needle: string, block = true) => contentFingerprint(finding(spanIn('main.tf.json', text, needle, block)), 'main.tf.json', text);
    assert.equal(fp(json(false, 'dba'), '"db": {'), fp(json(true, 'dba'), '"db": {'));
    assert.equal(fp(json(true, 'ops'), '"db": {'), fp(json(true, 'dba'), '"db": {'));
    // `"tags": {` looks just like a block's start; the parsed file says it is an argument.
    assert.notEqual(fp(json(true, 'ops'), '"tags": {'), fp(json(true, 'dba'), '"tags": {'));
  });

  test('recipe 1, which baselines written before recipe 2 hold, is the whole text of the span', () => {
    const span = spanIn('db.tf', DB, 'resource "aws_db_instance"', true);
    const masked = DB.slice(span.start.offset, span.end.offset).replace('hunter2-EXAMPLE', '*'.repeat('hunter2-EXAMPLE'.length));
    assert.equal(blockFp(DB, 'db.tf', 1), recipeOne('aws-rds-backup-retention', 'db.tf', 'aws_db_instance.db', masked));
    assert.notEqual(blockFp(DB.replace('publicly_accessible = true', 'publicly_accessible = false'), 'db.tf', 1), blockFp(DB, 'db.tf', 1));
    assert.equal(normalizedSpanText(finding(span), DB), masked.replace(/\s+/g, ' ').trim());
    // An attribute's fingerprint is the same in both recipes.
    const attribute = finding(spanIn('db.tf', DB, 'storage_encrypted   = false'), 'aws-rds-storage-encrypted');
    assert.equal(contentFingerprint(attribute, 'db.tf', DB, 1), contentFingerprint(attribute, 'db.tf', DB, 2));
    assert.equal(contentFingerprint(attribute, 'db.tf', DB, 2), contentFingerprint(attribute, 'db.tf', DB, 3));
    assert.deepEqual(FINGERPRINT_RECIPE_NAMES, { 1: 'safeguardContent/v1', 2: 'safeguardContent/v2', 3: 'safeguardContent/v3' });
    assert.equal(CONTENT_FINGERPRINT_KEY, 'safeguardContent/v3', 'SARIF says which recipe its fingerprints follow');
  });

  test('recipe 3: a finding whose file does not tell its root module hashes the root (a module two stacks call); one in its root\'s own files does not', () => {
    const span = spanIn('modules/store/main.tf', DB, 'storage_encrypted   = false');
    const inModule = (root: string | undefined) => ({ ...finding(span, 'aws-rds-storage-encrypted'), resource: { address: 'module.store.aws_db_instance.db', kind: 'aws_db_instance', ...(root !== undefined ? { root } : {}) } });
    const fp3 = (root: string | undefined, recipe: 2 | 3 = 3) => contentFingerprint(inModule(root), 'modules/store/main.tf', DB, recipe);
    assert.notEqual(fp3('envs/dev'), fp3('envs/prod'));
    assert.equal(fp3('envs/dev', 2), fp3('envs/prod', 2), 'recipe 2 left the root out');
    // In the root's own directory the file says the root: the same as recipe 2.
    const own = { ...finding(spanIn('envs/dev/db.tf', DB, 'storage_encrypted   = false'), 'aws-rds-storage-encrypted'), resource: { address: 'aws_db_instance.db', kind: 'aws_db_instance', root: 'envs/dev' } };
    assert.equal(contentFingerprint(own, 'envs/dev/db.tf', DB, 3), contentFingerprint(own, 'envs/dev/db.tf', DB, 2));
  });
});

test("recipe 3: a plan's or state's finding in its directory's own files hashes as the sources' finding does; in a shared module, the plan", () => {
  const span = spanIn('modules/store/main.tf', DB, 'storage_encrypted   = false');
  const at = (root: string | undefined, file = 'modules/store/main.tf', s = span) =>
    contentFingerprint({ ...finding(s, 'aws-rds-storage-encrypted'), resource: { address: 'module.store.aws_db_instance.db', kind: 'aws_db_instance', ...(root !== undefined ? { root } : {}) } }, file, DB, 3);
  // Outside the root module's directory (a shared module), the plan itself: a directory may hold one per environment.
  assert.notEqual(at('envs/dev/dev.plan.json'), at('envs/dev/prod.plan.json'));
  assert.notEqual(at('envs/prod/plan.json'), at('envs/dev/plan.json'));
  // In the root's own files, or a plan at the scan root: no root in the hash, as for the sources alone.
  const own = spanIn('envs/dev/main.tf', DB, 'storage_encrypted   = false');
  assert.equal(at('envs/dev/plan.json', 'envs/dev/main.tf', own), at(undefined, 'envs/dev/main.tf', own));
  assert.equal(at('plan.json'), at(undefined));
});

test('a finding in a one-line plan keeps its fingerprint though reports read the JSON values after a secret name as JSON', () => {
  // As `terraform show -json` writes a plan: one line. Code frames now show what follows a secret-named
  // value (`"publicly_accessible":true`); fingerprints read the file as baselines already written read it.
  const plan = JSON.stringify({ resource_changes: [{ address: 'aws_db_instance.db', change: { after: { manage_master_user_password: null, password: 'Hunter2-Example', publicly_accessible: true } } }] });
  const f = finding(spanIn('tfplan.json', plan, '{"address"', true), 'aws-rds-instance-not-public');
  const masked = redactSecrets(plan, false);
  assert.ok(!masked.includes('publicly_accessible') && !masked.includes('Hunter2'), 'masked to the end of the line, as before');
  assert.ok(redactSecrets(plan).includes('"publicly_accessible":true'), 'reports show it');
  assert.equal(contentFingerprint(f, 'tfplan.json', plan), redactedContentFingerprint(f, 'tfplan.json', masked));
  assert.notEqual(contentFingerprint(f, 'tfplan.json', plan), redactedContentFingerprint(f, 'tfplan.json', redactSecrets(plan)));
  assert.equal(fingerprintSources(() => plan)('tfplan.json'), masked);
});
