// A root module output that Terraform refuses because it holds a sensitive value without saying so
// ("Output refers to sensitive values", terraform plan 1.11). Terraform marks values part by part:
// a sensitive variable is marked whole, and so is what an operator, a template or a function
// computes from a marked argument; but a tuple or object built around a marked value is not marked
// itself (only that element is), so `{ a = var.pw, b = 1 }.b`, `length([var.pw])` and a `for` that
// leaves the element out are plain. This scan keeps one sensitive bit per evaluation (enough to
// mask values), so the check reads the syntax instead, with those rules, and says only what is
// certain: module outputs and resource attributes are never followed (whether Terraform's plan holds
// them as sensitive depends on the provider's schema and on what is known at plan), and a `for`
// over a collection with marked elements is not followed into its elements. Checked against 760
// configurations planned by Terraform 1.11 (two differential hunts).
import type { Expression, TemplatePart } from '../parsers/hcl/ast.js';
import { variableShape } from './declarations.js';
import type { ModuleSource } from './load.js';

/** Functions whose result carries no mark of their argument. */
const UNMARKING = new Set(['can', 'issensitive', 'nonsensitive']);

/**
 * Whether the value a module instance's caller gives variable `name` is itself marked (what marks
 * it, `var.s` in the caller), or undefined when nothing certainly does. A root module has no caller.
 */
export type InputMarks = (name: string) => string | undefined;

interface Reader {
  readonly mod: ModuleSource;
  readonly inputMarked?: InputMarks;
  /** Locals on the way (a cycle among them is said elsewhere). */
  readonly seen: Set<string>;
}

/**
 * What makes the output value `expr` hold a sensitive value (`var.db_password`, `sensitive()`,
 * `local.dsn (var.db_password)`), anywhere in it, or undefined when nothing certainly does.
 */
export function sensitiveSource(mod: ModuleSource, expr: Expression): string | undefined {
  return contains({ mod, seen: new Set() }, expr, NONE_BOUND);
}

const NONE_BOUND: ReadonlySet<string> = new Set();

const markedFound = new WeakMap<ModuleSource, WeakMap<Expression, string | null>>();

/**
 * What makes the value of `expr` itself sensitive (its top level, as a `for_each` argument must not
 * be), or undefined when nothing certainly does. A value the caller marks reaches a module through
 * its variables (cty's marks travel with the value, so the child's `for_each = var.x` is refused
 * when the caller sets `x = var.secret`): `inputMarked` reads them, per instance, as callers
 * differ. Without it (a root module) the answer is once per module and expression.
 */
export function markedSource(mod: ModuleSource, expr: Expression, inputMarked?: InputMarks): string | undefined {
  if (inputMarked !== undefined) return marked({ mod, inputMarked, seen: new Set() }, expr, NONE_BOUND);
  let memo = markedFound.get(mod);
  if (memo === undefined) markedFound.set(mod, (memo = new WeakMap()));
  const cached = memo.get(expr);
  if (cached !== undefined) return cached ?? undefined;
  const found = marked({ mod, seen: new Set() }, expr, NONE_BOUND);
  memo.set(expr, found ?? null);
  return found;
}

/** Whether the value of `e` holds a marked value at any depth (what an output may not). */
function contains(r: Reader, e: Expression, bound: ReadonlySet<string>): string | undefined {
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
      if (e.root === 'local' && !bound.has('local') && e.steps.length === 1 && e.steps[0]!.kind === 'attr') return throughLocal(r, e.steps[0]!.name, (x) => contains(r, x, NONE_BOUND));
      return undefined;
    default:
      return undefined;
  }
}

/** Whether the value of `e` is itself marked (its top level), as cty carries marks through operations. */
function marked(r: Reader, e: Expression, bound: ReadonlySet<string>): string | undefined {
  switch (e.type) {
    case 'parens':
      return marked(r, e.expr, bound);
    case 'traversal': {
      if (bound.has(e.root)) return undefined;
      const first = e.steps[0]?.kind === 'attr' ? e.steps[0].name : undefined;
      if (first === undefined) return undefined;
      if (e.root === 'var') {
        const decl = r.mod.variables.get(first);
        if (decl === undefined) return undefined;
        if (variableShape(decl.node).sensitive) return `var.${first}`;
        const given = r.inputMarked?.(first);
        return given !== undefined ? `var.${first} (from ${given} in the caller)` : undefined;
      }
      // A local read whole or in part: its own top-level mark goes with every part.
      if (e.root === 'local') return throughLocal(r, first, (x) => marked(r, x, NONE_BOUND));
      return undefined;
    }
    case 'relativeTraversal':
    case 'splat':
      return marked(r, e.source, bound);
    case 'index':
      return marked(r, e.collection, bound) ?? marked(r, e.key, bound);
    case 'template':
      return markedParts(r, e.parts, bound);
    case 'binary':
      return marked(r, e.left, bound) ?? marked(r, e.right, bound);
    case 'unary':
      return marked(r, e.operand, bound);
    case 'conditional':
      // The result carries the condition's marks and both branches' (terraform plan 1.11).
      return marked(r, e.cond, bound) ?? marked(r, e.then, bound) ?? marked(r, e.else, bound);
    case 'for':
      // A for over a marked collection is marked; over one with marked elements, only what reads them (not followed).
      return marked(r, e.collection, bound);
    case 'call': {
      const name = e.name.startsWith('core::') ? e.name.slice(6) : e.name;
      if (name === 'sensitive') return 'sensitive()';
      if (UNMARKING.has(name)) return undefined;
      // A set cannot hold marked elements: converting to one moves their marks onto the set (toset([var.pw])).
      if (name === 'toset' && e.args.length === 1) return contains(r, e.args[0]!, bound);
      // try() gives the first argument that succeeds, with its marks only: certain when every one is marked.
      if (name === 'try') {
        let found: string | undefined;
        for (const a of e.args) {
          const m = marked(r, a, bound);
          if (m === undefined) return undefined;
          found ??= m;
        }
        return found;
      }
      // lookup() gives its default only when the key is missing: the default's marks are not certain.
      const args = name === 'lookup' ? e.args.slice(0, 2) : e.args;
      for (const a of args) {
        const m = marked(r, a, bound);
        if (m !== undefined) return m;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function markedParts(r: Reader, parts: readonly TemplatePart[], bound: ReadonlySet<string>): string | undefined {
  for (const p of parts) {
    if (p.kind === 'interpolation') {
      const m = marked(r, p.expr, bound);
      if (m !== undefined) return m;
    } else if (p.kind === 'if') {
      const m = marked(r, p.cond, bound) ?? markedParts(r, p.then, bound) ?? markedParts(r, p.else, bound);
      if (m !== undefined) return m;
    } else if (p.kind === 'for') {
      const m = marked(r, p.collection, bound);
      if (m !== undefined) return m;
      const inner = new Set(bound);
      inner.add(p.valueVar);
      if (p.keyVar !== undefined) inner.add(p.keyVar);
      const body = markedParts(r, p.body, inner);
      if (body !== undefined) return body;
    }
  }
  return undefined;
}

/** Reads local `name`'s expression once per check (a cycle among locals is said by the evaluator). */
function throughLocal(r: Reader, name: string, read: (expr: Expression) => string | undefined): string | undefined {
  if (r.seen.has(name)) return undefined;
  const local = r.mod.locals.get(name);
  if (local === undefined) return undefined;
  r.seen.add(name);
  try {
    const found = read(local.node.expr);
    return found !== undefined ? `local.${name} (${found})` : undefined;
  } finally {
    r.seen.delete(name);
  }
}
