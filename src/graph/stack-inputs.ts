// What a Terraform stack gives its components (stacks.ts): the `inputs` of each `component` block,
// evaluated as the stack evaluates them for each deployment. `var.x` is the stack variable's value
// in that deployment (`deployment "prod" { inputs = { x = ... } }` in the stack's *.tfdeploy.hcl
// files, else the variable's default), `local.x` the stack's locals. What only HCP Terraform knows
// is unknown: a store's or varset's values, identity tokens, an upstream stack's outputs, another
// component's outputs (`component.vpc.id`), a for_each component's `each`, the provider configurations.
//
// Each deployment is one instance of the whole stack, with its own inputs. The scan keeps one
// instance per component (its findings, addresses and baseline fingerprints stay as written), so
// a value is known when every deployment gives the same one, and unknown, naming the deployments,
// when they differ: no deployment's value stands for another's. A stack with no deployment file
// here (another directory, or none yet) has only its defaults to go by: a variable without one is
// unknown.
import type { Attribute, Block, Expression, HclFile, TraversalExpr, TraversalStep } from '../parsers/hcl/ast.js';
import type { Span } from '../source/span.js';
import { LineIndex } from '../source/line-index.js';
import { attributeOf } from './declarations.js';
import { EMPTY_SCOPE, Evaluator, NO_ROOTS, Trace, type EvalEnv, type RootResolver, type Scope } from './evaluate.js';
import type { FunctionContext } from './functions/args.js';
import type { VariableInput } from './instance.js';
import { dirOf, literalString, type ParseFile } from './load.js';
import { parseTemplateText } from './parse.js';
import { isStackComponentConfig, type StackComponent } from './stacks.js';
import { convert, parseType } from './types.js';
import { EvalError, ObjV, Unk, equals, hasUnk, unk, type Val } from './value.js';

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

/** The stack's configuration, parsed once per stack directory. */
interface StackFiles {
  readonly components: readonly Source[];
  readonly deployments: readonly { readonly name: string; readonly inputs: Attribute | undefined; readonly source: Source }[];
  readonly deployLocals: readonly (readonly [Attribute, Source])[];
}

function stackFiles(files: ReadonlyMap<string, string>, stackDir: string, parse: ParseFile): StackFiles {
  const components: Source[] = [];
  const deployments: StackFiles['deployments'][number][] = [];
  const deployLocals: (readonly [Attribute, Source])[] = [];
  // The stack's own files, picked out before sorting: asked once per stack, of every file of the scan.
  const own = [...files].filter(([path]) => (isStackComponentConfig(path) || isStackDeploymentConfig(path)) && dirOf(path) === stackDir);
  for (const [path, text] of own.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const file = parse(path, text).file;
    if (file === undefined) continue;
    let lines: LineIndex | undefined;
    const source: Source = { path, file, span: (r) => (lines ??= new LineIndex(text)).span(path, r.start, r.end) };
    if (isStackComponentConfig(path)) {
      components.push(source);
      continue;
    }
    for (const block of file.body.blocks) {
      if (block.type === 'locals') for (const a of block.body.attributes) deployLocals.push([a, source]);
      const name = block.labels[0]?.value;
      // A deployment marked for destruction deploys nothing: its inputs decide no resource.
      if (block.type !== 'deployment' || name === undefined || isTrue(attributeOf(block.body, 'destroy')?.expr)) continue;
      deployments.push({ name, inputs: attributeOf(block.body, 'inputs'), source });
    }
  }
  return { components, deployments, deployLocals };
}

function isTrue(expr: Expression | undefined): boolean {
  return expr?.type === 'literal' && expr.value === true;
}

/** What the stack's own expressions may read that this scan cannot know, bound as unknown. */
function unknownRoots(where: string, component: StackComponent | undefined): Scope {
  const roots: [string, Val][] = [
    ['store', unk(`a store's value, which HCP Terraform reads when ${where} is deployed`)],
    ['identity_token', unk(`an identity token, which HCP Terraform issues when ${where} is deployed`)],
    ['upstream_input', unk(`an upstream stack's output, known when ${where} is deployed`)],
    ['component', unk(`another component's output, which Safeguard does not evaluate for ${where}`)],
    ['provider', unk(`a provider configuration of ${where}, which Safeguard does not evaluate`)],
  ];
  if (component?.expanded) roots.push(['each', unk(`the for_each of the Terraform Stacks component "${component.name}", whose instances Safeguard does not tell apart`)]);
  return EMPTY_SCOPE.with(new Map(roots));
}

/**
 * `var` and `local` of one deployment, resolved with where each value came from (its sensitivity
 * and spans reach the trace, as a module's variables do). Locals are evaluated when first read.
 */
class DeploymentResolver implements RootResolver {
  consumed = 0;
  private readonly evaluator: Evaluator;
  private readonly locals = new Map<string, Traced | 'pending'>();

  constructor(
    env: EvalEnv,
    private readonly scope: Scope,
    private readonly where: string,
    private readonly vars: ReadonlyMap<string, Traced>,
    private readonly localDecls: ReadonlyMap<string, readonly [Attribute, Source]>,
  ) {
    this.evaluator = new Evaluator({ ...env, resolver: this });
  }

  /** The value of an expression of this deployment; unknown, saying why, where it cannot be evaluated. */
  evaluate(expr: Expression): Traced {
    return evaluated(this.evaluator, this.scope, expr, this.where);
  }

  resolveRoot(root: string, steps: readonly TraversalStep[], _expr: TraversalExpr, trace: Trace): Val | undefined {
    const step = steps[0];
    const name = step?.kind === 'attr' ? step.name : undefined;
    if ((root !== 'var' && root !== 'local') || name === undefined) return undefined;
    const found = root === 'var' ? this.vars.get(name) : this.local(name);
    if (found === undefined) return undefined;
    this.consumed = 1;
    trace.absorb({ via: found.via, sensitive: found.sensitive, refs: [] });
    return found.value;
  }

  resolveRootOrMissing(root: string, steps: readonly TraversalStep[], expr: TraversalExpr, trace: Trace): Val | undefined {
    return this.resolveRoot(root, steps, expr, trace);
  }

  private local(name: string): Traced | undefined {
    const known = this.locals.get(name);
    if (known === 'pending') throw new EvalError(`local.${name} refers to itself.`);
    if (known !== undefined) return known;
    const decl = this.localDecls.get(name);
    if (decl === undefined) return undefined;
    this.locals.set(name, 'pending');
    const value = this.evaluate(decl[0].expr);
    const traced = { ...value, via: [...value.via, decl[1].span(decl[0])] };
    this.locals.set(name, traced);
    return traced;
  }
}

/**
 * The inputs a stack's component passes its module, by variable name (undefined: not passed, the
 * module's default applies), as one VariableInput per name whatever the number of deployments.
 */
export function stackComponentInputs(
  files: ReadonlyMap<string, string>,
  components: readonly StackComponent[],
  parse: ParseFile,
  fn: (component: StackComponent) => FunctionContext,
): Map<StackComponent, (name: string) => VariableInput | undefined> {
  const out = new Map<StackComponent, (name: string) => VariableInput | undefined>();
  const byStack = new Map<string, StackFiles>();
  for (const c of components) {
    let stack = byStack.get(c.stackDir);
    if (stack === undefined) byStack.set(c.stackDir, (stack = stackFiles(files, c.stackDir, parse)));
    out.set(c, componentInputs(stack, c, { resolver: NO_ROOTS, fn: fn(c), reportUnimplemented: () => undefined, parseTemplate: parseTemplateText }));
  }
  return out;
}

function componentInputs(stack: StackFiles, c: StackComponent, env: EvalEnv): (name: string) => VariableInput | undefined {
  const where = `the Terraform Stacks component "${c.name}" in ${c.file}`;
  const block = componentBlock(stack, c);
  const inputsAttr = block !== undefined ? attributeOf(block.body, 'inputs') : undefined;
  const scope = unknownRoots(where, c);
  // Each deployment's inputs (none: the defaults alone), then each deployment's values of the component's inputs.
  const deployments = stack.deployments.length > 0 ? stack.deployments : [undefined];
  const localDecls = new Map(stack.components.flatMap((s) => s.file.body.blocks.filter((b) => b.type === 'locals').flatMap((b) => b.body.attributes.map((a) => [a.name, [a, s]] as const))));
  // Per deployment: the inputs by name, or (`inputs = local.common` whose value is not a known object) one unknown for all.
  const perDeployment = deployments.map((d): Map<string, Traced> | Traced => {
    const stackScope = new DeploymentResolver(env, scope, where, stackVariables(stack, d, env, where), localDecls);
    const given = new Map<string, Traced>();
    if (inputsAttr === undefined) return given;
    if (inputsAttr.expr.type === 'object' && c.inputs !== undefined) {
      for (const item of inputsAttr.expr.items) {
        const key = item.bareKey && item.key.type === 'traversal' ? item.key.root : literalString(item.key);
        if (key !== undefined && !given.has(key)) given.set(key, stackScope.evaluate(item.value));
      }
      return given;
    }
    const whole = stackScope.evaluate(inputsAttr.expr);
    if (!(whole.value instanceof ObjV) || whole.value.open !== undefined) return { ...whole, value: whole.value instanceof Unk ? whole.value : unk(`the inputs of ${where}, not a known object`) };
    for (const [k, v] of whole.value.attrs) given.set(k, { ...whole, value: v });
    return given;
  });
  return (name) => {
    const span = c.inputs === undefined ? c.inputsSpan : c.inputs.get(name);
    if (span === undefined) return undefined;
    // A computed inputs no deployment's value names `name` for: not passed, the default applies.
    if (c.inputs === undefined && perDeployment.every((d) => d instanceof Map && !d.has(name))) return undefined;
    const values = perDeployment.map((d) => (d instanceof Map ? d.get(name) : d));
    const merged = agreed(values, deployments.map((d) => d?.name), where, name);
    return { value: merged.value, span, via: merged.via, sensitive: merged.sensitive, refs: [], origin: `input of ${where}` };
  };
}

function componentBlock(stack: StackFiles, c: StackComponent): Block | undefined {
  return stack.components.find((s) => s.path === c.file)?.file.body.blocks.find((b) => b.type === 'component' && b.labels[0]?.value === c.name);
}

/** One deployment's stack variables: its input, else the default, converted to the variable's type. */
function stackVariables(stack: StackFiles, deployment: StackFiles['deployments'][number] | undefined, env: EvalEnv, where: string): Map<string, Traced> {
  const constants = new Evaluator(env);
  const given = new Map<string, { expr: Expression; span: Span }>();
  let unknownInputs: Unk | undefined;
  if (deployment?.inputs !== undefined) {
    if (deployment.inputs.expr.type === 'object') {
      for (const item of deployment.inputs.expr.items) {
        const key = item.bareKey && item.key.type === 'traversal' ? item.key.root : literalString(item.key);
        if (key !== undefined) given.set(key, { expr: item.value, span: deployment.source.span({ start: item.key.start, end: item.value.end }) });
        else unknownInputs = unk(`the inputs of deployment "${deployment.name}", whose keys are not all written out`);
      }
    } else unknownInputs = unk(`the inputs of deployment "${deployment.name}", not an object written out`);
  }
  // The deployment file's locals, for its inputs (`inputs = { region = local.region }`).
  const deployLocals = new Map(stack.deployLocals.map(([a, s]) => [a.name, [a, s]] as const));
  const deploymentWhere = deployment !== undefined ? `deployment "${deployment.name}"` : where;
  const deploymentScope = new DeploymentResolver(env, unknownRoots(deploymentWhere, undefined), deploymentWhere, new Map(), deployLocals);
  const vars = new Map<string, Traced>();
  for (const s of stack.components) {
    for (const block of s.file.body.blocks) {
      const name = block.labels[0]?.value;
      if (block.type !== 'variable' || name === undefined || vars.has(name)) continue;
      const sensitive = isTrue(attributeOf(block.body, 'sensitive')?.expr);
      const declared = s.span({ start: block.start, end: block.openBrace.start });
      const input = given.get(name);
      const defaultAttr = attributeOf(block.body, 'default');
      let value: Traced;
      if (input !== undefined) {
        const v = deploymentScope.evaluate(input.expr);
        value = { value: v.value, via: [...v.via, input.span, declared], sensitive: sensitive || v.sensitive };
      } else if (unknownInputs !== undefined) value = { value: unknownInputs, via: [declared], sensitive };
      else if (defaultAttr !== undefined) value = { value: evaluated(constants, EMPTY_SCOPE, defaultAttr.expr, where).value, via: [s.span(defaultAttr), declared], sensitive };
      // Terraform refuses a deployment without a value for a variable without a default: nothing to judge with.
      else value = { value: unk(`stack variable "${name}", ${deployment === undefined ? 'which has no default and no deployment here gives' : `which deployment "${deployment.name}" does not give`}`), via: [declared], sensitive };
      const typeAttr = attributeOf(block.body, 'type');
      if (typeAttr !== undefined && !(value.value instanceof Unk)) {
        try {
          value = { ...value, value: convert(value.value, parseType(typeAttr.expr, (e) => constants.evaluate(e, EMPTY_SCOPE, new Trace())), `var.${name}`) };
        } catch (e) {
          if (!(e instanceof EvalError)) throw e;
          value = { ...value, value: unk(`stack variable "${name}": ${e.message}`) };
        }
      }
      vars.set(name, value);
    }
  }
  return vars;
}

function evaluated(evaluator: Evaluator, scope: Scope, expr: Expression, where: string): Traced {
  const trace = new Trace();
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
function agreed(values: readonly (Traced | undefined)[], deployments: readonly (string | undefined)[], where: string, name: string): Traced {
  const present = values.filter((v): v is Traced => v !== undefined);
  const via = [...new Set(present.flatMap((v) => v.via))];
  const sensitive = present.some((v) => v.sensitive);
  const first = present[0];
  if (first !== undefined && present.length === values.length && present.every((v) => equals(v.value, first.value) !== false)) {
    return { value: (present.find((v) => hasUnk(v.value)) ?? first).value, via, sensitive };
  }
  const named = deployments.filter((d): d is string => d !== undefined).map((d) => `"${d}"`);
  return { value: unk(`input "${name}" of ${where}, which the deployments ${named.join(', ')} set differently (each deploys the stack with its own)`), via, sensitive };
}
