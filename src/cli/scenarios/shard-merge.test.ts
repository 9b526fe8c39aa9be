// Sharding and merging (issue 8): `scan --shard i/n` over a monorepo, then `safeguard merge`,
// must give the same findings and the same verdict as one unsharded scan.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from './run-cli.js';

interface Report {
  scan: { exitCode: number; shard: string | null; filesScanned: string[]; mergedFrom?: { reports: number; shards: string[] } };
  summary: { findings: Record<string, number>; blocking: number; errors: number; passed: boolean; filesSkipped: number };
  skipped: { path: string; reason: string; detail: string }[];
  findings: { ruleId: string; status: string; resource: { address: string; kind: string }; span: { file: string; start: { offset: number } } }[];
}

type JsonFinding = Report['findings'][number];
// The account baseline and the repository are one subject per scan, so their location depends on what the scan saw first.
const scopeWide = (f: JsonFinding): boolean => f.resource.kind === 'account' || f.resource.kind === 'repository';
const key = (f: JsonFinding): string => (scopeWide(f) ? `${f.ruleId}|${f.status}|${f.resource.address}` : `${f.ruleId}|${f.status}|${f.resource.address}|${f.span.file}:${f.span.start.offset}`);

describe('scan --shard and merge', () => {
  let dir = '';
  // Reports go beside the scanned tree, not into it: the secret sweep would read them as documents.
  let out = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'safeguard-shard-'));
    out = mkdtempSync(path.join(os.tmpdir(), 'safeguard-shard-out-'));
    // Three independent root modules (no account baseline, so no evidence crosses them).
    for (const team of ['teams/claims', 'teams/intake']) {
      cpSync('examples/noncompliant', path.join(dir, team), { recursive: true });
      rmSync(path.join(dir, team, 'cloudtrail.tf'));
    }
    writeFileSync(path.join(dir, 'lone.tf'), 'resource "aws_s3_bucket" "lone" {\n  bucket = "lone-bucket"\n}\n');
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  // Through a file: these reports are larger than spawnSync's stdout buffer.
  const scanJson = (args: string[]): Report => {
    const run = runCli(['scan', '.', '--format', `json:${path.join(out, 'out.json')}`, '--quiet', ...args], { cwd: dir });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return JSON.parse(readFileSync(path.join(out, 'out.json'), 'utf8')) as Report;
  };

  test('the shards split the root modules, and their merge equals the unsharded scan', () => {
    const whole = scanJson([]);
    const shards = [1, 2, 3].map((i) => scanJson(['--shard', `${i}/3`]));
    assert.deepEqual(
      shards.map((s) => s.scan.shard),
      ['1/3', '2/3', '3/3'],
    );
    // Each shard checks only some root modules: none alone has every finding.
    for (const s of shards) assert.ok(s.findings.length < whole.findings.length, 'a shard is a slice');
    shards.forEach((s, i) => writeFileSync(path.join(out, `shard-${i + 1}.json`), JSON.stringify(s)));

    const merged = runCli(['merge', 'shard-1.json', 'shard-2.json', 'shard-3.json', '-o', 'merged.json'], { cwd: out });
    assert.equal(merged.status, whole.scan.exitCode, merged.stderr);
    const report = JSON.parse(readFileSync(path.join(out, 'merged.json'), 'utf8')) as Report;
    assert.deepEqual(report.findings.map(key).sort(), whole.findings.map(key).sort());
    assert.deepEqual(report.summary.findings, whole.summary.findings);
    assert.equal(report.summary.blocking, whole.summary.blocking);
    assert.equal(report.summary.passed, whole.summary.passed);
    assert.deepEqual(report.scan.mergedFrom, { reports: 3, shards: ['1/3', '2/3', '3/3'] });
    // The first shard sweeps the .env and YAML files for secrets; the others list them as skipped, unread.
    assert.ok(whole.scan.filesScanned.some((f) => f.endsWith('config/intake-service.env')) && shards[1]!.skipped.some((s) => s.path.endsWith('config/intake-service.env')), 'a swept file the other shards skip');
    assert.deepEqual(report.skipped, whole.skipped, 'what the merge says was skipped is what the unsharded scan says');
    assert.equal(report.summary.filesSkipped, whole.summary.filesSkipped);
    // Findings are read back from the shards' files, a window at a time, as the merge is written: a
    // shard that is also the output is held whole, so writing over it gives the same report. The first
    // shard is made larger than one window (each finding repeated at other addresses).
    const big = { ...shards[0]!, findings: shards[0]!.findings.flatMap((f) => Array.from({ length: 40 }, (_, n) => ({ ...f, resource: { ...f.resource, address: `${f.resource.address}_${n}` } }))) };
    writeFileSync(path.join(out, 'big-1.json'), JSON.stringify(big, null, 2));
    assert.ok(readFileSync(path.join(out, 'big-1.json')).length > 1024 * 1024);
    const apart = runCli(['merge', 'big-1.json', 'shard-2.json', 'shard-3.json', '-o', 'big-merged.json'], { cwd: out });
    const over = runCli(['merge', 'big-1.json', 'shard-2.json', 'shard-3.json', '-o', 'big-1.json'], { cwd: out });
    assert.equal(over.status, apart.status, over.stderr);
    assert.equal(readFileSync(path.join(out, 'big-1.json'), 'utf8'), readFileSync(path.join(out, 'big-merged.json'), 'utf8'));
    assert.ok((JSON.parse(readFileSync(path.join(out, 'big-merged.json'), 'utf8')) as Report).findings.length > 40 * shards[0]!.findings.length - 1);
  });

  test('with an account baseline stack in another root module, shards never hide a failure', () => {
    cpSync('examples/hipaa-baseline', path.join(dir, 'platform/core'), { recursive: true });
    const whole = scanJson([]);
    const shards = [1, 2].map((i) => scanJson(['--shard', `${i}/2`]));
    shards.forEach((s, i) => writeFileSync(path.join(out, `base-${i + 1}.json`), JSON.stringify(s)));
    const run = runCli(['merge', 'base-1.json', 'base-2.json', '-o', 'merged-base.json'], { cwd: out });
    assert.equal(run.status, 1, run.stderr);
    const merged = new Set((JSON.parse(readFileSync(path.join(out, 'merged-base.json'), 'utf8')) as Report).findings.map(key));
    const failing = whole.findings.filter((f) => f.status === 'fail' && !scopeWide(f));
    assert.ok(failing.length > 0);
    for (const f of failing) assert.ok(merged.has(key(f)), `merged shards lost ${key(f)}`);
    rmSync(path.join(dir, 'platform'), { recursive: true });
  });

  test('a missing or repeated shard is refused: a partial scan must not look clean', () => {
    const one = scanJson(['--shard', '1/2']);
    writeFileSync(path.join(out, 'half.json'), JSON.stringify(one));
    const missing = runCli(['merge', 'half.json'], { cwd: out });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /Shard 2\/2 is missing/);
    const twice = runCli(['merge', 'half.json', 'half.json'], { cwd: out });
    assert.equal(twice.status, 2);
    assert.match(twice.stderr, /Shard 1\/2 is given 2 times/);
  });

  test('SARIF shards merge into one run with every result once and rule indexes that point at the right rule', () => {
    const sarifOf = (args: string[]): Record<string, unknown> => {
      const run = runCli(['scan', '.', '--format', `sarif:${path.join(out, 'out.sarif')}`, '--quiet', ...args], { cwd: dir });
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      return JSON.parse(readFileSync(path.join(out, 'out.sarif'), 'utf8')) as Record<string, unknown>;
    };
    type Run = { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex?: number; partialFingerprints: Record<string, string>; properties: { resourceKind: string } }[]; invocations: { exitCode: number }[] };
    const runOf = (log: Record<string, unknown>): Run => (log['runs'] as Run[])[0]!;
    const whole = runOf(sarifOf([]));
    [1, 2].forEach((i) => writeFileSync(path.join(out, `s${i}.sarif`), JSON.stringify(sarifOf(['--shard', `${i}/2`]))));
    const run = runCli(['merge', 's1.sarif', 's2.sarif', '-o', 'merged.sarif'], { cwd: out });
    assert.equal(run.status, whole.invocations[0]!.exitCode === 0 ? 0 : 1, run.stderr);
    const log = JSON.parse(readFileSync(path.join(out, 'merged.sarif'), 'utf8')) as Record<string, unknown>;
    assert.equal((log['runs'] as unknown[]).length, 1);
    const merged = runOf(log);
    const fp = (r: Run['results'][number]): string => (r.properties.resourceKind === 'account' || r.properties.resourceKind === 'repository' ? r.ruleId : `${r.ruleId}|${JSON.stringify(r.partialFingerprints)}`);
    assert.deepEqual(merged.results.map(fp).sort(), whole.results.map(fp).sort());
    for (const r of merged.results) assert.equal(merged.tool.driver.rules[r.ruleIndex!]!.id, r.ruleId);
  });

  test('--shard rejects malformed values with exit 2', () => {
    for (const bad of ['0/2', '3/2', 'x', '1/0']) {
      const run = runCli(['scan', '.', '--shard', bad], { cwd: dir });
      assert.equal(run.status, 2, bad);
      assert.match(run.stderr, /i\/n/);
    }
  });

  test('merge rejects reports of different formats and non-reports', () => {
    writeFileSync(path.join(out, 'not-a-report.json'), '{"hello": 1}');
    const run = runCli(['merge', 'not-a-report.json'], { cwd: out });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /not-a-report\.json: neither a Safeguard JSON report nor a SARIF log/);
  });
});

// A module several root modules call declares its variables and outputs once, but the scan judges
// each declaration once, under the first module instance in root order: each shard judged it under
// its own first instance, and the merge kept one finding per shard (`module.other.var.db_password`
// beside `module.svc.var.db_password`), so its counts exceeded the unsharded scan's.
describe('scan --shard and merge: a module several roots call', () => {
  let dir = '';
  let out = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'safeguard-shard-decl-'));
    out = mkdtempSync(path.join(os.tmpdir(), 'safeguard-shard-decl-out-'));
    mkdirSync(path.join(dir, 'modules', 'shared'), { recursive: true });
    writeFileSync(
      path.join(dir, 'modules', 'shared', 'main.tf'),
      'variable "db_password" {\n  type    = string\n  default = "Xk9#mQ2$vL7!pR4zEXAMPLE"\n}\nvariable "name" {\n  type = string\n}\noutput "password" {\n  value = var.db_password\n}\noutput "name" {\n  value = var.name\n}\n',
    );
    // Sorted a..e go to shards round-robin: with 3 shards, e (shard 2) and c (shard 3) call the module
    // `svc`, d (shard 1) calls it `other`; c is the first root that calls it, as in the unsharded scan.
    for (const [root, call] of [['a', undefined], ['b', undefined], ['c', 'svc'], ['d', 'other'], ['e', 'svc']] as const) {
      mkdirSync(path.join(dir, 'envs', root), { recursive: true });
      const text = call === undefined ? `resource "aws_s3_bucket" "logs" {\n  bucket = "${root}-logs-example"\n}\n` : `module "${call}" {\n  source = "../../modules/shared"\n  name   = "${root}"\n}\n`;
      writeFileSync(path.join(dir, 'envs', root, 'main.tf'), text);
    }
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  const report = (format: 'json' | 'sarif', args: string[]): string => {
    const file = path.join(out, `out.${format}`);
    const run = runCli(['scan', '.', '--no-cache', '--format', `${format}:${file}`, '--quiet', ...args], { cwd: dir });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return readFileSync(file, 'utf8');
  };
  const declarations = (r: Report): Report['findings'] => r.findings.filter((f) => f.resource.kind === 'variable' || f.resource.kind === 'output');

  for (const n of [2, 3]) {
    test(`${n} shards: the merge keeps each declaration's finding of the first root, as the unsharded scan does (JSON and SARIF)`, () => {
      const whole = JSON.parse(report('json', [])) as Report;
      assert.ok(declarations(whole).some((f) => f.status === 'fail' && f.resource.address === 'module.svc.var.db_password'), 'the literal secret fails, under the first root');
      const names = Array.from({ length: n }, (_, i) => `decl-${i + 1}-of-${n}`);
      names.forEach((name, i) => writeFileSync(path.join(out, `${name}.json`), report('json', ['--shard', `${i + 1}/${n}`])));
      names.forEach((name, i) => writeFileSync(path.join(out, `${name}.sarif`), report('sarif', ['--shard', `${i + 1}/${n}`])));
      const shardFindings = names.flatMap((name) => declarations(JSON.parse(readFileSync(path.join(out, `${name}.json`), 'utf8')) as Report));
      assert.ok(
        shardFindings.some((f) => f.resource.address.startsWith('module.other.')),
        'a shard judged the declarations under another instance',
      );

      const merged = runCli(['merge', ...names.map((name) => `${name}.json`), '-o', `merged-${n}.json`], { cwd: out });
      assert.equal(merged.status, whole.scan.exitCode, merged.stderr);
      const mergedReport = JSON.parse(readFileSync(path.join(out, `merged-${n}.json`), 'utf8')) as Report;
      // Whole findings, not keys: the note each shard adds for the merge (resource.instance) is gone.
      assert.deepEqual(declarations(mergedReport), declarations(whole));
      assert.deepEqual(mergedReport.summary.findings, whole.summary.findings);
      assert.equal(mergedReport.summary.blocking, whole.summary.blocking);

      type Result = { ruleId: string; partialFingerprints: Record<string, string>; message: { text: string }; properties: Record<string, unknown> };
      const results = (text: string): Result[] => (JSON.parse(text) as { runs: { results: Result[] }[] }).runs[0]!.results;
      const wholeResults = results(report('sarif', []));
      const mergedSarif = runCli(['merge', ...names.map((name) => `${name}.sarif`), '-o', `merged-${n}.sarif`], { cwd: out });
      assert.equal(mergedSarif.status, whole.scan.exitCode, mergedSarif.stderr);
      const line = (r: Result): string => JSON.stringify([r.ruleId, r.partialFingerprints, r.message.text, r.properties]);
      assert.deepEqual(results(readFileSync(path.join(out, `merged-${n}.sarif`), 'utf8')).map(line).sort(), wholeResults.map(line).sort());
    });

    test(`${n} shards with an unsharded baseline: a declaration's entry matches every shard's instance of it`, () => {
      const baseline = path.join(out, 'baseline.json');
      const created = runCli(['baseline', 'create', '.', '-o', baseline], { cwd: dir });
      assert.equal(created.status, 0, created.stderr);
      const entries = (JSON.parse(readFileSync(baseline, 'utf8')) as { entries: { resource: string }[] }).entries.map((e) => e.resource);
      assert.ok(entries.includes('module.svc.var.db_password'), 'made under the first root, envs/c');
      const withOther: string[] = [];
      for (let i = 1; i <= n; i++) {
        // --fail-on low: the finding is medium, and a new one must fail the job.
        const run = runCli(['scan', '.', '--no-cache', '--shard', `${i}/${n}`, '--baseline', baseline, '--fail-on', 'low', '--format', `json:${path.join(out, 'based.json')}`, '--quiet'], { cwd: dir });
        const shard = JSON.parse(readFileSync(path.join(out, 'based.json'), 'utf8')) as Report & { diagnostics: { code: string; message: string }[] };
        const judged = declarations(JSON.parse(report('json', ['--shard', `${i}/${n}`])) as Report);
        if (judged.some((f) => f.resource.address.startsWith('module.other.'))) withOther.push(`${i}/${n}`);
        assert.deepEqual(shard.findings.filter((f) => f.status === 'fail').map((f) => f.resource.address), [], `shard ${i}/${n}: nothing new`);
        assert.equal(run.status, 0, `shard ${i}/${n}: ${run.stdout}${run.stderr}`);
        assert.ok(!shard.diagnostics.some((d) => d.code === 'baseline/gone' && d.message.includes('db_password')), `shard ${i}/${n}: the entry is used, not gone`);
      }
      assert.ok(withOther.length > 0, 'a shard judged the declaration under module.other');

      // A new failure on the declaration is still reported by every shard that judges it.
      const module = path.join(dir, 'modules', 'shared', 'main.tf');
      const text = readFileSync(module, 'utf8');
      try {
        writeFileSync(module, `${text}variable "api_token" {\n  type    = string\n  default = "Tk7#wQ9$zL2!EXAMPLE"\n}\n`);
        let judging = 0;
        for (let i = 1; i <= n; i++) {
          const run = runCli(['scan', '.', '--no-cache', '--shard', `${i}/${n}`, '--baseline', baseline, '--fail-on', 'low', '--format', `json:${path.join(out, 'based.json')}`, '--quiet'], { cwd: dir });
          const shard = JSON.parse(readFileSync(path.join(out, 'based.json'), 'utf8')) as Report;
          const failing = shard.findings.filter((f) => f.status === 'fail').map((f) => f.resource.address);
          if (shard.findings.some((f) => f.resource.kind === 'variable')) {
            assert.ok(failing.some((a) => a.endsWith('.var.api_token')) && !failing.some((a) => a.endsWith('.var.db_password')), `shard ${i}/${n}: ${failing.join(', ')}`);
            assert.equal(run.status, 1, `shard ${i}/${n}`);
            judging++;
          }
        }
        assert.ok(judging >= 2, 'shards that call the module under module.svc and module.other');
      } finally {
        writeFileSync(module, text);
      }
    });
  }

  // The waiver names the address of the unsharded report (module.svc, envs/c): the shard holding
  // envs/d but not envs/c judged the declaration as module.other and failed its job on it.
  test('a waiver naming the declaration as the unsharded scan does covers every shard\'s instance of it', () => {
    const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    mkdirSync(path.join(dir, '.safeguard'), { recursive: true });
    const register = path.join(dir, '.safeguard', 'waivers.yaml');
    const waiver = (address: string): string =>
      `version: 1\nwaivers:\n  - id: W-001\n    rule: tf-sensitive-variables\n    resources: [${address}]\n    justification: A test default, replaced by the pipeline.\n    risk: { likelihood: low, impact: low }\n    compensating_controls:\n      - Every environment sets its own value.\n    requested_by: alice@example.com\n    approved_by: [bob@example.com]\n    created: ${day(-1)}\n    expires: ${day(60)}\n`;
    const statuses = (args: string[]): { status: number | null; judged: string[] } => {
      const file = path.join(out, 'waived.json');
      const run = runCli(['scan', '.', '--no-cache', '--rule', 'tf-sensitive-variables', '--fail-on', 'low', '--format', `json:${file}`, '--quiet', ...args], { cwd: dir });
      const r = JSON.parse(readFileSync(file, 'utf8')) as Report;
      return { status: run.status, judged: r.findings.filter((f) => f.resource.address.endsWith('.var.db_password')).map((f) => `${f.resource.address} ${f.status}`) };
    };
    try {
      writeFileSync(register, waiver('module.svc.var.db_password'));
      assert.deepEqual(statuses([]), { status: 0, judged: ['module.svc.var.db_password waived'] });
      const shards = [1, 2, 3].map((i) => statuses(['--shard', `${i}/3`]));
      assert.ok(shards.some((s) => s.judged.includes('module.other.var.db_password waived')), JSON.stringify(shards));
      for (const s of shards) assert.equal(s.status, 0, JSON.stringify(s));
      // One naming another instance waives nothing the unsharded scan judges, and so nothing in the shards but that instance's own.
      writeFileSync(register, waiver('module.other.var.db_password'));
      assert.deepEqual(statuses([]).judged, ['module.svc.var.db_password fail']);
      const others = [1, 2, 3].map((i) => statuses(['--shard', `${i}/3`]).judged).flat();
      assert.ok(others.includes('module.svc.var.db_password fail') && !others.includes('module.svc.var.db_password waived'), others.join(', '));
    } finally {
      rmSync(path.join(dir, '.safeguard'), { recursive: true, force: true });
    }
  });
});
