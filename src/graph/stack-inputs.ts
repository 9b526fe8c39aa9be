// What a Terraform stack gives its components (stacks.ts): the `inputs` of each `component` block
// and the provider configurations it passes them, evaluated as the stack evaluates them for each
// deployment. `var.x` is the stack variable's value in that deployment (`deployment "prod" { inputs
// = { x = ... } }` in the stack's *.tfdeploy.hcl files, else the variable's default), `local.x` the
// stack's locals, `component.vpc.vpc_id` the output of the module component "vpc" runs (evaluated
// here as the scan evaluates that component). HCP Terraform "processes all of the blocks in your
// component configuration and deployment configuration files ... in dependency order"
// (developer.hashicorp.com/terraform/language/stacks/create/config), so a component's for_each,
// inputs and providers may read another's outputs, never its own, directly or through others: a
// cycle is refused (eval/cycle). What only HCP Terraform knows is unknown: a store's or varset's
// values, identity tokens, an upstream stack's outputs (a deployment reading a block its
// configuration does not declare is an error), the outputs of a component whose module is not in
// the scan, what a for_each component's `each` or a for_each provider's instance is.
//
// Each deployment is one instance of the whole stack, with its own inputs. The scan keeps one
// instance per component (its findings, addresses and baseline fingerprints stay as written), so
// a value is known when every deployment gives the same one, and unknown, naming the deployments,
// when they differ: no deployment's value stands for another's. A stack with no deployment file
// here (another directory, or none yet) has only its defaults to go by: a variable without one is
// unknown.
import type { Attribute, Block, Expression, HclFile, Range, TraversalExpr, TraversalStep } from '../parsers/hcl/ast.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import { LineIndex } from '../source/line-index.js';
import { nearestName } from '../config/nearest-name.js';
import { isSecretName } from '../detectors/names.js';
import { evaluateBody, evaluateGuarded, type EvaluatedBlock, type EvaluatedBody, type AttrResult } from './body.js';
import { attributeOf } from './declarations.js';
import { EMPTY_SCOPE, Evaluator, NO_ROOTS, Trace, type EvalEnv, type RootResolver, type Scope } from './evaluate.js';
import type { FunctionContext } from './functions/args.js';
import { nullDefaultDiagnostic, nullInputDiagnostic, type ModuleInstance, type VariableInput } from './instance.js';
import { buildModule, dirOf, objectItemKey, type ModuleSource, type ParseFile } from './load.js';
import { parseTemplateText, type SpanFactory } from './parse.js';
import { markedSource } from './sensitive-outputs.js';
import { isStackComponentConfig, type StackComponent } from './stacks.js';
import { freeTraversals } from './traversals.js';
import { convert, parseType, type TypeSpec } from './types.js';
import { componentForEach, sensitiveForEach, type ForEachProblem, type ForEachResult } from './stack-for-each.js';
import { EvalError, ObjV, Unk, equals, hasUnk, unk, withoutValues, type Val } from './value.js';

/** A stack's deployment configuration file. */
export function isStackDeploymentConfig(path: string): boolean {
  return /\.tfdeploy\.hcl$/i.test(path);
}

/** A value with where it came from, as a module instance's memos hold one. */
interface Traced {
  readonly value: Val;
  readonly via: readonly Span[];
  readonly sensitive: boolean;
}

interface Source {
  readonly path: string;
  readonly file: HclFile;
  readonly span: (r: { start: number; end: number }) => Span;
}

type Deployment = { readonly name: string; readonly inputs: Attribute | undefined; readonly source: Source };

/** The stack's configuration, parsed once per stack directory. */
interface StackFiles {
  readonly components: readonly Source[];
  readonly deployments: readonly Deployment[];
  readonly deployLocals: readonly (readonly [Attribute, Source])[];
  /** The blocks the deployment configuration declares for its expressions to read; undefined when a deployment file did not parse (not all known). */
  readonly deploymentBlocks: DeploymentBlocks | undefined;
  /**
   * Whether the stack's variables are all here: every component configuration file parsed, and
   * none sources another's (a `stack` block, whose component configuration comes from a registry).
   */
  readonly variablesComplete: boolean;
}

function stackFiles(files: ReadonlyMap<string, string>, stackDir: string, parse: ParseFile): StackFiles {
  const components: Source[] = [];
  const deployments: Deployment[] = [];
  const deployLocals: (readonly [Attribute, Source])[] = [];
  let variablesComplete = true;
  const blocks = { identityTokens: new Set<string>(), stores: new Set<string>(), upstreamInputs: new Set<string>() };
  let blocksComplete = true;
  // The stack's own files, picked out before sorting: asked once per stack, of every file of the scan.
  const own = [...files].filter(([path]) => (isStackComponentConfig(path) || isStackDeploymentConfig(path)) && dirOf(path) === stackDir);
  for (const [path, text] of own.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const parsed = parse(path, text);
    const file = parsed.file;
    // What follows a syntax error may be lost: the file's variables are not all known.
    if (isStackComponentConfig(path) && (file === undefined || parsed.diagnostics.some((d) => d.severity === 'error'))) variablesComplete = false;
    if (isStackDeploymentConfig(path) && (file === undefined || parsed.diagnostics.some((d) => d.severity === 'error'))) blocksComplete = false;
    if (file === undefined) continue;
    let lines: LineIndex | undefined;
    const source: Source = { path, file, span: (r) => (lines ??= new LineIndex(text)).span(path, r.start, r.end) };
    if (isStackComponentConfig(path)) {
      components.push(source);
      if (file.body.blocks.some((b) => b.type === 'stack')) variablesComplete = false;
      continue;
    }
    for (const block of file.body.blocks) {
      if (block.type === 'locals') for (const a of block.body.attributes) deployLocals.push([a, source]);
      const name = block.labels[0]?.value;
      if (block.type === 'identity_token' && name !== undefined) blocks.identityTokens.add(name);
      if (block.type === 'upstream_input' && name !== undefined) blocks.upstreamInputs.add(name);
      if (block.type === 'store' && name !== undefined && block.labels[1] !== undefined) blocks.stores.add(`${name}.${block.labels[1].value}`);
      // A deployment marked for destruction deploys nothing: its inputs decide no resource.
      if (block.type !== 'deployment' || name === undefined || isTrue(attributeOf(block.body, 'destroy')?.expr)) continue;
      deployments.push({ name, inputs: attributeOf(block.body, 'inputs'), source });
    }
  }
  return { components, deployments, deployLocals, deploymentBlocks: blocksComplete ? blocks : undefined, variablesComplete };
}

/**
 * What a deployment configuration declares for its expressions to read: `identity_token "<name>"`
 * (read as `identity_token.<name>.jwt`), `store "<type>" "<name>"` (`store.varset.<name>.<key>`,
 * or `.stable.<key>`) and `upstream_input "<name>"` (`upstream_input.<name>.<output>`), per the
 * identity_token, store and upstream_input block references (developer.hashicorp.com/terraform/
 * language/block/stack/tfdeploy/). Stores by `type.name`.
 */
interface DeploymentBlocks {
  readonly identityTokens: ReadonlySet<string>;
  readonly stores: ReadonlySet<string>;
  readonly upstreamInputs: ReadonlySet<string>;
}

/**
 * A deployment expression's `identity_token.<name>`, `store.<type>.<name>` or
 * `upstream_input.<name>`: unknown (HCP Terraform gives it when the deployment runs) when the
 * deployment configuration declares that block, else an error naming the block. HCP Terraform's
 * evaluation of deployment files is not public; the error is said as Terraform Stacks says a
 * reference to an undeclared component (stackeval Stack.ResolveExpressionReference: "Reference to
 * undeclared component", "There is no component %q block declared in this stack"). Undefined for
 * another root.
 */
function readDeploymentBlock(blocks: DeploymentBlocks, root: string, steps: readonly TraversalStep[], expr: TraversalExpr, where: string): { value: Val; consumed: number } | undefined {
  const first = stepName(steps[0]);
  const undeclared = (what: string, block: string): never => {
    throw new EvalError(`Reference to undeclared ${what}: there is no ${block} block declared in the deployment configuration.`, expr, 'eval/unknown-reference');
  };
  switch (root) {
    case 'identity_token':
      if (first !== undefined && !blocks.identityTokens.has(first)) undeclared('identity token', `identity_token "${first}"`);
      return { value: unk(`an identity token, which HCP Terraform issues when ${where} is deployed`), consumed: first === undefined ? 0 : 1 };
    case 'upstream_input':
      if (first !== undefined && !blocks.upstreamInputs.has(first)) undeclared('upstream input', `upstream_input "${first}"`);
      return { value: unk(`an upstream stack's output, known when ${where} is deployed`), consumed: first === undefined ? 0 : 1 };
    case 'store': {
      const name = stepName(steps[1]);
      if (first !== undefined && name !== undefined && !blocks.stores.has(`${first}.${name}`)) undeclared('store', `store "${first}" "${name}"`);
      return { value: unk(`a store's value, which HCP Terraform reads when ${where} is deployed`), consumed: first === undefined ? 0 : name === undefined ? 1 : 2 };
    }
    default:
      return undefined;
  }
}

function isTrue(expr: Expression | undefined): boolean {
  return expr?.type === 'literal' && expr.value === true;
}

function isFalse(expr: Expression | undefined): boolean {
  return expr?.type === 'literal' && expr.value === false;
}

const blockAttribute = (block: Block | undefined, name: string): Attribute | undefined => (block !== undefined ? attributeOf(block.body, name) : undefined);

const stepName = (step: TraversalStep | undefined): string | undefined => (step?.kind === 'attr' ? step.name : undefined);

/** Where a component reads another's outputs: the argument, and its span. */
interface Dependency {
  readonly via: 'for_each' | 'inputs' | 'providers';
  readonly span: Span;
}

/** Every expression of a body and its nested blocks (a provider block's for_each and config). */
function expressionsOf(body: Block['body']): Expression[] {
  return [...body.attributes.map((a) => a.expr), ...body.blocks.flatMap((b) => expressionsOf(b.body))];
}

/** What the stack's own expressions may read that this scan cannot know, bound as unknown. */
function unknownRoots(where: string, component: StackComponent | undefined): Scope {
  const roots: [string, Val][] = [
    ['store', unk(`a store's value, which HCP Terraform reads when ${where} is deployed`)],
    ['identity_token', unk(`an identity token, which HCP Terraform issues when ${where} is deployed`)],
    ['upstream_input', unk(`an upstream stack's output, known when ${where} is deployed`)],
    ['provider', unk(`a provider configuration of ${where}, which is no value an input can hold`)],
  ];
  if (component?.expanded) roots.push(['each', unk(`the for_each of the Terraform Stacks component "${component.name}", whose instances Safeguard does not tell apart`)]);
  return EMPTY_SCOPE.with(new Map(roots));
}

/** `component.<name>...` read by a stack expression: the value and how many steps it used. */
type ComponentReader = (steps: readonly TraversalStep[], expr: TraversalExpr, trace: Trace) => { readonly value: Val; readonly consumed: number };

/**
 * Where a resolver's evaluation errors go: for a component's inputs, reported as a module's
 * expressions report them (body.ts evaluateGuarded: the same codes and severities, at the
 * expression), the value unknown and the rest of the stack evaluated on.
 */
interface Reporting {
  readonly spans: SpanFactory;
  report(d: Diagnostic): void;
  reportUnimplemented(name: string, file: string, range: Range): void;
  /** The file of the expressions evaluated (a local's, in another file, while it is). */
  readonly file: string;
}

/**
 * `var`, `local` and `component` of one deployment, resolved with where each value came from (its
 * sensitivity and spans reach the trace, as a module's variables do). Locals are evaluated when first read.
 */
class DeploymentResolver implements RootResolver {
  consumed = 0;
  readonly evaluator: Evaluator;
  private readonly locals = new Map<string, Traced | 'pending'>();
  /** The file of a local being evaluated (Reporting.file otherwise). */
  private file: string | undefined;

  constructor(
    env: EvalEnv,
    readonly scope: Scope,
    private readonly where: string,
    private readonly vars: ReadonlyMap<string, Traced>,
    private readonly localDecls: ReadonlyMap<string, readonly [Attribute, Source]>,
    private readonly component?: ComponentReader,
    private readonly reporting?: Reporting,
    /** A deployment's: the blocks its expressions may read (readDeploymentBlock); unbound roots of the scope. */
    private readonly deploymentBlocks?: DeploymentBlocks,
  ) {
    const unimplemented = reporting === undefined ? {} : { reportUnimplemented: (name: string, range: Range) => reporting.reportUnimplemented(name, this.file ?? reporting.file, range) };
    this.evaluator = new Evaluator({ ...env, resolver: this, ...unimplemented });
  }

  /**
   * The value of an expression of this deployment; unknown, saying why, where it cannot be
   * evaluated. With Reporting, the error is reported too, `what` naming the expression.
   */
  evaluate(expr: Expression, what?: string, trace = new Trace()): Traced {
    const reporting = this.reporting;
    if (reporting === undefined || what === undefined) return evaluated(this.evaluator, this.scope, expr, this.where, trace);
    const ctx = { evaluator: this.evaluator, spans: reporting.spans, file: this.file ?? reporting.file, report: (d: Diagnostic) => reporting.report(d), refs: new Set<string>() };
    const value = evaluateGuarded(ctx, expr, this.scope, trace, what);
    return { value, via: trace.via, sensitive: trace.sensitive };
  }

  resolveRoot(root: string, steps: readonly TraversalStep[], expr: TraversalExpr, trace: Trace): Val | undefined {
    if (root === 'component' && this.component !== undefined) {
      const found = this.component(steps, expr, trace);
      this.consumed = found.consumed;
      return found.value;
    }
    const block = this.deploymentBlocks !== undefined ? readDeploymentBlock(this.deploymentBlocks, root, steps, expr, this.where) : undefined;
    if (block !== undefined) {
      this.consumed = block.consumed;
      return block.value;
    }
    const name = stepName(steps[0]);
    if ((root !== 'var' && root !== 'local') || name === undefined) return undefined;
    const found = root === 'var' ? this.vars.get(name) : this.local(name);
    // Said as for a module's (instance.ts): the stack declares no such variable or local.
    if (found === undefined) throw new EvalError(root === 'var' ? `Reference to undeclared input variable "${name}".` : `Reference to undeclared local value "${name}".`, expr, 'eval/unknown-reference');
    this.consumed = 1;
    trace.absorb({ via: found.via, sensitive: found.sensitive, refs: [] });
    return found.value;
  }

  private local(name: string): Traced | undefined {
    const known = this.locals.get(name);
    if (known === 'pending') throw new EvalError(`local.${name} refers to itself.`);
    if (known !== undefined) return known;
    const decl = this.localDecls.get(name);
    if (decl === undefined) return undefined;
    this.locals.set(name, 'pending');
    const outer = this.file;
    this.file = decl[1].path;
    let value: Traced;
    try {
      value = this.evaluate(decl[0].expr, `local.${name}`);
    } finally {
      this.file = outer;
    }
    const traced = { ...value, via: [...value.via, decl[1].span(decl[0])] };
    this.locals.set(name, traced);
    return traced;
  }
}

/** What evaluating a stack needs from the scan's evaluation (graph/index.ts). */
export interface StackHooks {
  readonly spans: SpanFactory;
  report(d: Diagnostic): void;
  /** The functions' context for an expression of the stack, whose file() refusals are said at `at`. */
  fn(file: string, at: Span): FunctionContext;
  /** The module instance the scan evaluates for a component (made on first ask). */
  instance(c: StackComponent): ModuleInstance;
  /** A function call this scan does not evaluate (an unknown name: Terraform refuses it), as a module's is said. */
  reportUnimplemented(name: string, file: string, range: Range): void;
}

/** One provider configuration of the stack (`provider "aws" "this" { config { ... } }`). */
export interface StackProviderConfig {
  readonly name: string;
  readonly alias: string;
  /** Its `config` block as every deployment gives it (stack-inputs.ts agreedBody); the provider block's span. */
  readonly body: EvaluatedBody;
}

/**
 * One stack directory's evaluation: its components' inputs, the provider configurations they are
 * passed, and the order the components are evaluated in. Everything is evaluated when first asked.
 */
export class StackEvaluation {
  private readonly stack: StackFiles;
  private readonly deployments: readonly (Deployment | undefined)[];
  private readonly byName = new Map<string, StackComponent>();
  /** Every component block's name, local source or not. */
  private readonly declared = new Set<string>();
  private readonly localDecls: ReadonlyMap<string, readonly [Attribute, Source]>;
  private readonly varsMemo = new Map<Deployment | undefined, Map<string, Traced>>();
  private readonly inputsMemo = new Map<StackComponent, ((name: string) => VariableInput | undefined) | 'pending'>();
  private readonly cyclic = new Set<string>();
  /** The for_each of each for_each component in each deployment: its instance keys (undefined where not known), or why Terraform refuses it. */
  private readonly keysMemo = new Map<StackComponent, Map<Deployment | undefined, ForEachResult>>();
  /** The errors reported in the components' inputs: each deployment evaluates them again, and an error is said once. */
  private readonly reported = new Set<string>();
  private providersMemo: Map<string, StackProviderConfig | string> | undefined;
  /** The stack's variables and locals as a module's, for markedBy. */
  private stackModule: ModuleSource | undefined;

  constructor(
    files: ReadonlyMap<string, string>,
    private readonly stackDir: string,
    private readonly components: readonly StackComponent[],
    parse: ParseFile,
    readonly hooks: StackHooks,
  ) {
    this.stack = stackFiles(files, stackDir, parse);
    // Each deployment's inputs (none: the defaults alone).
    this.deployments = this.stack.deployments.length > 0 ? this.stack.deployments : [undefined];
    for (const c of components) if (!this.byName.has(c.name)) this.byName.set(c.name, c);
    const blocks = this.stack.components.flatMap((s) => s.file.body.blocks.map((b) => [b, s] as const));
    for (const [b] of blocks) if (b.type === 'component' && b.labels[0] !== undefined) this.declared.add(b.labels[0].value);
    this.localDecls = new Map(blocks.filter(([b]) => b.type === 'locals').flatMap(([b, s]) => b.body.attributes.map((a) => [a.name, [a, s]] as const)));
  }

  /**
   * The components in the order they need each other: a component whose inputs, for_each or
   * provider configurations read another's outputs after that one, else as written. Terraform
   * Stacks orders them by those references (stackeval Component.References: for_each, inputs and
   * providers); components that read each other's outputs in a cycle, or one that reads its own,
   * Terraform cannot order ("Self-dependent item(s) in configuration"): they are reported, and what
   * each reads of the others is unknown.
   */
  order(): StackComponent[] {
    const deps = new Map(this.components.map((c) => [c, this.dependencies(c)] as const));
    const out: StackComponent[] = [];
    const state = new Map<StackComponent, 'visiting' | 'done'>();
    const path: StackComponent[] = [];
    const visit = (c: StackComponent): void => {
      if (state.get(c) === 'done') return;
      if (state.get(c) === 'visiting') {
        this.reportCycle(path.slice(path.indexOf(c)), deps);
        return;
      }
      state.set(c, 'visiting');
      path.push(c);
      for (const d of deps.get(c)?.keys() ?? []) visit(d);
      path.pop();
      state.set(c, 'done');
      out.push(c);
    };
    for (const c of this.components) visit(c);
    return out;
  }

  /**
   * The components whose outputs `c` reads, directly or through the stack's locals, each with the
   * argument of `c` that reads it first: its for_each, its inputs, or its providers (the provider
   * blocks they name, whose for_each and config are evaluated before `c` can be).
   */
  private dependencies(c: StackComponent): Map<StackComponent, Dependency> {
    const block = this.block(c);
    const out = new Map<StackComponent, Dependency>();
    for (const name of ['for_each', 'inputs', 'providers'] as const) {
      const attr = blockAttribute(block, name);
      if (attr === undefined) continue;
      const dependency = { via: name, span: this.hooks.spans.span(c.file, attr) };
      const seenLocals = new Set<string>();
      const seenProviders = new Set<string>();
      const work = [attr.expr];
      while (work.length > 0) {
        for (const t of freeTraversals(work.pop()!)) {
          const first = stepName(t.steps[0]);
          if (first === undefined) continue;
          if (t.root === 'component') {
            const target = this.byName.get(first);
            if (target !== undefined && !out.has(target)) out.set(target, dependency);
          } else if (t.root === 'local' && !seenLocals.has(first)) {
            seenLocals.add(first);
            const decl = this.localDecls.get(first);
            if (decl !== undefined) work.push(decl[0].expr);
          } else if (t.root === 'provider' && name === 'providers') {
            const alias = stepName(t.steps[1]);
            const key = `${first}.${alias ?? ''}`;
            if (seenProviders.has(key)) continue;
            seenProviders.add(key);
            const provider = this.providerBlock(first, alias);
            if (provider !== undefined) work.push(...expressionsOf(provider.body));
          }
        }
      }
    }
    return out;
  }

  /** The stack's `provider "<type>" "<alias>"` block (the first of that name). */
  private providerBlock(type: string, alias: string | undefined): Block | undefined {
    if (alias === undefined) return undefined;
    for (const s of this.stack.components) {
      const found = s.file.body.blocks.find((b) => b.type === 'provider' && b.labels[0]?.value === type && b.labels[1]?.value === alias);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private reportCycle(cycle: readonly StackComponent[], deps: ReadonlyMap<StackComponent, ReadonlyMap<StackComponent, Dependency>>): void {
    for (const c of cycle) this.cyclic.add(c.name);
    const first = cycle[0]!;
    // Said at the argument through which the first component reads the next (itself, when alone).
    const edge = deps.get(first)?.get(cycle[1] ?? first);
    const span = edge?.span ?? first.inputsSpan;
    if (cycle.length === 1) {
      this.hooks.report({
        code: 'eval/cycle',
        severity: 'error',
        message: `The Terraform Stacks component "${first.name}" (${first.file}) reads its own outputs in its ${edge?.via ?? 'inputs'}, so Terraform cannot order it and refuses the configuration (a self-dependent item: it depends on its own results); what it reads of them is unknown here.`,
        hint: "Give the value from a stack variable (a deployment input) or another component instead of the component's own outputs.",
        span,
      });
      return;
    }
    const named = cycle.map((c) => `component "${c.name}" (${c.file})`).join(', ');
    this.hooks.report({
      code: 'eval/cycle',
      severity: 'error',
      message: `The Terraform Stacks components ${named} read each other's outputs in their inputs, for_each or provider configurations, so Terraform cannot order them and refuses the configuration (a cycle); what each reads of the others is unknown here.`,
      hint: 'Break the cycle: give one of the values from a stack variable (a deployment input) instead of a component output.',
      span,
    });
  }

  /** `component.<name>.<output>` (a for_each component: `component.<name>[key].<output>`), from the component's module instance. */
  private readComponent(steps: readonly TraversalStep[], expr: TraversalExpr, trace: Trace, d: Deployment | undefined): { value: Val; consumed: number } {
    const name = stepName(steps[0]);
    if (name === undefined) return { value: unk('the components of the stack, read whole'), consumed: 0 };
    const target = this.byName.get(name);
    if (target === undefined) {
      if (!this.declared.has(name)) throw new EvalError(`Reference to undeclared component "${name}".`, expr, 'eval/unknown-reference');
      return { value: unk(`the outputs of component "${name}", whose module is not in the scan (a registry or remote source)`), consumed: 1 };
    }
    if (this.cyclic.has(name) || this.inputsMemo.get(target) === 'pending') return { value: unk(`the outputs of component "${name}", which read this component's own in a cycle`), consumed: 1 };
    const instance = this.hooks.instance(target);
    let at = 1;
    if (target.expanded) {
      // One instance stands for all of a for_each component here, with `each` unknown: what an
      // output takes from its key is unknown, what it does not is every instance's. The set of
      // instances (`component.x` whole) is not known.
      const step = steps[1];
      if (step?.kind !== 'index') return { value: unk(`the instances of component "${name}" (for_each), which Safeguard does not tell apart`), consumed: 1 };
      // A key that is none of its instances' fails as a module instance's does (instance.ts noSuchInstance).
      const keys = this.instanceKeys(target, d);
      if (keys !== undefined && !keys.has(String(step.key))) {
        const listed = [...keys].slice(0, 5).map((k) => JSON.stringify(k)).join(', ');
        const has = keys.size === 0 ? 'no instances' : `the instances ${listed}${keys.size > 5 ? ', …' : ''}`;
        throw new EvalError(`component.${name}[${JSON.stringify(step.key)}] does not exist: component.${name} has ${has}${d !== undefined ? ` in deployment "${d.name}"` : ''}.`, step, 'eval/instance-key');
      }
      at = 2;
    }
    const output = stepName(steps[at]);
    if (output === undefined) {
      const whole = instance.asModuleObject();
      if (instance.moduleSensitive) trace.sensitive = true;
      return { value: whole, consumed: at };
    }
    const memo = instance.output(output);
    if (memo === undefined) throw new EvalError(`component.${name} has no output "${output}": its module (${target.moduleDir}) declares no output of that name.`, expr, 'eval/unknown-reference');
    trace.absorb(memo, memo.span);
    return { value: memo.value, consumed: at + 1 };
  }

  /** An error of a component's inputs, said once however many deployments evaluate it. */
  private reportOnce(d: Diagnostic): void {
    const key = `${d.code} ${d.span?.file}:${d.span?.start.offset}:${d.span?.end.offset} ${d.message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.hooks.report(d);
  }

  /** Where the errors of an expression of the stack's `file` go: said once (reportOnce), at the expression. */
  private reportingIn(file: string): Reporting {
    return { spans: this.hooks.spans, file, report: (diag) => this.reportOnce(diag), reportUnimplemented: (name, at, range) => this.hooks.reportUnimplemented(name, at, range) };
  }

  /** The keys of a for_each component's instances in deployment `d` (stack-for-each.ts); undefined where any part is not known or Terraform refuses the value. */
  private instanceKeys(c: StackComponent, d: Deployment | undefined): ReadonlySet<string> | undefined {
    return this.forEachIn(c, d).keys;
  }

  /**
   * A for_each component's for_each, evaluated in deployment `d`. An error in the expression (an
   * undeclared variable, local or component, an unknown function) is said there as in a
   * component's inputs, once; the keys are then unknown, as they are while it is being evaluated
   * (a for_each that reads this component's own instances).
   */
  private forEachIn(c: StackComponent, d: Deployment | undefined): ForEachResult {
    let byDeployment = this.keysMemo.get(c);
    if (byDeployment === undefined) this.keysMemo.set(c, (byDeployment = new Map()));
    const known = byDeployment.get(d);
    if (known !== undefined) return known;
    byDeployment.set(d, { keys: undefined });
    const forEach = blockAttribute(this.block(c), 'for_each');
    if (forEach === undefined) return { keys: undefined };
    // Refused, whatever its value, when the value is itself sensitive: not evaluated, so no key of it is printed.
    const secret = this.markedBy(forEach.expr);
    if (secret !== undefined) {
      const refused = { keys: undefined, problem: sensitiveForEach(secret) };
      byDeployment.set(d, refused);
      return refused;
    }
    const where = `the for_each of the Terraform Stacks component "${c.name}" in ${c.file}`;
    const env = this.env(c.file, this.hooks.spans.span(c.file, forEach));
    const resolver = new DeploymentResolver(env, unknownRoots(where, undefined), where, this.variables(d, env), this.localDecls, (steps, expr, trace) => this.readComponent(steps, expr, trace, d), this.reportingIn(c.file));
    const trace = new Trace();
    const { value } = resolver.evaluate(forEach.expr, `for_each of component "${c.name}"`, trace);
    const result = componentForEach(value, trace.readsConfigurationOnly());
    byDeployment.set(d, result);
    return result;
  }

  /**
   * Says what Terraform refuses in for_each component `c`'s for_each: evaluated in every deployment,
   * a value that is no map or set of strings is said once at the expression, naming the deployments
   * that give it when not all of them do.
   */
  checkForEach(c: StackComponent): void {
    const forEach = blockAttribute(this.block(c), 'for_each');
    if (forEach === undefined) return;
    const byProblem = new Map<string, { problem: ForEachProblem; deployments: string[] }>();
    for (const d of this.deployments) {
      const { problem } = this.forEachIn(c, d);
      if (problem === undefined) continue;
      const key = `${problem.code} ${problem.says}`;
      const seen = byProblem.get(key) ?? { problem, deployments: [] };
      if (d !== undefined) seen.deployments.push(`"${d.name}"`);
      byProblem.set(key, seen);
    }
    for (const { problem, deployments } of byProblem.values()) {
      const some = deployments.length > 0 && deployments.length < this.deployments.length ? ` in deployment${deployments.length > 1 ? 's' : ''} ${deployments.join(', ')}` : '';
      const hint = problem.hint !== undefined ? { hint: problem.hint } : {};
      this.reportOnce({ code: problem.code, severity: problem.severity, message: `for_each of component "${c.name}"${some} ${problem.says}; its instances are not told apart here.`, ...hint, span: this.hooks.spans.span(c.file, forEach.expr) });
    }
  }

  /**
   * The inputs component `c` passes its module, by variable name (undefined: not passed, the
   * module's default applies), as one VariableInput per name whatever the number of deployments.
   */
  inputs(c: StackComponent): (name: string) => VariableInput | undefined {
    return (name) => {
      let found = this.inputsMemo.get(c);
      if (found === 'pending') return { value: unk(`input "${name}" of component "${c.name}", which reads this component's own outputs in a cycle`), span: c.inputsSpan, via: [], sensitive: false, refs: [], origin: `input of component "${c.name}"` };
      if (found === undefined) {
        this.inputsMemo.set(c, 'pending');
        found = this.componentInputs(c);
        this.inputsMemo.set(c, found);
      }
      return found(name);
    };
  }

  /**
   * What makes the value of a stack expression itself sensitive (a variable declared sensitive, a
   * local or function computed from one, sensitive()), read from the syntax as for a module's
   * for_each (sensitive-outputs.ts markedSource): the stack's variables and locals are a module's.
   */
  private markedBy(expr: Expression): string | undefined {
    this.stackModule ??= buildModule(this.stackDir, this.stack.components.map((s) => s.file));
    return markedSource(this.stackModule, expr);
  }

  private block(c: StackComponent): Block | undefined {
    return this.stack.components.find((s) => s.path === c.file)?.file.body.blocks.find((b) => b.type === 'component' && b.labels[0]?.value === c.name);
  }

  private env(file: string, at: Span): EvalEnv {
    return { resolver: NO_ROOTS, fn: this.hooks.fn(file, at), reportUnimplemented: () => undefined, parseTemplate: parseTemplateText };
  }

  private componentInputs(c: StackComponent): (name: string) => VariableInput | undefined {
    const where = `the Terraform Stacks component "${c.name}" in ${c.file}`;
    const inputsAttr = blockAttribute(this.block(c), 'inputs');
    const env = this.env(c.file, c.inputsSpan);
    const scope = unknownRoots(where, c);
    // Per deployment: the inputs by name, or (`inputs = local.common` whose value is not a known object) one unknown for all.
    const reporting = this.reportingIn(c.file);
    const perDeployment = this.deployments.map((d): Map<string, Traced> | Traced => {
      const stackScope = new DeploymentResolver(env, scope, where, this.variables(d, env), this.localDecls, (steps, expr, trace) => this.readComponent(steps, expr, trace, d), reporting);
      const given = new Map<string, Traced>();
      if (inputsAttr === undefined) return given;
      if (inputsAttr.expr.type === 'object' && c.inputs !== undefined) {
        for (const item of inputsAttr.expr.items) {
          const key = objectItemKey(item);
          if (key !== undefined && !given.has(key)) given.set(key, stackScope.evaluate(item.value, `input ${key} of component "${c.name}"`));
        }
        return given;
      }
      const whole = stackScope.evaluate(inputsAttr.expr, `inputs of component "${c.name}"`);
      if (!(whole.value instanceof ObjV) || whole.value.open !== undefined) return { ...whole, value: whole.value instanceof Unk ? whole.value : unk(`the inputs of ${where}, not a known object`) };
      for (const [k, v] of whole.value.attrs) given.set(k, { ...whole, value: v });
      return given;
    });
    const names = this.deployments.map((d) => d?.name);
    return (name) => {
      const span = c.inputs === undefined ? c.inputsSpan : c.inputs.get(name);
      if (span === undefined) return undefined;
      // A computed inputs no deployment's value names `name` for: not passed, the default applies.
      if (c.inputs === undefined && perDeployment.every((d) => d instanceof Map && !d.has(name))) return undefined;
      const values = perDeployment.map((d) => (d instanceof Map ? d.get(name) : d));
      const merged = agreed(values, names, `input "${name}" of ${where}`);
      return { value: merged.value, span, via: merged.via, sensitive: merged.sensitive, refs: [], origin: `input of ${where}` };
    };
  }

  /**
   * The provider configuration component `c` passes its module for provider `name`
   * (`providers = { aws = provider.aws.this }`): the stack's `config` block, evaluated. Undefined when
   * it passes none the scan can evaluate (none written, a for_each provider's instance): the caller
   * then takes the configuration as unknown.
   */
  provider(c: StackComponent, name: string): StackProviderConfig | string | undefined {
    const attr = blockAttribute(this.block(c), 'providers');
    if (attr === undefined || attr.expr.type !== 'object') return undefined;
    for (const item of attr.expr.items) {
      const key = objectItemKey(item);
      if (key !== name) continue;
      const ref = item.value;
      if (ref.type !== 'traversal' || ref.root !== 'provider' || ref.steps.length !== 2) return undefined;
      const type = stepName(ref.steps[0]);
      const alias = stepName(ref.steps[1]);
      return type !== undefined && alias !== undefined ? this.providerConfigs().get(`${type}.${alias}`) : undefined;
    }
    return undefined;
  }

  /**
   * The stack's provider configurations by `type.alias`: each `config` block evaluated as every
   * deployment gives it, or why it is not (a for_each provider: its instances are not told apart).
   * "You must pass arguments to providers using a config block" and "define provider alias names
   * for a provider in the header of its block" (developer.hashicorp.com/terraform/language/stacks/
   * create/declare-providers), whose example sets `region = var.region` and `default_tags` there.
   */
  providerConfigs(): ReadonlyMap<string, StackProviderConfig | string> {
    if (this.providersMemo !== undefined) return this.providersMemo;
    const out = new Map<string, StackProviderConfig | string>();
    this.providersMemo = out;
    for (const s of this.stack.components) {
      for (const block of s.file.body.blocks) {
        const [type, alias] = block.labels.map((l) => l.value);
        if (block.type !== 'provider' || type === undefined || alias === undefined || out.has(`${type}.${alias}`)) continue;
        const where = `provider "${type}" "${alias}" of the Terraform stack in ${s.path}`;
        const forEach = attributeOf(block.body, 'for_each');
        if (forEach !== undefined) {
          out.set(`${type}.${alias}`, `set by ${where}, whose for_each instances Safeguard does not tell apart`);
          // Terraform refuses a sensitive for_each for a provider as for a component (stackeval Provider.CheckForEachValue).
          const secret = this.markedBy(forEach.expr);
          if (secret !== undefined) {
            const problem = sensitiveForEach(secret);
            this.reportOnce({ code: problem.code, severity: problem.severity, message: `for_each of provider "${type}" "${alias}" ${problem.says}.`, hint: problem.hint!, span: this.hooks.spans.span(s.path, forEach.expr) });
          }
          continue;
        }
        const span = this.hooks.spans.span(s.path, block);
        const config = block.body.blocks.find((b) => b.type === 'config');
        const env = this.env(s.path, span);
        const bodies = this.deployments.map((d) => {
          if (config === undefined) return { span, attrs: new Map(), blocks: [] };
          const resolver = new DeploymentResolver(env, unknownRoots(where, undefined), where, this.variables(d, env), this.localDecls, (steps, expr, trace) => this.readComponent(steps, expr, trace, d));
          const ctx = { evaluator: resolver.evaluator, spans: this.hooks.spans, file: s.path, report: (d: Diagnostic) => this.hooks.report(d), refs: new Set<string>() };
          return evaluateBody(ctx, config.body, span, resolver.scope);
        });
        out.set(`${type}.${alias}`, { name: type, alias, body: agreedBody(bodies, this.deployments.map((d) => d?.name), where) });
      }
    }
    return out;
  }

  /** One deployment's stack variables (memoised: every component and provider of the deployment reads the same; `env`: the first asker's). */
  private variables(d: Deployment | undefined, env: EvalEnv): Map<string, Traced> {
    let vars = this.varsMemo.get(d);
    if (vars === undefined) this.varsMemo.set(d, (vars = stackVariables(this.stack, d, env, `the Terraform stack in ${this.stackDir || '.'}`, (diag) => this.hooks.report(diag), d !== undefined ? this.reportingIn(d.source.path) : undefined)));
    return vars;
  }
}

/**
 * What a deployment's input may read: "Input value expressions can reference locals,
 * identity_token, store, and upstream_value blocks" (the deployment block reference,
 * developer.hashicorp.com/terraform/language/block/stack/tfdeploy/deployment). `var` and
 * `component` are the component configuration's; whether HCP Terraform refuses them in a
 * deployment's inputs that page does not say, so they are unknown here, unsaid. Any other name
 * is no symbol of the deployment configuration: an error, as in a module. With `checked` (every
 * deployment file parsed), identity_token, store and upstream_input are left to the resolver,
 * which says a block the deployment configuration does not declare (readDeploymentBlock).
 */
function deploymentRoots(where: string, checked: boolean): Scope {
  const base = checked ? EMPTY_SCOPE.with(new Map([['provider', unk(`a provider configuration of ${where}, which is no value an input can hold`)]])) : unknownRoots(where, undefined);
  return base.with(new Map<string, Val>([
    ['var', unk(`a var. reference in ${where}, which a deployment's inputs are not documented to read`)],
    ['component', unk(`a component. reference in ${where}, which a deployment's inputs are not documented to read`)],
  ]));
}

/**
 * One deployment's stack variables: its input, else the default, converted to the variable's type.
 * With `reporting` (a deployment's), an error in an input's expression or in a deployment local it
 * reads is said at the expression (as a component's inputs say theirs), and so is an input for a
 * variable the stack does not declare.
 */
function stackVariables(stack: StackFiles, deployment: Deployment | undefined, env: EvalEnv, where: string, report: (d: Diagnostic) => void, reporting?: Reporting): Map<string, Traced> {
  const constants = new Evaluator(env);
  const given = new Map<string, { expr: Expression; span: Span }>();
  let unknownInputs: Unk | undefined;
  if (deployment?.inputs !== undefined) {
    if (deployment.inputs.expr.type === 'object') {
      for (const item of deployment.inputs.expr.items) {
        const key = objectItemKey(item);
        if (key !== undefined) given.set(key, { expr: item.value, span: deployment.source.span({ start: item.key.start, end: item.value.end }) });
        else unknownInputs = unk(`the inputs of deployment "${deployment.name}", whose keys are not all written out`);
      }
    } else unknownInputs = unk(`the inputs of deployment "${deployment.name}", not an object written out`);
  }
  // The deployment file's locals, for its inputs (`inputs = { region = local.region }`).
  const deployLocals = new Map(stack.deployLocals.map(([a, s]) => [a.name, [a, s]] as const));
  const deploymentWhere = deployment !== undefined ? `deployment "${deployment.name}"` : where;
  const blocks = deployment !== undefined && reporting !== undefined ? stack.deploymentBlocks : undefined;
  const deploymentScope = new DeploymentResolver(env, deploymentRoots(deploymentWhere, blocks !== undefined), deploymentWhere, new Map(), deployLocals, undefined, reporting, blocks);
  const vars = new Map<string, Traced>();
  for (const s of stack.components) {
    for (const block of s.file.body.blocks) {
      const name = block.labels[0]?.value;
      if (block.type !== 'variable' || name === undefined || vars.has(name)) continue;
      const sensitive = isTrue(attributeOf(block.body, 'sensitive')?.expr);
      // A stack variable takes `nullable = <true|false>` as a module's variable does (the variable
      // block reference for component configurations, developer.hashicorp.com/terraform/language/
      // block/stack/tfcomponent/variable), true when left out. Set false, "the variable value can
      // never be null": a null input takes the default, else is refused (hashicorp/terraform#29832),
      // reported as for a module's variable (instance.ts variableAt).
      const nullable = !isFalse(attributeOf(block.body, 'nullable')?.expr);
      const declared = s.span({ start: block.start, end: block.openBrace.start });
      const input = given.get(name);
      const defaultAttr = attributeOf(block.body, 'default');
      const defaultValue = (): Traced => {
        const value = evaluated(constants, EMPTY_SCOPE, defaultAttr!.expr, where).value;
        const span = s.span(defaultAttr!);
        if (value === null && !nullable) report(nullDefaultDiagnostic(name, span));
        return { value, via: [span, declared], sensitive };
      };
      let value: Traced;
      /** The deployment's input, when the value is the one it gives (not the default). */
      let givenAt: Span | undefined;
      if (input !== undefined) {
        const v = deploymentScope.evaluate(input.expr, `input ${name} of deployment "${deployment!.name}"`);
        value = { value: v.value, via: [...v.via, input.span, declared], sensitive: sensitive || v.sensitive };
        givenAt = input.span;
        // Given null: the default where there is one, else refused (a required variable not set).
        if (v.value === null && !nullable) {
          givenAt = undefined;
          if (defaultAttr !== undefined) value = defaultValue();
          else {
            report(nullInputDiagnostic(name, input.span));
            value = { ...value, value: unk(`stack variable "${name}", given null by deployment "${deployment!.name}" though it sets nullable = false`) };
          }
        }
      } else if (unknownInputs !== undefined) value = { value: unknownInputs, via: [declared], sensitive };
      else if (defaultAttr !== undefined) value = defaultValue();
      // Terraform refuses a deployment without a value for a variable without a default: nothing to judge with.
      else value = { value: unk(`stack variable "${name}", ${deployment === undefined ? 'which has no default and no deployment here gives' : `which deployment "${deployment.name}" does not give`}`), via: [declared], sensitive };
      const typeAttr = attributeOf(block.body, 'type');
      if (typeAttr !== undefined && defaultAttr !== undefined) reportInvalidDefault(constants, name, typeAttr, defaultAttr, declared, sensitive, where, report);
      if (typeAttr !== undefined && !(value.value instanceof Unk)) {
        let type: TypeSpec | undefined;
        try {
          type = parseType(typeAttr.expr, (e) => constants.evaluate(e, EMPTY_SCOPE, new Trace()));
          value = { ...value, value: convert(value.value, type, `var.${name}`) };
        } catch (e) {
          if (!(e instanceof EvalError)) throw e;
          const said = withoutValues(e.message, value.sensitive || isSecretName(name));
          value = { ...value, value: unk(`stack variable "${name}": ${said}`) };
          // A deployment's input is the stack's root variable value, converted to the declared type;
          // Terraform refuses one that does not convert (stackeval InputVariable.CheckValue: "Invalid
          // value for root input variable", "Cannot use the given value for input variable"). Said at
          // the input, as a module argument of the wrong type is (instance.ts: eval/type).
          if (type !== undefined && givenAt !== undefined && reporting !== undefined) {
            reporting.report({ code: 'eval/type', severity: 'error', message: `The value deployment "${deployment!.name}" gives var.${name} does not match its type, so Terraform refuses it: ${said}`, span: givenAt });
          }
        }
      }
      vars.set(name, value);
    }
  }
  if (deployment !== undefined && reporting !== undefined && stack.variablesComplete) reportUndeclaredInputs(deployment, given, vars, reporting);
  return vars;
}

/**
 * A stack variable's default must convert to its type, whichever deployment gives the variable a
 * value: the stack's validation refuses it otherwise (hashicorp/terraform stackeval
 * InputVariableConfig.ValidateDefaultValue, an error "Invalid default value for input variable":
 * "The default value does not conform to the variable's type constraint: …", at the variable's
 * declaration, as Terraform says it). Said once, however many deployments evaluate the stack.
 */
function reportInvalidDefault(constants: Evaluator, name: string, typeAttr: Attribute, defaultAttr: Attribute, declared: Span, sensitive: boolean, where: string, report: (d: Diagnostic) => void): void {
  let type: TypeSpec;
  try {
    type = parseType(typeAttr.expr, (e) => constants.evaluate(e, EMPTY_SCOPE, new Trace()));
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return; // a type constraint that does not parse is another error
  }
  // Unknown where it does not evaluate (an error of its own): nothing to convert.
  const value = evaluated(constants, EMPTY_SCOPE, defaultAttr.expr, where).value;
  if (value instanceof Unk) return;
  try {
    convert(value, type, `var.${name}`);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    report({
      code: 'eval/type',
      severity: 'error',
      message: `Invalid default value for input variable: the default of stack variable "${name}" does not conform to its type constraint, so Terraform refuses the stack: ${withoutValues(e.message, sensitive || isSecretName(name))}`,
      span: declared,
    });
  }
}

/**
 * "The keys in the inputs map must correspond to the names of the variables defined in your
 * component configuration" (the deployment block reference, developer.hashicorp.com/terraform/
 * language/block/stack/tfdeploy/deployment): a key the stack declares no variable for is said at
 * the input (vars/undeclared; an error, as a module argument of no variable is), naming the
 * variable most likely meant. The value goes to no variable, so it is not evaluated.
 */
function reportUndeclaredInputs(deployment: Deployment, given: ReadonlyMap<string, { span: Span }>, declared: ReadonlyMap<string, unknown>, reporting: Reporting): void {
  for (const [name, { span }] of given) {
    if (declared.has(name)) continue;
    const near = nearestName(name, declared.keys());
    reporting.report({
      code: 'vars/undeclared',
      severity: 'error',
      message: `deployment "${deployment.name}" sets ${name}, but the stack declares no variable "${name}", and the keys of a deployment's inputs must be the stack's variables.${near !== undefined ? ` Did you mean "${near}"?` : ''}`,
      hint: near !== undefined ? `Rename it to ${near}, or declare variable "${name}" in a .tfcomponent.hcl file.` : `Declare variable "${name}" in a .tfcomponent.hcl file, or remove the input.`,
      span,
    });
  }
}

function evaluated(evaluator: Evaluator, scope: Scope, expr: Expression, where: string, trace = new Trace()): Traced {
  try {
    const value = evaluator.evaluate(expr, scope, trace);
    return { value, via: trace.via, sensitive: trace.sensitive };
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return { value: unk(`not evaluated in ${where}: ${e.message}`), via: trace.via, sensitive: trace.sensitive };
  }
}

/**
 * The value every deployment gives; unknown, naming them, when two differ (or one leaves it out).
 * Where they agree as far as known, an unknown part of any one is unknown for all.
 */
function agreed(values: readonly (Traced | undefined)[], deployments: readonly (string | undefined)[], what: string): Traced {
  const present = values.filter((v): v is Traced => v !== undefined);
  const via = [...new Set(present.flatMap((v) => v.via))];
  const sensitive = present.some((v) => v.sensitive);
  const first = present[0];
  if (first !== undefined && present.length === values.length && present.every((v) => equals(v.value, first.value) !== false)) {
    return { value: (present.find((v) => hasUnk(v.value)) ?? first).value, via, sensitive };
  }
  const named = deployments.filter((d): d is string => d !== undefined).map((d) => `"${d}"`);
  return { value: unk(`${what}, which the deployments ${named.join(', ')} set differently (each deploys the stack with its own)`), via, sensitive };
}

/**
 * A provider `config` body as every deployment gives it: each argument agreed (agreed), nested
 * blocks merged in order where every deployment writes the same ones; where they do not, the first
 * deployment's blocks with every argument unknown.
 */
function agreedBody<B extends EvaluatedBody>(bodies: readonly B[], deployments: readonly (string | undefined)[], where: string): B {
  const first = bodies[0]!;
  if (bodies.length === 1) return first;
  const attrs = new Map<string, AttrResult>();
  for (const name of new Set(bodies.flatMap((b) => [...b.attrs.keys()]))) {
    const values = bodies.map((b) => b.attrs.get(name));
    const merged = agreed(values, deployments, `the argument ${name} of ${where}`);
    const span = values.find((v) => v !== undefined)!.span;
    attrs.set(name, { value: merged.value, span, via: merged.via.filter((s) => s !== span), sensitive: merged.sensitive });
  }
  const sameBlocks = bodies.every((b) => b.blocks.length === first.blocks.length && b.blocks.every((x, i) => x.type === first.blocks[i]!.type));
  const blocks: EvaluatedBlock[] = sameBlocks ? first.blocks.map((b, i) => agreedBody(bodies.map((body) => body.blocks[i]!), deployments, where)) : first.blocks.map((b) => allUnknown(b, `a ${b.type} block of ${where}, which the deployments ${deployments.map((d) => `"${d}"`).join(', ')} write differently`));
  return { ...first, attrs, blocks };
}

function allUnknown(block: EvaluatedBlock, why: string): EvaluatedBlock {
  return { ...block, attrs: new Map([...block.attrs].map(([k, a]) => [k, { ...a, value: unk(why) }])), blocks: block.blocks.map((b) => allUnknown(b, why)) };
}
