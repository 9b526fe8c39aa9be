// A small constant evaluator reproducing hclsyntax `Expression.Value(nil)` closely enough for the
// hclref canonical `value`: cty-like types, exact rational numbers, NFC strings, conditional type
// unification, for expressions, splats and templates over literals. References and function calls
// are errors (as with a nil EvalContext). The real evaluator lives in src/graph/.

import type { Expression, TemplatePart, TraversalStep } from './ast.js';
import { nfc } from '../../util/nfc.js';

export type Ty =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | { readonly k: 'tuple'; readonly elems: readonly Ty[] }
  | { readonly k: 'object'; readonly attrs: ReadonlyMap<string, Ty> }
  | { readonly k: 'list'; readonly elem: Ty }
  | { readonly k: 'map'; readonly elem: Ty };

export interface Rat {
  readonly n: bigint;
  readonly d: bigint;
}

export type Val =
  | { readonly k: 'str'; readonly s: string }
  | { readonly k: 'num'; readonly r: Rat }
  | { readonly k: 'bool'; readonly b: boolean }
  | { readonly k: 'null'; readonly ty: Ty }
  | { readonly k: 'unknown'; readonly ty: Ty }
  | { readonly k: 'tuple'; readonly items: readonly Val[] }
  | { readonly k: 'object'; readonly attrs: ReadonlyMap<string, Val> }
  | { readonly k: 'list'; readonly elem: Ty; readonly items: readonly Val[] }
  | { readonly k: 'map'; readonly elem: Ty; readonly attrs: ReadonlyMap<string, Val> };

const DYN: Val = { k: 'unknown', ty: 'dynamic' };
const NULL_DYN: Val = { k: 'null', ty: 'dynamic' };

// ---- numbers --------------------------------------------------------------------------------

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
function rat(n: bigint, d: bigint): Rat {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

/** Parses a decimal number literal (`12`, `1.5`, `2.5e-3`); null if malformed. */
export function parseRat(text: string): Rat | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const frac = m[3] ?? '';
  let n = BigInt((m[2] || '0') + frac);
  let d = 10n ** BigInt(frac.length);
  const exp = m[4] ? Number(m[4]) : 0;
  if (Math.abs(exp) > 4000) return null;
  if (exp > 0) n *= 10n ** BigInt(exp);
  else if (exp < 0) d *= 10n ** BigInt(-exp);
  if (m[1] === '-') n = -n;
  return rat(n, d);
}

/** Decimal text (exact when terminating, else 40 significant digits; never an exponent). */
export function ratText(r: Rat): string {
  if (r.n === 0n) return '0';
  if (r.d === 1n) return r.n.toString();
  const neg = r.n < 0n;
  const a = neg ? -r.n : r.n;
  let d = r.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  let digits: number;
  if (d === 1n) digits = Math.max(twos, fives);
  else {
    const intDigits = (a / r.d).toString().length;
    digits = Math.max(0, 40 - intDigits) + (a < r.d ? Math.ceil(Number(r.d.toString().length)) : 0);
  }
  const scaled = (a * 10n ** BigInt(digits)) / r.d;
  let s = scaled.toString().padStart(digits + 1, '0');
  s = `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  s = s.replace(/0+$/, '').replace(/\.$/, '');
  return (neg ? '-' : '') + s;
}

export function ratToNumber(r: Rat): number {
  if (r.d === 1n) return Number(r.n);
  return Number(ratText(r));
}

// ---- strings --------------------------------------------------------------------------------

function str(s: string): Val {
  return { k: 'str', s: nfc(s) };
}
/** Go string order (UTF-8 bytes) equals code point order. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

// ---- types ----------------------------------------------------------------------------------

export function typeOf(v: Val): Ty {
  switch (v.k) {
    case 'str':
      return 'string';
    case 'num':
      return 'number';
    case 'bool':
      return 'bool';
    case 'null':
    case 'unknown':
      return v.ty;
    case 'tuple':
      return { k: 'tuple', elems: v.items.map(typeOf) };
    case 'object': {
      const attrs = new Map<string, Ty>();
      for (const [k, x] of v.attrs) attrs.set(k, typeOf(x));
      return { k: 'object', attrs };
    }
    case 'list':
      return { k: 'list', elem: v.elem };
    case 'map':
      return { k: 'map', elem: v.elem };
  }
}

function tyEq(a: Ty, b: Ty): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a.k !== b.k) return false;
  if (a.k === 'tuple' && b.k === 'tuple') return a.elems.length === b.elems.length && a.elems.every((t, i) => tyEq(t, b.elems[i]!));
  if (a.k === 'object' && b.k === 'object') {
    if (a.attrs.size !== b.attrs.size) return false;
    for (const [k, t] of a.attrs) {
      const u = b.attrs.get(k);
      if (u === undefined || !tyEq(t, u)) return false;
    }
    return true;
  }
  if ((a.k === 'list' && b.k === 'list') || (a.k === 'map' && b.k === 'map')) return tyEq(a.elem, b.elem);
  return false;
}

function kindOf(t: Ty): string {
  return typeof t === 'string' ? t : t.k;
}

/** convert.UnifyUnsafe for the shapes constant expressions produce. */
function unify(types: Ty[]): Ty | null {
  if (types.length === 0) return null;
  if (types.every((t) => tyEq(t, types[0]!))) return types[0]!;
  const counts: Record<string, number> = {};
  for (const t of types) counts[kindOf(t)] = (counts[kindOf(t)] ?? 0) + 1;
  const c = (k: string): number => counts[k] ?? 0;
  const n = types.length;
  const dyn = c('dynamic');
  if (c('map') > 0 && c('map') + dyn === n) return dyn ? 'dynamic' : collection('map', types);
  if (c('map') > 0 && c('map') + c('object') + dyn === n) {
    const m = objectsToMap(types);
    if (m) return m;
  }
  if (c('list') > 0 && c('list') + dyn === n) return dyn ? 'dynamic' : collection('list', types);
  if (c('list') > 0 && c('list') + c('tuple') + dyn === n) {
    const l = tuplesToList(types);
    if (l) return l;
  }
  if (c('object') > 0 && c('object') + dyn === n) {
    if (dyn) return 'dynamic';
    const objs = types as { k: 'object'; attrs: ReadonlyMap<string, Ty> }[];
    const first = objs[0]!.attrs;
    const sameNames = objs.every((o) => o.attrs.size === first.size && [...o.attrs.keys()].every((k) => first.has(k)));
    if (!sameNames) return objectsToMap(types);
    const attrs = new Map<string, Ty>();
    for (const k of first.keys()) {
      const u = unify(objs.map((o) => o.attrs.get(k)!));
      if (u === null) return null;
      attrs.set(k, u);
    }
    return { k: 'object', attrs };
  }
  if (c('tuple') > 0 && c('tuple') + dyn === n) {
    if (dyn) return 'dynamic';
    const tups = types as { k: 'tuple'; elems: readonly Ty[] }[];
    const len = tups[0]!.elems.length;
    if (!tups.every((t) => t.elems.length === len)) return tuplesToList(types);
    const elems: Ty[] = [];
    for (let i = 0; i < len; i++) {
      const u = unify(tups.map((t) => t.elems[i]!));
      if (u === null) return null;
      elems.push(u);
    }
    return { k: 'tuple', elems };
  }
  if (c('object') > 0 && c('tuple') > 0) return null;
  // Primitives: preference string > number > bool; dynamic accepts anything.
  if (dyn > 0) return 'dynamic';
  for (const want of ['string', 'number', 'bool'] as const) {
    if (types.some((t) => t === want) && types.every((t) => t === want || canConvertPrim(t, want))) return want;
  }
  return null;
}
function canConvertPrim(from: Ty, to: 'string' | 'number' | 'bool'): boolean {
  if (to === 'string') return from === 'number' || from === 'bool';
  return from === 'string';
}
function collection(k: 'list' | 'map', types: Ty[]): Ty | null {
  const e = unify(types.map((t) => (t as { elem: Ty }).elem));
  return e === null ? null : { k, elem: e };
}
function objectsToMap(types: Ty[]): Ty | null {
  const all: Ty[] = [];
  for (const t of types) {
    if (typeof t === 'string') continue;
    if (t.k === 'object') all.push(...t.attrs.values());
    else if (t.k === 'map') all.push(t.elem);
  }
  const e = all.length === 0 ? 'dynamic' : unify(all);
  return e === null ? null : { k: 'map', elem: e };
}
function tuplesToList(types: Ty[]): Ty | null {
  const all: Ty[] = [];
  for (const t of types) {
    if (typeof t === 'string') continue;
    if (t.k === 'tuple') all.push(...t.elems);
    else if (t.k === 'list') all.push(t.elem);
  }
  const e = all.length === 0 ? 'dynamic' : unify(all);
  return e === null ? null : { k: 'list', elem: e };
}

/** convert.Convert (unsafe); null when not convertible. */
export function convert(v: Val, ty: Ty): Val | null {
  if (ty === 'dynamic') return v;
  if (v.k === 'unknown') return { k: 'unknown', ty };
  if (v.k === 'null') return { k: 'null', ty };
  switch (ty) {
    case 'string':
      if (v.k === 'str') return v;
      if (v.k === 'num') return str(ratText(v.r));
      if (v.k === 'bool') return str(v.b ? 'true' : 'false');
      return null;
    case 'number':
      if (v.k === 'num') return v;
      if (v.k === 'str') {
        const r = parseRat(v.s);
        return r === null ? null : { k: 'num', r };
      }
      return null;
    case 'bool':
      if (v.k === 'bool') return v;
      if (v.k === 'str') return v.s === 'true' ? { k: 'bool', b: true } : v.s === 'false' ? { k: 'bool', b: false } : null;
      return null;
  }
  switch (ty.k) {
    case 'tuple': {
      if (v.k !== 'tuple' && v.k !== 'list') return null;
      if (v.items.length !== ty.elems.length) return null;
      const items: Val[] = [];
      for (let i = 0; i < v.items.length; i++) {
        const x = convert(v.items[i]!, ty.elems[i]!);
        if (x === null) return null;
        items.push(x);
      }
      return { k: 'tuple', items };
    }
    case 'list': {
      if (v.k !== 'tuple' && v.k !== 'list') return null;
      const items: Val[] = [];
      for (const it of v.items) {
        const x = convert(it, ty.elem);
        if (x === null) return null;
        items.push(x);
      }
      return { k: 'list', elem: ty.elem, items };
    }
    case 'object': {
      if (v.k !== 'object' && v.k !== 'map') return null;
      const attrs = new Map<string, Val>();
      for (const [name, t] of ty.attrs) {
        const x0 = v.attrs.get(name);
        if (x0 === undefined) return null;
        const x = convert(x0, t);
        if (x === null) return null;
        attrs.set(name, x);
      }
      return { k: 'object', attrs };
    }
    case 'map': {
      if (v.k !== 'object' && v.k !== 'map') return null;
      const attrs = new Map<string, Val>();
      for (const [name, x0] of v.attrs) {
        const x = convert(x0, ty.elem);
        if (x === null) return null;
        attrs.set(name, x);
      }
      return { k: 'map', elem: ty.elem, attrs };
    }
  }
}

function isWhollyKnown(v: Val): boolean {
  switch (v.k) {
    case 'unknown':
      return false;
    case 'tuple':
    case 'list':
      return v.items.every(isWhollyKnown);
    case 'object':
    case 'map':
      for (const x of v.attrs.values()) if (!isWhollyKnown(x)) return false;
      return true;
    default:
      return true;
  }
}

function equals(a: Val, b: Val): Val {
  if (a.k === 'unknown' || b.k === 'unknown') return { k: 'unknown', ty: 'bool' };
  if (a.k === 'null' || b.k === 'null') return { k: 'bool', b: a.k === 'null' && b.k === 'null' };
  if (!tyEq(typeOf(a), typeOf(b))) return { k: 'bool', b: false };
  switch (a.k) {
    case 'str':
      return { k: 'bool', b: a.s === (b as { s: string }).s };
    case 'num': {
      const r = (b as { r: Rat }).r;
      return { k: 'bool', b: a.r.n === r.n && a.r.d === r.d };
    }
    case 'bool':
      return { k: 'bool', b: a.b === (b as { b: boolean }).b };
    case 'tuple':
    case 'list': {
      const bi = (b as { items: readonly Val[] }).items;
      let unknown = false;
      for (let i = 0; i < a.items.length; i++) {
        const e = equals(a.items[i]!, bi[i]!);
        if (e.k === 'unknown') unknown = true;
        else if (e.k === 'bool' && !e.b) return e;
      }
      return unknown ? { k: 'unknown', ty: 'bool' } : { k: 'bool', b: true };
    }
    case 'object':
    case 'map': {
      const ba = (b as { attrs: ReadonlyMap<string, Val> }).attrs;
      if (a.attrs.size !== ba.size) return { k: 'bool', b: false };
      for (const [k, x] of a.attrs) {
        const y = ba.get(k);
        if (y === undefined) return { k: 'bool', b: false };
        const e = equals(x, y);
        if (e.k === 'bool' && !e.b) return e;
      }
      return { k: 'bool', b: true };
    }
  }
}

// ---- evaluation -----------------------------------------------------------------------------

type Env = ReadonlyMap<string, Val>;
const EMPTY_ENV: Env = new Map();
const ANON = '\u0000anon';

class Evaluator {
  errors = 0;
  private depth = 0;

  eval(e: Expression, env: Env): Val {
    if (++this.depth > 400) {
      this.depth--;
      this.errors++;
      return DYN;
    }
    try {
      return this.evalInner(e, env);
    } finally {
      this.depth--;
    }
  }

  private evalInner(e: Expression, env: Env): Val {
    switch (e.type) {
      case 'literal': {
        const v = e.value;
        if (v === null) return NULL_DYN;
        if (typeof v === 'boolean') return { k: 'bool', b: v };
        const r = parseRat(v.number);
        if (r === null) {
          this.errors++;
          return { k: 'unknown', ty: 'number' };
        }
        return { k: 'num', r };
      }
      case 'template':
        if (e.parts.length === 1 && e.parts[0]!.kind === 'interpolation') return this.eval(e.parts[0]!.expr, env);
        return this.template(e.parts, env);
      case 'traversal': {
        const root = env.get(e.root);
        if (root === undefined) {
          this.errors++;
          return DYN;
        }
        return this.steps(root, e.steps);
      }
      case 'relativeTraversal':
        return this.steps(this.eval(e.source, env), e.steps);
      case 'call':
        this.errors++;
        return DYN;
      case 'parens':
        return this.eval(e.expr, env);
      case 'conditional':
        return this.conditional(e.cond, () => this.eval(e.then, env), () => this.eval(e.else, env), env);
      case 'unary': {
        const before = this.errors;
        const v = this.eval(e.operand, env);
        const want: Ty = e.op === '-' ? 'number' : 'bool';
        const c = convert(v, want);
        if (c === null) this.errors++;
        if (this.errors > before || c === null) return { k: 'unknown', ty: want };
        if (c.k === 'null') {
          this.errors++;
          return { k: 'unknown', ty: want };
        }
        if (c.k === 'unknown') return c;
        if (c.k === 'num') return { k: 'num', r: rat(-c.r.n, c.r.d) };
        if (c.k === 'bool') return { k: 'bool', b: !c.b };
        return { k: 'unknown', ty: want };
      }
      case 'binary':
        return this.binary(e.op, e.left, e.right, env);
      case 'tuple':
        return { k: 'tuple', items: e.items.map((x) => this.eval(x, env)) };
      case 'object': {
        const attrs = new Map<string, Val>();
        let known = true;
        for (const item of e.items) {
          let key: string | null = null;
          if (item.bareKey) {
            const k = item.key;
            key = k.type === 'traversal' ? k.root : k.type === 'literal' ? String(k.value) : '';
          } else if (item.key.type === 'traversal' && item.key.steps.length > 0) {
            this.errors++;
          } else {
            const kv = this.eval(item.key, env);
            if (kv.k === 'null') this.errors++;
            else if (kv.k === 'unknown') known = false;
            else {
              const ks = convert(kv, 'string');
              if (ks === null || ks.k !== 'str') {
                if (ks === null) this.errors++;
                else known = false;
              } else key = ks.s;
            }
          }
          const v = this.eval(item.value, env);
          if (key !== null) attrs.set(nfc(key), v);
        }
        return known ? { k: 'object', attrs } : DYN;
      }
      case 'index': {
        const c = this.eval(e.collection, env);
        const k = this.eval(e.key, env);
        return this.index(c, k);
      }
      case 'splat':
        return this.splat(e.source, e.each, env);
      case 'anonSymbol':
        return env.get(ANON) ?? DYN;
      case 'for':
        return this.forExpr(e, env);
    }
  }

  private steps(v: Val, steps: readonly TraversalStep[]): Val {
    let cur = v;
    for (const s of steps) {
      if (s.kind === 'attr') cur = this.getAttr(cur, s.name);
      else cur = this.index(cur, typeof s.key === 'number' ? { k: 'num', r: parseRat(String(s.key)) ?? rat(0n, 1n) } : str(s.key));
    }
    return cur;
  }

  private getAttr(v: Val, name: string): Val {
    if (v.k === 'unknown') return DYN;
    if (v.k === 'object' || v.k === 'map') {
      const x = v.attrs.get(name);
      if (x !== undefined) return x;
    }
    this.errors++;
    return DYN;
  }

  private index(c: Val, key: Val): Val {
    if (c.k === 'null' || key.k === 'null') {
      this.errors++;
      return DYN;
    }
    if (c.k === 'unknown' || key.k === 'unknown') return DYN;
    if (c.k === 'tuple' || c.k === 'list') {
      const kn = convert(key, 'number');
      if (kn !== null && kn.k === 'num' && kn.r.d === 1n) {
        const i = Number(kn.r.n);
        const x = c.items[i];
        if (i >= 0 && x !== undefined) return x;
      }
      this.errors++;
      return DYN;
    }
    if (c.k === 'object' || c.k === 'map') {
      const ks = convert(key, 'string');
      if (ks !== null && ks.k === 'str') {
        const x = c.attrs.get(ks.s);
        if (x !== undefined) return x;
      }
      this.errors++;
      return DYN;
    }
    this.errors++;
    return DYN;
  }

  private conditional(condExpr: Expression, thenF: () => Val, elseF: () => Val, env: Env): Val {
    const base = this.errors;
    const t = thenF();
    const tErr = this.errors - base;
    const f = elseF();
    const fErr = this.errors - base - tErr;
    this.errors = base;
    let resultType: Ty | null = 'dynamic';
    let convT = false;
    let convF = false;
    const tt = typeOf(t);
    const ft = typeOf(f);
    if (t.k === 'null' && t.ty === 'dynamic') {
      resultType = ft;
      convT = true;
    } else if (f.k === 'null' && f.ty === 'dynamic') {
      resultType = tt;
      convF = true;
    } else if (tt === 'dynamic' || ft === 'dynamic') {
      resultType = 'dynamic';
    } else {
      resultType = unify([tt, ft]);
      convT = convF = true;
    }
    if (resultType === null) {
      this.errors++;
      return DYN;
    }
    const cv = this.eval(condExpr, env);
    if (cv.k === 'null') {
      this.errors++;
      return DYN;
    }
    if (cv.k === 'unknown') return { k: 'unknown', ty: resultType };
    const cb = convert(cv, 'bool');
    if (cb === null || cb.k !== 'bool') {
      this.errors++;
      return DYN;
    }
    if (cb.b) {
      this.errors += tErr;
      if (!convT) return t;
      const x = convert(t, resultType);
      if (x === null) {
        this.errors++;
        return DYN;
      }
      return x;
    }
    this.errors += fErr;
    if (!convF) return f;
    const x = convert(f, resultType);
    if (x === null) {
      this.errors++;
      return DYN;
    }
    return x;
  }

  private binary(op: string, l: Expression, r: Expression, env: Env): Val {
    const before = this.errors;
    const lv = this.eval(l, env);
    const rv = this.eval(r, env);
    const isEq = op === '==' || op === '!=';
    const isLogic = op === '&&' || op === '||';
    const isCmp = op === '<' || op === '<=' || op === '>' || op === '>=';
    const param: Ty = isEq ? 'dynamic' : isLogic ? 'bool' : 'number';
    const resTy: Ty = isEq || isLogic || isCmp ? 'bool' : 'number';
    const a = convert(lv, param);
    const b = convert(rv, param);
    if (a === null) this.errors++;
    if (b === null) this.errors++;
    if (this.errors > before || a === null || b === null) return { k: 'unknown', ty: resTy };
    if (isEq) {
      const e = equals(a, b);
      if (e.k === 'bool' && op === '!=') return { k: 'bool', b: !e.b };
      return e;
    }
    if (a.k === 'null' || b.k === 'null') {
      this.errors++;
      return { k: 'unknown', ty: resTy };
    }
    if (a.k === 'unknown' || b.k === 'unknown') return { k: 'unknown', ty: resTy };
    if (isLogic) {
      const x = (a as { b: boolean }).b;
      const y = (b as { b: boolean }).b;
      return { k: 'bool', b: op === '&&' ? x && y : x || y };
    }
    const x = (a as { r: Rat }).r;
    const y = (b as { r: Rat }).r;
    const cmp = x.n * y.d - y.n * x.d; // sign of x - y (denominators positive)
    switch (op) {
      case '<':
        return { k: 'bool', b: cmp < 0n };
      case '<=':
        return { k: 'bool', b: cmp <= 0n };
      case '>':
        return { k: 'bool', b: cmp > 0n };
      case '>=':
        return { k: 'bool', b: cmp >= 0n };
      case '+':
        return { k: 'num', r: rat(x.n * y.d + y.n * x.d, x.d * y.d) };
      case '-':
        return { k: 'num', r: rat(x.n * y.d - y.n * x.d, x.d * y.d) };
      case '*':
        return { k: 'num', r: rat(x.n * y.n, x.d * y.d) };
      case '/':
        if (y.n === 0n) {
          // cty yields an infinity, which has no JSON form.
          this.errors++;
          return { k: 'unknown', ty: 'number' };
        }
        return { k: 'num', r: rat(x.n * y.d, x.d * y.n) };
      case '%': {
        if (y.n === 0n) return { k: 'num', r: x }; // cty: x % 0 is x
        const q = rat(x.n * y.d, x.d * y.n);
        const t = q.n / q.d; // truncates toward zero
        return { k: 'num', r: rat(x.n * y.d - t * y.n * x.d, x.d * y.d) };
      }
    }
    return { k: 'unknown', ty: resTy };
  }

  private splat(source: Expression, each: Expression, env: Env): Val {
    const before = this.errors;
    let sv = this.eval(source, env);
    if (this.errors > before) return DYN;
    const st = typeOf(sv);
    const isSeq = sv.k === 'tuple' || sv.k === 'list' || (typeof st !== 'string' && (st.k === 'tuple' || st.k === 'list'));
    if (sv.k === 'null') {
      if (!isSeq) return { k: 'tuple', items: [] };
      this.errors++;
      return DYN;
    }
    if (st === 'dynamic') return DYN;
    if (!isSeq) sv = { k: 'tuple', items: [sv] };
    if (sv.k === 'unknown') return DYN;
    const items: Val[] = [];
    let known = true;
    for (const it of (sv as { items: readonly Val[] }).items) {
      const e0 = this.errors;
      const child = new Map(env);
      child.set(ANON, it);
      const v = this.eval(each, child);
      if (this.errors > e0 || v.k === 'unknown') known = false;
      items.push(v);
    }
    if (!known) return DYN;
    if (sv.k === 'list') {
      const ety = items.length > 0 ? typeOf(items[0]!) : 'dynamic';
      return { k: 'list', elem: ety, items };
    }
    return { k: 'tuple', items };
  }

  /** Elements of an iterable value as [key, value]; null if not iterable. */
  private elements(v: Val): [Val, Val][] | null {
    if (v.k === 'tuple' || v.k === 'list') return v.items.map((x, i) => [{ k: 'num', r: rat(BigInt(i), 1n) }, x]);
    if (v.k === 'object' || v.k === 'map') {
      const keys = [...v.attrs.keys()].sort(compareCodePoints);
      return keys.map((k) => [{ k: 'str', s: k }, v.attrs.get(k)!]);
    }
    return null;
  }

  private forExpr(
    e: {
      keyVar?: string;
      valueVar: string;
      collection: Expression;
      keyExpr?: Expression;
      valueExpr: Expression;
      cond?: Expression;
      group: boolean;
    },
    env: Env,
    asTemplate?: (v: Env) => Val,
  ): Val {
    const cv = this.eval(e.collection, env);
    if (cv.k === 'null') {
      this.errors++;
      return DYN;
    }
    if (cv.k === 'unknown') return DYN;
    const els = this.elements(cv);
    if (els === null) {
      this.errors++;
      return DYN;
    }
    let known = true;
    const tuple: Val[] = [];
    const obj = new Map<string, Val>();
    const groups = new Map<string, Val[]>();
    for (const [k, v] of els) {
      const child = new Map(env);
      if (e.keyVar) child.set(e.keyVar, k);
      child.set(e.valueVar, v);
      if (e.cond) {
        const c = this.eval(e.cond, child);
        if (c.k === 'null') {
          if (known) this.errors++;
          known = false;
          continue;
        }
        const b = convert(c, 'bool');
        if (b === null) {
          if (known) this.errors++;
          known = false;
          continue;
        }
        if (b.k !== 'bool') {
          known = false;
          continue;
        }
        if (!b.b) continue;
      }
      if (e.keyExpr) {
        const kr = this.eval(e.keyExpr, child);
        if (kr.k === 'null') {
          if (known) this.errors++;
          known = false;
          continue;
        }
        const ks = convert(kr, 'string');
        if (ks === null) {
          if (known) this.errors++;
          known = false;
          continue;
        }
        if (ks.k !== 'str') {
          known = false;
          continue;
        }
        const val = this.eval(e.valueExpr, child);
        if (e.group) {
          const g = groups.get(ks.s);
          if (g) g.push(val);
          else groups.set(ks.s, [val]);
        } else if (obj.has(ks.s)) this.errors++;
        else obj.set(ks.s, val);
      } else {
        tuple.push(asTemplate ? asTemplate(child) : this.eval(e.valueExpr, child));
      }
    }
    if (!known) return DYN;
    if (e.keyExpr) {
      if (e.group) for (const [k, g] of groups) obj.set(k, { k: 'tuple', items: g });
      const attrs = new Map<string, Val>();
      for (const [k, v] of obj) attrs.set(nfc(k), v);
      return { k: 'object', attrs };
    }
    return { k: 'tuple', items: tuple };
  }

  private template(parts: readonly TemplatePart[], env: Env): Val {
    const out: string[] = [];
    let known = true;
    for (const p of parts) {
      let v: Val;
      switch (p.kind) {
        case 'literal':
          out.push(p.value);
          continue;
        case 'interpolation':
          v = this.eval(p.expr, env);
          break;
        case 'if':
          v = this.conditional(p.cond, () => this.template(p.then, env), () => this.template(p.else, env), env);
          break;
        case 'for': {
          const tv = this.forExpr(
            { ...(p.keyVar ? { keyVar: p.keyVar } : {}), valueVar: p.valueVar, collection: p.collection, valueExpr: p.collection, group: false },
            env,
            (child) => this.template(p.body, child),
          );
          if (tv.k !== 'tuple') {
            known = false;
            continue;
          }
          const joined: string[] = [];
          let ok = true;
          for (const it of tv.items) {
            if (it.k === 'null') {
              this.errors++;
              continue;
            }
            if (it.k === 'unknown') {
              ok = false;
              break;
            }
            const s = convert(it, 'string');
            if (s === null || s.k !== 'str') {
              this.errors++;
              continue;
            }
            joined.push(s.s);
          }
          if (!ok) {
            known = false;
            continue;
          }
          v = { k: 'str', s: joined.join('') };
          break;
        }
      }
      if (v.k === 'null') {
        this.errors++;
        continue;
      }
      if (v.k === 'unknown') {
        known = false;
        continue;
      }
      const s = convert(v, 'string');
      if (s === null || s.k !== 'str') {
        this.errors++;
        continue;
      }
      out.push(s.s);
    }
    if (!known) return { k: 'unknown', ty: 'string' };
    return str(out.join(''));
  }
}

/** The static value as plain JSON, or undefined when hclsyntax would report no value. */
export function staticValue(e: Expression): unknown {
  const ev = new Evaluator();
  let v: Val;
  try {
    v = ev.eval(e, EMPTY_ENV);
  } catch {
    return undefined;
  }
  if (ev.errors > 0 || !isWhollyKnown(v)) return undefined;
  return toJson(v);
}

function toJson(v: Val): unknown {
  switch (v.k) {
    case 'str':
      return v.s;
    case 'num':
      return ratToNumber(v.r);
    case 'bool':
      return v.b;
    case 'null':
      return null;
    case 'tuple':
    case 'list':
      return v.items.map(toJson);
    case 'object':
    case 'map': {
      const keys = [...v.attrs.keys()].sort(compareCodePoints);
      const o: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const k of keys) o[k] = toJson(v.attrs.get(k)!);
      return o;
    }
    case 'unknown':
      return undefined;
  }
}
