// Which refusal of a sensitive for_each Terraform gives when its evaluation fails too. Terraform
// evaluates the argument before it reads its marks, and it does so first in the validate walk (plan
// runs that walk before it plans), where variables, resources and module outputs are unknown: a
// failure whatever they hold is said, and the sensitive value is not. terraform validate and plan
// 1.11.4 say "Unsupported attribute" of `for_each = sensitive({ a = "b" }).c` (and of `local.s.c`
// with s = sensitive({ a = "b" })), "Invalid function argument" of `toset([tonumber(sensitive("abc"))])`,
// "Reference to undeclared local value" of `toset([var.pw, local.nope])`; but "Invalid for_each
// argument: Sensitive values..." of `toset([tonumber(var.pw)])`, `lookup({ a = "x" }, var.pw)` and
// `{ for k in [var.pw] : k => k }["zz"]`, which fail only on the variable's value, unknown there.
import type { Expression } from '../parsers/hcl/ast.js';
import type { ModuleSource } from './load.js';
import { freeTraversals } from './traversals.js';
import { EvalError } from './value.js';

/**
 * Whether Terraform refuses for_each `expr` for its evaluation rather than for its marks: `evaluate`
 * (the scan's evaluation, with the variables' values) fails on a reference to nothing declared, or
 * on an expression that reads, through locals, nothing but literals.
 */
export function failsBeforeMarks(mod: ModuleSource, expr: Expression, evaluate: () => unknown): boolean {
  try {
    evaluate();
    return false;
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return e.code === 'eval/unknown-reference' || readsConfigurationAlone(mod, expr, new Set());
  }
}

/** Whether `expr` reads nothing but locals, and they nothing but locals in turn (no variable, resource, module, each, count or path). */
function readsConfigurationAlone(mod: ModuleSource, expr: Expression, seen: Set<string>): boolean {
  for (const t of freeTraversals(expr)) {
    const step = t.steps[0];
    if (t.root !== 'local' || step?.kind !== 'attr') return false;
    if (seen.has(step.name)) continue;
    seen.add(step.name);
    const local = mod.locals.get(step.name);
    if (local !== undefined && !readsConfigurationAlone(mod, local.node.expr, seen)) return false;
  }
  return true;
}
