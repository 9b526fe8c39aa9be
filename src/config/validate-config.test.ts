import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../source/diagnostic.js';
import { validateConfig, type RuleCatalog } from './validate-config.js';

const catalog: RuleCatalog = {
  ids: ['aws-rds-instance-not-public', 'aws-s3-require-versioning'],
  resolve: (id) => (id === 'aws-rds-instance-not-public' || id === 'CKV_AWS_17' ? ['aws-rds-instance-not-public'] : id === 'aws-s3-require-versioning' ? [id] : []),
  params: (id): Record<string, number | string[]> => (id === 'aws-s3-require-versioning' ? { minimumDays: 30, regions: ['us-east-1'] } : {}),
};

function validate(text: string) {
  return validateConfig({ text, displayPath: '.safeguard.yaml', absolutePath: '/repo/.safeguard.yaml' }, catalog);
}

function errors(text: string): readonly Diagnostic[] {
  const result = validate(text);
  assert.equal(result.ok, false, 'expected errors');
  return result.ok ? [] : result.errors;
}

test('accepts every documented shape', () => {
  const result = validate(
    [
      'fail_on: medium',
      'inline_suppressions: false',
      'var_files: [prod.tfvars]',
      'exclude: ["legacy/**"]',
      'rules:',
      '  CKV_AWS_17: off',
      '  aws-s3-require-versioning:',
      '    severity: low',
      '    params: { minimumDays: 90, regions: [eu-west-1] }',
    ].join('\n'),
  );
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.equal(result.value.failOn, 'medium');
  assert.equal(result.value.inlineSuppressions, false);
  assert.deepEqual(result.value.varFiles, ['/repo/prod.tfvars']);
  assert.deepEqual(result.value.exclude, ['legacy/**']);
  assert.deepEqual(result.value.rules.get('aws-rds-instance-not-public'), { enabled: false, mode: 'error' });
  assert.deepEqual(result.value.rules.get('aws-s3-require-versioning'), { enabled: true, mode: 'error', severity: 'low', params: { minimumDays: 90, regions: ['eu-west-1'] } });
});

test('an empty file is an empty config', () => {
  const result = validate('');
  assert.ok(result.ok);
});

test('a bad rule value names the key path, the accepted values and the position', () => {
  const [e] = errors('rules:\n  aws-rds-instance-not-public: 7\n');
  assert.match(e!.message, /^rules\.aws-rds-instance-not-public: expected "off" \| "on" \| "warn" \| "error" \| a severity .* \| an object, got 7$/);
  assert.equal(e!.span?.start.line, 2);
  assert.equal(e!.span?.start.column, 32);
});

test('unknown rule ids suggest the nearest id', () => {
  const [e] = errors('rules:\n  aws-rds-instance-not-publik: off\n');
  assert.equal(e!.code, 'config/unknown-rule');
  assert.match(e!.hint ?? '', /aws-rds-instance-not-public/);
});

test('a rule configured twice, by its id and a peer id, is an error at the second entry', () => {
  const [e] = errors('rules:\n  CKV_AWS_17: off\n  aws-rds-instance-not-public: low\n');
  assert.equal(e!.code, 'config/duplicate-rule');
  assert.equal(e!.message, 'rules.aws-rds-instance-not-public: configures aws-rds-instance-not-public, which rules.CKV_AWS_17 already configures');
  assert.equal(e!.span?.start.line, 3);
});

test('unknown keys, bad fail_on, bad params', () => {
  assert.match(errors('fail-on: high\n')[0]!.hint ?? '', /fail_on/);
  assert.match(errors('fail_on: severe\n')[0]!.message, /fail_on: expected "critical" \| "high" \| "medium" \| "low" \| "none", got "severe"/);
  assert.match(errors('rules:\n  aws-s3-require-versioning:\n    params: { minimumDays: "ninety" }\n')[0]!.message, /params\.minimumDays: expected a number, got "ninety"/);
  assert.match(errors('rules:\n  aws-s3-require-versioning:\n    params: { minimumDay: 3 }\n')[0]!.hint ?? '', /minimumDays/);
  assert.match(errors('rules:\n  aws-s3-require-versioning:\n    enabled: yes please\n')[0]!.message, /enabled: expected true \| false/);
});

test('YAML syntax errors are reported with a position', () => {
  const [e] = errors('rules:\n  a: [1, 2\n');
  assert.equal(e!.code, 'config/yaml');
  assert.ok(e!.span);
});

test('each YAML syntax error is at its own line and column, once (all were at 1:1, one mistake could print twice)', () => {
  const at = (text: string): string[] => errors(text).map((d) => `${d.span?.start.line}:${d.span?.start.column} ${d.message}`);
  assert.deepEqual(at('fail_on: high\nfail_on: low\n'), ['2:1 The config file is not valid YAML: Map keys must be unique']);
  assert.deepEqual(at('fail_on: high\nrules:\n\taws-x: off\n').map((l) => l.split(' ')[0]), ['3:1']);
  assert.deepEqual(at('a: b: c\n'), ['1:4 The config file is not valid YAML: Nested mappings are not allowed in compact mappings']);
  const lines = at('fail_on: high\n  bad: : x\n');
  assert.equal(new Set(lines).size, lines.length, lines.join('\n'));
  assert.ok(lines.every((l) => !l.startsWith('1:1 ')), lines.join('\n'));
});

test('waivers and audit_log keys: paths resolve against the config file, bad values name the key', () => {
  const result = validate(['waivers:', '  file: policy/waivers.yaml', '  max_duration_days: 90', '  warn_within_days: 7', 'audit_log: logs/audit.log'].join('\n'));
  assert.ok(result.ok);
  if (!result.ok) return;
  assert.deepEqual(result.value.waivers, { file: '/repo/policy/waivers.yaml', maxDurationDays: 90, warnWithinDays: 7 });
  assert.equal(result.value.auditLog, '/repo/logs/audit.log');
  const off = validate('audit_log: false');
  assert.ok(off.ok && off.value.auditLog === false);
  const bad = errors(['waivers:', '  max_duration_days: -3', '  warn_within_day: 7'].join('\n'));
  assert.match(bad[0]!.message, /^waivers\.max_duration_days: expected a whole number of days/);
  assert.equal(bad[0]!.span?.start.line, 2);
  assert.match(bad[1]!.message, /^waivers\.warn_within_day: unknown key/);
  assert.equal(bad[1]!.hint, 'Did you mean "warn_within_days"?');
});

test('an empty exclude glob is refused at its key path and position (picomatch threw on it: an internal error)', () => {
  for (const [text, where, line, column] of [
    ['exclude: ["legacy/**", ""]\n', 'exclude[1]', 1, 24],
    ['exclude:\n  - ""\n', 'exclude[0]', 2, 5],
    ['exclude: ""\n', 'exclude', 1, 10],
  ] as const) {
    const [e, ...rest] = errors(text);
    assert.deepEqual(rest, [], text);
    assert.equal(e!.code, 'config/invalid-value');
    assert.equal(e!.message, `${where}: expected a glob, got an empty string`);
    assert.deepEqual([e!.span?.start.line, e!.span?.start.column], [line, column], text);
  }
});

// The real rules' own checks (rules/define-rule.ts checkParam), through the CLI's catalog: a value
// of the right type that the rule would misread in silence is refused at its key path.
test('rule parameter checks: an approved region that is no AWS region name, a classification key the PHI scope does not read', async () => {
  const { ruleCatalog } = await import('../cli/rule-pack.js');
  const run = (text: string) => validateConfig({ text, displayPath: '.safeguard.yaml', absolutePath: '/repo/.safeguard.yaml' }, ruleCatalog);
  const regions = run('rules:\n  phi-approved-regions:\n    params:\n      approvedAwsRegions: [us-east-1, us-east1, US-WEST-2]\n');
  assert.equal(regions.ok, false);
  if (!regions.ok) {
    assert.equal(regions.errors.length, 1);
    assert.equal(regions.errors[0]!.code, 'config/invalid-value');
    assert.match(regions.errors[0]!.message, /^rules\.phi-approved-regions\.params\.approvedAwsRegions: "us-east1" is not an AWS region name$/);
    assert.equal(regions.errors[0]!.span?.start.line, 4);
  }
  assert.ok(run('rules:\n  phi-approved-regions:\n    params:\n      approvedAwsRegions: [us-east-1, us-gov-west-1, eusc-de-east-1, " EU-West-1 "]\n').ok);
  const key = run('rules:\n  phi-data-classification-tags:\n    params:\n      classificationTag: hipaa_scope\n');
  assert.equal(key.ok, false);
  if (!key.ok) assert.match(key.errors[0]!.message, /classificationTag: "hipaa_scope" is not a tag key the PHI-scoped rules read/);
  assert.ok(run('rules:\n  phi-data-classification-tags:\n    params:\n      classificationTag: DataClassification\n').ok);
  // A vocabulary without a PHI value is allowed, with a warning: the PHI-scoped rules would judge nothing.
  const vocabulary = run('rules:\n  phi-data-classification-tags:\n    params:\n      allowedClassifications: [restricted, open]\n');
  assert.ok(vocabulary.ok);
  if (vocabulary.ok) assert.deepEqual(vocabulary.warnings.map((w) => [w.code, w.severity]), [['config/param-warning', 'warning']]);
  const withPhi = run('rules:\n  phi-data-classification-tags:\n    params:\n      allowedClassifications: [phi-high, phi-low, internal]\n');
  assert.ok(withPhi.ok && withPhi.warnings.length === 0);
});
