// Expression evaluation with Terraform semantics: unknowns propagate, conditionals and logical
// operators short-circuit on known values, try/can catch errors, splats and for-expressions
// iterate lists, sets and maps. Errors are thrown as EvalError with the node's range; callers at
// attribute level turn them into diagnostics (see body.ts).
import type { Expression, FunctionCallExpr, ObjectExpr, Range, TemplateExpr, TemplatePart, TraversalExpr, TraversalStep } from '../parsers/hcl/ast.js';
import type { Span } from '../source/span.js';
import { callBuiltin, isKnownFunction, type FunctionContext } from './functions/index.js';
import { jsonEncode } from './functions/encoding.js';
import { ANY, convert, parseType } from './types.js';
import { EvalError, ListV, ObjV, Unk, compareKeys, equals, firstUnk, getAttr, hasUnk, indexValue, obj, toBool, toNum, toStr, tuple, typeName, unk, type Val } from './value.js';

const NO_REFS: readonly string[] = Object.freeze([]);
const NO_HOPS: readonly Span[] = Object.freeze([]);

/** What an evaluation touched: provenance hops, sensitivity and referenced resources. */
export class Trace {
  /** Made on the first hop, like refSet: most traces have none. */
  private hops: Span[] | undefined;
  sensitive = false;
  /** Made on the first reference: most expressions refer to no resource, and a trace is made per attribute. */
  private refSet: Set<string> | undefined;

  /** The hops so far, in order (one shared empty list when there are none; never to be changed). */
  get via(): readonly Span[] {
    return this.hops ?? NO_HOPS;
  }

  get refs(): Set<string> {
    return (this.refSet ??= new Set());
  }

  /** The references in first-seen order (one shared empty list when there are none). */
  refList(): readonly string[] {
    return this.refSet === undefined || this.refSet.size === 0 ? NO_REFS : [...this.refSet];
  }

  copyRefsTo(target: Set<string>): void {
    if (this.refSet !== undefined) for (const r of this.refSet) target.add(r);
  }

  /** Take on what a memoised value travelled through; `last` (its declaration) goes after its hops. */
  absorb(other: { readonly via: readonly Span[]; readonly sensitive: boolean; readonly refs: readonly string[] }, last?: Span): void {
    // Indexed loops: most lists are empty, and for-of sets up an iterator even then.
    const via = other.via;
    if (via.length > 0 || last !== undefined) {
      const hops = (this.hops ??= []);
      for (let i = 0; i < via.length; i++) hops.push(via[i]!);
      if (last !== undefined) hops.push(last);
    }
    if (other.sensitive) this.sensitive = true;
    const refs = other.refs;
    if (refs.length > 0) {
      const set = (this.refSet ??= new Set());
      for (let i = 0; i < refs.length; i++) set.add(refs[i]!);
    }
  }
}

/** Resolves the roots a module instance defines: var, local, module, data, resource types, path, terraform. */
export interface RootResolver {
  /** Returns the value and how many steps it consumed, or undefined when the root is not defined. */
  resolveRoot(root: string, steps: readonly TraversalStep[], expr: TraversalExpr, trace: Trace): { value: Val; consumed: number } | undefined;
}

export interface EvalEnv {
  readonly resolver: RootResolver;
  readonly fn: FunctionContext;
  /** Called once per scan for each unimplemented function name. */
  reportUnimplemented(name: string, range: Range): void;
  /** Parse template text (templatefile/templatestring); undefined when no parser is available. */
  parseTemplate(text: string, origin: string): TemplateExpr | undefined;
  /** Told which call is running, so filesystem functions can point their diagnostics at it. */
  onCall?(call: FunctionCallExpr): void;
}

/** Lexical variables: for-expression symbols, count, each, dynamic iterators, splat element. */
export class Scope {
  constructor(
    readonly parent: Scope | undefined,
    private readonly names: ReadonlyMap<string, Val>,
  ) {}

  lookup(name: string): Val | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      // Every chain ends in EMPTY_SCOPE, and most lookups (var, local, resources) miss: skip empty maps.
      if (s.names.size === 0) continue;
      const v = s.names.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  with(names: ReadonlyMap<string, Val>): Scope {
    return new Scope(this, names);
  }
}

export const EMPTY_SCOPE = new Scope(undefined, new Map());

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
    else if (item.key.type === 'template' && item.key.parts.every((p) => p.kind === 'literal')) key = item.key.parts.map((p) => (p as { value: string }).value).join('');
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

  private step(): void {
    if (--this.env.fn.budget.steps < 0) throw new EvalError('Evaluation budget exhausted (too many iterations); remaining values are unknown.', undefined, 'eval/budget');
  }

  private eval(expr: Expression, scope: Scope, trace: Trace): Val {
    switch (expr.type) {
      case 'literal':
        return expr.value === null || typeof expr.value === 'boolean' ? expr.value : Number(expr.value.number);
      case 'template':
        return this.template(expr.parts, scope, trace, true);
      case 'parens':
        return this.eval(expr.expr, scope, trace);
      case 'traversal':
        return this.traversal(expr, scope, trace);
      case 'relativeTraversal':
        return this.applySteps(this.eval(expr.source, scope, trace), expr.steps);
      case 'call':
        try {
          return this.call(expr, scope, trace);
        } catch (e) {
          return withRange(e, expr);
        }
      case 'conditional': {
        const cond = toBool(this.eval(expr.cond, scope, trace), 'condition');
        if (cond instanceof Unk) return cond;
        return this.eval(cond ? expr.then : expr.else, scope, trace);
      }
      case 'binary':
        try {
          return this.binary(expr.op, expr.left, expr.right, scope, trace);
        } catch (e) {
          return withRange(e, expr);
        }
      case 'unary': {
        const v = this.eval(expr.operand, scope, trace);
        if (expr.op === '!') {
          const b = toBool(v, 'operand of !');
          return b instanceof Unk ? b : !b;
        }
        const n = toNum(v, 'operand of -');
        return n instanceof Unk ? n : -n;
      }
      case 'tuple':
        return tuple(expr.items.map((item) => this.eval(item, scope, trace)));
      case 'object': {
        const fixed = staticKeys(expr);
        if (fixed !== null && fixed.longest <= this.env.fn.budget.maxStringLength) return this.staticObject(expr, fixed, scope, trace);
        const entries: [string, Val][] = [];
        let unknownKey: Unk | undefined;
        for (const item of expr.items) {
          let key: string;
          if (item.bareKey && item.key.type === 'traversal') key = item.key.root;
          else {
            const k = toStr(this.eval(item.key, scope, trace), 'object key');
            if (k instanceof Unk) {
              unknownKey ??= k;
              continue;
            }
            key = k;
          }
          entries.push([key, this.eval(item.value, scope, trace)]);
        }
        return unknownKey ?? obj(entries);
      }
      case 'index': {
        const coll = this.eval(expr.collection, scope, trace);
        const key = this.eval(expr.key, scope, trace);
        try {
          return indexValue(coll, key);
        } catch (e) {
          return withRange(e, expr);
        }
      }
      case 'splat':
        return this.splat(expr.source, expr.each, scope, trace);
      case 'anonSymbol': {
        const v = scope.lookup(ANON);
        if (v === undefined) throw new EvalError('Splat placeholder used outside a splat expression.', expr);
        return v;
      }
      case 'for':
        return this.forExpr(expr, scope, trace);
    }
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

  private traversal(expr: TraversalExpr, scope: Scope, trace: Trace): Val {
    const local = scope.lookup(expr.root);
    if (local !== undefined) return this.applySteps(local, expr.steps, expr);
    const resolved = this.env.resolver.resolveRoot(expr.root, expr.steps, expr, trace);
    if (!resolved) throw new EvalError(`Unknown reference "${expr.root}": no such variable, resource or symbol in this scope.`, expr, 'eval/unknown-reference');
    return this.applySteps(resolved.value, expr.steps, expr, resolved.consumed);
  }

  applySteps(value: Val, steps: readonly TraversalStep[], range?: Range, from = 0): Val {
    let v = value;
    for (let i = from; i < steps.length; i++) {
      const step = steps[i]!;
      try {
        v = step.kind === 'attr' ? (v instanceof ObjV || v instanceof Unk || v === null ? getAttr(v, step.name) : legacyIndex(v, step.name)) : indexValue(v, step.key);
      } catch (e) {
        return withRange(e, range ?? step);
      }
    }
    return v;
  }

  private template(parts: readonly TemplatePart[], scope: Scope, trace: Trace, top: boolean): Val {
    if (top && parts.length === 1 && parts[0]!.kind === 'interpolation') return this.eval(parts[0]!.expr, scope, trace);
    let out = '';
    let unknown: Unk | undefined;
    for (const part of parts) {
      switch (part.kind) {
        case 'literal':
          out += part.value;
          break;
        case 'interpolation': {
          const v = this.eval(part.expr, scope, trace);
          if (v === null) throw new EvalError('Invalid template interpolation value: the value is null.', part);
          const s = toStr(v, 'template interpolation value');
          if (s instanceof Unk) unknown ??= s;
          else out += s;
          break;
        }
        case 'if': {
          const c = toBool(this.eval(part.cond, scope, trace), 'template condition');
          if (c instanceof Unk) {
            unknown ??= c;
            break;
          }
          const s = this.template(c ? part.then : part.else, scope, trace, false);
          if (s instanceof Unk) unknown ??= s;
          else out += s as string;
          break;
        }
        case 'for': {
          const coll = this.eval(part.collection, scope, trace);
          if (coll instanceof Unk) {
            unknown ??= coll;
            break;
          }
          for (const [k, v] of iterate(coll)) {
            this.step();
            const names = new Map<string, Val>([[part.valueVar, v]]);
            if (part.keyVar) names.set(part.keyVar, k);
            const s = this.template(part.body, scope.with(names), trace, false);
            if (s instanceof Unk) unknown ??= s;
            else out += s as string;
          }
          break;
        }
      }
      if (out.length > this.env.fn.budget.maxStringLength) throw new EvalError('Template result exceeds the evaluation budget.', part, 'eval/budget');
    }
    return unknown ?? out;
  }

  private binary(op: string, leftExpr: Expression, rightExpr: Expression, scope: Scope, trace: Trace): Val {
    const left = this.eval(leftExpr, scope, trace);
    const right = this.eval(rightExpr, scope, trace);
    switch (op) {
      case '||':
      case '&&': {
        const a = toBool(left, `left operand of ${op}`);
        const b = toBool(right, `right operand of ${op}`);
        if (op === '||') {
          if (a === true || b === true) return true;
          return a instanceof Unk ? a : b instanceof Unk ? b : false;
        }
        if (a === false || b === false) return false;
        return a instanceof Unk ? a : b instanceof Unk ? b : true;
      }
      case '==':
      case '!=': {
        const e = equals(left, right);
        if (e instanceof Unk) return e;
        return op === '==' ? e : !e;
      }
      default:
        break;
    }
    const a = toNum(left, `left operand of ${op}`);
    const b = toNum(right, `right operand of ${op}`);
    if (a instanceof Unk) return a;
    if (b instanceof Unk) return b;
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0) throw new EvalError('Division by zero.');
        return a / b;
      case '%':
        if (b === 0) throw new EvalError('Modulo by zero.');
        return a % b;
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
    if (source instanceof Unk) return source;
    if (source === null) return tuple([]);
    const items = source instanceof ListV ? source.items : [source];
    const out: Val[] = [];
    for (const item of items) {
      this.step();
      out.push(this.eval(each, scope.with(new Map([[ANON, item]])), trace));
    }
    return tuple(out);
  }

  private forExpr(expr: Extract<Expression, { type: 'for' }>, scope: Scope, trace: Trace): Val {
    const coll = this.eval(expr.collection, scope, trace);
    if (coll instanceof Unk) return coll;
    if (coll === null) throw new EvalError('Iteration over a null value.', expr.collection);
    if (!(coll instanceof ListV || coll instanceof ObjV)) throw new EvalError(`A for expression iterates a collection, not a ${typeName(coll)}.`, expr.collection);
    const items: Val[] = [];
    const groups = new Map<string, Val[]>();
    const entries: [string, Val][] = [];
    const seenKeys = new Set<string>();
    for (const [k, v] of iterate(coll)) {
      this.step();
      const names = new Map<string, Val>([[expr.valueVar, v]]);
      if (expr.keyVar) names.set(expr.keyVar, k);
      const inner = scope.with(names);
      if (expr.cond) {
        const c = toBool(this.eval(expr.cond, inner, trace), 'for condition');
        if (c instanceof Unk) return c;
        if (!c) continue;
      }
      if (expr.keyExpr) {
        const key = toStr(this.eval(expr.keyExpr, inner, trace), 'for key');
        if (key instanceof Unk) return key;
        const value = this.eval(expr.valueExpr, inner, trace);
        if (expr.group) {
          if (!groups.has(key)) groups.set(key, []);
          groups.get(key)!.push(value);
        } else {
          if (seenKeys.has(key)) throw new EvalError(`Duplicate object key "${key}" in a for expression; add "..." to group values.`, expr.keyExpr);
          seenKeys.add(key);
          entries.push([key, value]);
        }
      } else items.push(this.eval(expr.valueExpr, inner, trace));
    }
    if (!expr.keyExpr) return tuple(items);
    if (expr.group) return obj([...groups].map(([k, vs]) => [k, tuple(vs)]));
    return obj(entries);
  }

  private call(expr: FunctionCallExpr, scope: Scope, trace: Trace): Val {
    const name = expr.name.startsWith('core::') ? expr.name.slice(6) : expr.name;
    switch (name) {
      case 'try': {
        for (const arg of expr.args) {
          try {
            const v = this.eval(arg, scope, trace);
            if (hasUnk(v)) return firstUnk(v) ?? unk('unknown');
            return v;
          } catch (e) {
            if (!(e instanceof EvalError)) throw e;
          }
        }
        throw new EvalError('try(): no expression succeeded.', expr);
      }
      case 'can': {
        if (expr.args.length !== 1) throw new EvalError('can() takes exactly one argument.', expr, 'eval/arguments');
        try {
          const v = this.eval(expr.args[0]!, scope, trace);
          if (hasUnk(v)) return firstUnk(v) ?? unk('unknown');
          return true;
        } catch (e) {
          if (!(e instanceof EvalError)) throw e;
          return false;
        }
      }
      case 'sensitive': {
        const v = this.eval(expr.args[0] ?? { type: 'literal', value: null, start: expr.start, end: expr.end }, scope, trace);
        trace.sensitive = true;
        return v;
      }
      case 'issensitive': {
        const inner = new Trace();
        const v = this.eval(expr.args[0] ?? { type: 'literal', value: null, start: expr.start, end: expr.end }, scope, inner);
        trace.absorb({ via: inner.via, sensitive: false, refs: inner.refList() });
        return v instanceof Unk && !inner.sensitive ? v : inner.sensitive;
      }
      case 'convert': {
        const v = this.eval(expr.args[0]!, scope, trace);
        const type = expr.args[1] ? parseType(expr.args[1], (e) => this.eval(e, scope, trace)) : ANY;
        return convert(v, type);
      }
      default:
        break;
    }
    const args: Val[] = [];
    for (let i = 0; i < expr.args.length; i++) {
      const v = this.eval(expr.args[i]!, scope, trace);
      if (expr.expandFinal && i === expr.args.length - 1) {
        if (v instanceof Unk) return v;
        if (!(v instanceof ListV)) throw new EvalError('The final argument before "..." must be a list, tuple or set.', expr.args[i]);
        args.push(...v.items);
      } else args.push(v);
    }
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

/** Key/value pairs of a collection: index or set value for lists, key for maps. */
export function* iterate(coll: ListV | ObjV | Val): Generator<[Val, Val]> {
  if (coll instanceof ListV) {
    for (let i = 0; i < coll.items.length; i++) yield [coll.kind === 'set' ? coll.items[i]! : i, coll.items[i]!];
  } else if (coll instanceof ObjV) {
    for (const [k, v] of coll.attrs) yield [k, v];
  }
}

/** jsonencode for messages: unknown parts shown as placeholders. */
export function describeValue(v: Val): string {
  return hasUnk(v) ? '(known after apply)' : jsonEncode(v);
}
