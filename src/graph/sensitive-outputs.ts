// A root module output that Terraform refuses because it holds a sensitive value without saying so
// ("Output refers to sensitive values", terraform plan 1.11). Terraform marks values part by part:
// a sensitive variable is marked whole, and so is what an operator, a template or a function
// computes from a marked argument; but a tuple or object built around a marked value is not marked
// itself (only that element is), so `{ a = var.pw, b = 1 }.b`, `length([var.pw])` and a `for` that
// leaves the element out are plain. This scan keeps one sensitive bit per evaluation (enough to
// mask values), so the check reads the syntax instead, with cty's rules, and says only what is
// certain:
// - reading a part (`local.tup[0]`, `local.cfg.db.host`, `lookup(local.m, "k")`, `element(l, 0)`)
//   follows locals and literal indexes into tuple and object constructors to the part's own
//   expression, with its own marks; a value's own mark goes with every part of it;
// - functions that read their collection arguments whole (READ_WHOLE: jsonencode, join, sort,
//   contains...) are marked by a marked element anywhere in them; those that keep each element with
//   its marks (concat, merge, tolist, values...) hold it; try() gives the first argument that
//   certainly succeeds; `==` and `!=` read every element;
// - a `for` over a literal is read one element at a time: a condition marked for one element marks
//   the whole result, and without a condition each element's value is in it.
// Resource attributes are never followed (whether Terraform's plan holds them as sensitive depends
// on the provider's schema and on what is known at plan), nor a `for` or splat over anything but a
// literal (a template's `%{ for }` over a collection whose value the evaluation knows is read from
// that value, written out: MarkLinks.known) or the instances of a module call (each holds the marks
// of its outputs). Marks cross module calls both ways, as values do (MarkLinks), and a for_each's
// literal elements reach `each.value` with their own (InstanceEach). Checked against 760 configurations planned by Terraform 1.11 (two differential
// hunts), module calls by a third, and 228 probes of these rules by a fourth.
import type { Expression, ForExpr, FunctionCallExpr, ObjectItem, Range, TemplatePart, TraversalExpr, TraversalStep } from '../parsers/hcl/ast.js';
import { moduleOutputStepAt as outputAt, outputNameAt, repetitionOf, variableShape } from './declarations.js';
import type { ModuleSource } from './load.js';
import { freeTraversals } from './traversals.js';

/** Functions whose result carries no mark of their argument. */
const UNMARKING = new Set(['can', 'issensitive', 'nonsensitive']);

/**
 * Functions that read their collection arguments whole (cty unmarks them deep and marks the
 * result): a marked element anywhere in an argument marks the result, though that element is not
 * in it (`contains(local.tup, "zzz")`, `sort(local.tup)[1]`). Each checked against terraform plan
 * 1.11; functions that keep each element's own marks (element, concat, merge, lookup...) are not here.
 */
const READ_WHOLE = new Set([
  'alltrue', 'anytrue', 'chunklist', 'coalescelist', 'compact', 'contains', 'distinct', 'format', 'formatlist', 'index', 'join', 'jsonencode',
  'matchkeys', 'max', 'min', 'one', 'setintersection', 'setproduct', 'setsubtract', 'setunion', 'sort', 'sum', 'transpose', 'yamlencode',
  // A provider's function gets its arguments unmarked and its result marked with all their marks.
  'provider::terraform::encode_expr', 'provider::terraform::encode_tfvars',
]);

/** Functions whose result holds every element of every argument, each with its own marks. */
const KEEP_ELEMENTS = new Set(['concat', 'flatten', 'reverse', 'tolist', 'tomap', 'values']);

/** More elements than this in a literal a `for` reads are not followed one by one (not certain, then). */
const MAX_FOR_ELEMENTS = 64;

/**
 * How marks reach a module instance from outside its own declarations: cty's marks travel with the
 * value, so a caller's `x = var.secret` marks the child's `var.x`, and a child's output computed
 * from a marked value is marked where the caller reads `module.m.out` (an output's own
 * `sensitive = true` does not mark it there: terraform plan 1.11 accepts a `for_each` over it).
 * Per instance, as callers differ; a root module has no caller.
 */
export interface MarkLinks {
  /** What marks the value the caller gives variable `name`, if anything certainly does. */
  readonly input?: (name: string) => string | undefined;
  /**
   * What marks output `out` of module call `call`: its top level, or (deep) any part of it; of its
   * instance `key` when one is read by a key written out (`module.m["a"].out`); of one instance the
   * syntax does not name (null), only where every instance's is; of the instance at a position in key
   * order (`values(module.m)[0].out`: { position: 0 }), where the keys are known; else of any
   * instance (a read of them all: `module.m`, `[for m in module.m : m.out]`).
   */
  readonly output?: (call: string, out: string, deep: boolean, key?: InstanceKey) => string | undefined;
  /**
   * Whether module call `call` certainly has an instance ('instances'), its count or for_each known
   * and not zero or empty: a `for` over its instances then holds what its body marks whatever it
   * reads (terraform plan 1.11.4 refuses `[for m in module.k : var.pw]` of count = 1).
   */
  readonly hasInstances?: (call: string) => 'instances' | undefined;
  /** The outputs module call `call` declares (of the module it loads), for a read of a whole instance or call. */
  readonly outputNames?: (call: string) => Iterable<string>;
  /**
   * A `%{ for }` collection that is not written out (`var.names`, a local a function computes),
   * written out from its value in this instance (written-out.ts), when the evaluation knows it whole.
   */
  readonly known?: (collection: Expression) => Expression | undefined;
}

const NO_LINKS: MarkLinks = {};

interface Reader {
  readonly mod: ModuleSource;
  readonly links: MarkLinks;
  /** Whether a link was asked: the answer then depends on the instance. */
  asked: boolean;
  /**
   * Every question the reading put, or would have put had the link been there, in order: each
   * answered nothing, or the reading stopped at the one that answered (see sensitiveSource).
   */
  readonly questions: LinkQuestion[];
  /** Locals on the way, each with how many times it is (a cycle among them is said elsewhere). */
  readonly seen: Map<string, number>;
  /** What `each` stands for in the instance read (markedSource's InstanceEach), when the syntax says. */
  readonly each?: Binding;
}

/**
 * Names a `for` (or a template's `%{ for }`) binds, which shadow roots: an element it stands for
 * when the collection is a literal (`[var.pw, "x"]`, read one element at a time), else null
 * (nothing certain about it).
 */
type Bound = ReadonlyMap<string, Binding | null>;

interface Binding {
  readonly expr: Expression;
  readonly bound: Bound;
  /** The element's key in a literal (its index in a tuple, its name in an object): what a `for`'s key name stands for. */
  readonly key?: Expression;
}

const NONE_BOUND: Bound = new Map();

/**
 * What makes the output value `expr` hold a sensitive value (`var.db_password`, `sensitive()`,
 * `local.dsn (var.db_password)`), anywhere in it, or undefined when nothing certainly does.
 */
export function sensitiveSource(mod: ModuleSource, expr: Expression, links: MarkLinks = NO_LINKS, kept?: KeptReading): string | undefined {
  if (kept === undefined) return contains({ mod, links, asked: false, questions: [], seen: new Map() }, expr, NONE_BOUND);
  // An output's value, read for each root module output and, through the links, for the outputs of
  // every instance a root reads: each caller of a module walked its outputs again (corpus (a) of the
  // bench: 6 852 calls of contains(), 16 192 of marked() per evaluation; 2 921 and 7 364 with this).
  // The reading depends on the instance only through the questions it puts to the links; when each
  // answered nothing, another instance whose links answer them nothing too reads the same, and
  // asking them again (each link memoises its answers) costs less than the walk. Asked in the walk's
  // order, so the links make their instances in that order.
  const cached = kept.contained;
  if (cached !== undefined && cached.questions.every((q) => ask(links, q) === undefined)) return cached.found;
  const r: Reader = { mod, links, asked: false, questions: [], seen: new Map() };
  const found = contains(r, expr, NONE_BOUND);
  if (r.questions.every((q) => q.answered === undefined)) kept.contained = { found, questions: r.questions };
  return found;
}

/** Where a declaration keeps sensitiveSource's reading of its expression (module-plan.ts OutputSlot): a field, not a WeakMap entry per expression. */
export interface KeptReading {
  contained: { readonly found: string | undefined; readonly questions: readonly LinkQuestion[] } | undefined;
}

/**
 * A question a reading put to an instance's links: what marks variable `input`, or output `out` of
 * module call `call`, or what value `collection` has (a question whose answer the reading goes on with).
 */
interface LinkQuestion {
  readonly input: string | undefined;
  /** Whether call `instancesOf` has an instance (MarkLinks.hasInstances). */
  readonly instancesOf?: string;
  readonly call: string;
  readonly out: string;
  readonly deep: boolean;
  readonly key?: InstanceKey;
  readonly collection?: Expression;
  /** What the links answered when the question was first put (undefined when no link was there to ask). */
  readonly answered: string | Expression | undefined;
}

function ask(links: MarkLinks, q: LinkQuestion): string | Expression | undefined {
  if (q.collection !== undefined) return links.known?.(q.collection);
  if (q.instancesOf !== undefined) return links.hasInstances?.(q.instancesOf);
  return q.input !== undefined ? links.input?.(q.input) : links.output?.(q.call, q.out, q.deep, q.key);
}

/** Puts a question to the links, recorded (with its answer) whether or not the link is there. */
function askInput(r: Reader, name: string): string | undefined {
  const answered = r.links.input === undefined ? undefined : ((r.asked = true), r.links.input(name));
  r.questions.push({ input: name, call: '', out: '', deep: false, answered });
  return answered;
}

function askKnown(r: Reader, collection: Expression): Expression | undefined {
  const answered = r.links.known === undefined ? undefined : ((r.asked = true), r.links.known(collection));
  r.questions.push({ input: undefined, call: '', out: '', deep: false, collection, answered });
  return answered;
}

function askInstances(r: Reader, call: string): 'instances' | undefined {
  const answered = r.links.hasInstances === undefined ? undefined : ((r.asked = true), r.links.hasInstances(call));
  r.questions.push({ input: undefined, call: '', out: '', deep: false, instancesOf: call, answered });
  return answered;
}

function askOutput(r: Reader, call: string, out: string, deep: boolean, key: InstanceKey | undefined): string | undefined {
  const answered = r.links.output === undefined ? undefined : ((r.asked = true), r.links.output(call, out, deep, key));
  r.questions.push({ input: undefined, call, out, deep, answered, ...(key === undefined ? {} : { key }) });
  return answered;
}

/**
 * An instance of a block with for_each (`forEach`, its expression) whose argument is read: where the
 * for_each is a literal object (through locals), `each.value` is its element `key`, with that
 * element's own marks. Terraform keeps them: terraform plan 1.11.4 refuses a root output of
 * `module.m["a"].out` where `for_each = { a = [var.pw], b = ["x"] }` and the argument is
 * `"%{ for x in each.value }${x}%{ endfor }"` (or `for_each = { a = var.pw }` and `each.value`), and
 * prints that of instance "b".
 */
export interface InstanceEach {
  readonly forEach: Expression;
  readonly key: string;
}

/**
 * What makes the value of `expr` itself sensitive (its top level, as a `for_each` argument must not
 * be), or undefined when nothing certainly does; `each`: in that instance of its block.
 */
export function markedSource(mod: ModuleSource, expr: Expression, links: MarkLinks = NO_LINKS, each?: InstanceEach): string | undefined {
  const binding = each === undefined ? undefined : eachBinding(mod, each);
  if (binding !== undefined) return marked({ mod, links, asked: false, questions: [], seen: new Map(), each: binding }, expr, new Map([['each', binding]]));
  // Asked for each for_each of every instance of a module: what its declarations alone decide is
  // read once per module (a for_each over a large local was walked again for each of 64 calls).
  let memo = markedByDeclarations.get(mod);
  if (memo === undefined) markedByDeclarations.set(mod, (memo = new WeakMap()));
  const cached = memo.get(expr);
  if (cached !== undefined) return cached ?? undefined;
  const r: Reader = { mod, links, asked: false, questions: [], seen: new Map() };
  const found = marked(r, expr, NONE_BOUND);
  if (!r.asked) memo.set(expr, found ?? null);
  return found;
}

const markedByDeclarations = new WeakMap<ModuleSource, WeakMap<Expression, string | null>>();

/** `each` as an object whose `value` is the for_each's element `key`, where the syntax reaches it. */
function eachBinding(mod: ModuleSource, { forEach, key }: InstanceEach): Binding | undefined {
  const r: Reader = { mod, links: NO_LINKS, asked: false, questions: [], seen: new Map() };
  let found: Binding | undefined;
  const at = { start: forEach.start, end: forEach.end };
  follow(r, forEach, [{ kind: 'attr', name: key, ...at }], NONE_BOUND, (x, bound, steps) => {
    if (steps.length === 0) found = { expr: { type: 'object', items: [{ key: { type: 'traversal', root: 'value', steps: [], ...at }, bareKey: true, value: x }], ...at }, bound };
    return undefined;
  });
  return found;
}

/**
 * Whether the value of `expr` is certainly not marked itself (issensitive() is false): it is, or
 * reads through locals and literal indexes, a literal or a tuple or object constructor (with
 * literal keys), which Terraform does not mark whatever its elements (`issensitive([var.pw])`).
 */
export function certainlyUnmarked(mod: ModuleSource, expr: Expression): boolean {
  const r: Reader = { mod, links: NO_LINKS, asked: false, questions: [], seen: new Map() };
  const unmarked = (e: Expression, bound: Bound): string | undefined =>
    follow(r, e, [], bound, (x, b, steps) => {
      if (steps.length > 0) return undefined;
      if (isUnmarkedConstructor(x)) return 'unmarked';
      // try() of an argument that certainly succeeds is that argument.
      const first = x.type === 'call' && x.name === 'try' ? x.args[0] : undefined;
      return first !== undefined && certainlySucceeds(r, first, b) ? unmarked(first, b) : undefined;
    });
  return unmarked(expr, NONE_BOUND) !== undefined;
}

function isUnmarkedConstructor(e: Expression): boolean {
  switch (e.type) {
    case 'literal':
    case 'tuple':
      return true;
    case 'template':
      return e.parts.every((p) => p.kind === 'literal');
    case 'object':
      return e.items.every((item) => literalKey(item) !== undefined);
    // Their result carries no mark of the argument (terraform console 1.11.4:
    // issensitive(nonsensitive(sensitive("a"))) and issensitive(can(sensitive(1))) are false).
    case 'call':
      return UNMARKING.has(e.name);
    default:
      return false;
  }
}

/**
 * `module.m.out`, `module.m["out"]`, `module.m[0].out`, `module.m["k"].out`, `module.m.k.out` of a
 * call with for_each (and parts of it): the call and output it reads.
 */
function moduleOutput(mod: ModuleSource, e: { readonly steps: readonly TraversalStep[] }): { call: string; out: string; whole: boolean; key: InstanceKey | undefined } | undefined {
  const call = e.steps[0];
  if (call?.kind !== 'attr') return undefined;
  const at = outputAt(mod, e.steps);
  if (at === undefined) return undefined;
  const name = outputNameAt(e.steps, at);
  return name !== undefined ? { call: call.name, out: name, whole: e.steps.length === at + 1, key: instanceKey(e.steps, at) } : undefined;
}

/**
 * An instance key no HCL literal spells, standing for the instances of a call read by a `for` or a
 * splat over them all (ANY_INSTANCE: what one holds, the result holds), or for one of them the
 * syntax does not name (ONE_INSTANCE: `values(module.m)[0]`).
 */
const ANY_INSTANCE = '\0any instance';
const ONE_INSTANCE = '\0one instance';
/** ONE_INSTANCE at a position written out (`values(module.m)[1]`): this, then the position. */
const AT_POSITION = '\0instance at ';

/**
 * Which instance of a call a reading names: its key written out; null, one the syntax does not name;
 * the one at a position in the order of the keys (what values() gives, `values(module.m)[0]`).
 */
export type InstanceKey = string | number | null | { readonly position: number };

/** The instance key `module.<call>…` writes (`["a"]`, `[0]`, `.a` of a call with for_each), where `at` (outputAt) is past one. */
function instanceKey(steps: readonly TraversalStep[], at: number): InstanceKey | undefined {
  const step = at === 2 ? steps[1] : undefined;
  const key = step === undefined ? undefined : step.kind === 'attr' ? step.name : step.key;
  if (typeof key === 'string' && key.startsWith(AT_POSITION)) return { position: Number(key.slice(AT_POSITION.length)) };
  return key === ANY_INSTANCE ? undefined : key === ONE_INSTANCE ? null : key;
}

/** `module.<call>[key]`, where `at` is written (the instances a `for`, a splat or values() reads: ANY_INSTANCE, ONE_INSTANCE). */
function instanceOf(call: string, key: string, { start, end }: Range): TraversalExpr {
  return { type: 'traversal', root: 'module', steps: [{ kind: 'attr', name: call, start, end }, { kind: 'index', key, start, end }], start, end };
}

/**
 * The call `x` reads whole when it has count or for_each (`module.m`), or whose instances values()
 * gives (`values(module.m)` of one with for_each): its instances, each with the marks of its
 * outputs. A splat (`asSplat`) reads a call with for_each as one object, not its instances.
 */
function instancesRead(r: Reader, x: Expression, bound: Bound, asSplat: boolean): string | undefined {
  const whole = wholeCall(r, x, bound);
  if (whole !== undefined) return whole.count || (whole.forEach && !asSplat) ? whole.call : undefined;
  const name = x.type === 'call' ? (x.name.startsWith('core::') ? x.name.slice(6) : x.name) : undefined;
  if (x.type !== 'call' || name !== 'values' || x.args.length !== 1) return undefined;
  let call: string | undefined;
  follow(r, x.args[0]!, [], bound, (y, b, steps) => {
    const read = steps.length === 0 ? wholeCall(r, y, b) : undefined;
    if (read?.forEach) call = read.call;
    return undefined;
  });
  return call;
}

/** `module.<call>` read whole, of a call this module declares: whether it has count or for_each. */
function wholeCall(r: Reader, x: Expression, bound: Bound): { call: string; count: boolean; forEach: boolean } | undefined {
  const step = x.type === 'traversal' && x.root === 'module' && !bound.has('module') && x.steps.length === 1 ? x.steps[0] : undefined;
  const decl = step?.kind === 'attr' ? r.mod.moduleCalls.get(step.name) : undefined;
  if (step?.kind !== 'attr' || decl === undefined) return undefined;
  const { count, forEach } = repetitionOf(decl.node);
  return { call: step.name, count: count !== undefined, forEach: forEach !== undefined };
}

/**
 * A call read whole (`module.db`, `module.user` of any count or for_each) or one instance of it
 * (`module.user["ci"]`, `module.user.ci`, `module.k[0]`): an object (or a tuple or object of them)
 * holding every output, each with its own marks, so it holds a marked value where an output does
 * (terraform plan 1.11.4 refuses `output "db" { value = module.db }` when the child's output reads a
 * sensitive variable). An output's own `sensitive = true` marks nothing in the caller: plan prints
 * `value = module.db` and `value = module.db.token` in clear text when token's value is a literal.
 */
function wholeInstances(r: Reader, steps: readonly TraversalStep[]): string | undefined {
  const call = steps[0];
  const at = outputAt(r.mod, steps);
  if (call?.kind !== 'attr' || at === undefined || steps.length > at || r.links.outputNames === undefined) return undefined;
  for (const out of r.links.outputNames(call.name)) {
    const found = askOutput(r, call.name, out, true, instanceKey(steps, at));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** An object item's key when it is written as a name or a literal string. */
function literalKey(item: ObjectItem): string | undefined {
  const k = item.key;
  if (item.bareKey && k.type === 'traversal') return k.root;
  if (k.type === 'template' && k.parts.length === 1 && k.parts[0]!.kind === 'literal') return k.parts[0]!.value;
  if (k.type === 'template' && k.parts.length === 0) return '';
  return undefined;
}

/** A literal whole number (`0`, `2`), or undefined. */
function literalIndex(e: Expression | undefined): number | undefined {
  if (e?.type !== 'literal' || e.value === null || typeof e.value === 'boolean') return undefined;
  const n = Number(e.value.number);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** A literal string (`"k"`), or undefined. */
function literalString(e: Expression | undefined): string | undefined {
  if (e?.type !== 'template') return undefined;
  if (e.parts.length === 0) return '';
  return e.parts.length === 1 && e.parts[0]!.kind === 'literal' ? e.parts[0]!.value : undefined;
}

/**
 * Reads `e` and then `steps` through what the syntax settles: parentheses, locals, names a `for`
 * binds to a literal's element, and literal indexes into tuple and object constructors (whose
 * elements keep their own marks: `local.tup[1]` of `[var.pw, "x"]` is "x", not marked). `then` gets
 * the expression reached and the steps it could not follow; what it answers is the answer, named
 * after the locals on the way.
 */
function follow(r: Reader, e: Expression, steps: readonly TraversalStep[], bound: Bound, then: (x: Expression, bound: Bound, steps: readonly TraversalStep[]) => string | undefined): string | undefined {
  switch (e.type) {
    case 'parens':
      return follow(r, e.expr, steps, bound, then);
    case 'relativeTraversal':
      return follow(r, e.source, [...e.steps, ...steps], bound, then);
    case 'traversal': {
      const binding = bound.get(e.root);
      if (binding !== undefined) return binding === null ? then(e, bound, steps) : follow(r, binding.expr, [...e.steps, ...steps], binding.bound, then);
      if (e.root === 'local' && !bound.has('local') && e.steps[0]?.kind === 'attr') {
        const rest = [...e.steps.slice(1), ...steps];
        return throughLocal(r, e.steps[0].name, (x) => follow(r, x, rest, NONE_BOUND, then));
      }
      // A module's output read through a local or a name a `for` binds (`local.x.token` of `x = module.db`), written whole.
      if (e.root === 'module' && !bound.has('module') && steps.length > 0) return then({ ...e, steps: [...e.steps, ...steps] }, bound, []);
      return then(e, bound, steps);
    }
    case 'call': {
      // values(module.m)[0]: one instance of the call, which the syntax names by its position in key order.
      const step = steps[0];
      const call = step?.kind === 'index' && typeof step.key === 'number' ? instancesRead(r, e, bound, false) : undefined;
      if (call === undefined) return then(e, bound, steps);
      const at = (step as { key: number }).key;
      return follow(r, instanceOf(call, Number.isInteger(at) && at >= 0 ? `${AT_POSITION}${at}` : ONE_INSTANCE, e), steps.slice(1), NONE_BOUND, then);
    }
    case 'index': {
      // `local.m[k]` where k stands for a literal's key (`for k, v in { a = 1 }`) reads local.m.a.
      const key = boundExpr(e.key, bound);
      const text = literalString(key);
      const at = literalIndex(key);
      if (text === undefined && at === undefined) return then(e, bound, steps);
      return follow(r, e.collection, [{ kind: 'index', key: text ?? at!, start: e.key.start, end: e.key.end }, ...steps], bound, then);
    }
    case 'anonSymbol': {
      const binding = bound.get(ANON);
      return binding ? follow(r, binding.expr, steps, binding.bound, then) : then(e, bound, steps);
    }
    case 'tuple': {
      const step = steps[0];
      if (step?.kind === 'index' && typeof step.key === 'number' && Number.isInteger(step.key) && step.key >= 0 && step.key < e.items.length) return follow(r, e.items[step.key]!, steps.slice(1), bound, then);
      return then(e, bound, steps);
    }
    case 'object': {
      const step = steps[0];
      const key = step === undefined ? undefined : step.kind === 'attr' ? step.name : typeof step.key === 'string' ? step.key : undefined;
      if (key !== undefined && e.items.every((item) => literalKey(item) !== undefined)) {
        const item = e.items.findLast((x) => literalKey(x) === key);
        if (item !== undefined) return follow(r, item.value, steps.slice(1), bound, then);
      }
      return then(e, bound, steps);
    }
    default:
      return then(e, bound, steps);
  }
}

/**
 * The elements of the literal tuple or object `e` reads (through locals and literal indexes), with
 * where they are read. A splat (`objectAsOne`) reads an object as the one element of a tuple.
 */
function literalElements(r: Reader, e: Expression, bound: Bound, each: (elements: readonly Binding[]) => string | undefined, objectAsOne = false): string | undefined {
  return follow(r, e, [], bound, (x, b, steps) => {
    if (steps.length > 0) return undefined;
    if (x.type === 'tuple') return each(x.items.map((expr, i) => ({ expr, bound: b, key: { type: 'literal', value: { number: String(i) }, start: expr.start, end: expr.start } })));
    if (x.type === 'object' && x.items.every((item) => literalKey(item) !== undefined)) {
      if (objectAsOne) return each([{ expr: x, bound: b }]);
      return each(x.items.map((item) => ({ expr: item.value, bound: b, key: { type: 'template', parts: [{ kind: 'literal', value: literalKey(item)!, start: item.key.start, end: item.key.end }], start: item.key.start, end: item.key.end } })));
    }
    return undefined;
  });
}

/**
 * The instances of the call `e` reads whole (`for m in module.m`, `module.k[*]`, `values(module.m)`),
 * read by `each` as one element standing for every instance: what marks an output of one marks the
 * element there, so a `for` without a condition holds it (terraform plan 1.11.4 refuses
 * `[for m in module.m : m.token]` and `module.k[*].token` where token holds a sensitive variable, and
 * prints them of a plain output). A mark found without reading the element is certain only where the
 * call has an instance at least (MarkLinks.hasInstances): `[for m in module.k : var.pw]` is refused of
 * count = 1 (plan 1.11.4), an empty tuple of count = 0.
 */
function instanceElements(r: Reader, e: Expression, bound: Bound, each: (elements: readonly Binding[]) => string | undefined, asSplat = false): string | undefined {
  return follow(r, e, [], bound, (x, b, steps) => {
    const call = steps.length === 0 ? instancesRead(r, x, b, asSplat) : undefined;
    if (call === undefined) return undefined;
    const found = each([{ expr: instanceOf(call, ANY_INSTANCE, x), bound: NONE_BOUND }]);
    if (found === undefined) return undefined;
    // Found without reading the element: certain where the call has an instance at least.
    return each([{ expr: NOTHING, bound: NONE_BOUND }]) === undefined || askInstances(r, call) !== undefined ? found : undefined;
  });
}

/** What a `for`'s key name stands for with element `el`: its key, where it is a literal's element. */
function keyBinding(el: Binding): Binding | null {
  return el.key === undefined ? null : { expr: el.key, bound: NONE_BOUND };
}

/** `e`, or the element a name a `for` binds stands for (`k` of `for k, v in { a = 1 }`: "a"). */
function boundExpr(e: Expression | undefined, bound: Bound): Expression | undefined {
  const binding = e?.type === 'traversal' && e.steps.length === 0 ? bound.get(e.root) : undefined;
  return binding ? binding.expr : e;
}

/** An element bound to nothing certain (no HCL name spells its root). */
const NOTHING: Expression = { type: 'traversal', root: '\0nothing', steps: [], start: 0, end: 0 };

/**
 * Whether reading `e` certainly succeeds: a declared variable, a literal, a constructor of such, or
 * what a literal index into a constructor reaches.
 */
function certainlySucceeds(r: Reader, e: Expression, bound: Bound): boolean {
  return (
    follow(r, e, [], bound, (x, b, steps) => {
      if (steps.length > 0) return undefined;
      if (x.type === 'literal' || (x.type === 'template' && x.parts.every((p) => p.kind === 'literal'))) return 'ok';
      if (x.type === 'traversal' && x.root === 'var' && !b.has('var') && x.steps.length === 1 && x.steps[0]!.kind === 'attr' && r.mod.variables.has(x.steps[0]!.name)) return 'ok';
      if (x.type === 'tuple') return x.items.every((item) => certainlySucceeds(r, item, b)) ? 'ok' : undefined;
      if (x.type === 'object') return x.items.every((item) => literalKey(item) !== undefined && certainlySucceeds(r, item.value, b)) ? 'ok' : undefined;
      return undefined;
    }) !== undefined
  );
}

/** Whether the value of `e` holds a marked value at any depth (what an output may not). */
function contains(r: Reader, e: Expression, bound: Bound): string | undefined {
  const top = marked(r, e, bound);
  if (top !== undefined) return top;
  switch (e.type) {
    case 'parens':
      return contains(r, e.expr, bound);
    case 'tuple':
      for (const item of e.items) {
        const found = contains(r, item, bound);
        if (found !== undefined) return found;
      }
      return undefined;
    case 'object':
      for (const item of e.items) {
        const found = contains(r, item.value, bound);
        if (found !== undefined) return found;
      }
      return undefined;
    case 'conditional':
      return contains(r, e.then, bound) ?? contains(r, e.else, bound);
    case 'traversal':
    case 'relativeTraversal':
      // A part read through locals and literal indexes holds what that part's expression holds.
      return follow(r, e, [], bound, (x, b, steps) => {
        if (x !== e && steps.length === 0) return contains(r, x, b);
        if (x.type !== 'traversal' || x.root !== 'module' || b.has('module')) return undefined;
        if (steps.length > 0) return undefined;
        const read = moduleOutput(r.mod, x);
        if (read === undefined) return wholeInstances(r, x.steps);
        // A part of an output is certainly marked only when the output's top level is.
        return askOutput(r, read.call, read.out, read.whole, read.key);
      });
    case 'splat':
      // `x[*]` holds x's elements; `x[*].a` their `a`, each read from the element's expression when x is a literal.
      if (e.each.type === 'anonSymbol') return contains(r, e.source, bound);
      {
        const read = (elements: readonly Binding[]): string | undefined => {
          for (const el of elements.slice(0, MAX_FOR_ELEMENTS)) {
            const found = contains(r, e.each, new Map([...bound, [ANON, el]]));
            if (found !== undefined) return found;
          }
          return undefined;
        };
        return literalElements(r, e.source, bound, read, true) ?? instanceElements(r, e.source, bound, read, true);
      }
    case 'for':
      return forElements(r, e, bound, true);
    case 'call':
      return callContains(r, e, bound);
    default:
      return undefined;
  }
}

/** The name a splat's element placeholder is bound under (no HCL name can spell it). */
const ANON = '\0element';

/**
 * A `for` over a literal, read one element at a time: a condition marked for one element marks the
 * whole result (HCL), and so does an object `for`'s key without a condition (HCL moves no key's
 * marks onto its element there: terraform plan 1.11.4 refuses for_each = `{ for k, v in { a =
 * var.pw } : v => k }` and `{ for s in var.names : "${s}-${var.pw}" => s }`, accepts `{ for s in
 * var.names : s => var.pw }`); without a condition every element is in the result, so a value
 * (`deep`) holding a mark for one is in it too. For the top level, a collection not written out is
 * read from its value in this instance where the evaluation knows it (an empty one marks nothing,
 * but for a condition over a variable's value). With a condition, the elements it lets through
 * (passingElements) are read so.
 */
function forElements(r: Reader, e: ForExpr, bound: Bound, deep: boolean): string | undefined {
  if (!deep && e.cond === undefined && e.keyExpr === undefined) return undefined;
  // What an element holds that the result gets: its condition's marks (a condition marks it whole),
  // or where it is in the result, its value (deep) or its key's marks.
  const read = (elements: readonly Binding[], byCondition = true): string | undefined => {
    if (elements.length > MAX_FOR_ELEMENTS) return undefined;
    for (const el of elements) {
      const inner = new Map(bound);
      inner.set(e.valueVar, el);
      if (e.keyVar !== undefined) inner.set(e.keyVar, keyBinding(el));
      if (byCondition && e.cond !== undefined) {
        const m = marked(r, e.cond, inner);
        if (m !== undefined) return m;
      } else if (!deep) {
        const m = e.keyExpr === undefined ? undefined : marked(r, e.keyExpr, inner);
        if (m !== undefined) return m;
      } else {
        const found = contains(r, e.valueExpr, inner);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  const passing = (elements: readonly Binding[]): string | undefined => passingElements(r, e, bound, elements, (included) => read(included, false));
  const seen = { literal: false };
  const found = literalElements(r, e.collection, bound, (elements) => ((seen.literal = true), read(elements) ?? passing(elements)));
  if (seen.literal) return found;
  // Marks that do not come from an element (those of a literal's are read above): none, and the
  // collection's value is not asked for (it would be read for every for_each over a map). A value
  // (deep) marked whatever the element is in the result where the collection has an element:
  // terraform plan 1.11.4 refuses for_each = toset([for s in var.names : var.pw]) and such an
  // output, and accepts both with names = [].
  const apart = read([{ expr: NOTHING, bound: NONE_BOUND }]);
  if (apart === undefined) return instanceElements(r, e.collection, bound, read) ?? passing([{ expr: NOTHING, bound: NONE_BOUND }, ...someInstance(r, e.collection, bound)]);
  // terraform validate 1.11.4, where variables are unknown, reads a condition once with an unknown
  // element, and the result keeps its marks: it refuses for_each = `{ for k, v in var.empty : k => v
  // if v != var.pw }` with default = {} (and accepts it over local.l = [] or range(0), known empty).
  if (!deep && e.cond !== undefined && !bound.has('var') && freeTraversals(e.collection).some((t) => t.root === 'var')) return apart;
  // Else they are the result's where it has an element: as markedForBody, a collection reading a
  // name a reading binds is not the evaluation's to know.
  const known = readsBound(r, e.collection, bound) ? undefined : askKnown(r, e.collection);
  return (known === undefined ? undefined : literalElements(r, known, NONE_BOUND, read)) ?? instanceElements(r, e.collection, bound, read);
}

/**
 * A `for` with a condition holds what its value (or key) holds for the elements the condition lets
 * through: of `elements` (a literal's; NOTHING, any element of a collection not written out; one
 * instance of a module call), those whose key is among the keys the evaluation gives `[for k, v in c
 * : k if cond]` in this instance (any key, for an element without one). terraform plan 1.11.4
 * refuses an output `[for s in var.names : "x${var.pw}" if s != ""]` with names = ["a", "b"]
 * (validate accepts it: names is unknown there), accepts it with [] or ["", ""]; validate refuses
 * `[for k, v in { a = var.pw, b = "q" } : v if k == "a"]` and accepts it with k == "b". `read`
 * reads the elements let through.
 */
function passingElements(r: Reader, e: ForExpr, bound: Bound, elements: readonly Binding[], read: (included: readonly Binding[]) => string | undefined): string | undefined {
  // Asked only where an element would give the result a mark: the question costs an evaluation.
  if (e.cond === undefined || read(elements) === undefined || readsBound(r, e, bound)) return undefined;
  const keys = askKnown(r, passingKeysOf(e));
  if (keys?.type !== 'tuple') return undefined;
  const passed = new Set(keys.items.map((k) => literalIndex(k) ?? literalString(k)));
  return read(elements.filter((el) => (el.key === undefined ? passed.size > 0 : passed.has(literalIndex(el.key) ?? literalString(el.key)))));
}

/**
 * One instance of the call `e` reads whole (`for k, m in module.m`), not named: what marks the output
 * of every instance marks it (InstanceKey null). terraform plan 1.11.4 refuses an output `{ for k, m
 * in module.m : k => m.out if k != "" }` where out holds a sensitive value the caller gives each instance.
 */
function someInstance(r: Reader, e: Expression, bound: Bound): Binding[] {
  const found: Binding[] = [];
  follow(r, e, [], bound, (x, b, steps) => {
    const call = steps.length === 0 ? instancesRead(r, x, b, false) : undefined;
    if (call !== undefined) found.push({ expr: instanceOf(call, ONE_INSTANCE, x), bound: NONE_BOUND });
    return undefined;
  });
  return found;
}

/** `[for k, v in c : k if cond]` of a `for` with a condition, one per `for` (the links memoise answers by expression). */
function passingKeysOf(e: ForExpr): Expression {
  let keys = passingKeys.get(e);
  if (keys === undefined) {
    const keyVar = e.keyVar ?? KEY;
    const { start, end } = e;
    keys = { type: 'for', keyVar, valueVar: e.valueVar, collection: e.collection, cond: e.cond, valueExpr: { type: 'traversal', root: keyVar, steps: [], start, end }, group: false, start, end };
    passingKeys.set(e, keys);
  }
  return keys;
}

const passingKeys = new WeakMap<ForExpr, Expression>();

/** The key name passingKeysOf binds where the `for` binds none (no HCL name can spell it). */
const KEY = '\0key';

/** Whether `e` reads a name a reading binds (not the evaluation's to know), other than the instance's own `each`. */
function readsBound(r: Reader, e: Expression, bound: Bound): boolean {
  return freeTraversals(e).some((t) => bound.has(t.root) && bound.get(t.root) !== r.each);
}

/** A call's result holding a marked value where its arguments' elements keep their own marks. */
function callContains(r: Reader, e: FunctionCallExpr, bound: Bound): string | undefined {
  const name = e.name.startsWith('core::') ? e.name.slice(6) : e.name;
  const args = e.args;
  const anyArg = (): string | undefined => {
    for (const a of args) {
      const found = contains(r, a, bound);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  if (KEEP_ELEMENTS.has(name)) return anyArg();
  switch (name) {
    case 'try':
      return firstSuccess(r, args, bound, contains);
    case 'element':
    case 'lookup':
      return selected(r, name, args, bound, contains);
    case 'merge':
      return mergeContains(r, args, bound);
    case 'zipmap': {
      // Keys all written and distinct: every value is in the result.
      const keys = args[0]?.type === 'tuple' ? args[0].items.map(literalString) : undefined;
      if (keys === undefined || keys.some((k) => k === undefined) || new Set(keys).size !== keys.length || args[1] === undefined) return undefined;
      return contains(r, args[1], bound);
    }
    case 'slice': {
      const from = literalIndex(args[1]);
      const to = literalIndex(args[2]);
      if (args[0] === undefined || from === undefined || to === undefined) return undefined;
      return literalElements(r, args[0], bound, (els) => {
        for (const el of els.slice(from, to)) {
          const found = contains(r, el.expr, el.bound);
          if (found !== undefined) return found;
        }
        return undefined;
      });
    }
    default:
      return undefined;
  }
}

/**
 * try()'s result is its first argument that succeeds, with that argument's marks: certain when an
 * argument that certainly succeeds is reached with every one before it marked.
 */
function firstSuccess(r: Reader, args: readonly Expression[], bound: Bound, check: (r: Reader, e: Expression, bound: Bound) => string | undefined): string | undefined {
  let found: string | undefined;
  for (const a of args) {
    const m = check(r, a, bound);
    if (m === undefined) return undefined;
    found ??= m;
    if (certainlySucceeds(r, a, bound)) return found;
  }
  return found;
}

/** element() and lookup() with literal arguments pick one element of a literal, with its own marks. */
function selected(r: Reader, name: string, args: readonly Expression[], bound: Bound, check: (r: Reader, e: Expression, bound: Bound) => string | undefined): string | undefined {
  const source = args[0];
  if (source === undefined) return undefined;
  if (name === 'lookup') {
    const key = literalString(boundExpr(args[1], bound));
    if (key === undefined) return undefined;
    return follow(r, source, [{ kind: 'attr', name: key, start: 0, end: 0 }], bound, (x, b, steps) => {
      if (steps.length === 0) return check(r, x, b);
      // A literal object without the key gives the default.
      if (x.type === 'object' && x.items.every((item) => literalKey(item) !== undefined) && steps.length === 1 && args[2] !== undefined) return check(r, args[2], bound);
      return undefined;
    });
  }
  return literalElements(r, source, bound, (els) => {
    if (els.length === 0) return undefined;
    const at = literalIndex(boundExpr(args[1], bound));
    const el = at === undefined ? undefined : els[at % els.length]!;
    return el === undefined ? undefined : check(r, el.expr, el.bound);
  });
}

/**
 * merge() keeps each attribute's own marks (a marked argument marks the whole result): an
 * attribute holding a mark is in the result unless a later argument may set it again.
 */
function mergeContains(r: Reader, args: readonly Expression[], bound: Bound): string | undefined {
  const last = args.at(-1);
  if (last === undefined) return undefined;
  const found = contains(r, last, bound);
  if (found !== undefined) return found;
  // Keys the later arguments set, while they are all literal objects (undefined once one is not).
  let later: Set<string> | undefined = new Set();
  for (let i = args.length - 1; i >= 0 && later !== undefined; i--) {
    const keys: Set<string> = later;
    const items = follow(r, args[i]!, [], bound, (x, b, steps) => {
      if (steps.length > 0 || x.type !== 'object' || !x.items.every((item) => literalKey(item) !== undefined)) {
        later = undefined;
        return undefined;
      }
      for (const item of x.items) {
        const key = literalKey(item)!;
        if (i < args.length - 1 && !keys.has(key)) {
          const m = contains(r, item.value, b);
          if (m !== undefined) return m;
        }
      }
      for (const item of x.items) keys.add(literalKey(item)!);
      return undefined;
    });
    if (items !== undefined) return items;
  }
  return undefined;
}

/** Whether the value of `e` is itself marked (its top level), as cty carries marks through operations. */
function marked(r: Reader, e: Expression, bound: Bound): string | undefined {
  switch (e.type) {
    case 'parens':
      return marked(r, e.expr, bound);
    case 'traversal':
    case 'relativeTraversal':
      // Through locals and literal indexes to the part read; a value's own mark goes with every part.
      return follow(r, e, [], bound, (x, b) => (x === e ? markedReference(r, e, bound) : marked(r, x, b)));
    case 'splat':
      return marked(r, e.source, bound);
    case 'index':
      // Through a key a `for` binds to the part read, else the collection's marks and the key's.
      return follow(r, e, [], bound, (x, b, steps) => (x === e && steps.length === 0 ? (marked(r, e.collection, bound) ?? marked(r, e.key, bound)) : marked(r, x, b)));
    case 'template':
      return markedParts(r, e.parts, bound);
    case 'binary':
      // Equality of collections reads every element: one marked marks the result (cty).
      if (e.op === '==' || e.op === '!=') return contains(r, e.left, bound) ?? contains(r, e.right, bound);
      return marked(r, e.left, bound) ?? marked(r, e.right, bound);
    case 'unary':
      return marked(r, e.operand, bound);
    case 'conditional':
      // The result carries the condition's marks and both branches' (terraform plan 1.11).
      return marked(r, e.cond, bound) ?? marked(r, e.then, bound) ?? marked(r, e.else, bound);
    case 'for':
      // A for over a marked collection is marked, and so is one whose condition reads a marked element.
      return marked(r, e.collection, bound) ?? forElements(r, e, bound, false);
    case 'call': {
      const name = e.name.startsWith('core::') ? e.name.slice(6) : e.name;
      if (name === 'sensitive') return 'sensitive()';
      if (UNMARKING.has(name)) return undefined;
      // A set cannot hold marked elements: converting to one moves their marks onto the set (toset([var.pw])).
      if (name === 'toset' && e.args.length === 1) return contains(r, e.args[0]!, bound);
      if (READ_WHOLE.has(name)) {
        for (const a of e.args) {
          const m = contains(r, a, bound);
          if (m !== undefined) return m;
        }
        return undefined;
      }
      if (name === 'try') return firstSuccess(r, e.args, bound, marked);
      // lookup() gives its default only when the key is missing: the default's marks are not certain.
      const args = name === 'lookup' ? e.args.slice(0, 2) : e.args;
      for (const a of args) {
        const m = marked(r, a, bound);
        if (m !== undefined) return m;
      }
      // The element picked, with its own marks.
      if (name === 'element' || name === 'lookup') return selected(r, name, e.args, bound, marked);
      return undefined;
    }
    default:
      return undefined;
  }
}

/** A reference the syntax does not follow further: a variable (marked whole, or by the caller), a module output. */
function markedReference(r: Reader, e: Expression, bound: Bound): string | undefined {
  if (e.type === 'relativeTraversal') return marked(r, e.source, bound);
  if (e.type !== 'traversal' || bound.has(e.root)) return undefined;
  const first = e.steps[0]?.kind === 'attr' ? e.steps[0].name : undefined;
  if (first === undefined) return undefined;
  if (e.root === 'var') {
    const decl = r.mod.variables.get(first);
    if (decl === undefined) return undefined;
    if (variableShape(decl.node).sensitive) return `var.${first}`;
    const given = askInput(r, first);
    return given !== undefined ? `var.${first} (from ${given} in the caller)` : undefined;
  }
  if (e.root === 'module') {
    const read = moduleOutput(r.mod, e);
    if (read === undefined) return undefined;
    return askOutput(r, read.call, read.out, false, read.key);
  }
  return undefined;
}

function markedParts(r: Reader, parts: readonly TemplatePart[], bound: Bound): string | undefined {
  for (const p of parts) {
    if (p.kind === 'interpolation') {
      const m = marked(r, p.expr, bound);
      if (m !== undefined) return m;
    } else if (p.kind === 'if') {
      const m = marked(r, p.cond, bound) ?? markedParts(r, p.then, bound) ?? markedParts(r, p.else, bound);
      if (m !== undefined) return m;
    } else if (p.kind === 'for') {
      const m = marked(r, p.collection, bound) ?? markedForBody(r, p, bound);
      if (m !== undefined) return m;
    }
  }
  return undefined;
}

/**
 * A `%{ for }` body's marks: rendered once per element, with the name bound to each element of a
 * literal collection (terraform plan 1.11.4 refuses `"%{ for x in [var.pw] }${x}%{ endfor }"` as an
 * output, and accepts `"%{ for x in [] }${var.pw}%{ endfor }"` and `"%{ for x in [var.pw] }y%{ endfor }"`),
 * or of a collection whose value the instance knows, written out (plan accepts
 * `"%{ for x in var.empty }${var.pw}%{ endfor }"` with `default = []`, refuses it with `["a"]`); an
 * element unknown at plan is bound to nothing certain. Of a collection whose value is unknown, how
 * many elements it has is not known either, so the body's marks are not certain: plan accepts such an
 * output, and apply too when the collection turns out empty (refuses it when it has an element).
 */
function markedForBody(r: Reader, p: TemplatePart & { kind: 'for' }, bound: Bound): string | undefined {
  const bind = (el: Binding | null): Bound => {
    const inner = new Map(bound);
    inner.set(p.valueVar, el);
    if (p.keyVar !== undefined) inner.set(p.keyVar, el === null ? null : keyBinding(el));
    return inner;
  };
  const seen = { literal: false };
  const eachElement = (elements: readonly Binding[]): string | undefined => {
    seen.literal = true;
    for (const el of elements.slice(0, MAX_FOR_ELEMENTS)) {
      const m = markedParts(r, p.body, bind(el));
      if (m !== undefined) return m;
    }
    return undefined;
  };
  const found = literalElements(r, p.collection, bound, eachElement);
  if (seen.literal) return found;
  // A name a reading binds (an element, or nothing certain) is not the evaluation's to know.
  // The instance's own `each` is, where the syntax does not reach its element.
  const known = readsBound(r, p.collection, bound) ? undefined : askKnown(r, p.collection);
  return (known === undefined ? undefined : literalElements(r, known, NONE_BOUND, eachElement)) ?? instanceElements(r, p.collection, bound, eachElement);
}

/**
 * A `for` over a local may read it again for each element (`{ for k, v in local.m : lookup(local.m,
 * k) => v }`, refused by terraform plan 1.11.4 with m = { a = var.pw }): a local is read at most
 * this many times on the way, which still ends a cycle among locals.
 */
const MAX_LOCAL_DEPTH = 2;

/** Reads local `name`'s expression (a cycle among locals is said by the evaluator). */
function throughLocal(r: Reader, name: string, read: (expr: Expression) => string | undefined): string | undefined {
  const depth = r.seen.get(name) ?? 0;
  if (depth >= MAX_LOCAL_DEPTH) return undefined;
  const local = r.mod.locals.get(name);
  if (local === undefined) return undefined;
  r.seen.set(name, depth + 1);
  try {
    const found = read(local.node.expr);
    return found !== undefined ? `local.${name} (${found})` : undefined;
  } finally {
    if (depth === 0) r.seen.delete(name);
    else r.seen.set(name, depth);
  }
}
