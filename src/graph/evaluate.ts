// Expression evaluation with Terraform semantics: unknowns propagate, conditionals and logical
// operators short-circuit on known values (errors on the inactive side dropped, as Terraform 1.12+ does), try/can catch errors, splats and for-expressions
// iterate lists, sets and maps. Errors are thrown as EvalError with the node's range; callers at
// attribute level turn them into diagnostics (see body.ts).
import type { Expression, FunctionCallExpr, ObjectExpr, Range, TemplateExpr, TemplatePart, TraversalExpr, TraversalStep } from '../parsers/hcl/ast.js';
import type { Span } from '../source/span.js';
import type { EphemeralParts } from './ephemeral.js';
import { withoutEphemeralParts } from './ephemeral-as-null.js';
import { decimalAdd, decimalMultiply, decimalRemainder, decimalSubtract } from './decimal-arithmetic.js';
import { constructorPart, kindOfNull, type NullKind, type NullType } from './null-types.js';
import { callBuiltin, isKnownFunction, type FunctionContext } from './functions/index.js';
import { chargeWork, checkValueSize } from './functions/args.js';
import { jsonEncode } from './functions/encoding.js';
import { ANY, commonType, convert, convertToUnified, convertible, describeType, givenType, hasAny, parseType, sameType, typeDescription, valueType, type TypeSpec } from './types.js';
import { branchType, isResourceReference, type LeafType } from './branch-types.js';
import { entryPerInstance, instanceAddressOf, itemInstances, markDerived, markItems, markValues, narrowIndex, wholeConfigOf } from './instance-references.js';
import { EVALUATOR_GAP, EvalError, operatorResult, MISSING_INSTANCE_KEY, notTemplate, templateRefinement, UNEXPECTED_INSTANCE_KEY, ListV, ObjV, UNKNOWN_TEXT, Unk, causeOfParts, compareKeys, equals, firstUnk, valueSize, getAttr, hasUnk, indexValue, nfc, obj, toBool, toNum, toStr, tuple, typeName, typedBy, unk, unknownOfParts, untyped, withJsonShape, jsonShape, withLengthRange, lengthRange, setOfUnknownLength, type NumberRange, list, numberRangeOf, unionRange, rangeLess, type Val } from './value.js';
import { BOOL, NUMBER, STRING } from './primitive-types.js';

const NO_REFS: readonly string[] = Object.freeze([]);
const NO_HOPS: readonly Span[] = Object.freeze([]);

/**
 * Functions whose result does not let the argument be read back (digests, and bcrypt's salted hash):
 * `triggers_replace = [sha256(var.pw)]` keeps only the digest in state. Not base64encode, jsonencode,
 * format or join, which keep the argument readable.
 */
const ONE_WAY_FUNCTIONS: ReadonlySet<string> = new Set(['md5', 'sha1', 'sha256', 'sha512', 'base64sha256', 'base64sha512', 'bcrypt']);

/**
 * Functions that do not give their argument back either, whose unknown result is told as their
 * argument's (as it always was): the digests of a file (the argument is its path, the result the
 * digest of its content) and length() (a secret's length is not the secret). Their result keeps
 * the argument's mark as a hashed one, like ONE_WAY_FUNCTIONS'.
 */
const TOLD_AS_ARGUMENT: ReadonlySet<string> = new Set(['filemd5', 'filesha1', 'filesha256', 'filesha512', 'filebase64sha256', 'filebase64sha512', 'length']);

/** What an evaluation touched: provenance hops, sensitivity and referenced resources. */
export class Trace {
  /**
   * Made on the first hop: most traces have none. Until a second list or a declaration is added,
   * it is the first memo's own list, shared (memo lists are never changed): copied before a push.
   */
  private hops: Span[] | undefined;
  private hopsShared = false;
  /** A sensitive value was read outside the argument of a one-way function. */
  private clearMark = false;
  /** A sensitive value was read inside the argument of a one-way function (ONE_WAY_FUNCTIONS). */
  private hashedMark = false;

  /** Whether any sensitive value was read: Terraform keeps the mark through every function, hashes too. */
  get sensitive(): boolean {
    return this.clearMark || this.hashedMark;
  }

  set sensitive(marked: boolean) {
    this.clearMark = marked;
  }

  /**
   * Marked only through one-way functions (`sha256(var.pw)`): the value holds a digest, not the
   * secret, so a rule about secrets kept readable in state can tell the two apart.
   */
  get onlyHashedMarks(): boolean {
    return this.hashedMark && !this.clearMark;
  }
  /**
   * References in first-seen order without repeats, made on the first one: most expressions refer
   * to no resource, and those that do to one or two, where an array and a scan cost less than a Set.
   */
  private refArray: string[] | undefined;

  /** The hops so far, in order (one shared empty list when there are none; never to be changed). */
  get via(): readonly Span[] {
    return this.hops ?? NO_HOPS;
  }

  /** Membership for long reference lists (an expression over many resources), where a scan would be quadratic. */
  private refIndex: Set<string> | undefined;

  /**
   * `keepsHops` false for a trace read only for its references and sensitivity (count, for_each):
   * it then never builds a hop list.
   */
  constructor(private readonly keepsHops = true) {}

  addRef(ref: string): void {
    const refs = this.refArray;
    if (refs === undefined) {
      this.refArray = [ref]; // a literal holds exactly one; [] then push reserves seventeen
      return;
    }
    if (refs.length < 16) {
      if (!refs.includes(ref)) refs.push(ref);
      return;
    }
    const index = (this.refIndex ??= new Set(refs));
    if (!index.has(ref)) {
      index.add(ref);
      refs.push(ref);
    }
  }

  /** References whose values are the configuration's own, whole (markExact). */
  private exactRefs: Set<string> | undefined;

  /**
   * Notes that what `ref` gave is the configuration's own value, whole: a terraform_data whose body
   * reads nothing but the configuration (its input is that value, its output of that type, as
   * Terraform has them at plan). A failure on it is then no gap of ours (readsConfigurationOnly).
   */
  markExact(ref: string): void {
    (this.exactRefs ??= new Set()).add(ref);
  }

  /** Whether nothing read so far came from a resource, data source or module output (value.ts severityByOrigin), but one marked exact. */
  readsConfigurationOnly(): boolean {
    const refs = this.refArray;
    if (refs === undefined || refs.length === 0) return true;
    const exact = this.exactRefs;
    return exact !== undefined && refs.every((r) => exact.has(r));
  }

  /** How many references so far (for dropRefAddedSince). */
  refCount(): number {
    return this.refArray?.length ?? 0;
  }

  /** Forgets `ref` if it was first added after the first `count` references (instance-references.ts). */
  dropRefAddedSince(ref: string, count: number): void {
    const refs = this.refArray;
    if (refs === undefined) return;
    const at = refs.indexOf(ref, count);
    if (at < 0) return;
    refs.splice(at, 1);
    this.refIndex?.delete(ref);
  }

  /** The references in first-seen order (one shared empty list when there are none; a copy otherwise). */
  refList(): readonly string[] {
    return this.refArray === undefined || this.refArray.length === 0 ? NO_REFS : this.refArray.slice();
  }

  copyRefsTo(target: Set<string>): void {
    const refs = this.refArray;
    if (refs !== undefined) for (let i = 0; i < refs.length; i++) target.add(refs[i]!);
  }

  /** Take on what a memoised value travelled through; `last` (its declaration) goes after its hops. */
  absorb(other: { readonly via: readonly Span[]; readonly sensitive: boolean; readonly onlyHashedMarks?: boolean; readonly refs: readonly string[] }, last?: Span): void {
    // Indexed loops: most lists are empty, and for-of sets up an iterator even then.
    const via = other.via;
    const hops = this.hops;
    if (this.keepsHops && (via.length > 0 || last !== undefined)) {
      if (hops === undefined) {
        if (last === undefined) {
          this.hops = via as Span[];
          this.hopsShared = true;
        } else this.hops = joined(NO_HOPS, via, last);
      } else if (this.hopsShared) {
        this.hops = joined(hops, via, last);
        this.hopsShared = false;
      } else {
        for (let i = 0; i < via.length; i++) hops.push(via[i]!);
        if (last !== undefined) hops.push(last);
      }
    }
    // A memo that does not say how it was marked counts as marked in the clear.
    if (other.sensitive) {
      if (other.onlyHashedMarks === true) this.hashedMark = true;
      else this.clearMark = true;
    }
    const refs = other.refs;
    for (let i = 0; i < refs.length; i++) this.addRef(refs[i]!);
  }
}

/**
 * `a`, then `b`, then `last` when given, in a new list allocated at its final length (where pushing
 * onto [] reserves seventeen). Not Array.prototype.concat: its generic path (spreadable checks on
 * every argument) was the largest cost of absorbing a memo.
 */
function joined(a: readonly Span[], b: readonly Span[], last: Span | undefined): Span[] {
  const out = new Array<Span>(a.length + b.length + (last === undefined ? 0 : 1));
  let n = 0;
  for (let i = 0; i < a.length; i++) out[n++] = a[i]!;
  for (let i = 0; i < b.length; i++) out[n++] = b[i]!;
  if (last !== undefined) out[n] = last;
  return out;
}

/**
 * What a traversal written directly in try() or can() gives where evaluating it would throw
 * because an attribute or a resource instance does not exist: try() moves on to its next argument
 * as it would after the exception, without one. Real modules do this thousands of times per scan
 * (`try(aws_kms_key.this[0].arn, null)` over `count = 0`), and each exception unwound the stack.
 * Never a value: only try() and can() see it.
 */
export const MISSING: unique symbol = Symbol('missing');
export type Missing = typeof MISSING;

/** Resolves the roots a module instance defines: var, local, module, data, resource types, path, terraform. */
export interface RootResolver {
  /**
   * Returns the value, or undefined when the root is not defined; how many steps the value
   * consumed is then in `consumed` (a field, not a result object: this runs for every reference).
   * With `orMissing`, MISSING (with the same effects up to that point) where it would throw because
   * an indexed resource instance does not exist. One method, not one per case: each call between
   * them cost a frame on every reference.
   */
  resolveRoot(root: string, steps: readonly TraversalStep[], expr: TraversalExpr, trace: Trace, orMissing: boolean): Val | Missing | undefined;
  readonly consumed: number;
}

/** A resolver that defines no roots (templates, variable files). */
export const NO_ROOTS: RootResolver = { resolveRoot: () => undefined, consumed: 0 };

export interface EvalEnv {
  readonly resolver: RootResolver;
  readonly fn: FunctionContext;
  /** Called once per scan for each unimplemented function name. */
  reportUnimplemented(name: string, range: Range): void;
  /** Parse template text (templatefile/templatestring); undefined when no parser is available. */
  parseTemplate(text: string, origin: string): TemplateExpr | undefined;
  /** Told which call is running, so filesystem functions can point their diagnostics at it. */
  onCall?(call: FunctionCallExpr): void;
  /** Whether the syntax settles that the value of `expr` has no sensitive mark of its own (sensitive-outputs.ts). */
  isUnmarked?(expr: Expression): boolean;
  /** Whether `expr` reads an ephemeral resource or variable, directly or through locals (ephemeral.ts). */
  readsEphemeral?(expr: Expression): boolean;
  /** Whether `expr` is surely ephemeral as a whole, surely in a part only, or neither surely (ephemeral.ts). */
  ephemeralMark?(expr: Expression, forElements?: () => readonly { name: string; collection: Expression }[]): 'whole' | 'part' | 'none';
  /**
   * Where `expr` is a called module's instance or instances (or a splat of an output), which of its
   * parts are ephemeral (ephemeral.ts), and whether an output kept as it is is sensitive.
   */
  ephemeralPartsOf?(expr: Expression, forElements?: () => readonly { name: string; collection: Expression }[]): { readonly parts: EphemeralParts; readonly keptSensitive: boolean } | undefined;
  /**
   * Functions of a tool beyond Terraform's, asked before the built-in ones (Terragrunt's, in
   * terragrunt.ts): the result, or undefined when `name` is not one of them.
   */
  extraFunction?(name: string, args: readonly Val[], call: FunctionCallExpr): Val | undefined;
  /**
   * Every function call evaluated is refused (EvalError 'eval/call-refused'), as Terraform reads a
   * variables file (variables.ts) and provider::terraform::decode_tfvars' text: a call in a branch
   * not taken is no error there (terraform plan 1.11.4: `a = true ? 1 : upper("x")` is 1).
   */
  readonly callsRefused?: boolean;
  /** The type of the null `expr` gives, where the syntax settles it (null-types.ts); asked only of a null. */
  nullType?(expr: Expression, isBound: (name: string) => boolean): NullType | undefined;
  /** References under `expr` to declarations the module lacks (static-references.ts undeclaredUnderExpression). */
  undeclaredIn?(expr: Expression): readonly { readonly expr: TraversalExpr; readonly message: string }[];
}

/** Lexical variables: for-expression symbols, count, each, dynamic iterators, splat element. */
/**
 * Bound beside `each` when the for_each read a sensitive value (a map whose values alone are
 * sensitive, which Terraform accepts): each.value is then sensitive too. No HCL name can spell it.
 */
export const SENSITIVE_EACH = '\0each-sensitive';

export class Scope {
  /**
   * Either a map of names or one binding (`name`, `value`): most scopes bind one name (count, each,
   * a splat element, a for variable without a key), and a Map per binding was a large share of
   * what evaluation allocated.
   */
  private constructor(
    readonly parent: Scope | undefined,
    private readonly names: ReadonlyMap<string, Val> | undefined,
    private readonly name: string | undefined,
    private readonly value: Val,
    /** For `name` bound by a `for` to an element: the collection it iterates, as written. */
    private readonly elementOf?: Expression,
  ) {}

  static root(): Scope {
    return new Scope(undefined, undefined, undefined, null);
  }

  lookup(name: string): Val | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      if (s.name !== undefined) {
        if (s.name === name) return s.value;
      } else if (s.names !== undefined && s.names.size > 0) {
        const v = s.names.get(name);
        if (v !== undefined) return v;
      }
    }
    return undefined;
  }

  with(names: ReadonlyMap<string, Val>): Scope {
    return new Scope(this, names, undefined, null);
  }

  /** This scope and one more name. */
  bind(name: string, value: Val): Scope {
    return new Scope(this, undefined, name, value);
  }

  /** This scope and a `for` value variable, bound to an element of `collection`. */
  bindElement(name: string, value: Val, collection: Expression): Scope {
    return new Scope(this, undefined, name, value, collection);
  }

  /**
   * The names visible here that a `for` binds to an element, with the collection each iterates
   * (ephemeral.ts reads `[for m in module.c : ephemeralasnull(m.eph)]` from it). A name bound
   * again nearer in (a key variable, each, an inner for) hides the outer binding.
   */
  forElements(): { name: string; collection: Expression }[] {
    const seen = new Set<string>();
    const out: { name: string; collection: Expression }[] = [];
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const names = s.name !== undefined ? [s.name] : s.names !== undefined ? [...s.names.keys()] : [];
      for (const name of names) {
        if (seen.has(name)) continue;
        seen.add(name);
        if (s.elementOf !== undefined) out.push({ name, collection: s.elementOf });
      }
    }
    return out;
  }
}

export const EMPTY_SCOPE = Scope.root();

/** The keys of an object expression written as names or plain strings, as obj() would order them. */
interface StaticKeys {
  /** Distinct keys, sorted. */
  readonly keys: readonly string[];
  /** For each key, the item whose value it takes: the last one with that key (later duplicates win). */
  readonly from: readonly number[];
  /** The longest key: a key over the string budget takes the general path, which reports it. */
  readonly longest: number;
}

const staticKeysOf = new WeakMap<ObjectExpr, StaticKeys | null>();

/** Once per object expression (null when a key is computed); the same for every instance that evaluates it. */
function staticKeys(expr: ObjectExpr): StaticKeys | null {
  let found = staticKeysOf.get(expr);
  if (found === undefined) {
    found = readStaticKeys(expr);
    staticKeysOf.set(expr, found);
  }
  return found;
}

function readStaticKeys(expr: ObjectExpr): StaticKeys | null {
  const last = new Map<string, number>();
  let longest = 0;
  for (let i = 0; i < expr.items.length; i++) {
    const item = expr.items[i]!;
    let key: string;
    if (item.bareKey && item.key.type === 'traversal') key = item.key.root;
    else if (item.key.type === 'template' && item.key.parts.every((p) => p.kind === 'literal')) key = nfc(item.key.parts.map((p) => (p as { value: string }).value).join(''));
    else return null;
    last.set(key, i);
    longest = Math.max(longest, key.length);
  }
  const keys = [...last.keys()].sort(compareKeys);
  return { keys, from: keys.map((k) => last.get(k)!), longest };
}

const ANON = '\u0000splat';

function withRange(e: unknown, range: Range): never {
  // The node itself as the range: spans are cached per node (parse.ts), so a fresh object per error would add an entry each time.
  if (e instanceof EvalError && e.range === undefined) throw new EvalError(e.message, range, e.code);
  throw e;
}

export class Evaluator {
  constructor(readonly env: EvalEnv) {}

  evaluate(expr: Expression, scope: Scope, trace: Trace): Val {
    try {
      return this.eval(expr, scope, trace);
    } catch (e) {
      if (e instanceof RangeError) throw new EvalError('Expression too deeply nested or too large to evaluate.', expr, 'eval/budget');
      return withRange(e, expr);
    }
  }

  /**
   * A collection an expression made, refused past the value size budget before anything walks it:
   * made of shared parts, it may be cheap to make and exponentially large to walk (issue 12).
   */
  private sized(v: Val, range: Range): Val {
    try {
      return checkValueSize(v, this.env.fn.budget);
    } catch (e) {
      return withRange(e, range);
    }
  }

  /** Charge the walk of a value (valueSize units) to the scan's work budget. */
  private work(units: number, range: Range): void {
    try {
      chargeWork(units, this.env.fn.budget);
    } catch (e) {
      withRange(e, range);
    }
  }

  private step(): void {
    if (--this.env.fn.budget.steps < 0) throw new EvalError('Evaluation budget exhausted (too many iterations); remaining values are unknown.', undefined, 'eval/budget');
  }

  private eval(expr: Expression, scope: Scope, trace: Trace): Val {
    // The commonest kind first: a switch on strings tests its cases in order.
    switch (expr.type) {
      case 'traversal':
        return this.walk(expr, scope, trace, false) as Val; // never MISSING when not asked for
      case 'literal':
        return expr.value === null || typeof expr.value === 'boolean' ? expr.value : Number(expr.value.number);
      case 'template':
        return this.template(expr.parts, scope, trace, true);
      case 'parens':
        return this.eval(expr.expr, scope, trace);
      case 'relativeTraversal': {
        // `(aws_x.y[*].id)[1]`, `aws_x.y.*.id[1]`: the index is a step here (instance-references.ts).
        const refsBefore = trace.refCount();
        return this.stepThrough(this.eval(expr.source, scope, trace), expr.steps, undefined, 0, false, trace, refsBefore) as Val;
      }
      case 'call':
        try {
          const v = this.call(expr, scope, trace);
          // A function's result has no prefix refinement, even one that gives its argument back
          // (terraform plan 1.11.4: `upper("a-${u}") == "zz"`, `tostring(...)`, `coalesce(...)` unknown).
          // Nor a type: one given back is the argument's, not the result's (length(var.l) is a number),
          // except the type Terraform's function gives its result (functions/result-types.ts).
          if (!(v instanceof Unk)) return v;
          // Nor a number's bounds (terraform plan 1.11.4: `max(u ? 1 : 2, 5)` is unknown).
          // Except length()'s of a collection whose length is within bounds (withLengthRange).
          if (v.range !== undefined && expr.name !== 'length' && expr.name !== 'core::length') return new Unk(v.cause, v.partial, v.notNull);
          if (v.templatePrefix !== undefined && !REFINING_FUNCTIONS.has(expr.name)) return new Unk(v.cause, v.partial, v.notNull);
          const r = typedBy(v) === (expr.name.startsWith('core::') ? expr.name.slice(6) : expr.name) ? v : untyped(v);
          // Nor a collection's length bounds, which are an argument's: concat() gives an unknown
          // argument back for its whole result (terraform console -plan 1.11.4: `length(concat(u ?
          // [local.s] : [local.n], ["x"]))` is 2, not the argument's 1).
          return r === v && lengthRange(v) !== undefined ? v.withType(v.type) : r;
        } catch (e) {
          return withRange(e, expr);
        }
      case 'conditional': {
        const cond = toBool(this.eval(expr.cond, scope, trace), 'condition');
        if (cond instanceof Unk) {
          // Both branches are evaluated for their references, their errors dropped; not what
          // Terraform refuses before evaluating (validate 1.11.4: `uuid() == "x" ? "a" : upper(var.nope)`).
          this.refuseUndeclared(expr.then, scope);
          this.refuseUndeclared(expr.else, scope);
          const [a, b] = this.branchReferences(expr.then, expr.else, scope, trace);
          // HCL unifies both results' types before it looks at the condition, and refuses a pair
          // with none whether the condition is known or not (terraform console -plan 1.11.4:
          // `u ? 1 : [1]`, `u ? 1 : true`, `u ? ["a"] : [{ a = 1 }]`, `u ? { a = 1 } : { a = [1] }`
          // are refused; `u ? { a = 1 } : { b = 2 }` and `u ? ["a"] : ["b", "c"]` are not). A part
          // whose type is not known here (a resource's attribute, a failed part) unifies with any.
          const ta = branchType(expr.then, this.resultLeaf(expr.then, a), scope);
          const tb = branchType(expr.else, this.resultLeaf(expr.else, b), scope);
          const unified = commonType([ta, tb]);
          if (unified === undefined) {
            throw new EvalError(`Inconsistent conditional result types: the true and false results must have one type, but the true result is ${describeType(ta)} and the false result is ${describeType(tb)}.`, expr, 'eval/type');
          }
          // Terraform refines the unknown result by both results: two equal numbers bound it to
          // that number, which it then knows, and two nulls make it null (terraform plan 1.11.4:
          // `unknown ? 3 : 3` is 3, `unknown ? null : null` null; two equal strings stay unknown).
          if (typeof a === 'number' && a === b) return a + 0;
          if (a === null && b === null) return null;
          const result = unknownBranch(cond, a, b, expr.then, expr.else);
          // Two tuples of one length (or a tuple and a literal null) unify to a tuple of that length,
          // whichever is taken: its length is known (terraform console -plan 1.11.4: `length(u ?
          // [local.s] : [local.n])`, `length(u ? [null] : ["b"])` and `length(u ? null : ["a"])` are
          // 1; `length(u ? ["a"] : ["b", "c"])` is unknown). Not against a result of a type not known
          // here, which may be a list in Terraform.
          const tupleOrNull = (t: TypeSpec, e: Expression): boolean => t.kind === 'tuple' || (e.type === 'literal' && e.value === null);
          if (unified.kind === 'tuple' && tupleOrNull(ta, expr.then) && tupleOrNull(tb, expr.else)) {
            const n = unified.elems.length;
            return withLengthRange(result, { lo: n, loInc: true, hi: n, hiInc: true });
          }
          return result;
        }
        const result = this.eval(cond ? expr.then : expr.else, scope, trace);
        const other = cond ? expr.else : expr.then;
        // The result not taken is not evaluated for its own sake, but Terraform still refuses a reference
        // in it to something undeclared (validate 1.11.4: `true ? "a" : upper(var.nope)`); a variable or local is evaluated below.
        if (!isVariableOrLocal(other)) this.refuseUndeclared(other, scope);
        if (result instanceof Unk) return this.takenUnknown(result, cond ? expr.then : expr.else, other, scope);
        // A null stays null whatever its type, but a typed one's type must unify with the other
        // result's (terraform console 1.11.4: `true ? var.l : 1` of a list(string) null is "Inconsistent
        // conditional result types ... The 'true' value is list of string, but the 'false' value is
        // number."; `true ? var.s : 1` of a string null is tostring(null), `true ? null : 1` tonumber(null)).
        if (result === null) return this.takenNull(expr, cond, other, scope);
        // Terraform gives both results one type (branch-types.ts): `true ? 443 : "off"` is "443", `true ?
        // [4] : [terraform_data.u.id]` ["4"]. A string takes any primitive as it is, and an empty tuple or
        // object is empty whatever the other's type (`var.on ? [for ...] : []`): against those only what
        // costs a lookup is read, for the error Terraform gives a result of another kind.
        const otherType = branchType(other, typeof result === 'string' || isEmptyConstructed(result) ? this.cheapLeafType : this.leafType, scope);
        const converted = convertToUnified(result, otherType);
        if (converted !== undefined) return converted;
        const [t, f] = cond ? [typeDescription(result), describeType(otherType)] : [describeType(otherType), typeDescription(result)];
        throw new EvalError(`Inconsistent conditional result types: the true and false results must have one type, but the true result is ${t} and the false result is ${f}.`, expr, 'eval/type');
      }
      case 'binary':
        try {
          return this.binary(expr.op, expr.left, expr.right, scope, trace);
        } catch (e) {
          return withRange(e, expr);
        }
      case 'unary': {
        const v = this.eval(expr.operand, scope, trace);
        if (v instanceof Unk && v.type !== undefined) checkOperand(v.type, expr.op === '!' ? BOOL : NUMBER, 'unary');
        if (expr.op === '!') {
          const b = toBool(v, 'operand of !');
          return b instanceof Unk ? operatorResult(b, BOOL) : !b;
        }
        const n = toNum(v, 'operand of -');
        return n instanceof Unk ? operatorResult(n, NUMBER) : -n;
      }
      case 'tuple': {
        // A loop, not items.map(closure): a closure here made every call of eval allocate a context for it.
        const items: Val[] = [];
        for (let i = 0; i < expr.items.length; i++) items.push(this.eval(expr.items[i]!, scope, trace));
        return this.sized(tuple(items), expr);
      }
      case 'object': {
        const fixed = staticKeys(expr);
        if (fixed !== null && fixed.longest <= this.env.fn.budget.maxStringLength) return this.sized(this.staticObject(expr, fixed, scope, trace), expr);
        const entries: [string, Val][] = [];
        let unknownKey: Unk | undefined;
        for (const item of expr.items) {
          let key: string;
          if (item.bareKey && item.key.type === 'traversal') key = item.key.root;
          else if (item.bareKey && item.key.type === 'literal' && item.key.value === null) key = 'null'; // `{ null = 1 }`: the keyword is the key's text
          else {
            const k = toStr(this.eval(item.key, scope, trace), 'object key');
            if (k instanceof Unk) {
              unknownKey ??= k;
              // The entry stays, under its known text ("${unknown}:sub"), for the known structure below.
              key = typeof k.partial === 'string' ? k.partial : UNKNOWN_TEXT;
            } else key = k;
          }
          entries.push([key, this.eval(item.value, scope, trace)]);
        }
        // Terraform makes an object with a key known only at apply time wholly unknown (hcl's
        // ObjectConsExpr gives cty.DynamicVal: `terraform plan` shows its length "(known after
        // apply)"), and so does this; what is known of it is kept as its partial, as jsonencode
        // keeps its argument, so that a rule still sees the entries: a trust policy's condition
        // { "${oidc_host}:sub" = "system:serviceaccount:phi:exporter" } pins the subject whatever the
        // host. It was the key's own unknown, whose known text ("…:sub") made the object read as a
        // string and its entries vanish. Not known not-null either: hcl adds no refinement.
        return this.sized(unknownKey === undefined ? obj(entries) : new Unk(unknownKey.cause, obj(entries)), expr);
      }
      case 'index': {
        const refsBefore = trace.refCount();
        const coll = this.eval(expr.collection, scope, trace);
        const key = this.eval(expr.key, scope, trace);
        let result: Val;
        try {
          result = indexValue(coll, key);
        } catch (e) {
          return withRange(e, expr);
        }
        narrowIndex(trace, coll, key, result, refsBefore);
        return result;
      }
      case 'splat':
        return this.sized(this.splat(expr.source, expr.each, scope, trace), expr);
      case 'anonSymbol': {
        const v = scope.lookup(ANON);
        if (v === undefined) throw new EvalError('Splat placeholder used outside a splat expression.', expr);
        return v;
      }
      case 'for':
        return this.sized(this.forExpr(expr, scope, trace), expr);
    }
  }

  /**
   * The type of a part of a conditional's result not taken that its syntax leaves open
   * (branch-types.ts), by its value: `any` where it fails, as Terraform drops its errors (terraform
   * console -plan 1.11.4: `true ? 1 : local.o.b` of an object without b is 1). A resource's
   * attribute by its value's type only where that is an unknown's of a type known here: a known one
   * has the type it was written with, which may not be the provider's schema's (a for variable is no
   * resource, though it may hold one's attributes, as a local may).
   */
  private readonly leafType = (expr: Expression, scope: Scope): TypeSpec => {
    let v: Val;
    try {
      v = this.eval(expr, scope, new Trace(false));
    } catch (e) {
      if (e instanceof EvalError) return ANY;
      throw e;
    }
    // A null by its type where the syntax settles one (a typed variable's: `false ? var.s : 1` of a
    // string null is "1", terraform console 1.11.4); asked of a null only.
    if (v === null) return this.typedNull(expr, scope);
    if (expr.type === 'traversal' && isResourceReference(expr) && scope.lookup(expr.root) === undefined && !(v instanceof Unk)) return ANY;
    return valueType(v) ?? ANY;
  };

  /**
   * The leaf types of a conditional's result under an unknown condition: the result itself by its
   * value already evaluated (`v`, undefined where it failed: any), as leafType reads one; its parts
   * only where that costs a lookup (cheapLeafType), as most are settled by their syntax.
   */
  private resultLeaf(result: Expression, v: Val | undefined): LeafType<Scope> {
    return (expr, scope) => {
      if (expr !== result) return this.cheapLeafType(expr, scope);
      if (v === undefined) return ANY;
      // A typed null unifies by its type (terraform console -plan 1.11.4: `u ? var.l : 1` of a list(string) null is refused).
      if (v === null) return this.typedNull(expr, scope);
      // A resource's attribute, or a splat or index of one (`aws_x.y[*].port`): its known value has
      // the type it was written with, not necessarily its schema's (a number for a string).
      if (!(v instanceof Unk) && readsResource(expr, scope)) return ANY;
      return valueType(v) ?? ANY;
    };
  }

  /** No part's type but by its syntax. */
  private readonly syntaxOnly = (): TypeSpec => ANY;

  /** tolist(), toset(), distinct(), chunklist() and the set functions, whose list or set arguments refuse a null of no type beside a structural element. */
  private collectionCall(expr: FunctionCallExpr, name: string, scope: Scope, trace: Trace): Val {
    const args = this.callArgs(expr, scope, trace);
    if (args instanceof Unk) return args;
    // Each of the set functions' arguments is a set (setunion([{ a = 1 }], [null, { a = 1 }]) is
    // refused for its "other_sets"); the others' first alone is a list or set.
    let at: number | undefined;
    let arg = 0;
    for (const last = name.startsWith('set') ? args.length : Math.min(args.length, 1); arg < last && at === undefined; arg++) at = this.untypedNullBesideStructure(expr.args[arg]!, args[arg]!, scope);
    if (at !== undefined) {
      // terraform console 1.11.4: tolist([null, { a = 1 }]) is 'Invalid value for "v" parameter:
      // cannot convert tuple to list of any single type.', distinct([null, { a = 1 }]) 'Invalid value
      // for "list" parameter: all list elements must have the same type.'
      const what = name === 'tolist' ? 'cannot convert tuple to list of any single type' : name === 'toset' ? 'cannot convert tuple to set of any single type' : `all ${name.startsWith('set') ? 'set' : 'list'} elements must have the same type`;
      throw new EvalError(`Invalid function argument: ${name}(): ${what}; element ${at} is a null of no type (the literal null, or a variable without a type set to null) beside a structural value, which Terraform cannot give one type.`, expr.args[arg - 1], 'eval/type');
    }
    return this.applyTo(expr, args);
  }

  /** A known condition's null result, checked against the other result's type where its own is known here (a typed null). */
  private takenNull(expr: Extract<Expression, { type: 'conditional' }>, cond: boolean, other: Expression, scope: Scope): null {
    const own = this.typedNull(cond ? expr.then : expr.else, scope);
    if (own.kind === 'any') return null;
    // A primitive takes any primitive, so against one (most typed nulls: a string variable's)
    // only what costs a lookup is read, as for a string result below.
    const primitive = own.kind === 'string' || own.kind === 'number' || own.kind === 'bool';
    const otherType = branchType(other, primitive ? this.cheapLeafType : this.leafType, scope);
    if (commonType([own, otherType]) !== undefined) return null;
    const [t, f] = cond ? [describeType(own), describeType(otherType)] : [describeType(otherType), describeType(own)];
    throw new EvalError(`Inconsistent conditional result types: the true and false results must have one type, but the true result is ${t} and the false result is ${f}.`, expr, 'eval/type');
  }

  /**
   * coalesce() with a typed null among its arguments (and none of no type): its type takes part in the
   * arguments' common type (terraform console 1.11.4: coalesce(var.s, 1) of a string null is "1",
   * coalesce(var.l, ["a"]) of a list(string) null tolist(["a"]), coalesce(var.l, 1) 'Call to function
   * "coalesce" failed: all arguments must have the same type.'). Only where a null is among them.
   */
  private coalesceTyped(expr: FunctionCallExpr, args: Val[], scope: Scope): Val {
    let types: TypeSpec[] | undefined;
    for (let i = 0; i < args.length; i++) {
      if (args[i] !== null) continue;
      const t = this.typedNull(expr.args[i]!, scope);
      if (t.kind === 'any') continue;
      types ??= [];
      types.push(t);
    }
    if (types === undefined) return this.applyTo(expr, args);
    for (const a of args) if (a !== null) types.push(valueType(a) ?? ANY);
    const common = commonType(types);
    if (common === undefined) throw new EvalError('Error in function call: coalesce(): all arguments must have the same type.', expr, 'eval/type');
    const result = this.applyTo(expr, args);
    return result instanceof Unk || hasAny(common) ? result : convert(result, common, 'coalesce');
  }

  /**
   * The index of an element of `v`, a tuple (`source`'s value), that is a null of no type beside one of a structural
   * type: cty's unify gives the pair no type, so a list or set of them is refused (tolist([null, { a = 1 }])).
   */
  private untypedNullBesideStructure(source: Expression, v: Val, scope: Scope): number | undefined {
    if (!(v instanceof ListV) || v.kind !== 'tuple' || !v.items.includes(null)) return undefined;
    const at = (i: number): Expression => ({ type: 'relativeTraversal', source, steps: [{ kind: 'index', key: i, start: source.start, end: source.end }], start: source.start, end: source.end });
    let structural = false;
    let untypedAt: number | undefined;
    for (let i = 0; i < v.items.length; i++) {
      const item = v.items[i]!;
      if (item instanceof ListV || item instanceof ObjV) structural = true;
      else if (item instanceof Unk) structural ||= item.type !== undefined && isStructural(item.type);
      else if (item === null) {
        const t = this.nullType(at(i), scope);
        if (t === 'untyped') untypedAt ??= i;
        else if (t !== undefined) structural ||= isStructural(t);
      }
    }
    return structural ? untypedAt : undefined;
  }

  /** The first argument from `from` on that is a null of no type (the literal null, an untyped variable set to null), or -1. */
  private untypedNullAt(expr: Extract<Expression, { type: 'call' }>, args: readonly Val[], scope: Scope, from: number): number {
    for (let i = from; i < args.length; i++) if (args[i] === null && this.nullKind(expr.args[i]!, scope) === 'untyped') return i;
    return -1;
  }

  /**
   * A known condition's unknown result, of the type both results unify to (HCL converts it; cty's
   * unknown of that type), where its own is known here (its type, or its syntax's: a resource's id is
   * a string) and the other's is wholly: terraform console -plan 1.11.4 has `jsonencode(true ?
   * terraform_data.u.id : 5) == "x"` false and `length(true ? terraform_data.l.output : ["a"])` of a
   * tuple of two strings 2 (a tuple converted to a list keeps its length). Untyped where either is
   * not known, or the one type is an object or tuple made from known values (types.ts givenType).
   */
  private takenUnknown(result: Unk, taken: Expression, other: Expression, scope: Scope): Unk {
    const own = result.type ?? branchType(taken, this.syntaxOnly, scope);
    if (hasAny(own)) return untyped(result);
    const otherType = branchType(other, this.leafType, scope);
    if (hasAny(otherType)) return untyped(result);
    const type = commonType([own, otherType]);
    if (type === undefined) return untyped(result);
    const same = sameType(type, own);
    if (!same && !givenType(type)) return untyped(result);
    let u = result.type !== undefined && same ? result : result.withType(type);
    if (type.kind !== 'string') u = notTemplate(u);
    if (type.kind !== 'number') u = u.withoutRange();
    return own.kind === 'tuple' && type.kind === 'list' ? withLengthRange(u, { lo: own.elems.length, loInc: true, hi: own.elems.length, hiInc: true }) : u;
  }

  /** leafType of what costs a lookup only (a variable, a local, a module's output, a constant); any for the rest. */
  private readonly cheapLeafType = (expr: Expression, scope: Scope): TypeSpec => {
    if (isVariableOrLocal(expr) || isModuleOutput(expr) || isConstant(expr) || (expr.type === 'relativeTraversal' && isConstant(expr.source))) return this.leafType(expr, scope);
    return ANY;
  };

  /**
   * A condition known only at apply time gives either result, so the expression may refer to what
   * either refers to: `var.b ? aws_x.b.id : aws_x.a.id` links both, as element([...], var.i) does
   * (linked.ts), where it linked neither, and a rotation taking one of two secrets left both "not
   * rotated" (a false failure). Only the references are kept: the results' values, errors and
   * marks are not this expression's.
   */
  /** Both results' references go into the trace; their values, undefined for one that failed. */
  private branchReferences(a: Expression, b: Expression, scope: Scope, trace: Trace): [Val | undefined, Val | undefined] {
    const values: [Val | undefined, Val | undefined] = [undefined, undefined];
    [a, b].forEach((branch, i) => {
      const refs = new Trace(false);
      try {
        values[i] = this.eval(branch, scope, refs);
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
      }
      const found = refs.refList();
      for (let j = 0; j < found.length; j++) trace.addRef(found[j]!);
    });
    return values;
  }

  /**
   * An object whose keys are all written out: values evaluated in source order as the general
   * path does (the trace sees them in that order), then put straight into a map in key order,
   * without the general path's entry pairs, key sort and second map.
   */
  private staticObject(expr: ObjectExpr, fixed: StaticKeys, scope: Scope, trace: Trace): Val {
    const items = expr.items;
    const values: Val[] = [];
    for (let i = 0; i < items.length; i++) values.push(this.eval(items[i]!.value, scope, trace));
    const attrs = new Map<string, Val>();
    for (let k = 0; k < fixed.keys.length; k++) attrs.set(fixed.keys[k]!, values[fixed.from[k]!]!);
    return new ObjV(attrs, 'object');
  }

  /** An argument of try() or can(): a traversal gives MISSING where it would throw for a missing attribute or instance. */
  private evalOrMissing(arg: Expression, scope: Scope, trace: Trace): Val | Missing {
    return arg.type === 'traversal' ? this.walk(arg, scope, trace, true) : this.eval(arg, scope, trace);
  }

  private walk(expr: TraversalExpr, scope: Scope, trace: Trace, orMissing: boolean): Val | Missing {
    const local = scope.lookup(expr.root);
    if (local !== undefined) {
      if (expr.root === 'each' && !(expr.steps[0]?.kind === 'attr' && expr.steps[0].name === 'key') && scope.lookup(SENSITIVE_EACH) !== undefined) trace.sensitive = true;
      return this.stepThrough(local, expr.steps, expr, 0, orMissing);
    }
    const resolver = this.env.resolver;
    const refsBefore = trace.refCount();
    const resolved = resolver.resolveRoot(expr.root, expr.steps, expr, trace, orMissing);
    if (resolved === undefined) throw new EvalError(`Unknown reference "${expr.root}": no such variable, resource or symbol in this scope.`, expr, 'eval/unknown-reference');
    if (resolved === MISSING) return MISSING;
    // Most references (`var.x`, `local.y`) use every step: no call to step through none.
    const consumed = resolver.consumed;
    return consumed >= expr.steps.length ? resolved : this.stepThrough(resolved, expr.steps, expr, consumed, orMissing, trace, refsBefore);
  }

  applySteps(value: Val, steps: readonly TraversalStep[], range?: Range, from = 0): Val {
    return this.stepThrough(value, steps, range, from, false) as Val;
  }

  /**
   * The steps from `from` on; with `orMissing`, MISSING where getAttr would throw because an object has
   * no such attribute. With `trace`, an index step into a list made from a resource's instances
   * (`local.subnet_ids[1]`, where the local is `aws_subnet.s[*].id`) names the one instance
   * (narrowIndex; `refsBefore`: the trace's references before the value was read).
   */
  private stepThrough(value: Val, steps: readonly TraversalStep[], range: Range | undefined, from: number, orMissing: boolean, trace?: Trace, refsBefore = 0): Val | Missing {
    let v = value;
    for (let i = from; i < steps.length; i++) {
      const step = steps[i]!;
      if (orMissing && step.kind === 'attr' && v instanceof ObjV && v.open === undefined && !v.attrs.has(step.name)) return MISSING;
      const coll = v;
      try {
        v = step.kind === 'attr' ? (v instanceof ObjV || v instanceof Unk || v === null ? getAttr(v, step.name) : legacyIndex(v, step.name)) : indexValue(v, step.key);
      } catch (e) {
        return withRange(e, range ?? step);
      }
      if (trace !== undefined && coll instanceof ListV) narrowIndex(trace, coll, step.kind === 'index' ? step.key : step.name, v, refsBefore);
    }
    return v;
  }

  /**
   * A template's string. With apply-time parts it is unknown, as in Terraform, but keeps its known
   * text with each unknown part written "${unknown}" (Unk.partial): a heredoc policy naming
   * `${aws_sqs_queue.q.arn}` is still judged on its principals and actions, and
   * "arn:aws:iam::${unknown}:root" is still an account, not "*". Where a directive's condition or
   * collection is unknown the text itself is, and no partial is kept.
   */
  private template(parts: readonly TemplatePart[], scope: Scope, trace: Trace, top: boolean): Val {
    if (top && parts.length === 1 && parts[0]!.kind === 'interpolation') return this.eval(parts[0]!.expr, scope, trace);
    // The text so far, unknown parts marked; null once a directive on an unknown makes it unknowable.
    let out: string | null = '';
    // Every apply-time part, in order: the first tells the result, all say what it holds (UnknownCause 'parts').
    const unknowns: Unk[] = [];
    // The known text before the first unknown part: Terraform's refinement of the unknown result.
    let prefix: string | undefined;
    for (const part of parts) {
      switch (part.kind) {
        case 'literal':
          out = withPiece(out, part.value);
          break;
        case 'interpolation': {
          const v = this.eval(part.expr, scope, trace);
          if (v === null) throw new EvalError('Invalid template interpolation value: the value is null.', part);
          const s = typeof v === 'string' ? v : interpolated(v, part);
          if (s instanceof Unk) {
            prefix ??= out ?? '';
            unknowns.push(s);
          }
          out = withPiece(out, s);
          break;
        }
        case 'if': {
          const c = toBool(this.eval(part.cond, scope, trace), 'template condition');
          if (c instanceof Unk) {
            prefix ??= out ?? '';
            unknowns.push(c);
            out = null;
            break;
          }
          const s = this.template(c ? part.then : part.else, scope, trace, false) as string | Unk;
          if (s instanceof Unk) {
            prefix ??= out ?? '';
            unknowns.push(s);
          }
          out = withPiece(out, s);
          break;
        }
        case 'for': {
          const coll = this.eval(part.collection, scope, trace);
          if (coll instanceof Unk) {
            prefix ??= out ?? '';
            unknowns.push(coll);
            out = null;
            break;
          }
          // As a for expression: a null or a single value is no collection to iterate.
          if (coll === null) throw new EvalError('Iteration over a null value.', part.collection);
          if (!(coll instanceof ListV || coll instanceof ObjV)) throw new EvalError(`A %{for} directive iterates a collection, not a ${typeName(coll)}.`, part.collection);
          const { keys, values } = entriesOf(coll);
          for (let i = 0; i < values.length; i++) {
            this.step();
            const s = this.template(part.body, bindLoop(scope, part.keyVar, keys[i]!, part.valueVar, values[i]!, part.collection), trace, false) as string | Unk;
            if (s instanceof Unk) {
              prefix ??= out ?? '';
              unknowns.push(s);
            }
            out = withPiece(out, s);
          }
          break;
        }
      }
      if (out !== null && out.length > this.env.fn.budget.maxStringLength) throw new EvalError('Template result exceeds the evaluation budget.', part, 'eval/budget');
    }
    // In NFC, as Terraform's template results and string literals are ("e\u0301" is "é").
    if (unknowns.length === 0) return top ? nfc(out!) : out!;
    const refined = prefix === undefined ? undefined : templateRefinement(prefix);
    // A string, whatever its parts (terraform plan 1.11.4: `flatten(["${terraform_data.u.id}x", ["f"]])` is [unknown, "f"]).
    if (out !== null) return new Unk(causeOfParts(unknowns), out, undefined, refined, STRING);
    const u = unknownOfParts(unknowns);
    return new Unk(u.cause, u.partial, u.notNull, refined, STRING);
  }

  private binary(op: string, leftExpr: Expression, rightExpr: Expression, scope: Scope, trace: Trace): Val {
    const left = this.eval(leftExpr, scope, trace);
    if (left instanceof Unk && left.type !== undefined && op !== '==' && op !== '!=') checkOperand(left.type, op === '&&' || op === '||' ? BOOL : NUMBER, 'left');
    if (op === '&&' || op === '||') {
      // Terraform 1.12 (HCL 2.23) short-circuits: a known false left of && (true left of ||) is the
      // result, and an error on the right is dropped (`var.o != null && var.o.bucket != ""` with o
      // null). Each was an eval/error that failed the run on code Terraform 1.12+ plans. The right
      // is still evaluated for its references, and what Terraform checks before evaluating
      // (an undeclared reference) is still refused, as in try().
      const a = toBool(left, op === '||' ? 'left operand of ||' : 'left operand of &&');
      if (a === (op === '||')) {
        try {
          this.eval(rightExpr, scope, trace);
        } catch (e) {
          if (!(e instanceof EvalError) || isStaticError(e)) throw e;
        }
        return a;
      }
    }
    const right = this.eval(rightExpr, scope, trace);
    if (right instanceof Unk && right.type !== undefined && op !== '==' && op !== '!=') checkOperand(right.type, op === '&&' || op === '||' ? BOOL : NUMBER, 'right');
    switch (op) {
      case '||':
      case '&&': {
        const a = toBool(left, op === '||' ? 'left operand of ||' : 'left operand of &&');
        const b = toBool(right, op === '||' ? 'right operand of ||' : 'right operand of &&');
        if (op === '||') {
          if (a === true || b === true) return true;
          return a instanceof Unk ? operatorResult(a, BOOL) : b instanceof Unk ? operatorResult(b, BOOL) : false;
        }
        if (a === false || b === false) return false;
        return a instanceof Unk ? operatorResult(a, BOOL) : b instanceof Unk ? operatorResult(b, BOOL) : true;
      }
      case '==':
      case '!=': {
        // equals walks both operands to the first difference.
        if (typeof left === 'object' && left !== null && typeof right === 'object' && right !== null) this.work(Math.min(valueSize(left), valueSize(right)), leftExpr);
        let e = equals(left, right);
        // A bool, not the operand it is told as: without that string's text or prefix, never null.
        if (e instanceof Unk) return operatorResult(e, BOOL);
        // cty compares the operands' types before their values, and a null inside a tuple or object
        // has its type there (terraform console 1.11.4: `[var.s] == [null]` is false for a string
        // variable s that is null, `[null] == [null]` true).
        if (e && (left instanceof ListV || left instanceof ObjV) && this.nullTypesDiffer(left, leftExpr, right, rightExpr, scope)) e = false;
        return op === '==' ? e : !e;
      }
      default:
        break;
    }
    // The operand names only for the messages of a failed conversion: not built for every operation.
    const a = typeof left === 'number' ? left : toNum(left, `left operand of ${op}`);
    const b = typeof right === 'number' ? right : toNum(right, `right operand of ${op}`);
    if (a instanceof Unk || b instanceof Unk) {
      // A comparison with a number known only within bounds (a conditional's on an unknown
      // condition) may be decided by them, as cty decides it (rangeLess).
      if ((op === '<' || op === '>' || op === '<=' || op === '>=') && ((a instanceof Unk && a.range !== undefined) || (b instanceof Unk && b.range !== undefined))) {
        const decided = rangeComparison(op, a, b);
        if (decided !== undefined) return decided;
      }
      // Not the operand's type: a comparison's result is a bool, arithmetic's a number; nor its
      // bounds: a sum's are unknown (terraform plan 1.11.4: `(u ? 1 : 2) + 1 > 10` is unknown).
      return operatorResult(a instanceof Unk ? a : (b as Unk), COMPARISONS.has(op) ? BOOL : NUMBER);
    }
    // Infinities as Terraform's big.Float has them (1/0 is +Inf, terraform console 1.11); what would be
    // NaN there is a failed operation.
    switch (op) {
      case '+':
        return notNaN(decimalAdd(a, b), 'can\'t add infinities of opposite sign');
      case '-':
        return notNaN(decimalSubtract(a, b), 'can\'t subtract infinity from itself');
      case '*':
        return notNaN(decimalMultiply(a, b), 'can\'t multiply zero by infinity');
      case '/':
        return notNaN(a / b, 'can\'t divide zero by zero or infinity by infinity');
      case '%':
        // Terraform gives the dividend back for a zero divisor (5 % 0 is 5).
        if (b === 0) return a;
        return notNaN(decimalRemainder(a, b), 'can\'t take the remainder of infinity');
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
      default:
        throw new EvalError(`Unsupported operator ${op}.`);
    }
  }

  private splat(sourceExpr: Expression, each: Expression, scope: Scope, trace: Trace): Val {
    const source = this.eval(sourceExpr, scope, trace);
    if (source instanceof Unk) {
      const kind = source.type?.kind;
      if (kind === 'tuple' || kind === 'list' || kind === 'set') return this.splatOfUnknown(source, each, scope);
      // Another value is made a tuple of one, or an empty one when it is null: of an unknown that may
      // be null, or of no type known here, the result is unknown (HCL's SplatExpr); of one never null,
      // of a type known here, a tuple of that unknown, as below (terraform console -plan 1.11.4:
      // `terraform_data.u.output[*] == null` unknown).
      if (kind === undefined || !source.notNull) return untyped(source);
    }
    if (source === null) {
      // Terraform makes a null of any other type an empty tuple, and refuses a null list, set or
      // tuple (terraform console 1.11.4: `var.l[*]` of `type = list(string)`, default null).
      if (this.nullKind(sourceExpr, scope) === 'sequence') throw new EvalError('Splat of null value: splat expressions (with the * symbol) cannot be applied to null sequences.', sourceExpr);
      return tuple([]);
    }
    const items = source instanceof ListV ? source.items : [source];
    const out: Val[] = [];
    for (const item of items) {
      this.step();
      out.push(this.eval(each, scope.bind(ANON, item), trace));
    }
    // A list's or set's splat is a list, a tuple's a tuple (terraform console 1.11.4: type(tolist(["a"])[*]) is list(string)).
    const result = source instanceof ListV && source.kind !== 'tuple' ? list(out) : tuple(out);
    // `aws_x.y[*].id`: item i is instance i's (instance-references.ts), whatever the each reads of it.
    const from = itemInstances(source);
    if (from !== undefined) markItems(result, from);
    return result;
  }

  /**
   * A splat of an unknown tuple, list or set of a type known here: an unknown of the type HCL works
   * out by the `each` of an unknown of each element type, and never null (terraform console -plan
   * 1.11.4: `length(terraform_data.l.output[*])` of a tuple of two strings is 2,
   * `terraform_data.l.output[*] == null` false). Untyped, as before, where the `each` fails on an element.
   */
  private splatOfUnknown(source: Unk, each: Expression, scope: Scope): Unk {
    const type = source.type!;
    if (hasAny(type)) return untyped(source);
    const elems = type.kind === 'tuple' ? type.elems : [(type as { elem: TypeSpec }).elem];
    const out: TypeSpec[] = [];
    for (const elem of elems) {
      let v: Val;
      try {
        v = this.eval(each, scope.bind(ANON, source.part(elem)), new Trace(false));
      } catch (e) {
        if (e instanceof EvalError) return untyped(source);
        throw e;
      }
      out.push(valueType(v) ?? ANY);
    }
    // A list's or set's splat is a list; a tuple's, or a single value's (made a tuple of one), a tuple.
    const result: TypeSpec = type.kind === 'list' || type.kind === 'set' ? { kind: 'list', elem: out[0]! } : { kind: 'tuple', elems: out };
    return new Unk(source.cause, undefined, true, undefined, hasAny(result) ? undefined : result);
  }

  private forExpr(expr: Extract<Expression, { type: 'for' }>, scope: Scope, trace: Trace): Val {
    const coll = this.eval(expr.collection, scope, trace);
    // The body of a `for` over an unknown or empty collection is never evaluated, but Terraform
    // refuses a reference in it to something undeclared (validate 1.11.4: `[for x in [] : aws_s3_bucket.nope.id]`).
    if (coll instanceof Unk) {
      // Of a primitive type it is no collection whatever its value (terraform validate 1.11.4 on a
      // string variable: "Iteration over non-iterable value: A value of type string cannot be used
      // as the collection in a 'for' expression."); of a collection type the result is unknown.
      const kind = coll.type?.kind;
      if (kind === 'string' || kind === 'number' || kind === 'bool') {
        throw new EvalError(`Iteration over non-iterable value: a value of type ${kind} cannot be used as the collection in a 'for' expression.`, expr.collection, 'eval/type');
      }
      this.refuseUndeclared(expr, scope);
      // Of no type and no refinement, as HCL gives (cty.DynamicVal): terraform console -plan 1.11.4 has
      // `[for x in split(",", terraform_data.u.output) : x] == null` unknown. So with an unknown
      // condition or key below.
      return untyped(coll).withNotNull(false);
    }
    if (coll === null) throw new EvalError('Iteration over a null value.', expr.collection);
    if (!(coll instanceof ListV || coll instanceof ObjV)) throw new EvalError(`A for expression iterates a collection, not a ${typeName(coll)}.`, expr.collection);
    const items: Val[] = [];
    const groups = new Map<string, Val[]>();
    const entries: [string, Val][] = [];
    const seenKeys = new Set<string>();
    const { keys, values } = entriesOf(coll);
    if (values.length === 0) this.refuseUndeclared(expr, scope);
    // `{ for k, b in aws_s3_bucket.b : k => b.id }`: which instance each entry came from (instance-references.ts).
    const whole = expr.keyExpr && !expr.group ? wholeConfigOf(coll) : undefined;
    const fromInstance = whole !== undefined && entryPerInstance(expr) ? new Map<string, string>() : undefined;
    for (let i = 0; i < values.length; i++) {
      this.step();
      const inner = bindLoop(scope, expr.keyVar, keys[i]!, expr.valueVar, values[i]!, expr.collection);
      if (expr.cond) {
        const c = toBool(this.eval(expr.cond, inner, trace), 'for condition');
        if (c instanceof Unk) return untyped(c).withNotNull(false);
        if (!c) continue;
      }
      if (expr.keyExpr) {
        const key = toStr(this.eval(expr.keyExpr, inner, trace), 'for key');
        if (key instanceof Unk) return untyped(notTemplate(key)).withNotNull(false);
        const value = this.eval(expr.valueExpr, inner, trace);
        if (expr.group) {
          if (!groups.has(key)) groups.set(key, []);
          groups.get(key)!.push(value);
        } else {
          if (seenKeys.has(key)) throw new EvalError(`Duplicate object key "${key}" in a for expression; add "..." to group values.`, expr.keyExpr);
          seenKeys.add(key);
          entries.push([key, value]);
          const address = fromInstance && instanceAddressOf(values[i]!);
          if (address) fromInstance!.set(key, address);
        }
      } else items.push(this.eval(expr.valueExpr, inner, trace));
    }
    if (!expr.keyExpr) return tuple(items);
    if (expr.group) return obj([...groups].map(([k, vs]) => [k, tuple(vs)]));
    const result = obj(entries);
    if (whole !== undefined && fromInstance !== undefined && fromInstance.size > 0) markDerived(result, whole, fromInstance);
    return result;
  }

  /** convert(): its own method, so the closure it needs is not allocated for every call (see the tuple case). */
  private convertCall(expr: FunctionCallExpr, scope: Scope, trace: Trace): Val {
    const v = this.eval(expr.args[0]!, scope, trace);
    this.work(valueSize(v), expr);
    const type = expr.args[1] ? parseType(expr.args[1], (e) => this.eval(e, scope, trace)) : ANY;
    return convert(v, type);
  }

  private call(expr: FunctionCallExpr, scope: Scope, trace: Trace): Val {
    if (this.env.callsRefused === true) throw new EvalError('Function calls not allowed; Functions may not be called here.', expr, 'eval/call-refused');
    const name = expr.name.startsWith('core::') ? expr.name.slice(6) : expr.name;
    switch (name) {
      case 'try': {
        for (const arg of expr.args) {
          try {
            const v = this.evalOrMissing(arg, scope, trace);
            if (v === MISSING) continue;
            // The arguments after it are not evaluated, but Terraform refuses a reference in them to
            // something undeclared (validate 1.11.4: `try("a", aws_s3_bucket.nope.id)`).
            for (let j = expr.args.indexOf(arg) + 1; j < expr.args.length; j++) this.refuseUndeclared(expr.args[j]!, scope);
            // Terraform's plan shows try() unknown while any part of its value is (it cannot yet tell
            // whether applying fails), but at apply it returns this value. A value whose structure is
            // known and only some leaves wait for apply is what the scan judges: a policy's principals
            // `try(s.principals, [])` holding "arn:aws:iam::${account_id}:root" (real modules' idiom).
            // A wholly unknown one is of no refinement (terraform console -plan 1.11.4: `try(terraform_data.u.id, "x") == null` is unknown).
            return v instanceof Unk ? v.withNotNull(false) : v;
          } catch (e) {
            if (!(e instanceof EvalError) || isStaticError(e)) throw e;
            if (e.code === EVALUATOR_GAP) return unk(`beyond this evaluator: ${e.message}`);
          }
        }
        throw new EvalError('try(): no expression succeeded.', expr);
      }
      case 'can': {
        if (expr.args.length !== 1) throw new EvalError('can() takes exactly one argument.', expr, 'eval/arguments');
        // Its bool carries no mark of the argument (terraform console 1.11.4: issensitive(can(sensitive(1)))
        // is false): the argument's references are kept, its sensitive bit is not.
        const inner = new Trace();
        try {
          const v = this.evalOrMissing(expr.args[0]!, scope, inner);
          if (v === MISSING) return false;
          this.work(valueSize(v), expr);
          // An unknown bool, of no refinement: not the argument's (terraform console -plan 1.11.4: `can(terraform_data.u.id) == null` is unknown).
          if (hasUnk(v)) return new Unk((firstUnk(v) ?? unk('unknown')).cause);
          return true;
        } catch (e) {
          if (!(e instanceof EvalError) || isStaticError(e)) throw e;
          return e.code === EVALUATOR_GAP ? unk(`beyond this evaluator: ${e.message}`) : false;
        } finally {
          trace.absorb({ via: inner.via, sensitive: false, refs: inner.refList() });
        }
      }
      case 'sensitive': {
        const v = this.eval(expr.args[0] ?? { type: 'literal', value: null, start: expr.start, end: expr.end }, scope, trace);
        trace.sensitive = true;
        return v;
      }
      case 'issensitive': {
        const inner = new Trace();
        const arg = expr.args[0] ?? { type: 'literal', value: null, start: expr.start, end: expr.end };
        const v = this.eval(arg, scope, inner);
        trace.absorb({ via: inner.via, sensitive: false, refs: inner.refList() });
        // The bit is set by any sensitive part read; Terraform asks for the value's own mark, which a
        // tuple or object constructor does not have (`issensitive(local.mixed)` of { a = var.pw } is false).
        const marked = inner.sensitive && !(this.env.isUnmarked?.(arg) ?? false);
        // Unknown, not refined as the argument may be (terraform console -plan 1.11.4: `issensitive(terraform_data.u.id) == null` is unknown).
        if (v instanceof Unk && !marked) return new Unk(v.cause);
        return marked;
      }
      case 'ephemeralasnull': {
        // Terraform gives null for an ephemeral value (terraform_data { input = ephemeralasnull(var.pw) }
        // stores null): the argument's references are kept, its sensitive mark is not, as no value
        // is left to be marked. A value with ephemeral parts and plain ones (a collection) is
        // unknown here, as only its ephemeral parts become null, unless it is a called module's
        // instance or instances, whose ephemeral outputs are known (ephemeral-as-null.ts).
        const arg = expr.args[0];
        if (expr.args.length !== 1 || arg === undefined) break;
        // The mark also follows a called module's ephemeral output read by a computed key or a splat
        // (ephemeralasnull(module.c[each.key].eph) is null, terraform plan 1.11.4 stores it so).
        // Through a `for` over a call's instances too: [for m in module.c : ephemeralasnull(m.eph)] is a tuple of nulls (plan 1.11.4).
        const forElements = (): { name: string; collection: Expression }[] => scope.forElements();
        const mark = this.env.ephemeralMark?.(arg, forElements) ?? 'none';
        if (mark === 'none' && !(this.env.readsEphemeral?.(arg) ?? false)) break;
        const inner = new Trace();
        const v = this.eval(arg, scope, inner);
        // A module's instance (or instances) keeps its plain outputs, and their sensitive marks, not
        // those of the outputs made null (plan 1.11.4 stores ephemeralasnull(module.c) as
        // { a = { eph = null, plain = "x" } }, a sensitive plain output as "(sensitive value)").
        const found = mark === 'part' ? this.env.ephemeralPartsOf?.(arg, forElements) : undefined;
        trace.absorb({ via: inner.via, sensitive: found?.keptSensitive ?? false, refs: inner.refList() });
        if (found !== undefined) return withoutEphemeralParts(v, found.parts);
        if (mark !== 'none') return mark === 'whole' ? null : unk('ephemeralasnull() of a value with ephemeral parts: only those become null');
        // An ephemeral variable or resource is marked as a whole; a constructor (or a local holding one) only in its parts.
        const whole = arg.type === 'traversal' && (arg.root === 'var' || arg.root === 'ephemeral');
        return !whole && (v instanceof ListV || v instanceof ObjV) ? unk('ephemeralasnull() of a value with ephemeral parts: only those become null') : null;
      }
      case 'coalescelist': {
        if (expr.expandFinal) break;
        const args = this.callArgs(expr, scope, trace);
        if (args instanceof Unk) return args;
        // Terraform refuses a null of no type among the arguments, wherever it is, and skips a typed
        // one (terraform console 1.11.4: coalescelist(null, ["a"]) and coalescelist(["a"], null) are
        // "coalescelist arguments must be lists or tuples"; coalescelist(tolist(null), ["a"]) is ["a"]).
        const at = this.untypedNullAt(expr, args, scope, 0);
        if (at >= 0) {
          throw new EvalError('Invalid argument: coalescelist arguments must be lists or tuples, and this null has no type (the literal null, or a variable without a type set to null), so Terraform refuses it.', expr.args[at], 'eval/type');
        }
        return this.applyTo(expr, args);
      }
      case 'format':
      case 'formatlist': {
        if (expr.expandFinal) break;
        const args = this.callArgs(expr, scope, trace);
        if (args instanceof Unk) return args;
        // A null of no type among the values is an unknown result, whatever the verbs (cty's
        // function call, whose parameter takes a null but not a value of no type): terraform console
        // 1.11.4 has format("%d", null), format("x", null) and formatlist("%s", null) "(known after apply)".
        // The format itself is checked first: a null one is an error (format(null, null)).
        if (args[0] !== null && this.untypedNullAt(expr, args, scope, 1) >= 0) return unk(`${name}() of a null of no type`);
        return this.applyTo(expr, args);
      }
      case 'coalesce':
      case 'merge': {
        if (expr.expandFinal) break;
        const args = this.callArgs(expr, scope, trace);
        if (args instanceof Unk) return args;
        if (this.untypedNullAt(expr, args, scope, 0) < 0) return name === 'coalesce' ? this.coalesceTyped(expr, args, scope) : this.applyTo(expr, args);
        // A null of no type among the arguments leaves their common type unknown, where it is not a
        // primitive one (cty's unify: no structural type takes it): coalesce() then gives the first
        // non-null value as it is, merge() an object (terraform console 1.11.4: coalesce(null, [],
        // "d") is [], coalesce(null, ["a"], ["b", 1]) the tuple ["a"], merge(tomap({ b = "z" }), null)
        // the object { b = "z" }; coalesce(null, 1, "a") is still "1").
        if (name === 'merge') {
          const merged = this.applyTo(expr, args);
          return merged instanceof ObjV && merged.kind === 'map' ? obj(merged.attrs, 'object') : merged;
        }
        if (args.every((a) => a === null || typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean')) return this.applyTo(expr, args);
        for (const a of args) {
          if (a instanceof Unk) return a;
          if (a !== null) return a;
        }
        return this.applyTo(expr, args);
      }
      case 'tolist':
      case 'toset':
      case 'distinct':
      case 'chunklist':
      case 'setunion':
      case 'setintersection':
      case 'setsubtract':
      case 'setproduct': {
        if (expr.expandFinal) break;
        return this.collectionCall(expr, name, scope, trace);
      }
      case 'convert':
        return this.convertCall(expr, scope, trace);
      case 'element':
      case 'one':
      case 'values':
        return this.pickingCall(expr, name, scope, trace);
      case 'templatestring': {
        // Terraform refuses a template argument that is not a reference to a string from elsewhere
        // (terraform 1.11, funcs.MakeTemplateStringFunc and isValidTemplateStringExpr), on its syntax
        // before its value: a quoted string, heredoc or "${x}", and anything else but a reference, an
        // index, an attribute or a splat of one (parentheses, a call, a conditional). It rendered them.
        const template = expr.args[0];
        if (template !== undefined && !isTemplateReference(template)) {
          const inline = (template.type === 'literal' && typeof template.value === 'string') || template.type === 'template';
          throw new EvalError(
            inline
              ? 'Invalid value for "template" parameter: templatestring is only for rendering templates retrieved from elsewhere, so Terraform refuses one written in place; to render an inline template, write the template string expression itself.'
              : 'Invalid value for "template" parameter: templatestring takes a direct reference to a single string from elsewhere (var.x, local.x, data.x.y.attr, or an index or attribute of one), so Terraform refuses this expression; make it a local value and refer to that.',
            template,
            'eval/arguments',
          );
        }
        break;
      }
      default:
        break;
    }
    if (name === 'rsadecrypt') {
      // The plaintext of a secret. Terraform does not mark it, but Safeguard never shows a secret:
      // marked as a sensitive value is, it is masked in every message that would quote it (rules'
      // messages, evaluation errors), and a stored argument holding it is a secret in state. Hence
      // issensitive() of it is true here, where terraform console 1.11.4 says false.
      const v = this.applyCall(expr, scope, trace);
      trace.sensitive = true;
      return v;
    }
    if (ONE_WAY_FUNCTIONS.has(name) || TOLD_AS_ARGUMENT.has(name)) return this.oneWayCall(expr, name, scope, trace);
    return this.applyCall(expr, scope, trace);
  }

  /**
   * A hash of its argument: the result keeps the argument's sensitive mark, as in Terraform, but as a
   * hashed one (Trace.onlyHashedMarks), and an unknown argument's reason is told as hashed, so that
   * what reads the value does not take the digest for the secret it was made from.
   */
  private oneWayCall(expr: FunctionCallExpr, name: string, scope: Scope, trace: Trace): Val {
    const inner = new Trace();
    const v = this.applyCall(expr, scope, inner);
    trace.absorb({ via: inner.via, sensitive: inner.sensitive, onlyHashedMarks: true, refs: inner.refList() });
    if (!(v instanceof Unk)) return v;
    // bcrypt() gives its own cause (salted at apply time), and sha256(sha256(x)) is told once; an
    // unknown argument's cause is passed on, as hashed. Known not null: each gives a string or number.
    const cause = v.cause;
    if ((cause.kind === 'function' || cause.kind === 'one-way') && cause.fn === name) return v;
    // length()'s bounds are kept (withLengthRange).
    return new Unk({ kind: 'one-way', fn: name, of: cause, told: TOLD_AS_ARGUMENT.has(name) ? 'as-argument' : 'wrapped' }, undefined, true, undefined, undefined, v.range);
  }

  /**
   * element(), one(), values(): over a resource's instances (or a list made from them, `aws_x.y[*].id`)
   * element() and one() give one instance's value, which names that instance alone; values() of a
   * for_each resource's instances keeps, by position, the instance each item came from
   * (instance-references.ts).
   */
  private pickingCall(expr: FunctionCallExpr, name: string, scope: Scope, trace: Trace): Val {
    if (expr.expandFinal) return this.applyCall(expr, scope, trace);
    const refsBefore = trace.refCount();
    const args = this.callArgs(expr, scope, trace);
    if (args instanceof Unk) return args;
    const result = this.applyTo(expr, args);
    const coll = args[0] ?? null;
    if (name === 'values') markValues(coll, result);
    else if (coll instanceof ListV && coll.items.length > 0) {
      // element() wraps the index around the list, as Terraform does; one() gives its only item.
      const n = name === 'one' ? 0 : args[1];
      if (typeof n === 'number' && Number.isInteger(n) && n >= 0) narrowIndex(trace, coll, n % coll.items.length, result, refsBefore);
    }
    return result;
  }

  /**
   * Whether two equal values have a null at the same place whose types, as the constructors' syntax
   * settles them, differ (a string's and no type's, a string's and a number's). Parts the syntax
   * does not settle, or whose type leaves something open (list(any)), decide nothing.
   */
  private nullTypesDiffer(a: Val, ae: Expression | undefined, b: Val, be: Expression | undefined, scope: Scope): boolean {
    if (ae === undefined || be === undefined) return false;
    if (a === null && b === null) {
      const ta = this.nullType(ae, scope);
      const tb = this.nullType(be, scope);
      if (ta === undefined || tb === undefined) return false;
      if (ta === 'untyped' || tb === 'untyped') return ta !== tb;
      return !hasAny(ta) && !hasAny(tb) && !sameType(ta, tb);
    }
    if (a instanceof ListV && b instanceof ListV && a.kind === 'tuple') {
      for (let i = 0; i < a.items.length; i++) if (this.nullTypesDiffer(a.items[i]!, constructorPart(ae, i), b.items[i]!, constructorPart(be, i), scope)) return true;
    } else if (a instanceof ObjV && b instanceof ObjV && a.kind === 'object') {
      for (const [k, x] of a.attrs) if (this.nullTypesDiffer(x, constructorPart(ae, k), b.attrs.get(k) ?? null, constructorPart(be, k), scope)) return true;
    }
    return false;
  }

  private nullKind(expr: Expression, scope: Scope): NullKind | undefined {
    return kindOfNull(this.nullType(expr, scope));
  }

  private nullType(expr: Expression, scope: Scope): NullType | undefined {
    return this.env.nullType?.(expr, (name) => scope.lookup(name) !== undefined);
  }

  /** The type of the null `expr` gave, where the syntax settles one (not Terraform's null of no type); `any` elsewhere. */
  private typedNull(expr: Expression, scope: Scope): TypeSpec {
    const t = this.nullType(expr, scope);
    return t === undefined || t === 'untyped' ? ANY : t;
  }

  /**
   * Throws Terraform's error for a reference under `expr`, which is not evaluated, to a declaration
   * the module lacks (static-references.ts): Terraform checks references before evaluating anything.
   * A name the scope binds (a for variable, each, a dynamic block's iterator) is no such reference.
   */
  private refuseUndeclared(expr: Expression, scope: Scope): void {
    const found = this.env.undeclaredIn?.(expr);
    if (found === undefined || found.length === 0) return;
    for (const f of found) if (scope.lookup(f.expr.root) === undefined) throw new EvalError(f.message, f.expr, 'eval/unknown-reference');
  }

  private applyCall(expr: FunctionCallExpr, scope: Scope, trace: Trace): Val {
    const args = this.callArgs(expr, scope, trace);
    // A spread of an unknown list: the call's result is unknown, of no type known here (not the list's).
    return args instanceof Unk ? untyped(args) : this.applyTo(expr, args);
  }

  /** A call's arguments, a final `...` list spread; an unknown such list, which makes the call unknown. */
  private callArgs(expr: FunctionCallExpr, scope: Scope, trace: Trace): Val[] | Unk {
    let args: Val[];
    if (!expr.expandFinal) {
      // Allocated at its length: [] and push reserve sixteen, and every function call builds one.
      args = new Array<Val>(expr.args.length);
      for (let i = 0; i < expr.args.length; i++) args[i] = this.eval(expr.args[i]!, scope, trace);
    } else {
      args = [];
      for (let i = 0; i < expr.args.length; i++) {
        const v = this.eval(expr.args[i]!, scope, trace);
        if (i === expr.args.length - 1) {
          if (v instanceof Unk) return v;
          if (!(v instanceof ListV)) throw new EvalError('The final argument before "..." must be a list, tuple or set.', expr.args[i]);
          args.push(...v.items);
        } else args.push(v);
      }
    }
    return args;
  }

  private applyTo(expr: FunctionCallExpr, args: Val[]): Val {
    const extra = this.env.extraFunction?.(expr.name, args, expr);
    if (extra !== undefined) return extra;
    if (!isKnownFunction(expr.name)) {
      this.env.reportUnimplemented(expr.name, expr.nameRange);
      return unk(`${expr.name}() is not evaluated by this scanner`);
    }
    const fnCtx = this.env.fn;
    this.env.onCall?.(expr);
    const result = callBuiltin(expr.name, args, fnCtx);
    if (result === undefined) {
      this.env.reportUnimplemented(expr.name, expr.nameRange);
      return unk(`${expr.name}() is not evaluated by this scanner`);
    }
    return result;
  }
}

/** Legacy `.0` steps and attribute access on maps written as `x.key`. */
function legacyIndex(v: Val, name: string): Val {
  if (v instanceof ListV && /^\d+$/.test(name)) return indexValue(v, Number(name));
  return getAttr(v, name);
}

/**
 * Keys and values of a collection, for iteration: index (or the item, for sets) and item for
 * lists, key and value for maps. Two arrays rather than a generator of [key, value] pairs, which
 * allocated an iterator result and a pair per element.
 */
export function entriesOf(coll: Val): { readonly keys: readonly Val[]; readonly values: readonly Val[] } {
  if (coll instanceof ListV) {
    if (coll.kind === 'set') return { keys: coll.items, values: coll.items };
    const keys: number[] = [];
    for (let i = 0; i < coll.items.length; i++) keys.push(i);
    return { keys, values: coll.items };
  }
  if (coll instanceof ObjV) return { keys: [...coll.attrs.keys()], values: [...coll.attrs.values()] };
  return { keys: [], values: [] };
}

/** A for loop's scope: the value variable, then the key variable when one is written (so the key wins when both have one name, as it always has). */
function bindLoop(scope: Scope, keyVar: string | undefined, key: Val, valueVar: string, value: Val, collection: Expression): Scope {
  const inner = scope.bindElement(valueVar, value, collection);
  return keyVar ? inner.bind(keyVar, key) : inner;
}

/** jsonencode for messages: unknown parts shown as placeholders. */
export function describeValue(v: Val): string {
  return hasUnk(v) ? '(known after apply)' : jsonEncode(v);
}

/**
 * `text` followed by one piece of a template: an unknown piece by its own known text or the marker;
 * null (the text unknowable) when the text was already, or the piece is an unknown with a structure.
 */
function withPiece(text: string | null, piece: string | Unk): string | null {
  if (text === null) return null;
  if (typeof piece === 'string') return text + piece;
  if (typeof piece.partial === 'string') return text + piece.partial;
  return piece.partial === undefined ? text + UNKNOWN_TEXT : null;
}

const COMPARISONS = new Set(['<', '<=', '>', '>=']);

/**
 * An operand of a known type that does not convert to what the operator takes: refused as Terraform
 * does at validate time (terraform validate 1.11.4, `variable "l" { type = list(string) }`: `1 + var.l`
 * is "Invalid operand: Unsuitable value for right operand: number required.", `!var.n` "... unary
 * operand: bool required."; a string converts to either, and `==` takes any type).
 */
function checkOperand(type: TypeSpec, want: TypeSpec, side: 'left' | 'right' | 'unary'): void {
  if (!convertible(type, want)) throw new EvalError(`Invalid operand: unsuitable value for ${side} operand: ${want.kind} required.`, undefined, 'eval/type');
}

/**
 * An error try() and can() do not catch: one Terraform finds before evaluating anything (a reference
 * to an undeclared variable, local, resource or module output), which they do not catch there, as the
 * configuration is invalid whatever the values (a typo inside try() would otherwise pass silently as
 * the fallback); and a limit of this evaluator (eval/budget), whose value is unknown, not a failure.
 */
function isStaticError(e: EvalError): boolean {
  // eval/budget: try() giving its fallback, or can() false, would judge a value Terraform never
  // takes (`try(length(range(150000)) > 0, false)` is true there).
  return e.code === 'eval/unknown-reference' || e.code === MISSING_INSTANCE_KEY || e.code === UNEXPECTED_INSTANCE_KEY || e.code === 'eval/budget';
}

/** A non-string interpolated value as text; a value that has none is an error at its interpolation (a template's line, not its first). */
function interpolated(v: Val, part: Range): string | Unk {
  try {
    return toStr(v, 'template interpolation value');
  } catch (e) {
    return withRange(e, part);
  }
}

/** A number result; NaN, which Go's big.Float cannot hold, is the failed operation Terraform reports. */
function notNaN(n: number, why: string): number {
  if (Number.isNaN(n)) throw new EvalError(`Operation failed: ${why}.`);
  return n;
}

/**
 * `var.x` or `local.y` itself: memoized, so its value costs a lookup, and reading it reports nothing
 * new. Not `var.x.a` or `local.l[0]`: the branch not taken is often the one a guard keeps from
 * failing (`var.n != null ? var.n.a : "d"`), and Terraform types it without evaluating it.
 */
function isVariableOrLocal(expr: Expression): boolean {
  return expr.type === 'traversal' && (expr.root === 'var' || expr.root === 'local') && expr.steps.length === 1;
}

/** The type two results unify to by their syntax alone; undefined where it leaves either open. */
function syntaxType(a: Expression, b: Expression): TypeSpec | undefined {
  const ta = branchType(a, noLeafType, undefined);
  if (hasAny(ta)) return undefined;
  const tb = branchType(b, noLeafType, undefined);
  if (hasAny(tb)) return undefined;
  return commonType([ta, tb]);
}

function noLeafType(): TypeSpec {
  return ANY;
}

/** A resource's or data source's attribute, or a splat, index or attribute of one, not shadowed by a for variable. */
function readsResource(expr: Expression, scope: Scope): boolean {
  switch (expr.type) {
    case 'traversal':
      return isResourceReference(expr) && scope.lookup(expr.root) === undefined;
    case 'parens':
      return readsResource(expr.expr, scope);
    case 'relativeTraversal':
    case 'splat':
      return readsResource(expr.source, scope);
    case 'index':
      return readsResource(expr.collection, scope);
    default:
      return false;
  }
}

/** An empty tuple or object (`[]`, `{}`): of that value whichever type it takes. */
function isEmptyConstructed(v: Val): boolean {
  return (v instanceof ListV && v.kind === 'tuple' && v.items.length === 0) || (v instanceof ObjV && v.kind === 'object' && v.attrs.size === 0 && v.open === undefined);
}

/** Whether a conditional's result may not be null: a known value other than null, or an unknown refined so (not an error). */
function mayNotBeNull(v: Val | undefined): boolean {
  return v !== undefined && v !== null && (!(v instanceof Unk) || v.notNull);
}

/**
 * `<`, `>`, `<=` or `>=` of two numbers, one within bounds, where the bounds decide it; undefined
 * where they do not. `a <= b` is cty's `a < b || a == b`, its `||` true where either side is
 * (terraform plan 1.11.4: `(u ? 1 : 2) >= 1` is unknown, `(u ? 1 : 2) >= 0` true, and
 * `(u ? 1 : 2) <= (u ? 5 : 6)` true though the equality of two unknowns is unknown).
 */
function rangeComparison(op: '<' | '>' | '<=' | '>=', a: number | Unk, b: number | Unk): boolean | undefined {
  const ra = numberRangeOf(a);
  const rb = numberRangeOf(b);
  if (ra === undefined || rb === undefined) return undefined;
  const strict = op === '<' || op === '<=' ? rangeLess(ra, rb) : rangeLess(rb, ra);
  if (op === '<' || op === '>') return strict;
  if (strict === true) return true;
  const eq = equals(a, b);
  if (eq === true) return true;
  return strict === false && eq === false ? false : undefined;
}

/** Functions whose unknown result carries a prefix of their own (jsonencode's "{" or "[", format's text before its first verb), not an argument's. */
const REFINING_FUNCTIONS = new Set(['jsonencode', 'core::jsonencode', 'format', 'core::format']);

/** A module call's output or an attribute or index of one (`module.m.o`, `module.m["k"].o.name`): already evaluated, cheap to read. */
function isModuleOutput(expr: Expression): boolean {
  return expr.type === 'traversal' && expr.root === 'module' && expr.steps.length >= 2;
}

/** An expression without references or calls: its value is the same wherever it is evaluated. */
function isConstant(expr: Expression): boolean {
  switch (expr.type) {
    case 'literal':
      return true;
    case 'template':
      return expr.parts.every((p) => p.kind === 'literal');
    case 'parens':
      return isConstant(expr.expr);
    case 'unary':
      return isConstant(expr.operand);
    case 'tuple':
      return expr.items.every(isConstant);
    case 'object':
      return expr.items.every((item) => (item.bareKey || isConstant(item.key)) && isConstant(item.value));
    default:
      return false;
  }
}

/**
 * A conditional's result when the condition is unknown (HCL's ConditionalExpr): of the type both
 * results unify to, when both have one here (a literal null takes the other's) that an unknown may
 * be given (types.ts givenType: no object or tuple in it), and not null when
 * neither is (terraform plan 1.11.4: `flatten([terraform_data.u.id == "" ? "a" : "b", ["f"]])` is
 * [unknown, "f"], `(c ? "a" : "b") == null` false). `a`, `b`: the results, undefined where one failed.
 */
function unknownBranch(cond: Unk, a: Val | undefined, b: Val | undefined, thenExpr: Expression, elseExpr: Expression): Unk {
  const isNullLiteral = (e: Expression): boolean => e.type === 'literal' && e.value === null;
  let type: TypeSpec | undefined;
  if (a !== undefined && b !== undefined) {
    if (a === null && isNullLiteral(thenExpr)) type = valueType(b);
    else if (b === null && isNullLiteral(elseExpr)) type = valueType(a);
    else if (a !== null && b !== null) {
      const ta = valueType(a);
      const tb = valueType(b);
      if (ta !== undefined && tb !== undefined && !hasAny(ta) && !hasAny(tb)) type = commonType([ta, tb]);
    }
  }
  if (type !== undefined && !givenType(type)) type = undefined;
  // Or the results' types by their syntax alone, where it settles them (branch-types.ts): exactly
  // Terraform's, objects and tuples too (terraform console -plan 1.11.4: `length(concat(u ? ["a"] :
  // ["b"], ["c"]))` is 2, `keys(u ? { a = 1 } : { a = 2 })` ["a"]).
  if (type === undefined && a !== undefined && b !== undefined) type = syntaxType(thenExpr, elseExpr);
  // Not null only where neither result may be (terraform plan 1.11.4: `u ? 1 : null` may be null,
  // `u ? 1 : 2` not); between two numbers, within both results' bounds (unionRange).
  const ra = numberRangeOf(a);
  const rb = numberRangeOf(b);
  const result = new Unk(cond.cause, undefined, mayNotBeNull(a) && mayNotBeNull(b), undefined, type, ra !== undefined && rb !== undefined ? unionRange(ra, rb) : undefined);
  // Without a type, its kind where both results are of one: two objects or maps unify to an object
  // or a map, two tuples, lists or sets to one of those, whichever type each has in Terraform (a
  // resource's known attribute may be a map there though written as an object), so its jsonencode
  // starts with "{" or "[" (terraform console -plan 1.11.4 has `jsonencode(u ? merge(terraform_data.o.output,
  // { b = 1 }) : { a = terraform_data.u.id, b = 2 }) == "5"` false). Not a type: map(any) would be
  // taken for a map where Terraform has an object, and unified as one.
  const shape = type === undefined ? sharedShape(a, b) : undefined;
  if (shape !== undefined) return withJsonShape(result, shape);
  // Between two lists, sets or maps of one type, its length is within theirs (HCL's ConditionalExpr;
  // terraform plan 1.11.4: `length(u ? tolist([1]) : tolist([1, 2])) > 5` is false, `== 1` unknown,
  // `length(u ? tolist(["a"]) : tolist(["b"])) == 1` true; not between tuples, `[1] : [1, 2]`, whose
  // types differ, nor between lists of two types).
  const lengths = collectionLengths(a, b);
  return lengths === undefined ? result : withLengthRange(result, lengths);
}

/** The bounds of the lengths of two known lists, sets or maps of one type known here; undefined for anything else. */
function collectionLengths(a: Val | undefined, b: Val | undefined): NumberRange | undefined {
  const la = collectionLength(a);
  const lb = collectionLength(b);
  if (la === undefined || lb === undefined) return undefined;
  const ta = valueType(a!);
  const tb = valueType(b!);
  if (ta === undefined || tb === undefined || hasAny(ta) || hasAny(tb) || !sameType(ta, tb)) return undefined;
  return { lo: Math.min(la, lb), loInc: true, hi: Math.max(la, lb), hiInc: true };
}

function collectionLength(v: Val | undefined): number | undefined {
  if (v instanceof ListV) {
    const n = v.items.length;
    return v.kind === 'tuple' || setOfUnknownLength(v) ? undefined : n;
  }
  return v instanceof ObjV && v.kind === 'map' && v.open === undefined ? v.attrs.size : undefined;
}

/** "{" where both results are objects or maps, "[" where both are tuples, lists or sets; undefined otherwise (a null, a primitive, a mix, an untyped unknown). */
function sharedShape(a: Val | undefined, b: Val | undefined): '{' | '[' | undefined {
  const sa = jsonShapeOf(a);
  return sa !== undefined && sa === jsonShapeOf(b) ? sa : undefined;
}

function jsonShapeOf(v: Val | undefined): '{' | '[' | undefined {
  if (v instanceof ObjV) return '{';
  if (v instanceof ListV) return '[';
  if (!(v instanceof Unk)) return undefined;
  const kind = v.type?.kind;
  return kind === 'object' || kind === 'map' ? '{' : kind === 'tuple' || kind === 'list' || kind === 'set' ? '[' : jsonShape(v);
}

/** What templatestring takes as its template (Terraform's isValidTemplateStringExpr): a reference, and an index, attribute or splat of one. */
function isTemplateReference(expr: Expression): boolean {
  switch (expr.type) {
    case 'traversal':
      return true;
    case 'relativeTraversal':
    case 'splat':
      return isTemplateReference(expr.source);
    case 'index':
      return isTemplateReference(expr.collection);
    default:
      return false;
  }
}

/** A collection or structural type: one cty's unify cannot share with a null of no type. */
function isStructural(t: TypeSpec): boolean {
  return t.kind !== 'any' && t.kind !== 'string' && t.kind !== 'number' && t.kind !== 'bool';
}
