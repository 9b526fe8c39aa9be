// Root modules as scan units (issue 11): which files each unit gets, and that evaluating unit by
// unit and merging gives the findings and diagnostics of evaluating everything at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import { evaluateTerraform } from '../graph/index.js';
import { dirLayout, firstInstancePath, layoutDirs, layoutOf, loadLayout, loadTree } from '../graph/load.js';
import { parseHclFile } from '../graph/parse.js';
import { allRules } from '../rules/index.js';
import { memoryRepoContext } from './memory-file-system.js';
import { scan } from './scan.js';
import type { ScanContext } from './scan-context.js';
import { resolveScanRoot } from './scan-root.js';
import { planUnits } from './scan-units.js';
import { createSourceScan, inlineRunner, ParseMemo, type SourceScanResult } from './source-scan.js';

const TREE: Record<string, string> = {
  'app/main.tf': 'module "store" {\n  source = "../modules/store"\n  name   = var.name\n}\nmodule "remote" {\n  source  = "terraform-aws-modules/s3-bucket/aws"\n  version = "4.1.0"\n  bucket  = "remote-${var.name}"\n}\nvariable "name" { type = string }\n',
  'app/terraform.tfvars': 'name = "patients"\n',
  'app/.terraform/modules/modules.json': JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'remote', Source: 'registry.terraform.io/terraform-aws-modules/s3-bucket/aws', Version: '4.1.0', Dir: '.terraform/modules/remote' }] }),
  'app/.terraform/modules/remote/main.tf': 'variable "bucket" { type = string }\nresource "aws_s3_bucket" "this" {\n  bucket = var.bucket\n}\n',
  'modules/store/main.tf': 'variable "name" { type = string }\nresource "aws_s3_bucket" "b" {\n  bucket = "${var.name}-store"\n}\nresource "aws_db_instance" "db" {\n  identifier        = var.name\n  engine            = "postgres"\n  storage_encrypted = false\n}\n',
  'audit/main.tf': 'resource "aws_cloudtrail" "org" {\n  name                          = "org"\n  s3_bucket_name                = "patients-store"\n  is_multi_region_trail         = true\n  include_global_service_events = true\n  event_selector {\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3"]\n    }\n  }\n}\nresource "aws_guardduty_detector" "d" {\n  enable = true\n}\n',
  'cycle/a/main.tf': 'module "b" {\n  source = "../b"\n}\n',
  'cycle/b/main.tf': 'module "a" {\n  source = "../a"\n}\nresource "aws_s3_bucket" "x" {\n  bucket = \n}\n',
  'notes/readme.tfvars': 'unused = true\n',
};

const context = (): ScanContext => memoryRepoContext(TREE, new Date('2026-12-03T00:00:00Z'));

test('units: a root with its local and downloaded modules and tfvars; unreachable files last, for their diagnostics', () => {
  const files = new Map(Object.entries(TREE));
  const tree = loadTree(files);
  assert.deepEqual(tree.rootModules, ['app', 'audit']);
  const units = planUnits(files, layoutOf(tree), tree.rootModules, ['prod.tfvars']);
  assert.deepEqual(
    units.map((u) => [u.root, u.paths]),
    [
      ['app', ['app/.terraform/modules/modules.json', 'app/.terraform/modules/remote/main.tf', 'app/main.tf', 'app/terraform.tfvars', 'modules/store/main.tf', 'prod.tfvars']],
      ['audit', ['audit/main.tf', 'prod.tfvars']],
      [undefined, ['cycle/a/main.tf', 'cycle/b/main.tf']],
    ],
  );
});

test("planning's layout (a directory at a time, no trees held) is the loaded tree's", () => {
  const files = new Map(Object.entries(TREE));
  const parsed: string[] = [];
  const layout = loadLayout(files, (path, text) => {
    parsed.push(path);
    return parseHclFile(path, text);
  });
  const expected = layoutOf(loadTree(files));
  assert.deepEqual(layout.rootModules, ['app', 'audit']);
  assert.deepEqual(layout.rootModules, expected.rootModules);
  assert.deepEqual([...layout.calls].sort(), [...expected.calls].sort());
  assert.deepEqual([...layout.namedCalls].sort(), [...expected.namedCalls].sort());
  assert.deepEqual([...layout.remote], [...expected.remote]);
  assert.deepEqual(layout.parsed, expected.parsed);
  assert.equal(new Set(parsed).size, parsed.length, 'each file parsed once');
  assert.deepEqual(planUnits(files, layout, layout.rootModules), planUnits(files, expected, expected.rootModules));
});

test('planning shared out between threads (ShareLayouts: directories laid out in any order, sent as plain data) gives the same layout', () => {
  const files = new Map(Object.entries(TREE));
  const alone = loadLayout(files);
  const dirs = layoutDirs(files);
  assert.deepEqual(
    dirs.map(([dir]) => dir),
    ['app/.terraform/modules/remote', 'app', 'audit', 'cycle/a', 'cycle/b', 'modules/store'],
  );
  // Every other directory as a --jobs worker makes it (dirLayout, structured-cloned to this thread), the rest here, last first.
  const elsewhere = (i: number): ReturnType<typeof dirLayout> => structuredClone(dirLayout(dirs[i]![0], dirs[i]![1], files, parseHclFile, undefined));
  const laidOut: number[] = [];
  const shared = loadLayout(files, parseHclFile, undefined, (count, own) => {
    const out = new Array<ReturnType<typeof dirLayout>>(count);
    for (let i = count - 1; i >= 0; i--) {
      laidOut.push(i);
      out[i] = i % 2 === 0 ? elsewhere(i) : own(i);
    }
    return out;
  });
  assert.equal(laidOut.length, dirs.length);
  assert.deepEqual(shared, alone);
  assert.deepEqual([...shared.calls], [...alone.calls], 'and in the same order');
  assert.deepEqual([...shared.namedCalls], [...alone.namedCalls]);
});

test('planning keeps trees only within its budget of characters; the units parse the rest, once each', () => {
  const paths = ['app/main.tf', 'audit/main.tf', 'modules/store/main.tf'];
  const budget = TREE['app/main.tf']!.length + TREE['audit/main.tf']!.length;
  const memo = new ParseMemo(budget);
  const planned = paths.map((p) => memo.parse(p, TREE[p]!));
  assert.equal(memo.size, 2, 'the third file is past the budget');
  const unit = (...ps: string[]) => ({ root: ps[0]!.split('/')[0], files: new Map(ps.map((p) => [p, TREE[p]!])) });
  const app = unit('app/main.tf', 'modules/store/main.tf');
  const other = unit('modules/store/main.tf');
  memo.expect([app, other]);
  assert.equal(memo.size, 1, "a kept tree no unit reads is dropped: audit/main.tf's");
  assert.equal(memo.parse('app/main.tf', TREE['app/main.tf']!), planned[0], 'kept from planning');
  const store = memo.parse('modules/store/main.tf', TREE['modules/store/main.tf']!);
  assert.notEqual(store, planned[2], 'parsed again for the units');
  assert.deepEqual(store, planned[2]);
  memo.done(app);
  assert.equal(memo.parse('modules/store/main.tf', TREE['modules/store/main.tf']!), store, 'then kept for the next unit that reads it');
  memo.done(other);
  assert.equal(memo.size, 0);
});

test('a parsed file is kept until the last unit that reads it is done, then dropped', () => {
  const memo = new ParseMemo();
  const shared = 'modules/store/main.tf';
  const text = TREE[shared]!;
  const first = memo.parse(shared, text);
  const own = memo.parse('audit/main.tf', TREE['audit/main.tf']!);
  const unit = (...paths: string[]) => ({ root: paths[0]!.split('/')[0], files: new Map(paths.map((p) => [p, TREE[p]!])) });
  const app = unit('app/main.tf', shared);
  const other = unit('audit/main.tf', shared);
  memo.expect([app, other]);
  assert.equal(memo.parse(shared, text), first, 'reused while units still need it');
  memo.done(app);
  assert.equal(memo.parse(shared, text), first, 'still needed by the second unit');
  assert.equal(memo.parse('audit/main.tf', TREE['audit/main.tf']!), own);
  memo.done(other);
  const again = memo.parse(shared, text);
  assert.notEqual(again, first, 'dropped after the last unit, so parsed anew if asked again');
  assert.deepEqual(again, first);
  assert.notEqual(memo.parse('audit/main.tf', TREE['audit/main.tf']!), own);
});

test('unit by unit gives the findings and diagnostics of one whole evaluation (cross-root rules included)', async () => {
  const ctx = context();
  const root = resolveScanRoot(ctx.fs, ctx.cwd, ['.']);
  assert.ok(root.ok);
  const whole = await scan(ctx, { scanRoot: root.value, rules: allRules, evaluate: evaluateTerraform, keepModel: true });
  let units: SourceScanResult | undefined;
  const sourceScan = createSourceScan({ fs: ctx.fs, root: root.value.root, maxFileBytes: 1 << 20, runner: inlineRunner(ctx.fs), tool: 'test' });
  const split = await scan(ctx, { scanRoot: root.value, rules: allRules, evaluate: evaluateTerraform, keepModel: true, sourceScan: async (input) => (units = await sourceScan(input)) });
  assert.equal(units?.cache, 'off');
  const plain = (r: typeof whole): string => JSON.stringify(r.findings.map((f) => ({ ...f, fix: f.fix ? { description: f.fix.description, safety: f.fix.safety } : undefined })));
  assert.ok(whole.findings.length > 20);
  assert.equal(plain(split), plain(whole));
  const key = (d: (typeof whole.diagnostics)[number]): string => `${d.code} ${d.message} ${d.span?.file ?? d.file ?? ''}:${d.span?.start.offset ?? ''}`;
  assert.deepEqual(split.diagnostics.map(key).sort(), whole.diagnostics.map(key).sort());
  assert.ok(whole.diagnostics.some((d) => d.code.startsWith('parse/') && (d.span?.file ?? d.file) === 'cycle/b/main.tf'), 'the unreachable file is still parsed');
  assert.ok((whole.model?.resources.length ?? 0) > 2);
  assert.deepEqual(split.model?.resources.map((r) => r.address), whole.model?.resources.map((r) => r.address));
  // Unless asked for, the model is not in the result, so it is not kept alive while reports are written.
  const plain1 = await scan(ctx, { scanRoot: root.value, rules: allRules, evaluate: evaluateTerraform });
  assert.equal(plain1.model, undefined);
  assert.equal(plain(plain1), plain(whole));
});

test('cache: a hit without evaluating; the day is part of the key (inline suppressions expire)', async () => {
  const ctx = context();
  const root = resolveScanRoot(ctx.fs, ctx.cwd, ['.']);
  assert.ok(root.ok);
  const entries = new Map<string, string>();
  const cache = { read: (name: string) => entries.get(name), write: (name: string, text: string) => void entries.set(name, text) };
  const results: SourceScanResult[] = [];
  let evaluations = 0;
  const sourceScan = createSourceScan({ fs: ctx.fs, root: root.value.root, maxFileBytes: 1 << 20, runner: inlineRunner(ctx.fs), tool: 'test', cache, onEvaluate: () => void evaluations++ });
  const run = (c: ScanContext): Promise<unknown> => scan(c, { scanRoot: root.value, rules: allRules, evaluate: evaluateTerraform, sourceScan: async (input) => { const r = await sourceScan(input); results.push(r); return r; } });
  await run(ctx);
  await run(ctx);
  await run({ ...ctx, now: new Date('2026-12-04T00:00:00Z') });
  assert.deepEqual(results.map((r) => r.cache), ['miss', 'hit', 'miss']);
  assert.equal(evaluations, 2, 'onEvaluate on each miss, not on the hit (the CLI lets the young generation grow then)');
  assert.equal(results[1]!.model, undefined);
  assert.deepEqual(results[1]!.findings, JSON.parse(JSON.stringify(results[0]!.findings)));
  assert.equal(entries.size, 4, 'for each day the sources\' entry and the documents\' (swept files and the sources\' comments)');
});

/**
 * Whole scans of in-memory repositories through one source scan's cache (kept in a map between
 * runs): `run` returns `pick` of each scan's findings, `results` each source scan's result (hit or miss).
 */
function cachedScans(pick: (findings: readonly Finding[]) => string[]): { run: (files: Record<string, string>) => Promise<string[]>; results: SourceScanResult[] } {
  const entries = new Map<string, string>();
  const cache = { read: (name: string) => entries.get(name), write: (name: string, text: string) => void entries.set(name, text) };
  const results: SourceScanResult[] = [];
  const run = async (files: Record<string, string>): Promise<string[]> => {
    const ctx = memoryRepoContext(files, new Date('2026-12-03T00:00:00Z'));
    const root = resolveScanRoot(ctx.fs, ctx.cwd, ['.']);
    assert.ok(root.ok);
    const sourceScan = createSourceScan({ fs: ctx.fs, root: root.value.root, maxFileBytes: 1 << 20, runner: inlineRunner(ctx.fs), tool: 'test', cache });
    const result = await scan(ctx, { scanRoot: root.value, rules: allRules, evaluate: evaluateTerraform, sourceScan: async (input) => { const r = await sourceScan(input); results.push(r); return r; } });
    return pick(result.findings);
  };
  return { run, results };
}

test('cache: a file added where fileset() lists invalidates the entry (the listing is one of its reads)', async () => {
  const tree: Record<string, string> = {
    'app/main.tf': 'resource "aws_s3_object" "o" {\n  for_each = fileset("${path.module}/docs", "*.json")\n  bucket   = "b"\n  key      = each.value\n}\n',
    'app/docs/a.json': '{}',
  };
  const { run, results } = cachedScans((findings) => [...new Set(findings.map((f) => f.resource.address))].filter((a) => a.startsWith('aws_s3_object')).sort());
  assert.deepEqual(await run(tree), ['aws_s3_object.o["a.json"]']);
  assert.deepEqual(await run(tree), ['aws_s3_object.o["a.json"]']);
  assert.deepEqual(await run({ ...tree, 'app/docs/b.json': '{}' }), ['aws_s3_object.o["a.json"]', 'aws_s3_object.o["b.json"]']);
  assert.deepEqual(results.map((r) => r.cache), ['miss', 'hit', 'miss']);
});

test('cache: a Terragrunt include read while planning is one of the entry\'s reads (it decides which module a unit runs)', async () => {
  // root.hcl names the module; a unit whose module is not there is never evaluated, so only planning read it.
  const rootHcl = (module: string): string => `terraform {\n  source = "../../${module}"\n}\ninputs = {\n  public = true\n}\n`;
  const tree: Record<string, string> = {
    'root.hcl': rootHcl('modules/nope'),
    'live/prod/terragrunt.hcl': 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n',
    'modules/db/main.tf': 'variable "public" {\n  type = bool\n}\nresource "aws_db_instance" "db" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  storage_encrypted   = true\n  publicly_accessible = var.public\n}\n',
  };
  const { run, results } = cachedScans((findings) => findings.filter((f) => f.ruleId === 'aws-rds-instance-not-public').map((f) => `${f.status} ${f.resource.root ?? ''}`));
  assert.deepEqual(await run(tree), ['unknown modules/db'], 'the module alone, as a root module of its own: var.public is not given');
  const pointed = { ...tree, 'root.hcl': rootHcl('modules/db') };
  assert.deepEqual(await run(pointed), ['fail live/prod'], 'the unit runs the module with public = true');
  assert.deepEqual(await run(pointed), ['fail live/prod']);
  assert.deepEqual(results.map((r) => r.cache), ['miss', 'miss', 'hit']);
});

test('firstInstancePath: the module path of the first root (sorted) that calls a module, when it calls it by one path without keys', () => {
  const call = (name: string, source: string, extra = ''): string => `module "${name}" {\n  source = "${source}"\n${extra}}\n`;
  const files = new Map(
    Object.entries({
      'envs/c/main.tf': call('svc', '../../modules/shared') + call('wrap', '../../modules/wrapper'),
      'envs/d/main.tf': call('other', '../../modules/shared'),
      'envs/b/main.tf': call('keyed', '../../modules/keyed', '  count = 2\n') + call('one', '../../modules/twice') + call('two', '../../modules/twice'),
      'envs/a/main.tf': call('remote', 'terraform-aws-modules/s3-bucket/aws'),
      'modules/wrapper/main.tf': call('inner', '../nested'),
      'modules/nested/main.tf': 'variable "x" {}\n',
      'modules/shared/main.tf': 'variable "db_password" {}\n',
      'modules/keyed/main.tf': 'variable "x" {}\n',
      'modules/twice/main.tf': 'variable "x" {}\n',
      'modules/unused/main.tf': 'variable "x" {}\n',
    }),
  );
  const layout = loadLayout(files);
  const first = (dir: string): string | undefined => firstInstancePath(layout, layout.rootModules, dir);
  // envs/c comes before envs/d: the unsharded scan judges the shared module's declarations as module.svc.
  assert.equal(first('modules/shared'), 'module.svc');
  assert.equal(first('modules/nested'), 'module.wrap.module.inner');
  // Keys known only by evaluating, two paths in its first root: not known.
  assert.equal(first('modules/keyed'), undefined);
  assert.equal(first('modules/twice'), undefined);
  // A root module itself, a module no root calls, a downloaded one.
  assert.equal(first('envs/a'), undefined);
  assert.equal(first('modules/unused'), undefined);
  assert.equal(first('envs/a/.terraform/modules/remote'), undefined);
});
