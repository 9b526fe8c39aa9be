// CLI scenarios for custom policies (issue 13): the built CLI with --policies, the config's
// `policies:`, --plugin, `policy test`, and invalid policy files, on real files in temp dirs.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from './run-cli.js';

const PROJECT = process.cwd();
const EXAMPLES = 'examples/policies';
const PLUGIN_EXAMPLE = 'examples/policies/plugin/acme-policy-pack.js';
const BUILT_API = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'api', 'index.js');

const temp = mkdtempSync(path.join(os.tmpdir(), 'safeguard-policies-'));
after(() => rmSync(temp, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = path.join(temp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

interface JsonReport {
  findings: { ruleId: string; status: string; message: string; resource: { address: string }; span: { file: string; start: { line: number } } }[];
  diagnostics: { code: string; message: string; span?: { file: string; start: { line: number; column: number } } }[];
}

const OWNER_POLICY = `metadata:
  id: CKV2_ACME_1
  name: "Ensure buckets have an owner tag"
  category: "GENERAL_SECURITY"
  severity: "HIGH"
definition:
  cond_type: "attribute"
  resource_types: ["aws_s3_bucket"]
  attribute: "tags.owner"
  operator: "exists"
`;

const INFRA = {
  'main.tf': 'resource "aws_s3_bucket" "tagged" {\n  bucket = "tagged"\n  tags = { owner = "data" }\n}\n\nresource "aws_s3_bucket" "untagged" {\n  bucket = "untagged"\n}\n\n# checkov:skip=CKV2_ACME_1: legacy bucket, owner tracked in the CMDB\nresource "aws_s3_bucket" "legacy" {\n  bucket = "legacy"\n}\n',
};

describe('safeguard scan --policies', () => {
  const infra = tree('infra', INFRA);
  const policies = tree('policies', { 'owner.yaml': OWNER_POLICY });

  test('a Checkov-style policy produces findings through the engine: fail, pass, and checkov:skip suppression', () => {
    const run = runCli(['scan', infra, '--policies', policies, '--format', 'json', '--rule', 'CKV2_ACME_1'], { cwd: temp });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    const byAddress = Object.fromEntries(report.findings.map((f) => [f.resource.address, f.status]));
    assert.deepEqual(byAddress, { 'aws_s3_bucket.tagged': 'pass', 'aws_s3_bucket.untagged': 'fail', 'aws_s3_bucket.legacy': 'waived' });
    const failed = report.findings.find((f) => f.status === 'fail')!;
    assert.equal(failed.ruleId, 'CKV2_ACME_1');
    assert.match(failed.message, /aws_s3_bucket\.untagged breaks "Ensure buckets have an owner tag": tags\.owner must exist, but it is not set/);
    assert.equal(failed.span.start.line, 6);
  });

  test('--skip-rule and fail-on apply to custom policies too', () => {
    const skipped = runCli(['scan', infra, '--policies', policies, '--format', 'json', '--skip-rule', 'ckv2_acme_1'], { cwd: temp });
    assert.ok(!(JSON.parse(skipped.stdout) as JsonReport).findings.some((f) => f.ruleId === 'CKV2_ACME_1'));
    const lenient = runCli(['scan', infra, '--policies', policies, '--rule', 'CKV2_ACME_1', '--fail-on', 'critical', '--no-color'], { cwd: temp });
    assert.equal(lenient.status, 0, lenient.stdout);
    assert.match(lenient.stdout, /CKV2_ACME_1/);
  });

  test('the config file names policy bundles (relative to it), and its rules: may configure them', () => {
    const withConfig = tree('with-config', { ...INFRA, '.safeguard.yaml': 'policies:\n  - ../policies\nrules:\n  CKV2_ACME_1: low\n' });
    // ../policies is outside the scan root and the config's directory: read with --allow-outside-root (next test).
    const run = runCli(['scan', '.', '--format', 'json', '--rule', 'CKV2_ACME_1', '--fail-on', 'medium', '--allow-outside-root'], { cwd: withConfig });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport & { findings: { severity: string }[] };
    const failed = report.findings.filter((f) => f.status === 'fail');
    assert.equal(failed.length, 1);
    assert.equal((failed[0] as unknown as { severity: string }).severity, 'low');
  });

  test("the config's policies outside the scan root and its directory are not read without --allow-outside-root, so no diagnostic quotes them", () => {
    // A config in the scanned repository named /etc/passwd (or /proc/self/environ, or a link to it in
    // the repository): the policy/invalid diagnostics quoted its lines in every report.
    const secret = tree('outside-secret', { 'secret.yaml': 'SECRET_TOKEN_VALUE: hunter2-fake\n' });
    const repo = tree('hostile-config', { ...INFRA, '.safeguard.yaml': `policies:\n  - ${path.join(secret, 'secret.yaml')}\n  - ../outside-secret\n  - ../policies\n` });
    const run = runCli(['scan', '.', '--format', 'json'], { cwd: repo });
    assert.equal(run.status, 1, run.stderr);
    assert.doesNotMatch(run.stdout + run.stderr, /hunter2|SECRET_TOKEN/);
    const report = JSON.parse(run.stdout) as JsonReport;
    const refused = report.diagnostics.filter((d) => d.code === 'policy/outside-root').map((d) => d.message);
    assert.equal(refused.length, 3, refused.join('\n'));
    assert.ok(!report.findings.some((f) => f.ruleId === 'CKV2_ACME_1'), 'the policy outside was not loaded');
    // The same inside the repository, through a symbolic link out of it.
    const linked = tree('hostile-link', { ...INFRA, '.safeguard.yaml': 'policies:\n  - ./pol\n' });
    mkdirSync(path.join(linked, 'pol'));
    symlinkSync(path.join(secret, 'secret.yaml'), path.join(linked, 'pol', 'x.yaml'));
    const viaLink = runCli(['scan', '.', '--format', 'json'], { cwd: linked });
    assert.doesNotMatch(viaLink.stdout + viaLink.stderr, /hunter2|SECRET_TOKEN/);
    assert.match(viaLink.stdout, /policy\/outside-root/);
    // Named on the command line, or with --allow-outside-root, it is read (and the bad file reported).
    const allowed = runCli(['scan', '.', '--format', 'json', '--allow-outside-root'], { cwd: repo });
    assert.ok((JSON.parse(allowed.stdout) as JsonReport).findings.some((f) => f.ruleId === 'CKV2_ACME_1'));
    const named = runCli(['scan', '.', '--format', 'json', '--policies', policies], { cwd: tree('cli-named', INFRA) });
    assert.ok((JSON.parse(named.stdout) as JsonReport).findings.some((f) => f.ruleId === 'CKV2_ACME_1'));
  });

  test('an invalid policy file is an error at file:line:col with the key path; the built-in rules still run; exit 1', () => {
    const broken = tree('broken-policies', { 'ok.yaml': OWNER_POLICY, 'bad.yaml': 'metadata:\n  id: acme-bad\n  name: Bad\ndefinition:\n  cond_type: attribute\n  resource_types: all\n  attribute: tags.owner\n  operator: exist\n' });
    const clean = tree('clean', { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q"\n  sqs_managed_sse_enabled = true\n}\n' });
    const run = runCli(['scan', clean, '--policies', broken, '--format', 'json'], { cwd: temp });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    const problem = report.diagnostics.find((d) => d.code === 'policy/invalid');
    assert.ok(problem, JSON.stringify(report.diagnostics));
    assert.match(problem.message, /^definition\.operator: unknown operator "exist"/);
    assert.equal(path.resolve(temp, problem.span!.file), path.join(broken, 'bad.yaml'), 'paths in reports are relative to the working directory');
    assert.deepEqual([problem.span!.start.line, problem.span!.start.column], [8, 13]);
    assert.ok(report.findings.some((f) => f.ruleId.startsWith('aws-sqs')), 'built-in rules ran');
    const text = runCli(['scan', clean, '--policies', broken, '--no-color'], { cwd: temp });
    assert.match(text.stdout, /broken-policies\/bad\.yaml:8:13 +error +policy\/invalid/);
  });

  test('a bundle that does not exist stops the run (exit 2) with one line and a hint', () => {
    const run = runCli(['scan', infra, '--policies', 'no-such-dir'], { cwd: temp });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^safeguard: Policy bundle no-such-dir does not exist\.\n {2}hint: /);
  });

  test('policies judge plans too: a plan\'s after_unknown value is unknown, not pass or fail', () => {
    const dir = tree('plan-policies', { 'encrypted.yaml': 'metadata:\n  id: acme-db-encrypted\n  name: Databases are encrypted\ndefinition:\n  cond_type: attribute\n  resource_types: [aws_db_instance]\n  attribute: storage_encrypted\n  operator: is_true\n' });
    const run = runCli(['scan', 'test/fixtures/plan/tfplan.json', '--policies', dir, '--rule', 'acme-db-encrypted', '--format', 'json'], { cwd: PROJECT });
    const report = JSON.parse(run.stdout) as JsonReport;
    const byAddress = Object.fromEntries(report.findings.map((f) => [f.resource.address, f.status]));
    assert.deepEqual(byAddress, { 'aws_db_instance.patients': 'fail', 'module.audit.aws_db_instance.audit': 'unknown' });
    assert.ok(report.findings.every((f) => f.span.file === 'test/fixtures/plan/tfplan.json'));
  });

  test('the scan cache is not reused when a policy changes but keeps its id', () => {
    const cached = tree('cached', { ...INFRA, '.safeguard/.keep': '' });
    const policyDir = tree('cached-policies', { 'p.yaml': OWNER_POLICY });
    const statusOf = (): string => {
      const run = runCli(['scan', cached, '--policies', policyDir, '--rule', 'CKV2_ACME_1', '--format', 'json'], { cwd: temp });
      return (JSON.parse(run.stdout) as JsonReport).findings.find((f) => f.resource.address === 'aws_s3_bucket.tagged')!.status;
    };
    assert.equal(statusOf(), 'pass');
    assert.equal(statusOf(), 'pass', 'from the cache');
    writeFileSync(path.join(policyDir, 'p.yaml'), OWNER_POLICY.replace('tags.owner', 'tags.cost-centre'));
    assert.equal(statusOf(), 'fail', 'the changed policy is applied');
  });

  test('rules and explain list custom policies', () => {
    const rules = runCli(['rules', '--policies', policies, '--no-color'], { cwd: temp });
    assert.equal(rules.status, 0, rules.stderr);
    assert.match(rules.stdout, /^CKV2_ACME_1 +high +Ensure buckets have an owner tag +164\.308\(a\)\(1\)\(ii\)\(B\)/m);
    const explain = runCli(['explain', 'ckv2_acme_1', '--policies', policies, '--no-color'], { cwd: temp });
    assert.equal(explain.status, 0, explain.stderr);
    assert.match(explain.stdout, /^CKV2_ACME_1 {2}high\nEnsure buckets have an owner tag/);
  });
});

describe('safeguard policy test', () => {
  test('the bundled example policies pass their own examples', () => {
    const run = runCli(['policy', 'test', EXAMPLES, '--no-color'], { cwd: PROJECT });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /✓ acme-approved-regions/);
    assert.match(run.stdout, /4 policies, 16 examples: 16 passed, 0 failed\.\n$/);
  });

  test('a deliberately broken example fails with a clear message, exit 1', () => {
    const run = runCli(['policy', 'test', 'test/fixtures/policies/failing-example', '--no-color'], { cwd: PROJECT });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /✗ acme-buckets-require-versioning \(test\/fixtures\/policies\/failing-example\/versioning\.yaml\)\n {4}bad\[0\]: expected the policy to fail, got 1 pass\n/);
    assert.match(run.stdout, /1 policy, 2 examples: 1 passed, 1 failed\./);
  });

  test('an invalid policy file fails the test run with file:line:col and a hint', () => {
    const run = runCli(['policy', 'test', 'test/fixtures/policies/invalid', '--no-color'], { cwd: PROJECT });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /✗ test\/fixtures\/policies\/invalid\/owner-tag\.yaml:10:17: definition\.and\[0\]\.operator: unknown operator "exist"/);
    assert.match(run.stdout, /hint: Did you mean "exists"\?/);
    assert.match(run.stdout, /, 1 error in the policy files\.\n$/);
  });

  test('a policy without examples fails: a bundle is tested in CI', () => {
    const dir = tree('no-examples', { 'owner.yaml': OWNER_POLICY });
    const run = runCli(['policy', 'test', dir, '--format', 'json'], { cwd: temp });
    assert.equal(run.status, 1);
    const report = JSON.parse(run.stdout) as { failed: number; results: { ruleId: string; problem: string }[] };
    assert.equal(report.failed, 1);
    assert.match(report.results[0]!.problem, /needs at least one good and one bad example/);
  });
});

describe('safeguard --plugin', () => {
  // A project that installed safeguard: node_modules/safeguard exports ./api (this build's).
  const project = tree('plugin-project', {
    'node_modules/safeguard/package.json': JSON.stringify({ name: 'safeguard', type: 'module', exports: { './api': './api.js' } }),
    'node_modules/safeguard/api.js': `export * from ${JSON.stringify(pathToFileURL(BUILT_API).href)};\n`,
    'infra/main.tf': 'resource "aws_db_instance" "patients" {\n  engine = "postgres"\n  instance_class = "db.t3.micro"\n  backup_retention_period = 7\n}\n',
  });
  copyFileSync(path.join(PROJECT, PLUGIN_EXAMPLE), path.join(project, 'acme-policy-pack.js'));

  test('the example plugin runs through the engine: finding, params from the config, fix', () => {
    const run = runCli(['scan', 'infra', '--plugin', './acme-policy-pack.js', '--rule', 'acme-rds-backup-retention', '--format', 'json'], { cwd: project });
    assert.equal(run.status, 0, run.stderr); // medium, below the default fail-on
    const report = JSON.parse(run.stdout) as JsonReport & { findings: { fix: { description: string } | null }[] };
    assert.equal(report.findings.length, 1);
    assert.equal(report.findings[0]!.status, 'fail');
    assert.match(report.findings[0]!.message, /keeps backups for 7 days; the policy asks for at least 14/);
    assert.equal((report.findings[0] as unknown as { fix: { description: string } }).fix.description, 'Keep automated backups for 14 days');
    writeFileSync(path.join(project, 'infra/.safeguard.yaml'), 'rules:\n  acme-rds-backup-retention:\n    params:\n      minDays: 7\n');
    const relaxed = runCli(['scan', 'infra', '--plugin', './acme-policy-pack.js', '--rule', 'acme-rds-backup-retention', '--format', 'json'], { cwd: project });
    assert.equal((JSON.parse(relaxed.stdout) as JsonReport).findings[0]!.status, 'pass', relaxed.stderr);
    rmSync(path.join(project, 'infra/.safeguard.yaml'));
  });

  test('fix, evidence and controls take --plugin as scan does: the plugin\'s fix is applied, the pack documents its rule, controls lists it', () => {
    mkdirSync(path.join(project, 'fixme'), { recursive: true });
    writeFileSync(path.join(project, 'fixme/main.tf'), 'resource "aws_db_instance" "patients" {\n  engine                  = "postgres" # kept\n  backup_retention_period = 7\n}\n');
    const without = runCli(['fix', 'fixme', '--rule', 'acme-rds-backup-retention', '--no-audit-log'], { cwd: project });
    assert.equal(without.status, 2, 'without --plugin the rule does not exist');
    const fixed = runCli(['fix', 'fixme', '--plugin', './acme-policy-pack.js', '--rule', 'acme-rds-backup-retention', '--no-audit-log', '--no-color'], { cwd: project });
    assert.equal(fixed.status, 0, fixed.stderr);
    assert.equal(readFileSync(path.join(project, 'fixme/main.tf'), 'utf8'), 'resource "aws_db_instance" "patients" {\n  engine                  = "postgres" # kept\n  backup_retention_period = 14\n}\n');

    const pack = path.join(temp, 'plugin-evidence');
    const evidence = runCli(['evidence', 'infra', '--plugin', './acme-policy-pack.js', '--rule', 'acme-rds-backup-retention', '-o', pack, '--quiet'], { cwd: project });
    assert.equal(evidence.status, 0, evidence.stderr);
    const matrix = readFileSync(path.join(pack, 'control-matrix.csv'), 'utf8');
    assert.match(matrix, /164\.308\(a\)\(7\)\(ii\)\(A\)[^\n]*acme-rds-backup-retention/, 'the plugin rule is in the control matrix under its section');
    const findings = JSON.parse(readFileSync(path.join(pack, 'findings.json'), 'utf8')) as { findings: { ruleId: string; why?: string }[] };
    const own = findings.findings.find((f) => f.ruleId === 'acme-rds-backup-retention');
    assert.match(own?.why ?? '', /restore tests/, 'the plugin rule\'s documentation is in the pack');

    const controls = runCli(['controls', '--plugin', './acme-policy-pack.js', '--format', 'json'], { cwd: project });
    assert.equal(controls.status, 0, controls.stderr);
    const sections = (JSON.parse(controls.stdout) as { sections: { id: string; rules: string[] }[] }).sections;
    assert.ok(sections.find((s) => s.id === '164.308(a)(7)(ii)(A)')?.rules.includes('acme-rds-backup-retention'));
    assert.ok(!(JSON.parse(runCli(['controls', '--format', 'json'], { cwd: project }).stdout) as { sections: { rules: string[] }[] }).sections.some((s) => s.rules.includes('acme-rds-backup-retention')));
  });

  test('with a plugin the scan cache is off: a warm scan follows a change to a module the plugin imports', () => {
    // The plugin's threshold lives in a module of its own; the plugin's entry file never changes.
    const pack = readFileSync(path.join(PROJECT, PLUGIN_EXAMPLE), 'utf8').replace("import { asNumber", "import { MIN_DAYS } from './limits.js';\nimport { asNumber").replace('params: { minDays: 14 },', 'params: { minDays: MIN_DAYS },');
    assert.match(pack, /minDays: MIN_DAYS/);
    writeFileSync(path.join(project, 'imports-pack.js'), pack);
    writeFileSync(path.join(project, 'limits.js'), 'export const MIN_DAYS = 7;\n');
    const cache = path.join(temp, 'plugin-cache');
    const status = (): string => {
      const run = runCli(['scan', 'infra', '--plugin', './imports-pack.js', '--rule', 'acme-rds-backup-retention', '--cache-dir', cache, '--format', 'json'], { cwd: project });
      assert.equal(run.status, 0, run.stderr);
      return (JSON.parse(run.stdout) as JsonReport).findings.map((f) => f.status).join();
    };
    assert.equal(status(), 'pass', 'backups for 7 days, 7 asked for');
    writeFileSync(path.join(project, 'limits.js'), 'export const MIN_DAYS = 14;\n');
    assert.equal(status(), 'fail', 'the same files, the plugin\'s helper asking for 14 days');
    assert.equal(existsSync(cache), false, 'no cache was kept');
  });

  test('a plugin can be an installed package (ESM-only exports), resolved from the working directory', () => {
    mkdirSync(path.join(project, 'node_modules/@acme/safeguard-policies'), { recursive: true });
    writeFileSync(path.join(project, 'node_modules/@acme/safeguard-policies/package.json'), JSON.stringify({ name: '@acme/safeguard-policies', type: 'module', exports: { '.': { import: './index.js' } } }));
    copyFileSync(path.join(PROJECT, PLUGIN_EXAMPLE), path.join(project, 'node_modules/@acme/safeguard-policies/index.js'));
    const run = runCli(['rules', '--plugin', '@acme/safeguard-policies', '--format', 'json'], { cwd: project });
    assert.equal(run.status, 0, run.stderr);
    const ids = (JSON.parse(run.stdout) as { rules: { id: string }[] }).rules.map((r) => r.id);
    assert.ok(ids.includes('acme-rds-backup-retention'));
    assert.ok(ids.length > 100, 'with the built-in rules');
  });

  test('policy test runs the plugin rules\' examples', () => {
    const run = runCli(['policy', 'test', path.join(PROJECT, EXAMPLES), '--plugin', './acme-policy-pack.js', '--no-color'], { cwd: project });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /✓ acme-rds-backup-retention \(plugin; bad\[0\], good\[0\]\)/);
  });

  test('a plugin that is missing or exports no valid rule stops the run (exit 2)', () => {
    const missing = runCli(['scan', 'infra', '--plugin', './nope.js'], { cwd: project });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^safeguard: --plugin \.\/nope\.js: not found\./);
    writeFileSync(path.join(project, 'bad-plugin.js'), 'export default [{ id: "acme-x", title: "X", severity: "urgent" }];\n');
    const bad = runCli(['scan', 'infra', '--plugin', './bad-plugin.js'], { cwd: project });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--plugin \.\/bad-plugin\.js: an exported rule acme-x has severity "urgent"/);
  });

  test('plugins are never loaded from the scanned tree or its config implicitly', () => {
    writeFileSync(path.join(project, 'infra/evil.js'), 'import { writeFileSync } from "node:fs"; writeFileSync(new URL("./pwned", import.meta.url), "x"); export default [];\n');
    writeFileSync(path.join(project, 'infra/.safeguard.yaml'), 'plugins:\n  - ./evil.js\n');
    const run = runCli(['scan', 'infra'], { cwd: project });
    assert.equal(run.status, 2, 'plugins: is not a config key');
    assert.match(run.stderr, /plugins: unknown key/);
    assert.throws(() => copyFileSync(path.join(project, 'infra/pwned'), path.join(temp, 'x')), /ENOENT/);
    rmSync(path.join(project, 'infra/.safeguard.yaml'));
  });
});
