// References Terraform checks before it evaluates anything: `var.x`, `local.y`, `module.m` and
// `data.t.n` must name declarations of the module, in every block, even one with count = 0 or an
// empty for_each, whose body is never evaluated (a feature switched off still fails `terraform plan`
// with a typo in it). Only these reserved roots are read here: a bare name may be a for variable or
// a dynamic block's iterator, which a walk without scopes cannot tell from a resource type.
import type { Block, TraversalExpr } from '../parsers/hcl/ast.js';
import type { ModuleSource } from './load.js';

/** Far deeper than any configuration a person writes. */
const MAX_DEPTH = 400;

type Undeclared = readonly { readonly expr: TraversalExpr; readonly message: string }[];

/** Per block: a block belongs to one module, and every instance of the module would walk it again. */
const found = new WeakMap<Block, Undeclared>();

/** The undeclared references under `block` (its arguments and nested blocks, not `skip`), in source order, with their messages. */
export function undeclaredReferences(mod: ModuleSource, block: Block, skip: ReadonlySet<string>): Undeclared {
  const cached = found.get(block);
  if (cached !== undefined) return cached;
  const out: { expr: TraversalExpr; message: string }[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object' || depth > MAX_DEPTH) return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, depth + 1);
      return;
    }
    const n = node as { readonly type?: unknown };
    if (n.type === 'traversal') {
      const message = undeclared(mod, node as TraversalExpr);
      if (message !== undefined) out.push({ expr: node as TraversalExpr, message });
      return;
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'leadingComments' && key !== 'trailingComment' && typeof value === 'object') visit(value, depth + 1);
  };
  for (const attr of block.body.attributes) if (!skip.has(attr.name)) visit(attr.expr, 0);
  for (const nested of block.body.blocks) visit(nested.body, 0);
  found.set(block, out);
  return out;
}

function undeclared(mod: ModuleSource, expr: TraversalExpr): string | undefined {
  const step = (i: number): string | undefined => {
    const s = expr.steps[i];
    return s?.kind === 'attr' ? s.name : undefined;
  };
  const first = step(0);
  if (first === undefined) return undefined;
  switch (expr.root) {
    case 'var':
      return mod.variables.has(first) ? undefined : `Reference to undeclared input variable "${first}".`;
    case 'local':
      return mod.locals.has(first) ? undefined : `Reference to undeclared local value "${first}".`;
    case 'module':
      return mod.moduleCalls.has(first) ? undefined : `Reference to undeclared module "${first}".`;
    case 'data': {
      const name = step(1);
      return name === undefined || mod.dataByTypeName.get(first)?.has(name) ? undefined : `Reference to undeclared data source "data.${first}.${name}".`;
    }
    default:
      return undefined;
  }
}
