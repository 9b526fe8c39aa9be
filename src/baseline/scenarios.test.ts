// Baseline and --changed-since scenarios: the built CLI on a small git repository made here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../cli/scenarios/run-cli.js';
import { tempDir } from '../testing/temp-dir.js';

const BUCKET = (name: string) => `resource "aws_db_instance" "${name}" {\n  engine            = "postgres"\n  storage_encrypted = false\n}\n`;

interface JsonReport {
  findings: { ruleId: string; status: string; resource: { address: string }; span: { file: string } }[];
  diagnostics: { code: string; message: string }[];
}

function repo(): string {
  const dir = tempDir('safeguard-baseline-');
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'Test');
  mkdirSync(path.join(dir, 'a'));
  mkdirSync(path.join(dir, 'b'));
  writeFileSync(path.join(dir, 'a/db.tf'), BUCKET('phi'));
  writeFileSync(path.join(dir, 'b/db.tf'), BUCKET('other'));
  git('add', '.');
  git('commit', '-q', '-m', 'initial');
  return dir;
}

const scanJson = (dir: string, args: string[]) => {
  const run = runCli(['scan', '.', '--format', 'json', ...args], { cwd: dir });
  return { status: run.status, report: JSON.parse(run.stdout) as JsonReport, stderr: run.stderr };
};
const failing = (r: JsonReport) => r.findings.filter((f) => f.status === 'fail' && f.ruleId === 'aws-rds-storage-encrypted').map((f) => `${f.span.file} ${f.resource.address}`);

describe('baselines', () => {
  test('baseline create --help offers what it uses: -o is the baseline file; no report format, --fail-on or --verbose', () => {
    const help = runCli(['baseline', 'create', '--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout.replace(/\s+/g, ' '), /-o, --output <file> +write the baseline to this file \(default: \.safeguard-baseline\.json\)/);
    for (const option of ['--format', '--fail-on', '--verbose']) assert.ok(!help.stdout.includes(option), `${option} in\n${help.stdout}`);
    assert.equal(runCli(['baseline', 'create', '--fail-on', 'low']).status, 2, 'refused, not accepted and ignored');
  });

  test('baseline create, then scan --baseline reports only new findings and lists fixed entries', () => {
    const dir = repo();
    const created = runCli(['baseline', 'create', '.'], { cwd: dir });
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stderr, /Baseline written to \.safeguard-baseline\.json: \d+ failing findings/);
    const baseline = JSON.parse(readFileSync(path.join(dir, '.safeguard-baseline.json'), 'utf8')) as { entries: { file: string; resource: string; fingerprint: string }[] };
    assert.ok(baseline.entries.some((e) => e.file === 'a/db.tf' && e.resource === 'aws_db_instance.phi' && /^[0-9a-f]{32}$/.test(e.fingerprint)));

    const clean = scanJson(dir, ['--baseline', '.safeguard-baseline.json']);
    assert.deepEqual(failing(clean.report), []);
    assert.equal(clean.status, 0, 'nothing new: the run passes');

    // Lines inserted above do not make a finding new; the same address in a new file does (Checkov's flaw).
    writeFileSync(path.join(dir, 'a/db.tf'), `# PHI\n\n${BUCKET('phi')}`);
    mkdirSync(path.join(dir, 'c'));
    writeFileSync(path.join(dir, 'c/db.tf'), BUCKET('phi'));
    // Fix one baselined finding.
    writeFileSync(path.join(dir, 'b/db.tf'), BUCKET('other').replace('storage_encrypted = false', 'storage_encrypted = true'));
    const next = scanJson(dir, ['--baseline', '.safeguard-baseline.json']);
    assert.deepEqual(failing(next.report), ['c/db.tf aws_db_instance.phi']);
    assert.equal(next.status, 1);
    assert.ok(next.report.diagnostics.some((d) => d.code === 'baseline/gone' && /aws-rds-storage-encrypted on aws_db_instance\.other \(b\/db\.tf:\d+\)/.test(d.message)));
  });

  // A missing argument is reported at its enclosing block. Its fingerprint covered the block's whole
  // text, so adding tags or turning off public access brought back every such baselined finding.
  const DB = `resource "aws_db_instance" "db" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  storage_encrypted   = false
  publicly_accessible = true
}
`;
  const BLOCK_RULES = ['aws-rds-backup-retention', 'aws-rds-multi-az', 'aws-datastore-deletion-protection'];
  const dbRepo = (main: string) => {
    const dir = tempDir('safeguard-baseline-block-');
    mkdirSync(path.join(dir, 'a'));
    writeFileSync(path.join(dir, 'a/db.tf'), main);
    return dir;
  };
  const failingRules = (r: JsonReport) => r.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId).sort();
  const gone = (r: JsonReport) => r.diagnostics.filter((d) => d.code === 'baseline/gone').map((d) => d.message);

  test('editing another line of a block keeps its block-level findings baselined; setting the missing argument makes its entry gone', () => {
    const dir = dbRepo(DB);
    assert.equal(runCli(['baseline', 'create', '.'], { cwd: dir }).status, 0);
    const baseline = JSON.parse(readFileSync(path.join(dir, '.safeguard-baseline.json'), 'utf8')) as { fingerprints: string; entries: { ruleId: string }[] };
    assert.equal(baseline.fingerprints, 'safeguardContent/v3');
    for (const rule of [...BLOCK_RULES, 'aws-rds-storage-encrypted']) assert.ok(baseline.entries.some((e) => e.ruleId === rule), rule);

    // Each edit, and the entries it fixes (the finding about what changed), which alone may be gone.
    for (const [edited, fixes] of [
      [DB.replace('publicly_accessible = true', 'publicly_accessible = false'), ['aws-rds-instance-not-public']],
      [DB.replace('}\n', '  tags = { owner = "dba", data_classification = "internal" }\n}\n'), ['phi-data-classification-tags']],
      [DB.replace('  instance_class      = "db.t3.micro"\n', ''), []],
      [`# The patient database.\n${DB.replace('"db" {', '"db"   {')}`, []],
    ] as const) {
      writeFileSync(path.join(dir, 'a/db.tf'), edited);
      const run = scanJson(dir, ['--baseline', '.safeguard-baseline.json']);
      assert.deepEqual(failingRules(run.report), [], edited);
      assert.deepEqual(gone(run.report).map((m) => /occurs: (\S+)/.exec(m)?.[1]), fixes, edited);
      assert.equal(run.status, 0, edited);
    }

    // The attribute finding still follows its own text: editing it to another failing value is new.
    writeFileSync(path.join(dir, 'a/db.tf'), DB.replace('storage_encrypted   = false', 'storage_encrypted   = "false"'));
    assert.deepEqual(failingRules(scanJson(dir, ['--baseline', '.safeguard-baseline.json']).report), ['aws-rds-storage-encrypted']);

    // Fixing what a block-level finding is about: that finding disappears and its entry is gone; the others stay matched.
    writeFileSync(path.join(dir, 'a/db.tf'), DB.replace('}\n', '  backup_retention_period = 7\n}\n'));
    const fixed = scanJson(dir, ['--baseline', '.safeguard-baseline.json']);
    assert.deepEqual(failingRules(fixed.report), []);
    assert.deepEqual(gone(fixed.report), ['Baseline entry no longer occurs: aws-rds-backup-retention on aws_db_instance.db (a/db.tf:1).']);
    assert.equal(fixed.status, 0);
  });

  test('JSON syntax: editing another key of the block keeps its block-level findings baselined', () => {
    const json = (publicly: boolean) => `${JSON.stringify({ resource: { aws_db_instance: { db: { engine: 'postgres', storage_encrypted: false, publicly_accessible: publicly } } } }, null, 2)}\n`;
    const dir = tempDir('safeguard-baseline-json-');
    writeFileSync(path.join(dir, 'main.tf.json'), json(true));
    assert.equal(runCli(['baseline', 'create', '.'], { cwd: dir }).status, 0);
    writeFileSync(path.join(dir, 'main.tf.json'), json(false).replace('"engine"', '"identifier": "db",\n      "engine"'));
    const run = scanJson(dir, ['--baseline', '.safeguard-baseline.json']);
    assert.deepEqual(failingRules(run.report), []);
    assert.deepEqual(gone(run.report).filter((m) => !/aws-rds-instance-not-public/.test(m)), []);
  });

  // Written by Safeguard before recipe 2 (no `fingerprints`), for DB in a/db.tf: a committed baseline
  // must keep suppressing what it suppressed.
  const RECIPE_ONE_BASELINE = {
    version: 1,
    tool: 'safeguard',
    entries: [
      { ruleId: 'aws-datastore-deletion-protection', file: 'a/db.tf', resource: 'aws_db_instance.db', fingerprint: '1130e31fee664ea0b0a60228b8b4ae7b', line: 1 },
      { ruleId: 'aws-rds-backup-retention', file: 'a/db.tf', resource: 'aws_db_instance.db', fingerprint: 'e44122f65b98d786ffdfa5ffae46ac24', line: 1 },
      { ruleId: 'aws-rds-multi-az', file: 'a/db.tf', resource: 'aws_db_instance.db', fingerprint: '7afb50d069124f708650c90f12cd8513', line: 1 },
      { ruleId: 'aws-rds-storage-encrypted', file: 'a/db.tf', resource: 'aws_db_instance.db', fingerprint: 'df96e813bb0a66df75b9e296cdcf01c2', line: 4 },
    ],
  };

  test('a baseline written with the earlier recipe still suppresses the same findings', () => {
    const dir = dbRepo(DB);
    writeFileSync(path.join(dir, 'old-baseline.json'), JSON.stringify(RECIPE_ONE_BASELINE));
    const run = scanJson(dir, ['--baseline', 'old-baseline.json']);
    const reported = failingRules(run.report);
    for (const rule of [...BLOCK_RULES, 'aws-rds-storage-encrypted']) assert.ok(!reported.includes(rule), `${rule} is baselined`);
    assert.ok(reported.includes('aws-rds-instance-not-public'), 'what it does not hold is reported');
    assert.deepEqual(gone(run.report), []);
    assert.ok(run.report.diagnostics.some((d) => d.code === 'baseline/matched' && /^4 failing findings/.test(d.message)));

    // It is matched as it was written: an edit inside the block loses its block-level entries, and the hint says how to stop that.
    writeFileSync(path.join(dir, 'a/db.tf'), DB.replace('instance_class      = "db.t3.micro"', 'instance_class      = "db.t3.small"'));
    const edited = runCli(['scan', '.', '--format', 'json', '--baseline', 'old-baseline.json'], { cwd: dir });
    const report = JSON.parse(edited.stdout) as { diagnostics: { code: string; hint?: string }[] };
    assert.ok(report.diagnostics.some((d) => d.code === 'baseline/gone' && /predates block fingerprints/.test(d.hint ?? '')));
  });

  test("two stacks calling one module: dev's entry does not absorb prod's new finding on the module's line once dev's is fixed", () => {
    const dir = tempDir('safeguard-baseline-stacks-');
    mkdirSync(path.join(dir, 'modules/store'), { recursive: true });
    writeFileSync(path.join(dir, 'modules/store/main.tf'), 'variable "backup_days" {\n  type = number\n}\n\nresource "aws_db_instance" "this" {\n  engine                  = "postgres"\n  instance_class          = "db.t3.micro"\n  backup_retention_period = var.backup_days\n}\n');
    const stack = (env: string, days: number) => {
      mkdirSync(path.join(dir, 'envs', env), { recursive: true });
      writeFileSync(path.join(dir, 'envs', env, 'main.tf'), `module "store" {\n  source      = "../../modules/store"\n  backup_days = ${days}\n}\n`);
    };
    stack('dev', 0);
    stack('prod', 14);
    assert.equal(runCli(['baseline', 'create', '.'], { cwd: dir }).status, 0);
    stack('dev', 14);
    stack('prod', 0);
    const run = runCli(['scan', '.', '--baseline', '.safeguard-baseline.json', '--format', 'json', '--no-cache'], { cwd: dir });
    const report = JSON.parse(run.stdout) as JsonReport;
    const failing = report.findings.filter((f) => f.status === 'fail' && f.ruleId === 'aws-rds-backup-retention') as unknown as { resource: { root?: string } }[];
    assert.deepEqual(failing.map((f) => f.resource.root), ['envs/prod'], 'prod\'s backup retention is new');
    assert.ok(report.diagnostics.some((d) => d.code === 'baseline/gone' && /aws-rds-backup-retention/.test(d.message)), "dev's entry is gone");
  });

  test('a baselined missing-tag finding stays baselined when other tags are added or edited', () => {
    const dir = tempDir('safeguard-baseline-tags-');
    const bucket = (tags: string) => `resource "aws_s3_bucket" "b" {\n  bucket = "example-records"\n  tags = {\n${tags}  }\n}\n`;
    writeFileSync(path.join(dir, 'main.tf'), bucket('    data_classification = "internal"\n'));
    assert.equal(runCli(['baseline', 'create', '.'], { cwd: dir }).status, 0);
    writeFileSync(path.join(dir, 'main.tf'), bucket('    data_classification = "internal"\n    cost_center         = "1234"\n'));
    const run = runCli(['scan', '.', '--baseline', '.safeguard-baseline.json', '--format', 'json', '--no-cache'], { cwd: dir });
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(report.findings.filter((f) => f.status === 'fail' && f.ruleId === 'phi-data-classification-tags'), [], 'still baselined');
    assert.ok(!report.diagnostics.some((d) => d.code === 'baseline/gone' && /phi-data-classification-tags/.test(d.message)));
  });

  test('a corrupt baseline is a setup error (exit 2)', () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'bad.json'), '{"version": 7, "entries": []}');
    const run = runCli(['scan', '.', '--baseline', 'bad.json'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /bad\.json: version: expected 1, got 7\./);
  });
});

describe('--changed-since', () => {
  test('reports only findings in modules changed since the ref, including uncommitted and untracked files', () => {
    const dir = repo();
    execFileSync('git', ['-C', dir, 'checkout', '-q', '-b', 'feature']);
    writeFileSync(path.join(dir, 'a/variables.tf'), 'variable "x" {\n  default = 1\n}\n');
    const run = scanJson(dir, ['--changed-since', 'main']);
    assert.deepEqual(failing(run.report), ['a/db.tf aws_db_instance.phi'], 'b/ did not change');
    assert.ok(run.report.diagnostics.some((d) => d.code === 'scan/changed-since'));
    const nothing = runCli(['scan', '.', '--changed-since', 'no-such-ref'], { cwd: dir });
    assert.equal(nothing.status, 2);
    assert.match(nothing.stderr, /--changed-since no-such-ref: not a git revision/);
  });

  test('a scanned file git ignores cannot be shown unchanged: its findings are reported (the stacks CDK for Terraform writes to a git-ignored cdktf.out)', () => {
    const dir = repo();
    writeFileSync(path.join(dir, '.gitignore'), 'cdktf.out\n');
    execFileSync('git', ['-C', dir, 'add', '.gitignore']);
    execFileSync('git', ['-C', dir, 'commit', '-q', '-m', 'ignore synth output']);
    mkdirSync(path.join(dir, 'cdktf.out/stacks/s'), { recursive: true });
    writeFileSync(path.join(dir, 'cdktf.out/stacks/s/cdk.tf.json'), JSON.stringify({ resource: { aws_db_instance: { gen: { engine: 'postgres', storage_encrypted: false } } } }));
    for (const target of ['cdktf.out', 'cdktf.out/stacks/s/cdk.tf.json']) {
      const run = runCli(['scan', target, '--format', 'json', '--changed-since', 'HEAD'], { cwd: dir });
      const report = JSON.parse(run.stdout) as JsonReport;
      assert.deepEqual(failing(report).map((f) => f.replace(/^.*cdk\.tf\.json/, 'cdk.tf.json')), ['cdk.tf.json aws_db_instance.gen'], target);
      assert.equal(run.status, 1, target);
    }
    // The tracked, unchanged modules stay narrowed away.
    const all = scanJson(dir, ['cdktf.out', '--changed-since', 'HEAD']);
    assert.deepEqual(failing(all.report), ['cdktf.out/stacks/s/cdk.tf.json aws_db_instance.gen']);
  });

  test('a file the evaluation read through file() counts as changed for its root module: a policy loosened in policies/*.json is reported, warm cache or not', () => {
    const dir = repo();
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    mkdirSync(path.join(dir, 'a/policies'));
    writeFileSync(path.join(dir, 'a/bucket.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "phi-x"\n}\nresource "aws_s3_bucket_policy" "b" {\n  bucket = aws_s3_bucket.b.id\n  policy = file("${path.module}/policies/p.json")\n}\n');
    const policy = (effect: string, action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Principal: '*', Action: action, Resource: ['arn:aws:s3:::phi-x/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });
    writeFileSync(path.join(dir, 'a/policies/p.json'), policy('Deny', 's3:*'));
    git('add', '.');
    git('commit', '-q', '-m', 'bucket');
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(path.join(dir, 'a/policies/p.json'), policy('Allow', 's3:GetObject'));
    git('commit', '-q', '-am', 'loosen the policy');
    const publicPolicy = (r: JsonReport) => r.findings.filter((f) => f.status === 'fail' && f.ruleId === 'aws-s3-bucket-policy-no-public-principal').map((f) => f.resource.address);
    for (const args of [[], ['--cache-dir', '.cache'], ['--cache-dir', '.cache']]) {
      const run = scanJson(dir, ['--changed-since', 'main', ...args]);
      assert.deepEqual(publicPolicy(run.report), ['aws_s3_bucket_policy.b'], `only the JSON file changed, and the bucket policy is now public (${args.join(' ')})`);
      assert.equal(run.status, 1);
      assert.deepEqual(failing(run.report), ['a/db.tf aws_db_instance.phi'], 'root module a read it; b did not');
    }
  });

  test('a --var-file counts as read by every root module: deleting the line that turned encryption on is reported', () => {
    const dir = repo();
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    mkdirSync(path.join(dir, 'envs'));
    writeFileSync(path.join(dir, 'b/db.tf'), 'variable "encrypted" {\n  default = false\n}\nresource "aws_db_instance" "other" {\n  engine            = "postgres"\n  storage_encrypted = var.encrypted\n}\n');
    writeFileSync(path.join(dir, 'envs/prod.tfvars'), 'encrypted = true\n');
    git('add', '.');
    git('commit', '-q', '-m', 'encrypted through the var file');
    assert.deepEqual(failing(scanJson(dir, ['--var-file', 'envs/prod.tfvars']).report), ['a/db.tf aws_db_instance.phi']);
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(path.join(dir, 'envs/prod.tfvars'), '# the default will do\n');
    git('commit', '-q', '-am', 'drop the line');
    const run = scanJson(dir, ['--var-file', 'envs/prod.tfvars', '--changed-since', 'main']);
    assert.deepEqual(failing(run.report), ['a/db.tf aws_db_instance.phi', 'b/db.tf aws_db_instance.other'], 'no finding points at the var file, yet it changed what b evaluates to');
    assert.equal(run.status, 1);
  });

  test('a module block that changed counts for the modules it calls: an input deleted there lets a variable default through', () => {
    const dir = repo();
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    mkdirSync(path.join(dir, 'modules/app'), { recursive: true });
    mkdirSync(path.join(dir, 'modules/db'), { recursive: true });
    writeFileSync(path.join(dir, 'modules/db/main.tf'), 'variable "encrypted" {\n  default = false\n}\nresource "aws_db_instance" "nested" {\n  engine            = "postgres"\n  storage_encrypted = var.encrypted\n}\n');
    const app = (input: string) => `module "db" {\n  source = "../db"\n${input}}\n`;
    writeFileSync(path.join(dir, 'modules/app/main.tf'), app('  encrypted = true\n'));
    writeFileSync(path.join(dir, 'b/main.tf'), 'module "app" {\n  source = "../modules/app"\n}\n');
    git('add', '.');
    git('commit', '-q', '-m', 'nested modules');
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(path.join(dir, 'modules/app/main.tf'), app(''));
    const nested = scanJson(dir, ['--changed-since', 'main']);
    assert.deepEqual(failing(nested.report), ['b/db.tf aws_db_instance.other', 'modules/db/main.tf module.app.module.db.aws_db_instance.nested'], "only app's module block changed: root module b's findings count, a's do not");
    assert.equal(nested.status, 1);
  });

  test("an account's findings count when any Terraform file changed: the stack deleting the account's trail is elsewhere", () => {
    const dir = repo();
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    cpSync('examples/hipaa-baseline', path.join(dir, 'base'), { recursive: true });
    git('add', '.');
    git('commit', '-q', '-m', 'the account baseline');
    // The report is larger than runCli's stdout buffer: written to a file.
    const out = path.join(tempDir('safeguard-report-'), 'report.json');
    const report = (args: string[]) => {
      runCli(['scan', '.', '--format', `json:${out}`, ...args], { cwd: dir });
      return JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
    };
    const trail = (r: JsonReport) => r.findings.filter((f) => f.ruleId === 'aws-cloudtrail-enabled' && f.status === 'fail').map((f) => f.resource.address);
    assert.deepEqual(trail(report([])), [], 'the trail is there');
    git('checkout', '-q', '-b', 'feature');
    git('rm', '-r', '-q', 'base/modules/cloudtrail');
    const main = readFileSync(path.join(dir, 'base/main.tf'), 'utf8');
    writeFileSync(path.join(dir, 'base/main.tf'), main.replace(/module "cloudtrail" \{[^}]*\}\n/, ''));
    git('commit', '-q', '-am', 'drop the trail');
    const full = trail(report([]));
    assert.ok(full.length > 0, 'the full scan fails the account');
    assert.deepEqual(trail(report(['--changed-since', 'main'])), full, 'and so does the diff-aware one');
  });

  test("a Terraform file changed in one module counts for its root module's other modules: a public access block deleted in modules/guard fails the bucket in modules/data", () => {
    const dir = repo();
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    mkdirSync(path.join(dir, 'modules/data'), { recursive: true });
    mkdirSync(path.join(dir, 'modules/guard'), { recursive: true });
    writeFileSync(path.join(dir, 'modules/data/main.tf'), 'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-data"\n}\noutput "id" {\n  value = aws_s3_bucket.phi.id\n}\n');
    const guard = 'variable "bucket" {}\n';
    writeFileSync(path.join(dir, 'modules/guard/main.tf'), `${guard}resource "aws_s3_bucket_public_access_block" "b" {\n  bucket                  = var.bucket\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n`);
    writeFileSync(path.join(dir, 'b/main.tf'), 'module "data" {\n  source = "../modules/data"\n}\nmodule "guard" {\n  source = "../modules/guard"\n  bucket = module.data.id\n}\n');
    git('add', '.');
    git('commit', '-q', '-m', 'guarded bucket');
    const blocked = (r: JsonReport) => r.findings.filter((f) => f.status === 'fail' && f.ruleId === 'aws-s3-bucket-public-access-block').map((f) => f.resource.address);
    assert.deepEqual(blocked(scanJson(dir, []).report), []);
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(path.join(dir, 'modules/guard/main.tf'), guard);
    git('commit', '-q', '-am', 'drop the block');
    const run = scanJson(dir, ['--changed-since', 'main']);
    assert.deepEqual(blocked(run.report), ['module.data.aws_s3_bucket.phi'], 'modules/data did not change, its root module did');
    assert.deepEqual(failing(run.report), ['b/db.tf aws_db_instance.other'], 'and so the rest of root module b is reported; a is not');
  });

  test("a Terraform Stacks component's modules count for the stack: a file of a module the component's module calls changed reports the component's findings, warm cache or not", () => {
    const dir = repo();
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    mkdirSync(path.join(dir, 'stack/db'), { recursive: true });
    mkdirSync(path.join(dir, 'modules/kms'), { recursive: true });
    // The stack's file is skipped by discovery (not yet supported), not scanned: a cache hit reads it again.
    writeFileSync(path.join(dir, 'stack/main.tfcomponent.hcl'), 'component "db" {\n  source = "./db"\n}\n');
    writeFileSync(path.join(dir, 'stack/db/main.tf'), `${BUCKET('component')}module "kms" {\n  source = "../../modules/kms"\n}\n`);
    writeFileSync(path.join(dir, 'modules/kms/main.tf'), 'variable "alias" {\n  default = "alias/phi"\n}\n');
    git('add', '.');
    git('commit', '-q', '-m', 'a stack');
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(path.join(dir, 'a/db.tf'), `# PHI\n${BUCKET('phi')}`);
    git('commit', '-q', '-am', 'touch a only');
    for (const args of [[], ['--cache-dir', '.cache'], ['--cache-dir', '.cache']]) {
      assert.deepEqual(failing(scanJson(dir, ['--changed-since', 'main', ...args]).report), ['a/db.tf aws_db_instance.phi'], `the stack did not change (${args.join(' ')})`);
    }
    writeFileSync(path.join(dir, 'modules/kms/main.tf'), 'variable "alias" {\n  default = "alias/other"\n}\n');
    git('commit', '-q', '-am', 'change the module the component module calls');
    for (const args of [[], ['--cache-dir', '.cache'], ['--cache-dir', '.cache']]) {
      const run = scanJson(dir, ['--changed-since', 'main', ...args]);
      assert.deepEqual(failing(run.report), ['a/db.tf aws_db_instance.phi', 'stack/db/main.tf component.db.aws_db_instance.component'], `modules/kms is the stack's (${args.join(' ')})`);
      assert.equal(run.status, 1);
    }
  });

  test("a module terraform init downloaded (git-ignored .terraform) counts as changed through the module block that calls it, not on every run", () => {
    const dir = repo();
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    writeFileSync(path.join(dir, '.gitignore'), '.terraform/\n');
    writeFileSync(path.join(dir, 'b/main.tf'), 'module "app" {\n  source = "./app"\n}\n');
    mkdirSync(path.join(dir, 'b/app'));
    writeFileSync(path.join(dir, 'b/app/main.tf'), 'module "db" {\n  source  = "example-org/db/aws"\n  version = "1.0.0"\n}\n');
    mkdirSync(path.join(dir, 'b/.terraform/modules/app.db'), { recursive: true });
    writeFileSync(path.join(dir, 'b/.terraform/modules/modules.json'), JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'app', Source: './app', Dir: 'app' }, { Key: 'app.db', Source: 'registry.terraform.io/example-org/db/aws', Version: '1.0.0', Dir: '.terraform/modules/app.db' }] }));
    writeFileSync(path.join(dir, 'b/.terraform/modules/app.db/main.tf'), BUCKET('downloaded'));
    git('add', '.');
    git('commit', '-q', '-m', 'a downloaded module');
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(path.join(dir, 'a/db.tf'), `# PHI\n${BUCKET('phi')}`);
    git('commit', '-q', '-am', 'touch a only');
    const unrelated = scanJson(dir, ['--changed-since', 'main']);
    assert.deepEqual(failing(unrelated.report), ['a/db.tf aws_db_instance.phi'], 'the downloaded module is not new in every pull request');
    writeFileSync(path.join(dir, 'b/app/main.tf'), 'module "db" {\n  source  = "example-org/db/aws"\n  version = "1.1.0"\n}\n');
    const bumped = scanJson(dir, ['--changed-since', 'main']);
    assert.deepEqual(failing(bumped.report), ['a/db.tf aws_db_instance.phi', 'b/.terraform/modules/app.db/main.tf module.app.module.db.aws_db_instance.downloaded', 'b/db.tf aws_db_instance.other'], 'the calling module block changed (root module b)');
  });

  test('files of a git submodule count as changed when the submodule does, not for being outside the top index', () => {
    const shared = repo();
    const dir = repo();
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'protocol.file.allow=always', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    git('submodule', 'add', '-q', shared, 'shared');
    git('commit', '-q', '-m', 'shared modules');
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(path.join(dir, 'README.md'), '# docs\n');
    git('add', '.');
    git('commit', '-q', '-m', 'docs');
    const docs = scanJson(dir, ['--changed-since', 'main']);
    assert.deepEqual(failing(docs.report), [], 'nothing Terraform changed');
    assert.equal(docs.status, 0);
    writeFileSync(path.join(dir, 'shared/a/db.tf'), `# PHI\n${BUCKET('phi')}`);
    const dirty = scanJson(dir, ['--changed-since', 'main']);
    assert.deepEqual(failing(dirty.report), ['shared/a/db.tf aws_db_instance.phi', 'shared/b/db.tf aws_db_instance.other'], 'a changed submodule: each of its files counts');
  });

  test('a base with no common history here (a shallow clone) is an error that says so', () => {
    const origin = repo();
    execFileSync('git', ['-C', origin, 'checkout', '-q', '-b', 'feature']);
    writeFileSync(path.join(origin, 'a/db.tf'), `# PHI\n${BUCKET('phi')}`);
    execFileSync('git', ['-C', origin, 'commit', '-q', '-am', 'change']);
    const dir = path.join(tempDir('safeguard-shallow-'), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--no-local', '-b', 'feature', origin, dir], { stdio: 'ignore' });
    execFileSync('git', ['-C', dir, 'fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main'], { stdio: 'ignore' });
    const run = runCli(['scan', '.', '--changed-since', 'origin/main'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /origin\/main and HEAD have no common ancestor here \(this is a shallow clone\)/);
    assert.match(run.stderr, /fetch-depth: 0/);
  });
});

describe('several reports in one run', () => {
  test('--format sarif:FILE --format markdown:FILE --format text', () => {
    const dir = repo();
    const run = runCli(['scan', '.', '--format', 'sarif:out/results.sarif', '--format', 'markdown:out/comment.md', '--format', 'text', '--no-color'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /aws-rds-storage-encrypted/);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'out/results.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0]!.results.length > 0);
    assert.match(readFileSync(path.join(dir, 'out/comment.md'), 'utf8'), /^<!-- safeguard-report -->\n## ❌ Safeguard/);
    const twice = runCli(['scan', '.', '--format', 'json', '--format', 'text'], { cwd: dir });
    assert.equal(twice.status, 2);
    assert.match(twice.stderr, /More than one --format writes to stdout/);
  });
});
