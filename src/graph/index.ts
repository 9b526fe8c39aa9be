// The Terraform evaluator (issue 4): files → module tree → evaluated instances → InfraModel.
import type { InfraModel } from '../model/infra-model.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { VariableDecl } from '../model/resource.js';
import type { Span } from '../source/span.js';
import { GraphContext } from './context.js';
import { defaultBudget } from './functions/index.js';
import { createInfraModel, type InfraModelParts } from './infra-model.js';
import { ModuleInstance, addressKey } from './instance.js';
import { unk } from './value.js';
import { buildModule, dirOf, isTerraformFile, joinInside, loadTree, lockedProvidersOf, type ModuleSource, type ParseFile } from './load.js';
import { generatedPath, terragruntRoots, terragruntUnitsOf, type TerragruntUnit } from './terragrunt.js';
import { stackComponentsOf, stackRoots, type StackComponent } from './stacks.js';
import { StackEvaluation } from './stack-inputs.js';
import { parseHclFile } from './parse.js';
import { applyTerraformJson } from './json-syntax.js';
import type { HclFile } from '../parsers/hcl/ast.js';
import type { EvaluatedBody } from './body.js';
import type { VariableInput } from './instance.js';
import { materialize, modelBody } from './materialize.js';
import { SpanFactory } from './parse.js';
import { undeclaredInModule } from './static-references.js';
import { isAutoLoadedVarFile } from './auto-var-files.js';
import { reportUndeclaredGiven, rootVariableInputs } from './variables.js';
import type { DirLinks } from '../util/paths.js';

export { createInfraModel, type InfraModelParts } from './infra-model.js';

export interface TerraformScanInput {
  /** Every discovered Terraform-related file: relative path (forward slashes) → text. */
  readonly files: ReadonlyMap<string, string>;
  /** For file()/templatefile()/fileexists(); undefined when missing or outside the scan root. */
  readFile(relPath: string): string | undefined;
  /** For fileset(): the regular files under a directory (relative to it, sorted), [] when it is not there; undefined when it cannot be listed inside the scan root. Absent: fileset() is unknown. */
  listFiles?(relDir: string): readonly string[] | undefined;
  readonly varFiles?: readonly string[];
  readonly vars?: Readonly<Record<string, string>>;
  /** For a --var, how many of `varFiles` came before it on the command line (variables.ts). */
  readonly varPositions?: Readonly<Record<string, number>>;
  readonly env?: Readonly<Record<string, string>>;
  /** Parses a file (default parseHclFile): a scan evaluating root modules one by one passes a memo so shared modules parse once. */
  readonly parse?: ParseFile;
  /** Picks the root modules to evaluate (`--shard`) from all of them, sorted; child modules follow their roots. */
  readonly selectRoots?: (rootDirs: readonly string[]) => readonly string[];
  /** The files the repository rules read (RepoFacts.files; pipeline/source-scan.ts SourceScanInput.repoFiles); else the Terraform files. */
  readonly repoFiles?: readonly string[];
  /**
   * Which module instances' variable declarations the parts keep (default all; every variable is
   * evaluated either way, so its diagnostics stay): a scan that keeps each declaration once
   * (pipeline/first-declarations.ts) leaves the repeats out as they are made.
   */
  readonly keepVariable?: (v: Pick<VariableDecl, 'span' | 'value'>) => boolean;
  /**
   * The variables every root module of the scan declares (ModuleLayout.rootVariables), when this
   * evaluation is one unit of it: a --var or --var-file value for another name is warned of. Absent:
   * the root modules evaluated here are all of them.
   */
  readonly rootVariables?: readonly string[];
  /**
   * Which module instances' output declarations the parts keep, by the output block's span (default
   * all; every output is evaluated either way, so its diagnostics stay), as keepVariable.
   */
  readonly keepOutput?: (span: Span) => boolean;
  /** Directory symlinks inside the scan root (discovery's `links`): a local module source may go through one. */
  readonly links?: DirLinks;
}

/** What evaluating the root modules adds to a model: the collections, in evaluation order. */
export type TerraformParts = Required<Pick<InfraModelParts, 'resources' | 'moduleCalls' | 'variables' | 'outputs' | 'terraform' | 'providers' | 'providerUses'>>;

/**
 * Evaluate the root modules into model parts, without the model's indexes: a scan that merges
 * units builds one model from all of them (pipeline/unit-scan.ts).
 */
export function evaluateTerraformParts(input: TerraformScanInput): { parts: TerraformParts; roots: readonly string[]; moduleRoots: readonly string[]; diagnostics: Diagnostic[] } {
  const tree = loadTree(input.files, input.parse, input.links);
  // Terragrunt units (terragrunt.ts): each runs its source module as a root module of its own,
  // named by the unit's directory, with the files it generates; the module is then no root itself.
  const { units, roots: unitRoots } = terragruntRoots(tree.rootModules, terragruntUnitsOf(input.files, (rel) => input.readFile(rel), isTerraformFile), (dir) => tree.modules.has(dir));
  // Terraform Stacks (stacks.ts): a component's module is a called module of its stack, no root module.
  const { stacks, roots: allRoots, moduleRoots } = stackRoots(unitRoots, stackComponentsOf(input.files, input.links, input.parse), (dir) => tree.modules.has(dir));
  const generated = new Map<string, { text: string; origin: Span; file: HclFile | undefined }>();
  for (const unit of units.values()) {
    for (const g of unit.generated) {
      const path = generatedPath(unit, g);
      const parsed = parseHclFile(path, g.text).file;
      generated.set(path, { text: g.text, origin: g.origin, file: parsed ? applyTerraformJson(parsed) : undefined });
    }
  }
  const spans = new SpanFactory(
    (path) => input.files.get(path) ?? tree.parsed.get(path)?.text,
    (path) => tree.parsed.get(path),
    // Only with generated files: spanBetween, asked for every syntax node, then skips the lookup.
    generated.size > 0 ? new Map([...generated].map(([path, g]) => [path, g.origin])) : undefined,
  );
  const ctx = new GraphContext(input, tree, spans, defaultBudget());
  for (const d of tree.diagnostics) ctx.report(d);
  // Units this evaluation runs say what they found; the others are said once by the scan (pipeline/scan.ts).
  for (const unit of units.values()) for (const note of unit.notes) ctx.report({ code: note.code, severity: note.severity, message: note.message, ...(note.span ? { span: note.span } : note.file ? { file: note.file } : {}) });
  const roots = input.selectRoots ? input.selectRoots(allRoots) : allRoots;
  for (const rootDir of roots) {
    // Per root, as a root is what a worker evaluates alone (--jobs): the output does not depend on it.
    ctx.evaluatedModules.clear();
    ctx.modulesWithoutInstances.clear();
    const stack = stacks.get(rootDir);
    if (stack !== undefined) evaluateStackComponents(ctx, tree, stack, input.parse ?? parseHclFile);
    if (!moduleRoots.has(rootDir)) {
      reportModulesWithoutInstances(ctx);
      continue;
    }
    const unit = units.get(rootDir);
    const mod = unit ? terragruntModule(tree.modules.get(unit.moduleDir!)!, unit, generated) : tree.modules.get(rootDir)!;
    // A unit's inputs reach Terraform as TF_VAR_ variables: the module's own tfvars win over them.
    const inputs = rootVariableInputs(ctx, unit ? unit.moduleDir! : rootDir, input, mod.variables, unit ? terragruntInputs(unit, mod.variables) : undefined);
    const root = new ModuleInstance(ctx, { mod, path: '', configPath: '', rootDir, manifestKey: '', inputs: (name) => inputs.get(name), stack: [rootDir] });
    try {
      materialize(root);
    } catch (e) {
      // A bug in the evaluator must not stop the scan; report it with where it happened.
      ctx.report({ code: 'eval/internal', severity: 'error', message: `Evaluating the module in ${rootDir || '.'} failed: ${(e as Error).message}`, hint: 'This is a bug in Safeguard; please report it.', file: rootDir || '.' });
    }
    reportModulesWithoutInstances(ctx);
  }
  if ((input.varFiles?.length ?? 0) > 0 || Object.keys(input.vars ?? {}).length > 0) {
    const declared = new Set(input.rootVariables ?? tree.rootModules.flatMap((dir) => [...(tree.modules.get(dir)?.variables.keys() ?? [])]));
    const rootDirs = new Set(tree.rootModules);
    const ownFiles = new Set((input.varFiles ?? []).filter((p) => isAutoLoadedVarFile(p) && rootDirs.has(dirOf(p))));
    reportUndeclaredGiven(ctx, input, declared, ownFiles);
  }
  const parts: TerraformParts = { resources: ctx.resources, moduleCalls: ctx.moduleCalls, variables: ctx.variables, outputs: ctx.outputs, terraform: ctx.terraform, providers: ctx.providers, providerUses: ctx.providerUses };
  return { parts, roots, moduleRoots: roots.filter((dir) => moduleRoots.has(dir)), diagnostics: ctx.allDiagnostics(roots) };
}

/**
 * A module only calls with no instances run (count = 0, an empty for_each) is never evaluated, but
 * terraform validate checks its references all the same (1.11.4: "Reference to undeclared resource"
 * in a module called with count = 0): what they name without a declaration is an error, as in a
 * block with no instances. A module some instance evaluates is left to that evaluation.
 */
function reportModulesWithoutInstances(ctx: GraphContext): void {
  for (const [dir, { mod, call }] of ctx.modulesWithoutInstances) {
    if (ctx.evaluatedModules.has(dir)) continue;
    for (const found of undeclaredInModule(mod)) {
      ctx.report({
        code: 'eval/unknown-reference',
        severity: 'error',
        message: `${found.label}: ${found.message}`,
        hint: `Found in ${dir || '.'}, which ${call} runs with no instances: Terraform checks it all the same.`,
        span: ctx.spans.span(found.file, found.expr),
      });
    }
  }
}

/**
 * The provider configuration a stack passes a component for provider `name`
 * (`providers = { aws = provider.aws.this }`): the stack's `config` block, as its deployments give
 * it (stack-inputs.ts), which reaches the component's resources as a root module's provider block
 * reaches its resources (region, default_tags, ignore_tags, the account it assumes a role in).
 * Where the scan cannot evaluate it (no such configuration written here, a for_each provider's
 * instance), an AWS or Cloud Control (awscc) provider's region and default_tags are unknown; other
 * providers' settings no rule reads: none, as before.
 */
function stackProvider(stack: StackEvaluation, c: StackComponent, where: string): (name: string, alias: string | undefined) => EvaluatedBody | undefined {
  return (name, alias) => {
    const given = alias === undefined ? stack.provider(c, name) : undefined;
    if (given !== undefined && typeof given !== 'string') return given.body;
    if (name !== 'aws' && name !== 'awscc') return undefined;
    const value = unk({ kind: 'text', text: given ?? `set by the provider configuration ${where} passes, which Safeguard does not evaluate` });
    const attr = { value, span: c.providersSpan, via: [], sensitive: false };
    const blocks = name === 'aws' ? [{ type: 'default_tags', labels: [], span: c.providersSpan, attrs: new Map([['tags', attr]]), blocks: [] }] : [];
    return { span: c.providersSpan, attrs: new Map([['region', attr]]), blocks };
  };
}

/**
 * A stack's components, each as a called module `component.<name>` under the stack's directory, in
 * the order their inputs need each other's outputs: the inputs the component passes as the stack's
 * deployments give them (stack-inputs.ts), what it leaves out takes the variable's default; the
 * provider configurations it passes, evaluated in the stack. The stack's provider blocks are in the
 * model as a root module's are (`provider.aws.this`), for the rules that judge provider configuration.
 */
function evaluateStackComponents(ctx: GraphContext, tree: ReturnType<typeof loadTree>, components: readonly StackComponent[], parse: ParseFile): void {
  const stackDir = components[0]!.stackDir;
  const instances = new Map<StackComponent, ModuleInstance>();
  const stack: StackEvaluation = new StackEvaluation(ctx.input.files, stackDir, components, parse, {
    spans: ctx.spans,
    report: (d) => ctx.report(d),
    reportUnimplemented: (name, file, range) => ctx.reportUnimplemented(name, file, range),
    fn: (file, at) => ({
      moduleDir: stackDir,
      rootDir: stackDir,
      budget: ctx.budget,
      report: (d) => ctx.report(d),
      // As a module's file() reads: refused outside the scan root with a warning, here at the stack's expression.
      readFile: (p) => ctx.readInside(stackDir, p, file, { start: at.start.offset, end: at.end.offset }),
      fileExists: (p) => {
        const rel = joinInside(stackDir, p);
        return rel === undefined ? 'outside' : ctx.input.files.has(rel) || ctx.input.readFile(rel) !== undefined;
      },
      listFiles: () => undefined,
      renderTemplate: () => unk({ kind: 'text', text: 'a template rendered by a Terraform stack, which Safeguard does not evaluate' }),
    }),
    instance: (c) => {
      let instance = instances.get(c);
      if (instance === undefined) {
        const where = `the Terraform Stacks component "${c.name}" in ${c.file}`;
        const path = `component.${c.name}${c.expanded ? addressKey(undefined, true) : ''}`;
        instance = new ModuleInstance(ctx, { mod: tree.modules.get(c.moduleDir)!, path, configPath: `component.${c.name}`, rootDir: c.stackDir, manifestKey: '', inputs: stack.inputs(c), givenProvider: stackProvider(stack, c, where), stack: [c.stackDir, c.moduleDir] });
        instances.set(c, instance);
      }
      return instance;
    },
  });
  for (const c of stack.order()) {
    try {
      if (c.expanded) stack.checkForEach(c);
      materialize(stack.hooks.instance(c));
    } catch (e) {
      ctx.report({ code: 'eval/internal', severity: 'error', message: `Evaluating the Terraform Stacks component "${c.name}" in ${c.file} failed: ${(e as Error).message}`, hint: 'This is a bug in Safeguard; please report it.', file: c.file });
    }
  }
  for (const p of stack.providerConfigs().values()) if (typeof p !== 'string') ctx.providers.push({ module: '', name: p.name, alias: p.alias, body: modelBody(p.body) });
}

/** The unit's module: the source module's files and the files the unit generates. */
function terragruntModule(source: ModuleSource, unit: TerragruntUnit, generated: ReadonlyMap<string, { file: HclFile | undefined }>): ModuleSource {
  const extra = unit.generated.map((g) => generated.get(generatedPath(unit, g))?.file).filter((f): f is HclFile => f !== undefined);
  // Generated files first: where the module declares a partial backend (its settings from `init -backend-config`,
  // which is what remote_state without `generate` passes), the remote_state one, complete, is the one read.
  return extra.length === 0 ? source : buildModule(source.dir, [...extra, ...source.files]);
}

/** The inputs the module declares a variable for (Terraform ignores a TF_VAR_ of another name), with where each is written. */
function terragruntInputs(unit: TerragruntUnit, declared: ReadonlyMap<string, unknown>): Map<string, VariableInput> {
  const out = new Map<string, VariableInput>();
  for (const [name, given] of unit.inputs) {
    if (declared.has(name)) out.set(name, { value: given.value, span: given.span, via: [], sensitive: false, refs: [], origin: `Terragrunt input in ${given.span.file}` });
  }
  return out;
}

export function evaluateTerraform(input: TerraformScanInput): { model: InfraModel; diagnostics: Diagnostic[] } {
  const { parts, moduleRoots, diagnostics } = evaluateTerraformParts(input);
  const model = createInfraModel({
    ...parts,
    repo: { files: [...(input.repoFiles ?? input.files.keys())].sort(), rootModules: moduleRoots, lockedProviders: lockedProvidersOf(input.files) },
    diagnostics: [],
  });
  return { model, diagnostics };
}
