// The `aws_db_instance.db.password` style references an expression writes, read from its syntax
// (not from evaluation): for outputs' referencedAttributes, and to tell whether a for expression's
// entries name the collection they iterate again (instance-references.ts).
import type { Expression } from '../parsers/hcl/ast.js';
import { moduleOutputAt } from './declarations.js';
import type { ModuleSource } from './load.js';
import { forEachTraversal } from './traversals.js';

/**
 * `aws_db_instance.db.password` style references written in an expression. Not memoised here:
 * outputs keep the answer in their plan slot, once per module; a for expression over a resource's
 * instances keeps its own (instance-references.ts), once per expression.
 */
export function referencedAttributes(expr: Expression, mod?: ModuleSource): string[] {
  const out = new Set<string>();
  collectInto(expr, out, mod);
  return [...out];
}

const SYMBOL_ROOTS = new Set(['var', 'local', 'count', 'each', 'path', 'terraform', 'self']);

/**
 * The `TYPE.NAME.attr` (or `data.TYPE.NAME.attr`, `module.NAME.output`) each traversal under `e` names.
 * `mod`, the module `e` is in: its calls with for_each, whose instance key `module.c.a.out` writes as an attribute.
 */
function collectInto(e: object, out: Set<string>, mod: ModuleSource | undefined): void {
  forEachTraversal(e, (node) => {
    if (node.type !== 'traversal') return;
    const names = [node.root];
    // Index steps are passed over: `aws_s3_bucket.b[0].arn` names aws_s3_bucket.b.arn, and
    // `module.c.a.out` of a call with for_each module.c.out (its instance "a").
    const key = node.root === 'module' && mod !== undefined && node.steps[1]?.kind === 'attr' && moduleOutputAt(mod, node.steps) === 2 ? node.steps[1] : undefined;
    for (const s of node.steps) if (s.kind === 'attr' && s !== key) names.push(s.name);
    const want = node.root === 'data' ? 4 : 3; // data.TYPE.NAME.attr, else TYPE.NAME.attr or module.NAME.output
    if (!SYMBOL_ROOTS.has(node.root) && names.length >= 2) out.add(names.slice(0, want).join('.'));
  });
}
