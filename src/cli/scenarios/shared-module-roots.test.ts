// A module called from several root modules (a monorepo's shared module, a registry module's
// examples): each root's findings on it have the same address and location, and only the root module
// tells them apart. Every report names it, the cache keeps it, and `merge` keeps both findings,
// sharded or not (it once kept one of two findings alike but for their root).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from './run-cli.js';

interface Finding {
  ruleId: string;
  status: string;
  resource: { address: string; kind: string; root?: string };
  span: { file: string; start: { line: number } };
}
interface Report {
  schemaVersion: string;
  findings: Finding[];
}

describe('findings of a module shared by several root modules', () => {
  let dir = '';
  let out = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'safeguard-shared-'));
    out = mkdtempSync(path.join(os.tmpdir(), 'safeguard-shared-out-'));
    mkdirSync(path.join(dir, 'modules', 'logs'), { recursive: true });
    writeFileSync(path.join(dir, 'modules', 'logs', 'main.tf'), 'variable "name" {}\nresource "aws_s3_bucket" "this" {\n  bucket = var.name\n}\n');
    for (const env of ['prod', 'stage']) {
      mkdirSync(path.join(dir, 'envs', env), { recursive: true });
      writeFileSync(path.join(dir, 'envs', env, 'main.tf'), `module "logs" {\n  source = "../../modules/logs"\n  name   = "logs-${env}"\n}\n`);
    }
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  const scan = (name: string, args: readonly string[] = []): Report => {
    const file = path.join(out, name);
    const run = runCli(['scan', '.', '--format', `json:${file}`, '--quiet', ...args], { cwd: dir });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return JSON.parse(readFileSync(file, 'utf8')) as Report;
  };
  const versioning = (r: Report): Finding[] => r.findings.filter((f) => f.ruleId === 'aws-s3-bucket-versioning');

  test('the JSON report names each finding root module; the text report says it where the file does not', () => {
    const report = scan('whole.json', ['--no-cache']);
    assert.equal(report.schemaVersion, '1.5');
    const found = versioning(report);
    assert.deepEqual(
      found.map((f) => [f.status, f.resource.address, f.resource.root, f.span.file, f.span.start.line]),
      [
        ['fail', 'module.logs.aws_s3_bucket.this', 'envs/prod', 'modules/logs/main.tf', 2],
        ['fail', 'module.logs.aws_s3_bucket.this', 'envs/stage', 'modules/logs/main.tf', 2],
      ],
    );
    const text = runCli(['scan', '.', '--no-cache', '--no-color'], { cwd: dir }).stdout;
    const blocks = text.split('\n\n').filter((b) => b.includes('aws-s3-bucket-versioning'));
    assert.deepEqual(
      blocks.map((b) => /\(root module ([^)]+)\)/.exec(b)?.[1]),
      ['envs/prod', 'envs/stage'],
    );
  });

  test('a warm scan reads the roots back from the cache', () => {
    const cache = path.join(out, 'cache');
    const cold = scan('cold.json', ['--cache-dir', cache]);
    const warm = scan('warm.json', ['--cache-dir', cache]);
    assert.deepEqual(versioning(warm).map((f) => f.resource.root), ['envs/prod', 'envs/stage']);
    assert.deepEqual(warm.findings, cold.findings);
  });

  test('merge keeps both findings, from one report and from shards', () => {
    const whole = scan('one.json', ['--no-cache']);
    const merged = path.join(out, 'merged.json');
    assert.ok([0, 1].includes(runCli(['merge', path.join(out, 'one.json'), '-o', merged]).status ?? -1));
    const again = JSON.parse(readFileSync(merged, 'utf8')) as Report;
    assert.equal(again.findings.length, whole.findings.length);
    assert.deepEqual(versioning(again).map((f) => f.resource.root), ['envs/prod', 'envs/stage']);
    for (const i of [1, 2]) scan(`shard${i}.json`, ['--no-cache', '--shard', `${i}/2`]);
    const fromShards = path.join(out, 'from-shards.json');
    assert.ok([0, 1].includes(runCli(['merge', path.join(out, 'shard1.json'), path.join(out, 'shard2.json'), '-o', fromShards]).status ?? -1));
    assert.deepEqual(versioning(JSON.parse(readFileSync(fromShards, 'utf8')) as Report).map((f) => f.resource.root), ['envs/prod', 'envs/stage']);
  });

  test('SARIF results carry the root module, and merging a log keeps both results', () => {
    const sarif = path.join(out, 'scan.sarif');
    runCli(['scan', '.', '--no-cache', '--quiet', '--format', `sarif:${sarif}`], { cwd: dir });
    type Log = { runs: { results: { ruleId: string; message: { text: string }; properties: { root?: string }; partialFingerprints: Record<string, string> }[] }[] };
    const roots = (log: Log): (string | undefined)[] => log.runs[0]!.results.filter((r) => r.ruleId === 'aws-s3-bucket-versioning').map((r) => r.properties.root);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as Log;
    assert.deepEqual(roots(log), ['envs/prod', 'envs/stage']);
    // Code scanning shows the message, not the properties, and keys alerts on the fingerprints: one alert per stack, each saying which.
    const versioning = log.runs[0]!.results.filter((r) => r.ruleId === 'aws-s3-bucket-versioning');
    assert.deepEqual(versioning.map((r) => /\(root module ([^)]+)\)$/.exec(r.message.text)?.[1]), ['envs/prod', 'envs/stage']);
    assert.notEqual(versioning[0]!.partialFingerprints['safeguardContent/v3'], versioning[1]!.partialFingerprints['safeguardContent/v3']);
    const merged = path.join(out, 'merged.sarif');
    runCli(['merge', sarif, '-o', merged]);
    assert.deepEqual(roots(JSON.parse(readFileSync(merged, 'utf8')) as Log), ['envs/prod', 'envs/stage']);
  });

  test('CSV, JUnit, Markdown, GitHub annotations and GitLab tell the two findings apart', () => {
    const written = (format: string): string => {
      const file = path.join(out, `report.${format}`);
      runCli(['scan', '.', '--no-cache', '--quiet', '--format', `${format}:${file}`], { cwd: dir });
      return readFileSync(file, 'utf8');
    };
    const csv = written('csv').split('\r\n');
    assert.equal(csv[0]!.split(',').at(-1), 'Root module');
    assert.deepEqual(csv.filter((l) => l.includes('aws-s3-bucket-versioning')).map((l) => l.split(',').at(-1)), ['envs/prod', 'envs/stage']);
    assert.deepEqual([...written('junit').matchAll(/name="\[MEDIUM\] module\.logs\.aws_s3_bucket\.this in root module ([^ "]+)[ "]/g)].map((m) => m[1]).slice(0, 2), ['envs/prod', 'envs/stage']);
    const markdown = written('markdown').split('\n').filter((l) => l.startsWith('`aws-s3-bucket-versioning` ·'));
    assert.deepEqual(markdown.map((l) => /\(root module ([^)]+)\)/.exec(l)?.[1]), ['envs/prod', 'envs/stage']);
    const github = written('github').split('\n').filter((l) => l.includes('title=aws-s3-bucket-versioning'));
    assert.deepEqual(github.map((l) => /\(root module ([^)]+)\)/.exec(l)?.[1]), ['envs/prod', 'envs/stage']);
    const gitlab = JSON.parse(written('gitlab-sast')) as { vulnerabilities: { id: string; description: string; identifiers: { value: string }[] }[] };
    assert.equal(new Set(gitlab.vulnerabilities.map((v) => v.id)).size, gitlab.vulnerabilities.length, 'every GitLab id is unique');
    const sast = gitlab.vulnerabilities.filter((v) => v.identifiers[0]!.value === 'aws-s3-bucket-versioning');
    assert.deepEqual(sast.map((v) => /\(root module ([^)]+)\)/.exec(v.description)?.[1]), ['envs/prod', 'envs/stage']);
    const quality = (JSON.parse(written('gitlab')) as { check_name: string; description: string; fingerprint: string }[]).filter((i) => i.check_name === 'aws-s3-bucket-versioning');
    assert.deepEqual(quality.map((i) => /\(root module ([^)]+)\)$/.exec(i.description)?.[1]), ['envs/prod', 'envs/stage']);
    assert.notEqual(quality[0]!.fingerprint, quality[1]!.fingerprint);
  });

  test('fix lists what is still failing with each root module, and applies the shared fix once', () => {
    const run = runCli(['fix', '.', '--dry-run', '--no-color'], { cwd: dir });
    assert.equal((run.stdout.match(/^\+resource "aws_s3_bucket_versioning" "this"/gm) ?? []).length, 1, run.stdout);
    const left = (run.stdout + run.stderr).split('\n').filter((l) => l.includes('aws-s3-bucket-encryption-at-rest'));
    assert.deepEqual(left.map((l) => /\(root module ([^)]+)\)$/.exec(l)?.[1]), ['envs/prod', 'envs/stage']);
  });
});

// Each root evaluates the shared module with its own inputs, outputs included: an output that fails
// for one root's inputs only is reported, whichever thread meets the module first (a scan that
// evaluated each output declaration once, for the first root, lost it with --jobs 1 only).
describe('an output of a shared module that fails for one root module', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'safeguard-shared-output-'));
    mkdirSync(path.join(dir, 'modules', 'sizes'), { recursive: true });
    writeFileSync(path.join(dir, 'modules', 'sizes', 'main.tf'), 'variable "size" {\n  type = string\n}\noutput "first" {\n  value = var.size == "big" ? [1][5] : 1\n}\n');
    // The last root fails: --jobs 2 hands the first two to a worker and takes the last itself, so
    // this thread meets the module first there. Padded past 256 KB, so --jobs 2 starts a worker.
    for (const [env, size] of [['a', 'small'], ['b', 'small'], ['c', 'big']]) {
      mkdirSync(path.join(dir, 'envs', env!), { recursive: true });
      writeFileSync(path.join(dir, 'envs', env!, 'main.tf'), `module "sizes" {\n  source = "../../modules/sizes"\n  size   = "${size}"\n}\n`);
      writeFileSync(path.join(dir, 'envs', env!, 'padding.tf'), `locals {\n  padding = "${'x'.repeat(100 * 1024)}"\n}\n`);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const diagnostics = (jobs: string): string[] => {
    const file = path.join(dir, `report-${jobs}.json`);
    const run = runCli(['scan', '.', '--no-cache', '--jobs', jobs, '--format', `json:${file}`, '--quiet'], { cwd: dir });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const report = JSON.parse(readFileSync(file, 'utf8')) as { diagnostics: { code: string; message: string; span?: { file: string; start: { line: number } } }[] };
    return report.diagnostics.map((d) => `${d.code} ${d.span?.file ?? ''}:${d.span?.start.line ?? ''} ${d.message}`);
  };

  test('is reported once, the same with --jobs 1 and --jobs 2', () => {
    const one = diagnostics('1');
    assert.deepEqual(one, ['eval/error modules/sizes/main.tf:5 output "first": Invalid index: the given key 5 is out of range for a collection of 1 elements.']);
    assert.deepEqual(diagnostics('2'), one);
  });
});
