import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryFileSystem } from '../pipeline/memory-file-system.js';
import { discover, localModuleSources } from './discover.js';

const TF = 'resource "aws_s3_bucket" "b" {}\n';

function run(files: Record<string, string>, targets: string[], exclude?: string[]) {
  return discover(memoryFileSystem({ files }), { root: '/repo', targets, ...(exclude ? { exclude } : {}) });
}

test('a named Terraform file brings its module: sibling configuration, auto-loaded variables, the lock file, local modules it calls', () => {
  const d = run(
    {
      '/repo/app/main.tf': 'module "db" {\n  source = "./modules/db"\n}\nmodule "net" {\n  source = "../shared/net/"\n}\nmodule "remote" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n',
      '/repo/app/variables.tf': 'variable "x" {}\n',
      '/repo/app/override.tf.json': '{}',
      '/repo/app/terraform.tfvars': 'x = 1\n',
      '/repo/app/dev.auto.tfvars.json': '{}',
      '/repo/app/prod.tfvars': 'x = 2\n', // not loaded by Terraform without -var-file
      '/repo/app/.terraform.lock.hcl': '',
      '/repo/app/notes.yaml': 'a: 1\n',
      '/repo/app/modules/db/main.tf': 'module "kms" {\n  source = "../kms"\n}\n',
      '/repo/app/modules/kms/main.tf': TF,
      '/repo/app/modules/unused/main.tf': TF,
      '/repo/shared/net/main.tf': TF,
      '/repo/other/main.tf': TF,
    },
    ['/repo/app/main.tf'],
  );
  assert.deepEqual(d.context, [
    'app/.terraform.lock.hcl',
    'app/dev.auto.tfvars.json',
    'app/modules/db/main.tf',
    'app/modules/kms/main.tf',
    'app/override.tf.json',
    'app/terraform.tfvars',
    'app/variables.tf',
    'shared/net/main.tf',
  ]);
  assert.deepEqual(
    d.files.map((f) => f.path),
    ['app/.terraform.lock.hcl', 'app/dev.auto.tfvars.json', 'app/main.tf', 'app/modules/db/main.tf', 'app/modules/kms/main.tf', 'app/override.tf.json', 'app/terraform.tfvars', 'app/variables.tf', 'shared/net/main.tf'],
  );
  assert.deepEqual(d.skipped, []); // files outside the module are not part of the scan, not skipped ones
});

test('context stays inside the scan root, and a module source out of it reads nothing', () => {
  const files = { '/repo/app/main.tf': 'module "up" {\n  source = "../../elsewhere"\n}\n', '/elsewhere/main.tf': TF };
  const d = discover(memoryFileSystem({ files }), { root: '/repo/app', targets: ['/repo/app/main.tf'] });
  assert.deepEqual(d.context, []);
  assert.deepEqual(d.files.map((f) => f.path), ['main.tf']);
});

test('siblings that .gitignore or the config excludes are listed as skipped, not read', () => {
  const d = run({ '/repo/.gitignore': 'secret.tf\n', '/repo/main.tf': TF, '/repo/secret.tf': TF, '/repo/legacy.tf': TF, '/repo/ok.tf': TF }, ['/repo/main.tf'], ['legacy.tf']);
  assert.deepEqual(d.context, ['ok.tf']);
  assert.deepEqual(
    d.skipped.map((s) => `${s.path}:${s.reason}`),
    ['legacy.tf:excluded', 'secret.tf:ignored'],
  );
});

test('no context when the whole directory is scanned, or every file of the module is named', () => {
  const files = { '/repo/main.tf': TF, '/repo/variables.tf': 'variable "x" {}\n' };
  assert.deepEqual(run(files, ['/repo']).context, []);
  assert.deepEqual(run(files, ['/repo/main.tf', '/repo/variables.tf']).context, []);
  // A named plan or document is not a module file: it brings no context.
  assert.deepEqual(run({ ...files, '/repo/notes.yaml': 'a: 1\n' }, ['/repo/notes.yaml']).context, []);
});

test('downloaded modules and their manifest come with a named root module file', () => {
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

test('local module sources are read from HCL and JSON configuration', () => {
  assert.deepEqual(localModuleSources('module "a" {\n  source = "./a"\n}\nmodule "b" {\n  source="../b"\n  other_source = "./not"\n}\n'), ['./a', '../b']);
  assert.deepEqual(localModuleSources('{"module": {"a": {"source": "./a"}, "r": {"source": "git::https://x"}}}'), ['./a']);
  assert.deepEqual(localModuleSources('source = "./${var.x}"\n'), []); // interpolated: not a literal path
});
