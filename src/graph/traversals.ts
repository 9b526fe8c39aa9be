// The references an expression writes, read from its syntax. forEachTraversal visits every
// traversal, relative ones included (outputs' referenced attributes, whether an error's expression
// reads a secret-looking name); freeTraversals gives those hcl's Variables() gives, leaving out the
// names a `for` binds (what Terraform checks before it evaluates: undeclared references in blocks
// never evaluated, conditions that refer to nothing, self-references, cycles).
import type { Expression, RelativeTraversalExpr, TemplatePart, TraversalExpr } from '../parsers/hcl/ast.js';

/**
 * Calls `visit` for every traversal (`var.x`, `aws_s3_bucket.b.id`) and relative traversal
 * (`f(x).a`) under a syntax node, depth first through every object-valued field in the node's key
 * order. Object.values, not for-in with a keyed read per field: the same order for these plain
 * objects, without the megamorphic reads. A work list, not recursion: a chain of 10 000 `+` is one
 * deep tree the parser accepts, and recursion overflowed the stack and lost the root module.
 */
export function forEachTraversal(node: object, visit: (t: TraversalExpr | RelativeTraversalExpr) => void): void {
  const stack: object[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (Array.isArray(n)) {
      // Pushed last to first, so they are visited first to last.
      for (let i = n.length - 1; i >= 0; i--) {
        const x: unknown = n[i];
        if (x && typeof x === 'object') stack.push(x);
      }
      continue;
    }
    const type = (n as { type?: unknown }).type;
    if (type === 'traversal') {
      visit(n as TraversalExpr);
      continue;
    }
    if (type === 'relativeTraversal') visit(n as RelativeTraversalExpr);
    const values: unknown[] = Object.values(n);
    for (let i = values.length - 1; i >= 0; i--) {
      const v = values[i];
      if (v && typeof v === 'object') stack.push(v);
    }
  }
}

const freeFound = new WeakMap<Expression, readonly TraversalExpr[]>();
/** What a constant reads (shared: nearly half the nodes asked about read nothing). */
const NO_TRAVERSALS: readonly TraversalExpr[] = [];

/**
 * A literal, or a string with no interpolation or directive: it refers to nothing and calls
 * nothing (nearly every description and flag, many defaults), so nothing need walk it.
 */
export function plainConstant(expr: Expression): boolean {
  if (expr.type === 'literal') return true;
  if (expr.type !== 'template') return false;
  for (let i = 0; i < expr.parts.length; i++) if (expr.parts[i]!.kind !== 'literal') return false;
  return true;
}

/**
 * The traversals an expression reads, as hcl's Variables() gives them: not a bare object key, not a
 * name a `for` binds inside that `for` (expressions and template directives alike). In source order.
 * Once per syntax node: the loader's checks (cycles, self-references, undeclared references,
 * constant arguments) and the evaluator's ask it of the same expressions, ~25 000 times for ~14 000
 * nodes on bench corpus (a). The list is shared: never to be changed. A constant is not remembered
 * (the check is as cheap as the memo), nor is an empty list kept per node.
 */
export function freeTraversals(expr: Expression): readonly TraversalExpr[] {
  if (plainConstant(expr)) return NO_TRAVERSALS;
  let found = freeFound.get(expr);
  if (found === undefined) {
    const read = readFreeTraversals(expr);
    found = read.length === 0 ? NO_TRAVERSALS : read;
    freeFound.set(expr, found);
  }
  return found;
}

/** freeTraversals' walk. A work list, not recursion: a chain of 100 000 `+` is one deep tree the parser accepts. */
function readFreeTraversals(expr: Expression): TraversalExpr[] {
  const out: TraversalExpr[] = [];
  const work = new WorkList(expr);
  const { nodes, bounds } = work;
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const bound = bounds.pop()!;
    if (Array.isArray(node)) {
      for (const p of node as readonly TemplatePart[]) {
        if (p.kind === 'interpolation') work.push(p.expr, bound);
        else if (p.kind === 'if') {
          work.push(p.cond, bound);
          work.push(p.then, bound);
          work.push(p.else, bound);
        } else if (p.kind === 'for') {
          work.push(p.collection, bound);
          work.push(p.body, binding(bound, p.valueVar, p.keyVar));
        }
      }
      continue;
    }
    const e = node as Expression;
    switch (e.type) {
      case 'literal':
      case 'anonSymbol':
        break;
      case 'traversal':
        if (bound === NOTHING_BOUND || !bound.has(e.root)) out.push(e);
        break;
      case 'relativeTraversal':
        work.push(e.source, bound);
        break;
      case 'template':
        if (e.parts.length !== 1 || e.parts[0]!.kind !== 'literal') work.push(e.parts, bound);
        break;
      case 'call':
        for (const a of e.args) work.push(a, bound);
        break;
      case 'conditional':
        work.push(e.cond, bound);
        work.push(e.then, bound);
        work.push(e.else, bound);
        break;
      case 'binary':
        work.push(e.left, bound);
        work.push(e.right, bound);
        break;
      case 'unary':
        work.push(e.operand, bound);
        break;
      case 'tuple':
        for (const item of e.items) work.push(item, bound);
        break;
      case 'object':
        for (const item of e.items) {
          if (!item.bareKey) work.push(item.key, bound);
          work.push(item.value, bound);
        }
        break;
      case 'index':
        work.push(e.collection, bound);
        work.push(e.key, bound);
        break;
      case 'splat':
        work.push(e.source, bound);
        work.push(e.each, bound);
        break;
      case 'for': {
        work.push(e.collection, bound);
        const inner = binding(bound, e.valueVar, e.keyVar);
        if (e.keyExpr) work.push(e.keyExpr, inner);
        work.push(e.valueExpr, inner);
        if (e.cond) work.push(e.cond, inner);
        break;
      }
      case 'parens':
        work.push(e.expr, bound);
        break;
    }
  }
  return inSourceOrder(out);
}

/**
 * freeTraversals' work list: two parallel stacks (a node, the names bound where it stands), so no
 * pair is allocated per node; a class, not closures made on each call (the evaluator's checks call
 * freeTraversals ~15 000 times on bench corpus (a)).
 */
class WorkList {
  readonly nodes: (Expression | readonly TemplatePart[])[];
  readonly bounds: ReadonlySet<string>[] = [NOTHING_BOUND];

  constructor(expr: Expression) {
    this.nodes = [expr];
  }

  push(node: Expression | readonly TemplatePart[], bound: ReadonlySet<string>): void {
    this.nodes.push(node);
    this.bounds.push(bound);
  }
}

/** The names bound inside a `for`: those bound where it stands and its own. */
function binding(bound: ReadonlySet<string>, valueVar: string, keyVar: string | undefined): ReadonlySet<string> {
  const inner = new Set(bound);
  inner.add(valueVar);
  if (keyVar !== undefined) inner.add(keyVar);
  return inner;
}

/**
 * The traversals by start offset. Children are pushed in source order and the last pushed is taken
 * first, so the work list finds them in reverse source order: reversed in place then (no ties, so
 * the same as the stable sort, without the sort's copy), sorted only when that does not hold.
 */
function inSourceOrder(out: TraversalExpr[]): TraversalExpr[] {
  for (let i = 1; i < out.length; i++) if (out[i]!.start >= out[i - 1]!.start) return out.sort((a, b) => a.start - b.start);
  return out.reverse();
}

const NOTHING_BOUND: ReadonlySet<string> = new Set();

/**
 * The first syntax node under `node` (itself included) that `match` accepts, depth first through
 * every field, a traversal's index expressions included (`local.m[var.k]` holds `var.k`); comments
 * are passed over. For questions of one node kind in any position: a call in a var file, a read
 * of `each` in an expression, each use of a variable.
 */
export function findNode(node: unknown, match: (n: { readonly type?: unknown; readonly [k: string]: unknown }) => boolean): object | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findNode(item, match);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (match(node as { readonly type?: unknown })) return node;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'leadingComments' || key === 'trailingComment' || value === null || typeof value !== 'object') continue;
    const found = findNode(value, match);
    if (found !== undefined) return found;
  }
  return undefined;
}
