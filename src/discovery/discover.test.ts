import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryFileSystem } from '../pipeline/memory-file-system.js';
import { discover } from './discover.js';
import { classifyJsonDocument, classifyYamlDocument } from './input-format.js';

const TF = 'resource "aws_s3_bucket" "b" {}\n';

function run(files: Record<string, string | Uint8Array>, options: { exclude?: string[]; maxFileBytes?: number; targets?: string[]; symlinks?: Record<string, string> } = {}) {
  const fs = memoryFileSystem({ files, ...(options.symlinks ? { symlinks: options.symlinks } : {}) });
  return discover(fs, { root: '/repo', targets: options.targets ?? ['/repo'], ...(options.exclude ? { exclude: options.exclude } : {}), ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}) });
}

const paths = (d: ReturnType<typeof run>) => d.files.map((f) => `${f.path}:${f.format}`);
const skips = (d: ReturnType<typeof run>) => d.skipped.map((s) => `${s.path}:${s.reason}`);

test('finds Terraform files by name, sorted', () => {
  const d = run({ '/repo/b.tf': TF, '/repo/a.tf.json': '{}', '/repo/env/prod.tfvars': 'x = 1', '/repo/x.tfvars.json': '{}', '/repo/.terraform.lock.hcl': '' });
  assert.deepEqual(paths(d), ['.terraform.lock.hcl:terraform-lock', 'a.tf.json:terraform-json', 'b.tf:terraform', 'env/prod.tfvars:terraform-vars', 'x.tfvars.json:terraform-vars-json']);
});

test('honours nested .gitignore and .safeguardignore, with negation', () => {
  const d = run({
    '/repo/.gitignore': 'gen/\n*.bak.tf\n',
    '/repo/main.tf': TF,
    '/repo/old.bak.tf': TF,
    '/repo/gen/x.tf': TF,
    '/repo/mod/.gitignore': '*.tf\n!keep.tf\n',
    '/repo/mod/drop.tf': TF,
    '/repo/mod/keep.tf': TF,
    '/repo/.safeguardignore': 'vendor/**\n',
    '/repo/vendor/v.tf': TF,
  });
  assert.deepEqual(paths(d), ['main.tf:terraform', 'mod/keep.tf:terraform']);
  assert.deepEqual(skips(d), ['gen/:ignored', 'mod/drop.tf:ignored', 'old.bak.tf:ignored', 'vendor/v.tf:ignored']);
  assert.equal(d.skipped.find((s) => s.path === 'mod/drop.tf')?.detail, 'ignored by mod/.gitignore');
});

test('honours a .gitignore above the scan root up to the repository root', () => {
  const fs = memoryFileSystem({ files: { '/git/.git/HEAD': 'ref', '/git/.gitignore': 'infra/skip.tf\n', '/git/infra/skip.tf': TF, '/git/infra/main.tf': TF } });
  const d = discover(fs, { root: '/git/infra', targets: ['/git/infra'] });
  assert.deepEqual(d.files.map((f) => f.path), ['main.tf']);
  assert.deepEqual(d.skipped.map((s) => s.detail), ['ignored by ../.gitignore']);
});

test('skips node_modules and .git, reads .terraform/modules even when gitignored', () => {
  const d = run({
    '/repo/.gitignore': '.terraform/\n',
    '/repo/main.tf': TF,
    '/repo/node_modules/x/main.tf': TF,
    '/repo/.git/config': '',
    '/repo/.terraform/modules/modules.json': '{"Modules":[]}',
    '/repo/.terraform/modules/vpc/main.tf': TF,
    '/repo/.terraform/providers/p/bin': new Uint8Array([0, 1, 2]),
  });
  assert.deepEqual(paths(d), ['.terraform/modules/modules.json:terraform-modules-manifest', '.terraform/modules/vpc/main.tf:terraform', 'main.tf:terraform']);
  assert.deepEqual(skips(d), ['.git/:vendored', '.terraform/:vendored', 'node_modules/:vendored']);
});

test('plan and state are recognised by content and scanned; CloudFormation and Kubernetes reported as not yet supported', () => {
  const d = run({
    '/repo/plan.json': JSON.stringify({ format_version: '1.2', planned_values: {} }),
    '/repo/terraform.tfstate': JSON.stringify({ version: 4, terraform_version: '1.7.0', resources: [] }),
    '/repo/cfn.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n',
    '/repo/cfn.json': JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket' } } }),
    '/repo/k8s.yml': 'apiVersion: v1\nkind: Pod\n',
    '/repo/package.json': '{"name":"x"}',
    '/repo/README.md': '# hi',
  });
  assert.deepEqual(d.files.map((f) => [f.path, f.format]), [['plan.json', 'terraform-plan'], ['terraform.tfstate', 'terraform-state']]);
  const details = Object.fromEntries(d.skipped.map((s) => [s.path, s.detail]));
  assert.equal(details['cfn.yaml'], 'CloudFormation: not yet supported, skipped');
  assert.equal(details['cfn.json'], 'CloudFormation: not yet supported, skipped');
  assert.equal(details['k8s.yml'], 'Kubernetes: not yet supported, skipped');
  assert.equal(d.skipped.find((s) => s.path === 'package.json')?.reason, 'not-iac');
  assert.equal(d.skipped.find((s) => s.path === 'README.md')?.reason, 'not-iac');
});

test('binary, invalid UTF-8 and oversized files are skipped with a reason', () => {
  const d = run(
    { '/repo/bin.tf': new Uint8Array([0x72, 0, 0x73]), '/repo/latin1.tf': new Uint8Array([0x61, 0xe9, 0x62]), '/repo/big.tf': 'x'.repeat(2000), '/repo/ok.tf': TF },
    { maxFileBytes: 1000 },
  );
  assert.deepEqual(paths(d), ['ok.tf:terraform']);
  assert.deepEqual(skips(d), ['big.tf:too-large', 'bin.tf:binary', 'latin1.tf:invalid-utf8']);
  assert.match(d.skipped[0]!.detail, /larger than the 1000 B limit/);
});

test('a BOM is dropped so offsets match what editors show', () => {
  const d = run({ '/repo/a.tf': '\ufeffresource "x" "y" {}' });
  assert.equal(d.files[0]!.text.startsWith('resource'), true);
});

test('config exclude globs', () => {
  const d = run({ '/repo/main.tf': TF, '/repo/legacy/old.tf': TF, '/repo/x/test.tf': TF }, { exclude: ['legacy/**', '**/test.tf'] });
  assert.deepEqual(paths(d), ['main.tf:terraform']);
  assert.deepEqual(skips(d), ['legacy/:excluded', 'x/test.tf:excluded']);
  // The detail names the glob, not "the config file": --exclude globs are the same list.
  assert.deepEqual(
    d.skipped.map((s) => s.detail),
    ['excluded by the exclude glob "legacy/**" (--exclude or the config\'s exclude)', 'excluded by the exclude glob "**/test.tf" (--exclude or the config\'s exclude)'],
  );
});

test('symlinks inside the root are followed; links out of it are refused with a diagnostic', () => {
  const d = run({ '/repo/real/main.tf': TF, '/outside/secret.tf': TF }, { symlinks: { '/repo/alias.tf': 'real/main.tf', '/repo/escape.tf': '/outside/secret.tf', '/repo/loop': '/repo' } });
  assert.deepEqual(paths(d), ['alias.tf:terraform', 'real/main.tf:terraform']);
  assert.deepEqual(skips(d), ['escape.tf:outside-root']);
  assert.equal(d.diagnostics[0]?.code, 'discovery/outside-root');
});

test('an explicitly named file is read even when ignored', () => {
  const d = run({ '/repo/.gitignore': '*.tf\n', '/repo/a.tf': TF }, { targets: ['/repo/a.tf'] });
  assert.deepEqual(paths(d), ['a.tf:terraform']);
});

test('a directory named on the command line is read even when an ignore file leaves it or an ancestor out; the rules still apply inside it', () => {
  // The CDK for Terraform template's .gitignore lists cdktf.out, where `cdktf synth` writes the stacks.
  const files = {
    '/repo/.git/HEAD': 'ref',
    '/repo/.gitignore': 'cdktf.out\n*.js\nold/\n',
    '/repo/.safeguardignore': 'gen/\n',
    '/repo/main.tf': TF,
    '/repo/cdktf.out/manifest.json': '{}',
    '/repo/cdktf.out/handler.js': 'x',
    '/repo/cdktf.out/stacks/phi/cdk.tf.json': '{}',
    '/repo/cdktf.out/stacks/old/cdk.tf.json': '{}',
    '/repo/cdktf.out/stacks/phi/.gitignore': 'draft.tf.json\n',
    '/repo/cdktf.out/stacks/phi/draft.tf.json': '{}',
    '/repo/gen/a/b.tf': TF,
  };
  const named = run(files, { targets: ['/repo/cdktf.out'] });
  assert.deepEqual(paths(named), ['cdktf.out/stacks/phi/cdk.tf.json:terraform-json']);
  assert.deepEqual(skips(named), ['cdktf.out/handler.js:ignored', 'cdktf.out/manifest.json:not-iac', 'cdktf.out/stacks/old/:ignored', 'cdktf.out/stacks/phi/draft.tf.json:ignored']);
  // Named below an ignored directory, and as the scan root itself (ancestor ignore files), by either ignore file.
  assert.deepEqual(paths(run(files, { targets: ['/repo/cdktf.out/stacks/phi'] })), ['cdktf.out/stacks/phi/cdk.tf.json:terraform-json']);
  const fs = memoryFileSystem({ files });
  assert.deepEqual(discover(fs, { root: '/repo/cdktf.out', targets: ['/repo/cdktf.out'] }).files.map((f) => f.path), ['stacks/phi/cdk.tf.json']);
  assert.deepEqual(discover(fs, { root: '/repo/cdktf.out/stacks', targets: ['/repo/cdktf.out/stacks'] }).files.map((f) => f.path), ['phi/cdk.tf.json']);
  assert.deepEqual(paths(run(files, { targets: ['/repo/gen/a'] })), ['gen/a/b.tf:terraform']);
  // Named beside the root, in either order: read once, and not listed as ignored.
  for (const targets of [['/repo', '/repo/cdktf.out'], ['/repo/cdktf.out', '/repo']]) {
    const both = run(files, { targets });
    assert.deepEqual(paths(both), ['cdktf.out/stacks/phi/cdk.tf.json:terraform-json', 'main.tf:terraform'], targets.join(' '));
    assert.ok(!skips(both).includes('cdktf.out/:ignored'), targets.join(' '));
  }
  // The root alone is what git sees: cdktf.out/ stays out.
  const root = run(files);
  assert.deepEqual(paths(root), ['main.tf:terraform']);
  assert.ok(skips(root).includes('cdktf.out/:ignored'));
});

test('a named directory whose name holds gitignore wildcards is exempted literally, and only it', () => {
  const files = { '/repo/.gitignore': 'env*\n', '/repo/env[1]/a.tf': TF, '/repo/env1/b.tf': TF, '/repo/env*x/c.tf': TF };
  assert.deepEqual(paths(run(files, { targets: ['/repo/env[1]'] })), ['env[1]/a.tf:terraform']);
  assert.deepEqual(paths(run(files, { targets: ['/repo/env*x'] })), ['env*x/c.tf:terraform']);
});

test('content classifiers', () => {
  assert.equal(classifyJsonDocument('{"format_version":"1.0","resource_changes":[]}'), 'terraform-plan');
  assert.equal(classifyJsonDocument('{"version":3,"terraform_version":"0.11","resources":[]}'), undefined);
  assert.equal(classifyJsonDocument('not json'), undefined);
  assert.equal(classifyYamlDocument('Resources:\n  B:\n    Type: AWS::S3::Bucket\n'), 'cloudformation');
  assert.equal(classifyYamlDocument('name: x\n'), undefined);
});
