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
import { EvalError, ListV, ObjV, obj, unknownsIn, type Val } from './value.js';

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
  let scopes: Scope[] = [EMPTY_SCOPE];
  if (forEach !== undefined) {
    const value = quietly(inst, file, forEach.expr, EMPTY_SCOPE);
    if (value === undefined) return;
    const unknowns = unknownsIn([value]);
    const part = applyTimeOf(unknowns);
    if (part !== undefined) {
      report(inst, file, forEach, part, `The for_each of this import ${part.certain ? 'holds' : 'may hold'} a value known only at apply (${describeApplyTime(part.cause)})`, 'it cannot determine what to import', 'Invalid for_each argument');
      return;
    }
    // Unknown to the scan alone (a variable it was not given): its instances are not known here.
    if (unknowns.length > 0) return;
    scopes = eachScopes(value);
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

/** each.key and each.value of every element of a known for_each (a map's entries, a set's or tuple's elements). */
function eachScopes(value: Val): Scope[] {
  const entries: [string, Val][] = [];
  if (value instanceof ObjV) for (const [k, v] of value.attrs) entries.push([k, v]);
  else if (value instanceof ListV) for (const x of value.items) entries.push([typeof x === 'string' ? x : String(x), x]);
  return entries.slice(0, MAX_IMPORT_INSTANCES).map(([k, v]) => EMPTY_SCOPE.bind('each', obj([['key', k], ['value', v]])));
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
