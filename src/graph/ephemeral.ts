// Which expressions read an ephemeral value (Terraform 1.10+): an ephemeral resource, or a variable
// declared `ephemeral = true`, directly or through locals. Terraform marks such values ephemeral as
// it marks secrets sensitive; ephemeralasnull() turns them into null, and that null is what a
// resource argument then holds (and what state keeps). The evaluator tracks no ephemeral mark, so
// the call asks this, syntactically, of its argument.
import type { Expression } from '../parsers/hcl/ast.js';
import { variableShape } from './declarations.js';
import type { ModuleSource } from './load.js';
import { freeTraversals } from './traversals.js';

export function readsEphemeral(mod: ModuleSource, expr: Expression, seenLocals: Set<string> = new Set()): boolean {
  if (!declaresEphemeral(mod)) return false;
  for (const t of freeTraversals(expr)) {
    if (t.root === 'ephemeral') return true;
    const first = t.steps[0];
    if (first?.kind !== 'attr') continue;
    if (t.root === 'var') {
      const declared = mod.variables.get(first.name);
      if (declared !== undefined && variableShape(declared.node).ephemeral) return true;
    } else if (t.root === 'local' && !seenLocals.has(first.name)) {
      seenLocals.add(first.name);
      const local = mod.locals.get(first.name);
      if (local !== undefined && readsEphemeral(mod, local.node.expr, seenLocals)) return true;
    }
  }
  return false;
}

const declaring = new WeakMap<ModuleSource, boolean>();

/** Does the module declare an ephemeral resource or variable, the only sources readsEphemeral follows? Once per module. */
function declaresEphemeral(mod: ModuleSource): boolean {
  let declares = declaring.get(mod);
  if (declares === undefined) {
    declares = mod.ephemeralByTypeName.size > 0 || [...mod.variables.values()].some((v) => variableShape(v.node).ephemeral);
    declaring.set(mod, declares);
  }
  return declares;
}

/**
 * Whether an expression surely gives an ephemeral value: it reads an ephemeral resource or variable
 * (directly or through locals) and calls no ephemeralasnull() anywhere on the way, which would turn
 * (a part of) it into a plain null. Asked where Terraform refuses an ephemeral value, so it answers
 * no where unsure.
 */
export function surelyEphemeral(mod: ModuleSource, expr: Expression, seenLocals: Set<string> = new Set()): boolean {
  // Asked of every argument of every aws_ resource in every module instance: the cheap questions
  // first (most modules declare nothing ephemeral, and then no walk of the argument is needed).
  if (!declaresEphemeral(mod) || !readsEphemeral(mod, expr) || callsEphemeralAsNull(expr)) return false;
  let found = false;
  for (const t of freeTraversals(expr)) {
    if (t.root === 'ephemeral') found = true;
    const first = t.steps[0];
    if (first?.kind !== 'attr') continue;
    if (t.root === 'var') {
      const declared = mod.variables.get(first.name);
      if (declared !== undefined && variableShape(declared.node).ephemeral) found = true;
    } else if (t.root === 'local' && !seenLocals.has(first.name)) {
      seenLocals.add(first.name);
      const local = mod.locals.get(first.name);
      if (local === undefined) continue;
      // A local that calls ephemeralasnull() may hold a null where the ephemeral value was: unsure.
      if (callsEphemeralAsNull(local.node.expr)) return false;
      if (surelyEphemeral(mod, local.node.expr, seenLocals)) found = true;
    }
  }
  return found;
}

/**
 * Whether an ephemeralasnull() call is anywhere under the expression. A work list, not recursion: a
 * chain of 100 000 `+` is one deep tree the parser accepts (traversals.ts).
 */
function callsEphemeralAsNull(expr: Expression): boolean {
  const stack: unknown[] = [expr];
  while (stack.length > 0) {
    const n = stack.pop();
    if (n === null || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      for (const x of n) stack.push(x);
      continue;
    }
    const node = n as { readonly type?: unknown; readonly name?: unknown };
    if (node.type === 'call' && node.name === 'ephemeralasnull') return true;
    for (const v of Object.values(n)) if (v !== null && typeof v === 'object') stack.push(v);
  }
  return false;
}
