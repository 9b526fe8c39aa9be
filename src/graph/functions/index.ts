// The built-in function table and the call wrapper: arity checks, unknown propagation, the
// `core::` prefix, and unknown results (with one info diagnostic per name) for functions this
// evaluator does not implement: every built-in of Terraform 1.11.4 is implemented, so those are
// provider-defined functions other than provider::aws::* and provider::terraform::*.
import { awsProviderFunctions } from './provider-aws.js';
import { terraformProviderFunctions } from './provider-terraform.js';
import { EvalError, Unk, hasUnk, firstUnk, nfc, setOfUnknownLength, typedResult, unk, untyped, unknownSetLength, valueSize, unknownOfParts, unknownsIn, type Val } from '../value.js';
import { toList, toMap, toSet } from '../types.js';
import { UnknownArgument, chargeWork, checkValueSize, type FunctionContext, type FunctionSpec } from './args.js';
import { collectionFunctions } from './collection.js';
import { encodingFunctions } from './encoding.js';
import { filesystemFunctions } from './filesystem.js';
import { hashNetTimeFunctions } from './hash-net-time.js';
import { rsaFunctions } from './rsa-decrypt.js';
import { stringFunctions } from './string.js';
import { bool, num, str } from './args.js';
import { checkTypedArgument } from './param-types.js';
import { resultType } from './result-types.js';

const conversionFunctions: Record<string, FunctionSpec> = {
  tolist: { min: 1, max: 1, allowUnknown: true, fn: ([v]) => toList(v ?? null) },
  toset: { min: 1, max: 1, allowUnknown: true, fn: ([v]) => toSet(v ?? null) },
  tomap: { min: 1, max: 1, allowUnknown: true, fn: ([v]) => toMap(v ?? null) },
  tostring: { min: 1, max: 1, fn: ([v]) => (v === null ? null : str(v)) },
  tonumber: { min: 1, max: 1, fn: ([v]) => (v === null ? null : num(v)) },
  tobool: { min: 1, max: 1, fn: ([v]) => (v === null ? null : bool(v)) },
  nonsensitive: { min: 1, max: 1, allowUnknown: true, fn: ([v]) => v ?? null },
  ephemeralasnull: { min: 1, max: 1, allowUnknown: true, fn: ([v]) => v ?? null },
  // Still in Terraform's function table, refused when called (terraform console 1.11.4), whatever
  // their arguments: an error can() and try() catch, not an unknown function.
  list: { min: 0, max: Infinity, allowUnknown: true, fn: () => {
    throw new EvalError('the "list" function was deprecated in Terraform v0.12 and is no longer available; use tolist([ ... ]) syntax to write a literal list.');
  } },
  map: { min: 0, max: Infinity, allowUnknown: true, fn: () => {
    throw new EvalError('the "map" function was deprecated in Terraform v0.12 and is no longer available; use tomap({ ... }) syntax to write a literal map.');
  } },
};

export const builtinFunctions: ReadonlyMap<string, FunctionSpec> = new Map(
  Object.entries({ ...stringFunctions, ...collectionFunctions, ...encodingFunctions, ...hashNetTimeFunctions, ...rsaFunctions, ...filesystemFunctions, ...conversionFunctions, ...awsProviderFunctions, ...terraformProviderFunctions }),
);

/** Names handled by the evaluator itself because they take unevaluated expressions or marks. */
export const SPECIAL_FUNCTIONS = new Set(['try', 'can', 'sensitive', 'issensitive', 'convert', 'type']);

/**
 * Functions whose collection parameters are lists: Terraform converts a set argument to a list
 * first, and a set of unknown length (value.ts setOfUnknownLength) converts to an unknown list, so
 * the result is unknown (terraform plan 1.11.4: sort, distinct, compact, alltrue, anytrue,
 * chunklist, formatlist and zipmap of toset(["b", terraform_data.u.output]) are all unknown, where
 * the elements of that set as a list would give a known length or a known `true`).
 */
const LIST_PARAMETERS = new Set(['sort', 'distinct', 'compact', 'join', 'alltrue', 'anytrue', 'chunklist', 'formatlist', 'zipmap', 'matchkeys']);

/** Functions that read one element or the length, not the whole argument: no work is charged for them. */
const CONSTANT_WORK = new Set(['length', 'lookup', 'element']);

export function isKnownFunction(name: string): boolean {
  const bare = name.startsWith('core::') ? name.slice(6) : name;
  return builtinFunctions.has(bare) || SPECIAL_FUNCTIONS.has(bare);
}

/**
 * Call a built-in. Returns `undefined` when the function is not implemented here, so the caller
 * can report it once and use an unknown.
 */
export function callBuiltin(name: string, args: readonly Val[], ctx: FunctionContext): Val | undefined {
  const bare = name.startsWith('core::') ? name.slice(6) : name;
  const spec = builtinFunctions.get(bare);
  if (!spec) return undefined;
  if (args.length < spec.min || args.length > spec.max) {
    const expected = spec.min === spec.max ? `${spec.min}` : spec.max === Infinity ? `at least ${spec.min}` : `${spec.min} to ${spec.max}`;
    throw new EvalError(`${bare}() takes ${expected} argument${spec.min === 1 && spec.max === 1 ? '' : 's'}, got ${args.length}.`, undefined, 'eval/arguments');
  }
  // Before anything walks the arguments (hasUnk below, the function itself): a value past the size
  // budget is refused, and the walk is charged to the scan's work budget (issue 12).
  let work = 0;
  for (const a of args) {
    if (a === null || typeof a === 'boolean' || typeof a === 'number') continue;
    checkValueSize(a, ctx.budget);
    work += valueSize(a);
  }
  if (!CONSTANT_WORK.has(bare)) chargeWork(work, ctx.budget);
  // An unknown of a known type that no parameter of this one takes: refused as Terraform does (param-types.ts).
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a instanceof Unk && a.type !== undefined) checkTypedArgument(bare, i, a.type);
  }
  if (LIST_PARAMETERS.has(bare)) for (const a of args) if (setOfUnknownLength(a)) return unknownSetLength(a);
  if (!spec.allowUnknown) {
    for (const a of args) {
      if (!(a instanceof Unk) && !(spec.deepUnknown && hasUnk(a))) continue;
      const partial = spec.partial?.(args, ctx);
      if (partial !== undefined) return partial;
      // Told as the first unknown argument, as Terraform's plan would show; every unknown of the
      // arguments is a part of the result (a digest beside a secret), for rules that ask what it holds.
      const u = unknownOfParts(unknownsIn(args, [a instanceof Unk ? a : (firstUnk(a) ?? unk('unknown'))]));
      // A string argument's known text is the result's only where the function gives that text back
      // (tostring) or lowers it (the "${unknown}" marker is lower case): trimspace(" ${u} ") does not
      // start with " ", split() of it is no string (concat() refused it: terraform plan 1.11.4 has
      // `concat(["a"], split(",", "p-${u}"))` unknown), upper() of it is no longer that text.
      const result = typeof u.partial !== 'string' || bare === 'tostring' ? u : new Unk(u.cause, bare === 'lower' ? u.partial.toLowerCase() : undefined);
      return withResultType(bare, args, refinedResult(bare, args, result));
    }
  }
  try {
    const result = spec.fn(args, ctx);
    // The function's own unknown result where it was given an unknown (not an unknown element it gave back from a known list).
    // Or of no argument: uuid() and timestamp() are unknown until apply (refined as never null).
    if (result instanceof Unk) return withResultType(bare, args, args.length === 0 || args.some((x) => x instanceof Unk) ? refinedResult(bare, args, result) : result);
    // A string result in NFC, as cty.StringVal makes every one (base64decode of a decomposed "é").
    return checkValueSize(typeof result === 'string' ? nfc(result) : result, ctx.budget);
  } catch (e) {
    if (e instanceof UnknownArgument) return withResultType(bare, args, refinedResult(bare, args, unknownOfParts(unknownsIn(args, [e.unknown]))));
    if (e instanceof EvalError) throw e;
    if (e instanceof RangeError) throw new EvalError(`${bare}(): ${e.message}`, undefined, 'eval/budget');
    throw new EvalError(`${bare}(): ${(e as Error).message}`);
  }
}

/**
 * Built-ins whose unknown result Terraform does not refine as never null (cty's functions without a
 * RefineResult, or of a result type not known before the values are): terraform console -plan
 * 1.11.4 gives `f(terraform_data.u.output) == null` unknown for each, and false for every other
 * built-in, `tostring(terraform_data.u.id) == null` unknown though the id is never null.
 */
const NOT_REFINED = new Set([
  'coalescelist', 'csvdecode', 'element', 'flatten', 'jsondecode', 'lookup', 'one', 'strcontains', 'timeadd', 'tobool', 'tolist', 'tomap',
  'tonumber', 'toset', 'tostring', 'yamldecode', 'yamlencode', 'zipmap', 'templatefile',
]);

/** Built-ins that give their argument back as it is, refinements and all (nonsensitive(terraform_data.u.id) == null is false). */
const PASS_THROUGH = new Set(['nonsensitive', 'ephemeralasnull']);

/** Built-ins whose result type Terraform works out from the arguments' and may not settle (merge() of an unknown map and an object): refined only where result-types.ts settles it. */
const TYPED_BY_ARGUMENTS = new Set(['merge', 'concat']);

/**
 * A function's unknown result as Terraform refines it: never null where the function refines it and
 * its type is known, which needs every argument's type (an argument of a type not known there, as
 * jsondecode's result, makes the result of unknown type, which takes no refinement: terraform
 * console -plan 1.11.4 has `contains(jsondecode(terraform_data.u.output), "a") == null` unknown and
 * `merge(terraform_data.o.output, { size = 1 }) == null` false). Here an unknown argument's type is
 * known when it is typed or has known text (a template's, a string); a null's is not.
 */
function refinedResult(name: string, args: readonly Val[], result: Unk): Unk {
  if (PASS_THROUGH.has(name)) return result;
  if (NOT_REFINED.has(name)) return result.withNotNull(false);
  if (result.notNull) return result;
  for (const a of args) if (a === null || (a instanceof Unk && a.type === undefined && typeof a.partial !== 'string')) return result;
  if (TYPED_BY_ARGUMENTS.has(name) && resultType(name, args) === undefined) return result;
  return result.withNotNull(true);
}

/**
 * An unknown result with the type Terraform gives it, where result-types.ts works it out; else
 * without a type, as a new unknown where it had one: a function that gives back an argument
 * (concat() of one unknown list) must not pass on that argument's type as its own.
 */
function withResultType(name: string, args: readonly Val[], result: Unk): Unk {
  const type = resultType(name, args);
  return type === undefined ? untyped(result) : typedResult(result, type, name);
}

export type { FunctionContext, Budget } from './args.js';
export { defaultBudget } from './args.js';
