// A local module called through a directory symlink (`source = "./current"`, current -> releases/v2)
// beside a call of the directory itself: Terraform loads both from the directory the link resolves
// to (terraform init records `Dir` "releases/v2" for the link's call in modules.json, and path.module
// is that directory), so both calls are evaluated, from one copy of its files, named at its own path.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from './run-cli.js';

interface Report {
  scan: { filesScanned: string[] };
  findings: { ruleId: string; status: string; resource: { address: string }; span: { file: string } }[];
  diagnostics: { code: string; severity: string; message: string }[];
}

const DB = `variable "public" {
  type = bool
}
resource "aws_db_instance" "this" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = true
  publicly_accessible = var.public
}
`;

describe('a module called through a directory symlink', () => {
  let dir = '';
  let out = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'safeguard-symlink-'));
    out = mkdtempSync(path.join(os.tmpdir(), 'safeguard-symlink-out-'));
    mkdirSync(path.join(dir, 'lib', 'a'), { recursive: true });
    mkdirSync(path.join(dir, 'lib', 'b'), { recursive: true });
    writeFileSync(path.join(dir, 'lib', 'a', 'main.tf'), DB);
    writeFileSync(path.join(dir, 'lib', 'b', 'main.tf'), DB.replace('var.public', 'true'));
    // `cur` sorts before `lib`: the walk meets the link first.
    symlinkSync('lib/a', path.join(dir, 'cur'));
    writeFileSync(path.join(dir, 'main.tf'), 'module "m" {\n  source = "./cur"\n  public = false\n}\nmodule "a" {\n  source = "./lib/a"\n  public = true\n}\n');
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  const scan = (args: string[]): Report => {
    const run = runCli(['scan', '.', '--format', `json:${path.join(out, 'out.json')}`, '--quiet', ...args], { cwd: dir });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return JSON.parse(readFileSync(path.join(out, 'out.json'), 'utf8')) as Report;
  };
  const notPublic = (r: Report): string[] =>
    r.findings
      .filter((f) => f.ruleId === 'aws-rds-instance-not-public')
      .map((f) => `${f.resource.address} ${f.status} ${f.span.file}`)
      .sort();

  test('both calls are evaluated from the one directory: the public database of the direct call fails', () => {
    for (const args of [['--no-cache'], ['--no-cache', '--jobs', '2']]) {
      const report = scan(args);
      // Read once, at its own path: no cur/main.tf beside lib/a/main.tf.
      assert.deepEqual(report.scan.filesScanned, ['lib/a/main.tf', 'lib/b/main.tf', 'main.tf'], args.join(' '));
      // module "a" was "missing" (lib/a read as cur/main.tf only), so its public database went unjudged.
      assert.deepEqual(report.diagnostics, [], args.join(' '));
      // lib/b is called by no one: a root module of its own.
      assert.deepEqual(notPublic(report), ['aws_db_instance.this fail lib/b/main.tf', 'module.a.aws_db_instance.this fail lib/a/main.tf', 'module.m.aws_db_instance.this pass lib/a/main.tf'], args.join(' '));
    }
  });

  test('a link retargeted changes no file, and a warm scan follows it', () => {
    const cache = ['--cache-dir', path.join(out, 'cache')];
    scan(cache);
    rmSync(path.join(dir, 'cur'));
    symlinkSync('lib/b', path.join(dir, 'cur'));
    try {
      const warm = scan(cache);
      const truth = scan(['--no-cache']);
      assert.deepEqual(notPublic(truth), ['module.a.aws_db_instance.this fail lib/a/main.tf', 'module.m.aws_db_instance.this fail lib/b/main.tf']);
      assert.deepEqual(notPublic(warm), notPublic(truth));
    } finally {
      rmSync(path.join(dir, 'cur'));
      symlinkSync('lib/a', path.join(dir, 'cur'));
    }
  });
});

describe('a module called through a directory symlink that points out of the scan root', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'safeguard-symlink-out-root-'));
    mkdirSync(path.join(dir, 'outside'), { recursive: true });
    mkdirSync(path.join(dir, 'repo'), { recursive: true });
    writeFileSync(path.join(dir, 'outside', 'main.tf'), DB);
    symlinkSync(path.join(dir, 'outside'), path.join(dir, 'repo', 'ext'));
    writeFileSync(path.join(dir, 'repo', 'main.tf'), 'module "m" {\n  source = "./ext"\n  public = true\n}\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('is outside the root, an error as a call of "../outside" is, not a warning that lets the scan pass', () => {
    const out = path.join(dir, 'out.json');
    const run = runCli(['scan', '.', '--no-cache', '--fail-on', 'critical', '--format', `json:${out}`, '--quiet'], { cwd: path.join(dir, 'repo') });
    // Exit 1: an input could not be checked. It was 0, with only warnings, and the public database never read.
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    assert.deepEqual(
      report.diagnostics.map((d) => `${d.code} ${d.severity}`),
      ['discovery/outside-root warning', 'module/outside-root error'],
    );
    assert.match(report.diagnostics[1]!.message, /module "m" uses \.\/ext, which links to a directory outside the scan root/);
  });
});
