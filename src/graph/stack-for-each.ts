// The for_each of a Terraform Stacks component (`component "x" { for_each = ... }`), evaluated in
// one deployment: the keys of its instances, or why Terraform refuses it. The rules are Terraform's
// own for a component's for_each (hashicorp/terraform internal/stacks/stackruntime/internal/stackeval/
// for_each.go, evaluateForEachExpr: "The for_each expression must produce either a map of any type
// or a set of strings"; a null value, a set of another element type and a null element are
// refused), said with the codes a module's for_each uses (instance.ts expand). A sensitive for_each
// is refused before any of that ("Sensitive values, or values derived from sensitive values, cannot be
// used as for_each arguments": result.Value.HasMark(marks.Sensitive), the value's own mark, so a map
// whose values alone are sensitive is taken); the scan keeps one sensitive bit for a whole
// evaluation, so that is read from the syntax (sensitive-outputs.ts markedSource) before the value
// is evaluated, and no key of it is printed (sensitiveForEach).
// The component block reference's "List of values" example (for_each = ["<VALUE>"]) is no list
// Terraform takes: the runtime refuses a tuple, as it does for a module.
import { severityByOrigin, typeName, ObjV, ListV, Unk, type Val } from './value.js';

/** A for_each Terraform refuses: the code and severity a module's for_each gets, and what to say after "for_each of <label>". */
export interface ForEachProblem {
  readonly code: 'eval/for-each' | 'eval/for-each-list';
  readonly severity: 'error' | 'warning';
  readonly says: string;
  readonly hint?: string;
}

/**
 * A for_each whose value is itself sensitive (`secret`: what marks it, `var.regions`), which
 * Terraform refuses for a component and for a provider alike (stackeval evaluateForEachExpr, "Invalid
 * for_each value"). Always an error: the mark is certain from the stack's own declarations.
 */
export function sensitiveForEach(secret: string): ForEachProblem {
  return {
    code: 'eval/for-each',
    severity: 'error',
    says: `is sensitive (${secret}), so Terraform refuses it: its keys would show the sensitive value in the instances' addresses`,
    hint: 'Iterate over keys that are not secret: for_each = nonsensitive(toset(keys(var.x))) with var.x[each.key] where the value is used, or a map whose values alone are marked with sensitive().',
  };
}

/** The instance keys (undefined: not known here) and the problem, if Terraform refuses the value. */
export interface ForEachResult {
  readonly keys: ReadonlySet<string> | undefined;
  readonly problem?: ForEachProblem;
}

/**
 * `value`, the for_each evaluated; `fromConfigurationOnly`,
 * whether it read only the stack's own values (what Terraform refuses there is an error; read from a
 * component's outputs, which the scan may see only in part, a warning, as for a module).
 */
export function componentForEach(value: Val, fromConfigurationOnly: boolean): ForEachResult {
  if (value instanceof Unk) return { keys: undefined };
  const severity = severityByOrigin(fromConfigurationOnly);
  if (value instanceof ObjV) return { keys: value.open === undefined ? new Set(value.attrs.keys()) : undefined };
  if (value instanceof ListV && value.kind === 'set') {
    if (value.items.some((x) => x instanceof Unk)) return { keys: undefined };
    const bad = value.items.find((x) => typeof x !== 'string');
    if (bad === undefined) return { keys: new Set(value.items as string[]) };
    const what = bad === null ? 'a null element' : `a ${typeName(bad)} element`;
    return { keys: undefined, problem: { code: 'eval/for-each', severity, says: `has ${what}, so Terraform refuses it: a set for for_each holds strings only` } };
  }
  if (value instanceof ListV) return { keys: undefined, problem: { code: 'eval/for-each-list', severity, says: `is a ${value.kind}, so Terraform refuses it: it requires a map or a set of strings (use toset())` } };
  return { keys: undefined, problem: { code: 'eval/for-each', severity, says: `is ${value === null ? 'null' : `a ${typeName(value)}`}, so Terraform refuses it: it requires a map or a set of strings` } };
}
