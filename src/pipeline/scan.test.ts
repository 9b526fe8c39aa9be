import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InfraModel } from '../model/infra-model.js';
import type { Resource } from '../model/resource.js';
import { defineRule, fail, type AnyRule } from '../rules/define-rule.js';
import { LineIndex } from '../source/line-index.js';
import { memoryFileSystem } from './memory-file-system.js';
import { decideOutcome } from './run-outcome.js';
import { scan, type EvaluateTerraform } from './scan.js';
import type { ScanContext } from './scan-context.js';
import { resolveScanRoot } from './scan-root.js';

const MAIN = '# safeguard:ignore test-no-buckets accepted for the demo\nresource "aws_s3_bucket" "b" {}\n';

function modelOf(resources: Resource[]): InfraModel {
  return {
    resources,
    moduleCalls: [],
    variables: [],
    outputs: [],
    terraform: [],
    providers: [],
    providerUses: [],
    repo: { files: [], rootModules: [''], lockedProviders: new Map() },
    ofType: (t: string) => resources.filter((r) => r.type === t),
    dataOfType: () => [],
    related: () => [],
    referrers: () => [],
    resolve: () => [],
    diagnostics: [],
  };
}

function bucket(file: string, text: string, commented: boolean): Resource {
  const lines = new LineIndex(text);
  const start = text.indexOf('resource');
  const comment = text.slice(0, start).trimEnd();
  return {
    address: 'aws_s3_bucket.b',
    configAddress: 'aws_s3_bucket.b',
    mode: 'managed',
    type: 'aws_s3_bucket',
    name: 'b',
    modulePath: '',
    origin: 'terraform',
    provider: { name: 'aws' },
    references: [],
    comments: commented && comment ? [{ text: comment, span: lines.span(file, 0, comment.length) }] : [],
    span: lines.span(file, start, text.length - 1),
    attributes: new Map(),
    blocks: [],
  };
}

const noBuckets = defineRule<Resource>({
  id: 'test-no-buckets',
  title: 'No buckets',
  severity: 'high',
  controls: ['164.312(a)(1)'],
  kind: 'attr',
  why: 'test',
  howToFix: 'test',
  references: {},
  targets: (m) => m.ofType('aws_s3_bucket'),
  check: (b) => fail(b, { message: `${b.address} exists.` }),
  examples: {},
}) as unknown as AnyRule;

function context(files: Record<string, string>, env: Record<string, string> = {}): ScanContext {
  let clock = 0;
  return { cwd: '/repo', env, now: new Date('2026-01-01T00:00:00Z'), fs: memoryFileSystem({ files }), monotonicMs: () => (clock += 5) };
}

test('discovers, evaluates, runs rules and applies inline suppressions', async () => {
  const ctx = context({ '/repo/main.tf': MAIN, '/repo/other.tf': 'resource "aws_s3_bucket" "b" {}\n', '/repo/plan.json': '{"format_version":"1","planned_values":{}}' }, { TF_VAR_env: 'prod', HOME: '/root' });
  let seen: Parameters<EvaluateTerraform>[0] | undefined;
  const evaluate: EvaluateTerraform = (input) => {
    seen = input;
    const resources = [...input.files].filter(([f]) => f.endsWith('.tf')).map(([f, t]) => bucket(f, t, true));
    return { model: modelOf(resources), diagnostics: [] };
  };
  const root = resolveScanRoot(ctx.fs, ctx.cwd, ['.']);
  assert.ok(root.ok);
  if (!root.ok) return;
  const result = await scan(ctx, { scanRoot: root.value, rules: [noBuckets], evaluate, vars: { region: 'us-east-1' } });
  assert.deepEqual([...seen!.files.keys()], ['main.tf', 'other.tf']);
  assert.deepEqual(seen!.env, { TF_VAR_env: 'prod' }, 'only TF_VAR_ variables reach the evaluator');
  assert.deepEqual(seen!.vars, { region: 'us-east-1' });
  assert.deepEqual(result.findings.map((f) => `${f.span.file}:${f.status}`), ['main.tf:waived', 'other.tf:fail']);
  assert.equal(result.findings[0]!.waiver?.reason, 'accepted for the demo');
  assert.deepEqual(result.skipped, [], 'plan JSON is scanned (issue 7)');
  assert.ok(result.files.some((f) => f.path === 'plan.json' && f.format === 'terraform-plan'));
  assert.deepEqual(result.timings, { discoverMs: 5, evaluateMs: 5, rulesMs: 5, totalMs: 15 });
  assert.equal(decideOutcome(result, 'high').exitCode, 1);
  assert.equal(decideOutcome(result, 'critical').exitCode, 0);
  assert.equal(decideOutcome(result, 'none').exitCode, 0);
  assert.equal(decideOutcome(result, 'high', new Set(['test-no-buckets'])).exitCode, 0);
});

test('inline suppressions can be turned off', async () => {
  const ctx = context({ '/repo/main.tf': MAIN });
  const root = resolveScanRoot(ctx.fs, ctx.cwd, []);
  if (!root.ok) assert.fail();
  const result = await scan(ctx, { scanRoot: root.value, rules: [noBuckets], inlineSuppressions: false, evaluate: (i) => ({ model: modelOf([...i.files].map(([f, t]) => bucket(f, t, true))), diagnostics: [] }) });
  assert.deepEqual(result.findings.map((f) => f.status), ['fail']);
});

test('var files outside the scan root are refused with an error that names --allow-outside-root', async () => {
  const ctx = context({ '/repo/infra/main.tf': 'x', '/repo/vars/prod.tfvars': 'a = 1' });
  const root = resolveScanRoot(ctx.fs, ctx.cwd, ['infra']);
  if (!root.ok) assert.fail();
  let varFiles: string[] | undefined = ['unset'];
  const result = await scan(ctx, { scanRoot: root.value, rules: [], varFiles: ['vars/prod.tfvars'], evaluate: (input) => ((varFiles = input.varFiles), { model: modelOf([]), diagnostics: [] }) });
  assert.equal(varFiles, undefined, 'not passed to the evaluator');
  const refused = result.diagnostics.find((d) => d.code === 'scan/var-file-outside-root');
  assert.equal(refused?.severity, 'error');
  assert.match(refused?.hint ?? '', /--allow-outside-root/);
  assert.equal(decideOutcome(result, 'high').exitCode, 1);
  assert.ok(!result.files.some((f) => f.path.includes('prod.tfvars')));
});

test('readFile stays inside the scan root; with --allow-outside-root, named var files outside it are read', async () => {
  const ctx = context({ '/repo/infra/main.tf': 'x', '/repo/secret.txt': 'no', '/repo/vars/prod.tfvars': 'a = 1', '/repo/infra/policy.json': '{}' });
  const root = resolveScanRoot(ctx.fs, ctx.cwd, ['infra']);
  if (!root.ok) assert.fail();
  assert.equal(root.value.displayRoot, 'infra');
  let outside: string | undefined = 'unset';
  let inside: string | undefined;
  let varFiles: string[] | undefined;
  const result = await scan(ctx, {
    scanRoot: root.value,
    rules: [],
    varFiles: ['vars/prod.tfvars', 'missing.tfvars'],
    allowOutsideRoot: true,
    evaluate: (input) => {
      outside = input.readFile('../secret.txt');
      inside = input.readFile('policy.json');
      varFiles = input.varFiles;
      return { model: modelOf([]), diagnostics: [] };
    },
  });
  assert.equal(outside, undefined);
  assert.equal(inside, '{}');
  assert.deepEqual(varFiles, ['../vars/prod.tfvars']);
  assert.deepEqual(result.diagnostics.map((d) => d.code).sort(), ['scan/outside-root', 'scan/var-file']);
  // A path that climbs out of the root names no file in the scan (a link inside it would be named).
  assert.equal(result.diagnostics.find((d) => d.code === 'scan/outside-root')?.file, undefined);
});

test('a missing path is an error value, and an empty tree warns that nothing was checked', async () => {
  const ctx = context({ '/repo/README.md': '# x' });
  const missing = resolveScanRoot(ctx.fs, ctx.cwd, ['nope']);
  assert.equal(missing.ok, false);
  if (!missing.ok) assert.equal(missing.errors[0]!.message, 'Path nope does not exist.');
  const root = resolveScanRoot(ctx.fs, ctx.cwd, ['.']);
  if (!root.ok) assert.fail();
  const result = await scan(ctx, { scanRoot: root.value, rules: [], evaluate: () => ({ model: modelOf([]), diagnostics: [] }) });
  assert.deepEqual(result.diagnostics.map((d) => d.code), ['scan/no-input']);
  assert.equal(decideOutcome(result, 'high').exitCode, 0);
});

test('when the ignore files left out every Terraform file, the no-input warning says so and names the ignore file and what to name instead', async () => {
  // The CDK for Terraform template: `cdktf synth` writes the stacks to cdktf.out, which .gitignore lists.
  const ctx = context({ '/repo/.gitignore': 'cdktf.out\n', '/repo/cdktf.out/stacks/phi/cdk.tf.json': '{}', '/repo/cdktf.out/manifest.json': '{}', '/repo/README.md': '# x' });
  const scanOf = async (paths: string[]) => {
    const root = resolveScanRoot(ctx.fs, ctx.cwd, paths);
    if (!root.ok) return assert.fail();
    return scan(ctx, { scanRoot: root.value, rules: [], evaluate: (input) => ({ model: modelOf([...input.files.keys()].map((f) => bucket(f, '', false))), diagnostics: [] }) });
  };
  const all = await scanOf(['.']);
  const warning = all.diagnostics.find((d) => d.code === 'scan/no-input');
  assert.equal(warning?.message, 'No Terraform files found under the current directory that the ignore files let through, so nothing was checked: .gitignore leaves out cdktf.out/.');
  assert.match(warning?.hint ?? '', /`safeguard scan cdktf\.out`/);
  // Named, the directory is read: no false pass on an empty scan.
  const named = await scanOf(['cdktf.out']);
  assert.deepEqual(named.diagnostics.map((d) => d.code), []);
  assert.deepEqual(named.files.map((f) => f.path), ['stacks/phi/cdk.tf.json']);
});

test('several paths share their nearest common directory as the root', () => {
  const ctx = context({ '/repo/a/x/main.tf': '', '/repo/a/y/main.tf': '' });
  const root = resolveScanRoot(ctx.fs, ctx.cwd, ['a/x', 'a/y/main.tf']);
  assert.ok(root.ok && root.value.root === '/repo/a' && root.value.displayRoot === 'a');
});
