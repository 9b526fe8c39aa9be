// Baseline files: which fingerprint recipe a file says it was written with, and reading older ones.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import { LineIndex } from '../source/line-index.js';
import type { Span } from '../source/span.js';
import { compareWithBaseline, createBaseline, parseBaseline, renderBaseline, type Baseline, type BaselineKeying } from './baseline-file.js';

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

describe('a sharded scan matches an entry made under another instance of a declaration judged once', () => {
  const MODULE = 'variable "db_password" {\n  type    = string\n  default = "Xk9#mQ2$vL7!pR4zEXAMPLE"\n}\nvariable "name" {\n  type = string\n}\nvariable "note" {\n  default = "Patient Jane Roe EXAMPLE"\n}\n';
  const FILE = 'modules/shared/main.tf';
  const keyingOf = (text: string): BaselineKeying => ({ keyPath: (file) => file, sources: (file) => (file === FILE ? text : undefined) });
  const lines = new LineIndex(MODULE);
  const declaration = (name: string): Span => {
    const start = MODULE.indexOf(`variable "${name}"`);
    return lines.span(FILE, start, MODULE.indexOf('}', start) + 1);
  };
  const fail = (address: string, options: { instance?: boolean; span?: Span; ruleId?: string } = {}): Finding => {
    const span = options.span ?? declaration('db_password');
    return {
      ruleId: options.ruleId ?? 'tf-sensitive-variables',
      status: 'fail',
      severity: 'medium',
      title: 't',
      message: `${address} is not marked sensitive`,
      resource: { address, kind: 'variable', ...(options.instance === false ? {} : { instance: { root: 'envs/d', file: FILE, offset: span.start.offset } }) },
      span,
      related: [],
      controls: [],
    };
  };
  // Made by an unsharded scan: the declaration judged under envs/c's module.svc.
  const baseline: Baseline = createBaseline([fail('module.svc.var.db_password', { instance: false })], keyingOf(MODULE));
  const compare = (findings: Finding[]) => {
    const c = compareWithBaseline(findings, baseline, keyingOf(MODULE));
    return { reported: c.findings.map((f) => f.resource.address), baselined: c.baselined.map((f) => f.resource.address), gone: c.gone.map((e) => e.resource) };
  };
  const none: string[] = [];

  const cases: [string, () => Finding[], { reported: string[]; baselined: string[]; gone: string[] }][] = [
    ['the instance the baseline names', () => [fail('module.svc.var.db_password')], { reported: none, baselined: ['module.svc.var.db_password'], gone: none }],
    ['another instance, in a shard (resource.instance)', () => [fail('module.other.var.db_password')], { reported: none, baselined: ['module.other.var.db_password'], gone: none }],
    ['a nested or keyed instance', () => [fail('module.app["x"].module.other.var.db_password')], { reported: none, baselined: ['module.app["x"].module.other.var.db_password'], gone: none }],
    // An unsharded scan judges the declaration under the baseline's instance: another address there is another finding.
    ['another instance, unsharded (no resource.instance)', () => [fail('module.other.var.db_password', { instance: false })], { reported: ['module.other.var.db_password'], baselined: none, gone: ['module.svc.var.db_password'] }],
    ['another declaration', () => [fail('module.other.var.name', { span: declaration('name') })], { reported: ['module.other.var.name'], baselined: none, gone: ['module.svc.var.db_password'] }],
    ['another rule', () => [fail('module.other.var.db_password', { ruleId: 'tf-no-secrets-in-code' })], { reported: ['module.other.var.db_password'], baselined: none, gone: ['module.svc.var.db_password'] }],
    // The entry is taken once: the exact match has it, and the other instance is new.
    ['both instances', () => [fail('module.other.var.db_password'), fail('module.svc.var.db_password')], { reported: ['module.other.var.db_password'], baselined: ['module.svc.var.db_password'], gone: none }],
  ];
  for (const [name, findings, expected] of cases) test(name, () => assert.deepEqual(compare(findings()), expected));

  test('a changed value is new under any instance', () => {
    // A literal's finding is on its text (a whole block's is on its header, which another line's edit keeps).
    const valueSpan = (text: string): Span => {
      const start = text.indexOf('default = "Patient');
      return new LineIndex(text).span(FILE, start, text.indexOf('\n', start));
    };
    const phi = (address: string, text: string, instance = true) => fail(address, { ruleId: 'phi-no-phi-in-code', span: valueSpan(text), instance });
    const made = createBaseline([phi('module.svc.var.note', MODULE, false)], keyingOf(MODULE));
    const same = compareWithBaseline([phi('module.other.var.note', MODULE)], made, keyingOf(MODULE));
    assert.deepEqual([same.findings.length, same.baselined.length, same.gone.length], [0, 1, 0]);
    const changed = MODULE.replace('Jane', 'John');
    const other = compareWithBaseline([phi('module.other.var.note', changed)], made, keyingOf(changed));
    assert.deepEqual([other.findings.length, other.baselined.length, other.gone.length], [1, 0, 1]);
  });
});
