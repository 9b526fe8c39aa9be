// A root module output that Terraform refuses because it holds a sensitive value without saying so
// ("Output refers to sensitive values", terraform plan 1.11). Terraform marks values part by part: a
// sensitive variable is marked whole, and so is anything computed from it, but an object that holds
// one sensitive attribute is not, and its other attributes are plain. This scan keeps one sensitive
// bit per evaluation (enough to mask values), so the check reads the syntax instead and says only
// what is certain: the output's expression reads a sensitive variable or calls sensitive(), outside
// can(), issensitive() and nonsensitive(), directly or through locals it reads whole that are no
// collection built around the value. Module outputs and resource attributes are left out: whether
// Terraform's plan holds them as sensitive depends on the provider's schema and on what is known at plan.
import type { Expression } from '../parsers/hcl/ast.js';
import { variableShape } from './declarations.js';
import type { ModuleSource } from './load.js';

/** Functions whose result carries no mark of their argument. */
const UNMARKING = new Set(['can', 'issensitive', 'nonsensitive', 'core::can', 'core::issensitive', 'core::nonsensitive']);

/**
 * What makes `expr` sensitive to Terraform as a whole (`var.db_password`, `sensitive()`,
 * `local.dsn` → `var.db_password`), or undefined when nothing certainly does.
 */
export function sensitiveSource(mod: ModuleSource, expr: Expression, seen: Set<string> = new Set()): string | undefined {
  const work: unknown[] = [expr];
  while (work.length > 0) {
    const node = work.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const x of node) work.push(x);
      continue;
    }
    const type = (node as { type?: unknown }).type;
    if (type === 'call') {
      const name = (node as { name: string }).name;
      if (UNMARKING.has(name)) continue;
      if (name === 'sensitive' || name === 'core::sensitive') return 'sensitive()';
    } else if (type === 'traversal') {
      const t = node as { root: string; steps: readonly { kind: string; name?: string }[] };
      const first = t.steps[0]?.kind === 'attr' ? t.steps[0].name! : undefined;
      if (first === undefined) continue;
      if (t.root === 'var') {
        const decl = mod.variables.get(first);
        if (decl !== undefined && variableShape(decl.node).sensitive) return `var.${first}`;
      } else if (t.root === 'local' && t.steps.length === 1 && !seen.has(first)) {
        // Read whole; a local that builds an object, tuple or for over its parts may hold plain parts only.
        seen.add(first);
        const local = mod.locals.get(first);
        const inner = local ? unwrap(local.node.expr) : undefined;
        if (inner !== undefined && inner.type !== 'object' && inner.type !== 'tuple' && inner.type !== 'for') {
          const found = sensitiveSource(mod, inner, seen);
          if (found !== undefined) return `local.${first} (${found})`;
        }
      }
      continue;
    }
    for (const v of Object.values(node)) if (v !== null && typeof v === 'object') work.push(v);
  }
  return undefined;
}

function unwrap(expr: Expression): Expression {
  let e = expr;
  while (e.type === 'parens') e = e.expr;
  return e;
}
