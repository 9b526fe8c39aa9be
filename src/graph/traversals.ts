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

/**
 * The traversals an expression reads, as hcl's Variables() gives them: not a bare object key, not a
 * name a `for` binds inside that `for` (expressions and template directives alike). In source order.
 * A work list, not recursion: a chain of 100 000 `+` is one deep tree the parser accepts.
 */
export function freeTraversals(expr: Expression): TraversalExpr[] {
  const out: TraversalExpr[] = [];
  // Two parallel stacks (a node, the names bound where it stands): no pair allocated per node.
  const nodes: (Expression | readonly TemplatePart[])[] = [expr];
  const bounds: ReadonlySet<string>[] = [NOTHING_BOUND];
  const push = (node: Expression | readonly TemplatePart[], bound: ReadonlySet<string>): void => {
    nodes.push(node);
    bounds.push(bound);
  };
  const binding = (bound: ReadonlySet<string>, valueVar: string, keyVar: string | undefined): ReadonlySet<string> => {
    const inner = new Set(bound);
    inner.add(valueVar);
    if (keyVar !== undefined) inner.add(keyVar);
    return inner;
  };
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const bound = bounds.pop()!;
    if (Array.isArray(node)) {
      for (const p of node as readonly TemplatePart[]) {
        if (p.kind === 'interpolation') push(p.expr, bound);
        else if (p.kind === 'if') {
          push(p.cond, bound);
          push(p.then, bound);
          push(p.else, bound);
        } else if (p.kind === 'for') {
          push(p.collection, bound);
          push(p.body, binding(bound, p.valueVar, p.keyVar));
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
        push(e.source, bound);
        break;
      case 'template':
        if (e.parts.length !== 1 || e.parts[0]!.kind !== 'literal') push(e.parts, bound);
        break;
      case 'call':
        for (const a of e.args) push(a, bound);
        break;
      case 'conditional':
        push(e.cond, bound);
        push(e.then, bound);
        push(e.else, bound);
        break;
      case 'binary':
        push(e.left, bound);
        push(e.right, bound);
        break;
      case 'unary':
        push(e.operand, bound);
        break;
      case 'tuple':
        for (const item of e.items) push(item, bound);
        break;
      case 'object':
        for (const item of e.items) {
          if (!item.bareKey) push(item.key, bound);
          push(item.value, bound);
        }
        break;
      case 'index':
        push(e.collection, bound);
        push(e.key, bound);
        break;
      case 'splat':
        push(e.source, bound);
        push(e.each, bound);
        break;
      case 'for': {
        push(e.collection, bound);
        const inner = binding(bound, e.valueVar, e.keyVar);
        if (e.keyExpr) push(e.keyExpr, inner);
        push(e.valueExpr, inner);
        if (e.cond) push(e.cond, inner);
        break;
      }
      case 'parens':
        push(e.expr, bound);
        break;
    }
  }
  return out.length > 1 ? out.sort((a, b) => a.start - b.start) : out;
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
