// Type constraints (`type = map(object({ ... }))`) and Terraform's conversions between types.
import type { Expression } from '../parsers/hcl/ast.js';
import { EvalError, ListV, ObjV, Unk, openAttribute, list, notTemplate, obj, set, setOfUnknownLength, toBool, toNum, toStr, tuple, typeName, unknownSetLength, type Val } from './value.js';
import { BOOL, NUMBER, STRING } from './primitive-types.js';

export type TypeSpec =
  | { readonly kind: 'any' }
  | { readonly kind: 'string' | 'number' | 'bool' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly elem: TypeSpec }
  | { readonly kind: 'tuple'; readonly elems: readonly TypeSpec[] }
  | { readonly kind: 'object'; readonly attrs: ReadonlyMap<string, { readonly type: TypeSpec; readonly optional: boolean; readonly default?: Val }> };

export const ANY: TypeSpec = { kind: 'any' };

/** Parse a type constraint expression. `evalDefault` evaluates optional() defaults (constants). */
export function parseType(expr: Expression, evalDefault: (e: Expression) => Val): TypeSpec {
  if (expr.type === 'parens') return parseType(expr.expr, evalDefault);
  if (expr.type === 'traversal' && expr.steps.length === 0) {
    switch (expr.root) {
      case 'string':
      case 'number':
      case 'bool':
        return { kind: expr.root };
      case 'any':
        return ANY;
      case 'list':
      case 'set':
      case 'map':
        return { kind: expr.root, elem: ANY };
      default:
        throw new EvalError(`Invalid type constraint "${expr.root}".`, expr);
    }
  }
  if (expr.type === 'template' && expr.parts.length === 1 && expr.parts[0]!.kind === 'literal') {
    // Terraform 0.11 quoted types: "string", "list", "map".
    const v = (expr.parts[0] as { value: string }).value;
    if (v === 'string') return { kind: 'string' };
    if (v === 'list' || v === 'map') return { kind: v, elem: ANY };
  }
  if (expr.type === 'call') {
    const arg = expr.args[0];
    switch (expr.name) {
      case 'list':
      case 'set':
      case 'map':
        return { kind: expr.name, elem: arg ? parseType(arg, evalDefault) : ANY };
      case 'tuple':
        if (arg?.type !== 'tuple') throw new EvalError('tuple() takes a list of element types.', expr);
        return { kind: 'tuple', elems: arg.items.map((e) => parseType(e, evalDefault)) };
      case 'object': {
        if (arg?.type !== 'object') throw new EvalError('object() takes an object of attribute types.', expr);
        const attrs = new Map<string, { type: TypeSpec; optional: boolean; default?: Val }>();
        for (const item of arg.items) {
          const key = item.key.type === 'traversal' ? item.key.root : item.key.type === 'template' && item.key.parts[0]?.kind === 'literal' ? item.key.parts[0].value : undefined;
          if (key === undefined) throw new EvalError('Object type attribute names must be identifiers.', item.key);
          // terraform init 1.11.4 on object({ a = string, a = number }): "Invalid type specification: Object constructor map keys must be unique."
          if (attrs.has(key)) throw new EvalError(`Invalid type specification: the object type names attribute "${key}" twice, and its attribute names must be unique.`, item.key);
          const v = item.value;
          if (v.type === 'call' && v.name === 'optional' && v.args[0]) {
            const def = v.args[1];
            attrs.set(key, { type: parseType(v.args[0], evalDefault), optional: true, ...(def ? { default: evalDefault(def) } : {}) });
          } else attrs.set(key, { type: parseType(v, evalDefault), optional: false });
        }
        return { kind: 'object', attrs };
      }
      default:
        break;
    }
  }
  throw new EvalError('Invalid type constraint expression.', expr);
}

const parsedTypes = new WeakMap<Expression, TypeSpec | EvalError>();

/**
 * parseType once per type expression: a module's variables are declared once and instantiated by
 * every caller. optional() defaults are constants in Terraform, so the result does not depend on
 * the instance.
 */
export function parseTypeCached(expr: Expression, evalDefault: (e: Expression) => Val): TypeSpec {
  let cached = parsedTypes.get(expr);
  if (cached === undefined) {
    try {
      cached = parseType(expr, evalDefault);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      cached = e;
    }
    parsedTypes.set(expr, cached);
  }
  if (cached instanceof EvalError) throw cached;
  return cached;
}

/**
 * Whether converting `v` to `type` would give `v` itself: checked first, since most values (a
 * variable's default, a module input) already have their declared type, and converting them
 * builds a path string for every element.
 */
function isAlready(v: Val, type: TypeSpec): boolean {
  if (v === null) return true;
  if (v instanceof Unk) return v.type === undefined || type.kind === 'any' || sameType(v.type, type);
  switch (type.kind) {
    case 'any':
      return true;
    case 'string':
    case 'number':
    case 'bool':
      return typeof v === (type.kind === 'bool' ? 'boolean' : type.kind);
    case 'list':
    case 'set':
      // Elements of `any` type may still need one common type (convertValue finds it).
      if (type.elem.kind === 'any' && v instanceof ListV && v.items.length > 1) return false;
      return v instanceof ListV && v.kind === type.kind && v.items.every((x) => isAlready(x, type.elem));
    case 'map':
      if (!(v instanceof ObjV) || v.kind !== 'map' || v.open !== undefined) return false;
      if (type.elem.kind === 'any' && v.attrs.size > 1) return false;
      for (const x of v.attrs.values()) if (!isAlready(x, type.elem)) return false;
      return true;
    case 'tuple':
      return false; // converting always builds a new tuple
    case 'object':
      if (!(v instanceof ObjV) || v.kind !== 'object' || v.open !== undefined || v.attrs.size !== type.attrs.size) return false;
      for (const [name, a] of type.attrs) {
        const given = v.attrs.get(name);
        if (given === undefined) return false;
        if (given === null ? a.default !== undefined : !isAlready(given, a.type)) return false;
      }
      return true;
  }
}

/** Convert a value to a type as Terraform does for variables, returning a new value. */
export function convert(v: Val, type: TypeSpec, path = 'value'): Val {
  if (v instanceof Unk) {
    // A typed unknown converted to another type has that type in Terraform; where the type is a
    // guess of this evaluator's (unifyValues), it would be wrong, so the unknown loses its type.
    // Variables take their declared type afterwards (withDeclaredType).
    const u = v.type === undefined || type.kind === 'any' || sameType(v.type, type) ? v : v.withType(undefined);
    // A template's unknown as anything but a string has no prefix refinement (`"1${u}"` as a number).
    return type.kind === 'string' || type.kind === 'any' ? u : notTemplate(u);
  }
  return isAlready(v, type) ? v : convertValue(v, type, path);
}

function convertValue(v: Val, type: TypeSpec, path: string): Val {
  if (v === null || v instanceof Unk || type.kind === 'any') return v;
  switch (type.kind) {
    case 'string':
      if (v instanceof ListV || v instanceof ObjV) throw new EvalError(`${path}: string required, got ${typeName(v)}.`, undefined, 'eval/type');
      return toStr(v, path);
    case 'number':
      return toNum(v, path);
    case 'bool':
      return toBool(v, path);
    case 'list':
    case 'set': {
      if (!(v instanceof ListV)) throw new EvalError(`${path}: ${type.kind} required, got ${typeName(v)}.`, undefined, 'eval/type');
      // A set of unknown length is an unknown list: its elements have no order or count yet (value.ts).
      if (type.kind === 'list' && setOfUnknownLength(v)) return unknownSetLength(v);
      const source = type.elem.kind === 'any' ? unifyValues(v.items, path) : v.items;
      const items = source.map((x, i) => convert(x, type.elem, `${path}[${i}]`));
      // Already of this type with every item unchanged: keep the value (no copy per module instance).
      if (v.kind === type.kind && items.every((x, i) => x === v.items[i])) return v;
      return type.kind === 'set' ? set(items) : list(items);
    }
    case 'map': {
      if (!(v instanceof ObjV)) throw new EvalError(`${path}: map required, got ${typeName(v)}.`, undefined, 'eval/type');
      const entries: [string, Val][] = [];
      let same = v.kind === 'map' && v.open === undefined;
      // Elements of `any` type take their one common type first (map(any) of 1 and "a" is all strings).
      const unified = type.elem.kind === 'any' && v.attrs.size > 1 ? unifyValues([...v.attrs.values()], path) : undefined;
      let i = 0;
      for (const [k, x] of v.attrs) {
        const c = convert(unified ? unified[i]! : x, type.elem, `${path}["${k}"]`);
        i++;
        if (c !== x) same = false;
        entries.push([k, c]);
      }
      return same ? v : obj(entries, 'map');
    }
    case 'tuple': {
      if (setOfUnknownLength(v)) return unknownSetLength(v);
      if (!(v instanceof ListV) || v.items.length !== type.elems.length) throw new EvalError(`${path}: tuple of ${type.elems.length} elements required.`, undefined, 'eval/type');
      return tuple(v.items.map((x, i) => convert(x, type.elems[i]!, `${path}[${i}]`)));
    }
    case 'object': {
      if (!(v instanceof ObjV)) throw new EvalError(`${path}: object required, got ${typeName(v)}.`, undefined, 'eval/type');
      const out: [string, Val][] = [];
      for (const [name, a] of type.attrs) {
        const given = v.attrs.get(name);
        // A resource object (open) has every attribute the provider computes: one not written is unknown, not missing.
        if (given === undefined && v.open !== undefined) {
          out.push([name, convert(openAttribute(v, name), a.type, `${path}.${name}`)]);
          continue;
        }
        if (given === undefined || given === null) {
          if (!a.optional && given === undefined) throw new EvalError(`${path}: attribute "${name}" is required.`, undefined, 'eval/type');
          out.push([name, a.default !== undefined ? convert(a.default, a.type, `${path}.${name}`) : null]);
        } else out.push([name, convert(given, a.type, `${path}.${name}`)]);
      }
      const unchanged = v.kind === 'object' && v.open === undefined && v.attrs.size === out.length && out.every(([k, x]) => v.attrs.get(k) === x);
      return unchanged ? v : obj(out);
    }
  }
}

/**
 * A variable's unknown value as Terraform has it once converted to the declared type (cty converts
 * an unknown to an unknown of the target type): `variable "cfg" { type = object({ name = string }) }`
 * with no value is an unknown object with one attribute (value.ts Unk.type). `any` leaves it untyped.
 */
export function withDeclaredType(u: Unk, type: TypeSpec): Unk {
  if (type.kind === 'any') return u;
  return u.type !== undefined && sameType(u.type, type) ? u : u.withType(type);
}

/** Whether two types are the same (optional() marks and defaults aside: a value's type has neither). */
export function sameType(a: TypeSpec, b: TypeSpec): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'list':
    case 'set':
    case 'map':
      return sameType(a.elem, (b as typeof a).elem);
    case 'tuple': {
      const other = (b as typeof a).elems;
      return a.elems.length === other.length && a.elems.every((e, i) => sameType(e, other[i]!));
    }
    case 'object': {
      const other = (b as typeof a).attrs;
      if (a.attrs.size !== other.size) return false;
      for (const [name, x] of a.attrs) {
        const y = other.get(name);
        if (y === undefined || !sameType(x.type, y.type)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

/**
 * Whether `t` may be given to an unknown worked out from known values: no `any` in it, and no object
 * or tuple either. A known value's type here is its written one, and one read from a resource's
 * argument may be a map or list in the provider's schema: a tuple's length or an object's
 * attributes would then refuse an index or attribute that Terraform takes (`c ? aws_x.y.tags :
 * { Name = "a" }` is a map there, `.Env` of it no error). Primitives and collections of them are
 * the same whichever way.
 */
export function givenType(t: TypeSpec): boolean {
  switch (t.kind) {
    case 'any':
    case 'object':
    case 'tuple':
      return false;
    case 'list':
    case 'set':
    case 'map':
      return givenType(t.elem);
    default:
      return true;
  }
}

/** Whether `t` has `any` anywhere in it: such a type is settled by the value, which an unknown does not have. */
export function hasAny(t: TypeSpec): boolean {
  switch (t.kind) {
    case 'any':
      return true;
    case 'list':
    case 'set':
    case 'map':
      return hasAny(t.elem);
    case 'tuple':
      return t.elems.some(hasAny);
    case 'object':
      for (const a of t.attrs.values()) if (hasAny(a.type)) return true;
      return false;
    default:
      return false;
  }
}

// ---- unification: one type for the elements of a collection, as Terraform finds it

/**
 * A known value's type as Terraform infers it; undefined for null and unknown values (any type),
 * except a typed unknown whose type is settled (no `any` in it): unified with the other elements,
 * it is converted to their common type, and so loses its own where that differs (convert).
 */
function typeOf(v: Val): TypeSpec | undefined {
  if (v === null) return undefined;
  if (v instanceof Unk) return v.type === undefined || hasAny(v.type) ? undefined : v.type;
  if (typeof v === 'string') return STRING;
  if (typeof v === 'number') return NUMBER;
  if (typeof v === 'boolean') return BOOL;
  if (v instanceof ListV) {
    if (v.kind === 'tuple') return { kind: 'tuple', elems: v.items.map((x) => typeOf(x) ?? ANY) };
    const elem = unifyTypes(v.items.map(typeOf));
    return { kind: v.kind, elem: elem === NO_COMMON_TYPE ? ANY : elem };
  }
  if (v.open !== undefined) return undefined; // keys still unknown: its type is not settled
  if (v.kind === 'map') {
    const elem = unifyTypes([...v.attrs.values()].map(typeOf));
    return { kind: 'map', elem: elem === NO_COMMON_TYPE ? ANY : elem };
  }
  const attrs = new Map<string, { type: TypeSpec; optional: boolean }>();
  for (const [k, x] of v.attrs) attrs.set(k, { type: typeOf(x) ?? ANY, optional: false });
  return { kind: 'object', attrs };
}

const NO_COMMON_TYPE = Symbol('no common type');

/**
 * The one type Terraform converts every element of a `list(any)`, `map(any)` or `set(any)` (and the
 * arguments of tolist, tomap, toset, the set functions, a conditional's two results...) to, by
 * cty's unification (convert.UnifyUnsafe). Primitives: a string among them makes them all strings;
 * a bool with a number has no common type. Types of one kind unify part by part: lists (maps,
 * sets) by their element types, tuples of one length element by element and others into a list of
 * the elements' type, objects with the same attributes attribute by attribute and others into a
 * map. Tuples with lists unify as lists, objects with maps as maps. Any other mix (a set with a
 * list or a tuple) takes the first of the given types, in cty's order of preference, that every
 * other converts to: `true ? toset([1]) : ["a"]` is a set of numbers, `[1]`. Checked against
 * Terraform 1.11: `[[1], ["a"]]` as list(any) is `[["1"], ["a"]]`, `{ a = { x = 1 }, b = { y = "s" } }`
 * as map(any) is a map of map(string), `true ? tolist([1]) : tolist(["a"])` is `["1"]`.
 */
function unifyTypes(types: readonly (TypeSpec | undefined)[]): TypeSpec | typeof NO_COMMON_TYPE {
  const known = types.filter((t): t is TypeSpec => t !== undefined && t.kind !== 'any');
  if (known.length === 0) return ANY;
  const first = known[0]!;
  if (known.every((t) => t.kind === 'string' || t.kind === 'number' || t.kind === 'bool')) {
    if (known.every((t) => t.kind === first.kind)) return first;
    if (known.some((t) => t.kind === 'string')) return STRING;
    return NO_COMMON_TYPE;
  }
  let lists = 0;
  let sets = 0;
  let maps = 0;
  let tuples = 0;
  let objects = 0;
  for (const t of known) {
    if (t.kind === 'list') lists++;
    else if (t.kind === 'set') sets++;
    else if (t.kind === 'map') maps++;
    else if (t.kind === 'tuple') tuples++;
    else if (t.kind === 'object') objects++;
  }
  const n = known.length;
  if (tuples === n) return unifyTuples(known as readonly TupleSpec[]);
  if (objects === n) return unifyObjects(known as readonly ObjectSpec[]);
  if (objects > 0 && tuples > 0) return NO_COMMON_TYPE;
  if (lists === n || sets === n || maps === n) {
    const elem = unifyTypes(known.map(elementType));
    return elem === NO_COMMON_TYPE ? NO_COMMON_TYPE : { kind: first.kind as 'list' | 'set' | 'map', elem };
  }
  // Tuples with lists as one list, objects with maps as one map, when their parts unify (else as below).
  if ((lists > 0 && lists + tuples === n) || (maps > 0 && maps + objects === n)) {
    const inner = unifyTypes(known.flatMap(partTypes));
    if (inner !== NO_COMMON_TYPE) {
      const elem = unifyTypes([...known.flatMap((t) => (t.kind === 'tuple' || t.kind === 'object' ? [] : [elementType(t)])), inner]);
      if (elem !== NO_COMMON_TYPE) return { kind: lists > 0 ? 'list' : 'map', elem };
    }
  }
  return preferredType(known);
}

type TupleSpec = Extract<TypeSpec, { kind: 'tuple' }>;
type ObjectSpec = Extract<TypeSpec, { kind: 'object' }>;

function elementType(t: TypeSpec): TypeSpec {
  return (t as { elem: TypeSpec }).elem;
}

/** The element types of tuples, the attribute types of objects, together (as a list or map would hold them). */
function partTypes(t: TypeSpec): TypeSpec[] {
  if (t.kind === 'tuple') return [...t.elems];
  if (t.kind === 'object') return [...t.attrs.values()].map((a) => a.type);
  return [];
}

function unifyTuples(tuples: readonly TupleSpec[]): TypeSpec | typeof NO_COMMON_TYPE {
  if (tuples.every((t) => t.elems.length === tuples[0]!.elems.length)) {
    const elems: TypeSpec[] = [];
    for (let i = 0; i < tuples[0]!.elems.length; i++) {
      const e = unifyTypes(tuples.map((t) => t.elems[i]));
      if (e === NO_COMMON_TYPE) return NO_COMMON_TYPE;
      elems.push(e);
    }
    return { kind: 'tuple', elems };
  }
  const elem = unifyTypes(tuples.flatMap(partTypes));
  return elem === NO_COMMON_TYPE ? NO_COMMON_TYPE : { kind: 'list', elem };
}

function unifyObjects(objects: readonly ObjectSpec[]): TypeSpec | typeof NO_COMMON_TYPE {
  const names = [...objects[0]!.attrs.keys()].sort().join('\0');
  if (objects.every((t) => [...t.attrs.keys()].sort().join('\0') === names)) {
    const attrs = new Map<string, { type: TypeSpec; optional: boolean }>();
    for (const name of objects[0]!.attrs.keys()) {
      const a = unifyTypes(objects.map((t) => t.attrs.get(name)!.type));
      if (a === NO_COMMON_TYPE) return NO_COMMON_TYPE;
      attrs.set(name, { type: a, optional: false });
    }
    return { kind: 'object', attrs };
  }
  const elem = unifyTypes(objects.flatMap(partTypes));
  return elem === NO_COMMON_TYPE ? NO_COMMON_TYPE : { kind: 'map', elem };
}

/**
 * cty's last resort: the given types in its order of preference (compareTypes, a topological sort
 * keeping the given order among equals), the first one every other type converts to.
 */
function preferredType(types: readonly TypeSpec[]): TypeSpec | typeof NO_COMMON_TYPE {
  const l = types.length;
  const edges: number[][] = types.map(() => []);
  const inDegree = new Array<number>(l).fill(0);
  for (let i = 0; i < l - 1; i++) {
    for (let j = i + 1; j < l; j++) {
      const cmp = compareTypes(types[i]!, types[j]!);
      if (cmp < 0) {
        edges[i]!.push(j);
        inDegree[j]!++;
      } else if (cmp > 0) {
        edges[j]!.push(i);
        inDegree[i]!++;
      }
    }
  }
  const order: number[] = [];
  for (let i = 0; i < l; i++) if (inDegree[i] === 0) order.push(i);
  for (let at = 0; at < order.length; at++) {
    for (const j of edges[order[at]!]!) if (--inDegree[j]! === 0) order.push(j);
  }
  for (const i of order) {
    const want = types[i]!;
    if (types.every((t, k) => k === i || convertible(t, want))) return want;
  }
  return NO_COMMON_TYPE;
}

/** cty's preference between two types: negative when `a` is preferred, positive for `b`, 0 when neither. */
function compareTypes(a: TypeSpec, b: TypeSpec): number {
  const isPrimitive = (t: TypeSpec): boolean => t.kind === 'string' || t.kind === 'number' || t.kind === 'bool';
  if (isPrimitive(a) && isPrimitive(b)) {
    if (a.kind === 'string' || b.kind === 'string') return a.kind === b.kind ? 0 : a.kind === 'string' ? -1 : 1;
    return 0;
  }
  if (a.kind === b.kind && (a.kind === 'list' || a.kind === 'set' || a.kind === 'map')) return compareTypes(elementType(a), elementType(b));
  // A list is preferred to a tuple or a set, a tuple to a set, a map to an object.
  const rank = (x: TypeSpec, y: TypeSpec): boolean =>
    (x.kind === 'list' && (y.kind === 'tuple' || y.kind === 'set')) || (x.kind === 'tuple' && y.kind === 'set') || (x.kind === 'map' && y.kind === 'object');
  if (rank(a, b)) return -1;
  if (rank(b, a)) return 1;
  if ((a.kind === 'object' && b.kind === 'object') || (a.kind === 'tuple' && b.kind === 'tuple')) {
    const pa = a.kind === 'object' ? [...a.attrs.keys()] : partTypes(a).map((_, i) => i);
    const size = b.kind === 'object' ? b.attrs.size : partTypes(b).length;
    if (pa.length !== size) return 0;
    let aSuper = false;
    let bSuper = false;
    for (const k of pa) {
      const ta = typeof k === 'string' ? (a as ObjectSpec).attrs.get(k)!.type : (a as TupleSpec).elems[k]!;
      const tb = typeof k === 'string' ? (b as ObjectSpec).attrs.get(k)?.type : (b as TupleSpec).elems[k];
      if (tb === undefined) return 0;
      const cmp = compareTypes(ta, tb);
      if (cmp < 0) aSuper = true;
      else if (cmp > 0) bSuper = true;
    }
    return aSuper === bSuper ? 0 : aSuper ? -1 : 1;
  }
  return 0;
}

/** Whether Terraform converts a value of type `from` to type `to` (unsafe conversions included; a value may still fail). */
export function convertible(from: TypeSpec, to: TypeSpec): boolean {
  if (from.kind === 'any' || to.kind === 'any') return true;
  switch (to.kind) {
    case 'string':
      return from.kind === 'string' || from.kind === 'number' || from.kind === 'bool';
    case 'number':
    case 'bool':
      return from.kind === to.kind || from.kind === 'string';
    case 'list':
    case 'set':
      if (from.kind === 'list' || from.kind === 'set') return convertible(from.elem, to.elem);
      return from.kind === 'tuple' && from.elems.every((e) => convertible(e, to.elem));
    case 'map':
      if (from.kind === 'map') return convertible(from.elem, to.elem);
      return from.kind === 'object' && [...from.attrs.values()].every((a) => convertible(a.type, to.elem));
    case 'tuple':
      return from.kind === 'tuple' && from.elems.length === to.elems.length && from.elems.every((e, i) => convertible(e, to.elems[i]!));
    case 'object':
      for (const [name, a] of to.attrs) {
        const given = from.kind === 'object' ? from.attrs.get(name)?.type : from.kind === 'map' ? from.elem : undefined;
        if (given === undefined ? !a.optional : !convertible(given, a.type)) return false;
      }
      return from.kind === 'object' || from.kind === 'map';
  }
}

/**
 * `items` converted to their one common type (unchanged when they have it already); an EvalError
 * (`what`: the function or the variable) when they have none.
 */
export function unifyValues(items: readonly Val[], what: string): readonly Val[] {
  if (items.length < 2 || samePrimitiveType(items)) return items;
  const types = items.map(typeOf);
  const type = unifyTypes(types);
  if (type === NO_COMMON_TYPE) throw new EvalError(`${what}: the elements have no common type (${[...new Set(items.filter((x) => x !== null && !(x instanceof Unk)).map(typeName))].join(', ')}).`, undefined, 'eval/type');
  if (type.kind === 'any') return items;
  // Every element's type settled here (nulls aside), the common one is Terraform's, and a typed
  // unknown converted to it has it (terraform plan 1.11.4: tolist([7, terraform_data.u.id != "", "s"])
  // is ["7", unknown, "s"], the unknown a string, which flatten() then keeps as one element).
  const settled = givenType(type) && items.every((x, i) => x === null || (types[i] !== undefined && !hasAny(types[i]!)));
  let changed = false;
  const out = items.map((x, i) => {
    let c = convert(x, type, `${what}[${i}]`);
    if (settled && c instanceof Unk && c.type === undefined && x instanceof Unk && x.type !== undefined) c = new Unk(c.cause, undefined, c.notNull, undefined, type);
    if (c !== x) changed = true;
    return c;
  });
  return changed ? out : items;
}

/**
 * `v` converted to the type it shares with a value of type `other` (`any` where that is not known
 * here: that part of `v` stays as it is); undefined when they have none. A conditional's result
 * taken, against the type of the one not taken (branch-types.ts).
 */
export function convertToUnified(v: Val, other: TypeSpec): Val | undefined {
  const mine = typeOf(v);
  // Two primitives of one kind (most conditionals): nothing to convert.
  if (mine !== undefined && mine.kind === other.kind && (other.kind === 'string' || other.kind === 'number' || other.kind === 'bool')) return v;
  const type = unifyTypes([mine, other]);
  if (type === NO_COMMON_TYPE) return undefined;
  return type.kind === 'any' ? v : convert(v, type, 'conditional');
}

/**
 * Lists converted to their one common list type, as concat() types its result when every argument
 * is a list (`concat(tolist([1]), tolist(["a"]))` is ["1", "a"]); undefined when they have none,
 * and concat() then gives a tuple of the elements as they are.
 */
export function concatLists(lists: readonly ListV[], items: readonly Val[]): ListV | undefined {
  // Most lists hold strings (or numbers) alike: nothing to convert, and no type to work out per item.
  if (samePrimitiveType(items)) return list(items);
  const type = unifyTypes(lists.map(typeOf));
  if (type === NO_COMMON_TYPE || type.kind !== 'list') return undefined;
  const converted: Val[] = [];
  for (const l of lists) converted.push(...(convert(l, type, 'concat') as ListV).items);
  return list(converted);
}

/**
 * lookup()'s default as the element type of map `m`, which Terraform requires of it whether the key
 * is found or not (`lookup(tomap({ a = 1 }), "z", "x")` is refused, `lookup(tomap({ a = "x" }), "b", 1)`
 * is "1"). Unchanged when the elements have no type known here.
 */
export function asElementOf(m: ObjV, d: Val): Val {
  let type = mapTypes.get(m);
  if (type === undefined) mapTypes.set(m, (type = typeOf(m) ?? ANY));
  if (type.kind !== 'map' || type.elem.kind === 'any') return d;
  try {
    return convert(d, type.elem, 'default');
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    throw new EvalError('lookup: Invalid value for "default" parameter: the default value must have the same type as the map elements.');
  }
}

/** A map's type, once per map: lookup() in a for over the map's keys reads it on every call. */
const mapTypes = new WeakMap<ObjV, TypeSpec>();

/**
 * A value's type as Terraform infers it, for an unknown made of it (terraform_data's output): `any`
 * where a part's type is not known here (an untyped unknown, a null); undefined when none of it is.
 */
export function valueType(v: Val): TypeSpec | undefined {
  const t = v instanceof Unk ? v.type : typeOf(v);
  return t === undefined || t.kind === 'any' ? undefined : t;
}

/** The one type Terraform unifies `types` to (cty's UnifyUnsafe, unifyTypes); undefined when there is none. */
export function commonType(types: readonly TypeSpec[]): TypeSpec | undefined {
  const t = unifyTypes(types);
  return t === NO_COMMON_TYPE ? undefined : t;
}

/** A value's type as Terraform names it in a message: `list of number`, not only `list`. */
export function typeDescription(v: Val): string {
  const t = typeOf(v);
  return t === undefined ? typeName(v) : describeType(t);
}

/** A type as Terraform names it in a message (`list of string`, `object`, `tuple`). */
export function describeType(t: TypeSpec): string {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return t.elem.kind === 'any' ? t.kind : `${t.kind} of ${describeType(t.elem)}`;
    case 'any':
      return 'any';
    default:
      return t.kind;
  }
}

/** Every known item a primitive of one type (the common case, and on the path of every `list(any)` variable): nothing to unify. */
function samePrimitiveType(items: readonly Val[]): boolean {
  let kind: string | undefined;
  for (const x of items) {
    if (x === null) continue;
    // A typed unknown has its type's kind (`true ? 4 : terraform_data.u.output` of a string input is "4").
    const t = x instanceof Unk ? unknownKind(x) : typeof x;
    if (t === undefined) continue;
    if (t === 'object') return false;
    if (kind === undefined) kind = t;
    else if (kind !== t) return false;
  }
  return true;
}

/** A typed unknown's kind as samePrimitiveType compares it (typeof's name; 'object' for any collection), undefined when untyped. */
function unknownKind(u: Unk): string | undefined {
  const k = u.type?.kind;
  if (k === undefined || k === 'any') return undefined;
  return k === 'bool' ? 'boolean' : k === 'string' || k === 'number' ? k : 'object';
}

// ---- the to* functions

export function toList(v: Val): Val {
  if (v === null || v instanceof Unk) return v;
  if (setOfUnknownLength(v)) return unknownSetLength(v);
  if (v instanceof ListV) return list(unifyValues(v.items, 'tolist'));
  throw new EvalError(`tolist: cannot convert ${typeName(v)} to a list.`);
}

export function toSet(v: Val): Val {
  if (v === null || v instanceof Unk) return v;
  if (v instanceof ListV) return set(unifyValues(v.items, 'toset'));
  throw new EvalError(`toset: cannot convert ${typeName(v)} to a set.`);
}

export function toMap(v: Val): Val {
  if (v === null || v instanceof Unk) return v;
  if (v instanceof ObjV) {
    const values = [...v.attrs.values()];
    const unified = unifyValues(values, 'tomap');
    if (unified === values) return new ObjV(v.attrs, 'map', v.open);
    const keys = [...v.attrs.keys()];
    return new ObjV(new Map(keys.map((k, i) => [k, unified[i]!])), 'map', v.open);
  }
  throw new EvalError(`tomap: cannot convert ${typeName(v)} to a map.`);
}
