// A Terragrunt repository scanned end to end: units evaluated with their inputs (in this thread and
// in workers alike), the cache skipped, and a unit directory whose module is not in the scan never
// passing silently.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../cli/scenarios/run-cli.js';
import { tempDir } from '../testing/temp-dir.js';

function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

const UNIT = (publicly: boolean): string => `include "root" {\n  path = find_in_parent_folders()\n}\n\nterraform {\n  source = "../../../modules//rds"\n}\n\ninputs = {\n  publicly_accessible = ${publicly}\n}\n`;

const REPO = {
  'terragrunt.hcl': 'inputs = {\n  tags = { DataClassification = "phi" }\n}\n',
  'modules/rds/main.tf': 'variable "publicly_accessible" {\n  type    = bool\n  default = false\n}\nvariable "tags" {\n  type    = map(string)\n  default = {}\n}\nresource "aws_db_instance" "this" {\n  identifier          = "db"\n  instance_class      = "db.t3.micro"\n  storage_encrypted   = true\n  publicly_accessible = var.publicly_accessible\n  tags                = var.tags\n}\n',
  'live/dev/rds/terragrunt.hcl': UNIT(true),
  'live/prod/rds/terragrunt.hcl': UNIT(false),
  // What a `terragrunt plan` leaves when the cache is not gitignored: a copy of the module, judged on its own before.
  'live/dev/rds/.terragrunt-cache/h1/h2/rds/main.tf': 'resource "aws_db_instance" "copy" {\n  publicly_accessible = true\n}\n',
};

type Report = { findings: { ruleId: string; status: string; resource: { root?: string }; span: { file: string; start: { line: number } }; via?: { file: string; start: { line: number } }[] }[]; diagnostics: { code: string; severity: string; message: string; span?: { file: string; start: { line: number; column: number } } }[] };

for (const jobs of ['1', '2']) {
  test(`each unit is judged with its inputs, the cache is not (--jobs ${jobs})`, () => {
    const dir = tempDir('safeguard-terragrunt-');
    write(dir, REPO);
    const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--jobs', jobs, '--rule', 'aws-rds-instance-not-public', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    const verdicts = report.findings.map((f) => `${f.resource.root} ${f.status} ${f.span.file}:${f.span.start.line}`).sort();
    assert.deepEqual(verdicts, ['live/dev/rds fail modules/rds/main.tf:13', 'live/prod/rds pass modules/rds/main.tf:13']);
  });
}

test('a unit directory whose module is outside the scan is an error naming Terragrunt and the plan route, not a pass', () => {
  const dir = tempDir('safeguard-terragrunt-unit-');
  write(dir, REPO);
  const run = runCli(['scan', 'live/dev/rds', '--no-cache', '--no-audit-log', '--format', 'json'], { cwd: dir });
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as Report;
  const codes = report.diagnostics.map((d) => `${d.severity} ${d.code}`);
  assert.ok(codes.includes('error terragrunt/nothing-evaluated'), codes.join());
  assert.ok(codes.includes('warning terragrunt/source-outside-root'), codes.join());
  assert.ok(!codes.includes('warning scan/no-input'), codes.join());
  const text = runCli(['scan', 'live/dev/rds', '--no-cache', '--no-audit-log'], { cwd: dir });
  assert.match(text.stdout + text.stderr, /--json-out-dir/);
});

test('units with a remote module are said once per module, as not evaluated', () => {
  const dir = tempDir('safeguard-terragrunt-remote-');
  const remote = 'terraform {\n  source = "tfr:///terraform-aws-modules/vpc/aws?version=5.0.0"\n}\n';
  write(dir, { ...REPO, 'live/dev/vpc/terragrunt.hcl': remote, 'live/prod/vpc/terragrunt.hcl': remote });
  const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'aws-rds-instance-not-public', '--format', 'json'], { cwd: dir });
  const report = JSON.parse(run.stdout) as Report;
  const remoteSaid = report.diagnostics.filter((d) => d.code === 'terragrunt/remote-source');
  assert.equal(remoteSaid.length, 1, JSON.stringify(report.diagnostics));
  assert.equal(remoteSaid[0]!.severity, 'info');
  assert.match(remoteSaid[0]!.message, /live\/dev\/vpc, live\/prod\/vpc use the remote module tfr:/);
});

test('a password in a unit\'s input fails once, on the variable it sets, at the terragrunt.hcl line', () => {
  const dir = tempDir('safeguard-terragrunt-secret-');
  write(dir, {
    ...REPO,
    'modules/rds/password.tf': 'variable "password" {\n  type    = string\n  default = null\n}\n',
    'live/dev/rds/terragrunt.hcl': UNIT(true).replace('inputs = {\n', 'inputs = {\n  password = "Canary-Tg-Pass-5521"\n'),
  });
  const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'tf-no-secrets-in-code', '--format', 'json'], { cwd: dir });
  const report = JSON.parse(run.stdout) as Report;
  const failed = report.findings.filter((f) => f.status === 'fail').map((f) => `${f.resource.root} ${f.span.file}:${f.span.start.line}`);
  assert.deepEqual(failed, ['live/dev/rds live/dev/rds/terragrunt.hcl:10']);
  assert.ok(!run.stdout.includes('Canary-Tg-Pass-5521'));
});

// A root configuration allows SSH from anywhere; a unit narrows it. With merge_strategy = "deep"
// Terragrunt concatenates the two lists, so the unit still deploys 0.0.0.0/0; shallow replaces it.
const SG_REPO = (strategy: string): Record<string, string> => ({
  'terragrunt.hcl': 'inputs = {\n  ssh_cidrs = ["0.0.0.0/0"]\n  tags      = { DataClassification = "phi" }\n}\n',
  'modules/sg/main.tf': 'variable "ssh_cidrs" {\n  type = list(string)\n}\nvariable "tags" {\n  type = map(string)\n}\nresource "aws_security_group" "app" {\n  name = "app"\n  tags = var.tags\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = var.ssh_cidrs\n  }\n}\n',
  'live/dev/sg/terragrunt.hcl': `include "root" {\n  path           = find_in_parent_folders()\n  merge_strategy = ${strategy}\n}\n\nterraform {\n  source = "../../../modules//sg"\n}\n\ninputs = {\n  ssh_cidrs = ["10.0.0.0/8"]\n}\n`,
});

test('merge_strategy = "deep": the unit is judged with the merged inputs (lists concatenated), shallow with the child\'s', () => {
  const verdicts = (strategy: string): string[] => {
    const dir = tempDir('safeguard-terragrunt-deep-');
    write(dir, SG_REPO(strategy));
    const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'aws-sg-no-ssh-from-internet', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as Report;
    return report.findings.map((f) => `${f.resource.root} ${f.status}`);
  };
  assert.deepEqual(verdicts('"deep"'), ['live/dev/sg fail']);
  assert.deepEqual(verdicts('"shallow"'), ['live/dev/sg pass']);
});

test('a merge_strategy Terragrunt refuses (a typo) is an error naming the value, the unit not judged as if shallow', () => {
  const dir = tempDir('safeguard-terragrunt-typo-');
  write(dir, SG_REPO('"shalow"'));
  const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'aws-sg-no-ssh-from-internet', '--format', 'json'], { cwd: dir });
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as Report;
  assert.ok(!report.findings.some((f) => f.resource.root === 'live/dev/sg'), JSON.stringify(report.findings));
  const error = report.diagnostics.find((d) => d.code === 'terragrunt/merge-strategy');
  assert.equal(error?.severity, 'error', JSON.stringify(report.diagnostics));
  assert.match(error!.message, /"shalow"/);
});

// Terragrunt stops on a syntax error in any configuration it reads; our parser recovers, so such a
// unit was evaluated from a guess and the error never said (a unit directory with no .tf files
// dropped it altogether). Each file that does not parse is now an error once, at its first syntax
// error, whatever the unit layout, and naming every unit that reads it.
const BROKEN = {
  ...REPO,
  // Module elsewhere, nothing else in the directory: the case that passed silently.
  'live/dev/rds/terragrunt.hcl': UNIT(true).replace('inputs = {\n', 'inputs = {\n  tags = { Team = "data" \n'),
  // The unit's module is its own directory.
  'live/own/terragrunt.hcl': 'inputs = {\n  publicly_accessible = = true\n}\n',
  'live/own/main.tf': 'variable "publicly_accessible" {\n  default = false\n}\n',
  // A remote module.
  'live/remote/terragrunt.hcl': 'terraform {\n  source = "tfr:///terraform-aws-modules/vpc/aws?version=5.0.0"\n}\ninputs = {\n  cidr = "10.0.0.0/16" "x"\n}\n',
  // An included file two units read, one through include, one through read_terragrunt_config.
  'live/common.hcl': 'locals {\n  env = \n}\n',
  'live/a/rds/terragrunt.hcl': UNIT(false).replace('include "root" {', 'include "common" {\n  path = find_in_parent_folders("common.hcl")\n}\ninclude "root" {'),
  'live/b/rds/terragrunt.hcl': UNIT(false).replace('inputs = {\n', 'locals {\n  common = read_terragrunt_config(find_in_parent_folders("common.hcl"))\n}\ninputs = {\n'),
};

for (const jobs of ['1', '2']) {
  test(`a Terragrunt configuration that does not parse is an error once per file, at its line and column, whatever the layout (--jobs ${jobs})`, () => {
    const dir = tempDir('safeguard-terragrunt-parse-');
    write(dir, BROKEN);
    const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--jobs', jobs, '--rule', 'aws-rds-instance-not-public', '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    const parse = report.diagnostics.filter((d) => d.code === 'terragrunt/parse');
    assert.deepEqual(parse.map((d) => `${d.severity} ${d.span?.file}:${d.span?.start.line}:${d.span?.start.column}`).sort(), [
      'error live/common.hcl:2:9',
      'error live/dev/rds/terragrunt.hcl:13:1',
      'error live/own/terragrunt.hcl:2:25',
      'error live/remote/terragrunt.hcl:5:24',
    ]);
    const common = parse.find((d) => d.span?.file === 'live/common.hcl')!;
    assert.match(common.message, /live\/a\/rds, live\/b\/rds\.$/);
    // The units that parse are judged as before; those that do not are not judged from a guess.
    assert.deepEqual(report.findings.map((f) => `${f.resource.root} ${f.status}`).sort(), ['live/prod/rds pass']);
  });
}

// A refused unit whose module is its own directory: Terragrunt runs nothing there, so its .tf files
// are not judged either as a plain root module without the unit's inputs (a second, misleading
// evaluation that the parse error, saying the unit was not evaluated, contradicted).
test("a refused unit's own directory is not evaluated as a root module: no findings, no evaluation diagnostics from it", () => {
  const dir = tempDir('safeguard-terragrunt-refused-own-');
  write(dir, {
    ...REPO,
    'live/own/terragrunt.hcl': 'inputs = {\n  publicly_accessible = = true\n}\n',
    'live/own/main.tf': 'variable "publicly_accessible" {\n  default = true\n}\nresource "aws_db_instance" "own" {\n  identifier          = "own"\n  instance_class      = "db.t3.micro"\n  publicly_accessible = var.publicly_accessible\n  tags                = var.undeclared\n}\n',
  });
  const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'aws-rds-instance-not-public', '--format', 'json'], { cwd: dir });
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as Report;
  assert.deepEqual(report.findings.map((f) => `${f.resource.root} ${f.status}`).sort(), ['live/dev/rds fail', 'live/prod/rds pass']);
  const own = report.diagnostics.filter((d) => d.span?.file.startsWith('live/own/') || d.message.includes('live/own'));
  assert.deepEqual(own.map((d) => `${d.severity} ${d.code} ${d.span?.file}`), ['error terragrunt/parse live/own/terragrunt.hcl']);
});

// skip_outputs = true: Terragrunt passes a dependency's mock_outputs on apply too, so an insecure
// mock is deployed as written. Declared in the root configuration the unit includes, the block is the
// unit's as well (include merges dependency blocks), and the rule judges the mock it passes on.
const MOCK_REPO = (allowed: string): Record<string, string> => ({
  'terragrunt.hcl': `dependency "net" {\n  config_path  = "\${get_terragrunt_dir()}/../net"\n  skip_outputs = true\n  mock_outputs = { ssh_cidrs = ["0.0.0.0/0"] }\n${allowed}}\n\ninputs = {\n  tags = { DataClassification = "phi" }\n}\n`,
  'modules/sg/main.tf': SG_REPO('"shallow"')['modules/sg/main.tf']!,
  'live/dev/sg/terragrunt.hcl': 'include "root" {\n  path = find_in_parent_folders()\n}\n\nterraform {\n  source = "../../../modules//sg"\n}\n\ninputs = {\n  ssh_cidrs = dependency.net.outputs.ssh_cidrs\n}\n',
});

test('skip_outputs = true in an included configuration: the mock_outputs the unit passes on are judged (an SSH rule open to the world fails), with the warning naming the dependency', () => {
  const scan = (allowed: string): Report => {
    const dir = tempDir('safeguard-terragrunt-mocks-');
    write(dir, MOCK_REPO(allowed));
    const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'aws-sg-no-ssh-from-internet', '--format', 'json'], { cwd: dir });
    return JSON.parse(run.stdout) as Report;
  };
  const deployed = scan('');
  assert.deepEqual(deployed.findings.map((f) => `${f.resource.root} ${f.status} ${f.span.file}:${f.span.start.line}`), ['live/dev/sg fail modules/sg/main.tf:10']);
  const warning = deployed.diagnostics.filter((d) => d.code === 'terragrunt/dependency-outputs');
  assert.deepEqual(warning.map((d) => `${d.severity} ${d.span?.file}:${d.span?.start.line}`), ['warning terragrunt.hcl:1']);
  assert.match(warning[0]!.message, /dependency "net".*skip_outputs = true.*judged as deployed/);
  // Mocks allowed for plan only: apply has no outputs for it, so nothing known to judge, and no fail.
  const planOnly = scan('  mock_outputs_allowed_terraform_commands = ["plan"]\n');
  assert.deepEqual(planOnly.findings.map((f) => `${f.resource.root} ${f.status}`), ['live/dev/sg unknown']);
  assert.match(planOnly.diagnostics.find((d) => d.code === 'terragrunt/dependency-outputs')!.message, /leave out apply/);
});
