// An import block's id and for_each must be known when Terraform plans: terraform plan 1.11.4
// refuses `id = terraform_data.a.id` ("Invalid import id argument: The import block "id" argument
// depends on resource attributes that cannot be determined until apply") and a for_each holding such
// a value anywhere, in a map's values too ("Invalid for_each argument: The "for_each" expression
// includes values derived from other resource attributes that cannot be determined until apply").
// Nothing else of an import is evaluated here (its target is checked from the syntax, in
// static-references.ts), so what fails to evaluate says nothing: this reports only those refusals,
// and an id Terraform refuses whatever it imports (null, empty, not a string: refusedId).
import type { Attribute, Block, Expression } from '../parsers/hcl/ast.js';
import { applyTimeOf, describeApplyTime, type ApplyTimePart } from './apply-time.js';
import { attributeOf } from './declarations.js';
import { EMPTY_SCOPE, Trace, type Scope } from './evaluate.js';
import type { ModuleInstance } from './instance.js';
import { importInstanceProblem } from './instance-addresses.js';
import { NOT_RESOURCE_TYPES, undeclaredUnderExpression } from './static-references.js';
import { freeTraversals } from './traversals.js';
import { EvalError, ListV, ObjV, obj, severityByOrigin, typeName, unknownsIn, type Val } from './value.js';

/** At most this many instances of an import's for_each have their id evaluated. */
const MAX_IMPORT_INSTANCES = 256;

/** The root module's import blocks (Terraform takes them there only), in `inst` unless it is a module's or one the scan assumes. */
export function checkImportBlocks(inst: ModuleInstance): void {
  if (inst.options.parent !== undefined || inst.options.hypothetical === true) return;
  for (const f of inst.mod.files) {
    for (const block of f.body.blocks) if (block.type === 'import') checkImport(inst, f.path, block);
  }
}

function checkImport(inst: ModuleInstance, file: string, block: Block): void {
  const forEach = attributeOf(block.body, 'for_each');
  const id = attributeOf(block.body, 'id');
  const to = attributeOf(block.body, 'to');
  const target = (to === undefined ? undefined : addressText(inst.ctx.spans.textOf(inst.span(file, to.expr)))) ?? 'the resource';
  if (reportUndeclared(inst, file, block, forEach !== undefined)) return;
  let scopes: Scope[] = [EMPTY_SCOPE];
  if (forEach !== undefined) {
    const trace = new Trace(false);
    const value = quietly(inst, file, forEach.expr, EMPTY_SCOPE, trace);
    if (value === undefined) return;
    const unknowns = unknownsIn([value]);
    const part = applyTimeOf(unknowns);
    if (part !== undefined) {
      report(inst, file, forEach, part, `The for_each of this import ${part.certain ? 'holds' : 'may hold'} a value known only at apply (${describeApplyTime(part.cause)})`, 'it cannot determine what to import', 'Invalid for_each argument');
      return;
    }
    // Unknown to the scan alone (a variable it was not given): its instances are not known here.
    if (unknowns.length > 0) return;
    // terraform validate 1.11.4 (ImportValues): 'Invalid for_each argument: The "for_each" expression must be a collection.' (null imports nothing).
    if (value !== null && !(value instanceof ListV) && !(value instanceof ObjV)) {
      inst.reportHere({ code: 'eval/for-each', severity: severityByOrigin(trace.readsConfigurationOnly()), message: `Invalid for_each argument: the for_each of this import is a ${typeName(value)}, not a collection (a map, a set or a list), so Terraform refuses it.`, span: inst.span(file, forEach) });
      return;
    }
    scopes = eachScopes(value);
    if (to !== undefined && reportTargetInstance(inst, file, to, scopes, trace.readsConfigurationOnly())) return;
  }
  if (id === undefined) return;
  for (const scope of scopes) {
    const trace = new Trace(false);
    const value = quietly(inst, file, id.expr, scope, trace);
    const refused = value === undefined || !trace.readsConfigurationOnly() ? undefined : refusedId(value);
    if (refused !== undefined) {
      inst.reportHere({ code: 'eval/import', severity: 'error', message: `${refused}, so Terraform refuses the import of ${target}.`, hint: 'Give the id of the object to import, as a string.', span: inst.span(file, id) });
      return;
    }
    const part = value === undefined ? undefined : applyTimeOf(unknownsIn([value]));
    if (part === undefined) continue;
    report(inst, file, id, part, `The id of this import ${part.certain ? 'depends' : 'may depend'} on a value known only at apply (${describeApplyTime(part.cause)})`, `it cannot plan to import ${target}`, 'Invalid import id argument');
    return;
  }
}

/** `what` the argument holds, why Terraform refuses it and its summary ("Invalid import id argument"). */
function report(inst: ModuleInstance, file: string, attr: Attribute, part: ApplyTimePart, what: string, why: string, summary: string): void {
  const message = part.certain ? `${what}, so Terraform refuses it: ${why} ("${summary}").` : `${what}: Terraform refuses it ("${summary}") unless the provider knows that value at plan, from a default in its schema.`;
  inst.reportHere({
    code: 'eval/import',
    severity: part.certain ? 'error' : 'warning',
    message,
    hint: 'Import by an id known at plan (written out, or from a variable); import an object created in this configuration only after applying it, or not at all.',
    span: inst.span(file, attr),
  });
}

/**
 * each.key and each.value of every element of a known for_each, as Terraform's ImportValues iterates
 * it: a map's keys, a set's elements, a list's or tuple's indexes (terraform validate 1.11.4 refuses
 * `for_each = ["a"]` with `to = terraform_data.e[each.key]`, each.key being the number 0: "The target
 * resource does not use count.").
 */
function eachScopes(value: Val): Scope[] {
  const entries: [string | number | Val, Val][] = [];
  if (value instanceof ObjV) for (const [k, v] of value.attrs) entries.push([k, v]);
  else if (value instanceof ListV) value.items.forEach((x, i) => entries.push([value.kind === 'set' ? x : i, x]));
  return entries.slice(0, MAX_IMPORT_INSTANCES).map(([k, v]) => EMPTY_SCOPE.bind('each', obj([['key', k], ['value', v]])));
}

/**
 * An import's `to` per instance of its for_each (`aws_x.y[each.key]`, a key written out, or none)
 * against its target's count or for_each, and that the instance is declared (importInstanceProblem):
 * the first problem, as Terraform stops at it; whether there was one.
 */
function reportTargetInstance(inst: ModuleInstance, file: string, to: Attribute, scopes: readonly Scope[], forEachFromConfiguration: boolean): boolean {
  const address = targetOf(to.expr);
  if (address === undefined) return false;
  for (const scope of scopes) {
    const trace = new Trace(false);
    let key: string | number | undefined;
    if (address.key !== undefined) {
      const value = quietly(inst, file, address.key, scope, trace);
      if (typeof value === 'string') key = value;
      else if (typeof value === 'number' && Number.isInteger(value)) key = value;
      else continue;
    } else key = address.literal;
    const problem = importInstanceProblem(inst, address.type, address.name, key);
    if (problem === undefined) continue;
    const severity = severityByOrigin(forEachFromConfiguration && trace.readsConfigurationOnly());
    inst.reportHere({ code: 'config/reference', severity, message: problem, hint: 'Import into instances the count or for_each of the resource declares, named by keys of their kind.', span: inst.span(file, to.expr) });
    return true;
  }
  return false;
}

/** `type.name`, `type.name[literal]` or `type.name[expression]` of a managed resource of this module (not inside a module call). */
function targetOf(expr: Expression): { type: string; name: string; key?: Expression; literal?: string | number } | undefined {
  const named = (t: Expression): { type: string; name: string } | undefined =>
    t.type === 'traversal' && !NOT_RESOURCE_TYPES.has(t.root) && t.steps[0]?.kind === 'attr' ? { type: t.root, name: t.steps[0].name } : undefined;
  if (expr.type === 'index') {
    const base = expr.collection.type === 'traversal' && expr.collection.steps.length === 1 ? named(expr.collection) : undefined;
    return base === undefined ? undefined : { ...base, key: expr.key };
  }
  if (expr.type !== 'traversal') return undefined;
  const base = named(expr);
  const key = expr.steps[1];
  if (base === undefined || expr.steps.length > 2 || (key !== undefined && key.kind !== 'index')) return undefined;
  return key === undefined ? base : { ...base, literal: key.key };
}

/**
 * What the id and for_each of an import refer to that the module does not declare, or `each` without
 * a for_each and `count` (an import has none): terraform validate 1.11.4 refuses them ("Reference to
 * undeclared input variable", 'Reference to "each" in context without for_each', 'Reference to
 * "count" in non-counted context'). The evaluation of either says nothing (quietly): said here. Its
 * `to` is an address, checked from the syntax (static-references.ts). Whether there was one.
 */
function reportUndeclared(inst: ModuleInstance, file: string, block: Block, hasForEach: boolean): boolean {
  let found = false;
  for (const name of ['for_each', 'id']) {
    const attr = attributeOf(block.body, name);
    if (attr === undefined) continue;
    const problems = [...undeclaredUnderExpression(inst.mod, attr.expr)];
    for (const t of freeTraversals(attr.expr)) {
      if (t.root === 'count') problems.push({ expr: t, message: 'Reference to "count" in non-counted context: an import block has no count, so Terraform refuses count.index in it.' });
      else if (t.root === 'each' && (!hasForEach || name === 'for_each')) problems.push({ expr: t, message: 'Reference to "each" in context without for_each: each.key and each.value can be used only in an import block that sets for_each (and not in the for_each itself), so Terraform refuses it.' });
    }
    for (const { expr, message } of problems) {
      inst.reportHere({ code: 'eval/unknown-reference', severity: 'error', message: `import block: ${message}`, span: inst.span(file, expr) });
      found = true;
    }
  }
  return found;
}

/**
 * What terraform validate 1.11.4 refuses of an import's id known from the configuration alone: null
 * ("Invalid import id argument: The import ID cannot be null."), an empty string ("The import ID
 * value evaluates to an empty string, please provide a non-empty value."), and a collection
 * ("Incorrect value type: Invalid expression value: string required."); a number or bool converts.
 */
function refusedId(value: Val): string | undefined {
  if (value === null) return 'Invalid import id argument: the id is null';
  if (value === '') return 'Invalid import id argument: the id is an empty string';
  if (value instanceof ListV || value instanceof ObjV) return `Incorrect value type: the id is a ${value instanceof ListV ? 'list' : 'map or object'}, not a string`;
  return undefined;
}

/** The value of an import's argument, or undefined where it fails (said nothing of: see above). */
function quietly(inst: ModuleInstance, file: string, expr: Expression, scope: Scope, trace = new Trace(false)): Val | undefined {
  inst.bodyContext(file, new Set());
  try {
    return inst.evaluator.evaluate(expr, scope, trace);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return undefined;
  }
}

/** An import's `to` as written; in JSON syntax a string, named as its content. */
function addressText(text: string | undefined): string | undefined {
  if (text === undefined || !text.startsWith('"')) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'string' ? parsed : text;
  } catch {
    return text;
  }
}
