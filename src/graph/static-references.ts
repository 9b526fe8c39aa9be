// References Terraform checks before it evaluates anything: `var.x`, `local.y`, `module.m` and
// `data.t.n` must name declarations of the module, in every block, even one with count = 0 or an
// empty for_each, whose body is never evaluated (a feature switched off still fails `terraform plan`
// with a typo in it). Only these reserved roots are read here: a bare name may be a for variable or
// a dynamic block's iterator, which a walk without scopes cannot tell from a resource type.
import type { Block, TraversalExpr } from '../parsers/hcl/ast.js';
import type { ModuleSource } from './load.js';
import { forEachTraversal } from './traversals.js';

type Undeclared = readonly { readonly expr: TraversalExpr; readonly message: string }[];

/** Per block: a block belongs to one module, and every instance of the module would walk it again. */
const found = new WeakMap<Block, Undeclared>();

/** The undeclared references under `block` (its arguments and nested blocks, not `skip`), in source order, with their messages. */
export function undeclaredReferences(mod: ModuleSource, block: Block, skip: ReadonlySet<string>): Undeclared {
  const cached = found.get(block);
  if (cached !== undefined) return cached;
  const out: { expr: TraversalExpr; message: string }[] = [];
  const visit = (node: object): void =>
    forEachTraversal(node, (t) => {
      const message = t.type === 'traversal' ? undeclared(mod, t) : undefined;
      if (message !== undefined) out.push({ expr: t as TraversalExpr, message });
    });
  for (const attr of block.body.attributes) if (!skip.has(attr.name)) visit(attr.expr);
  for (const nested of block.body.blocks) visit(nested.body);
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
