// What type a null has, where the syntax settles it. Terraform's nulls are typed (`tostring(null)` is
// a null string, a variable's null takes its `type`, a conditional's null branch the other branch's
// type); this evaluator's values carry no type (a typed null on every value would cost the hot path
// for the few places that read it), so the places where Terraform's answer hangs on a null's type
// ask here, from the expression that gave the null, and only when it is null:
//   - coalescelist() refuses an untyped null, anywhere among its arguments ("coalescelist arguments
//     must be lists or tuples"), and skips a typed one (an optional list attribute left out);
//   - a splat of a null list, set or tuple is an error ("Splat of null value"), of any other null [];
//   - a conditional unifies a typed null's type with the other result's: `true ? var.l : 1` of a
//     list(string) null is refused ("Inconsistent conditional result types"), `false ? var.s : 1`
//     of a string null is "1";
//   - coalesce() unifies its arguments' types, a typed null's among them (coalesce(var.s, 1) is "1");
//   - tolist() and toset() refuse a null of no type beside a structural element ("cannot convert
//     tuple to list of any single type": cty's unify gives such a pair no type).
// (terraform console 1.11.4.) Anything the syntax does not settle (a module output, a resource
// attribute, a dynamic block's iterator, most function results) is undefined, and the evaluator
// keeps its old answer: no error.
import type { Expression, TraversalStep } from '../parsers/hcl/ast.js';
import type { ModuleSource } from './load.js';
import { ANY, commonType, type TypeSpec } from './types.js';
import { BOOL, NUMBER, STRING } from './primitive-types.js';

/** 'untyped': Terraform's null of no type (cty.DynamicPseudoType); 'sequence': a null list, set or tuple; 'typed': a null of another type. */
export type NullKind = 'untyped' | 'sequence' | 'typed';

/**
 * The type of the value an expression gives, as far as its syntax settles it: 'untyped' for a null
 * of no type (the literal null), a type otherwise, `any` in a part the syntax leaves open (never at
 * the top: that is undefined).
 */
export type NullType = TypeSpec | 'untyped';

export interface NullTypeScope {
  readonly mod: ModuleSource;
  /** A root module: its variables' values come from defaults and variable files, where a null has no type. */
  readonly isRoot: boolean;
  /** Variable `name`'s type constraint; 'none' when it has none; undefined when undeclared. */
  readonly variableType: (name: string) => TypeSpec | 'none' | undefined;
  /** Whether a `for`, count, each or a dynamic iterator binds `name` where the expression is. */
  readonly isBound: (name: string) => boolean;
}

/** The kind of null `expr` gives, should it give one; undefined when the syntax does not settle it. */
export function nullKindOf(scope: NullTypeScope, expr: Expression): NullKind | undefined {
  return kindOfNull(nullTypeOf(scope, expr));
}

/** The type of the null `expr` gives, should it give one; undefined when the syntax does not settle it. */
export function nullTypeOf(scope: NullTypeScope, expr: Expression): NullType | undefined {
  return typeOf(scope, expr, [], new Set());
}

/** A null type's kind. */
export function kindOfNull(t: NullType | undefined): NullKind | undefined {
  if (t === undefined || t === 'untyped') return t;
  switch (t.kind) {
    case 'any':
      return undefined;
    case 'list':
    case 'set':
    case 'tuple':
      return 'sequence';
    default:
      return 'typed';
  }
}

/** A part's type inside a structure: a part of no type, or not settled, is `any` there. */
function part(t: NullType | undefined): TypeSpec {
  return t === undefined || t === 'untyped' ? ANY : t;
}

/** `any` at the top is not settled. */
function settled(t: TypeSpec | undefined): TypeSpec | undefined {
  return t === undefined || t.kind === 'any' ? undefined : t;
}

function typeOf(scope: NullTypeScope, e: Expression, steps: readonly TraversalStep[], seen: Set<string>): NullType | undefined {
  switch (e.type) {
    case 'parens':
      return typeOf(scope, e.expr, steps, seen);
    case 'relativeTraversal':
      return typeOf(scope, e.source, [...e.steps, ...steps], seen);
    case 'literal':
      if (steps.length > 0) return undefined;
      return e.value === null ? 'untyped' : typeof e.value === 'boolean' ? BOOL : NUMBER;
    case 'template':
      return steps.length === 0 && e.parts.some((p) => p.kind === 'literal') ? STRING : undefined;
    case 'tuple': {
      if (steps.length === 0) {
        const elems: TypeSpec[] = [];
        for (const item of e.items) elems.push(part(typeOf(scope, item, [], seen)));
        return { kind: 'tuple', elems };
      }
      const step = steps[0]!;
      const item = step.kind === 'index' && typeof step.key === 'number' ? e.items[step.key] : undefined;
      return item === undefined ? undefined : typeOf(scope, item, steps.slice(1), seen);
    }
    case 'object': {
      const step = steps[0];
      const key = step === undefined ? undefined : step.kind === 'attr' ? step.name : step.kind === 'index' && typeof step.key === 'string' ? step.key : undefined;
      if (step !== undefined && key === undefined) return undefined;
      const attrs = new Map<string, { type: TypeSpec; optional: boolean }>();
      let found: Expression | undefined;
      for (const item of e.items) {
        const k = literalKey(item.key, item.bareKey);
        if (k === undefined) return undefined;
        if (k === key) found = item.value;
        if (step === undefined) attrs.set(k, { type: part(typeOf(scope, item.value, [], seen)), optional: false });
      }
      if (step === undefined) return { kind: 'object', attrs };
      return found === undefined ? undefined : typeOf(scope, found, steps.slice(1), seen);
    }
    case 'conditional':
    case 'call':
      return steps.length === 0 ? resultType(scope, e, seen) : stepped(resultType(scope, e, seen), steps);
    case 'traversal':
      return traversalType(scope, e.root, [...e.steps, ...steps], seen);
    default:
      return undefined;
  }
}

/** A conditional's or a call's result type. */
function resultType(scope: NullTypeScope, e: Expression, seen: Set<string>): NullType | undefined {
  switch (e.type) {
    case 'conditional': {
      // Both branches take one type: a null branch the other's (`c ? null : ["a"]` is a null tuple).
      const a = typeOf(scope, e.then, [], seen);
      const b = typeOf(scope, e.else, [], seen);
      if (a === 'untyped') return b;
      if (b === 'untyped') return a;
      if (a === undefined || b === undefined) return undefined;
      return settled(commonType([a, b]));
    }
    case 'call': {
      const name = e.name.startsWith('core::') ? e.name.slice(6) : e.name;
      switch (name) {
        case 'tostring':
          return STRING;
        case 'tonumber':
          return NUMBER;
        case 'tobool':
          return BOOL;
        case 'tolist':
        case 'toset':
        case 'tomap':
          // The argument's element type, its parts' one type for a tuple or object (tolist([null, "a"])
          // is a list of strings, its null tostring(null): terraform console 1.11.4); else not known here.
          return { kind: name === 'tolist' ? 'list' : name === 'toset' ? 'set' : 'map', elem: elementType(e.args.length === 1 ? typeOf(scope, e.args[0]!, [], seen) : undefined) };
        case 'sensitive':
        case 'nonsensitive':
          // Marks change no type.
          return e.args.length === 1 ? typeOf(scope, e.args[0]!, [], seen) : undefined;
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}

/** The one type of a collection's, tuple's or object's parts; `any` where it is not known here. */
function elementType(t: NullType | undefined): TypeSpec {
  if (t === undefined || t === 'untyped') return ANY;
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return t.elem;
    case 'tuple':
      return commonType(t.elems) ?? ANY;
    case 'object':
      return commonType([...t.attrs.values()].map((a) => a.type)) ?? ANY;
    default:
      return ANY;
  }
}

/** The type `steps` read in a value of type `t`. */
function stepped(t: NullType | undefined, steps: readonly TraversalStep[]): NullType | undefined {
  if (t === undefined || t === 'untyped') return undefined;
  let r: TypeSpec | undefined = t;
  for (const step of steps) {
    r = stepType(r, step);
    if (r === undefined) return undefined;
  }
  return settled(r);
}

function traversalType(scope: NullTypeScope, root: string, steps: readonly TraversalStep[], seen: Set<string>): NullType | undefined {
  if (scope.isBound(root)) return undefined;
  const first = steps[0];
  if (first?.kind !== 'attr') return undefined;
  if (root === 'local') {
    const local = scope.mod.locals.get(first.name);
    if (local === undefined || seen.has(first.name)) return undefined;
    seen.add(first.name);
    try {
      return typeOf(scope, local.node.expr, steps.slice(1), seen);
    } finally {
      seen.delete(first.name);
    }
  }
  if (root !== 'var') return undefined;
  const type = scope.variableType(first.name);
  if (type === undefined) return undefined;
  // No type: a root module's value is a default or a variable file's, whose null has no type; a
  // called module's is whatever its caller passed, typed or not.
  if (type === 'none') return steps.length === 1 && scope.isRoot ? 'untyped' : undefined;
  return steps.length === 1 ? settled(type) : stepped(type, steps.slice(1));
}

/** The type `step` reads in a value of type `t`. */
function stepType(t: TypeSpec, step: TraversalStep): TypeSpec | undefined {
  switch (t.kind) {
    case 'object': {
      const name = step.kind === 'attr' ? step.name : step.kind === 'index' && typeof step.key === 'string' ? step.key : undefined;
      return name === undefined ? undefined : t.attrs.get(name)?.type;
    }
    case 'list':
      return step.kind === 'index' ? t.elem : undefined;
    case 'map':
      // `m.k` reads a map's element as `m["k"]` does.
      return t.elem;
    case 'tuple':
      return step.kind === 'index' && typeof step.key === 'number' ? t.elems[step.key] : undefined;
    default:
      return undefined;
  }
}

/**
 * The expression that gives part `key` (a tuple's index, an object's attribute) of the value a tuple
 * or object constructor gives, parentheses aside; undefined for any other expression.
 */
export function constructorPart(e: Expression, key: number | string): Expression | undefined {
  while (e.type === 'parens') e = e.expr;
  if (e.type === 'tuple') return typeof key === 'number' ? e.items[key] : undefined;
  if (e.type !== 'object' || typeof key !== 'string') return undefined;
  let found: Expression | undefined;
  for (const item of e.items) if (literalKey(item.key, item.bareKey) === key) found = item.value;
  return found;
}

function literalKey(key: Expression, bare: boolean): string | undefined {
  if (bare && key.type === 'traversal') return key.root;
  if (key.type === 'template' && key.parts.length === 1 && key.parts[0]!.kind === 'literal') return key.parts[0]!.value;
  if (key.type === 'literal' && typeof key.value === 'string') return key.value;
  return undefined;
}
