// The type of a conditional's result not taken, as Terraform works it out to give both results one
// type (HCL's ConditionalExpr evaluates both, unifies their types, then converts the one taken):
// terraform console -plan 1.11.4 gives `true ? [4] : [terraform_data.u.id]` as ["4"], `true ? { a = 4 }
// : { b = terraform_data.u.id }` as tomap({ a = "4" }) and `true ? [1] : [1, 2]` as tolist([1]). The
// result not taken is read by its syntax where that settles its type (a literal, a template, a tuple
// or object of such, an operator, a function whose result is of one type: functions/result-types.ts),
// so that most conditionals cost nothing more; only what the syntax leaves open (a reference,
// another call, a for) is evaluated, by `leaf`. `any` where the type is not known here, as Terraform's is for a part that
// failed (its errors are dropped: `true ? [4] : [[1][5]]` is [4]), which leaves that part of the
// result as it is.
import type { Expression, TraversalExpr } from '../parsers/hcl/ast.js';
import { ANY, commonType, type TypeSpec } from './types.js';
import { BOOL, NUMBER, STRING } from './primitive-types.js';
import { nfc } from './value.js';
import { fixedResultType } from './functions/result-types.js';

/** What the syntax leaves open: `full` evaluates it; `cheap` takes only what costs a lookup (a variable, a local, a module's output). */
export type LeafType<C> = (expr: Expression, context: C) => TypeSpec;

const BOOL_OPERATORS = new Set(['||', '&&', '==', '!=', '<', '<=', '>', '>=']);

/** `expr`'s type, its parts not settled by syntax typed by `leaf`. */
export function branchType<C>(expr: Expression, leaf: LeafType<C>, context: C): TypeSpec {
  switch (expr.type) {
    case 'literal':
      // A literal null is of no type: the other result's (HCL's dynamic null).
      return expr.value === null ? ANY : typeof expr.value === 'boolean' ? BOOL : NUMBER;
    case 'template':
      // `"${x}"` is x itself, any other template a string.
      return expr.parts.length === 1 && expr.parts[0]!.kind === 'interpolation' ? branchType(expr.parts[0]!.expr, leaf, context) : STRING;
    case 'parens':
      return branchType(expr.expr, leaf, context);
    case 'binary':
      // An operator's result is of its operator's type even when an operand fails (HCL gives an unknown of it).
      return BOOL_OPERATORS.has(expr.op) ? BOOL : NUMBER;
    case 'unary':
      return expr.op === '!' ? BOOL : NUMBER;
    case 'tuple': {
      const elems: TypeSpec[] = [];
      for (const item of expr.items) elems.push(branchType(item, leaf, context));
      return { kind: 'tuple', elems };
    }
    case 'object': {
      const attrs = new Map<string, { type: TypeSpec; optional: boolean }>();
      for (const item of expr.items) {
        const key = writtenKey(item.key, item.bareKey);
        if (key === undefined) return leaf(expr, context);
        attrs.set(key, { type: branchType(item.value, leaf, context), optional: false });
      }
      return { kind: 'object', attrs };
    }
    case 'conditional': {
      // Both results unified, whichever the condition takes (a pair with none is refused; any here).
      // Any where either is not known here: it may be of no type in Terraform too (jsondecode of an
      // unknown), which unifies with anything to no type, not to the other's.
      const t = branchType(expr.then, leaf, context);
      const e = branchType(expr.else, leaf, context);
      return t.kind === 'any' || e.kind === 'any' ? ANY : (commonType([t, e]) ?? ANY);
    }
    case 'call':
      return fixedResultType(expr.name.startsWith('core::') ? expr.name.slice(6) : expr.name) ?? leaf(expr, context);
    case 'traversal':
      return isResourceId(expr) ? STRING : leaf(expr, context);
    default:
      return leaf(expr, context);
  }
}

/** An object key written out (`name = ...`, `"name" = ...`); undefined for one computed. */
function writtenKey(key: Expression, bare: boolean): string | undefined {
  if (bare && key.type === 'traversal') return key.root;
  if (key.type === 'template' && key.parts.every((p) => p.kind === 'literal')) return nfc(key.parts.map((p) => (p as { value: string }).value).join(''));
  return undefined;
}

const NOT_RESOURCE_ROOTS = new Set(['var', 'local', 'each', 'count', 'module', 'path', 'terraform', 'self']);

/**
 * A resource's or data source's `id` (`terraform_data.u.id`, `aws_kms_key.k[0].id`,
 * `data.aws_region.r.id`): a string in every provider's schema, so a number or bool result of a
 * conditional against it is a string (terraform plan 1.11.4: `true ? 1 : terraform_data.u.id` is "1").
 */
function isResourceId(expr: TraversalExpr): boolean {
  if (NOT_RESOURCE_ROOTS.has(expr.root)) return false;
  const steps = expr.steps;
  const last = steps[steps.length - 1];
  if (last?.kind !== 'attr' || last.name !== 'id') return false;
  const named = expr.root === 'data' ? 2 : 1;
  const middle = steps.slice(named, -1);
  return steps.slice(0, named).every((s) => s.kind === 'attr') && (middle.length === 0 || (middle.length === 1 && middle[0]!.kind === 'index'));
}

/** A reference to a resource's or data source's attribute: its known value has the type it was written with, not necessarily its schema's. */
export function isResourceReference(expr: TraversalExpr): boolean {
  return !NOT_RESOURCE_ROOTS.has(expr.root);
}
