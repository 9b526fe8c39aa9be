// Which expressions read an ephemeral value (Terraform 1.10+): an ephemeral resource, a variable
// declared `ephemeral = true`, `terraform.applying`, or a called module's output declared
// `ephemeral = true`, directly or through locals. Terraform marks such values ephemeral as it marks
// secrets sensitive; ephemeralasnull() turns them into null, and that null is what a resource
// argument then holds (and what state keeps). The evaluator tracks no ephemeral mark, so the call
// asks this, syntactically, of its argument.
import type { Expression, TraversalStep } from '../parsers/hcl/ast.js';
import { outputShape, variableShape } from './declarations.js';
import type { ModuleSource } from './load.js';
import { freeTraversals } from './traversals.js';

/** Where an expression is read: its module, and the modules its calls run (for `module.<call>.<output>`). */
export interface EphemeralScope {
  readonly mod: ModuleSource;
  /** The module `module.<name>` runs; undefined when the scan does not have it (a remote module not downloaded). */
  called(name: string): ModuleSource | undefined;
}

/**
 * Whether a traversal reads an ephemeral value: 'yes', 'no', or 'local' for `local.<name>` (the
 * caller follows it). A called module's output is read by name (`module.db.token`,
 * `module.db["a"].token`); a whole module call (`module.db`, or `module.db[each.key].token`, whose
 * traversal stops at the computed key) is 'no', as which of its outputs is read is not known here
 * (terraform plan 1.11.4 accepts `module.db[each.key].plain` beside an ephemeral output).
 */
function sourceKind(scope: EphemeralScope, root: string, steps: readonly TraversalStep[]): 'yes' | 'no' | 'local' {
  if (root === 'ephemeral') return 'yes';
  const first = steps[0];
  if (first?.kind !== 'attr') return 'no';
  if (root === 'var') {
    const declared = scope.mod.variables.get(first.name);
    return declared !== undefined && variableShape(declared.node).ephemeral ? 'yes' : 'no';
  }
  // Terraform 1.10: "terraform.applying" is true during apply, and ephemeral so that it is never persisted.
  if (root === 'terraform') return first.name === 'applying' ? 'yes' : 'no';
  if (root === 'local') return 'local';
  if (root !== 'module') return 'no';
  const outputs = ephemeralOutputs(scope.called(first.name));
  if (outputs.size === 0) return 'no';
  const output = steps[1]?.kind === 'index' ? steps[2] : steps[1];
  return output?.kind === 'attr' && outputs.has(output.name) ? 'yes' : 'no';
}

export function readsEphemeral(scope: EphemeralScope, expr: Expression, seenLocals: Set<string> = new Set()): boolean {
  if (!declaresEphemeral(scope)) return false;
  for (const t of freeTraversals(expr)) {
    const kind = sourceKind(scope, t.root, t.steps);
    if (kind === 'yes') return true;
    const name = kind === 'local' ? (t.steps[0] as { name: string }).name : undefined;
    if (name === undefined || seenLocals.has(name)) continue;
    seenLocals.add(name);
    const local = scope.mod.locals.get(name);
    if (local !== undefined && readsEphemeral(scope, local.node.expr, seenLocals)) return true;
  }
  return false;
}

const ephemeralOutputsOf = new WeakMap<ModuleSource, ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();

/** The outputs a module declares `ephemeral = true`: Terraform marks them ephemeral, and refuses any other output an ephemeral value. */
function ephemeralOutputs(mod: ModuleSource | undefined): ReadonlySet<string> {
  if (mod === undefined) return NONE;
  let names = ephemeralOutputsOf.get(mod);
  if (names === undefined) {
    names = new Set([...mod.outputs].filter(([, decl]) => outputShape(decl.node).ephemeral).map(([name]) => name));
    ephemeralOutputsOf.set(mod, names);
  }
  return names;
}

const declaring = new WeakMap<ModuleSource, boolean>();

/**
 * Does the module declare (or call a module that returns) anything readsEphemeral follows? Once per
 * module: an instance's calls run the modules every other instance's do.
 */
function declaresEphemeral(scope: EphemeralScope): boolean {
  const { mod } = scope;
  let declares = declaring.get(mod);
  if (declares === undefined) {
    declares =
      mod.ephemeralByTypeName.size > 0 ||
      [...mod.variables.values()].some((v) => variableShape(v.node).ephemeral) ||
      // Found in the text, not by walking every expression: a mention elsewhere (a comment) only costs a walk.
      mod.files.some((f) => f.text.includes('applying')) ||
      [...mod.moduleCalls.keys()].some((name) => ephemeralOutputs(scope.called(name)).size > 0);
    declaring.set(mod, declares);
  }
  return declares;
}

/**
 * Whether an expression surely gives an ephemeral value: it reads an ephemeral source (directly or
 * through locals) and calls nothing on the way that gives a value without the mark: ephemeralasnull()
 * (a plain null in its place), can() and issensitive() (a plain bool; terraform plan 1.11.4 accepts
 * `value = can(var.pw) ? "a" : "b"` with var.pw ephemeral). Asked where Terraform refuses an
 * ephemeral value, so it answers no where unsure.
 */
export function surelyEphemeral(scope: EphemeralScope, expr: Expression, seenLocals: Set<string> = new Set()): boolean {
  // Asked of every argument of every judged resource in every module instance: the cheap questions
  // first (most modules declare nothing ephemeral, and then no walk of the argument is needed).
  if (!declaresEphemeral(scope) || !readsEphemeral(scope, expr) || dropsMark(expr)) return false;
  let found = false;
  for (const t of freeTraversals(expr)) {
    const kind = sourceKind(scope, t.root, t.steps);
    if (kind === 'yes') found = true;
    const name = kind === 'local' ? (t.steps[0] as { name: string }).name : undefined;
    if (name === undefined || seenLocals.has(name)) continue;
    seenLocals.add(name);
    const local = scope.mod.locals.get(name);
    if (local === undefined) continue;
    // A local that drops the mark may hold a plain value where the ephemeral one was: unsure.
    if (dropsMark(local.node.expr)) return false;
    if (surelyEphemeral(scope, local.node.expr, seenLocals)) found = true;
  }
  return found;
}

/** Calls whose result does not keep the ephemeral mark of their argument. */
const MARK_DROPPING = new Set(['ephemeralasnull', 'can', 'issensitive']);

/**
 * Whether a call that drops the ephemeral mark is anywhere under the expression. A work list, not
 * recursion: a chain of 100 000 `+` is one deep tree the parser accepts (traversals.ts).
 */
function dropsMark(expr: Expression): boolean {
  const stack: unknown[] = [expr];
  while (stack.length > 0) {
    const n = stack.pop();
    if (n === null || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      for (const x of n) stack.push(x);
      continue;
    }
    const node = n as { readonly type?: unknown; readonly name?: unknown };
    if (node.type === 'call' && typeof node.name === 'string' && MARK_DROPPING.has(node.name)) return true;
    for (const v of Object.values(n)) if (v !== null && typeof v === 'object') stack.push(v);
  }
  return false;
}
