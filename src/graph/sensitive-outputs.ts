// A root module output that Terraform refuses because it holds a sensitive value without saying so
// ("Output refers to sensitive values", terraform plan 1.11). Terraform marks values part by part:
// a sensitive variable is marked whole, and so is what an operator, a template or a function
// computes from a marked argument; but a tuple or object built around a marked value is not marked
// itself (only that element is), so `{ a = var.pw, b = 1 }.b`, `length([var.pw])` and a `for` that
// leaves the element out are plain. This scan keeps one sensitive bit per evaluation (enough to
// mask values), so the check reads the syntax instead, with those rules, and says only what is
// certain: resource attributes are never followed (whether Terraform's plan holds them as sensitive
// depends on the provider's schema and on what is known at plan), and a `for` over a collection
// with marked elements is not followed into its elements. Marks cross module calls both ways, as
// values do (MarkLinks). Checked against 760 configurations planned by Terraform 1.11 (two
// differential hunts), and module calls by a third.
import type { Expression, TemplatePart, TraversalStep } from '../parsers/hcl/ast.js';
import { variableShape } from './declarations.js';
import type { ModuleSource } from './load.js';

/** Functions whose result carries no mark of their argument. */
const UNMARKING = new Set(['can', 'issensitive', 'nonsensitive']);

/**
 * How marks reach a module instance from outside its own declarations: cty's marks travel with the
 * value, so a caller's `x = var.secret` marks the child's `var.x`, and a child's output computed
 * from a marked value is marked where the caller reads `module.m.out` (an output's own
 * `sensitive = true` does not mark it there: terraform plan 1.11 accepts a `for_each` over it).
 * Per instance, as callers differ; a root module has no caller.
 */
export interface MarkLinks {
  /** What marks the value the caller gives variable `name`, if anything certainly does. */
  readonly input?: (name: string) => string | undefined;
  /** What marks output `out` of module call `call`: its top level, or (deep) any part of it. */
  readonly output?: (call: string, out: string, deep: boolean) => string | undefined;
}

const NO_LINKS: MarkLinks = {};

interface Reader {
  readonly mod: ModuleSource;
  readonly links: MarkLinks;
  /** Whether a link was asked: the answer then depends on the instance. */
  asked: boolean;
  /** Locals on the way (a cycle among them is said elsewhere). */
  readonly seen: Set<string>;
}

/**
 * What makes the output value `expr` hold a sensitive value (`var.db_password`, `sensitive()`,
 * `local.dsn (var.db_password)`), anywhere in it, or undefined when nothing certainly does.
 */
export function sensitiveSource(mod: ModuleSource, expr: Expression, links: MarkLinks = NO_LINKS): string | undefined {
  return contains({ mod, links, asked: false, seen: new Set() }, expr, NONE_BOUND);
}

const NONE_BOUND: ReadonlySet<string> = new Set();

/**
 * What makes the value of `expr` itself sensitive (its top level, as a `for_each` argument must not
 * be), or undefined when nothing certainly does.
 */
export function markedSource(mod: ModuleSource, expr: Expression, links: MarkLinks = NO_LINKS): string | undefined {
  // Asked for each for_each of every instance of a module: what its declarations alone decide is
  // read once per module (a for_each over a large local was walked again for each of 64 calls).
  let memo = markedByDeclarations.get(mod);
  if (memo === undefined) markedByDeclarations.set(mod, (memo = new WeakMap()));
  const cached = memo.get(expr);
  if (cached !== undefined) return cached ?? undefined;
  const r: Reader = { mod, links, asked: false, seen: new Set() };
  const found = marked(r, expr, NONE_BOUND);
  if (!r.asked) memo.set(expr, found ?? null);
  return found;
}

const markedByDeclarations = new WeakMap<ModuleSource, WeakMap<Expression, string | null>>();

/** `module.m.out`, `module.m[0].out`, `module.m["k"].out` (and parts of it): the call and output it reads. */
function moduleOutput(e: { readonly steps: readonly TraversalStep[] }): { call: string; out: string; whole: boolean } | undefined {
  const call = e.steps[0];
  if (call?.kind !== 'attr') return undefined;
  const at = e.steps[1]?.kind === 'index' ? 2 : 1;
  const out = e.steps[at];
  return out?.kind === 'attr' ? { call: call.name, out: out.name, whole: e.steps.length === at + 1 } : undefined;
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
      if (e.root === 'module' && !bound.has('module')) {
        const read = moduleOutput(e);
        // A part of an output is certainly marked only when the output's top level is.
        if (read === undefined || r.links.output === undefined) return undefined;
        r.asked = true;
        return r.links.output(read.call, read.out, read.whole);
      }
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
        if (r.links.input === undefined) return undefined;
        r.asked = true;
        const given = r.links.input(first);
        return given !== undefined ? `var.${first} (from ${given} in the caller)` : undefined;
      }
      // A local read whole or in part: its own top-level mark goes with every part.
      if (e.root === 'local') return throughLocal(r, first, (x) => marked(r, x, NONE_BOUND));
      if (e.root === 'module') {
        const read = moduleOutput(e);
        if (read === undefined || r.links.output === undefined) return undefined;
        r.asked = true;
        return r.links.output(read.call, read.out, false);
      }
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
