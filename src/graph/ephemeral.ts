// Which expressions read an ephemeral value (Terraform 1.10+): an ephemeral resource, a variable
// declared `ephemeral = true`, `terraform.applying`, or a called module's output declared
// `ephemeral = true`, directly or through locals. Terraform marks such values ephemeral as it marks
// secrets sensitive; ephemeralasnull() turns them into null, and that null is what a resource
// argument then holds (and what state keeps). The evaluator tracks no ephemeral mark, so the call
// asks this, syntactically, of its argument.
import type { Expression, ObjectExpr, TemplatePart, TraversalExpr, TraversalStep } from '../parsers/hcl/ast.js';
import { moduleOutputAt, moduleOutputStepAt, outputNameAt, outputShape, repetitionOf, variableShape } from './declarations.js';
import { literalString, objectItemKey, type ModuleSource } from './load.js';
import { freeTraversals } from './traversals.js';

/** Where an expression is read: its module, and the modules its calls run (for `module.<call>.<output>`). */
export interface EphemeralScope {
  readonly mod: ModuleSource;
  /** The module `module.<name>` runs; undefined when the scan does not have it (a remote module not downloaded). */
  called(name: string): ModuleSource | undefined;
  /**
   * Whether `module.<name>` surely has no instance (count = 0, for_each = {}): it is then an empty
   * tuple or object, with no ephemeral part (terraform plan 1.11.4 accepts `value = module.c` and
   * `value = [for m in module.c : m.eph]` so). False when unsure.
   */
  noInstances?(name: string): boolean;
  /**
   * A collection not written out (`var.names`, a local a function computes), written out from its
   * value (written-out.ts) when the evaluation knows it whole; undefined otherwise.
   */
  knownCollection?(collection: Expression): Expression | undefined;
  /**
   * A collection that reads `each` or `count` of the block being read (`each.value`,
   * `range(count.index)`), written out from its value in each of the block's instances whose value
   * the evaluation knows; undefined where the block makes no known instances (no count or for_each).
   */
  instanceCollections?(collection: Expression): readonly Expression[] | undefined;
}

/**
 * Whether a traversal reads an ephemeral value: 'yes', 'no', or 'local' for `local.<name>` (the
 * caller follows it). A called module's output is read by name (`module.db.token`,
 * `module.db["a"].token`, `module.db.a.token` of a call with for_each; `module.db["token"]` of one
 * without count or for_each, `module.db.a["token"]` of one with for_each); a whole module call (`module.db`, or `module.db[each.key].token`, whose
 * traversal stops at the computed key) is 'no', as which of its outputs is read is not known here
 * (terraform plan 1.11.4 accepts `module.db[each.key].plain` beside an ephemeral output).
 */
function sourceKind(scope: EphemeralScope, root: string, steps: readonly TraversalStep[]): 'yes' | 'no' | 'local' {
  if (root === 'ephemeral') return 'yes';
  const first = steps[0];
  if (first?.kind !== 'attr') return 'no';
  if (root === 'var') {
    const declared = scope.mod.variables.get(first.name);
    return declared !== undefined && variableShape(declared.node).ephemeral ? 'yes' : 'no';
  }
  // Terraform 1.10: "terraform.applying" is true during apply, and ephemeral so that it is never persisted.
  if (root === 'terraform') return first.name === 'applying' ? 'yes' : 'no';
  if (root === 'local') return 'local';
  if (root !== 'module') return 'no';
  const outputs = ephemeralOutputs(scope.called(first.name));
  if (outputs.size === 0) return 'no';
  const at = moduleOutputStepAt(scope.mod, steps);
  const output = at === undefined ? undefined : outputNameAt(steps, at);
  return output !== undefined && outputs.has(output) ? 'yes' : 'no';
}

export function readsEphemeral(scope: EphemeralScope, expr: Expression, seenLocals: Set<string> = new Set()): boolean {
  if (!declaresEphemeral(scope)) return false;
  for (const t of freeTraversals(expr)) {
    const kind = sourceKind(scope, t.root, t.steps);
    if (kind === 'yes') return true;
    const name = kind === 'local' ? (t.steps[0] as { name: string }).name : undefined;
    if (name === undefined || seenLocals.has(name)) continue;
    seenLocals.add(name);
    const local = scope.mod.locals.get(name);
    if (local !== undefined && readsEphemeral(scope, local.node.expr, seenLocals)) return true;
  }
  return false;
}

const ephemeralOutputsOf = new WeakMap<ModuleSource, ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();

/** The outputs a module declares `ephemeral = true`: Terraform marks them ephemeral, and refuses any other output an ephemeral value. */
function ephemeralOutputs(mod: ModuleSource | undefined): ReadonlySet<string> {
  if (mod === undefined) return NONE;
  let names = ephemeralOutputsOf.get(mod);
  if (names === undefined) {
    names = new Set([...mod.outputs].filter(([, decl]) => outputShape(decl.node).ephemeral).map(([name]) => name));
    ephemeralOutputsOf.set(mod, names);
  }
  return names;
}

const declaring = new WeakMap<ModuleSource, boolean>();

/**
 * Does the module declare (or call a module that returns) anything readsEphemeral follows? Once per
 * module: an instance's calls run the modules every other instance's do.
 */
export function declaresEphemeral(scope: EphemeralScope): boolean {
  const { mod } = scope;
  let declares = declaring.get(mod);
  if (declares === undefined) {
    declares =
      mod.ephemeralByTypeName.size > 0 ||
      [...mod.variables.values()].some((v) => variableShape(v.node).ephemeral) ||
      // Found in the text, not by walking every expression: a mention elsewhere (a comment) only costs a walk.
      mod.files.some((f) => f.text.includes('applying')) ||
      [...mod.moduleCalls.keys()].some((name) => ephemeralOutputs(scope.called(name)).size > 0);
    declaring.set(mod, declares);
  }
  return declares;
}

/**
 * Whether an expression surely gives an ephemeral value, in part or whole: asked where Terraform
 * refuses one anywhere in a value (a stored argument, an output not declared ephemeral, a module
 * variable not declared ephemeral), so it answers no where unsure.
 */
export function surelyEphemeral(scope: EphemeralScope, expr: Expression, iterators: EphemeralIterators = NO_BINDINGS): boolean {
  return mayRead(scope, expr, iterators) && new Marks(scope).of(expr, iterators) !== 'none';
}

/**
 * Whether an expression surely gives a value that is itself ephemeral, not only one with an
 * ephemeral part: what Terraform refuses in count and for_each ("Invalid count argument ... derived
 * from an ephemeral value"), which it checks on the whole value. terraform plan 1.11.4 accepts
 * `for_each = { a = var.pw }` and `count = length([var.pw])` (only an element is ephemeral), and
 * refuses `for_each = toset([var.pw])` (a set's elements mark the set) and `count = length(var.list)`.
 */
export function surelyEphemeralWhole(scope: EphemeralScope, expr: Expression, iterators: EphemeralIterators = NO_BINDINGS): boolean {
  return mayRead(scope, expr, iterators) && new Marks(scope).of(expr, iterators) === 'whole';
}

/**
 * How surely ephemeral ephemeralasnull()'s argument is: 'whole' gives null, 'part' a value whose
 * ephemeral parts only are null, 'none' not surely either.
 */
export function ephemeralMark(scope: EphemeralScope, expr: Expression, forElements?: () => readonly { name: string; collection: Expression }[]): Mark {
  if (mayReadEphemeral(scope, expr)) return new Marks(scope).of(expr);
  if (forElements === undefined || !declaresEphemeral(scope)) return 'none';
  const marks = new Marks(scope);
  const bound = instanceBindings(marks, forElements);
  return bound.size > 0 && mayRead(scope, expr, bound) ? marks.of(expr, bound) : 'none';
}

/** Where for-elements are listed for ephemeralasnull(): each name a `for` binds, with its collection. */
type ForElements = () => readonly { name: string; collection: Expression }[];

/**
 * The names a `for` binds to an instance of a call (`m` of `for m in module.c`): every instance
 * declares the same outputs, so `m.eph` is ephemeral in each. Other `for` names are not followed
 * here: their collection's elements may differ ([for x in [var.pw, "a"] : ...]).
 */
function instanceBindings(marks: Marks, forElements: ForElements): Bindings {
  const bound = new Map<string, Binding>();
  for (const { name, collection } of forElements()) {
    const called = marks.instancesOf(collection, NO_BINDINGS, 'many');
    if (called !== undefined) bound.set(name, { instanceOf: called });
  }
  return bound;
}

/**
 * Where ephemeralasnull()'s argument holds a called module's ephemeral outputs, when it is one
 * instance of a call (module.s, module.c["a"], module.c[each.key], `m` of `for m in module.c`: its
 * `outputs` declared ephemeral become null, the others stay as they are), a collection of them
 * (module.c with count or for_each, module.d[*], values(module.c): `each` instance so), or a splat
 * of an ephemeral output (module.d[*].eph: `each` element is null). terraform plan 1.11.4 stores
 * `ephemeralasnull(module.c)` as { a = { eph = null, plain = "x" }, ... } and
 * `ephemeralasnull(module.d[*].eph)` as [null, null].
 */
export type EphemeralParts = { readonly outputs: ReadonlySet<string> } | { readonly each: EphemeralParts | 'whole' };

export interface EphemeralPartsOf {
  readonly parts: EphemeralParts;
  /** The module call whose instances they are, and their outputs that stay as they are (none of a splat of an output). */
  readonly call: string;
  readonly kept: readonly string[];
}

export function ephemeralPartsOf(scope: EphemeralScope, expr: Expression, forElements?: ForElements): EphemeralPartsOf | undefined {
  if (!declaresEphemeral(scope)) return undefined;
  const marks = new Marks(scope);
  const bound = forElements === undefined ? NO_BINDINGS : instanceBindings(marks, forElements);
  const found = marks.descendFrom(expr, bound);
  const e = found.e;
  if (e.type === 'splat' && e.each.type === 'relativeTraversal' && e.each.source.type === 'anonSymbol') {
    // module.d[*].eph: of a tuple of instances (or of the one instance a call without count or for_each is).
    const at = marks.instancesAt(e.source, found.bound);
    return at !== undefined && at.shape !== 'map' && marks.outputRead(at.call, e.each.steps) === 'whole' ? { parts: { each: 'whole' }, call: at.call, kept: [] } : undefined;
  }
  const at = marks.instancesAt(e, found.bound);
  if (at === undefined) return undefined;
  const outputs = ephemeralOutputs(scope.called(at.call));
  const kept = [...(scope.called(at.call)?.outputs.keys() ?? [])].filter((name) => !outputs.has(name));
  return { parts: at.shape === 'one' ? { outputs } : { each: { outputs } }, call: at.call, kept };
}

/**
 * What a name bound in an expression stands for: an instance of a called module (`for k, m in
 * module.c : m.eph`), or an element of a collection (`each` of a block's for_each, a `dynamic`
 * block's iterator, whose `.value` it is; `direct`: a `for` value, which is the element itself),
 * read in the bindings where the collection is written.
 */
type Binding = { readonly instanceOf: string } | ElementBinding;
interface ElementBinding {
  readonly elementOf: Expression;
  readonly outer: Bindings;
  readonly direct?: true;
}
type Bindings = ReadonlyMap<string, Binding>;

/** The iterators an argument may read: `each`, and the iterators of the `dynamic` blocks it is in. */
export type EphemeralIterators = Bindings;

/** `outer` and `name`, an iterator over the elements of `collection` (which reads `outer`). */
export function withIterator(outer: EphemeralIterators | undefined, name: string, collection: Expression): EphemeralIterators {
  return new Map([...(outer ?? NO_BINDINGS), [name, { elementOf: collection, outer: outer ?? NO_BINDINGS }]]);
}

/** The cheap question: does the expression name anything ephemeral, or an iterator (whose collection may hold some)? */
function mayRead(scope: EphemeralScope, expr: Expression, iterators: EphemeralIterators): boolean {
  if (mayReadEphemeral(scope, expr)) return true;
  return iterators.size > 0 && declaresEphemeral(scope) && freeTraversals(expr).some((t) => iterators.has(t.root));
}

/** The cheap question first: does the expression name anything ephemeral at all (through locals too)? */
function mayReadEphemeral(scope: EphemeralScope, expr: Expression, seenLocals?: Set<string>): boolean {
  // Most modules declare nothing ephemeral, and then no walk of the expression is needed (nor a set).
  if (!declaresEphemeral(scope)) return false;
  seenLocals ??= new Set();
  for (const t of freeTraversals(expr)) {
    const first = t.steps[0];
    // A called module returning an ephemeral output, read whole or by any key (module.c[each.key].eph).
    if (t.root === 'module' && first?.kind === 'attr' && ephemeralOutputs(scope.called(first.name)).size > 0) return true;
    const kind = sourceKind(scope, t.root, t.steps);
    if (kind === 'yes') return true;
    const name = kind === 'local' ? (t.steps[0] as { name: string }).name : undefined;
    if (name === undefined || seenLocals.has(name)) continue;
    seenLocals.add(name);
    const local = scope.mod.locals.get(name);
    if (local !== undefined && mayReadEphemeral(scope, local.node.expr, seenLocals)) return true;
  }
  return false;
}

/**
 * How surely a value is ephemeral: 'whole' (the value itself is marked, as is anything computed from
 * it), 'part' (an element or attribute is: `[var.pw]`, `{ a = var.pw }`, a whole module call with an
 * ephemeral output), or 'none' (not, or not surely). Terraform marks values as cty does: operators,
 * templates and most functions mark their result with their operands' marks.
 */
type Mark = 'whole' | 'part' | 'none';

/** Calls whose result does not keep the ephemeral mark of their argument (a plain null, a plain bool). */
const MARK_DROPPING = new Set(['ephemeralasnull', 'can', 'issensitive']);

/**
 * Functions whose result is marked by any mark inside their arguments (cty unmarks them deeply and
 * marks the result): terraform validate or plan 1.11.4 refuses `count = length(compact([var.pw]))`,
 * `for_each = toset([var.pw])`, `count = contains(["x"], var.pw) ? 1 : 0`, and alike for each of these.
 */
const MARKS_FROM_PARTS = new Set([
  'toset', 'compact', 'distinct', 'setunion', 'setintersection', 'contains', 'sum', 'jsonencode', 'jsondecode', 'format', 'formatlist', 'coalesce', 'coalescelist',
  'max', 'min', 'sort', 'join', 'split', 'upper', 'lower', 'replace', 'trimspace', 'substr', 'range', 'tonumber', 'floor', 'ceil', 'startswith', 'endswith', 'strcontains', 'regexall', 'index',
]);

/**
 * Functions that give one part of their first argument (or their first argument whole): the mark of
 * what they pick where it is written out (Marks.picked), else marked when that argument is, unsure
 * otherwise (plan 1.11.4 accepts `count = lookup({ a = 1 }, "a", var.n)`,
 * `count = try(1, var.n)` and `count = element([1, var.n], 0)`; refuses `count = try(var.n, 1)`;
 * validate accepts `input = slice([var.pw, "x"], 1, 2)`).
 */
const PICKS_FROM_FIRST = new Set(['lookup', 'element', 'one', 'try', 'slice']);

/** Functions whose result holds nothing of their arguments' parts: `keys({ a = var.pw })` is plain (plan accepts it in for_each), as is `length([var.pw])`. */
const DROPS_PARTS = new Set(['keys', 'length']);

/** Nesting past this depth is not followed (unsure): a chain of 100 000 `+` is one deep tree the parser accepts. */
const MAX_DEPTH = 200;

/** One question's walk: the locals it has followed (a cycle is unsure; Terraform refuses one anyway). */
class Marks {
  private readonly following = new Set<string>();

  constructor(private readonly scope: EphemeralScope) {}

  /** `bound`: names a `for` binds to an instance of a called module, and iterators (Binding). */
  of(e: Expression, bound: Bindings = NO_BINDINGS, depth = 0): Mark {
    if (depth > MAX_DEPTH) return 'none';
    const d = depth + 1;
    switch (e.type) {
      case 'traversal':
        return this.traversal(e.root, e.steps, bound, d);
      case 'relativeTraversal': {
        const called = this.instancesOf(e.source, bound, 'one');
        if (called !== undefined) return this.outputRead(called, e.steps);
        // { a = var.pw, b = "x" }["a"] (validate 1.11.4 refuses it in a stored argument, takes ["b"]).
        return this.at(e.source, bound, e.steps, d);
      }
      case 'index': {
        if (this.instancesOf(e.collection, bound, 'one') !== undefined) return 'part';
        // module.c[each.key]: an instance, holding the ephemeral outputs (plan 1.11.4 refuses `input = module.c[each.key]`).
        const shape = this.instancesAt(e.collection, bound)?.shape;
        if (shape === 'list' || shape === 'map') return 'part';
        return this.of(e.collection, bound, d) === 'whole' ? 'whole' : 'none';
      }
      case 'splat': {
        const called = this.instancesOf(e.source, bound, 'many');
        if (called !== undefined && e.each.type === 'relativeTraversal' && e.each.source.type === 'anonSymbol') {
          // module.c[*].eph: a tuple of ephemeral values.
          return this.outputRead(called, e.each.steps) === 'none' ? 'none' : 'part';
        }
        // A bare splat holds its source whole (a tuple as it is, anything else in a tuple of one): plan
        // 1.11.4 refuses `input = module.d[*]` and `input = module.s[*]` as it refuses `module.d`.
        if (e.each.type === 'anonSymbol') return this.of(e.source, bound, d);
        return this.of(e.source, bound, d) === 'whole' ? 'whole' : 'none';
      }
      case 'template':
        return this.template(e.parts, bound, d);
      case 'parens':
        return this.of(e.expr, bound, d);
      case 'unary':
        return this.of(e.operand, bound, d) === 'whole' ? 'whole' : 'none';
      case 'binary':
        return this.binary(e, bound, d);
      case 'conditional': {
        // Both branches' marks (terraform validate 1.11.4 refuses `count = false ? var.n : 1`), and the condition's.
        if (this.of(e.cond, bound, d) === 'whole') return 'whole';
        return strongest(this.of(e.then, bound, d), this.of(e.else, bound, d));
      }
      case 'tuple':
        return e.items.some((i) => this.of(i, bound, d) !== 'none') ? 'part' : 'none';
      case 'object':
        return e.items.some((i) => this.of(i.value, bound, d) !== 'none') ? 'part' : 'none';
      case 'for':
        return this.forExpr(e, bound, d);
      case 'call':
        return e.name === 'merge' ? this.merge(e.args, e.expandFinal, bound, d) : this.call(e.name, e.args, bound, d);
      default:
        return 'none';
    }
  }

  private traversal(root: string, steps: readonly TraversalStep[], bound: Bindings, depth: number): Mark {
    const first = steps[0];
    const binding = bound.get(root);
    if (binding !== undefined) {
      if ('instanceOf' in binding) return steps.length === 0 ? 'part' : this.outputRead(binding.instanceOf, steps);
      // `each.value`, `ingress.value.desc`: a part of an element. The key (a map's key, a list's
      // index) is not ephemeral where Terraform takes the collection at all.
      return this.elementRead(binding, steps, depth);
    }
    if (root === 'module' && first?.kind === 'attr') {
      if (ephemeralOutputs(this.scope.called(first.name)).size === 0) return 'none';
      // module.c, module.c["a"] or module.c.a: an object holding the ephemeral output (plan 1.11.4
      // refuses `value = module.c`). Of a call without count or for_each, module.db["eph"] is its
      // output eph (plan 1.11.4 refuses `input = module.db["eph"]`, takes `module.db["plain"]`).
      const at = moduleOutputStepAt(this.scope.mod, steps);
      // module.k.a of a call with count: an error, said by the evaluation.
      if (at === undefined || (steps.length === 1 && this.scope.noInstances?.(first.name) === true)) return 'none';
      const rest = steps.slice(at);
      return rest.length === 0 ? 'part' : this.outputRead(first.name, rest);
    }
    const kind = sourceKind(this.scope, root, steps);
    if (kind === 'yes') return 'whole';
    if (kind === 'no' || first?.kind !== 'attr' || this.following.has(first.name)) return 'none';
    const local = this.scope.mod.locals.get(first.name);
    if (local === undefined) return 'none';
    this.following.add(first.name);
    // A part of a local is read where the local writes it out (local.m.a of { a = var.pw }).
    const mark = this.at(local.node.expr, NO_BINDINGS, steps.slice(1), depth);
    this.following.delete(first.name);
    return mark;
  }

  /**
   * The mark of what `steps` read of `e`: found where an object or tuple constructor (or a local
   * holding one) writes it; past that, any part of a wholly ephemeral value is, and of another unsure.
   */
  private at(e: Expression, bound: Bindings, steps: readonly TraversalStep[], depth: number): Mark {
    const found = this.descend(e, bound, steps);
    // An iterator's element read further (`filter.value.prefix` with `for_each = [rule.value]`).
    const binding = found.e.type === 'traversal' && found.rest.length > 0 ? found.bound.get(found.e.root) : undefined;
    if (binding !== undefined && 'elementOf' in binding) return this.elementRead(binding, [...(found.e as Expression & { type: 'traversal' }).steps, ...found.rest], depth + 1);
    // A called module read further (local.all["a"] of all = module.c): as module.c["a"] is read.
    const call = asModuleRead(found);
    if (call !== undefined) return this.traversal('module', call.steps, found.bound, depth + 1);
    const mark = this.of(found.e, found.bound, depth);
    return found.rest.length === 0 || mark === 'whole' ? mark : 'none';
  }

  /** What `steps` read of an iterator (`.value`, then a part of the element) or of a `for` value (the element). */
  private elementRead(binding: ElementBinding, steps: readonly TraversalStep[], depth: number): Mark {
    if (binding.direct) return this.element(binding.elementOf, binding.outer, steps, depth);
    const first = steps[0];
    return first?.kind === 'attr' && first.name === 'value' ? this.element(binding.elementOf, binding.outer, steps.slice(1), depth) : 'none';
  }

  /**
   * The mark of what `steps` read of an element `collection` surely has: an element of a tuple
   * constructor, a value of an object constructor (its keys written out, so that each is surely
   * kept), or one of a local holding either. Any other collection (a `for`, a function's result)
   * may have no element, and is unsure. A wholly ephemeral one is refused as a for_each itself.
   */
  private element(collection: Expression, bound: Bindings, steps: readonly TraversalStep[], depth: number): Mark {
    const found = this.descend(collection, bound, []);
    const items = found.e.type === 'tuple' ? found.e.items : found.e.type === 'object' ? keptValues(found.e) : undefined;
    let mark: Mark = 'none';
    for (const item of items ?? []) mark = strongest(mark, this.at(item, found.bound, steps, depth));
    return mark;
  }

  /** `e` past parentheses and the locals it names (a called module read further through one: as that read written out). */
  descendFrom(e: Expression, bound: Bindings): { e: Expression; bound: Bindings } {
    const found = this.descend(e, bound, []);
    if (found.rest.length === 0) return found;
    const call = asModuleRead(found);
    return call !== undefined ? { e: call, bound: found.bound } : { e, bound };
  }

  /** How far `steps` are written out in `e`: through parentheses, locals, and object and tuple constructors. */
  private descend(e: Expression, bound: Bindings, steps: readonly TraversalStep[]): { e: Expression; bound: Bindings; rest: readonly TraversalStep[] } {
    let rest = steps;
    // Bounded: `local.a = local.a` would loop.
    for (let n = 0; n < MAX_DEPTH; n++) {
      if (e.type === 'parens') {
        e = e.expr;
        continue;
      }
      const first = e.type === 'traversal' && e.root === 'local' && !bound.has('local') ? e.steps[0] : undefined;
      if (e.type === 'traversal' && first?.kind === 'attr') {
        const local = this.scope.mod.locals.get(first.name);
        if (local === undefined) break;
        rest = [...e.steps.slice(1), ...rest];
        e = local.node.expr;
        bound = NO_BINDINGS;
        continue;
      }
      const step = rest[0];
      if (step === undefined) break;
      const key = step.kind === 'attr' ? step.name : step.key;
      const next = e.type === 'object' ? valueAt(e, String(key)) : e.type === 'tuple' && typeof key === 'number' ? e.items[key] : undefined;
      if (next === undefined) break;
      e = next;
      rest = rest.slice(1);
    }
    return { e, bound, rest };
  }

  /** The output `steps` read of an instance of module call `name`, by an attribute or an index written as a string (`m["eph"]`: an instance is an object of its outputs). */
  outputRead(name: string, steps: readonly TraversalStep[]): Mark {
    const output = steps[0];
    const out = output?.kind === 'attr' ? output.name : typeof output?.key === 'string' ? output.key : undefined;
    return out !== undefined && ephemeralOutputs(this.scope.called(name)).has(out) ? 'whole' : 'none';
  }

  /**
   * The module call whose instance (`one`: module.c[each.key], an instance bound by a `for`) or
   * instances (`many`: module.c with count or for_each, values(module.c)) an expression gives.
   */
  instancesOf(e: Expression, bound: Bindings, what: 'one' | 'many'): string | undefined {
    if (e.type === 'parens') return this.instancesOf(e.expr, bound, what);
    if (what === 'one') {
      if (e.type === 'traversal' && e.steps.length === 0) {
        const binding = bound.get(e.root);
        return binding !== undefined && 'instanceOf' in binding ? binding.instanceOf : undefined;
      }
      if (e.type === 'index') return this.instancesOf(e.collection, bound, 'many');
      return undefined;
    }
    if (e.type === 'call' && e.name === 'values' && e.args.length === 1) return this.instancesOf(e.args[0]!, bound, 'many');
    if (e.type !== 'traversal' || e.root !== 'module' || e.steps.length !== 1 || e.steps[0]!.kind !== 'attr') return undefined;
    const name = e.steps[0]!.name;
    // A call with no instance gives no element to read (`[for m in module.c : m.eph]` is []).
    return ephemeralOutputs(this.scope.called(name)).size > 0 && this.scope.noInstances?.(name) !== true ? name : undefined;
  }

  /**
   * The call whose instance (`one`) or instances `e` is, written out (through parentheses and
   * locals): in a tuple (`list`: count, a splat, values()) or an object by key (`map`: for_each).
   */
  instancesAt(e: Expression, bound: Bindings, depth = 0): { call: string; shape: 'one' | 'list' | 'map' } | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const found = this.descendFrom(e, bound);
    const x = found.e;
    const one = this.instancesOf(x, found.bound, 'one');
    if (one !== undefined) return { call: one, shape: 'one' };
    if (x.type === 'traversal' && x.root === 'module' && x.steps[0]?.kind === 'attr' && !found.bound.has('module')) {
      const name = x.steps[0].name;
      const call = this.scope.mod.moduleCalls.get(name);
      if (call === undefined || ephemeralOutputs(this.scope.called(name)).size === 0) return undefined;
      const { count, forEach } = repetitionOf(call.node);
      const repeated = count !== undefined || forEach !== undefined;
      // module.c[0], module.c["a"]: the parser keeps a written key as a step of the traversal; module.c.a
      // is instance "a" of a call with for_each (plan 1.11.4 stores `ephemeralasnull(module.c.a)` as { eph = null, plain = "x" }).
      if (x.steps.length === 2 && repeated && moduleOutputAt(this.scope.mod, x.steps) === 2) return { call: name, shape: 'one' };
      if (x.steps.length === 1) return { call: name, shape: !repeated ? 'one' : forEach !== undefined ? 'map' : 'list' };
      return undefined;
    }
    // A splat of a tuple is that tuple, of anything else a tuple holding it (module.s[*] is [module.s]):
    // of a call with for_each, a tuple holding the object of its instances, not followed.
    if (x.type === 'splat' && x.each.type === 'anonSymbol') {
      const inner = this.instancesAt(x.source, found.bound, depth + 1);
      return inner === undefined || inner.shape === 'map' ? undefined : { call: inner.call, shape: 'list' };
    }
    if (x.type === 'call' && x.name === 'values' && x.args.length === 1) {
      const inner = this.instancesAt(x.args[0]!, found.bound, depth + 1);
      return inner?.shape === 'map' ? { call: inner.call, shape: 'list' } : undefined;
    }
    return undefined;
  }

  private template(parts: readonly TemplatePart[], bound: Bindings, depth: number): Mark {
    // "${x}" is x itself.
    const only = parts.length === 1 ? parts[0] : undefined;
    if (only?.kind === 'interpolation') return this.of(only.expr, bound, depth);
    for (const p of parts) {
      const whole =
        p.kind === 'interpolation' ? this.of(p.expr, bound, depth) === 'whole' : p.kind === 'if' ? this.of(p.cond, bound, depth) === 'whole' || this.template(p.then, bound, depth) === 'whole' || this.template(p.else, bound, depth) === 'whole' : p.kind === 'for' ? this.templateFor(p, bound, depth) : false;
      if (whole) return 'whole';
    }
    return 'none';
  }

  /**
   * Whether a `%{ for }` directive surely makes the template ephemeral: its collection is, or its
   * body is for an element the collection surely has, read as a `for` expression's value (plan
   * 1.11.4 refuses `"%{ for x in ["a"] }${var.pw}%{ endfor }"` and `"%{ for x in [var.pw] }${x}%{ endfor }"`
   * as a stored argument; accepts `"%{ for x in [] }${var.pw}%{ endfor }"` and `"%{ for x in [var.pw] }y%{ endfor }"`).
   * A collection not written out is read from its value where the evaluation knows it (plan refuses
   * `"%{ for x in var.names }${var.pw}%{ endfor }"` with `default = ["a"]`, accepts it with `[]`);
   * of an unknown one no element is sure, and the body is not read.
   */
  private templateFor(p: TemplatePart & { kind: 'for' }, bound: Bindings, depth: number): boolean {
    if (this.of(p.collection, bound, depth) === 'whole') return true;
    const called = this.instancesOf(p.collection, bound, 'many');
    let collection = p.collection;
    let collectionBound = bound;
    if (called === undefined && !this.hasElement(collection, bound)) {
      // Of each instance (plan 1.11.4 refuses `"%{ for x in each.value }${var.pw}%{ endfor }"` with
      // for_each = { a = ["x"], b = [] }, for instance "a", and accepts it with { b = [] }; so of
      // `range(count.index)` with count = 2 and count = 1).
      const perInstance = this.perInstance(collection, bound);
      if (perInstance !== undefined) return perInstance.some((known) => this.hasElement(known, NO_BINDINGS) && this.templateBody(p, bound, known, NO_BINDINGS, depth));
      const known = this.known(collection, bound);
      if (known === undefined || !this.hasElement(known, NO_BINDINGS)) return false;
      collection = known;
      collectionBound = NO_BINDINGS;
    }
    if (called !== undefined) return this.templateBody(p, bound, { instanceOf: called }, undefined, depth);
    return this.templateBody(p, bound, collection, collectionBound, depth);
  }

  /** Whether a `%{ for }` body is ephemeral with its name bound to an instance of a call, or to each element of `collection` (read in `collectionBound`). */
  private templateBody(p: TemplatePart & { kind: 'for' }, bound: Bindings, collection: Expression | { instanceOf: string }, collectionBound: Bindings | undefined, depth: number): boolean {
    const outer = p.keyVar !== undefined && bound.has(p.keyVar) ? without(bound, p.keyVar) : bound;
    const binding: Binding = 'instanceOf' in collection ? collection : { elementOf: collection, outer: collectionBound ?? NO_BINDINGS, direct: true };
    const inner: Bindings = new Map([...outer, [p.valueVar, binding]]);
    return this.template(p.body, inner, depth) === 'whole';
  }

  /**
   * A collection reading the block's `each` or `count` (and no other name bound here), written out per
   * instance of the block; undefined for any other collection.
   */
  private perInstance(collection: Expression, bound: Bindings): readonly Expression[] | undefined {
    if (this.scope.instanceCollections === undefined) return undefined;
    let repeated = false;
    for (const t of freeTraversals(collection)) {
      const binding = bound.get(t.root);
      // `each` is bound to the block's for_each (eachOf), an iterator read by `.value`; a `for` naming its value `each` is another name.
      if (t.root === 'each' && (binding === undefined || ('elementOf' in binding && binding.direct !== true))) repeated = true;
      else if (t.root === 'count' && binding === undefined) repeated = true;
      else if (binding !== undefined) return undefined;
    }
    return repeated ? this.scope.instanceCollections(collection) : undefined;
  }

  /** A collection's value written out, when it is not a literal and reads no name bound here (whose value the evaluation does not have). */
  private known(collection: Expression, bound: Bindings): Expression | undefined {
    const written = this.descend(collection, bound, []);
    if (written.e.type === 'tuple' || written.e.type === 'object' || this.scope.knownCollection === undefined) return undefined;
    return freeTraversals(collection).some((t) => bound.has(t.root)) ? undefined : this.scope.knownCollection(collection);
  }

  /**
   * Operators mark their result with their operands' marks. Of && and ||, only the left one surely:
   * Terraform 1.11.4 marks `true || var.b` too (plan refuses it as count), but 1.12 and later skip the
   * side that does not decide the result, as the scan does elsewhere (docs/cli.md). A chain is walked, not recursed.
   */
  private binary(e: Expression, bound: Bindings, depth: number): Mark {
    const stack: Expression[] = [e];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'binary') {
        stack.push(n.left);
        if (n.op !== '&&' && n.op !== '||') stack.push(n.right);
      } else if (this.of(n, bound, depth) === 'whole') return 'whole';
    }
    return 'none';
  }

  private forExpr(e: Expression & { type: 'for' }, bound: Bindings, depth: number): Mark {
    // The collection's and the condition's marks mark the result (plan 1.11.4 refuses `{ for k, v in var.m : k => v }` and `[for k in ["a"] : k if var.b]`).
    if (this.of(e.collection, bound, depth) === 'whole') return 'whole';
    const called = this.instancesOf(e.collection, bound, 'many');
    // The rest is evaluated once per element: a collection that may have none gives a plain empty
    // value (validate 1.11.4 accepts `input = [for k in [] : var.pw]`). A call's instances are taken
    // to exist unless its count or for_each surely gives none (instancesOf).
    if (called === undefined && !this.hasElement(e.collection, bound)) return 'none';
    let inner = bound;
    if (e.keyVar !== undefined && inner.has(e.keyVar)) inner = without(inner, e.keyVar);
    // The value is the element: marked as the collection's elements are (`[for x in [var.pw] : x]`).
    inner = new Map([...inner, [e.valueVar, called !== undefined ? { instanceOf: called } : { elementOf: e.collection, outer: bound, direct: true }]]);
    if (e.cond !== undefined && this.of(e.cond, inner, depth) === 'whole') return 'whole';
    if (e.keyExpr !== undefined && this.of(e.keyExpr, inner, depth) === 'whole') return 'whole';
    // An `if` may leave no element (plan 1.11.4 accepts `{ for k, v in { a = 1 } : k => var.pw if false }`).
    if (e.cond !== undefined) return 'none';
    // The values' marks stay on the elements (plan accepts `for_each = { for k, v in { a = 1 } : k => var.pw }`).
    return this.of(e.valueExpr, inner, depth) === 'none' ? 'none' : 'part';
  }

  /** Whether a collection surely has an element: a tuple or object constructor (or a local holding one) with one. */
  private hasElement(collection: Expression, bound: Bindings): boolean {
    const found = this.descend(collection, bound, []).e;
    return (found.type === 'tuple' || found.type === 'object') && found.items.length > 0;
  }

  private call(name: string, args: readonly Expression[], bound: Bindings, depth: number): Mark {
    // A provider's function (provider::aws::arn_parse): how it treats marks is not known here.
    if (MARK_DROPPING.has(name) || name.includes('::')) return 'none';
    if (PICKS_FROM_FIRST.has(name)) {
      const picked = this.picked(name, args, bound);
      if (picked !== undefined) return this.of(picked.e, picked.bound, depth);
      if (name === 'try') return args.map((a) => this.of(a, bound, depth)).reduce(weakest, 'whole');
      return args[0] !== undefined && this.of(args[0], bound, depth) === 'whole' ? 'whole' : 'none';
    }
    let found: Mark = 'none';
    for (const a of args) {
      const mark = this.of(a, bound, depth);
      if (mark === 'whole' || (mark === 'part' && MARKS_FROM_PARTS.has(name))) return 'whole';
      if (mark === 'part' && !DROPS_PARTS.has(name)) found = 'part';
    }
    // Any other function given a value with an ephemeral part is taken to keep it in its result, as
    // values, concat, flatten, tolist, merge and their like do: plan 1.11.4 refuses `toset(values({ a = var.pw }))`.
    return found;
  }

  /**
   * The argument or element a picking function surely gives, where it is written out: try()'s first
   * argument when that cannot fail (plan 1.11.4 refuses `count = try(var.n, 1)` and `input = try(var.pw, "x")`),
   * lookup()'s value of a key an object constructor writes (or its default when the object has no
   * such key), element()'s and one()'s element of a tuple constructor (validate 1.11.4 refuses
   * `count = lookup({ a = var.n }, "a")`, `element([1, var.n], 1)`, `one([var.n])`; takes `element([1, var.n], 0)`).
   * Missed on purpose, as which argument or element is picked is not known here: try() whose first
   * argument may fail (`try(local.cfg.n, 1)`, `try(var.o.n, 1)`), and lookup() or element() given a
   * computed key or index, or a collection not written out (`lookup(var.m, "a")` of a plain map holding
   * no ephemeral part is fine; of `local.m` built by a function, unsure). Terraform refuses these when
   * what is picked is ephemeral.
   */
  private picked(name: string, args: readonly Expression[], bound: Bindings): { e: Expression; bound: Bindings } | undefined {
    const first = args[0];
    if (first === undefined) return undefined;
    if (name === 'try') return this.cannotFail(first) ? { e: first, bound } : undefined;
    const found = this.descend(first, bound, []);
    const within = (e: Expression | undefined): { e: Expression; bound: Bindings } | undefined => (e === undefined ? undefined : { e, bound: found.bound });
    if (name === 'lookup' && found.e.type === 'object' && (args.length === 2 || args.length === 3)) {
      const key = literalString(args[1]!);
      if (key === undefined || objectItemKeys(found.e) === undefined) return undefined;
      const value = valueAt(found.e, key);
      return value !== undefined ? within(value) : args.length === 3 ? { e: args[2]!, bound } : undefined;
    }
    if (found.e.type !== 'tuple' || found.e.items.length === 0) return undefined;
    if (name === 'one' && args.length === 1) return within(found.e.items.length === 1 ? found.e.items[0] : undefined);
    const index = args.length === 2 && args[1]!.type === 'literal' && typeof args[1]!.value === 'object' && args[1]!.value !== null ? Number(args[1]!.value.number) : NaN;
    // element() wraps around: element([a, b], 3) is b.
    if (name === 'element' && Number.isInteger(index) && index >= 0) return within(found.e.items[index % found.e.items.length]);
    return undefined;
  }

  /** Whether evaluating an expression surely gives no error: a declared variable, terraform.applying, or a local holding one. */
  private cannotFail(e: Expression): boolean {
    const found = this.descend(e, NO_BINDINGS, []);
    const t = found.e;
    if (t.type !== 'traversal' || t.steps.length !== 1 || t.steps[0]!.kind !== 'attr') return false;
    const name = t.steps[0]!.name;
    return (t.root === 'var' && this.scope.mod.variables.has(name)) || (t.root === 'terraform' && name === 'applying');
  }

  /**
   * merge() marks its result with a wholly ephemeral argument's mark; an ephemeral part stays only if
   * no later argument may set its key again (validate 1.11.4 accepts `merge({ a = var.pw }, { a = "x" })`,
   * refuses `merge({ a = var.pw }, { b = "x" })`): in the last argument, or in an object constructor
   * followed only by constructors whose keys are written out and are not its key.
   */
  private merge(args: readonly Expression[], expandFinal: boolean, bound: Bindings, depth: number): Mark {
    const marks = args.map((a) => this.of(a, bound, depth));
    // merge(local.maps...): which maps the last argument holds, and in which order, is not followed.
    if (marks.includes('whole') || expandFinal) return marks.includes('whole') ? 'whole' : 'none';
    const later = new Set<string>();
    for (let i = args.length - 1; i >= 0; i--) {
      const arg = args[i]!;
      const keys = objectItemKeys(arg);
      if (marks[i] === 'part') {
        if (i === args.length - 1) return 'part';
        if (keys !== undefined && (arg as ObjectExpr).items.some((item, n) => !later.has(keys[n]!) && this.of(item.value, bound, depth) !== 'none')) return 'part';
      }
      if (keys === undefined) return 'none';
      for (const k of keys) later.add(k!);
    }
    return 'none';
  }
}

/** An object constructor's keys, when all are written out. */
function objectItemKeys(e: Expression): (string | undefined)[] | undefined {
  if (e.type !== 'object') return undefined;
  const keys = e.items.map(objectItemKey);
  return keys.includes(undefined) ? undefined : keys;
}

const NO_BINDINGS: Bindings = new Map();

/** The values an object constructor surely keeps: all its keys written out, a key written twice keeps its last value. Undefined when unsure. */
function keptValues(e: ObjectExpr): Expression[] | undefined {
  const last = new Map<string, Expression>();
  for (const item of e.items) {
    const key = objectItemKey(item);
    if (key === undefined) return undefined;
    last.set(key, item.value);
  }
  return [...last.values()];
}

/** The value an object constructor gives `key`; undefined when it has none or a computed key might be it. */
function valueAt(e: ObjectExpr, key: string): Expression | undefined {
  const keys = e.items.map(objectItemKey);
  if (keys.includes(undefined)) return undefined;
  const i = keys.lastIndexOf(key);
  return i < 0 ? undefined : e.items[i]!.value;
}

/** `module.c` reached through a local and read further (`local.all["a"]`): that read, as one traversal (`module.c["a"]`). */
function asModuleRead(found: { e: Expression; bound: Bindings; rest: readonly TraversalStep[] }): TraversalExpr | undefined {
  const { e, bound, rest } = found;
  if (e.type !== 'traversal' || e.root !== 'module' || bound.has('module') || rest.length === 0) return undefined;
  return { ...e, steps: [...e.steps, ...rest] };
}

function without(m: Bindings, name: string): Bindings {
  const out = new Map(m);
  out.delete(name);
  return out;
}

function strongest(a: Mark, b: Mark): Mark {
  return a === 'whole' || b === 'whole' ? 'whole' : a === 'part' || b === 'part' ? 'part' : 'none';
}

function weakest(a: Mark, b: Mark): Mark {
  return a === 'none' || b === 'none' ? 'none' : a === 'part' || b === 'part' ? 'part' : 'whole';
}
