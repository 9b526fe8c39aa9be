import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryFileSystem } from '../pipeline/memory-file-system.js';
import { discover, isNamed } from './discover.js';

const TF = 'resource "aws_s3_bucket" "b" {}\n';

function run(files: Record<string, string>, targets: string[], exclude?: string[]) {
  return discover(memoryFileSystem({ files }), { root: '/repo', targets, ...(exclude ? { exclude } : {}) });
}

const TREE = {
  '/repo/app/main.tf': 'module "db" {\n  source = "../modules/db"\n}\n',
  '/repo/app/variables.tf': 'variable "x" {}\n',
  '/repo/app/terraform.tfvars': 'x = 1\n',
  '/repo/app/dev.auto.tfvars.json': '{}',
  '/repo/app/prod.tfvars': 'x = 2\n', // not loaded by Terraform without -var-file
  '/repo/app/.terraform.lock.hcl': '',
  '/repo/app/notes.yaml': 'a: 1\n',
  '/repo/app/plan.json': '{"format_version":"1.2","planned_values":{}}',
  '/repo/modules/db/main.tf': TF,
  '/repo/other/main.tf': TF,
  '/repo/README.md': '# infra\n',
};

test("a named Terraform file brings every Terraform module under the root as context, and nothing else", () => {
  const d = run(TREE, ['/repo/app/main.tf']);
  assert.deepEqual(d.context, ['app/.terraform.lock.hcl', 'app/dev.auto.tfvars.json', 'app/terraform.tfvars', 'app/variables.tf', 'modules/db/main.tf', 'other/main.tf']);
  assert.deepEqual(d.named, { files: ['app/main.tf'], dirs: [] });
  // Documents, plans and variable files Terraform does not load on its own are neither read nor listed.
  assert.deepEqual(d.skipped, []);
  assert.ok(!d.files.some((f) => f.path === 'app/prod.tfvars' || f.path === 'app/notes.yaml' || f.path === 'app/plan.json'));
});

test('no context when only directories or non-Terraform files are named', () => {
  assert.deepEqual(run(TREE, ['/repo/app']).context, []);
  assert.equal(run(TREE, ['/repo/app']).named, undefined);
  assert.deepEqual(run(TREE, ['/repo/app/notes.yaml']).context, []);
});

test('named directories and files are not context; context honours the ignore files and the config like a directory scan', () => {
  const d = run({ ...TREE, '/repo/.gitignore': 'other/\n' }, ['/repo/app/main.tf', '/repo/modules'], ['app/terraform.tfvars']);
  assert.deepEqual(d.context, ['app/.terraform.lock.hcl', 'app/dev.auto.tfvars.json', 'app/variables.tf']);
  // What the context walk leaves out is listed in the named files' directories only: the rest was not asked about.
  assert.deepEqual(d.skipped.map((s) => `${s.path}:${s.reason}`), ['app/terraform.tfvars:excluded']);
  assert.ok(isNamed(d.named!, 'modules/db/main.tf'));
  assert.ok(isNamed(d.named!, 'app/main.tf'));
  assert.ok(!isNamed(d.named!, 'app/variables.tf'));
});

test('a named file in an excluded directory still gets its siblings', () => {
  const d = run({ '/repo/legacy/main.tf': TF, '/repo/legacy/variables.tf': 'variable "enc" {}\n', '/repo/legacy/sub/x.tf': TF, '/repo/ok/main.tf': TF }, ['/repo/legacy/main.tf', '/repo/ok/main.tf'], ['legacy/**']);
  assert.deepEqual(d.context, ['legacy/variables.tf']);
  assert.deepEqual(d.files.map((f) => f.path), ['legacy/main.tf', 'legacy/variables.tf', 'ok/main.tf']);
});

test('an unreadable file elsewhere is no error of a scan of named files', () => {
  const d = discover(memoryFileSystem({ files: { '/repo/app/main.tf': TF, '/repo/app/bad.tf': new Uint8Array([0xff, 0xfe, 0x00]), '/repo/other/bad.tf': new Uint8Array([0xff, 0xfe, 0x00]) } }), { root: '/repo', targets: ['/repo/app/main.tf'] });
  assert.deepEqual(d.skipped.map((s) => `${s.path}:${s.reason}`), ['app/bad.tf:binary']);
  assert.deepEqual(d.diagnostics.map((x) => x.file), ['app/bad.tf']);
});

test('downloaded modules and their manifest are context; the rest of .terraform is not read', () => {
  const d = run(
    {
      '/repo/main.tf': 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n',
      '/repo/.terraform/modules/modules.json': '{"Modules":[]}',
      '/repo/.terraform/modules/vpc/main.tf': TF,
      '/repo/.terraform/providers/x': 'binary',
    },
    ['/repo/main.tf'],
  );
  assert.deepEqual(d.context, ['.terraform/modules/modules.json', '.terraform/modules/vpc/main.tf']);
});

test('isNamed: the root directory names everything', () => {
  assert.ok(isNamed({ files: [], dirs: [''] }, 'a/b.tf'));
  assert.ok(!isNamed({ files: ['a/b.tf'], dirs: ['c'] }, 'cd/x.tf'));
});
