// The type of a function's unknown result where Terraform derives it from the arguments' types (its
// function's Type, run before the values are known): merge() of objects is an object of their
// attributes, concat() of tuples a tuple of their elements, so keys() or length() of the result is
// known although its value is not (terraform plan 1.11.4: keys(merge(var.cfg, { x = "a" })) of an
// unknown object({ name = string, tags = map(string) }) is ["name", "tags", "x"], length(concat(var.t,
// ["a"])) of a tuple([string, number]) 3). A result gets a type only where Terraform's function gives
// exactly that type; anything else stays untyped (value.ts untyped), so no type is ever a stale one.
import { ListV, ObjV, Unk, compareKeys, type Val } from '../value.js';
import { ANY, commonType, hasAny, sameType, valueType, type TypeSpec } from '../types.js';
import { BOOL, NUMBER, STRING } from '../primitive-types.js';

/** Functions whose result is always a string (cty.String as their return type, whatever the arguments). */
const STRING_RESULTS = new Set([
  'upper', 'lower', 'title', 'trimspace', 'chomp', 'strrev', 'trim', 'trimprefix', 'trimsuffix', 'substr', 'replace', 'format', 'join', 'indent',
  'base64encode', 'base64decode', 'md5', 'sha1', 'sha256', 'sha512', 'base64sha256', 'base64sha512', 'jsonencode', 'urlencode', 'tostring',
  'formatdate', 'timeadd', 'cidrhost', 'cidrnetmask',
  // terraform console -plan 1.11.4: type() of each called with an unknown string is string.
  'cidrsubnet', 'uuid', 'uuidv5', 'timestamp', 'bcrypt', 'basename', 'dirname', 'abspath', 'pathexpand', 'file', 'filebase64', 'filemd5', 'filesha1',
  'filesha256', 'filesha512', 'filebase64sha256', 'filebase64sha512', 'base64gzip', 'textencodebase64', 'textdecodebase64', 'yamlencode',
  'rsadecrypt', 'plantimestamp',
]);
/** ... always a number, or a bool. */
const NUMBER_RESULTS = new Set(['length', 'abs', 'ceil', 'floor', 'max', 'min', 'pow', 'log', 'signum', 'tonumber', 'parseint', 'timecmp', 'index', 'sum']);
const BOOL_RESULTS = new Set(['contains', 'startswith', 'endswith', 'strcontains', 'alltrue', 'anytrue', 'tobool', 'fileexists']);
/** ... always a list of strings (terraform console -plan 1.11.4: type(split(",", terraform_data.u.output)) is list(string)), of numbers, a set of strings. */
const STRING_LIST_RESULTS = new Set(['sort', 'split', 'formatlist', 'cidrsubnets']);
const STRING_LIST: TypeSpec = { kind: 'list', elem: STRING };
const NUMBER_LIST: TypeSpec = { kind: 'list', elem: NUMBER };
const STRING_SET: TypeSpec = { kind: 'set', elem: STRING };

/** The type of `name`'s result whatever its arguments (a string for upper(), a list of strings for split()); undefined where they decide it. */
export function fixedResultType(name: string): TypeSpec | undefined {
  if (STRING_RESULTS.has(name)) return STRING;
  if (NUMBER_RESULTS.has(name)) return NUMBER;
  if (BOOL_RESULTS.has(name)) return BOOL;
  if (STRING_LIST_RESULTS.has(name)) return STRING_LIST;
  if (name === 'range') return NUMBER_LIST;
  if (name === 'fileset') return STRING_SET;
  return undefined;
}

/** The type Terraform gives the result of `name` called with `args` (some unknown), where it is settled; undefined elsewhere. */
export function resultType(name: string, args: readonly Val[]): TypeSpec | undefined {
  const fixed = fixedResultType(name);
  if (fixed !== undefined) return fixed;
  const types: TypeSpec[] = [];
  // An argument of no known type here (an untyped unknown, a null, a value with `any` in its
  // type at the top): Terraform's may be dynamic, and so its result's.
  for (const a of args) {
    const t = valueType(a);
    if (t === undefined) return undefined;
    types.push(t);
  }
  const [first] = types;
  if (first === undefined) return undefined;
  switch (name) {
    case 'merge':
      return mergeType(args, types);
    case 'concat':
      return concatType(args, types);
    case 'coalesce':
      // Every argument converted to their common type (the function refuses them when there is none).
      return types.some(hasAny) ? undefined : commonType(types);
    case 'values':
      // A map's values are a list, an object's a tuple of its attribute types in the order of their names.
      if (first.kind === 'map') return { kind: 'list', elem: first.elem };
      if (first.kind === 'object') return { kind: 'tuple', elems: [...first.attrs.keys()].sort(compareKeys).map((k) => first.attrs.get(k)!.type) };
      return undefined;
    case 'keys':
      return first.kind === 'map' ? { kind: 'list', elem: STRING } : undefined;
    case 'slice': {
      // A list's slice is of its type, a tuple's by known indexes a tuple of those elements (cty's SliceFunc).
      if (hasAny(first)) return undefined;
      if (first.kind === 'list') return first;
      const [, from, to] = args;
      if (first.kind !== 'tuple' || typeof from !== 'number' || typeof to !== 'number' || !Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > first.elems.length || from > to) return undefined;
      return { kind: 'tuple', elems: first.elems.slice(from, to) };
    }
    case 'reverse':
      if (first.kind === 'tuple') return { kind: 'tuple', elems: [...first.elems].reverse() };
      return first.kind === 'list' || first.kind === 'set' ? { kind: 'list', elem: first.elem } : undefined;
    case 'lookup':
      // A map's element type, an object's attribute by a known name (or the default's when it has none).
      // Only of an unknown's type: a known map here may be an object there (merge() of maps of two types).
      // Of a known map or object without the key, the default's, when every value has that type too
      // (whether Terraform has it as a map or an object, its result is then of that type: terraform
      // plan 1.11.4, lookup({ for k, v in m : k => "${v}!" }, "k1", replace(terraform_data.u.id, "a", "-"))
      // is an unknown string, which flatten() keeps as one element).
      if (args[0] instanceof ObjV && typeof args[1] === 'string' && types[2] !== undefined && !args[0].attrs.has(args[1]) && args[0].open === undefined) {
        const fallback = types[2];
        return !hasAny(fallback) && [...args[0].attrs.values()].every((v) => { const t = valueType(v); return t !== undefined && sameType(t, fallback); }) ? fallback : undefined;
      }
      if (!(args[0] instanceof Unk)) return undefined;
      if (first.kind === 'map') return first.elem;
      if (first.kind === 'object' && typeof args[1] === 'string') return first.attrs.get(args[1])?.type ?? types[2];
      return undefined;
    case 'element': {
      // A tuple's element by a known index is of that element's type (terraform console -plan 1.11.4:
      // type(element(terraform_data.l.output, 1)) of a tuple of two strings is string); a list's, or
      // by an unknown index, of no type known before the value (dynamic).
      const [, index] = args;
      if (first.kind !== 'tuple' || first.elems.length === 0 || typeof index !== 'number' || !Number.isInteger(index) || index < 0) return undefined;
      const t = first.elems[index % first.elems.length]!;
      return hasAny(t) ? undefined : t;
    }
    case 'tolist':
    case 'toset':
    case 'tomap':
      // Of an unknown, the type the function converts to, whose element type is still any (cty's
      // MakeToFunc: terraform validate 1.11.4 refuses tolist(var.st).x, "This value does not have
      // any attributes", and not tolist(var.st)[0].x).
      return { kind: name === 'tolist' ? 'list' : name === 'toset' ? 'set' : 'map', elem: ANY };
    default:
      return undefined;
  }
}

/**
 * merge(): arguments of one type give that type; otherwise an object of every argument's
 * attributes, a known map's keys as attributes of its element type (a later one's over an
 * earlier's). An unknown map among other types leaves the attributes unknown: no type (cty's
 * MergeFunc; terraform plan 1.11.4: keys(merge(var.m, { a = "x" })) of a map(string) is unknown,
 * keys(merge(var.m1, var.m2)) of two objects ["a", "b"]).
 */
function mergeType(args: readonly Val[], types: readonly TypeSpec[]): TypeSpec | undefined {
  const first = types[0]!;
  if (types.every((t) => sameType(t, first))) return first;
  const attrs = new Map<string, { type: TypeSpec; optional: boolean }>();
  for (let i = 0; i < types.length; i++) {
    const t = types[i]!;
    const a = args[i];
    if (t.kind === 'object') for (const [k, x] of t.attrs) attrs.set(k, { type: x.type, optional: false });
    else if (t.kind === 'map' && a instanceof ObjV) for (const k of a.attrs.keys()) attrs.set(k, { type: t.elem, optional: false });
    else return undefined;
  }
  return { kind: 'object', attrs };
}

/**
 * concat(): lists only are a list of their common element type; otherwise a tuple of every
 * argument's elements, which needs each list's length (cty's ConcatFunc: an unknown list among
 * tuples gives no type).
 */
function concatType(args: readonly Val[], types: readonly TypeSpec[]): TypeSpec | undefined {
  if (types.every((t) => t.kind === 'list')) {
    if (types.some(hasAny)) return undefined;
    const common = commonType(types);
    if (common !== undefined) return common;
  }
  const elems: TypeSpec[] = [];
  for (let i = 0; i < types.length; i++) {
    const t = types[i]!;
    const a = args[i];
    if (t.kind === 'tuple') elems.push(...t.elems);
    else if (t.kind === 'list' && a instanceof ListV) for (let j = 0; j < a.items.length; j++) elems.push(t.elem);
    else return undefined;
  }
  return { kind: 'tuple', elems };
}
