// What type a null has, where the syntax settles it. Terraform's nulls are typed (`tostring(null)` is
// a null string, a variable's null takes its `type`, a conditional's null branch the other branch's
// type); this evaluator's values carry no type, so the two places where Terraform's answer hangs on
// a null's type ask here, from the expression that gave the null, and only when it is null:
//   - coalescelist() refuses an untyped null, anywhere among its arguments ("coalescelist arguments
//     must be lists or tuples"), and skips a typed one (an optional list attribute left out);
//   - a splat of a null list, set or tuple is an error ("Splat of null value"), of any other null [].
// (terraform console 1.11.4.) Anything the syntax does not settle (a module output, a resource
// attribute, a dynamic block's iterator, most function results) is undefined, and the evaluator
// keeps its old answer: no error.
import type { Expression, TraversalStep } from '../parsers/hcl/ast.js';
import type { ModuleSource } from './load.js';
import type { TypeSpec } from './types.js';

/** 'untyped': Terraform's null of no type (cty.DynamicPseudoType); 'sequence': a null list, set or tuple; 'typed': a null of another type. */
export type NullKind = 'untyped' | 'sequence' | 'typed';

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
  return kindOf(scope, expr, [], new Set());
}

function kindOf(scope: NullTypeScope, e: Expression, steps: readonly TraversalStep[], seen: Set<string>): NullKind | undefined {
  switch (e.type) {
    case 'parens':
      return kindOf(scope, e.expr, steps, seen);
    case 'relativeTraversal':
      return kindOf(scope, e.source, [...e.steps, ...steps], seen);
    case 'literal':
      if (steps.length > 0) return undefined;
      return e.value === null ? 'untyped' : 'typed';
    case 'template':
      return steps.length === 0 && e.parts.some((p) => p.kind === 'literal') ? 'typed' : undefined;
    case 'tuple': {
      if (steps.length === 0) return 'sequence';
      const step = steps[0]!;
      const item = step.kind === 'index' && typeof step.key === 'number' ? e.items[step.key] : undefined;
      return item === undefined ? undefined : kindOf(scope, item, steps.slice(1), seen);
    }
    case 'object': {
      if (steps.length === 0) return 'typed';
      const step = steps[0]!;
      const key = step.kind === 'attr' ? step.name : step.kind === 'index' && typeof step.key === 'string' ? step.key : undefined;
      if (key === undefined) return undefined;
      let found: Expression | undefined;
      for (const item of e.items) {
        const k = literalKey(item.key, item.bareKey);
        if (k === undefined) return undefined;
        if (k === key) found = item.value;
      }
      return found === undefined ? undefined : kindOf(scope, found, steps.slice(1), seen);
    }
    case 'conditional': {
      if (steps.length > 0) return undefined;
      // Both branches take one type: a null branch the other's (`c ? null : ["a"]` is a null tuple).
      const a = kindOf(scope, e.then, [], seen);
      const b = kindOf(scope, e.else, [], seen);
      if (a === 'untyped') return b;
      if (b === 'untyped') return a;
      if (a === undefined || b === undefined) return undefined;
      return a === 'sequence' && b === 'sequence' ? 'sequence' : 'typed';
    }
    case 'call': {
      if (steps.length > 0) return undefined;
      const name = e.name.startsWith('core::') ? e.name.slice(6) : e.name;
      if (name === 'tolist' || name === 'toset') return 'sequence';
      if (name === 'tostring' || name === 'tonumber' || name === 'tobool' || name === 'tomap') return 'typed';
      // Marks change no type.
      if ((name === 'sensitive' || name === 'nonsensitive') && e.args.length === 1) return kindOf(scope, e.args[0]!, [], seen);
      return undefined;
    }
    case 'traversal':
      return traversalKind(scope, e.root, [...e.steps, ...steps], seen);
    default:
      return undefined;
  }
}

function traversalKind(scope: NullTypeScope, root: string, steps: readonly TraversalStep[], seen: Set<string>): NullKind | undefined {
  if (scope.isBound(root)) return undefined;
  const first = steps[0];
  if (first?.kind !== 'attr') return undefined;
  if (root === 'local') {
    const local = scope.mod.locals.get(first.name);
    if (local === undefined || seen.has(first.name)) return undefined;
    seen.add(first.name);
    try {
      return kindOf(scope, local.node.expr, steps.slice(1), seen);
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
  let t: TypeSpec | undefined = type;
  for (const step of steps.slice(1)) {
    t = stepType(t, step);
    if (t === undefined) return undefined;
  }
  return kindOfType(t);
}

/** The type `step` reads in a value of type `t`. */
function stepType(t: TypeSpec, step: TraversalStep): TypeSpec | undefined {
  switch (t.kind) {
    case 'object': {
      const name = step.kind === 'attr' ? step.name : step.kind === 'index' && typeof step.key === 'string' ? step.key : undefined;
      return name === undefined ? undefined : t.attrs.get(name)?.type;
    }
    case 'list':
    case 'map':
      return step.kind === 'index' ? t.elem : undefined;
    case 'tuple':
      return step.kind === 'index' && typeof step.key === 'number' ? t.elems[step.key] : undefined;
    default:
      return undefined;
  }
}

function kindOfType(t: TypeSpec): NullKind | undefined {
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

function literalKey(key: Expression, bare: boolean): string | undefined {
  if (bare && key.type === 'traversal') return key.root;
  if (key.type === 'template' && key.parts.length === 1 && key.parts[0]!.kind === 'literal') return key.parts[0]!.value;
  if (key.type === 'literal' && typeof key.value === 'string') return key.value;
  return undefined;
}
