// CLI scenarios for `safeguard fix` (issue 10), on a temporary copy of examples/noncompliant.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from './run-cli.js';

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(dir, full), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

interface JsonFinding {
  ruleId: string;
  status: string;
  resource: { address: string };
  fix: { description: string } | null;
}

describe('safeguard fix', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'safeguard-fix-'));
  after(() => rmSync(work, { recursive: true, force: true }));
  const tree = path.join(work, 'infra');
  cpSync(path.resolve('examples/noncompliant'), tree, { recursive: true });
  const original = snapshot(tree);

  test('--dry-run prints a unified diff, lists unsafe fixes as skipped, and changes nothing', () => {
    const run = runCli(['fix', 'infra', '--dry-run', '--no-color'], { cwd: work });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^--- a\/infra\/kms\.tf\n\+\+\+ b\/infra\/kms\.tf\n@@ /m);
    assert.match(run.stdout, /^-  enable_key_rotation = false\n\+  enable_key_rotation = true$/m);
    assert.match(run.stderr, /^skipped +infra\/rds\.tf:\d+ +aws-rds-storage-encrypted .*\n +unsafe: .*--unsafe/m);
    assert.match(run.stderr, /^would fix +infra\/rds\.tf:\d+ +aws-rds-instance-not-public .*\n +changed in terraform\.tfvars/m);
    assert.deepEqual(snapshot(tree), original);
  });

  test('--patch writes the same diff to a file, exact, where the printed one masks secrets', () => {
    const dry = runCli(['fix', 'infra', '--dry-run', '--no-color'], { cwd: work });
    const run = runCli(['fix', 'infra', '--dry-run', '--patch', 'fix.patch', '--no-color'], { cwd: work });
    assert.equal(run.status, 0, run.stderr);
    const patch = readFileSync(path.join(work, 'fix.patch'), 'utf8');
    // Same lines and hunks: the printed diff differs only where a secret is masked by asterisks.
    assert.equal(patch.length, dry.stdout.length);
    for (let i = 0; i < patch.length; i++) if (patch[i] !== dry.stdout[i]) assert.equal(dry.stdout[i], '*', `at ${i}`);
    const secret = 'Example-Only-Not-A-Real-Password-42';
    assert.ok(patch.includes(secret) && !dry.stdout.includes(secret));
    rmSync(path.join(work, 'fix.patch'));
  });

  test('fix then scan: the fixed findings are gone, unsafe ones remain, a second fix changes nothing', () => {
    const before = JSON.parse(runCli(['scan', 'infra', '--format', 'json'], { cwd: work }).stdout) as { findings: JsonFinding[] };
    const run = runCli(['fix', 'infra', '--no-color'], { cwd: work });
    assert.equal(run.status, 0, run.stderr);
    const fixed = [...run.stdout.matchAll(/^fixed +\S+ +(\S+) +(\S+): (.*?)( \(unsafe\))?$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    assert.ok(fixed.length >= 10, run.stdout);
    const afterScan = JSON.parse(runCli(['scan', 'infra', '--format', 'json'], { cwd: work }).stdout) as { findings: JsonFinding[] };
    const failing = new Set(afterScan.findings.filter((f) => f.status === 'fail').map((f) => `${f.ruleId} ${f.resource.address} ${f.fix?.description ?? ''}`));
    for (const f of fixed) assert.ok(!failing.has(f), `${f} still fails`);
    assert.ok([...failing].some((f) => f.startsWith('aws-rds-storage-encrypted aws_db_instance.patients ')), 'unsafe fix not applied');
    assert.ok(afterScan.findings.filter((f) => f.status === 'fail').length < before.findings.filter((f) => f.status === 'fail').length);
    assert.match(run.stdout, /^Still failing after the fixes \(\d+\):$/m);
    const fixedTree = snapshot(tree);
    const again = runCli(['fix', 'infra', '--no-color'], { cwd: work });
    assert.match(again.stdout, /^Applied 0 fixes in 0 files/m);
    assert.deepEqual(snapshot(tree), fixedTree);
    // Comments survive: every comment line of the original is still there.
    for (const [file, text] of original) {
      const comments = text.split('\n').filter((l) => /^\s*#/.test(l));
      const now = fixedTree.get(file)!;
      for (const c of comments) assert.ok(now.includes(c), `${file}: lost ${c}`);
    }
  });

  test('a fix that could not be placed is not called "fixed in part"', () => {
    const dir = path.join(work, 'groups');
    const main = 'variable "groups" {\n  default = { app = {}, audit = { retention_in_days = 3653 } }\n}\nresource "aws_cloudwatch_log_group" "this" {\n  for_each          = var.groups\n  name              = "/phi/${each.key}"\n  retention_in_days = try(each.value.retention_in_days, 60)\n}\n';
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'main.tf'), main);
    const run = runCli(['fix', 'groups', '--dry-run', '--no-color', '--rule', 'aws-cloudwatch-log-retention'], { cwd: work });
    const said = run.stdout + run.stderr;
    assert.match(said, /\(fix could not be applied; needs a manual change\)/);
    assert.doesNotMatch(said, /fixed in part/);
  });

  test('fix FILE fixes the findings in that file only', () => {
    const copy = path.join(work, 'one-file');
    cpSync(path.resolve('examples/noncompliant'), copy, { recursive: true });
    const run = runCli(['fix', 'one-file/s3.tf', '--dry-run', '--no-color'], { cwd: work });
    assert.equal(run.status, 0, run.stderr);
    const changed = [...run.stdout.matchAll(/^\+\+\+ b\/(\S+)$/gm)].map((m) => m[1]);
    assert.deepEqual(changed, ['one-file/s3.tf']);
  });

  test('scan --fix applies the safe fixes and then reports', () => {
    const copy = path.join(work, 'again');
    cpSync(path.resolve('examples/noncompliant'), copy, { recursive: true });
    const run = runCli(['scan', 'again', '--fix', '--no-color', '--quiet'], { cwd: work });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(readFileSync(path.join(copy, 'kms.tf'), 'utf8').includes('enable_key_rotation = true'), true);
    assert.doesNotMatch(run.stdout, /aws-kms-key-rotation/);
  });

  test('scan --fix says on stderr what it changed, and names --fix-unsafe for the skipped fixes', () => {
    const copy = path.join(work, 'said');
    cpSync(path.resolve('examples/noncompliant'), copy, { recursive: true });
    const run = runCli(['scan', 'said', '--fix', '--no-color', '--format', 'json'], { cwd: work });
    assert.equal(run.status, 1, run.stderr);
    JSON.parse(run.stdout); // the report alone owns stdout
    assert.match(run.stderr, /^fixed +said\/kms\.tf:\d+ +aws-kms-key-rotation /m);
    assert.match(run.stderr, /^Applied [1-9]\d* fixes in [1-9]\d* files?; \d+ unsafe fix(es)? skipped \(use --fix-unsafe\)\.$/m);
    assert.match(run.stderr, /^skipped +said\/rds\.tf:\d+ +aws-rds-storage-encrypted .*\n +unsafe: .*run with --fix-unsafe to apply it$/m);
    // `scan` has no --unsafe: naming it would send the user to an unknown option.
    assert.doesNotMatch(run.stderr, /--unsafe\b/);
  });

  test('scan --fix-unsafe alone implies --fix and lists the unsafe fixes it applied', () => {
    const copy = path.join(work, 'unsafe');
    cpSync(path.resolve('examples/noncompliant'), copy, { recursive: true });
    const run = runCli(['scan', 'unsafe', '--fix-unsafe', '--no-color', '--quiet'], { cwd: work });
    assert.match(run.stderr, /^fixed +unsafe\/rds\.tf:\d+ +aws-rds-storage-encrypted .*\(unsafe\)$/m);
    assert.match(run.stderr, /^Applied [1-9]\d* fixes in [1-9]\d* files\.$/m);
    assert.doesNotMatch(run.stderr, /^skipped .*\n +unsafe:/m);
    const help = runCli(['scan', '--help']);
    assert.match(help.stdout.replace(/\s+/g, ' '), /--fix-unsafe as --fix \(it implies it\), and also apply fixes/);
  });

  test('a file that starts with a BOM: the --patch and --dry-run diffs keep it, so they apply to the file', () => {
    const dir = path.join(work, 'bom');
    mkdirSync(dir);
    // A hunk at line 1 whose context line had lost the BOM did not apply: `git apply` refused the patch.
    writeFileSync(path.join(dir, 'main.tf'), '\ufeffresource "aws_kms_key" "k" {\n  description = "key"\n}\n');
    const dry = runCli(['fix', 'bom', '--dry-run', '--patch', 'bom.patch', '--rule', 'aws-kms-key-rotation', '--no-color'], { cwd: work });
    assert.equal(dry.status, 0, dry.stderr);
    const patch = readFileSync(path.join(work, 'bom.patch'), 'utf8');
    assert.equal(dry.stdout, patch);
    assert.match(patch, /^ \ufeffresource "aws_kms_key" "k" \{\n-  description = "key"\n\+  description         = "key"\n\+  enable_key_rotation = true\n \}\n/m);
    const run = runCli(['fix', 'bom', '--rule', 'aws-kms-key-rotation', '--no-color'], { cwd: work });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(path.join(dir, 'main.tf'), 'utf8'), '\ufeffresource "aws_kms_key" "k" {\n  description         = "key"\n  enable_key_rotation = true\n}\n');
    rmSync(path.join(work, 'bom.patch'));
  });

  test('a fix that could not be placed below one that added lines is still not called "fixed in part"', () => {
    const dir = path.join(work, 'moved');
    mkdirSync(dir);
    const text = [
      'resource "aws_instance" "web" {',
      '  ami           = "ami-12345678"',
      '  instance_type = "t3.micro"',
      '  subnet_id     = "subnet-12345678"',
      '}',
      '',
      'resource "aws_vpc" "v" {',
      '  count      = 1',
      '  cidr_block = "10.0.0.0/16"',
      '}',
      '',
    ].join('\n');
    writeFileSync(path.join(dir, 'main.tf'), text);
    const args = ['--unsafe', '--rule', 'aws-ec2-imdsv2-required', '--rule', 'aws-default-security-group-closed', '--no-color'];
    // The IMDSv2 fix adds lines above aws_vpc.v, whose fix cannot be placed (count): its finding was
    // matched with its entry by its line after the fix, so it read "fixed in part", and a dry run
    // listed it at a line of text it had not written.
    const dry = runCli(['fix', 'moved', '--dry-run', ...args], { cwd: work });
    assert.match(dry.stderr, /^failed +moved\/main\.tf:7  aws-default-security-group-closed /m);
    assert.match(dry.stderr, /^  moved\/main\.tf:7  aws-default-security-group-closed  \(fix could not be applied; needs a manual change\)/m);
    const run = runCli(['fix', 'moved', ...args], { cwd: work });
    assert.equal(run.status, 0, run.stderr);
    const fixed = readFileSync(path.join(dir, 'main.tf'), 'utf8');
    const line = fixed.split('\n').indexOf('resource "aws_vpc" "v" {') + 1;
    assert.ok(line > 7, fixed);
    assert.match(run.stdout, new RegExp(`^  moved/main\\.tf:${line}  aws-default-security-group-closed  \\(fix could not be applied; needs a manual change\\)`, 'm'));
    assert.doesNotMatch(run.stdout, /fixed in part/);
  });

  test('fix names its own --unsafe flag for skipped fixes', () => {
    const copy = path.join(work, 'own-flag');
    cpSync(path.resolve('examples/noncompliant'), copy, { recursive: true });
    const run = runCli(['fix', 'own-flag', '--dry-run', '--no-color'], { cwd: work });
    assert.match(run.stderr, /run with --unsafe to apply it$/m);
    assert.match(run.stderr, /skipped \(use --unsafe\)\.$/m);
    assert.doesNotMatch(run.stderr, /--fix-unsafe/);
  });
});

// Root modules reuse addresses: envs/dev and envs/prod with the same main.tf, and a module both call.
// Each root's fix is its own (its own file, or the shared module's edit made once for both), so each
// is listed, counted and audited; they were once kept by rule and address only, so prod's edit was
// made on disk but not listed, counted or written to the audit log.
describe('safeguard fix over root modules with the same addresses', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'safeguard-fix-roots-'));
  after(() => rmSync(work, { recursive: true, force: true }));
  const envMain = 'resource "aws_kms_key" "data" {\n  enable_key_rotation = false\n}\n\nresource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-example"\n}\n\nmodule "store" {\n  source = "../../modules/store"\n}\n';
  const storeMain = 'resource "aws_db_instance" "this" {\n  engine            = "postgres"\n  storage_encrypted = true\n}\n';
  const makeTree = (name: string): string => {
    const dir = path.join(work, name);
    for (const env of ['dev', 'prod']) {
      mkdirSync(path.join(dir, 'envs', env), { recursive: true });
      writeFileSync(path.join(dir, 'envs', env, 'main.tf'), envMain);
    }
    mkdirSync(path.join(dir, 'modules', 'store'), { recursive: true });
    writeFileSync(path.join(dir, 'modules', 'store', 'main.tf'), storeMain);
    mkdirSync(path.join(dir, '.safeguard'));
    writeFileSync(path.join(dir, '.safeguard', 'audit.log'), '');
    return dir;
  };

  test('each root module\'s fix is listed with its file and counted, also in --dry-run and --patch', () => {
    const dir = makeTree('dry');
    const run = runCli(['fix', '.', '--dry-run', '--patch', 'fix.patch', '--rule', 'aws-kms-key-rotation', '--no-color'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.stderr.matchAll(/^would fix (\S+)  aws-kms-key-rotation  aws_kms_key\.data: /gm)].map((m) => m[1]), ['envs/dev/main.tf:2', 'envs/prod/main.tf:2']);
    assert.match(run.stderr, /^Would apply 2 fixes in 2 files; patch written to fix\.patch\.$/m);
    const patched = [...readFileSync(path.join(dir, 'fix.patch'), 'utf8').matchAll(/^\+\+\+ b\/(\S+)$/gm)].map((m) => m[1]);
    assert.deepEqual(patched, ['envs/dev/main.tf', 'envs/prod/main.tf']);
  });

  test('the applied fixes are listed, counted and each written to the audit log with its root module', () => {
    const dir = makeTree('real');
    const run = runCli(['fix', '.', '--rule', 'aws-kms-key-rotation', '--no-color'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.stdout.matchAll(/^fixed +(\S+)  aws-kms-key-rotation /gm)].map((m) => m[1]), ['envs/dev/main.tf:2', 'envs/prod/main.tf:2']);
    assert.match(run.stdout, /^Applied 2 fixes in 2 files\.$/m);
    for (const env of ['dev', 'prod']) assert.match(readFileSync(path.join(dir, 'envs', env, 'main.tf'), 'utf8'), /enable_key_rotation = true/);
    const entries = readFileSync(path.join(dir, '.safeguard', 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; fixes?: { rule: string; root?: string; file: string; line: number }[]; files?: { path: string }[] });
    const fix = entries.find((e) => e.kind === 'fix');
    assert.deepEqual(fix?.fixes?.map((f) => `${f.rule} ${f.root ?? ''} ${f.file}:${f.line}`), ['aws-kms-key-rotation envs/dev envs/dev/main.tf:2', 'aws-kms-key-rotation envs/prod envs/prod/main.tf:2']);
    assert.deepEqual(fix?.files?.map((f) => f.path), ['envs/dev/main.tf', 'envs/prod/main.tf']);
  });

  test('skipped unsafe fixes are listed and counted for each root module', () => {
    const dir = makeTree('unsafe');
    const run = runCli(['fix', '.', '--dry-run', '--rule', 'aws-s3-bucket-tls-only', '--no-color'], { cwd: dir });
    assert.deepEqual([...run.stderr.matchAll(/^skipped +(\S+)  aws-s3-bucket-tls-only  aws_s3_bucket\.phi: /gm)].map((m) => m[1]), ['envs/dev/main.tf:5', 'envs/prod/main.tf:5']);
    assert.match(run.stderr, /^Would apply 0 fixes in 0 files; 2 unsafe fixes skipped \(use --unsafe\)\.$/m);
  });

  test('a fix in a shared module is made once and listed for each root module that calls it', () => {
    const dir = makeTree('shared');
    const run = runCli(['fix', '.', '--rule', 'aws-rds-iam-authentication', '--no-color'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    const listed = [...run.stdout.matchAll(/^fixed +modules\/store\/main\.tf:1  aws-rds-iam-authentication  module\.store\.aws_db_instance\.this: .*\(root module (\S+)\)$/gm)].map((m) => m[1]);
    assert.deepEqual(listed, ['envs/dev', 'envs/prod']);
    assert.match(run.stdout, /^Applied 2 fixes in 1 file\.$/m);
    assert.equal((readFileSync(path.join(dir, 'modules', 'store', 'main.tf'), 'utf8').match(/iam_database_authentication_enabled/g) ?? []).length, 1);
    assert.doesNotMatch(run.stdout, /Still failing/);
  });
});
