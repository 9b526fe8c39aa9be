// Collection and numeric built-ins.
import { graphemeCount } from './graphemes.js';
import { EvalError, INSTANCE_COUNT, ListV, ObjV, Unk, compareKeys, equals, formatNumber, foundByUnknownKey, lengthRange, list, obj, set, setOfUnknownLength, tuple, typeName, unk, unknownSetLength, valueKey, type Val } from '../value.js';
import { UnknownArgument, bool, checkLength, int, int64, mapping, num, seq, str, type FunctionSpec } from './args.js';
import { asElementOf, commonType, concatLists, convert, hasAny, sameType, unifyValues, valueType, type TypeSpec } from '../types.js';
import { NUMBER, STRING } from '../primitive-types.js';
import { itemInstances } from '../instance-references.js';
import { decimalAdd } from '../decimal-arithmetic.js';

/** Lists whose elements take one common type together (the set functions compare them as one type). */
function unifiedGroups(groups: readonly (readonly Val[])[], what: string): (readonly Val[])[] {
  const all = unifyValues(groups.flat(), what);
  const out: (readonly Val[])[] = [];
  let at = 0;
  for (const g of groups) {
    out.push(all.slice(at, at + g.length));
    at += g.length;
  }
  return out;
}

function sameKindList(source: Val, items: readonly Val[]): ListV {
  if (source instanceof ListV && source.kind === 'set') return set(items);
  if (source instanceof ListV && source.kind === 'list') return list(items);
  return tuple(items);
}

/**
 * slice()'s indexes as Terraform checks them with a value unknown: each known one a whole number not
 * below zero nor past the length (an unknown tuple's is its type's), the start not past the end; and
 * no set, which has no indexes.
 */
function checkSliceIndexes([l, s, e]: readonly Val[]): void {
  if ((l instanceof Unk ? l.type?.kind : l instanceof ListV ? l.kind : undefined) === 'set') throw new EvalError('slice: cannot slice a set, because its elements do not have indices; convert it with tolist() first.', undefined, 'eval/type');
  const length = l instanceof ListV ? l.items.length : l instanceof Unk && l.type?.kind === 'tuple' ? l.type.elems.length : undefined;
  const index = (v: Val | undefined, what: string): number | undefined => {
    if (v instanceof Unk || v === undefined) return undefined;
    const n = int(v, `${what} index of slice()`);
    if (n < 0) throw new EvalError(`slice: the ${what} index must not be less than zero.`);
    if (length !== undefined && n > length) throw new EvalError(`slice: the ${what} index must not be greater than the length of the list (${length}).`);
    return n;
  };
  const start = index(s, 'start');
  const end = index(e, 'end');
  if (start !== undefined && end !== undefined && start > end) throw new EvalError('slice: the start index must not be greater than the end index.');
}

/**
 * flatten()'s elements into `out`; false where the result's length is not known: an unknown that
 * may be a list (untyped here, or a list, set or tuple). An unknown of another type (a string, a
 * comparison's bool, an object) is one element, as in Terraform (terraform plan 1.11.4:
 * `flatten([terraform_data.u.id != "", ["f"]])` is [unknown, "f"], of an untyped `lookup()` unknown).
 */
function flatten(v: Val, out: Val[]): boolean {
  if (v instanceof Unk) {
    const kind = v.type?.kind;
    if (kind === undefined || kind === 'list' || kind === 'set' || kind === 'tuple' || kind === 'any') return false;
    out.push(v);
    return true;
  }
  if (v instanceof ListV) {
    for (const x of v.items) if (!flatten(x, out)) return false;
    return true;
  }
  out.push(v);
  return true;
}

/** Numbers as arguments: a list takes `...` (`max(var.sizes...)`); Terraform refuses `max([1, 2])`. */
function numbers(args: readonly Val[]): number[] {
  return args.map((a) => num(a));
}

function contains(items: readonly Val[], value: Val): boolean | Unk {
  let unknown: Unk | undefined;
  for (const x of items) {
    const e = equals(x, value);
    if (e === true) return true;
    if (e instanceof Unk) unknown ??= e;
  }
  return unknown ?? false;
}

/** A number result, where Go's big.Float would panic on NaN (Terraform reports the call as failed). */
function finite(name: string, n: number): number {
  if (Number.isNaN(n)) throw new EvalError(`${name}: the result is not a number.`);
  return n;
}

/** The items of a list or tuple: a set has no order to index (Terraform asks for tolist() first). */
function indexed(v: Val | undefined, name: string): readonly Val[] {
  if (v instanceof ListV && v.kind === 'set') throw new EvalError(`${name}: a set's elements have no indexes; convert it with tolist() first.`, undefined, 'eval/type');
  return seq(v);
}

/**
 * range() with a fractional start or step, as Terraform counts: in decimal, not in doubles, so that
 * range(0, 1, 0.1) has 0.3 and 0.7 where start + i × step has 0.30000000000000004 (terraform console
 * 1.11.4; its 512-bit sums differ from the decimal ones far below a double's precision). undefined
 * when a number is too long to scale (the double arithmetic is used then).
 */
function decimalRange(start: number, limit: number, step: number): number[] | undefined {
  const texts = [start, limit, step].map(formatNumber);
  const places = Math.max(...texts.map((t) => (t.includes('.') ? t.length - t.indexOf('.') - 1 : 0)));
  if (places > 30 || texts.some((t) => t.length > 60)) return undefined;
  const scaled = texts.map((t) => {
    const [whole, fraction = ''] = t.split('.');
    return BigInt(whole! + fraction.padEnd(places, '0'));
  });
  const [s, l, d] = scaled as [bigint, bigint, bigint];
  const out: number[] = [];
  for (let v = s; d > 0n ? v < l : v > l; v += d) {
    const digits = (v < 0n ? -v : v).toString().padStart(places + 1, '0');
    out.push(Number(`${v < 0n ? '-' : ''}${digits.slice(0, digits.length - places)}.${digits.slice(digits.length - places)}`));
  }
  return out;
}

export const collectionFunctions: Record<string, FunctionSpec> = {
  // ---- numeric
  abs: { min: 1, max: 1, fn: ([n]) => Math.abs(num(n)) },
  // An integer has no sign of zero in Terraform: ceil(-0.5) is 0, not -0 (terraform console 1.11.4).
  ceil: { min: 1, max: 1, fn: ([n]) => Math.ceil(num(n)) || 0 },
  floor: { min: 1, max: 1, fn: ([n]) => Math.floor(num(n)) || 0 },
  log: { min: 2, max: 2, fn: ([n, b]) => finite('log', Math.log(num(n)) / Math.log(num(b))) },
  // The first of equal numbers wins, as Terraform takes a later one only if it is greater (or less):
  // max(-0, 0) is -0, min(0, -0) is 0, which tostring() and jsonencode() show (terraform console 1.11.4).
  max: { min: 1, max: Infinity, fn: (args) => numbers(args).reduce((a, b) => (b > a ? b : a)) },
  min: { min: 1, max: Infinity, fn: (args) => numbers(args).reduce((a, b) => (b < a ? b : a)) },
  pow: { min: 2, max: 2, fn: ([a, b]) => finite('pow', Math.pow(num(a), num(b))) },
  // Terraform's signum takes a whole number: signum(0.5) is an error there ("value must be a whole number").
  signum: { min: 1, max: 1, fn: ([n]) => Math.sign(int64(n)) || 0 },
  parseint: { min: 2, max: 2, fn: ([s, b]) => {
    if (typeof s !== 'string') throw new EvalError(`parseint: the first argument must be a string, not ${typeName(s ?? null)}.`, undefined, 'eval/type');
    const base = int(b);
    const text = str(s);
    if (base < 2 || base > 62) throw new EvalError('parseint: base must be between 2 and 62.');
    const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const body = text.replace(/^[-+]/, '');
    if (body === '') throw new EvalError(`parseint: cannot parse "${text}" as a base ${base} integer.`);
    let value = 0n;
    for (const ch of body) {
      const d = base <= 36 ? digits.indexOf(ch.toLowerCase()) : digits.indexOf(ch);
      if (d < 0 || d >= base) throw new EvalError(`parseint: cannot parse "${text}" as a base ${base} integer.`);
      value = value * BigInt(base) + BigInt(d);
    }
    return Number(text.startsWith('-') ? -value : value);
  } },
  // ---- collections
  // In order, as Terraform reads them: an unknown before any false makes the result unknown, a false
  // before any unknown makes it false (terraform plan 1.11.4: alltrue([unknown, false]) is unknown,
  // alltrue([false, unknown]) false). anytrue, below, looks at every element for a true.
  alltrue: { min: 1, max: 1, allowUnknown: true, fn: ([l]) => {
    for (const x of seq(l)) {
      if (x instanceof Unk) return x;
      if (x === null || !bool(x)) return false; // a null element is not true (Terraform: alltrue([null]) is false)
    }
    return true;
  } },
  anytrue: { min: 1, max: 1, allowUnknown: true, fn: ([l]) => {
    let unknown: Unk | undefined;
    for (const x of seq(l)) {
      if (x instanceof Unk) unknown ??= x;
      else if (x !== null && bool(x)) return true;
    }
    return unknown ?? false;
  } },
  chunklist: { min: 2, max: 2, fn: ([l, n]) => {
    // The elements take one type, as the list Terraform converts them to: chunklist([1, "a"], 1) is [["1"], ["a"]].
    const items = unifyValues(seq(l), 'chunklist');
    const size = int(n);
    if (size < 0) throw new EvalError('chunklist: the size must not be negative.');
    // Size 0 is one chunk of them all, and no chunk of none (chunklist([], 0) is []; terraform console 1.11.4).
    if (size === 0) return list(items.length === 0 ? [] : [list(items)]);
    const out: Val[] = [];
    for (let i = 0; i < items.length; i += size) out.push(list(items.slice(i, i + size)));
    return list(out);
  } },
  coalesce: { min: 1, max: Infinity, allowUnknown: true, fn: (args) => {
    // The arguments take one type first: coalesce(1, "a") is "1". With an unknown among them, known
    // to have a type that others' cannot share, Terraform refuses the call before any value is
    // known (terraform validate 1.11.4: coalesce(var.l, "a") with a list(string) is "Call to function
    // "coalesce" failed: all arguments must have the same type."); a null or an untyped unknown may be of any type.
    // Their common type is the result's also where the first known one is not of it (terraform plan
    // 1.11.4: coalesce(2, substr(var.s, 0, 1)) is "2").
    if (args.some((a) => a instanceof Unk && a.type !== undefined)) {
      const types = args.map(valueType);
      if (types.every((t): t is TypeSpec => t !== undefined && !hasAny(t))) {
        const common = commonType(types);
        if (common === undefined) throw new EvalError('Error in function call: coalesce(): all arguments must have the same type.', undefined, 'eval/type');
        args = args.map((a) => convert(a, common, 'coalesce'));
      }
    }
    for (const a of unifyValues(args, 'coalesce')) {
      if (a instanceof Unk) return a;
      if (a === null || a === '') continue;
      return a;
    }
    throw new EvalError('coalesce: no non-null, non-empty-string arguments.');
  } },
  coalescelist: { min: 1, max: Infinity, allowUnknown: true, fn: (args) => {
    // Every argument is a list or tuple, up to the first unknown, before any is chosen (terraform
    // console 1.11.4: coalescelist(["a"], "x") fails, "coalescelist arguments must be lists or tuples").
    for (const a of args) {
      if (a instanceof Unk) break;
      if (a !== null && !(a instanceof ListV && a.kind !== 'set')) throw new EvalError(`Invalid argument: coalescelist arguments must be lists or tuples, got ${typeName(a)}.`, undefined, 'eval/type');
    }
    for (const a of args) {
      if (a instanceof Unk) return a;
      // A null is skipped: Terraform refuses an untyped null only, and a null list (an optional
      // attribute left out: terraform-aws-kms's account_ids) passes there. Values here carry no
      // type: the evaluator refuses a null whose syntax says it has none before calling this (null-types.ts).
      if (a === null) continue;
      // Lists and tuples only: Terraform refuses a set ("coalescelist arguments must be lists or tuples").
      if (a instanceof ListV && a.kind === 'set') throw new EvalError('coalescelist: the arguments must be lists or tuples, not a set.', undefined, 'eval/type');
      if (seq(a).length > 0) return a;
    }
    throw new EvalError('coalescelist: no non-empty list arguments.');
  } },
  // An unknown element may be "" and drop out, so the length is unknown too: the whole list is (as in Terraform).
  compact: { min: 1, max: 1, fn: ([l]) => {
    const items = seq(l);
    const unknown = items.find((x) => x instanceof Unk);
    // Unknown, as Terraform plans it; where every unknown has known text (never "", so kept) the
    // list it will be is kept for rules (a policy document's source documents, each read at apply).
    if (unknown !== undefined) {
      const kept = items.filter((x) => x !== null && x !== '');
      const known = kept.every((x) => !(x instanceof Unk) || (typeof x.partial === 'string' && x.partial !== ''));
      return known ? new Unk((unknown as Unk).cause, list(kept.map((x) => (x instanceof Unk ? x : str(x))))) : unk((unknown as Unk).cause);
    }
    return list(items.filter((x) => x !== null && x !== '').map((x) => str(x)));
  } },
  concat: { min: 1, max: Infinity, allowUnknown: true, fn: (args, ctx) => {
    const out: Val[] = [];
    for (const a of args) {
      // A string with an apply-time part is still a string, which Terraform's concat refuses at plan.
      if (a instanceof Unk && typeof a.partial === 'string') throw new EvalError('Invalid argument: a list, tuple or set is required, got string.', undefined, 'eval/type');
      if (a instanceof Unk) return a;
      // A set has no order to concatenate in: Terraform refuses it ("all arguments must be lists or tuples").
      if (a instanceof ListV && a.kind === 'set') throw new EvalError('Invalid argument: all arguments of concat() must be lists or tuples, got a set.', undefined, 'eval/type');
      out.push(...seq(a));
    }
    checkLength(out.length, ctx.budget);
    // Lists only: a list of their one element type (Terraform's concat); otherwise a tuple.
    if (args.every((a) => a instanceof ListV && a.kind === 'list')) return concatLists(args as ListV[], out) ?? tuple(out);
    return tuple(out);
  } },
  contains: { min: 2, max: 2, allowUnknown: true, fn: ([l, v]) => {
    if (l instanceof Unk) return l;
    // An unknown value to look for is an unknown result, whatever the list holds: contains([],
    // terraform_data.u.id) is unknown, not false (terraform plan 1.11.4; one partly known, as
    // ["a", unknown], is compared element by element below).
    if (v instanceof Unk) return v;
    if (v === null || v === undefined) throw new EvalError('contains: the value to look for must not be null.');
    // A map or object has values but is no collection to search (terraform console 1.11.4:
    // contains({ a = 1 }, 1) fails, "argument must be list, tuple, or set").
    if (l instanceof ObjV) throw new EvalError(`Invalid argument: contains() takes a list, tuple or set, got ${typeName(l)}.`, undefined, 'eval/type');
    return contains(seq(l), v);
  } },
  distinct: { min: 1, max: 1, fn: ([l]) => {
    const seen = new Set<string>();
    const out: Val[] = [];
    for (const x of unifyValues(seq(l), 'distinct')) {
      if (x instanceof Unk) return unk(x.cause);
      const k = valueKey(x);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(x);
      }
    }
    return list(out);
  } },
  element: { min: 2, max: 2, allowUnknown: true, fn: ([l, i]) => {
    if (l instanceof Unk) return l;
    const items = indexed(l, 'element');
    if (i instanceof Unk) return i;
    if (items.length === 0) throw new EvalError('element: cannot use element function with an empty list.');
    const n = int(i);
    // Terraform takes Go's remainder, which keeps the sign: a negative multiple of the length is the
    // first element (element(["a","b","c"], -3) is "a"), any other negative index panics there
    // ("index out of range [-1]", terraform console 1.11.4), an error here.
    const at = n % items.length || 0;
    if (at < 0) throw new EvalError(`element: the index ${n} is out of range (Terraform fails on a negative index that is not a multiple of the length).`);
    return items[at]!;
  } },
  flatten: { min: 1, max: 1, allowUnknown: true, fn: ([l], ctx) => {
    const out: Val[] = [];
    // An unknown argument, of whatever type, is an unknown result (Terraform types it by its value).
    if (l instanceof Unk) return unk('list contains unknown elements');
    if (!flatten(l ?? null, out)) return unk('list contains unknown elements');
    checkLength(out.length, ctx.budget);
    if (!(l instanceof ListV)) throw new EvalError(`flatten: a list is required, got ${typeName(l ?? null)}.`);
    return tuple(out);
  } },
  index: { min: 2, max: 2, fn: ([l, v]) => {
    const items = indexed(l, 'index');
    // As contains(): a null is no value to look for (terraform console 1.11.4: "argument must not be null").
    if (v === null || v === undefined) throw new EvalError('index: the value to find must not be null.', undefined, 'eval/type');
    for (let i = 0; i < items.length; i++) {
      const e = equals(items[i]!, v ?? null);
      if (e === true) return i;
      // An element that may be the value: its index is the answer or a later one's, not yet known
      // (terraform plan 1.11.4: index([unknown, "zz"], "zz") is unknown, index(["zz", unknown], "zz") 0).
      if (e instanceof Unk) return e;
    }
    throw new EvalError('index: the item was not found in the list.');
  } },
  // A map's keys are a list(string); an object's, a tuple of its attribute names.
  keys: { min: 1, max: 1, allowUnknown: true, fn: ([m]) => {
    // An unknown object's attribute names are its type's (terraform plan 1.11.4: keys() of a variable
    // of type object({ name = string, tags = map(string) }) given an unknown is ["name", "tags"]).
    if (m instanceof Unk) {
      if (m.type?.kind === 'object') return tuple([...m.type.attrs.keys()].sort(compareKeys));
      // As an argument functions do not take unknown: no known text of it is the result's.
      throw new UnknownArgument(typeof m.partial === 'string' ? new Unk(m.cause, undefined, m.notNull) : m);
    }
    const mapped = mapping(m);
    const names = [...mapped.attrs.keys()];
    return mapped.kind === 'map' ? list(names) : tuple(names);
  } },
  // A map's values are a list, an object's a tuple (terraform console 1.11.4: type(values(tomap({ a = 1 }))) is list(number)).
  values: { min: 1, max: 1, allowUnknown: true, fn: ([m]) => {
    if (m instanceof Unk) return m;
    const mapped = mapping(m);
    return mapped.kind === 'map' ? list([...mapped.attrs.values()]) : tuple([...mapped.attrs.values()]);
  } },
  length: { min: 1, max: 1, allowUnknown: true, fn: ([v]) => {
    // An unknown object's or tuple's length is its type's (terraform plan 1.11.4: length() of an
    // unknown object({ name = string, tags = map(string) }) is 2); a list's, map's or set's is unknown.
    if (v instanceof Unk) {
      // A collection whose length is within bounds: a number within them, known where they are one (withLengthRange).
      const r = lengthRange(v);
      if (r !== undefined) return r.lo === r.hi ? r.lo : new Unk(v.cause, undefined, true, undefined, NUMBER, r);
      return v.type?.kind === 'object' ? v.type.attrs.size : v.type?.kind === 'tuple' ? v.type.elems.length : v;
    }
    if (typeof v === 'string') return graphemeCount(v);
    if (v !== undefined && setOfUnknownLength(v)) return unknownSetLength(v);
    if (v instanceof ListV) return v.items.length;
    if (v instanceof ObjV) return v.attrs.size;
    throw new EvalError(`length: a collection or string is required, got ${typeName(v ?? null)}.`);
  } },
  lookup: { min: 2, max: 3, allowUnknown: true, fn: ([m, k, d]) => {
    if (m instanceof Unk) return m;
    // Terraform's lookup gives unknown for a map holding any unknown value (its Impl: "if
    // !mapVar.IsWhollyKnown()"), even where the key's presence and its value are known. Here the
    // known keys are read as they are: the answer is the one apply will give, and a rule sees it.
    // Any key of an empty map gives the default: `lookup(var.tags_per_az, element(var.azs, count.index), {})`
    // with the zones read at plan time is still {} (Terraform says unknown; every value of the key gives {}).
    if (k instanceof Unk) return d !== undefined && m instanceof ObjV && m.open === undefined && m.attrs.size === 0 ? d : foundByUnknownKey(k);
    const key = str(k);
    // A map's default must take the map's element type, which it then has, whether the key is found or not.
    const typedDefault = d !== undefined && m instanceof ObjV && m.kind === 'map' && !(d instanceof Unk) ? asElementOf(m, d) : d;
    const found = mapping(m).attrs.get(key);
    if (found !== undefined) return found;
    if (mapping(m).open !== undefined) return unk(mapping(m).open!);
    if (typedDefault !== undefined) return typedDefault;
    throw new EvalError(`lookup: the given key "${key}" does not exist and no default was given.`);
  } },
  matchkeys: { min: 3, max: 3, fn: ([vs, ks, search]) => {
    const values = unifyValues(seq(vs), 'matchkeys');
    const [keys, searched] = unifiedGroups([seq(ks), seq(search)], 'matchkeys');
    if (values.length !== keys!.length) throw new EvalError('matchkeys: the values and keys lists must have the same length.');
    const wanted = new Set(searched!.map(valueKey));
    return list(values.filter((_, i) => wanted.has(valueKey(keys![i]!))));
  } },
  merge: { min: 0, max: Infinity, allowUnknown: true, fn: (args) => {
    const entries: [string, Val][] = [];
    // A map only where every argument is a map of one element type; else an object (Terraform's
    // merge, terraform console 1.11.4: merge(tomap({ a = 1 }), tomap({ b = "x" })) is an object,
    // not a map of strings, and merge(null) is {}). A null's type is not known here: skipped.
    let allMaps = true;
    let sawMap = false;
    let first: TypeSpec | undefined;
    for (const a of args) {
      if (a === null) continue;
      if (a instanceof Unk) return a;
      const m = mapping(a);
      if (m.kind !== 'map') allMaps = false;
      else {
        const t = valueType(m);
        if (sawMap && first !== undefined && t !== undefined && !sameType(first, t)) allMaps = false;
        first ??= t;
        sawMap = true;
      }
      entries.push(...m.attrs);
    }
    return obj(entries, allMaps && sawMap ? 'map' : 'object');
  } },
  one: { min: 1, max: 1, allowUnknown: true, fn: ([l]) => {
    if (l instanceof Unk) return l;
    // A null is no list to take one from (terraform console 1.11.4: "argument must not be null").
    if (l === null) throw new EvalError('one: the argument must not be null.', undefined, 'eval/type');
    const items = seq(l);
    if (items.length === 0) return null;
    if (items.length === 1) return items[0]!;
    // terraform plan 1.11.4 on `one(terraform_data.r[*].id)` with count = 2: "Invalid function argument: Invalid value
    // for "list" parameter: must be a list, set, or tuple value with either zero or one elements."
    throw new EvalError(`one: the list must have no more than one element, got ${items.length}.`, undefined, ofInstances(l!) ? INSTANCE_COUNT : 'eval/error');
  } },
  range: { min: 1, max: 3, fn: (args, ctx) => {
    const ns = args.map((a) => num(a));
    // One argument counts from 0 towards it, down when it is negative (range(-2) is [0, -1]).
    const [start, limit, step] = ns.length === 1 ? [0, ns[0]!, ns[0]! < 0 ? -1 : 1] : ns.length === 2 ? [ns[0]!, ns[1]!, ns[0]! <= ns[1]! ? 1 : -1] : [ns[0]!, ns[1]!, ns[2]!];
    // An empty range needs no step: range(1, 1, 0) is [] (terraform console 1.11.4).
    if (start === limit) return list([]);
    if (step === 0) throw new EvalError('range: the step must not be zero.');
    if ((step > 0 && start > limit) || (step < 0 && start < limit)) throw new EvalError('range: the step moves away from the limit.');
    const count = Math.ceil((limit - start) / step);
    checkLength(count, ctx.budget);
    const decimal = Number.isInteger(start) && Number.isInteger(step) ? undefined : decimalRange(start, limit, step);
    if (decimal !== undefined) return list(decimal);
    const out: Val[] = [];
    for (let i = 0; i < count; i++) out.push(start + i * step);
    return list(out);
  } },
  // A set reversed is a list in its reverse order (Terraform: reverse(toset(["b", "a"])) is ["b", "a"]).
  reverse: { min: 1, max: 1, fn: ([l]) => (l instanceof ListV && l.kind === 'set' ? list([...l.items].reverse()) : sameKindList(l ?? null, [...seq(l)].reverse())) },
  // With an unknown anywhere in an argument the result is unknown (terraform plan 1.11.4:
  // setsubtract(["b", "c"], [terraform_data.u.output]) is unknown, as the unknown may be "b").
  setintersection: { min: 1, max: Infinity, deepUnknown: true, fn: (args) => {
    const [first, ...rest] = unifiedGroups(args.map((a) => seq(a)), 'setintersection');
    let items = first!;
    for (const r of rest) {
      const keys = new Set(r.map(valueKey));
      items = items.filter((x) => keys.has(valueKey(x)));
    }
    return set(items);
  } },
  // Two sets at least (terraform console 1.11.4: "at least two arguments are required"); each one's
  // elements take one type, and each result is a tuple, one element from each.
  setproduct: { min: 2, max: Infinity, fn: (args, ctx) => {
    let acc: Val[][] = [[]];
    for (const a of args) {
      const items = unifyValues(seq(a), 'setproduct');
      checkLength(acc.length * items.length, ctx.budget);
      acc = acc.flatMap((prefix) => items.map((x) => [...prefix, x]));
    }
    const anySet = args.some((a) => a instanceof ListV && a.kind === 'set');
    const rows = acc.map((r) => tuple(r));
    return anySet ? set(rows) : list(rows);
  } },
  setsubtract: { min: 2, max: 2, deepUnknown: true, fn: ([a, b]) => {
    const [from, taken] = unifiedGroups([seq(a), seq(b)], 'setsubtract');
    const keys = new Set(taken!.map(valueKey));
    return set(from!.filter((x) => !keys.has(valueKey(x))));
  } },
  setunion: { min: 1, max: Infinity, fn: (args) => set(unifyValues(args.flatMap((a) => seq(a)), 'setunion')) },
  slice: { min: 3, max: 3, partial: (args) => {
    // Not a value: what Terraform refuses before one is known (cty's sliceIndexes: terraform plan
    // 1.11.4 on an unknown tuple of 2, slice(x, 0, 3) is "end index must not be greater than the
    // length of the list", slice(x, 2, 1) "start index must not be greater than end index").
    checkSliceIndexes(args);
    return undefined;
  }, fn: ([l, s, e]) => {
    const items = indexed(l, 'slice');
    const start = int(s);
    const end = int(e);
    if (start < 0 || end > items.length || start > end) throw new EvalError(`slice: indexes ${start}..${end} are out of range for ${items.length} elements.`);
    return sameKindList(l ?? null, items.slice(start, end));
  } },
  sort: { min: 1, max: 1, allowUnknown: true, fn: ([l]) => {
    // An unknown tuple's length is its type's, and sort() keeps it: a list of that many unknown
    // strings (terraform plan 1.11.4: sort() of the output of terraform_data `input = ["f"]` is
    // [unknown]); of an unknown list it is unknown.
    if (l instanceof Unk) return l.type?.kind === 'tuple' ? list(l.type.elems.map(() => l.part(STRING))) : new Unk(l.cause);
    const items = seq(l);
    // With an unknown element the order is unknown but the length is not: a list of unknown strings, as in Terraform.
    const unknown = items.find((x) => x instanceof Unk);
    if (unknown !== undefined) return list(items.map(() => (unknown as Unk).part(STRING)));
    return list(items.map((x) => str(x)).sort(compareKeys));
  } },
  sum: { min: 1, max: 1, fn: ([l]) => {
    const items = seq(l);
    if (items.length === 0) throw new EvalError('sum: cannot sum an empty list.');
    // Starting from the first element, not 0: sum([-0]) is -0 (terraform console 1.11.4).
    // Added in decimal, as Terraform's big floats add (sum([0.1, 0.2]) is 0.3).
    const total = items.slice(1).reduce<number>((acc, x) => decimalAdd(acc, num(x)), num(items[0]!));
    // +Inf and -Inf have no sum: Go's big.Float panics, which Terraform reports (terraform console
    // 1.11.4: sum([1/0, -1/0]) fails, "can't compute sum of opposing infinities").
    if (Number.isNaN(total)) throw new EvalError("sum: can't compute sum of opposing infinities.");
    return total;
  } },
  transpose: { min: 1, max: 1, fn: ([m]) => {
    const out = new Map<string, string[]>();
    for (const [k, v] of mapping(m).attrs) for (const x of seq(v)) {
      const key = str(x);
      if (!out.has(key)) out.set(key, []);
      out.get(key)!.push(k);
    }
    return obj([...out].map(([k, v]) => [k, list(v)]), 'map');
  } },
  zipmap: { min: 2, max: 2, fn: ([ks, vs]) => {
    const keys = seq(ks);
    // The values in an order: a list or tuple, not a map, object or set (terraform console 1.11.4:
    // zipmap(["a"], toset([1])) and zipmap(["a"], { a = 1 }) fail, "values argument must be a list or tuple value").
    if (vs instanceof ObjV || (vs instanceof ListV && vs.kind === 'set')) throw new EvalError(`Invalid argument: the values of zipmap() must be a list or tuple, got ${typeName(vs)}.`, undefined, 'eval/type');
    const values = seq(vs);
    if (keys.length !== values.length) throw new EvalError('zipmap: the keys and values lists must have the same length.');
    // A map from a list of values, an object from a tuple (terraform console 1.11.4: type(zipmap(["a"], tolist(["x"]))) is map(string)).
    return obj(keys.map((k, i) => [str(k), values[i]!]), vs instanceof ListV && vs.kind !== 'tuple' ? 'map' : 'object');
  } },
};

/** Whether every item of a list is one instance of a resource whose instances are known (instance-references.ts itemInstances). */
function ofInstances(l: Val): boolean {
  const from = itemInstances(l);
  return from !== undefined && from.addresses.every((a) => a !== undefined);
}
