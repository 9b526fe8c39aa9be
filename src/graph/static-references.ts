// References Terraform checks before it evaluates anything: `var.x`, `local.y`, `module.m` and
// `data.t.n` must name declarations of the module, in every block, even one with count = 0 or an
// empty for_each, whose body is never evaluated (a feature switched off still fails `terraform plan`
// with a typo in it). Only these reserved roots are read here: a bare name may be a for variable or
// a dynamic block's iterator, which a walk without scopes cannot tell from a resource type.
import type { Attribute, Block, Body, Expression, FunctionCallExpr, Range, TraversalExpr } from '../parsers/hcl/ast.js';
import { forEachTraversal, freeTraversals } from './traversals.js';
import type { Declared, ModuleSource } from './load.js';
import { nearestName } from '../config/nearest-name.js';

type Undeclared = readonly { readonly expr: TraversalExpr; readonly message: string }[];

/** The module a call of this module runs, when it is loaded (to check `module.m.out` names an output of it). */
export type CalledModule = (call: string) => ModuleSource | undefined;

/**
 * Per block: a block belongs to one module, and every instance of the module would walk it again.
 * Apart with and without the called modules' outputs checked, so that neither answer depends on which came first.
 */
const found = new WeakMap<Block, Undeclared>();
const foundWithOutputs = new WeakMap<Block, Undeclared>();

/**
 * The undeclared references under `block` (its arguments and nested blocks, not `skip`), in source
 * order, with their messages. Terraform's validate evaluates such a block once whatever its count
 * (terraform validate 1.11.4 refuses `aws_s3_bucket.undeclared.id` and `module.m.nosuch` in a
 * resource with count = 0 or a module call with count = 0: "Reference to undeclared resource",
 * "Unsupported attribute"), so an output the called module does not declare is one too.
 */
export function undeclaredReferences(mod: ModuleSource, block: Block, skip: ReadonlySet<string>, called?: CalledModule): Undeclared {
  const cache = called === undefined ? found : foundWithOutputs;
  const cached = cache.get(block);
  if (cached !== undefined) return cached;
  const out: { expr: TraversalExpr; message: string }[] = [];
  // Scope-aware (freeTraversals): `[for var in ... : var.x]` binds `var`, as hcl's Variables() knows.
  // A dynamic block binds its iterator (its label, or `iterator`) inside it: `ingress_rule.value` is no resource.
  const visit = (expr: Expression, bound: ReadonlySet<string>): void => {
    for (const t of freeTraversals(expr)) {
      if (bound.has(t.root)) continue;
      const message = undeclaredAnywhere(mod, t) ?? (called !== undefined ? missingOutput(mod, t, called) : undefined);
      if (message !== undefined) out.push({ expr: t, message });
    }
  };
  const visitBlock = (nested: Block, bound: ReadonlySet<string>): void => {
    if (nested.type === 'dynamic') {
      // Terraform checks a dynamic block's content only as it expands it: validate 1.11.4 accepts an
      // undeclared reference in the content of one over [], local.none or var.rules (unknown when it
      // validates), and refuses it over [1]. So the content is read where the for_each is a literal
      // with elements only; its for_each, where the iterator is not yet bound, always.
      for (const attr of nested.body.attributes) visit(attr.expr, bound);
      if (!literalWithElements(nested.body.attributes.find((a) => a.name === 'for_each')?.expr)) return;
      const inner = new Set([...bound, iteratorName(nested)]);
      for (const content of nested.body.blocks) visitBlock(content, inner);
      return;
    }
    // lifecycle's ignore_changes names the block's own attributes (`tags_all.Name`), no references.
    visitBody(nested.body, bound, nested.type === 'lifecycle' ? 'ignore_changes' : undefined);
  };
  const visitBody = (body: Body, bound: ReadonlySet<string>, notReferences?: string): void => {
    for (const attr of body.attributes) if (attr.name !== notReferences) visit(attr.expr, bound);
    for (const nested of body.blocks) visitBlock(nested, bound);
  };
  const none = new Set<string>();
  // provider (and a module call's providers) names provider configurations, no declarations of the module.
  for (const attr of block.body.attributes) if (!skip.has(attr.name) && attr.name !== 'provider' && attr.name !== 'providers') visit(attr.expr, none);
  for (const nested of block.body.blocks) visitBlock(nested, none);
  cache.set(block, out);
  return out;
}

const inModule = new WeakMap<ModuleSource, readonly { readonly file: string; readonly label: string; readonly expr: TraversalExpr; readonly message: string }[]>();

/**
 * The undeclared references of a module no instance evaluates, block by block as for a block with
 * no instances (its count and for_each too, never evaluated either), labelled with the block's
 * address. Not a variable's type or validation, nor the addresses moved, import and removed blocks
 * name; a check block's own data sources only (its assertions read them). Once per module.
 */
export function undeclaredInModule(mod: ModuleSource): readonly { readonly file: string; readonly label: string; readonly expr: TraversalExpr; readonly message: string }[] {
  const cached = inModule.get(mod);
  if (cached !== undefined) return cached;
  const out: { file: string; label: string; expr: TraversalExpr; message: string }[] = [];
  const none = new Set<string>();
  const add = (file: string, label: string, found: Undeclared): void => {
    for (const f of found) out.push({ file, label, ...f });
  };
  for (const f of mod.files) {
    for (const block of f.body.blocks) {
      const [a, b] = [block.labels[0]?.value ?? '', block.labels[1]?.value ?? ''];
      switch (block.type) {
        case 'resource':
          add(f.path, `${a}.${b}`, undeclaredReferences(mod, block, none));
          break;
        case 'data':
        case 'ephemeral':
          add(f.path, `${block.type}.${a}.${b}`, undeclaredReferences(mod, block, none));
          break;
        case 'module':
          add(f.path, `module.${a}`, undeclaredReferences(mod, block, none));
          break;
        case 'output':
          add(f.path, `output "${a}"`, undeclaredReferences(mod, block, none));
          break;
        case 'provider':
          add(f.path, `provider "${a}"`, undeclaredReferences(mod, block, none));
          break;
        case 'locals':
          for (const attr of block.body.attributes) add(f.path, `local.${attr.name}`, undeclaredUnderExpression(mod, attr.expr));
          break;
        case 'check':
          for (const d of block.body.blocks) if (d.type === 'data') add(f.path, `check.${a}.data.${d.labels[0]?.value ?? ''}.${d.labels[1]?.value ?? ''}`, undeclaredReferences(mod, d, none));
          break;
        default:
          break;
      }
    }
  }
  inModule.set(mod, out);
  return out;
}

/** A tuple or object constructor with elements (`[1]`, `{ a = 1 }`), through parentheses. */
function literalWithElements(expr: Expression | undefined): boolean {
  if (expr?.type === 'parens') return literalWithElements(expr.expr);
  return (expr?.type === 'tuple' || expr?.type === 'object') && expr.items.length > 0;
}

/** A dynamic block's iterator: its `iterator` argument, else its label. */
function iteratorName(block: Block): string {
  const it = block.body.attributes.find((a) => a.name === 'iterator')?.expr;
  return it?.type === 'traversal' && it.steps.length === 0 ? it.root : (block.labels[0]?.value ?? '');
}

const undeclaredUnder = new WeakMap<Expression, Undeclared>();

/**
 * The references under `expr` to declarations the module lacks (a variable, local, module call, data
 * source, ephemeral or managed resource), which Terraform refuses before it evaluates anything: in a
 * conditional's branch not taken, or both branches of one whose condition is unknown, and in the body
 * of a `for` over an empty collection too (terraform validate 1.11.4: `true ? "a" :
 * upper(var.nope)`, `[for x in [] : aws_s3_bucket.nope.id]`). Not an output the called module lacks:
 * that is found by evaluating, and validate accepts `true ? "a" : module.m.nosuch`. Once per
 * expression; the caller leaves out names its scope binds.
 */
export function undeclaredUnderExpression(mod: ModuleSource, expr: Expression): Undeclared {
  let out = undeclaredUnder.get(expr);
  if (out === undefined) {
    const list: { expr: TraversalExpr; message: string }[] = [];
    for (const t of freeTraversals(expr)) {
      const message = undeclaredAnywhere(mod, t);
      if (message !== undefined) list.push({ expr: t, message });
    }
    out = list.length === 0 ? NONE : list;
    undeclaredUnder.set(expr, out);
  }
  return out;
}

const NONE: Undeclared = [];

function undeclared(mod: ModuleSource, expr: TraversalExpr): string | undefined {
  const step = (i: number): string | undefined => {
    const s = expr.steps[i];
    return s?.kind === 'attr' ? s.name : undefined;
  };
  const first = step(0);
  if (first === undefined) return undefined;
  switch (expr.root) {
    case 'var':
      return mod.variables.has(first) ? undefined : `Reference to undeclared input variable "${first}".${didYouMean(first, mod.variables.keys(), 'var.')}`;
    case 'local':
      return mod.locals.has(first) ? undefined : `Reference to undeclared local value "${first}".${didYouMean(first, mod.locals.keys(), 'local.')}`;
    case 'module':
      return mod.moduleCalls.has(first) ? undefined : `Reference to undeclared module "${first}".`;
    case 'data': {
      const name = step(1);
      return name === undefined || mod.dataByTypeName.get(first)?.has(name) ? undefined : `Reference to undeclared data source "data.${first}.${name}".`;
    }
    default:
      return undefined;
  }
}


/** A reference to a declaration the module lacks, by its root: a managed resource's (a root with "_", as the evaluator reads one) too. */
function undeclaredAnywhere(mod: ModuleSource, t: TraversalExpr): string | undefined {
  if (t.root === 'ephemeral') return undeclaredEphemeral(mod, t);
  if (NOT_RESOURCE_TYPES.has(t.root)) return undeclared(mod, t);
  return t.root.includes('_') ? undeclaredResource(mod, t) : undefined;
}

/**
 * `module.m.out` (`module.m[0].out`, `module.m["k"].out` of a call with count or for_each) where the
 * module m runs is loaded, declares outputs, and not this one: the evaluator's message for it.
 */
function missingOutput(mod: ModuleSource, t: TraversalExpr, called: CalledModule): string | undefined {
  if (t.root !== 'module') return undefined;
  const call = attrStep(t, 0);
  const decl = call === undefined ? undefined : mod.moduleCalls.get(call);
  if (call === undefined || decl === undefined) return undefined;
  const repeated = decl.node.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each');
  const at = repeated ? (t.steps[1]?.kind === 'index' ? 2 : undefined) : 1;
  const out = at === undefined ? undefined : attrStep(t, at);
  if (out === undefined) return undefined;
  const target = called(call);
  if (target === undefined || target.outputs.size === 0 || target.outputs.has(out)) return undefined;
  return `module.${call} has no output "${out}".`;
}

/**
 * `count.…` in a block that sets no count, `each.…` in one that sets no for_each: Terraform refuses
 * both before it evaluates anything ("Reference to "count" in non-counted context", checked against
 * terraform validate 1.11). For the blocks the evaluator does not expand: an ephemeral resource
 * (Terraform 1.10: count and for_each as a resource's) and a check's data source (neither). Its
 * arguments and nested blocks; the block's own count and for_each are Terraform's to judge.
 */
export function repetitionMisuse(block: Block): Undeclared {
  const sets = (name: string): boolean => block.body.attributes.some((a) => a.name === name);
  const out: { expr: TraversalExpr; message: string }[] = [];
  const visit = (expr: Expression): void => {
    for (const t of freeTraversals(expr)) {
      if (t.root === 'count' && !sets('count')) out.push({ expr: t, message: 'Reference to "count" in non-counted context: count.index can be used only in a block that sets count, so Terraform refuses it.' });
      else if (t.root === 'each' && !sets('for_each')) out.push({ expr: t, message: 'Reference to "each" in context without for_each: each.key and each.value can be used only in a block that sets for_each, so Terraform refuses it.' });
    }
  };
  const visitBody = (body: Body): void => {
    for (const attr of body.attributes) visit(attr.expr);
    for (const nested of body.blocks) visitBody(nested.body);
  };
  for (const attr of block.body.attributes) if (attr.name !== 'count' && attr.name !== 'for_each') visit(attr.expr);
  for (const nested of block.body.blocks) visitBody(nested.body);
  return out;
}

const provisionersFound = new WeakMap<Block, Undeclared>();

/**
 * What the provisioner and connection blocks of a resource with instances refer to that the module
 * does not declare, and `count.…` or `each.…` where the resource sets no count or for_each: the
 * evaluator never reads those blocks (they run at apply), and terraform validate 1.11.4 refuses them
 * ("Reference to undeclared local value" in a local-exec command, a connection's host; 'Reference to
 * "count" in non-counted context'). Once per block; a block with no instances is walked whole
 * (undeclaredReferences).
 */
export function provisionerReferences(mod: ModuleSource, block: Block): Undeclared {
  const cached = provisionersFound.get(block);
  if (cached !== undefined) return cached;
  let out: { expr: TraversalExpr; message: string }[] | undefined;
  const sets = (name: string): boolean => block.body.attributes.some((a) => a.name === name);
  const visitBody = (body: Body): void => {
    for (const attr of body.attributes) {
      for (const t of freeTraversals(attr.expr)) {
        let message = undeclaredAnywhere(mod, t);
        if (t.root === 'count' && !sets('count')) message = 'Reference to "count" in non-counted context: count.index can be used only in a block that sets count, so Terraform refuses it.';
        else if (t.root === 'each' && !sets('for_each')) message = 'Reference to "each" in context without for_each: each.key and each.value can be used only in a block that sets for_each, so Terraform refuses it.';
        if (message !== undefined) (out ??= []).push({ expr: t, message });
      }
    }
    for (const nested of body.blocks) if (nested.type === 'connection') visitBody(nested.body);
  };
  for (const nested of block.body.blocks) if (nested.type === 'provisioner' || nested.type === 'connection') visitBody(nested.body);
  const found = out ?? NONE;
  provisionersFound.set(block, found);
  return found;
}

/** Roots that are not resource types: what `undeclared` reads, and names Terraform gives itself. */
export const NOT_RESOURCE_TYPES: ReadonlySet<string> = new Set(['var', 'local', 'module', 'data', 'ephemeral', 'path', 'terraform', 'count', 'each', 'self']);

/**
 * `depends_on` and `replace_triggered_by` entries that name nothing declared in the module. Neither is
 * evaluated, so the evaluator never looks them up; Terraform refuses them before it plans. Once per
 * module, in source order.
 */
export function undeclaredDependencies(mod: ModuleSource): UndeclaredIn {
  const cached = dependencies.get(mod);
  if (cached !== undefined) return cached;
  const out: { file: string; expr: TraversalExpr; message: string; code?: string }[] = [];
  let file = '';
  const read = (attr: Attribute | undefined): void => {
    if (attr === undefined) return;
    forEachTraversal(attr.expr, (t) => {
      if (t.type !== 'traversal') return;
      const shape = attr.name === 'depends_on' ? dependsOnShape(t) : triggerShape(t);
      if (shape !== undefined) {
        out.push({ file, expr: t, message: shape, code: 'config/reference' });
        return;
      }
      const message = NOT_RESOURCE_TYPES.has(t.root) ? (t.root === 'ephemeral' ? undeclaredEphemeral(mod, t) : undeclared(mod, t)) : undeclaredResource(mod, t);
      if (message !== undefined) out.push({ file, expr: t, message });
    });
  };
  const readBlock = (block: Block): void => {
    const dependsOn = block.body.attributes.find((a) => a.name === 'depends_on');
    read(dependsOn);
    // A module call depending on itself closes a cycle through its own variables and outputs
    // (terraform validate 1.11.4: "Cycle: module.one.var.opt (expand), module.one (close), ..."),
    // where a resource's depends_on naming itself is accepted.
    if (block.type === 'module' && dependsOn !== undefined) {
      forEachTraversal(dependsOn.expr, (t) => {
        if (t.type === 'traversal' && t.root === 'module' && attrStep(t, 0) === block.labels[0]?.value) out.push({ file, expr: t, message: `Cycle: module "${attrStep(t, 0)}" depends on itself, so Terraform cannot order its variables and outputs and refuses the configuration.`, code: 'eval/cycle' });
      });
    }
    if (block.type === 'resource') for (const lifecycle of block.body.blocks) if (lifecycle.type === 'lifecycle') read(lifecycle.body.attributes.find((a) => a.name === 'replace_triggered_by'));
  };
  for (const f of mod.files) {
    file = f.path;
    for (const block of f.body.blocks) {
      if (DEPENDING.has(block.type)) readBlock(block);
      else if (block.type === 'check') for (const d of block.body.blocks) if (d.type === 'data') readBlock(d);
    }
  }
  dependencies.set(mod, out);
  return out;
}

/** Problems of references, each said at `expr`: the reference, or the declaration it names (a removed block's target still declared). */
type UndeclaredIn = readonly { readonly file: string; readonly expr: Range; readonly message: string; readonly code?: string }[];

/** How many attribute steps name a whole object under each root: `aws_s3_bucket.b`, `data.t.n` (a module output is a whole object to Terraform). */
function wholeObjectSteps(root: string): number | undefined {
  if (root === 'data' || root === 'ephemeral') return 2;
  return NOT_RESOURCE_TYPES.has(root) ? undefined : 1;
}

const targets = new WeakMap<ModuleSource, UndeclaredIn>();

/**
 * What an `import`, `removed` or `moved` block names, checked as Terraform plan 1.11 checks it: an import
 * into a resource the module does not declare ("Configuration for import target does not exist") or
 * into a data source, two imports into one address ("Duplicate import configuration", without
 * for_each); a removed block naming a resource or module still declared, or an instance
 * key; moved blocks as moveProblems says. Targets inside a module call (`module.m.aws_s3_bucket.b`) are left alone: the call's
 * module decides. Once per module.
 */
export function importAndRemovedProblems(mod: ModuleSource): UndeclaredIn {
  const cached = targets.get(mod);
  if (cached !== undefined) return cached;
  const out: { file: string; expr: Range; message: string; code?: string }[] = [];
  const moves: Move[] = [];
  const imports = new Map<string, string>();
  for (const f of mod.files) {
    for (const block of f.body.blocks) {
      if (block.type === 'moved') {
        const [from, to] = ['from', 'to'].map((n) => block.body.attributes.find((a) => a.name === n)?.expr);
        if (from?.type === 'traversal' && to?.type === 'traversal') moves.push({ file: f.path, from, to });
        continue;
      }
      if (block.type === 'import' && !block.body.attributes.some((a) => a.name === 'for_each')) {
        const to = block.body.attributes.find((a) => a.name === 'to')?.expr;
        if (to?.type === 'traversal') {
          const address = addressText(to);
          if (imports.has(address)) out.push({ file: f.path, expr: to, message: `Duplicate import configuration for "${address}": an import block for it is already declared (in ${imports.get(address)}), so Terraform refuses this one.`, code: 'config/reference' });
          else imports.set(address, f.path);
        }
      }
      if (block.type !== 'import' && block.type !== 'removed') continue;
      const attr = block.body.attributes.find((a) => a.name === (block.type === 'import' ? 'to' : 'from'));
      const t = attr?.expr.type === 'traversal' ? attr.expr : undefined;
      if (t === undefined) continue;
      const name = attrStep(t, 0);
      if (name === undefined) continue;
      const push = (message: string, code = 'config/reference'): void => void out.push({ file: f.path, expr: t, message, code });
      if (block.type === 'import') {
        if (t.root === 'data') push('Invalid import address: only managed resources can be imported, not a data source, so Terraform refuses it.');
        // terraform validate 1.11.4: 'Configuration for import target does not exist: The configuration for the given import target module.nope.terraform_data.x does not exist.'
        else if (t.root === 'module' && !mod.moduleCalls.has(name)) push(`Configuration for import target does not exist: the module declares no module call "${name}", so Terraform refuses the import.${didYouMean(name, mod.moduleCalls.keys(), 'module.')}`, 'eval/unknown-reference');
        else if (!NOT_RESOURCE_TYPES.has(t.root) && !mod.byTypeName.get(t.root)?.has(name)) {
          push(`Configuration for import target does not exist: the module declares no resource "${t.root}.${name}", so Terraform refuses the import.${resourceMeant(mod, t.root, name)}`, 'eval/unknown-reference');
        } else if (!NOT_RESOURCE_TYPES.has(t.root)) {
          const target = mod.byTypeName.get(t.root)!.get(name)!.node;
          const mismatch = importProviderMismatch(block, target);
          if (mismatch !== undefined) out.push({ file: f.path, ...mismatch, code: 'config/reference' });
          const expansion = importExpansionProblem(block, t, target);
          if (expansion !== undefined) push(expansion);
        }
        continue;
      }
      // terraform init 1.11.4: 'Data source address not allowed: Data sources are never destroyed, so they are not valid targets of removed blocks.'
      if (t.root === 'data') push('Data source address not allowed: a data source is never destroyed, so it is no target of a removed block, and Terraform refuses it; remove the data block alone.');
      else if (t.steps.some((s) => s.kind === 'index')) push('Resource instance keys not allowed: a removed block names a whole resource or module, never one of its instances, so Terraform refuses it.');
      else if (t.steps.length === 1) {
        // terraform plan 1.11.4 says it at the declaration (`resource "terraform_data" "a"`, `module
        // "m"`, to the end of the last label): 'Removed resource still exists: This statement declares
        // that terraform_data.a was removed, but it is still declared in configuration.'
        const declared = t.root === 'module' ? mod.moduleCalls.get(name) : NOT_RESOURCE_TYPES.has(t.root) ? undefined : mod.byTypeName.get(t.root)?.get(name);
        const what = t.root === 'module' ? `module "${name}"` : `${t.root}.${name}`;
        if (declared !== undefined) out.push({ file: declared.file, expr: declarationRange(declared), message: `Removed ${t.root === 'module' ? 'module' : 'resource'} still exists: a removed block (in ${f.path}) says ${what} was removed, but it is still declared here, so Terraform refuses the removed block.`, code: 'config/reference' });
      }
    }
  }
  out.push(...moveProblems(mod, moves));
  targets.set(mod, out);
  return out;
}

/** A block's declaration as Terraform's DeclRange: from its type to the end of its last label. */
function declarationRange({ node }: Declared<Block>): Range {
  return { start: node.start, end: node.labels.at(-1)?.end ?? node.typeRange.end };
}

/**
 * An import's `provider` is for generating the configuration of a resource not yet written: into a
 * resource the module declares, Terraform takes the resource's own provider, and refuses an import
 * provider that the resource does not name too (terraform init 1.11.4: "Invalid import provider
 * argument: The provider argument can only be specified in import blocks that will generate
 * configuration. Use the provider argument in the target resource block to configure the provider
 * for a resource with explicit provider configuration."), said at the import's provider.
 */
function importProviderMismatch(imp: Block, target: Block): { expr: TraversalExpr; message: string } | undefined {
  const given = imp.body.attributes.find((a) => a.name === 'provider')?.expr;
  if (given?.type !== 'traversal') return undefined;
  const own = target.body.attributes.find((a) => a.name === 'provider')?.expr;
  const [type, name] = target.labels.map((l) => l.value);
  const address = `${type}.${name}`;
  if (own === undefined) return { expr: given, message: `Invalid import provider argument: ${address} sets no provider, and an import's provider only serves to generate configuration, so Terraform refuses it; set provider in the resource block instead.` };
  if (own.type !== 'traversal') return undefined;
  const text = (t: TraversalExpr): string => [t.root, ...t.steps.map((s) => (s.kind === 'attr' ? s.name : String(s.key)))].join('.');
  if (text(own) === text(given)) return undefined;
  return { expr: given, message: `Invalid import provider argument: ${address} uses the provider ${text(own)}, not ${text(given)}, so Terraform refuses the import's provider; it must match the resource block's (or be left out).` };
}

/**
 * An import's `to` key against its resource's count or for_each, as terraform validate 1.11.4 checks
 * it (validateImportTargetExpansion: "Invalid import 'to' expression: The target resource is using
 * count." for `to = aws_x.y` when y has count, "does not use count." for `aws_x.y[0]` when it has
 * none, alike for for_each and a string key). A key written as an expression (`[each.key]`) is the
 * for_each's to give: left alone.
 */
function importExpansionProblem(imp: Block, to: TraversalExpr, target: Block): string | undefined {
  // An import with for_each gives its keys by evaluation (import-blocks.ts checks them per instance).
  if (imp.body.attributes.some((a) => a.name === 'for_each')) return undefined;
  const key = to.steps[1];
  if (key !== undefined && (key.kind !== 'index' || to.steps.length !== 2)) return undefined;
  return importKeyMismatch(target, `${to.root}.${attrStep(to, 0) ?? ''}`, key?.key);
}

/**
 * A key an import names (undefined: none) against the count or for_each of its target resource
 * `target` (`type.name` is `address`), as validateImportTargetExpansion checks it.
 */
export function importKeyMismatch(target: Block, address: string, key: string | number | undefined): string | undefined {
  const count = target.body.attributes.some((a) => a.name === 'count');
  const forEach = target.body.attributes.some((a) => a.name === 'for_each');
  if (key === undefined) {
    if (forEach) return `Invalid import 'to' expression: ${address} is using for_each, so the import must name one of its instances (${address}["key"]); Terraform refuses the whole resource.`;
    if (count) return `Invalid import 'to' expression: ${address} is using count, so the import must name one of its instances (${address}[0]); Terraform refuses the whole resource.`;
    return undefined;
  }
  if (typeof key === 'string' && !forEach) return `Invalid import 'to' expression: ${address} does not use for_each, so Terraform refuses the key ${JSON.stringify(key)}.`;
  if (typeof key === 'number' && !count) return `Invalid import 'to' expression: ${address} does not use count, so Terraform refuses the key ${key}.`;
  return undefined;
}

interface Move {
  readonly file: string;
  readonly from: TraversalExpr;
  readonly to: TraversalExpr;
}

/** An address as Terraform prints it: aws_s3_bucket.b["k"], module.m[0].aws_s3_bucket.b. */
function addressText(t: TraversalExpr): string {
  return t.root + t.steps.map((s) => (s.kind === 'attr' ? `.${s.name}` : `[${typeof s.key === 'number' ? s.key : JSON.stringify(s.key)}]`)).join('');
}

/**
 * What a move endpoint names, as Terraform unifies the two of one statement (addrs.UnifyMoveEndpoints):
 * a whole resource ('resource') or module call ('call') when neither address has a key on its last
 * step, else an instance ('instance', 'module-instance'); `aws_s3_bucket.b` moved to
 * `aws_s3_bucket.b[0]` is the instance without a key, which a resource with count or for_each does
 * not have. Undefined for a pair that is neither two resources nor two modules (init refuses it).
 */
type MoveKind = 'resource' | 'instance' | 'call' | 'module-instance';

function moveKind(from: TraversalExpr, to: TraversalExpr): MoveKind | undefined {
  const [a, b] = [endpointShape(from), endpointShape(to)];
  if (a === undefined || b === undefined || a.resource !== b.resource) return undefined;
  const keyed = a.keyed || b.keyed;
  return a.resource ? (keyed ? 'instance' : 'resource') : keyed ? 'module-instance' : 'call';
}

/** Whether an endpoint names a resource (else a module) and has a key on its last step. */
function endpointShape(t: TraversalExpr): { readonly resource: boolean; readonly keyed: boolean } | undefined {
  const names = [t.root, ...t.steps.filter((s) => s.kind === 'attr').map((s) => (s as { name: string }).name)];
  let i = 0;
  while (names[i] === 'module' && i + 1 < names.length) i += 2;
  const rest = names.length - i;
  if (rest !== 0 && rest !== 2) return undefined;
  const last = t.steps[t.steps.length - 1];
  return { resource: rest === 2, keyed: last?.kind === 'index' };
}

/**
 * moved blocks as terraform plan 1.11.4 validates them (refactoring.ValidateMoves), with each
 * statement's addresses unified as Terraform unifies them (moveKind): a move to the same address
 * ("Redundant move statement"), from a resource or module call still declared ("Moved object still
 * exists", even with count = 0), or from the instance without a key of one declared without count
 * and for_each (`aws_s3_bucket.a` to `aws_s3_bucket.b[0]`; with count on `a`, that instance is not
 * there: the usual move when adding count, `a` to `a[0]`, is planned), two moves of one address, or
 * into one, of the same kind ("Ambiguous move statements": `x` to `a` and `x` to `b[0]` are a
 * resource and an instance, planned), and statements chained into a cycle ("Cyclic dependency in
 * move statements": `x` to `y` and `y` to `x`). Instance addresses with a key (aws_s3_bucket.b[0])
 * depend on the instances there are, and addresses inside a module call on that module: only their
 * text is compared.
 */
function moveProblems(mod: ModuleSource, moves: readonly Move[]): { file: string; expr: TraversalExpr; message: string; code: string }[] {
  const out: { file: string; expr: TraversalExpr; message: string; code: string }[] = [];
  const byFrom = new Map<string, string>();
  const byTo = new Map<string, string>();
  const chained: { readonly move: Move; readonly from: string; readonly to: string }[] = [];
  for (const move of moves) {
    const { file, from, to } = move;
    const kind = moveKind(from, to);
    if (kind === undefined) continue; // init refuses the pair ("Invalid "moved" addresses"): config-structure.ts
    const [a, b] = [addressText(from), addressText(to)];
    const push = (message: string): void => void out.push({ file, expr: from, message, code: 'config/reference' });
    if (a === b) {
      push(`Redundant move statement: this moves ${a} to the same address, which is the same as not declaring the move, so Terraform refuses it.`);
      continue;
    }
    chained.push({ move, from: `${kind} ${a}`, to: `${kind} ${b}` });
    if (stillDeclared(mod, from, kind)) push(`Moved object still exists: this moves ${a} to ${b}, but ${a} is still declared, so Terraform refuses the move.`);
    const earlierTo = byFrom.get(`${kind} ${a}`);
    if (earlierTo !== undefined && earlierTo !== b) push(`Ambiguous move statements: another moved block already moves ${a} to ${earlierTo}, so Terraform refuses this move to ${b}: an object moves to one place only.`);
    else if (earlierTo === undefined) byFrom.set(`${kind} ${a}`, b);
    const earlierFrom = byTo.get(`${kind} ${b}`);
    if (earlierFrom !== undefined && earlierFrom !== a) push(`Ambiguous move statements: another moved block already moves ${earlierFrom} to ${b}, so Terraform refuses this move of ${a} there: an object comes from one place only.`);
    else if (earlierFrom === undefined) byTo.set(`${kind} ${b}`, a);
  }
  for (const cycle of moveCycles(chained)) {
    const first = cycle[0]!;
    const members = cycle.map((c) => `${addressText(c.move.from)} → ${addressText(c.move.to)}`).join(', ');
    out.push({ file: first.move.file, expr: first.move.from, message: `Cyclic dependency in move statements: ${members} form a cycle, so there is no final address to move objects to, and Terraform refuses them.`, code: 'config/reference' });
  }
  return out;
}

/**
 * Whether a move's `from` is still declared in this module, as Terraform's plan finds it: a resource
 * or module call whatever its count, the instance without a key only where there is neither count
 * nor for_each. An instance with a key, or an address inside a module call, is left alone.
 */
function stillDeclared(mod: ModuleSource, from: TraversalExpr, kind: MoveKind): boolean {
  const name = from.steps.length === 1 && from.steps[0]!.kind === 'attr' ? from.steps[0]!.name : undefined;
  if (name === undefined) return false;
  const block = from.root === 'module' ? mod.moduleCalls.get(name)?.node : NOT_RESOURCE_TYPES.has(from.root) ? undefined : mod.byTypeName.get(from.root)?.get(name)?.node;
  if (block === undefined) return false;
  if (kind === 'resource' || kind === 'call') return true;
  return !block.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each');
}

/**
 * Cycles of statements each moving what another moves on (one's `to` is another's `from`, the same
 * kind and address: refactoring's chaining rule), each cycle once, its statements in file order
 * from the first. Terraform's graph joins more (nesting in module calls); those are left alone.
 */
function moveCycles<T extends { readonly from: string; readonly to: string }>(moves: readonly T[]): T[][] {
  const byFrom = new Map<string, number[]>();
  moves.forEach((m, i) => {
    const list = byFrom.get(m.from);
    if (list === undefined) byFrom.set(m.from, [i]);
    else list.push(i);
  });
  const cycles: T[][] = [];
  const seen = new Set<number>();
  // Statements are few (tens at most): a walk from each, along the one-next chains, finds each cycle.
  for (let start = 0; start < moves.length; start++) {
    if (seen.has(start)) continue;
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let at: number | undefined = start;
    while (at !== undefined && !onPath.has(at) && !seen.has(at)) {
      onPath.set(at, path.length);
      path.push(at);
      const next: number[] = byFrom.get(moves[at]!.to) ?? [];
      at = next.length === 1 ? next[0] : undefined;
    }
    if (at !== undefined && onPath.has(at)) cycles.push(path.slice(onPath.get(at)).sort((x, y) => x - y).map((i) => moves[i]!));
    for (const i of path) seen.add(i);
  }
  return cycles;
}

/** A depends_on entry that reads an attribute of an object: Terraform refuses it ("Invalid depends_on reference"). */
function dependsOnShape(t: TraversalExpr): string | undefined {
  const whole = wholeObjectSteps(t.root);
  if (whole === undefined || !t.steps.slice(whole).some((s) => s.kind === 'attr')) return undefined;
  return 'Invalid depends_on reference: an entry must name a whole resource or data source, not one of its attributes, so Terraform refuses it.';
}

/** replace_triggered_by reads managed resources only (with count.index or each.key as keys): Terraform refuses the rest. */
function triggerShape(t: TraversalExpr): string | undefined {
  if (t.root === 'count' || t.root === 'each' || !NOT_RESOURCE_TYPES.has(t.root)) return undefined;
  return `Invalid replace_triggered_by reference: only managed resources (with count.index or each.key) may be named there, not ${t.root === 'self' ? 'self' : `${t.root}.…`}, so Terraform refuses it.`;
}

/** Blocks with a depends_on (a check's own data sources included). */
const DEPENDING = new Set(['resource', 'data', 'ephemeral', 'module', 'output']);

const dependencies = new WeakMap<ModuleSource, UndeclaredIn>();

function attrStep(expr: TraversalExpr, i: number): string | undefined {
  const s = expr.steps[i];
  return s?.kind === 'attr' ? s.name : undefined;
}

function undeclaredResource(mod: ModuleSource, expr: TraversalExpr): string | undefined {
  const name = attrStep(expr, 0);
  return name === undefined || mod.byTypeName.get(expr.root)?.has(name) ? undefined : `Reference to undeclared resource "${expr.root}.${name}".${resourceMeant(mod, expr.root, name)}`;
}

function undeclaredEphemeral(mod: ModuleSource, expr: TraversalExpr): string | undefined {
  const [type, name] = [attrStep(expr, 0), attrStep(expr, 1)];
  return type === undefined || name === undefined || mod.ephemeralByTypeName.get(type)?.has(name) ? undefined : `Reference to undeclared ephemeral resource "ephemeral.${type}.${name}".`;
}

/** " Did you mean "var.region"?" when a declared name is one typo away, else nothing. */
export function didYouMean(name: string, declared: Iterable<string>, prefix = ''): string {
  const near = nearestName(name, declared);
  return near !== undefined ? ` Did you mean "${prefix}${near}"?` : '';
}

/** The declared resource a misspelt `type.name` was most likely meant to be: a name of that type, or the type with that name. */
export function resourceMeant(mod: ModuleSource, type: string, name: string): string {
  const names = mod.byTypeName.get(type);
  if (names !== undefined) return didYouMean(name, names.keys(), `${type}.`);
  const types = [...mod.byTypeName].filter(([, n]) => n.has(name)).map(([t]) => t);
  const near = nearestName(type, types);
  return near !== undefined ? ` Did you mean "${near}.${name}"?` : '';
}

/**
 * Calls of a provider's function (`provider::aws::arn_parse`) whose provider the module does not
 * name in required_providers: terraform validate 1.11.4 refuses them ("Unknown provider function:
 * Ensure that provider name "aws" is declared in this module's required_providers block"), even for
 * the built-in `provider::terraform::…` functions. Once per module, in source order per file.
 */
export function undeclaredProviderFunctions(mod: ModuleSource): readonly { readonly file: string; readonly call: FunctionCallExpr; readonly message: string }[] {
  const cached = providerFunctions.get(mod);
  if (cached !== undefined) return cached;
  const required = new Set<string>();
  for (const t of mod.terraform) for (const b of t.node.body.blocks) if (b.type === 'required_providers') for (const a of b.body.attributes) required.add(a.name);
  const out: { file: string; call: FunctionCallExpr; message: string }[] = [];
  for (const f of mod.files) {
    if (!f.text.includes('provider::')) continue;
    const calls: FunctionCallExpr[] = [];
    const work: unknown[] = [f.body];
    while (work.length > 0) {
      const node = work.pop();
      if (node === null || typeof node !== 'object') continue;
      if ((node as { type?: unknown }).type === 'call' && (node as FunctionCallExpr).name.startsWith('provider::')) calls.push(node as FunctionCallExpr);
      for (const v of Object.values(node)) if (v !== null && typeof v === 'object') work.push(v);
    }
    calls.sort((a, b) => a.start - b.start);
    for (const call of calls) {
      const provider = call.name.split('::')[1] ?? '';
      if (!required.has(provider)) out.push({ file: f.path, call, message: `Unknown provider function: ${call.name}() belongs to the provider "${provider}", which this module does not declare in its required_providers block, so Terraform refuses the call.` });
    }
  }
  providerFunctions.set(mod, out);
  return out;
}

const providerFunctions = new WeakMap<ModuleSource, readonly { readonly file: string; readonly call: FunctionCallExpr; readonly message: string }[]>();

/**
 * Undeclared references in variables' validation error messages: terraform validate 1.11.4 refuses
 * `error_message = "bad ${local.nope}"` ("Reference to undeclared local value") though the condition
 * holds and the message is never shown. The condition is evaluated with the variable (instance.ts);
 * the message is not. Once per module, for the loader to report.
 */
export function undeclaredInValidationMessages(mod: ModuleSource): { readonly file: string; readonly expr: TraversalExpr; readonly message: string; readonly code: string }[] {
  const out: { file: string; expr: TraversalExpr; message: string; code: string }[] = [];
  for (const { file, node } of mod.variables.values()) {
    for (const v of node.body.blocks) {
      const message = v.type === 'validation' ? v.body.attributes.find((x) => x.name === 'error_message') : undefined;
      if (message === undefined) continue;
      for (const u of undeclaredUnderExpression(mod, message.expr)) out.push({ file, expr: u.expr, message: `The validation error message of var.${node.labels[0]?.value ?? ''}: ${u.message}`, code: 'eval/unknown-reference' });
    }
  }
  return out;
}
