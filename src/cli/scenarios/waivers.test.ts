// CLI scenarios (issue 9): the waiver register and the audit log, end to end through the built CLI
// on temporary trees. Register dates are relative to today, the day the CLI's clock reads.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from './run-cli.js';
import { tempDir } from '../../testing/temp-dir.js';

const RDS = 'resource "aws_db_instance" "patients" {\n  engine            = "postgres"\n  storage_encrypted = false\n}\n';
const RULE = 'aws-rds-storage-encrypted';

function day(offset: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset)).toISOString().slice(0, 10);
}

interface WaiverFields {
  id?: string;
  resource?: string;
  requested?: string;
  approved?: string;
  created?: number;
  expires?: number;
}

function waiverYaml(w: WaiverFields = {}): string {
  return [
    `  - id: ${w.id ?? 'W-001'}`,
    `    rule: ${RULE}`,
    '    resources:',
    `      - ${w.resource ?? 'aws_db_instance.patients'}`,
    '    justification: Legacy instance; encrypted copy goes live next quarter',
    '    risk: { likelihood: low, impact: high }',
    '    compensating_controls:',
    '      - Instance holds no PHI until the migration',
    `    requested_by: ${w.requested ?? 'alice@example.com'}`,
    '    approved_by:',
    `      - ${w.approved ?? 'bob@example.com'}`,
    `    created: ${day(w.created ?? -10)}`,
    `    expires: ${day(w.expires ?? 60)}`,
    '',
  ].join('\n');
}

/** A tree with main.tf and, when given, .safeguard/waivers.yaml. */
function project(register?: string, files: Record<string, string> = {}): string {
  const dir = tempDir('safeguard-waivers-');
  writeFileSync(path.join(dir, 'main.tf'), RDS);
  mkdirSync(path.join(dir, '.safeguard'));
  if (register !== undefined) writeFileSync(path.join(dir, '.safeguard', 'waivers.yaml'), register);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const env = (dir: string): Record<string, string> => ({ USER: 'ci-user', HOME: dir });
const run = (dir: string, args: readonly string[]) => runCli(args, { cwd: dir, env: env(dir) });

interface JsonFinding {
  ruleId: string;
  status: string;
  waiver: { source: string; id: string; reason: string; expires: string | null } | null;
}

function scanJson(dir: string, extra: readonly string[] = []): { status: number | null; findings: JsonFinding[]; diagnostics: { code: string; severity: string; message: string }[] } {
  const r = run(dir, ['scan', '.', '--rule', RULE, '--format', 'json', '--no-audit-log', ...extra]);
  const report = JSON.parse(r.stdout) as { findings: JsonFinding[]; diagnostics: { code: string; severity: string; message: string }[] };
  return { status: r.status, findings: report.findings.filter((f) => f.ruleId === RULE), diagnostics: report.diagnostics };
}

describe('waiver register in scans', () => {
  test('valid: the finding is waived with the waiver id in text, JSON, SARIF and JUnit, and the run passes', () => {
    const dir = project(`waivers:\n${waiverYaml()}`);
    const json = scanJson(dir);
    assert.equal(json.status, 0);
    assert.deepEqual(
      json.findings.map((f) => [f.status, f.waiver?.source, f.waiver?.id]),
      [['waived', 'register', 'W-001']],
    );
    const text = run(dir, ['scan', '.', '--rule', RULE, '--no-color']);
    assert.equal(text.status, 0, text.stdout);
    assert.match(text.stdout, /Waived \(1\)\n\n {2}main\.tf:3:3 {2}aws-rds-storage-encrypted {2}aws_db_instance\.patients\n {4}waived by W-001: Legacy instance; encrypted copy goes live next quarter \(expires \d{4}-\d{2}-\d{2}\)/);
    const sarif = JSON.parse(run(dir, ['scan', '.', '--rule', RULE, '--format', 'sarif', '--include-suppressed']).stdout) as { runs: { results: { ruleId: string; suppressions?: { kind: string; justification: string; properties: { waiverId: string } }[] }[] }[] };
    const suppressed = sarif.runs[0]!.results.find((r) => r.ruleId === RULE);
    assert.equal(suppressed?.suppressions?.[0]?.kind, 'external');
    assert.equal(suppressed?.suppressions?.[0]?.properties.waiverId, 'W-001');
    const junit = run(dir, ['scan', '.', '--rule', RULE, '--format', 'junit']).stdout;
    assert.match(junit, /<skipped message="Waived by W-001: Legacy instance; encrypted copy goes live next quarter \(until \d{4}-\d{2}-\d{2}\)"\/>/);
  });

  test('expiring: still waived, with a warning naming the days left', () => {
    const dir = project(`waivers:\n${waiverYaml({ expires: 5 })}`);
    const json = scanJson(dir);
    assert.equal(json.status, 0);
    assert.equal(json.findings[0]?.status, 'waived');
    assert.deepEqual(
      json.diagnostics.filter((d) => d.code.startsWith('waiver/')).map((d) => [d.code, d.severity, d.message]),
      [['waiver/expiring', 'warning', `Waiver W-001 (${RULE}) expires in 5 days (${day(5)}).`]],
    );
  });

  test('expired: the finding fails again and the run exits 1 with a clear message', () => {
    const dir = project(`waivers:\n${waiverYaml({ created: -100, expires: -1 })}`);
    const json = scanJson(dir);
    assert.equal(json.status, 1);
    assert.equal(json.findings[0]?.status, 'fail');
    assert.equal(json.findings[0]?.waiver, null);
    const text = run(dir, ['scan', '.', '--rule', RULE, '--no-color', '--no-audit-log']);
    assert.equal(text.status, 1);
    assert.match(text.stdout, new RegExp(`\\.safeguard/waivers\\.yaml:14:14 +error +waiver/expired`));
    assert.match(text.stdout, new RegExp(`Waiver W-001 \\(${RULE}\\) expired on ${day(-1)}, so it no longer waives anything: 1 finding it covered fails again\\.`));
    assert.match(text.stdout, /— 1 finding at or above high; 1 waiver expired or invalid\n/);
  });

  test('unused: a waiver that matches nothing warns', () => {
    const dir = project(`waivers:\n${waiverYaml({ resource: 'aws_db_instance.retired' })}`);
    const json = scanJson(dir, ['--fail-on', 'none']);
    assert.equal(json.status, 0);
    assert.equal(json.findings[0]?.status, 'fail');
    assert.deepEqual(json.diagnostics.filter((d) => d.code.startsWith('waiver/')).map((d) => [d.code, d.message]), [['waiver/unused', `Waiver W-001 (${RULE}) matched no failing finding.`]]);
  });

  test('self-approved: rejected; the error names the key path and line, and the finding still fails', () => {
    const dir = project(`waivers:\n${waiverYaml({ approved: 'alice@example.com' })}`);
    const json = scanJson(dir);
    assert.equal(json.status, 1);
    assert.equal(json.findings[0]?.status, 'fail');
    const check = run(dir, ['waivers', 'check', '--no-color', '--no-scan']);
    assert.equal(check.status, 1);
    assert.match(check.stdout, /\.safeguard\/waivers\.yaml:12:9 {2}error {2}waivers\[0\]\.approved_by\[0\]: alice@example\.com requested this waiver and cannot also approve it/);
    assert.match(check.stdout, /W-001 +invalid/);
  });

  test('malformed: schema errors name the key path, line and column; YAML errors their position', () => {
    const dir = project(`waivers:\n${waiverYaml().replace('likelihood: low', 'likelihood: rare').replace('    rule:', '    rules:')}`);
    const check = run(dir, ['waivers', 'check', '--no-color', '--no-scan']);
    assert.equal(check.status, 1);
    assert.match(check.stdout, /\.safeguard\/waivers\.yaml:3:5 {2}error {2}waivers\[0\]\.rules: unknown key; expected one of "id" \| "rule"/);
    assert.match(check.stdout, /hint: Did you mean "rule"\?/);
    assert.match(check.stdout, /\.safeguard\/waivers\.yaml:7:25 {2}error {2}waivers\[0\]\.risk\.likelihood: expected "low" \| "medium" \| "high" \| "critical", got "rare"/);
    assert.match(check.stdout, /\.safeguard\/waivers\.yaml:2:5 {2}error {2}waivers\[0\]\.rule: required/);
    const yaml = project('waivers:\n  - id: W-1\n   rule: x\n');
    const broken = run(yaml, ['waivers', 'check', '--no-color', '--no-scan']);
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /\.safeguard\/waivers\.yaml:\d+:\d+ {2}error {2}The waiver register is not valid YAML/);
  });
});

describe('safeguard waivers list|check|add', () => {
  test('a waiver naming an instance by a PHI key: list (text and JSON) and the evidence page mask the key, as waivers.json does', () => {
    const ssn = ['234', '56', '7891'].join('-'); // built at run time: no scanner takes the source for a leak
    const dir = project(`waivers:\n${waiverYaml({ resource: `'aws_db_instance.patients["${ssn}"]'` })}`);
    const text = run(dir, ['waivers', 'list', '--no-color']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /W-001 .*aws_db_instance\.patients\["\*{11}"\]/);
    const json = run(dir, ['waivers', 'list', '--format', 'json']);
    assert.equal((JSON.parse(json.stdout) as { waivers: unknown[] }).waivers.length, 1);
    assert.equal(run(dir, ['evidence', '.', '--rule', RULE, '-o', 'evidence', '--quiet', '--soft-fail']).status, 0);
    const page = readFileSync(path.join(dir, 'evidence', 'index.html'), 'utf8');
    assert.match(page, /resource aws_db_instance\.patients\[&quot;\*{11}&quot;\]/);
    for (const out of [text.stdout, text.stderr, json.stdout, page]) assert.ok(!out.includes(ssn), out);
  });

  test('check exit codes: 0 valid or only warnings, 1 expired or invalid, 0 without a register', () => {
    assert.equal(run(project(`waivers:\n${waiverYaml()}`), ['waivers', 'check']).status, 0);
    const warned = run(project(`waivers:\n${waiverYaml({ expires: 3 })}${waiverYaml({ id: 'W-002', resource: 'aws_db_instance.retired' })}`), ['waivers', 'check', '--no-color']);
    assert.equal(warned.status, 0, warned.stdout);
    assert.match(warned.stdout, /W-001 +expiring/);
    assert.match(warned.stdout, /W-002 +unused/);
    assert.match(warned.stdout, /✔ 2 waivers in \.safeguard\/waivers\.yaml: 1 expiring, 1 unused\./);
    const expired = run(project(`waivers:\n${waiverYaml({ created: -100, expires: -2 })}`), ['waivers', 'check', '--no-color']);
    assert.equal(expired.status, 1);
    assert.match(expired.stdout, /✖ 1 waiver in \.safeguard\/waivers\.yaml: 1 expired; fix the invalid or expired waivers\./);
    const none = run(project(), ['waivers', 'check']);
    assert.equal(none.status, 0);
    assert.match(none.stdout, /No waiver register found/);
  });

  test('list --format json gives each waiver its state and match count; list exits 0 even when one expired', () => {
    const dir = project(`waivers:\n${waiverYaml()}${waiverYaml({ id: 'W-002', created: -100, expires: -1 })}`);
    const r = run(dir, ['waivers', 'list', '--format', 'json']);
    assert.equal(r.status, 0);
    const listed = JSON.parse(r.stdout) as { waivers: { id: string; state: string; matched: number | null; approvedBy: string[] }[]; problems: { code: string; line: number }[]; ok: boolean };
    assert.deepEqual(listed.waivers.map((w) => [w.id, w.state, w.matched]), [['W-001', 'active', 1], ['W-002', 'expired', 1]]);
    assert.deepEqual(listed.waivers[0]?.approvedBy, ['bob@example.com']);
    assert.equal(listed.ok, false);
    assert.deepEqual(listed.problems.map((p) => p.code), ['waiver/expired']);
  });

  test('add appends a valid entry, keeps comments, and records it in the audit log; a self-approval writes nothing', () => {
    const original = `# Accepted risks — reviewed monthly by the security team\nversion: 1\nwaivers:\n${waiverYaml()}  # next review: January\n`;
    const dir = project(original, { 'bucket.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n' });
    const flags = ['--rule', 'CKV_AWS_16', '--resource', 'aws_db_instance.patients', '--justification', 'Second approval path', '--likelihood', 'low', '--impact', 'medium', '--compensating-control', 'Network isolation', '--requested-by', 'carol@example.com', '--approved-by', 'dave@example.com', '--expires', '30d', '--ticket', 'https://tickets.example.com/SEC-2'];
    const added = run(dir, ['waivers', 'add', ...flags]);
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stdout, /^Added waiver W-002 \(CKV_AWS_16, expires \d{4}-\d{2}-\d{2}\) to \.safeguard\/waivers\.yaml:\d+; recorded in \.safeguard\/audit\.log\.\n$/);
    const text = readFileSync(path.join(dir, '.safeguard', 'waivers.yaml'), 'utf8');
    assert.ok(text.startsWith('# Accepted risks — reviewed monthly by the security team\nversion: 1\nwaivers:\n  - id: W-001\n'), text);
    assert.match(text, /# next review: January/);
    assert.match(text, new RegExp(`  - id: W-002\\n    rule: CKV_AWS_16\\n[\\s\\S]*    created: ${day(0)}\\n    expires: ${day(30)}\\n    ticket: https://tickets\\.example\\.com/SEC-2\\n`));
    assert.equal(run(dir, ['waivers', 'check', '--no-scan']).status, 0);
    const log = readFileSync(path.join(dir, '.safeguard', 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; actor: string; waiver: { id: string } });
    assert.deepEqual(log.map((e) => [e.kind, e.waiver.id, e.actor]), [['waiver-added', 'W-001', 'ci-user'], ['waiver-added', 'W-002', 'ci-user']]);
    assert.doesNotMatch(JSON.stringify(log), /Second approval path|Network isolation/, 'justifications stay out of the log');

    const self = run(dir, ['waivers', 'add', ...flags.map((f) => (f === 'dave@example.com' ? 'carol@example.com' : f))]);
    assert.equal(self.status, 2);
    assert.match(self.stderr, /^safeguard: waivers add: the new waiver is not valid, so nothing was written:\n {2}approved_by\[0\]: carol@example\.com requested this waiver and cannot also approve it\n {2}hint: Ask someone other than the requester/);
    assert.equal(readFileSync(path.join(dir, '.safeguard', 'waivers.yaml'), 'utf8'), text);
    const missing = run(dir, ['waivers', 'add', '--rule', RULE]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /missing --justification, --likelihood, --impact, --requested-by, --expires, --approved-by, --compensating-control, --resource, --path or --root/);
  });

  test('add keeps every byte of the existing entries: aligned comments, [x] flow lists, commented-out keys', () => {
    const original = [
      '# .safeguard/waivers.yaml',
      'version: 1',
      'waivers:',
      '  - id: W-001',
      '    rule: aws-rds-storage-encrypted        # an id, former id or peer id (CKV_AWS_16), as --rule takes',
      '    resources: [aws_db_instance.patients]  # address globs: module.legacy.*, aws_s3_bucket.logs["a"]',
      '    # paths: ["legacy/**"]                 # and/or file globs, relative to the directory holding .safeguard/',
      '    justification: Pre-2020 instance; the encrypted replacement goes live in Q1.',
      '    risk: { likelihood: low, impact: high }  # low | medium | high | critical',
      '    compensating_controls:',
      '      - The instance is in a private subnet and holds no PHI until the migration.',
      '    requested_by: alice@example.com',
      '    approved_by: [bob@example.com]         # one or more; never the requester',
      `    created: ${day(-1)}`,
      `    expires: ${day(60)}                    # required; in force through this day (UTC)`,
      '',
    ].join('\n');
    const dir = project(original);
    const r = run(dir, ['waivers', 'add', '--rule', 'CKV_AWS_17', '--resource', 'aws_db_instance.patients', '--justification', 'j', '--likelihood', 'low', '--impact', 'high', '--compensating-control', 'c', '--requested-by', 'a@example.com', '--approved-by', 'b@example.com', '--expires', '30d', '--no-audit-log']);
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(path.join(dir, '.safeguard', 'waivers.yaml'), 'utf8');
    assert.equal(text.slice(0, original.length), original, 'the file up to the new entry is unchanged');
    assert.match(text.slice(original.length), /^ {2}- id: W-002\n {4}rule: CKV_AWS_17\n/);
    assert.match(r.stdout, /to \.safeguard\/waivers\.yaml:16\.\n$/);
  });

  test('add --root writes a roots key that narrows the waiver to those root modules', () => {
    const dir = project();
    const r = run(dir, ['waivers', 'add', '--rule', RULE, '--resource', 'module.db.*', '--root', 'envs/stage', '--justification', 'j', '--likelihood', 'low', '--impact', 'low', '--compensating-control', 'c', '--requested-by', 'a', '--approved-by', 'b', '--expires', day(10), '--no-audit-log']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(path.join(dir, '.safeguard', 'waivers.yaml'), 'utf8'), /    resources:\n      - module\.db\.\*\n    roots:\n      - envs\/stage\n/);
    assert.equal(run(dir, ['waivers', 'check', '--no-scan']).status, 0);
  });

  test('add without --root or --path says the waiver covers every root module, when there are several', () => {
    const stacks = { 'envs/dev/main.tf': 'resource "aws_kms_key" "data" {\n  enable_key_rotation = false\n}\n', 'envs/prod/main.tf': 'resource "aws_kms_key" "data" {\n  enable_key_rotation = false\n}\n' };
    const flags = ['--rule', 'aws-kms-key-rotation', '--resource', 'aws_kms_key.data', '--justification', 'j', '--likelihood', 'low', '--impact', 'low', '--compensating-control', 'c', '--requested-by', 'a', '--approved-by', 'b', '--expires', day(10), '--no-audit-log'];
    const wide = run(project(undefined, stacks), ['waivers', 'add', ...flags]);
    assert.equal(wide.status, 0, wide.stderr);
    assert.match(wide.stderr, /^Note: W-001 covers aws_kms_key\.data in every root module, and this scan has \d+ \(.*envs\/dev, envs\/prod\); to waive one stack's finding only, add --root with that stack's directory, or --path\.\n$/);
    const narrow = run(project(undefined, stacks), ['waivers', 'add', ...flags, '--root', 'envs/prod']);
    assert.equal(narrow.status, 0, narrow.stderr);
    assert.equal(narrow.stderr, '');
  });

  test('add creates the register when there is none', () => {
    const dir = project();
    const r = run(dir, ['waivers', 'add', '--rule', RULE, '--path', '*.tf', '--justification', 'j', '--likelihood', 'low', '--impact', 'low', '--compensating-control', 'c', '--requested-by', 'a', '--approved-by', 'b', '--expires', day(10), '--no-audit-log']);
    assert.equal(r.status, 0, r.stderr);
    const json = scanJson(dir);
    assert.equal(json.findings[0]?.waiver?.id, 'W-001');
  });
});

describe('audit log', () => {
  function auditedProject(): string {
    const dir = project(`waivers:\n${waiverYaml()}`);
    writeFileSync(path.join(dir, '.safeguard', 'audit.log'), '');
    return dir;
  }
  const entries = (dir: string) => readFileSync(path.join(dir, '.safeguard', 'audit.log'), 'utf8').trim().split('\n');

  test('scans append when .safeguard/audit.log exists: waiver first seen, then the scan with digests and counts; --no-audit-log skips', () => {
    const dir = auditedProject();
    assert.equal(run(dir, ['scan', '.', '--rule', RULE, '--quiet']).status, 0);
    assert.equal(run(dir, ['scan', '.', '--rule', RULE, '--quiet']).status, 0);
    assert.equal(run(dir, ['scan', '.', '--rule', RULE, '--quiet', '--no-audit-log']).status, 0);
    const log = entries(dir).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(log.map((e) => [e['seq'], e['kind']]), [[1, 'waiver-added'], [2, 'scan'], [3, 'scan']]);
    const scanEntry = log[1]!;
    assert.equal(scanEntry['actor'], 'ci-user');
    assert.match(String(scanEntry['tool']), /^safeguard \d+\.\d+\.\d+/);
    assert.match(String(scanEntry['inputDigest']), /^[0-9a-f]{64}$/);
    assert.match(String(scanEntry['ruleSetDigest']), /^[0-9a-f]{64}$/);
    assert.deepEqual(scanEntry['counts'], { fail: 0, pass: 0, unknown: 0, waived: 1 });
    assert.equal(scanEntry['inputDigest'], log[2]!['inputDigest'], 'same input, same digest');
    const verified = run(dir, ['audit', 'verify', '--no-color']);
    assert.equal(verified.status, 0);
    assert.match(verified.stdout, /^✔ \.safeguard\/audit\.log: 3 entries, hash chain intact; head [0-9a-f]{64}\.\n$/);
    // Without the file, scans leave no log behind.
    const quiet = project(`waivers:\n${waiverYaml()}`);
    run(quiet, ['scan', '.', '--rule', RULE, '--quiet']);
    assert.throws(() => readFileSync(path.join(quiet, '.safeguard', 'audit.log')));
  });

  test('a changed waiver and an expiry are recorded once each', () => {
    const dir = auditedProject();
    run(dir, ['scan', '.', '--rule', RULE, '--quiet']);
    writeFileSync(path.join(dir, '.safeguard', 'waivers.yaml'), `waivers:\n${waiverYaml({ created: -100, expires: -1 })}`);
    assert.equal(run(dir, ['scan', '.', '--rule', RULE, '--quiet']).status, 1);
    assert.equal(run(dir, ['scan', '.', '--rule', RULE, '--quiet']).status, 1);
    const kinds = entries(dir).map((l) => (JSON.parse(l) as { kind: string }).kind);
    assert.deepEqual(kinds, ['waiver-added', 'scan', 'waiver-changed', 'waiver-expired', 'scan', 'scan']);
  });

  test('fix runs are recorded', () => {
    const dir = auditedProject();
    writeFileSync(path.join(dir, '.safeguard', 'waivers.yaml'), 'waivers: []\n');
    const fixed = run(dir, ['fix', '.', '--rule', RULE, '--unsafe']);
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
    const fix = entries(dir).map((l) => JSON.parse(l) as { kind: string; fixes?: { rule: string; resource: string; file: string }[]; files?: { path: string }[] }).find((e) => e.kind === 'fix');
    assert.deepEqual(fix?.fixes?.map((f) => [f.rule, f.resource, f.file]), [[RULE, 'aws_db_instance.patients', 'main.tf']]);
    assert.deepEqual(fix?.files?.map((f) => f.path), ['main.tf']);
    const skipped = auditedProject();
    writeFileSync(path.join(skipped, '.safeguard', 'waivers.yaml'), 'waivers: []\n');
    assert.equal(run(skipped, ['fix', '.', '--rule', RULE, '--unsafe', '--no-audit-log']).status, 0);
    assert.equal(readFileSync(path.join(skipped, '.safeguard', 'audit.log'), 'utf8'), '', '--no-audit-log writes nothing');
    assert.match(readFileSync(path.join(skipped, 'main.tf'), 'utf8'), /storage_encrypted = true/);
  });

  test('audit verify names a changed, deleted, inserted or reordered entry and exits 1', () => {
    const dir = auditedProject();
    for (let i = 0; i < 4; i++) run(dir, ['scan', '.', '--rule', RULE, '--quiet']);
    const lines = entries(dir);
    assert.equal(lines.length, 5);
    const verify = (tampered: readonly string[]) => {
      writeFileSync(path.join(dir, 'tampered.log'), `${tampered.join('\n')}\n`);
      return run(dir, ['audit', 'verify', 'tampered.log', '--no-color']);
    };
    const changed = verify(lines.map((l, i) => (i === 2 ? l.replace('"waived":1', '"waived":0') : l)));
    assert.equal(changed.status, 1);
    assert.match(changed.stdout, /^tampered\.log:3 {2}edited {2}line 3 \(seq 3\): edited; its contents no longer match its hash$/m);
    assert.match(changed.stdout, /✖ tampered\.log: 1 problem in 5 entries; the log was tampered with\./);
    const deleted = verify(lines.filter((_, i) => i !== 1));
    assert.equal(deleted.status, 1);
    assert.match(deleted.stdout, /^tampered\.log:2 {2}removed {2}line 2 \(seq 3\): seq 2 is missing before this line; entries were removed$/m);
    const inserted = verify([...lines.slice(0, 3), lines[2]!, ...lines.slice(3)]);
    assert.equal(inserted.status, 1);
    assert.match(inserted.stdout, /^tampered\.log:4 {2}inserted {2}line 4 \(seq 3\): seq 3 also appears at line 3/m);
    const reordered = verify([lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)]);
    assert.equal(reordered.status, 1);
    assert.match(reordered.stdout, /^tampered\.log:2 {2}reordered {2}line 2 \(seq 3\): out of order; seq 2 comes later, at line 3$/m);
    const json = JSON.parse(run(dir, ['audit', 'verify', 'tampered.log', '--format', 'json']).stdout) as { intact: boolean; problems: { line: number; seq: number; kind: string }[] };
    assert.equal(json.intact, false);
    assert.equal(json.problems[0]?.kind, 'reordered');
    assert.equal(run(dir, ['audit', 'verify', 'missing.log']).status, 2);
  });

  test('the evidence pack records the log\'s head in its manifest; audit verify --expect-head then catches a removed tail', () => {
    const dir = auditedProject();
    for (let i = 0; i < 2; i++) run(dir, ['scan', '.', '--rule', RULE, '--quiet']);
    const pack = path.join(dir, 'evidence');
    assert.equal(run(dir, ['evidence', '.', '--rule', RULE, '-o', 'evidence', '--quiet']).status, 0);
    const manifest = JSON.parse(readFileSync(path.join(pack, 'manifest.json'), 'utf8')) as { run: { auditLog?: { file: string; entries: number; head: string; intact: boolean } } };
    const lines = entries(dir);
    assert.deepEqual(manifest.run.auditLog, { file: '.safeguard/audit.log', entries: 3, head: (JSON.parse(lines[2]!) as { hash: string }).hash, intact: true });
    assert.match(readFileSync(path.join(pack, 'index.html'), 'utf8'), /<dt>Audit log<\/dt><dd>\.safeguard\/audit\.log: 3 entries, hash chain intact, head [0-9a-f]{64}<\/dd>/);
    const head = manifest.run.auditLog!.head;
    run(dir, ['scan', '.', '--rule', RULE, '--quiet']);
    assert.equal(run(dir, ['audit', 'verify', '--expect-head', head, '--no-color']).status, 0, 'later entries are fine');
    writeFileSync(path.join(dir, '.safeguard', 'audit.log'), `${lines.slice(0, 2).join('\n')}\n`);
    assert.equal(run(dir, ['audit', 'verify', '--no-color']).status, 0, 'the shorter chain alone looks intact');
    const caught = run(dir, ['audit', 'verify', '--expect-head', head, '--no-color']);
    assert.equal(caught.status, 1);
    assert.match(caught.stdout, /^\.safeguard\/audit\.log:3 {2}truncated {2}no intact entry has the recorded head [0-9a-f]{12}…; entries were removed from the end of the log or its tail was rewritten$/m);
    const bad = run(dir, ['audit', 'verify', '--expect-head', 'abc']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--expect-head abc: not a SHA-256 hash/);
  });
});

describe('the audit log never writes outside the scanned repository on its config', () => {
  // A config in the scanned repository set `audit_log: ../../outside.txt`, or the repository held
  // `.safeguard/audit.log` as a link to such a file: every scan appended a record to it.
  test('audit_log leading out of the scan root and the config directory stops the run (exit 2), the file untouched', () => {
    const victim = path.join(tempDir('safeguard-victim-'), 'outside.txt');
    writeFileSync(victim, 'precious\n');
    const dir = project();
    writeFileSync(path.join(dir, '.safeguard.yaml'), `audit_log: ${path.relative(dir, victim)}\n`);
    const r = run(dir, ['scan', '.', '--rule', RULE]);
    assert.equal(r.status, 2, r.stdout);
    assert.match(r.stderr, /audit_log in \.safeguard\.yaml leads outside the scan root and the config file's directory/);
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
    // Chosen on the command line, it is written.
    assert.equal(run(dir, ['scan', '.', '--rule', RULE, '--audit-log', victim]).status, 1);
    assert.match(readFileSync(victim, 'utf8'), /^precious\n\{"seq":1,/);
  });

  test('a .safeguard/audit.log that is a link out of the repository is not appended to', () => {
    const victim = path.join(tempDir('safeguard-victim-'), 'outside.txt');
    writeFileSync(victim, 'precious\n');
    const dir = project();
    symlinkSync(victim, path.join(dir, '.safeguard', 'audit.log'));
    const r = run(dir, ['scan', '.', '--rule', RULE]);
    assert.equal(r.status, 2, r.stdout);
    assert.match(r.stderr, /\.safeguard\/audit\.log is a symbolic link out of/);
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
  });

  test('an audit_log inside the repository, not there yet, is still written', () => {
    const dir = project(undefined, { '.safeguard.yaml': 'audit_log: logs/audit.log\n' });
    mkdirSync(path.join(dir, 'logs'));
    assert.equal(run(dir, ['scan', '.', '--rule', RULE]).status, 1);
    assert.match(readFileSync(path.join(dir, 'logs', 'audit.log'), 'utf8'), /^\{"seq":1,/);
  });
});

describe('the waiver register is read only inside the repository', () => {
  // `waivers: { file: /etc/passwd }` in the scanned repository's config, or a committed
  // .safeguard/waivers.yaml linking to it: the register's diagnostics quoted the file's lines.
  test('a configured register outside the scan root and the config directory, or a link out, is not read and nothing of it printed', () => {
    const secret = path.join(tempDir('safeguard-secret-'), 'register.yaml');
    writeFileSync(secret, 'SECRET_TOKEN_VALUE: hunter2-fake\n');
    const configured = project(undefined, { '.safeguard.yaml': '' });
    writeFileSync(path.join(configured, '.safeguard.yaml'), `waivers:\n  file: ${secret}\n`);
    const linked = project();
    symlinkSync(secret, path.join(linked, '.safeguard', 'waivers.yaml'));
    for (const dir of [configured, linked]) {
      const r = scanJson(dir);
      assert.equal(r.status, 1);
      assert.doesNotMatch(JSON.stringify(r), /hunter2|SECRET_TOKEN/);
      const d = r.diagnostics.find((x) => x.code === 'waiver/outside-root');
      assert.equal(d?.severity, 'error', JSON.stringify(r.diagnostics));
      assert.match(d?.message ?? '', /leads outside the scan root/);
    }
  });
});
