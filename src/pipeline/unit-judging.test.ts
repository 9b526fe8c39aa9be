// Rules judged root module by root module (unit-judging.ts) answer as one run over a whole
// evaluation does: the same findings, in the same order, with the same diagnostics. Each case here
// is one the per-root models alone would get wrong without what the end model, the gathered
// literals, the shared written values, the name links or the session's masking keep.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { evaluateTerraform, evaluateTerraformParts } from '../graph/index.js';
import { defineRule, pass, type AnyRule } from '../rules/define-rule.js';
import { allRules } from '../rules/index.js';
import type { Finding } from '../engine/finding.js';
import { memoryRepoContext } from './memory-file-system.js';
import { scan, type ScanResult } from './scan.js';
import { resolveScanRoot } from './scan-root.js';
import { createSourceScan, inlineRunner, type SourceScanResult } from './source-scan.js';
import { UnitJudging } from './unit-judging.js';
import { CrossUnitNames } from '../graph/cross-unit-names.js';
import { compilePolicy } from '../policies/compile.js';
import { parsePolicy } from '../policies/parse-policy.js';

const NOW = new Date('2026-12-06T00:00:00Z');

/** A finding as reports show it (the fix's edit callback aside). */
function shown(f: Finding): unknown {
  return { ...f, fix: f.fix ? { description: f.fix.description, safety: f.fix.safety } : undefined };
}

/** The tree scanned whole (the merged model: keepModel) and root module by root module (the source scan). */
async function bothWays(tree: Record<string, string>, rules: readonly AnyRule[] = allRules): Promise<{ whole: ScanResult; apart: ScanResult; source: SourceScanResult }> {
  const ctx = memoryRepoContext(tree, NOW);
  const root = resolveScanRoot(ctx.fs, ctx.cwd, ['.']);
  assert.ok(root.ok);
  const whole = await scan(ctx, { scanRoot: root.value, rules, evaluate: evaluateTerraform, keepModel: true });
  const sourceScan = createSourceScan({ fs: ctx.fs, root: root.value.root, maxFileBytes: 1 << 20, runner: inlineRunner(ctx.fs), tool: 'test' });
  let source: SourceScanResult | undefined;
  const apart = await scan(ctx, { scanRoot: root.value, rules, evaluate: evaluateTerraform, sourceScan: async (input) => (source = await sourceScan(input)) });
  return { whole, apart, source: source! };
}

/** Judged apart (the end model keeps fewer resources than the whole), with the findings and diagnostics of the whole. */
async function assertSame(tree: Record<string, string>, rules?: readonly AnyRule[]): Promise<ScanResult & { readonly endResources: number; readonly allResources: number }> {
  const { whole, apart, source } = await bothWays(tree, rules);
  assert.deepEqual(apart.findings.map(shown), whole.findings.map(shown));
  assert.deepEqual(apart.diagnostics, whole.diagnostics);
  return { ...apart, endResources: source.model!.resources.length, allResources: whole.model!.resources.length };
}

test("every rule's examples, each its own root module: the same findings as one run over the whole", async () => {
  const tree: Record<string, string> = {};
  for (const rule of allRules) {
    const examples = rule.examples.terraform;
    if (!examples) continue;
    examples.good.forEach((text, i) => (tree[`${rule.id}/good${i}/main.tf`] = text));
    examples.bad.forEach((text, i) => (tree[`${rule.id}/bad${i}/main.tf`] = text));
  }
  const apart = await assertSame(tree);
  assert.ok(apart.findings.length > 3000, `${apart.findings.length} findings`);
  // Each root holds one or two resources here, most of them the first of their root module, which the end model keeps.
  assert.ok(apart.endResources < apart.allResources, `the end model keeps ${apart.endResources} of ${apart.allResources} resources`);
  assert.ok(!apart.diagnostics.some((d) => d.code === 'rule/crashed'), 'no rule judged at the end reads a type its metadata leaves out');
});

test('the bundled examples: the same findings as one run over the whole', async () => {
  const dir = fileURLToPath(new URL('../../examples', import.meta.url));
  const tree: Record<string, string> = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else tree[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  const apart = await assertSame(tree);
  assert.ok(apart.findings.some((f) => f.status === 'fail') && apart.findings.some((f) => f.ruleId === 'aws-cloudtrail-enabled'));
});

test("a literal in a child module's variable default is one finding for every root module that calls it", async () => {
  const apart = await assertSame({
    'm/main.tf': 'variable "token" {\n  type    = string\n  default = "ghp_' + 'Zr8kq2Lm4pXv9wQ7tY3uB6nD1sF5gH0jK2cE"\n}\nresource "aws_ssm_parameter" "p" {\n  name  = "/app/token"\n  type  = "String"\n  value = var.token\n}\n',
    'a/main.tf': 'module "m" {\n  source = "../m"\n}\n',
    'b/main.tf': 'module "m" {\n  source = "../m"\n}\n',
  });
  const failed = apart.findings.filter((f) => f.ruleId === 'tf-no-secrets-in-code' && f.status === 'fail');
  assert.equal(failed.length, 1, failed.map((f) => `${f.span.file}:${f.span.start.line}`).join(', '));
  assert.ok(!JSON.stringify(apart.findings).includes('Zr8kq2Lm4pXv9wQ7tY3uB6nD1sF5gH0jK2cE'), 'never the secret itself');
});

test("a hop through a child module's variable read by a later root module still finds what is written there", async () => {
  await assertSame({
    'm/main.tf': 'variable "region" {\n  default = "us-east-1"\n}\nresource "aws_instance" "i" {\n  ami       = "ami-0123456789abcdef0"\n  user_data = "export DB_PASSWORD=Qm7vX2pL9kR4tW8z REGION=${var.region}"\n}\n',
    'a/main.tf': 'module "m" {\n  source = "../m"\n}\n',
    'b/main.tf': 'module "m" {\n  source = "../m"\n}\n',
  });
});

test('a bucket one root module makes, configured by another that names it, is judged with its configuration', async () => {
  const apart = await assertSame({
    'data/main.tf': 'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-records"\n  tags   = { DataClassification = "phi" }\n}\n',
    'settings/main.tf': 'resource "aws_s3_bucket_versioning" "v" {\n  bucket = "acme-phi-records"\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n',
  });
  const versioning = apart.findings.find((f) => f.ruleId === 'aws-s3-bucket-versioning' && f.resource.address === 'aws_s3_bucket.phi');
  assert.equal(versioning?.status, 'pass', 'the other stack turns versioning on');
});

test('a compiled policy is judged root module by root module too, its connections across them kept', async () => {
  const parsed = parsePolicy('metadata:\n  id: acme-bucket-versioned\n  name: Buckets are versioned\ndefinition:\n  cond_type: connection\n  resource_types: [aws_s3_bucket]\n  connected_resource_types: [aws_s3_bucket_versioning]\n  operator: exists\n', 'p.yaml');
  const policy = compilePolicy(parsed.policy!);
  const apart = await assertSame(
    {
      'data/main.tf': 'resource "aws_s3_bucket" "phi" {\n  bucket = "acme-phi-records"\n}\nresource "aws_s3_bucket" "plain" {\n  bucket = "acme-plain"\n}\n',
      'settings/main.tf': 'resource "aws_s3_bucket_versioning" "v" {\n  bucket = "acme-phi-records"\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n',
    },
    [policy],
  );
  assert.deepEqual(apart.findings.map((f) => `${f.resource.address} ${f.status}`), ['aws_s3_bucket.phi pass', 'aws_s3_bucket.plain fail']);
  assert.equal(apart.endResources, 2, 'judged apart: the end model keeps only the first resource of each root module');
});

test("an instance key one root module uses as a secret is masked in an earlier root module's findings too", async () => {
  // Plain words: masked only because b uses the key as a password (a key shaped like an SSN is masked by its shape alone).
  const key = 'harbor-crane';
  const apart = await assertSame({
    'a/main.tf': `resource "aws_s3_bucket" "b" {\n  for_each = toset(["${key}"])\n  bucket   = "records-\${each.key}"\n}\n`,
    'b/main.tf': `resource "aws_db_instance" "d" {\n  for_each          = toset(["${key}"])\n  identifier        = "db"\n  engine            = "postgres"\n  storage_encrypted = true\n  password          = each.key\n}\n`,
  });
  assert.ok(apart.findings.some((f) => f.resource.address.startsWith('aws_s3_bucket.b[')));
  assert.ok(!JSON.stringify(apart.findings).includes(key), 'the key is masked in every root module');
});

test('the end model refuses a type the rules judged at the end do not name: a crash, not a quiet wrong answer', () => {
  const reads = defineRule({
    id: 'test-reads-buckets',
    title: 'test',
    severity: 'low',
    controls: ['164.312(b)'],
    kind: 'graph',
    why: 'test',
    howToFix: 'test',
    references: {},
    acrossRoots: { why: 'test', reads: ['aws_kms_key'] },
    targets: (model) => model.ofType('aws_s3_bucket'),
    check: (target) => pass(target),
    examples: {},
  }) as unknown as AnyRule;
  const judging = new UnitJudging([reads], { today: '2026-12-06' }, { files: [], rootModules: ['a'], lockedProviders: new Map() });
  const { parts } = evaluateTerraformParts({ files: new Map([['a/main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n']]), readFile: () => undefined });
  const kept = judging.unit('a', parts);
  const run = judging.finish(kept, () => assert.fail('no unit is judged again'));
  assert.deepEqual(run.findings, []);
  assert.match(run.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'), /rule\/crashed .*keeps no aws_s3_bucket resources/);
});

test('units link when a question by name that one asked another holds the answer to, unless that root declares its own namesake', () => {
  const names = new CrossUnitNames();
  const res = (type: string, root: string, attributes: Record<string, string>) =>
    ({ type, root, attributes: new Map(Object.entries(attributes).map(([k, v]) => [k, { value: v, span: undefined, provenance: 'explicit', via: [], sensitive: false }])) }) as never;
  // b's policy names "logs" (a foreign key) and its root has no bucket: related() asks every root for one.
  names.add(0, [res('aws_s3_bucket', 'a', { bucket: 'logs' })]);
  names.add(1, [res('aws_s3_bucket_policy', 'b', { bucket: 'logs' })], [{ wanted: 'aws_s3_bucket', targetType: 'aws_s3_bucket_policy', value: 'logs', role: 'foreign' }]);
  // c's bucket "logs2" asks for a policy naming it (the bucket holds the name as its own); d has one,
  // but d declares its own bucket "logs2", which d's policy is about (the namesake rule): no link.
  names.add(2, [res('aws_s3_bucket', 'c', { bucket: 'logs2' })], [{ wanted: 'aws_s3_bucket_policy', targetType: 'aws_s3_bucket', value: 'logs2', role: 'identity' }]);
  names.add(3, [res('aws_s3_bucket', 'd', { bucket: 'logs2' }), res('aws_s3_bucket_policy', 'd', { bucket: 'logs2' })]);
  names.add(4, [res('aws_iam_role', 'e', { name: 'app' })], [{ type: 'aws_iam_instance_profile', attribute: 'name', value: 'app' }]);
  names.add(5, [res('aws_iam_instance_profile', 'f', { name: 'app' })]);
  assert.deepEqual(names.linkedGroups(), [[0, 1], [4, 5]]);
});

test('units sharing names link only through a question a rule asked', () => {
  const names = new CrossUnitNames();
  const res = (type: string, root: string, attributes: Record<string, string>) =>
    ({ type, root, attributes: new Map(Object.entries(attributes).map(([k, v]) => [k, { value: v, span: undefined, provenance: 'explicit', via: [], sensitive: false }])) }) as never;
  // A monorepo's roots reuse names: a bucket "logs" here, a versioning naming "logs" there. No rule
  // asked the versioning's bucket across roots (its own root answered, or no rule reads it): no link.
  names.add(0, [res('aws_s3_bucket', 'a', { bucket: 'logs' })]);
  names.add(1, [res('aws_s3_bucket_versioning', 'b', { bucket: 'logs' })]);
  assert.deepEqual(names.linkedGroups(), []);
  // A question whose answer is of another type than any unit holds by the name: no link either.
  names.add(2, [res('aws_s3_bucket', 'c', { bucket: 'data' })], [{ wanted: 'aws_s3_bucket_logging', targetType: 'aws_s3_bucket', value: 'logs', role: 'identity' }]);
  assert.deepEqual(names.linkedGroups(), []);
  // b asks for the bucket its versioning names: a holds it.
  names.add(3, [], [{ wanted: 'aws_s3_bucket', targetType: 'aws_s3_bucket_versioning', value: 'logs', role: 'foreign' }]);
  assert.deepEqual(names.linkedGroups(), [[0, 3]]);
});
