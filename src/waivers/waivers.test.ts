import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import { applyRegisterWaivers, namesInstance } from './match-waiver.js';
import { evaluateTerraform } from '../graph/index.js';
import { rawAddressOf, runRules } from '../engine/run-rules.js';
import type { AnyRule } from '../rules/define-rule.js';
import classificationTags from '../rules/phi/phi-data-classification-tags.js';
import { DEFAULT_WAIVER_POLICY, loadWaiverRegister, waiverState, type WaiverRegister } from './waiver.js';

const FILE = '.safeguard/waivers.yaml';
const resolveRule = (id: string): readonly string[] =>
  id === 'aws-rds-storage-encrypted' || id === 'CKV_AWS_16' ? ['aws-rds-storage-encrypted'] : id === 'aws-s3-versioning' ? [id] : [];

function load(text: string, policy = DEFAULT_WAIVER_POLICY): WaiverRegister {
  return loadWaiverRegister({ file: FILE, text, resolveRule, policy });
}

function entry(fields: Record<string, string | string[] | undefined> = {}): string {
  const all: Record<string, string | string[] | undefined> = {
    id: 'W-001',
    rule: 'CKV_AWS_16',
    resources: ['aws_db_instance.patients'],
    justification: 'Legacy instance, migrating',
    risk: undefined,
    compensating_controls: ['No PHI stored until migrated'],
    requested_by: 'alice@example.com',
    approved_by: ['bob@example.com'],
    created: '2026-11-01',
    expires: '2027-01-31',
    ...fields,
  };
  const lines = ['waivers:'];
  let first = true;
  for (const [key, value] of Object.entries(all)) {
    const lead = first ? '  - ' : '    ';
    first = false;
    if (key === 'risk') lines.push(`${lead}risk: { likelihood: low, impact: high }`);
    else if (value === undefined) continue;
    else if (Array.isArray(value)) lines.push(`${lead}${key}:`, ...value.map((v) => `      - ${v}`));
    else lines.push(`${lead}${key}: ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

function finding(ruleId: string, address: string, file = 'rds.tf', status: Finding['status'] = 'fail'): Finding {
  const at = { line: 3, column: 3, offset: 40 };
  return { ruleId, status, severity: 'high', title: 't', message: 'm', resource: { address, kind: 'aws_db_instance' }, span: { file, start: at, end: { ...at, column: 9, offset: 46 } }, related: [], controls: ['164.312(a)(2)(iv)'] };
}

const apply = (register: WaiverRegister, findings: Finding[], today: string) =>
  applyRegisterWaivers(findings, register, { today, policy: DEFAULT_WAIVER_POLICY, rulesRun: new Set(['aws-rds-storage-encrypted', 'aws-s3-versioning']), registerPath: (f) => f });

describe('waiver register: loading', () => {
  test('a valid entry resolves its peer id and keeps every field', () => {
    const register = load(entry({ ticket: 'https://tickets.example.com/SEC-1' }));
    assert.deepEqual(register.errors, []);
    const [w] = register.waivers;
    assert.equal(w?.id, 'W-001');
    assert.deepEqual(w?.ruleIds, ['aws-rds-storage-encrypted']);
    assert.deepEqual(w?.risk, { likelihood: 'low', impact: 'high' });
    assert.deepEqual(w?.approved_by, ['bob@example.com']);
    assert.equal(w?.ticket, 'https://tickets.example.com/SEC-1');
    assert.equal(w?.span.start.line, 2);
  });

  test('the requester cannot approve: the error names the key path and line', () => {
    const register = load(entry({ approved_by: ['carol@example.com', 'Alice@example.com'] }));
    assert.equal(register.waivers.length, 0);
    assert.equal(register.invalid[0]?.id, 'W-001');
    const [error] = register.errors;
    assert.equal(error?.code, 'waiver/self-approval');
    assert.match(error!.message, /^waivers\[0\]\.approved_by\[1\]: Alice@example\.com requested this waiver and cannot also approve it/);
    assert.equal(error?.span?.file, FILE);
    assert.deepEqual([error?.span?.start.line, error?.span?.start.column], [13, 9]);
  });

  test('schema errors name the key path with line and column; other entries still load', () => {
    const text = `${entry({ id: 'W-001', expires: '2027-02-30', rule: 'no-such-rule', resources: undefined, jurisdiction: 'x' })}${entry({ id: 'W-002' }).replace('waivers:\n', '')}`;
    const register = load(text);
    assert.deepEqual(register.waivers.map((w) => w.id), ['W-002']);
    const messages = register.errors.map((e) => `${e.span?.start.line}:${e.span?.start.column} ${e.message}`);
    assert.ok(messages.some((m) => /^3:11 waivers\[0\]\.rule: unknown rule id "no-such-rule"/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^\d+:5 waivers\[0\]\.jurisdiction: unknown key/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /waivers\[0\]: needs "resources" .* and\/or "roots"/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^12:14 waivers\[0\]\.expires: expected a date YYYY-MM-DD, got "2027-02-30"/.test(m)), messages.join('\n'));
  });

  test('missing keys, bad risk levels, a bad ticket and a too-long waiver are rejected', () => {
    const register = load(
      entry({ justification: undefined, created: '2026-01-01', expires: '2026-12-31', ticket: 'not a url' }).replace('impact: high', 'impact: severe'),
    );
    const messages = register.errors.map((e) => e.message);
    assert.ok(messages.includes('waivers[0].justification: required; expected a string'), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('waivers[0].risk.impact: expected "low" | "medium" | "high" | "critical", got "severe"')), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('waivers[0].ticket: expected an http(s) URL')), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('waivers[0].expires: 2026-12-31 is 364 days after created (2026-01-01); waivers may last at most 180 days')), messages.join('\n'));
    assert.equal(load(entry({ created: '2026-01-01', expires: '2026-12-31' }), { maxDurationDays: 365, warnWithinDays: 14 }).errors.length, 0, 'the limit is configurable');
  });

  test('duplicate ids and YAML syntax errors are reported with positions', () => {
    const dup = load(`${entry()}${entry().replace('waivers:\n', '')}`);
    assert.equal(dup.errors[0]?.code, 'waiver/duplicate-id');
    assert.match(dup.errors[0]!.message, /^waivers\[1\]\.id: "W-001" is already the id of waivers\[0\]/);
    const broken = load('waivers:\n  - id: [unclosed\n');
    assert.equal(broken.errors[0]?.code, 'waiver/yaml');
    assert.ok((broken.errors[0]?.span?.start.line ?? 0) >= 2);
  });
});

describe('waiver register: applying', () => {
  const register = load(entry());

  test('active: the failing finding is waived and keeps the waiver; passes are untouched', () => {
    const result = apply(register, [finding('aws-rds-storage-encrypted', 'aws_db_instance.patients'), finding('aws-rds-storage-encrypted', 'aws_db_instance.other'), finding('aws-rds-storage-encrypted', 'aws_db_instance.patients', 'rds.tf', 'pass')], '2026-12-03');
    assert.deepEqual(result.findings.map((f) => f.status), ['waived', 'fail', 'pass']);
    assert.deepEqual(result.findings[0]?.waiver, { source: 'register', id: 'W-001', reason: 'Legacy instance, migrating', expires: '2027-01-31', span: register.waivers[0]!.span });
    assert.equal(result.states.get('W-001'), 'active');
    assert.deepEqual(result.diagnostics, []);
  });

  test('expiring: still waives, warns with the days left', () => {
    const result = apply(register, [finding('aws-rds-storage-encrypted', 'aws_db_instance.patients')], '2027-01-26');
    assert.equal(result.findings[0]?.status, 'waived');
    assert.equal(result.states.get('W-001'), 'expiring');
    assert.deepEqual(result.diagnostics.map((d) => [d.code, d.severity, d.message]), [['waiver/expiring', 'warning', 'Waiver W-001 (CKV_AWS_16) expires in 5 days (2027-01-31).']]);
  });

  test('in force through its expiry day; expired the day after: the finding fails again and an error names it', () => {
    assert.equal(apply(register, [finding('aws-rds-storage-encrypted', 'aws_db_instance.patients')], '2027-01-31').findings[0]?.status, 'waived');
    const result = apply(register, [finding('aws-rds-storage-encrypted', 'aws_db_instance.patients')], '2027-02-01');
    assert.equal(result.findings[0]?.status, 'fail');
    assert.equal(result.findings[0]?.waiver, undefined);
    assert.equal(result.states.get('W-001'), 'expired');
    const [d] = result.diagnostics;
    assert.equal(d?.code, 'waiver/expired');
    assert.equal(d?.severity, 'error');
    assert.equal(d?.message, 'Waiver W-001 (CKV_AWS_16) expired on 2027-01-31, so it no longer waives anything: 1 finding it covered fails again.');
    assert.equal(d?.span?.start.line, 14);
  });

  test('unused: a waiver that covers no failing finding warns; one for a rule that did not run does not', () => {
    const result = apply(register, [finding('aws-rds-storage-encrypted', 'aws_db_instance.patients', 'rds.tf', 'pass')], '2026-12-03');
    assert.equal(result.states.get('W-001'), 'unused');
    assert.deepEqual(result.diagnostics.map((d) => d.code), ['waiver/unused']);
    const notRun = applyRegisterWaivers([], register, { today: '2026-12-03', policy: DEFAULT_WAIVER_POLICY, rulesRun: new Set(), registerPath: (f) => f });
    assert.deepEqual(notRun.diagnostics, []);
    assert.equal(notRun.states.get('W-001'), 'active');
  });

  test('resource globs, exact addresses with brackets, and path globs (both must match when given)', () => {
    const globbed = load(entry({ resources: ['module.legacy.*', '\'aws_db_instance.db["a"]\''], paths: ['legacy/**'] }));
    assert.deepEqual(globbed.errors, []);
    const result = apply(
      globbed,
      [
        finding('aws-rds-storage-encrypted', 'module.legacy.aws_db_instance.x', 'legacy/main.tf'),
        finding('aws-rds-storage-encrypted', 'aws_db_instance.db["a"]', 'legacy/db.tf'),
        finding('aws-rds-storage-encrypted', 'module.legacy.aws_db_instance.x', 'other/main.tf'),
        finding('aws-s3-versioning', 'module.legacy.aws_db_instance.x', 'legacy/main.tf'),
      ],
      '2026-12-03',
    );
    assert.deepEqual(result.findings.map((f) => f.status), ['waived', 'waived', 'fail', 'fail']);
    assert.equal(result.matched.get('W-001'), 2);
  });

  test('an address without keys names every instance of the resource (count, for_each, module instances); a keyed one names its instance only', () => {
    const register = load(entry({ resources: ['aws_db_instance.db', 'module.legacy.*', '\'aws_db_instance.one["a"]\''] }));
    assert.deepEqual(register.errors, []);
    const result = apply(
      register,
      [
        finding('aws-rds-storage-encrypted', 'aws_db_instance.db[0]'),
        finding('aws-rds-storage-encrypted', 'aws_db_instance.db["b]x"]'),
        finding('aws-rds-storage-encrypted', 'module.legacy["eu"].aws_db_instance.x[1]'),
        finding('aws-rds-storage-encrypted', 'aws_db_instance.one["a"]'),
        finding('aws-rds-storage-encrypted', 'aws_db_instance.one["b"]'),
        finding('aws-rds-storage-encrypted', 'aws_db_instance.dbx[0]'),
        finding('aws-rds-storage-encrypted', 'module.other["legacy"].aws_db_instance.db'),
      ],
      '2026-12-03',
    );
    assert.deepEqual(result.findings.map((f) => f.status), ['waived', 'waived', 'waived', 'waived', 'fail', 'fail', 'fail']);
    // The waived findings keep their instance address.
    assert.equal(result.findings[0]!.resource.address, 'aws_db_instance.db[0]');
  });

  test('waiverState without a scan', () => {
    const w = register.waivers[0]!;
    assert.equal(waiverState(w, '2026-12-03'), 'active');
    assert.equal(waiverState(w, '2027-01-17'), 'expiring');
    assert.equal(waiverState(w, '2027-02-01'), 'expired');
    assert.equal(waiverState(w, '2026-12-03', DEFAULT_WAIVER_POLICY, false), 'unused');
  });
});

describe('waiver register: root modules', () => {
  test('roots narrows a waiver to the findings evaluated for those root modules (one stack of a shared module)', () => {
    const register = load(entry({ resources: ['module.db.aws_db_instance.*'], roots: ['envs/stage'] }));
    assert.deepEqual(register.errors, []);
    assert.deepEqual(register.waivers[0]?.roots, ['envs/stage']);
    const inRoot = (root: string | undefined): Finding => {
      const f = finding('aws-rds-storage-encrypted', 'module.db.aws_db_instance.this', 'modules/db/main.tf');
      return root === undefined ? f : { ...f, resource: { ...f.resource, root } };
    };
    const applied = apply(register, [inRoot('envs/prod'), inRoot('envs/stage'), inRoot(undefined)], '2026-12-01');
    assert.deepEqual(
      applied.findings.map((f) => f.status),
      ['fail', 'waived', 'fail'],
    );
  });

  test('roots alone says what a waiver covers; a waiver with none of resources, paths and roots is refused', () => {
    assert.deepEqual(load(entry({ resources: undefined, roots: ['envs/*'] })).errors, []);
    const refused = load(entry({ resources: undefined }));
    assert.match(refused.errors[0]?.message ?? '', /needs "resources" \(address globs\), "paths" \(file globs\) and\/or "roots"/);
  });
});

test("a waiver's roots name a plan's or state's root module by its directory (the plan stands for it), or the file itself", () => {
  const register = load(entry({ roots: ['envs/prod'] }));
  const inPlan = (root: string): Finding => ({ ...finding('aws-rds-storage-encrypted', 'aws_db_instance.patients'), resource: { address: 'aws_db_instance.patients', kind: 'aws_db_instance', root } });
  const statuses = (root: string) => apply(register, [inPlan(root)], '2026-12-01').findings.map((f) => f.status);
  assert.deepEqual(statuses('envs/prod/plan.json'), ['waived']);
  assert.deepEqual(statuses('envs/prod/terraform.tfstate'), ['waived']);
  assert.deepEqual(statuses('envs/prod'), ['waived']);
  assert.deepEqual(statuses('envs/dev/plan.json'), ['fail']);
  assert.deepEqual(apply(load(entry({ roots: ['envs/prod/plan.json'] })), [inPlan('envs/prod/plan.json')], '2026-12-01').findings.map((f) => f.status), ['waived']);
});

describe('waiver register: the candidates of a finding (narrowed by plain addresses, paths and roots)', () => {
  const inRoot = (address: string, file: string, root: string | undefined): Finding => {
    const f = finding('aws-rds-storage-encrypted', address, file);
    return root === undefined ? f : { ...f, resource: { ...f.resource, root } };
  };
  const many = (entries: Record<string, string | string[] | undefined>[]): WaiverRegister =>
    load(entries.map((fields, i) => entry({ id: `W-${String(i).padStart(3, '0')}`, ...fields }).replace(/^waivers:\n/, i === 0 ? 'waivers:\n' : '')).join(''));

  test('one waiver per root module for the same address waives each root only; a root glob, a ./ root and a plan directory still match', () => {
    const register = many([
      { resources: ['aws_db_instance.db'], roots: ['envs/a'] },
      { resources: ['aws_db_instance.db'], roots: ['envs/b'] },
      { resources: ['aws_db_instance.db'], roots: ['./envs/c'] },
      { resources: ['aws_db_instance.db'], roots: ['stacks/*'] },
      { resources: ['aws_db_instance.db'], roots: ['plans/p'] },
    ]);
    assert.deepEqual(register.errors, []);
    const roots = ['envs/a', 'envs/b', 'envs/c', 'stacks/x', 'plans/p/tfplan.json', 'envs/d', undefined];
    const applied = apply(register, roots.map((r) => inRoot('aws_db_instance.db', 'main.tf', r)), '2026-12-01');
    assert.deepEqual(applied.findings.map((f) => f.waiver?.id ?? f.status), ['W-000', 'W-001', 'W-002', 'W-003', 'W-004', 'fail', 'fail']);
    assert.deepEqual([...applied.matched.values()], [1, 1, 1, 1, 1]);
  });

  test('plain paths, path globs and resource globs together: every waiver that matches counts, the first in register order waives', () => {
    const register = many([
      { resources: undefined, paths: ['legacy/**'] },
      { resources: ['aws_db_instance.*'], paths: ['legacy/db.tf'] },
      { resources: ['aws_db_instance.db'], paths: ['legacy/db.tf', 'other/db.tf'] },
      { resources: ['aws_db_instance.db'], paths: ['./other/db.tf'], roots: ['envs/a'] },
    ]);
    assert.deepEqual(register.errors, []);
    const applied = apply(register, [inRoot('aws_db_instance.db', 'legacy/db.tf', undefined), inRoot('aws_db_instance.db', 'other/db.tf', 'envs/a'), inRoot('aws_db_instance.x', 'legacy/db.tf', 'envs/a'), inRoot('aws_db_instance.x', 'other/db.tf', 'envs/a')], '2026-12-01');
    assert.deepEqual(applied.findings.map((f) => f.waiver?.id ?? f.status), ['W-000', 'W-002', 'W-000', 'fail']);
    assert.deepEqual(Object.fromEntries(applied.matched), { 'W-000': 2, 'W-001': 2, 'W-002': 2, 'W-003': 1 });
  });
});

// A sharded scan judges a called module's variable once, under its own first instance
// (resource.instance), where the unsharded scan and the merge name the first root's: a waiver naming
// that address failed the shard's job while the merged report showed the finding waived.
describe('waiver register: a declaration judged once, in a shard, under another instance', () => {
  const register = load(entry({ resources: ['module.svc.var.db_password'] }));
  const declaration = (address: string, options: { instance?: boolean; file?: string; spanFile?: string } = {}): Finding => {
    const f = finding('aws-rds-storage-encrypted', address, options.spanFile ?? options.file ?? 'modules/shared/main.tf');
    const instance = { root: 'envs/d', file: options.file ?? 'modules/shared/main.tf', offset: 0 };
    return { ...f, resource: { address, kind: 'variable', ...(options.instance === false ? {} : { instance }) } };
  };
  // modules/shared is first met as module.svc (envs/c); modules/other's path is not known (keyed, or several).
  const firstInstancePath = (dir: string): string | undefined => (dir === 'modules/shared' ? 'module.svc' : undefined);
  const applied = (f: Finding, withPaths = true) =>
    applyRegisterWaivers([f], register, { today: '2026-12-01', policy: DEFAULT_WAIVER_POLICY, rulesRun: new Set(['aws-rds-storage-encrypted']), registerPath: (p) => p, ...(withPaths ? { firstInstancePath } : {}) });
  const cases: [string, Finding, Finding['status'], boolean?][] = [
    ['the first instance itself', declaration('module.svc.var.db_password'), 'waived'],
    ['another instance of the same declaration (the shard without envs/c)', declaration('module.other.var.db_password'), 'waived'],
    ['a nested instance of it', declaration('module.app.module.other.var.db_password'), 'waived'],
    ['another declaration of the same name, in a module whose first instance is not known', declaration('module.other.var.db_password', { file: 'modules/other/main.tf' }), 'fail'],
    ['another variable of the module', declaration('module.other.var.api_token'), 'fail'],
    ['an unsharded scan (no resource.instance)', declaration('module.other.var.db_password', { instance: false }), 'fail'],
    ['a span in the caller, whose file the unsharded scan has in another caller', declaration('module.other.var.db_password', { spanFile: 'envs/d/main.tf' }), 'fail'],
    ['no first instance known (not sharded, or Terragrunt)', declaration('module.other.var.db_password'), 'fail', false],
  ];
  for (const [name, f, status, withPaths] of cases) {
    test(name, () => {
      const result = applied(f, withPaths);
      assert.equal(result.findings[0]!.status, status);
      // Waived or not, the finding keeps the address its shard judged it under.
      assert.equal(result.findings[0]!.resource.address, f.resource.address);
      assert.equal(result.matched.get('W-001'), status === 'waived' ? 1 : 0);
    });
  }
});

describe('waiver register: an instance whose address reports mask', () => {
  // for_each over SSN-shaped keys: every report shows aws_s3_bucket.b["***********"]; the register, the user's own text, names the key as written.
  test('a waiver naming the instance as written waives it, and it alone; the finding still shows the key masked', () => {
    const files = new Map([['main.tf', 'resource "aws_s3_bucket" "b" {\n  for_each = toset(["212-34-5678", "219-45-6789", "normal"])\n  bucket   = "bkt-${each.key}"\n}\n']]);
    const evaluated = evaluateTerraform({ files, readFile: (path) => files.get(path) });
    const run = runRules(evaluated.model, [classificationTags as unknown as AnyRule], { today: '2026-12-01' });
    const failing = run.findings.filter((f) => f.status === 'fail');
    assert.deepEqual(failing.map((f) => f.resource.address).sort(), ['aws_s3_bucket.b["***********"]', 'aws_s3_bucket.b["***********"]', 'aws_s3_bucket.b["normal"]']);
    const register = loadWaiverRegister({
      file: FILE,
      text: entry({ rule: 'phi-data-classification-tags', resources: ['\'aws_s3_bucket.b["212-34-5678"]\''] }),
      resolveRule: (id) => (id === 'phi-data-classification-tags' ? [id] : []),
      policy: DEFAULT_WAIVER_POLICY,
    });
    assert.deepEqual(register.errors, []);
    const applied = applyRegisterWaivers(run.findings, register, { today: '2026-12-01', policy: DEFAULT_WAIVER_POLICY, rulesRun: new Set(['phi-data-classification-tags']), registerPath: (f) => f });
    const waived = applied.findings.filter((f) => f.status === 'waived');
    assert.equal(waived.length, 1, 'the named instance only, not the other key that masks alike');
    assert.equal(waived[0]!.resource.address, 'aws_s3_bucket.b["***********"]');
    assert.equal(rawAddressOf(waived[0]!.resource), 'aws_s3_bucket.b["212-34-5678"]');
    assert.ok(!JSON.stringify(applied.findings).includes('212-34-5678'), 'no finding holds the key as written');
    assert.deepEqual(applied.diagnostics.filter((d) => d.code === 'waiver/unused'), []);
    assert.ok(namesInstance(register));
    // An instance of the same mask that the configuration does not have waives nothing.
    const other = loadWaiverRegister({
      file: FILE,
      text: entry({ rule: 'phi-data-classification-tags', resources: ['\'aws_s3_bucket.b["234-56-7890"]\''] }),
      resolveRule: (id) => (id === 'phi-data-classification-tags' ? [id] : []),
      policy: DEFAULT_WAIVER_POLICY,
    });
    const none = applyRegisterWaivers(run.findings, other, { today: '2026-12-01', policy: DEFAULT_WAIVER_POLICY, rulesRun: new Set(['phi-data-classification-tags']), registerPath: (f) => f });
    assert.equal(none.findings.filter((f) => f.status === 'waived').length, 0);
  });
});
