// The references an expression writes, read from its syntax: one walk for everything that asks
// (outputs' referenced attributes, undeclared references in blocks never evaluated, whether an
// error's expression reads a secret-looking name).
import type { RelativeTraversalExpr, TraversalExpr } from '../parsers/hcl/ast.js';

/**
 * Calls `visit` for every traversal (`var.x`, `aws_s3_bucket.b.id`) and relative traversal
 * (`f(x).a`) under a syntax node, depth first through every object-valued field in the node's key
 * order. Object.values, not for-in with a keyed read per field: the same order for these plain
 * objects, without the megamorphic reads. The parser bounds nesting (1000 levels), so the recursion is bounded too.
 */
export function forEachTraversal(node: object, visit: (t: TraversalExpr | RelativeTraversalExpr) => void): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const x: unknown = node[i];
      if (x && typeof x === 'object') forEachTraversal(x, visit);
    }
    return;
  }
  const type = (node as { type?: unknown }).type;
  if (type === 'traversal') {
    visit(node as TraversalExpr);
    return;
  }
  if (type === 'relativeTraversal') visit(node as RelativeTraversalExpr);
  const values: unknown[] = Object.values(node);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v && typeof v === 'object') forEachTraversal(v, visit);
  }
}
