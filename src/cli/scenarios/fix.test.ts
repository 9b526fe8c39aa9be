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

  test('fix names its own --unsafe flag for skipped fixes', () => {
    const copy = path.join(work, 'own-flag');
    cpSync(path.resolve('examples/noncompliant'), copy, { recursive: true });
    const run = runCli(['fix', 'own-flag', '--dry-run', '--no-color'], { cwd: work });
    assert.match(run.stderr, /run with --unsafe to apply it$/m);
    assert.match(run.stderr, /skipped \(use --unsafe\)\.$/m);
    assert.doesNotMatch(run.stderr, /--fix-unsafe/);
  });
});
