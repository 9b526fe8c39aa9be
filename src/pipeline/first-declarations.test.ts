// The merged scan model keeps each variable and output declaration once, the first in unit order,
// whichever thread evaluated it; the rules' answers are those of a whole evaluation, which keeps
// every instance.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateTerraform, evaluateTerraformParts, type TerraformScanInput } from '../graph/index.js';
import type { OutputDecl, Resource, VariableDecl } from '../model/resource.js';
import { defineRule, fail, pass, type AnyRule, type Outcome, type Subject } from '../rules/define-rule.js';
import type { InfraModel } from '../model/infra-model.js';
import { allRules } from '../rules/index.js';
import type { Span } from '../source/span.js';
import { FirstDeclarations } from './first-declarations.js';
import { memoryRepoContext } from './memory-file-system.js';
import { scan } from './scan.js';
import type { ScanContext } from './scan-context.js';
import { resolveScanRoot } from './scan-root.js';
import { createSourceScan, inlineRunner, type SourceScanResult, type UnitRunner } from './source-scan.js';
import { scanUnit } from './unit-scan.js';

const at = (file: string, start: number, end: number): Span => ({ file, start: { line: 1, column: start + 1, offset: start }, end: { line: 1, column: end + 1, offset: end } });
const decl = (module: string, span: Span): VariableDecl => ({ module, name: 'v', span, sensitive: false, hasDefault: false, value: { value: null, span, provenance: 'unresolved', via: [], sensitive: false } });

test('the first declaration at each span stays, across calls; a different end or file is another place', () => {
  const seen = new FirstDeclarations();
  const a = decl('module.one', at('m/main.tf', 0, 20));
  const b = decl('module.one', at('m/main.tf', 0, 30));
  const c = decl('module.one', at('n/main.tf', 0, 20));
  assert.deepEqual(seen.keep([a, b, c, decl('module.two', at('m/main.tf', 0, 20))]), [a, b, c]);
  const d = decl('module.three', at('m/main.tf', 40, 60));
  assert.deepEqual(seen.keep([decl('module.three', at('m/main.tf', 0, 30)), d]), [d]);
});

// Two roots call one module: its variables and outputs are declared once per instance.
const TREE: Record<string, string> = {
  'modules/db/main.tf': 'variable "password" {\n  type    = string\n  default = "Zr8#kq2!Lm4pXv9w"\n}\nvariable "name" { type = string }\nresource "aws_db_instance" "db" {\n  identifier        = var.name\n  engine            = "postgres"\n  password          = var.password\n  storage_encrypted = false\n}\noutput "password" {\n  value = var.password\n}\noutput "name" {\n  value = var.name\n}\n',
  'one/main.tf': 'module "db" {\n  source = "../modules/db"\n  name   = "one"\n}\n',
  'two/main.tf': 'module "db" {\n  source = "../modules/db"\n  name   = "two"\n}\nmodule "again" {\n  source = "../modules/db"\n  name   = "again"\n}\n',
};

const context = (): ScanContext => memoryRepoContext(TREE, new Date('2026-12-03T00:00:00Z'));

/** Each unit with a FirstDeclarations of its own, as if every unit ran in another thread. */
const threadPerUnit = (ctx: ScanContext): UnitRunner => (units, unitContext, parses, take) => {
  units.forEach((unit, i) => take(i, scanUnit(unit, ctx.fs, unitContext, { parse: parses.parse, declarations: new FirstDeclarations() })));
  return Promise.resolve();
};

test('merged model: one declaration per span, the first instance; findings equal a whole evaluation, in one thread or many', async () => {
  const ctx = context();
  const root = resolveScanRoot(ctx.fs, ctx.cwd, ['.']);
  assert.ok(root.ok);
  const whole = await scan(ctx, { scanRoot: root.value, rules: allRules, evaluate: evaluateTerraform, keepModel: true });
  assert.equal(whole.model?.variables.length, 6, 'a whole evaluation keeps every instance (three calls, two variables)');
  assert.equal(whole.model?.outputs.length, 6, 'and every output (three calls, two outputs)');
  assert.ok(whole.findings.some((f) => f.ruleId === 'tf-sensitive-outputs' && f.status === 'fail'), 'the literal password output is judged');
  const plain = (r: typeof whole): string => JSON.stringify(r.findings.map((f) => ({ ...f, fix: f.fix ? { description: f.fix.description, safety: f.fix.safety } : undefined })));
  for (const runner of [inlineRunner(ctx.fs), threadPerUnit(ctx)]) {
    let result: SourceScanResult | undefined;
    const sourceScan = createSourceScan({ fs: ctx.fs, root: root.value.root, maxFileBytes: 1 << 20, runner, tool: 'test' });
    const split = await scan(ctx, { scanRoot: root.value, rules: allRules, evaluate: evaluateTerraform, sourceScan: async (input) => (result = await sourceScan(input)) });
    assert.deepEqual(
      result?.model?.variables.map((v) => `${v.module} ${v.name} ${v.span.start.offset}`),
      ['module.db password 0', `module.db name ${TREE['modules/db/main.tf']!.indexOf('variable "name"')}`],
      'the first instance (root "one") of each declaration',
    );
    assert.equal(result?.model?.variables[0]?.module, 'module.db');
    const db = TREE['modules/db/main.tf']!;
    assert.deepEqual(
      result?.model?.outputs.map((o) => `${o.module} ${o.name} ${o.span.start.offset} ${JSON.stringify(o.value.value)}`),
      [`module.db password ${db.indexOf('output "password"')} "Zr8#kq2!Lm4pXv9w"`, `module.db name ${db.indexOf('output "name"')} "one"`],
      'the first instance (root "one") of each output',
    );
    assert.ok(split.findings.some((f) => f.ruleId === 'tf-no-secrets-in-code' && f.status === 'fail'), 'the default is still judged');
    assert.equal(plain(split), plain(whole));
  }
});

/** The parts of `tree` evaluated whole, and with the filters a FirstDeclarations gives (`keep`). */
function evaluatedBothWays(tree: Record<string, string>, keep: (seen: FirstDeclarations) => Pick<TerraformScanInput, 'keepVariable' | 'keepOutput'>): { all: ReturnType<typeof evaluateTerraformParts>; some: ReturnType<typeof evaluateTerraformParts> } {
  const files = new Map(Object.entries(tree));
  const readFile = (): undefined => undefined;
  return { all: evaluateTerraformParts({ files, readFile }), some: evaluateTerraformParts({ files, readFile, ...keep(new FirstDeclarations()) }) };
}

test('the evaluator leaves out the declarations keepVariable refuses but still evaluates them: every diagnostic is kept', () => {
  const tree = {
    'm/main.tf': 'variable "size" { type = number }\nvariable "tag" {\n  type    = string\n  default = "x"\n}\n',
    'main.tf': 'module "a" {\n  source = "./m"\n  size   = "big"\n}\nmodule "b" {\n  source = "./m"\n  size   = "huge"\n}\n',
  };
  const { all, some } = evaluatedBothWays(tree, (seen) => ({ keepVariable: seen.keeps }));
  assert.deepEqual(all.parts.variables.map((v) => `${v.module}.${v.name}`), ['module.a.size', 'module.a.tag', 'module.b.size', 'module.b.tag']);
  assert.deepEqual(some.parts.variables.map((v) => `${v.module}.${v.name}`), ['module.a.size', 'module.a.tag']);
  assert.deepEqual(some.parts.variables, all.parts.variables.slice(0, 2));
  const typeErrors = (d: readonly { code: string; message: string }[]): string[] => d.filter((x) => x.code === 'eval/type').map((x) => x.message);
  assert.equal(typeErrors(all.diagnostics).length, 2, 'each caller gives a value of the wrong type');
  assert.deepEqual(typeErrors(some.diagnostics), typeErrors(all.diagnostics));
});

test('the evaluator leaves out the outputs keepOutput refuses but still evaluates them: an error in a later instance is reported', () => {
  const tree = {
    'm/main.tf': 'variable "items" { type = list(string) }\noutput "fifth" {\n  value = var.items[4]\n}\n',
    'main.tf': 'module "a" {\n  source = "./m"\n  items  = ["a", "b", "c", "d", "e"]\n}\nmodule "b" {\n  source = "./m"\n  items  = ["x"]\n}\n',
  };
  const { all, some } = evaluatedBothWays(tree, (seen) => ({ keepOutput: seen.keepsOutput }));
  assert.deepEqual(all.parts.outputs.map((o) => `${o.module}.${o.name}`), ['module.a.fifth', 'module.b.fifth']);
  assert.deepEqual(some.parts.outputs, all.parts.outputs.slice(0, 1));
  const evalErrors = (d: readonly { code: string; span?: Span }[]): string[] => d.filter((x) => x.code.startsWith('eval/')).map((x) => `${x.code} ${x.span?.file}:${x.span?.start.line}`);
  assert.deepEqual(evalErrors(all.diagnostics), ['eval/error m/main.tf:3'], "module b's index is out of range");
  assert.deepEqual(evalErrors(some.diagnostics), evalErrors(all.diagnostics));
});

/** A rule as a plugin would add one (not built in): only its targets and check matter here. */
function pluginRule<T extends Subject>(id: string, targets: (model: InfraModel) => T[], check: (subject: T) => Outcome): AnyRule {
  return defineRule<T>({ id, title: id, severity: 'low', controls: ['164.312(a)(1)'], kind: 'attr', why: 'test', howToFix: 'test', references: {}, targets, check, examples: {} }) as unknown as AnyRule;
}

test('a plugin rule sees every instance: with a rule that is not built in, no declaration is left out', async () => {
  const ctx = context();
  const root = resolveScanRoot(ctx.fs, ctx.cwd, ['.']);
  assert.ok(root.ok);
  const seen: number[] = [];
  const countsVariables = pluginRule<Resource>(
    'plugin-counts-variables',
    (m) => {
      seen.push(m.variables.length, m.outputs.length);
      return [];
    },
    (r) => pass(r),
  );
  for (const runner of [inlineRunner(ctx.fs), threadPerUnit(ctx)]) {
    let result: SourceScanResult | undefined;
    const sourceScan = createSourceScan({ fs: ctx.fs, root: root.value.root, maxFileBytes: 1 << 20, runner, tool: 'test' });
    await scan(ctx, { scanRoot: root.value, rules: [...allRules, countsVariables], evaluate: evaluateTerraform, sourceScan: async (input) => (result = await sourceScan(input)) });
    assert.equal(result?.model?.variables.length, 6);
    assert.equal(result?.model?.outputs.length, 6);
  }
  assert.deepEqual(seen, [6, 6, 6, 6], 'what the plugin rule read: variables and outputs, in each of the two runs');
});

test('a shard tags the built-in rules\' findings on a called module\'s declarations with their first root, never a plugin rule\'s', async () => {
  const ctx = context();
  const root = resolveScanRoot(ctx.fs, ctx.cwd, ['.']);
  assert.ok(root.ok);
  // A plugin rule judging every instance's password output, as a custom rule may.
  const perInstance = pluginRule<Subject>(
    'plugin-every-output',
    (m) => m.outputs.filter((o) => o.name === 'password').map((o: OutputDecl): Subject => ({ address: `${o.module}.output.${o.name}`, type: 'output', span: o.span })),
    (o) => fail(o, { message: 'fails' }),
  );
  let result: SourceScanResult | undefined;
  const sourceScan = createSourceScan({ fs: ctx.fs, root: root.value.root, maxFileBytes: 1 << 20, runner: inlineRunner(ctx.fs), tool: 'test' });
  // Every root selected, as a shard selects its own: what matters is that the scan is sharded.
  await scan(ctx, { scanRoot: root.value, rules: [...allRules, perInstance], evaluate: evaluateTerraform, sourceScan: async (input) => (result = await sourceScan({ ...input, selectRoots: (roots) => roots })) });
  const of = (ruleId: string): string[] => (result?.findings ?? []).filter((f) => f.ruleId === ruleId && f.status === 'fail').map((f) => `${f.resource.address} ${f.resource.instance?.root ?? '-'}`).sort();
  assert.deepEqual(of('tf-sensitive-outputs'), ['module.db.output.password one'], 'judged once, under root one\'s instance: merge keeps the first root\'s');
  // Tagged, merge kept root one's result and dropped the other instances' failures.
  assert.deepEqual(of('plugin-every-output'), ['module.again.output.password -', 'module.db.output.password -', 'module.db.output.password -']);
});

test('a value set at run time stays at every instance (the literal scans read each)', () => {
  const block = at('main.tf', 0, 30);
  const runtime = (module: string): VariableDecl => ({ ...decl(module, block), value: { value: 'from -var', span: block, provenance: 'explicit', via: [], sensitive: false } });
  const seen = new FirstDeclarations();
  const [a, b] = [runtime('module.a'), runtime('module.b')];
  assert.deepEqual(seen.keep([a, b, decl('module.c', block)]), [a, b]);
});
