// The `aws_db_instance.db.password` style references an expression writes, read from its syntax
// (not from evaluation): for outputs' referencedAttributes, and to tell whether a for expression's
// entries name the collection they iterate again (instance-references.ts).
import type { Expression } from '../parsers/hcl/ast.js';

/**
 * `aws_db_instance.db.password` style references written in an expression. Not memoised here:
 * outputs keep the answer in their plan slot, once per module; a for expression over a resource's
 * instances keeps its own (instance-references.ts), once per expression.
 */
export function referencedAttributes(expr: Expression): string[] {
  const out = new Set<string>();
  collectInto(expr, out);
  return [...out];
}

const SYMBOL_ROOTS = new Set(['var', 'local', 'count', 'each', 'path', 'terraform', 'self']);

/**
 * Depth first through every object-valued field of a syntax node, in the node's key order.
 * Object.values, not for-in with a keyed read per field: the same order for these plain objects,
 * without the megamorphic reads (this walks each output's expression once per scan).
 */
function collectInto(e: object, out: Set<string>): void {
  if (Array.isArray(e)) {
    for (let i = 0; i < e.length; i++) {
      const x: unknown = e[i];
      if (x && typeof x === 'object') collectInto(x, out);
    }
    return;
  }
  const node = e as { type?: string; root?: string; steps?: { kind: string; name?: string }[] };
  if (node.type === 'traversal' && node.root && node.steps) {
    const names = [node.root];
    for (const s of node.steps) {
      if (s.kind === 'attr' && s.name) names.push(s.name);
      else if (s.kind !== 'index') break;
    }
    const want = node.root === 'data' ? 4 : 3; // data.TYPE.NAME.attr, else TYPE.NAME.attr or module.NAME.output
    if (!SYMBOL_ROOTS.has(node.root) && names.length >= 2) out.add(names.slice(0, want).join('.'));
    return;
  }
  const values: unknown[] = Object.values(e);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v && typeof v === 'object') collectInto(v, out);
  }
}
