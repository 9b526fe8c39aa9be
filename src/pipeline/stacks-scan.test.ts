// A Terraform Stacks repository scanned end to end: the modules a stack's components run are the
// stack's called modules (`component.<name>`), judged for their resources with the inputs the
// component passes as its deployment gives them and the stack's provider configuration (graph/stack-inputs.ts), and never judged as root modules for a lock file, required_version or a backend,
// which the stack (not the module) has. The same in this thread and in workers.
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

const DB_MODULE =
  'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }\n}\n\n' +
  'variable "public" {\n  type = bool\n}\n\nvariable "encrypted" {\n  type    = bool\n  default = false\n}\n\n' +
  'resource "aws_db_instance" "this" {\n  identifier          = "db"\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  publicly_accessible = var.public\n  storage_encrypted   = var.encrypted\n}\n';

const REPO = {
  'stack/components.tfcomponent.hcl':
    'required_providers {\n  aws = {\n    source  = "hashicorp/aws"\n    version = "5.100.0"\n  }\n}\n\nprovider "aws" "this" {\n  config {\n    region = var.region\n  }\n}\n\nvariable "region" {\n  type = string\n}\n\nvariable "public" {\n  type = bool\n}\n\n' +
    'component "db" {\n  source = "./db"\n  inputs = {\n    public = var.public\n  }\n  providers = {\n    aws = provider.aws.this\n  }\n}\n',
  'stack/deployments.tfdeploy.hcl': 'deployment "prod" {\n  inputs = {\n    region = "us-east-1"\n    public = true\n  }\n}\n',
  'stack/db/main.tf': DB_MODULE,
  // An ordinary root module beside the stack: still a root module, judged as one.
  'envs/prod/main.tf': 'terraform {\n  required_version = "1.11.4"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "example-logs"\n}\n',
};

type Report = {
  findings: { ruleId: string; status: string; message: string; resource: { address: string; root?: string }; span: { file: string; start: { line: number } }; related: { span: { file: string; start: { line: number } } }[] }[];
  diagnostics: { code: string; severity: string; message: string }[];
};

const RULES = ['tf-dependency-lock-file', 'tf-required-version-pinned', 'tf-provider-versions-pinned', 'tf-remote-state-encrypted', 'aws-rds-instance-not-public', 'aws-rds-storage-encrypted'];

for (const jobs of ['1', '2']) {
  test(`a stack component's module is the stack's called module, not a root module (--jobs ${jobs})`, () => {
    const dir = tempDir('safeguard-stacks-');
    write(dir, REPO);
    const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--jobs', jobs, ...RULES.flatMap((r) => ['--rule', r]), '--format', 'json'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    const verdicts = report.findings.map((f) => `${f.ruleId} ${f.status} ${f.resource.address} ${f.span.file}:${f.span.start.line}`).sort();
    // Judged as a root module before: no lock file, no required_version, no provider version, no backend.
    const asRoot = report.findings.filter((f) => f.ruleId.startsWith('tf-') && (f.resource.address.startsWith('stack') || f.span.file.startsWith('stack/')));
    assert.deepEqual(asRoot, []);
    // The component's resource is judged, under its component address: the input it is passed is the
    // stack variable its one deployment gives; the variable it leaves out takes its default.
    assert.ok(verdicts.includes('aws-rds-instance-not-public fail component.db.aws_db_instance.this stack/db/main.tf:22'), verdicts.join('\n'));
    assert.ok(verdicts.includes('aws-rds-storage-encrypted fail component.db.aws_db_instance.this stack/db/main.tf:23'), verdicts.join('\n'));
    // The root module beside it is still one.
    assert.ok(verdicts.includes('tf-dependency-lock-file fail envs/prod: .terraform.lock.hcl envs/prod/main.tf:1'), verdicts.join('\n'));
    const publicDb = report.findings.find((f) => f.ruleId === 'aws-rds-instance-not-public')!;
    assert.equal(publicDb.resource.root, 'stack');
    // Traced to the deployment's input, the stack variable and the component's input.
    assert.deepEqual(publicDb.related.map((r) => `${r.span.file}:${r.span.start.line}`), ['stack/deployments.tfdeploy.hcl:4', 'stack/components.tfcomponent.hcl:18', 'stack/components.tfcomponent.hcl:25']);
    assert.deepEqual(report.diagnostics.filter((d) => d.code === 'discovery/terraform-stacks').map((d) => d.severity), ['warning']);
  });
}

test('a warm scan follows the stack file: the module is a root module again once no component runs it', () => {
  const dir = tempDir('safeguard-stacks-cache-');
  write(dir, REPO);
  const args = ['scan', '.', '--no-audit-log', '--rule', 'tf-required-version-pinned', '--format', 'json'];
  const roots = (): string[] => (JSON.parse(runCli(args, { cwd: dir }).stdout) as Report).findings.map((f) => f.resource.address).sort();
  assert.deepEqual(roots(), ['envs/prod: terraform.required_version']);
  write(dir, { 'stack/components.tfcomponent.hcl': 'component "other" {\n  source = "./other"\n}\n' });
  assert.deepEqual(roots(), ['envs/prod: terraform.required_version', 'stack/db: terraform.required_version']);
});

test('a warm scan follows the deployment file: the input a deployment gives is read again when it changes', () => {
  const dir = tempDir('safeguard-stacks-deploy-');
  write(dir, REPO);
  const args = ['scan', '.', '--no-audit-log', '--rule', 'aws-rds-instance-not-public', '--format', 'json'];
  const verdicts = (): string[] => (JSON.parse(runCli(args, { cwd: dir }).stdout) as Report).findings.map((f) => `${f.status} ${f.resource.address}`);
  assert.deepEqual(verdicts(), ['fail component.db.aws_db_instance.this']);
  assert.deepEqual(verdicts(), ['fail component.db.aws_db_instance.this'], 'warm');
  write(dir, { 'stack/deployments.tfdeploy.hcl': REPO['stack/deployments.tfdeploy.hcl'].replace('public = true', 'public = false') });
  assert.deepEqual(verdicts(), ['pass component.db.aws_db_instance.this']);
});

test("the rules that judge provider configuration judge the stack's provider config for its components' resources: region and default_tags fail or pass by it", () => {
  const stack = (region: string, tags: string): Record<string, string> => ({
    ...REPO,
    'stack/components.tfcomponent.hcl': REPO['stack/components.tfcomponent.hcl'].replace('    region = var.region\n', `    region = var.region\n${tags}`),
    'stack/deployments.tfdeploy.hcl': REPO['stack/deployments.tfdeploy.hcl'].replace('"us-east-1"', `"${region}"`),
  });
  const verdicts = (files: Record<string, string>): string[] => {
    const dir = tempDir('safeguard-stacks-provider-');
    write(dir, files);
    const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'phi-approved-regions', '--rule', 'phi-data-classification-tags', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout) as Report;
    return report.findings.filter((f) => f.resource.address.startsWith('component.') || f.span.file.startsWith('stack/')).map((f) => `${f.ruleId} ${f.status} ${f.resource.address} ${f.span.file}:${f.span.start.line}`).sort();
  };
  assert.deepEqual(verdicts(stack('eu-west-1', '')), [
    'phi-approved-regions fail provider.aws.this stack/components.tfcomponent.hcl:10',
    'phi-data-classification-tags fail component.db.aws_db_instance.this stack/db/main.tf:18',
  ]);
  const tags = '    default_tags {\n      tags = {\n        data_classification = "phi"\n        owner               = "records-team"\n      }\n    }\n';
  assert.deepEqual(verdicts(stack('us-east-1', tags)), [
    'phi-approved-regions pass provider.aws.this stack/components.tfcomponent.hcl:10',
    'phi-data-classification-tags pass component.db.aws_db_instance.this stack/db/main.tf:18',
  ]);
});

test("a stack's provider block makes its directory no root module: a repository of a stack alone gets no root module findings", () => {
  const dir = tempDir('safeguard-stacks-alone-');
  const { ['envs/prod/main.tf']: _root, ...stackOnly } = REPO;
  write(dir, stackOnly);
  const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', ...RULES.flatMap((r) => ['--rule', r]), '--format', 'json'], { cwd: dir });
  const report = JSON.parse(run.stdout) as Report;
  assert.deepEqual(report.findings.filter((f) => f.ruleId.startsWith('tf-')).map((f) => `${f.ruleId} ${f.resource.address}`), []);
  assert.ok(report.findings.some((f) => f.ruleId === 'aws-rds-instance-not-public' && f.status === 'fail'), run.stdout);
});

test("PHI in a stack's provider config is found once, in the stack's file: the provider block is not judged again", () => {
  const dir = tempDir('safeguard-stacks-phi-');
  write(dir, { ...REPO, 'stack/components.tfcomponent.hcl': REPO['stack/components.tfcomponent.hcl'].replace('    region = var.region\n', '    region = var.region\n    default_tags {\n      tags = {\n        test_patient_ssn = "219-45-6789"\n      }\n    }\n') });
  const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'phi-no-phi-in-code', '--format', 'json'], { cwd: dir });
  const report = JSON.parse(run.stdout) as Report;
  assert.deepEqual(report.findings.filter((f) => f.status === 'fail').map((f) => `${f.resource.address} ${f.span.file}:${f.span.start.line}`), ['file stack/components.tfcomponent.hcl stack/components.tfcomponent.hcl:13']);
});

test("a literal credential in a stack's provider config is one finding, tf-no-provider-credentials's, as in a .tf provider block: the sweep of the stack's file leaves provider blocks to it", () => {
  const dir = tempDir('safeguard-stacks-key-');
  // Built at run time, so the repository holds no key-shaped literal.
  const keyId = ['AKIA', 'Q3EGRX7ZJ5TM4KWB'].join('');
  const secret = ['q8Rw2mXv', 'L9tZp4Ky', 'B7nC3sHd', 'F6gJ1aWe', 'U5oI0rTy'].join('');
  const stack = REPO['stack/components.tfcomponent.hcl'].replace('    region = var.region\n', `    region     = var.region\n    access_key = "${keyId}"\n    secret_key = "${secret}"\n`);
  // The same key outside a provider block is still the sweep's (a local the stack does not pass to a provider).
  write(dir, { ...REPO, 'stack/components.tfcomponent.hcl': `${stack}\nlocals {\n  spare_key = "${keyId}"\n}\n` });
  const run = runCli(['scan', '.', '--no-cache', '--no-audit-log', '--rule', 'tf-no-provider-credentials', '--rule', 'tf-no-secrets-in-code', '--format', 'json'], { cwd: dir });
  const report = JSON.parse(run.stdout) as Report;
  const failing = report.findings.filter((f) => f.status === 'fail').map((f) => `${f.ruleId} ${f.resource.address} ${f.span.file}:${f.span.start.line}`);
  assert.deepEqual(failing.sort(), [
    'tf-no-provider-credentials provider.aws.this stack/components.tfcomponent.hcl:11',
    'tf-no-provider-credentials provider.aws.this stack/components.tfcomponent.hcl:12',
    'tf-no-secrets-in-code file stack/components.tfcomponent.hcl stack/components.tfcomponent.hcl:35',
  ]);
  assert.ok(!run.stdout.includes(secret) && !run.stdout.includes(keyId), 'the values are not printed');
});
