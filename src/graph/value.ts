// The evaluator's internal values. Terraform distinguishes list, tuple and set, map and object, and
// propagates unknowns through every operation; rules only see `Plain` (model/value.ts), so these
// types stay inside src/graph and convert at the edge with `toPlain`.
import { UNKNOWN_TEXT, unknownValue, isUnknown, type Plain } from '../model/value.js';
import { combinedCause, describeCause, textCause, type UnknownCause } from '../model/unknown-cause.js';
import { formatNumber } from './number-format.js';
import type { TypeSpec } from './types.js';
import { QUOTED_TEXT, maskQuotedSecrets } from '../detectors/mask.js';
import { nfc } from '../util/nfc.js';
import { STRING } from './primitive-types.js';

export { nfc } from '../util/nfc.js';

export { UNKNOWN_TEXT } from '../model/value.js';

/** A value known only at apply time. */
export class Unk {
  /** toPlain's result, kept on the value (values are immutable; a field is cheaper than a WeakMap). */
  plain: Plain | undefined = undefined;

  /** Why it is unknown: a text (most unknowns: nothing to tell apart) or a cause rules read (model/unknown-cause.ts). */
  private why: string | UnknownCause;

  constructor(
    why: string | UnknownCause,
    /** The known structure behind an unknown encoding (see model/value.ts Unknown.partial). */
    readonly partial?: Val,
    /** Known not to be null; undefined: where it has known text (see notNull). */
    private readonly nonNull?: boolean,
    /**
     * The prefix Terraform refines this unknown string by (a template's, templateRefinement; jsonencode's
     * "{" or "["): undefined where the unknown is no string so refined. See stringMayEqual.
     */
    readonly templatePrefix?: string,
    /**
     * The type Terraform knows the value has (cty's typed unknown): a variable declared
     * `type = object({ name = string })` with no value is an unknown object with that attribute, so
     * `var.cfg.nme` is an error at validate time, length(var.cfg) is 1. Undefined where the type is
     * not known here (never `any`). Kept only where Terraform keeps it (attribute and index steps,
     * typed-unknowns.test.ts); every other operation gives an unknown without it (untyped).
     */
    readonly type?: TypeSpec,
    /**
     * The bounds Terraform refines this unknown number by: a conditional's on an apply-time
     * condition between two numbers (see NumberRange). Only comparisons read it; any other
     * operation (arithmetic, a function) gives an unknown without it, as Terraform 1.11.4 does.
     */
    readonly range?: NumberRange,
  ) {
    this.why = why;
  }

  /** This unknown with another type (undefined: none), its cause and refinements kept. */
  withType(type: TypeSpec | undefined): Unk {
    return new Unk(this.why, this.partial, this.nonNull, this.templatePrefix, type, this.range);
  }

  /** This unknown known never to be null, or not known so (Terraform's refinement of a function's result: functions/index.ts). */
  withNotNull(notNull: boolean): Unk {
    return this.notNull === notNull ? this : new Unk(this.why, this.partial, notNull, this.templatePrefix, this.type, this.range);
  }

  /** This unknown without its number range: what an operation on it gives (a sum, a function's result). */
  withoutRange(): Unk {
    return this.range === undefined ? this : new Unk(this.why, this.partial, this.nonNull, this.templatePrefix, this.type);
  }

  /** A part of this typed unknown (an attribute, an element) of type `type`: the same cause, nothing else known. */
  part(type: TypeSpec): Unk {
    // The cause as data, shared: two parts of one value (`"${var.cfg.a}${var.cfg.b}"`) are one cause, not two texts.
    return new Unk(this.cause, undefined, false, undefined, type.kind === 'any' ? undefined : type);
  }

  /** Why it is unknown, for messages: derived from the cause. */
  get reason(): string {
    return typeof this.why === 'string' ? this.why : describeCause(this.why);
  }

  /** Why it is unknown, as data; a text-only cause for unknowns made from a text. */
  get cause(): UnknownCause {
    if (typeof this.why === 'string') this.why = textCause(this.why);
    return this.why;
  }

  /**
   * The cause when a rule may read it: what toPlain hands to rules. Not a 'text' one (the text is
   * all there is), nor a function's own ('function': the evaluator's alone, for one-way calls).
   */
  get structuredCause(): UnknownCause | undefined {
    return typeof this.why === 'string' || this.why.kind === 'text' || this.why.kind === 'function' ? undefined : this.why;
  }

  /** Known not to be null: it has known text, or it is an attribute every instance has (an id, an ARN). */
  get notNull(): boolean {
    return this.nonNull ?? typeof this.partial === 'string';
  }
}

/**
 * Bounds of an unknown number (cty's number range refinement): `lo` to `hi`, each included or not.
 * HCL gives a conditional on an unknown condition the bounds of both results (terraform plan
 * 1.11.4: `(u ? 1 : 2) > 10` is false, `(u ? 1 : 2) == 5` false, `(u ? 1 : 2) > 1` unknown).
 */
export interface NumberRange {
  readonly lo: number;
  readonly loInc: boolean;
  readonly hi: number;
  readonly hiInc: boolean;
}

/** A list, tuple or set. Sets hold distinct items (strings and numbers sorted, as Terraform does). */
export class ListV {
  /** toPlain's result (see Unk.plain). */
  plain: Plain | undefined = undefined;
  /** valueSize's result, kept on the value as plain is. */
  size: number | undefined = undefined;

  constructor(
    readonly items: readonly Val[],
    readonly kind: 'tuple' | 'list' | 'set' = 'tuple',
  ) {}
}

/**
 * An object or map; keys are kept in lexical order (Terraform iterates maps and objects that way).
 * `open` is set on resource objects: an attribute not written in the configuration is computed by
 * the provider, so reading it yields an unknown with that reason instead of an error.
 */
export class ObjV {
  /** toPlain's result (see Unk.plain). */
  plain: Plain | undefined = undefined;
  /** valueSize's result, kept on the value as plain is. */
  size: number | undefined = undefined;

  constructor(
    readonly attrs: ReadonlyMap<string, Val>,
    readonly kind: 'object' | 'map' = 'object',
    readonly open?: string,
  ) {}
}

export type Val = null | boolean | number | string | Unk | ListV | ObjV;

/**
 * The code of a failure that is this evaluator's, not the configuration's: a regular expression
 * JavaScript's engine cannot run (it is not RE2: `(?i:…)`, a flag mid-pattern), a text encoding it lacks. A
 * warning, and try() and can() give an unknown for it, not the fallback or false, as Terraform may
 * well succeed.
 */
export const EVALUATOR_GAP = 'eval/unsupported';

/**
 * An attribute read on a resource with count or for_each, not on one instance: Terraform refuses it
 * before it evaluates anything, so try() does not hide it (evaluate.ts isStaticError).
 */
export const MISSING_INSTANCE_KEY = 'eval/missing-instance-key';

/**
 * An instance key on a resource with neither count nor for_each (`aws_kms_key.k[0]`):
 * Terraform refuses it before it evaluates anything ("Unexpected resource instance key"), as above.
 */
export const UNEXPECTED_INSTANCE_KEY = 'eval/unexpected-instance-key';

/**
 * A function refusing a list for its length alone, where the list is a resource's instances (or a
 * splat over them) and the count or for_each is known: `one(aws_x.y[*].id)` of two instances. The
 * number of instances is the configuration's, not a value we may see only in part, so it is an
 * error (as eval/instance-key is), but still one of values: a warning in an instance the scan assumes.
 */
export const INSTANCE_COUNT = 'eval/instance-count';

/**
 * How sure we are that an evaluation error means Terraform rejects the configuration too. Errors
 * Terraform reports at validate time (a reference to something undeclared, a wrong number of
 * function arguments, a value of the wrong type) are errors: the configuration is invalid, so
 * the scan cannot vouch for it, and so is any failure on values of the configuration alone.
 * A failure on values read from resources or modules may be a gap of ours (a provider-computed
 * attribute we see as null, an index into a list we cannot fully know) and stays a warning;
 * functions we do not implement are info (context.ts).
 */
export function evalErrorSeverity(code: string, fromConfigurationOnly = false): 'error' | 'warning' {
  // eval/budget: values past the budget are unknown, so what depends on them is unverified (issue 12).
  if (code === 'eval/unknown-reference' || code === 'eval/arguments' || code === 'eval/type' || code === 'eval/budget' || code === 'eval/instance-key' || code === INSTANCE_COUNT || code === MISSING_INSTANCE_KEY || code === UNEXPECTED_INSTANCE_KEY) return 'error';
  // A failure on values read from the configuration alone (literals, variables, locals; no resource,
  // data source or module output) is no gap of ours: Terraform fails the same way (checked against
  // terraform plan 1.11: an index out of range, a function refusing its argument). Not eval/file: a
  // file the scan could not read (binary, past --max-file-bytes) may be one Terraform reads.
  return code === 'eval/error' || code === 'eval/index' ? severityByOrigin(fromConfigurationOnly) : 'warning';
}

/**
 * What Terraform refuses, known from the configuration alone (literals, variables, locals), is an
 * error; read from a resource, data source or module output, whose value or type we may see only in
 * part (a set attribute written as a list), it is a warning. `fromConfigurationOnly`: the trace
 * recorded no reference to any (Trace.readsConfigurationOnly).
 */
export function severityByOrigin(fromConfigurationOnly: boolean): 'error' | 'warning' {
  return fromConfigurationOnly ? 'error' : 'warning';
}

/**
 * An error in an expression; the evaluator turns it into a diagnostic at the node's range.
 * EvalErrors are control flow (try(), can(), `x[0]` of an empty resource list in real modules),
 * thrown thousands of times per scan, so they are plain objects, not Errors: constructing an
 * Error (even with no stack trace) is a call into the runtime that cost more than the evaluation
 * that throws it, and the range already says where it happened. Every thrower and catcher in
 * src/graph knows the class; one escaping the evaluator still has a message (index.ts reports it).
 */
export class EvalError {
  readonly name = 'EvalError';

  constructor(
    readonly message: string,
    readonly range: { readonly start: number; readonly end: number } | undefined = undefined,
    readonly code = 'eval/error',
  ) {}

  /** Not an Error (constructing one costs a runtime call per throw); should one ever escape the evaluator, it still reads as one. */
  toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

/**
 * An error message fit to print: messages quote the value they could not use (`cannot convert "…"
 * to a number`), so every quoted text is replaced when the value is sensitive (or read through a
 * name that says it is a secret: secret-names.ts), and one that looks like a secret or PHI is
 * replaced whatever its variable. Safeguard never prints a secret, in a diagnostic either.
 */
export function withoutValues(message: string, sensitive: boolean): string {
  if (!sensitive) return maskQuotedSecrets(message);
  return message.includes('"') ? message.replace(QUOTED_TEXT, '(a sensitive value)') : message;
}

export function unk(why: string | UnknownCause): Unk {
  return new Unk(why);
}

/** Unknowns a function gave with the type Terraform's function gives its result (functions/result-types.ts), by the function's name. */
const typedResults = new WeakMap<Unk, string>();

/** `u` as the result of function `fn`, whose result Terraform types `type`: the evaluator keeps that type (typedBy). */
export function typedResult(u: Unk, type: TypeSpec, fn: string): Unk {
  if (type.kind === 'any') return untyped(u);
  const t = u.withType(type);
  typedResults.set(t, fn);
  return t;
}

/** The kind of collection an unknown of no type known here is (a conditional's between two objects, or two tuples): its jsonencode's first character. */
const jsonShapes = new WeakMap<Unk, '{' | '['>();

/** `u` known to be an object or map ("{"), or a tuple, list or set ("["), of no type known here (evaluate.ts unknownBranch). */
export function withJsonShape(u: Unk, shape: '{' | '['): Unk {
  jsonShapes.set(u, shape);
  return u;
}

/** The kind withJsonShape gave `u`; undefined where none was. */
export function jsonShape(u: Unk): '{' | '[' | undefined {
  return jsonShapes.get(u);
}

/** The bounds of an unknown collection's length (a conditional's on an apply-time condition between two collections of one type). */
const lengthRanges = new WeakMap<Unk, NumberRange>();

/** `u` a collection whose length is within `r` (evaluate.ts unknownBranch); length() of it is within `r` too, known where `r` is one number. */
export function withLengthRange(u: Unk, r: NumberRange): Unk {
  lengthRanges.set(u, r);
  return u;
}

/** The bounds withLengthRange gave `u`'s length; undefined where none were. */
export function lengthRange(u: Unk): NumberRange | undefined {
  return lengthRanges.get(u);
}

/**
 * The function whose typed result `u` is (typedResult): a call keeps its result's type only when it
 * made it, not when it gives back an argument's (coalesce(concat(...)...) of an unknown list, can()).
 */
export function typedBy(u: Unk): string | undefined {
  return typedResults.get(u);
}

/**
 * The unknown result of an operator, of the type Terraform gives it whatever the operands' (a
 * comparison, !, && and || a bool, arithmetic a number) and never null, told by the operand's
 * cause (terraform plan 1.11.4: `flatten([terraform_data.u.id != "", ["f"]])` is [unknown, "f"], the
 * unknown a bool, no list to flatten; `(terraform_data.u.output + 1) == null` is false).
 */
export function operatorResult(u: Unk, type: TypeSpec): Unk {
  return new Unk(u.cause, undefined, true, undefined, type);
}

/** The unknown without its type: the result of an operation whose type Terraform gives otherwise (or is not worked out here). */
export function untyped(u: Unk): Unk {
  return u.type === undefined ? u : u.withType(undefined);
}

/** Copies of collections made without their unknowns' types (withoutTypes), once per collection. */
const untypedCopies = new WeakMap<ListV | ObjV, ListV | ObjV>();

/**
 * The value with no typed unknown anywhere in it: a resource's argument as its attribute, which the
 * provider's schema converts to its own type (`tags = var.obj` is a map there, not that object).
 */
export function withoutTypes(v: Val): Val {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Unk) return untyped(v);
  let out = untypedCopies.get(v);
  if (out === undefined) {
    out = copyWithoutTypes(v);
    untypedCopies.set(v, out);
  }
  return out;
}

function copyWithoutTypes(v: ListV | ObjV): ListV | ObjV {
  if (v instanceof ListV) {
    let items: Val[] | undefined;
    for (let i = 0; i < v.items.length; i++) {
      const x = v.items[i]!;
      const y = x !== null && typeof x === 'object' ? withoutTypes(x) : x;
      if (y !== x) (items ??= v.items.slice())[i] = y;
    }
    return items === undefined ? v : new ListV(items, v.kind);
  }
  let attrs: Map<string, Val> | undefined;
  v.attrs.forEach((x, k) => {
    const y = x !== null && typeof x === 'object' ? withoutTypes(x) : x;
    if (y !== x) (attrs ??= new Map(v.attrs)).set(k, y);
  });
  return attrs === undefined ? v : new ObjV(attrs, v.kind, v.open);
}

/** An unknown converted to a primitive type: its type kept when it is that one. */
function asPrimitive(u: Unk, kind: 'string' | 'number' | 'bool'): Unk {
  return u.type === undefined || u.type.kind === kind ? u : u.withType(undefined);
}

/** Resource types whose id is their ARN (the AWS provider sets it so): a policy naming `aws_sns_topic.t.id` names one topic. */
const ARN_IDS = new Set([
  'aws_iam_policy', 'aws_iam_saml_provider', 'aws_iam_openid_connect_provider', 'aws_sns_topic', 'aws_lb', 'aws_alb', 'aws_lb_listener',
  'aws_alb_listener', 'aws_lb_target_group', 'aws_alb_target_group', 'aws_lb_listener_rule', 'aws_acm_certificate', 'aws_acmpca_certificate_authority',
  'aws_sfn_state_machine', 'aws_cloudtrail_event_data_store', 'aws_networkfirewall_firewall', 'aws_networkfirewall_firewall_policy',
]);

/**
 * A provider-computed attribute. One named `arn` or `…_arn` is an ARN whatever its value, so its
 * known text is "arn:${unknown}": a policy naming `aws_kms_key.k.arn` names one resource, not "*".
 * That text is for rules: Terraform does not know it, nor that the value is not null, unless the
 * provider refines it so (`notNull`: terraform_data's id; a data source read at plan has its values).
 * The AWS provider does not (terraform plan 1.11.4, provider 5.100: `aws_kms_key.k.arn != null` and
 * `aws_kms_key.k.id != null` are unknown, and `count = aws_kms_key.k.arn != null ? 1 : 0` is refused).
 */
export function computedUnknown(why: string | UnknownCause, attribute: string, type?: string, notNull = false): Unk {
  // A resource's id is a string in every provider's schema (terraform_data's too): Terraform knows
  // that type at plan, so `values(terraform_data.r)[*].id[0]` is refused there ("This value does not
  // have any indices": try() gives its fallback, terraform plan 1.11.4), and flatten() keeps it as one
  // element. An ARN is a string too; other attributes' types are the provider's, unknown here.
  if (attribute.endsWith('arn') && (attribute.length === 3 || attribute.endsWith('_arn'))) return new Unk(why, ARN_TEXT, notNull, undefined, STRING);
  if (attribute === 'id' && type !== undefined && ARN_IDS.has(type)) return new Unk(why, ARN_TEXT, notNull, undefined, STRING);
  return attribute === 'id' ? new Unk(why, undefined, notNull, undefined, STRING) : new Unk(why);
}

/** Resource objects (an open ObjV) whose computed id and ARN Terraform knows are not null (computedUnknown's notNull). */
const computedNotNull = new WeakSet<ObjV>();

/** Marks a resource object's computed id and ARN as not null (see computedUnknown). */
export function markComputedNotNull(o: ObjV): void {
  computedNotNull.add(o);
}

/** A resource type's whole schema, known without its provider (builtin-schema.ts: terraform_data's). */
export interface ClosedSchema {
  /** Every argument and attribute the type has. */
  readonly names: readonly string[];
  /** Terraform's refusal of any other name, as a message. */
  readonly unsupported: (name: string) => string;
}

/** Resource objects (an open ObjV) whose type's schema is known whole: reading a name it lacks is refused (getAttr). */
const closedSchemas = new WeakMap<ObjV, ClosedSchema>();

/**
 * Marks a resource object as one of a type whose schema is known whole. Its attributes not written
 * are still the provider's (unknown), but one the type has not is an error whatever the values, as
 * Terraform reads the object's type at plan (`terraform_data.c[*].idd`, `[for r in terraform_data.c : r.idd]`).
 */
export function markClosedSchema(o: ObjV, schema: ClosedSchema): void {
  closedSchemas.set(o, schema);
}

/** An attribute of an open resource object that the configuration does not write: computed by the provider. */
export function openAttribute(o: ObjV, name: string): Unk {
  return computedUnknown(o.open!, name, undefined, computedNotNull.has(o));
}

const ARN_TEXT = `arn:${UNKNOWN_TEXT}`;

/**
 * What walking the whole value costs (jsonencode, flatten, ==, a set's keys, a rule reading it): one
 * per value, plus the characters of its strings and keys, counting a shared part each time it occurs.
 * Values share their parts, so a value made in a few cheap steps can be exponentially large to walk:
 * `l2 = [for a in local.l1 : [for b in local.l1 : local.l1]]`, four levels of it, is 10^9 numbers
 * held in a few hundred arrays, and walking it crashed the scan (issue 12). Kept on each collection,
 * so this is linear in the collections actually made.
 */
export function valueSize(v: Val): number {
  if (v === null || typeof v !== 'object') return typeof v === 'string' ? 1 + v.length : 1;
  if (v instanceof Unk) return v.partial === undefined ? 1 : 1 + valueSize(v.partial);
  if (v.size !== undefined) return v.size;
  let n = 1;
  if (v instanceof ListV) {
    const items = v.items;
    for (let i = 0; i < items.length; i++) {
      const x = items[i]!;
      // Strings and scalars inline: this runs on every collection the evaluator makes.
      n += typeof x === 'string' ? 1 + x.length : x === null || typeof x !== 'object' ? 1 : valueSize(x);
    }
  } else {
    // forEach, not `for (const [k, x] of …)`, which allocates an entry array per attribute.
    v.attrs.forEach((x, k) => {
      n += k.length + (typeof x === 'string' ? 1 + x.length : x === null || typeof x !== 'object' ? 1 : valueSize(x));
    });
  }
  v.size = n;
  return n;
}

export function isUnk(v: Val): v is Unk {
  return v instanceof Unk;
}

/** A collection or scalar that contains an unknown anywhere inside. */
export function hasUnk(v: Val): boolean {
  if (v instanceof Unk) return true;
  if (v instanceof ListV) return v.items.some(hasUnk);
  if (v instanceof ObjV) {
    for (const x of v.attrs.values()) if (hasUnk(x)) return true;
  }
  return false;
}

/**
 * A set whose number of elements is not known at plan time: one holding an unknown (anywhere
 * inside an element) beside other elements, as that element may turn out equal to another and the
 * two be one (cty: a set's length is known only when it is wholly known or holds one element).
 * terraform plan 1.11.4 shows length(toset(["b", terraform_data.u.output])) as unknown, and
 * tolist() of it, and so what converts it to a list (sort, distinct, join...), as unknown too;
 * iterating it (`for`, a splat) gives the elements as they are.
 */
export function setOfUnknownLength(v: Val): v is ListV {
  return v instanceof ListV && v.kind === 'set' && v.items.length > 1 && v.items.some(hasUnk);
}

/** The unknown a set of unknown length becomes where it is converted to a list or counted. */
export function unknownSetLength(v: ListV): Unk {
  // A list, not null, told as its first unknown element, but not with that element's known text: a
  // string's text on a list made concat() take it for a string (terraform plan 1.11.4:
  // `concat(["a"], tolist(toset(["p-${u}", u])))` is unknown, no error).
  const u = unknownOfParts(unknownsIn(v.items));
  return u.partial === undefined && u.templatePrefix === undefined ? u : new Unk(u.cause, undefined, u.notNull);
}

/** The first unknown inside a value, for its reason. */
export function firstUnk(v: Val): Unk | undefined {
  if (v instanceof Unk) return v;
  if (v instanceof ListV) {
    for (const x of v.items) {
      const u = firstUnk(x);
      if (u) return u;
    }
  } else if (v instanceof ObjV) {
    for (const x of v.attrs.values()) {
      const u = firstUnk(x);
      if (u) return u;
    }
  }
  return undefined;
}

/**
 * At most this many unknowns are gathered for one value made of several (a join of a long list),
 * and at most MAX_VISITS values looked at: their causes are for rules, and a call with an unknown
 * argument inside a loop must not walk a long list every time.
 */
const MAX_PARTS = 16;
const MAX_VISITS = 4096;

/** The unknowns inside values, in order, within MAX_PARTS and MAX_VISITS (an unknown's known structure is not walked). */
export function unknownsIn(values: readonly Val[], out: Unk[] = []): Unk[] {
  const visits = { left: MAX_VISITS };
  collectUnknowns(values, out, visits);
  return out;
}

function collectUnknowns(values: Iterable<Val>, out: Unk[], visits: { left: number }): void {
  for (const v of values) {
    if (out.length >= MAX_PARTS || --visits.left < 0) return;
    if (v instanceof Unk) {
      if (!out.includes(v)) out.push(v);
    } else if (v instanceof ListV) collectUnknowns(v.items, out, visits);
    else if (v instanceof ObjV) collectUnknowns(v.attrs.values(), out, visits);
  }
}

/** The cause of a value made of these unknowns (UnknownCause 'parts', told as the first). */
export function causeOfParts(parts: readonly Unk[]): UnknownCause {
  return parts.length === 1 ? parts[0]!.cause : combinedCause(parts.map((u) => u.cause));
}

/**
 * The unknown a value made of several apply-time parts is: the first itself when it is the only one
 * (as it always was), else one told as the first (its text, known structure and null-ness) whose
 * cause holds every part's, so that a secret beside a digest is still seen.
 */
export function unknownOfParts(parts: readonly Unk[]): Unk {
  const first = parts[0]!;
  const distinct = parts.filter((u, i) => parts.indexOf(u) === i);
  return distinct.length === 1 ? first : new Unk(causeOfParts(distinct), first.partial, first.notNull);
}

export function tuple(items: readonly Val[]): ListV {
  return new ListV(items, 'tuple');
}

export function list(items: readonly Val[]): ListV {
  return new ListV(items, 'list');
}

/**
 * Strings in code point order, as Go compares them (by UTF-8 bytes) for object keys, map keys, sets
 * and sort(): JavaScript's < compares UTF-16 code units, which puts an emoji before U+FFFF
 * (terraform console 1.11.4: keys({ "\uffff" = 0, "😀" = 1 }) is ["\uffff", "😀"]).
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  // One walk to the first unit that differs: JavaScript's `<` orders by UTF-16 units, which differs
  // from code point order only where that unit is a surrogate against one of U+E000 to U+FFFF.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 || y < 0xd800) return x - y;
    // Surrogates (a code point past U+FFFF) after U+E000 to U+FFFF.
    return (x >= 0xe000 ? x - 0x800 : x + 0x2000) - (y >= 0xe000 ? y - 0x800 : y + 0x2000);
  }
  return a.length - b.length;
}

/** An object (or map) from entries; later duplicates win; keys sorted lexically. */
export function obj(entries: Iterable<readonly [string, Val]>, kind: 'object' | 'map' = 'object'): ObjV {
  const raw = new Map<string, Val>();
  // Usually written (or built) in order already: then the map is the object, with no key list to check.
  let ascending = true;
  let prev: string | undefined;
  for (const [k, v] of entries) {
    if (ascending && prev !== undefined && compareKeys(prev, k) >= 0) ascending = false;
    raw.set(k, v);
    prev = k;
  }
  if (ascending) return new ObjV(raw, kind);
  const keys = [...raw.keys()];
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    if (compareKeys(keys[i - 1]!, keys[i]!) > 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return new ObjV(raw, kind);
  keys.sort(compareKeys);
  return new ObjV(new Map(keys.map((k) => [k, raw.get(k)!])), kind);
}

/** A set: distinct items, strings/numbers sorted as Terraform orders them. */
export function set(items: readonly Val[]): ListV {
  const seen = new Set<string>();
  const out: Val[] = [];
  for (const item of items) {
    const key = item instanceof Unk ? `?${out.length}` : valueKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  // A null (one at most, being distinct) comes after the known values, which are sorted all the
  // same: toset([1, null, 2]) is [1, 2, null] (terraform console 1.11.4).
  const nullAt = out.indexOf(null);
  if (nullAt !== -1) out.splice(nullAt, 1);
  // Unknown elements come after the known ones, which are sorted all the same: toset(["z", unknown,
  // "a"]) is ["a", "z", unknown] (terraform plan 1.11.4).
  const unknowns = out.some((x) => x instanceof Unk) ? out.filter((x) => x instanceof Unk) : [];
  const sorted = unknowns.length === 0 ? out : out.filter((x) => !(x instanceof Unk));
  if (sorted.every((x) => typeof x === 'string')) (sorted as string[]).sort(compareKeys);
  else if (sorted.every((x) => typeof x === 'number')) (sorted as number[]).sort((a, b) => a - b);
  else if (sorted.every((x) => typeof x === 'boolean')) (sorted as boolean[]).sort((a, b) => Number(a) - Number(b)); // false first, as Terraform
  else if (sorted.length > 1 && sorted.every((x) => x instanceof ListV || x instanceof ObjV)) sortBySetHash(sorted);
  if (unknowns.length > 0) sorted.push(...unknowns);
  if (nullAt !== -1) sorted.push(null);
  return new ListV(sorted, 'set');
}

/**
 * Collections in a set in cty's order for them: by the bytes of their set hash (cty's setRules.Less,
 * "a default consistent-but-undefined ordering"), which Terraform's plan shows. terraform plan
 * 1.11.4: toset([{ name = "o1", v = 1 }, { name = "o2", v = 2 }, { name = "o0", v = 1 }]) iterates
 * o0, o1, o2, and a number field orders by its text ("10" before "2").
 */
function sortBySetHash(items: Val[]): void {
  const keyed = items.map((v) => ({ v, k: setHash(v) }));
  keyed.sort((a, b) => compareKeys(a.k, b.k));
  for (let i = 0; i < keyed.length; i++) items[i] = keyed[i]!.v;
}

/** cty's appendSetHashBytes: `~` null, `?` unknown, strings quoted, numbers as big.Float's String (%g, ten digits), T/F, `[a;b;]` lists and sets, `<a;b;>` objects (by attribute name) and tuples, `{k:v;}` maps. */
function setHash(v: Val): string {
  if (v === null) return '~';
  if (v instanceof Unk) return '?';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return goFloatText(v);
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  let out = '';
  if (v instanceof ListV) {
    for (const x of v.items) out += `${setHash(x)};`;
    return v.kind === 'tuple' ? `<${out}>` : `[${out}]`;
  }
  // An ObjV's keys are in sorted order already (obj()).
  if (v.kind === 'map') {
    for (const [k, x] of v.attrs) out += `${JSON.stringify(k)}:${setHash(x)};`;
    return `{${out}}`;
  }
  for (const x of v.attrs.values()) out += `${setHash(x)};`;
  return `<${out}>`;
}

/** Go's big.Float String(): %g with ten significant digits (1e+10, 1.5, 1e-05). */
function goFloatText(n: number): string {
  if (n === 0 || !Number.isFinite(n)) return n === 0 ? '0' : String(n);
  const [mantissa, e] = n.toExponential(9).split('e') as [string, string];
  const exp = Number(e);
  const digits = mantissa.replace('-', '').replace('.', '').replace(/0+$/, '');
  const sign = n < 0 ? '-' : '';
  if (exp < -4 || exp >= 10) return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const fraction = digits.slice(exp + 1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** A canonical string for equality and set membership (unknowns never equal anything). */
export function valueKey(v: Val): string {
  if (v === null) return 'n';
  switch (typeof v) {
    case 'boolean':
      return v ? 't' : 'f';
    case 'number':
      return `#${v}`;
    case 'string':
      return `s${JSON.stringify(v)}`;
    default:
      break;
  }
  if (v instanceof Unk) return '?';
  if (v instanceof ListV) return `[${v.items.map(valueKey).join(',')}]`;
  return `{${[...v.attrs].map(([k, x]) => `${JSON.stringify(k)}:${valueKey(x)}`).join(',')}}`;
}

export function typeName(v: Val): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (v instanceof Unk) return 'unknown';
  if (v instanceof ListV) return v.kind;
  return v.kind;
}

export { formatNumber } from './number-format.js';

/** Convert to string as Terraform's automatic conversion does; Unk stays Unk. */
export function toStr(v: Val, what = 'value'): string | Unk {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Unk) return v.type === undefined ? v : asPrimitive(v, 'string');
  if (v === null) throw new EvalError(`Invalid ${what}: a null value cannot be used as a string.`);
  throw new EvalError(`Invalid ${what}: a string is required, got ${typeName(v)}.`, undefined, 'eval/type');
}

/** The unknown as one of another type: a template's prefix refinement says nothing of a number or bool made of it. */
export function notTemplate(u: Unk): Unk {
  return u.templatePrefix === undefined ? u : new Unk(u.cause, u.partial, u.notNull);
}

/**
 * A key's unknown told as the value found under it (`m["x${u}"]`, lookup(m, u, d)): the value is none
 * of the key's text, so neither its known text nor its prefix is kept.
 */
export function foundByUnknownKey(key: Unk): Unk {
  return key.partial === undefined && key.templatePrefix === undefined ? key : new Unk(key.cause);
}

export function toNum(v: Val, what = 'value'): number | Unk {
  if (typeof v === 'number') return v;
  if (v instanceof Unk) return v.type === undefined ? notTemplate(v) : asPrimitive(notTemplate(v), 'number');
  if (typeof v === 'string') {
    const t = v.trim();
    // Go's big.Float parsing, which Terraform's conversion is, takes a leading + too.
    if (t !== '' && t === v && /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
    // It reads "Inf" and "inf" with either sign as infinities too, though not "INF", "Infinity" or "nan"
    // (tonumber("inf") is +Inf, 1 + "-Inf" is -Inf; terraform console 1.11.4).
    if (/^[-+]?[Ii]nf$/.test(v)) return v.startsWith('-') ? -Infinity : Infinity;
    throw new EvalError(`Invalid ${what}: cannot convert "${v}" to a number.`, undefined, 'eval/type');
  }
  if (v === null) throw new EvalError(`Invalid ${what}: a null value cannot be used as a number.`);
  throw new EvalError(`Invalid ${what}: a number is required, got ${typeName(v)}.`, undefined, 'eval/type');
}

export function toBool(v: Val, what = 'value'): boolean | Unk {
  if (typeof v === 'boolean') return v;
  if (v instanceof Unk) return v.type === undefined ? notTemplate(v) : asPrimitive(notTemplate(v), 'bool');
  // Terraform's string to bool conversion also reads "1" and "0" (a tfvars `enabled = "1"`).
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  if (v === null) throw new EvalError(`Invalid ${what}: a null value cannot be used as a bool.`);
  throw new EvalError(`Invalid ${what}: a bool is required, got ${typeName(v)}.`, undefined, 'eval/type');
}

/** Items of a list/tuple/set, or the values of a map/object (for functions that accept both). */
export function itemsOf(v: Val, what = 'value'): readonly Val[] {
  if (v instanceof ListV) return v.items;
  if (v instanceof ObjV) return [...v.attrs.values()];
  throw new EvalError(`Invalid ${what}: a collection is required, got ${typeName(v)}.`);
}

export function listItems(v: Val, what = 'value'): readonly Val[] {
  if (v instanceof ListV) return v.items;
  throw new EvalError(`Invalid ${what}: a list is required, got ${typeName(v)}.`);
}

/** Terraform equality: unknown if either side contains an unknown that matters. */
export function equals(a: Val, b: Val): boolean | Unk {
  // An unknown known not to be null (a template's text, a provider-computed id or ARN) is not null,
  // as Terraform's refinements say: `aws_kms_key.k.arn != null` is true at plan time.
  if (a === null && b instanceof Unk && b.notNull) return false;
  if (b === null && a instanceof Unk && a.notNull) return false;
  if (a instanceof Unk && a.templatePrefix !== undefined && !(b instanceof Unk) && !stringMayEqual(a.templatePrefix, b)) return false;
  if (b instanceof Unk && b.templatePrefix !== undefined && !(a instanceof Unk) && !stringMayEqual(b.templatePrefix, a)) return false;
  if (a instanceof Unk && a.range !== undefined && !numberMayEqual(a.range, b)) return false;
  if (b instanceof Unk && b.range !== undefined && !numberMayEqual(b.range, a)) return false;
  if (a instanceof Unk) return a;
  if (b instanceof Unk) return b;
  if (a === null || b === null) return a === b;
  if (typeof a !== 'object' || typeof b !== 'object') {
    // Terraform converts number/string/bool operands to a common type for == only when types match.
    return typeof a === typeof b && a === b;
  }
  // Values of different types are never equal: a list(string) is not the tuple `[]`, a map(string)
  // not the object `{}` (so `var.cidrs == []` is false for a typed variable, even when empty).
  if (a instanceof ListV && b instanceof ListV) {
    if (a.kind !== b.kind || a.items.length !== b.items.length) return false;
    let unknown: Unk | undefined;
    for (let i = 0; i < a.items.length; i++) {
      const e = equals(a.items[i]!, b.items[i]!);
      if (e === false) return false;
      if (e instanceof Unk) unknown ??= e;
    }
    return unknown ?? true;
  }
  if (a instanceof ObjV && b instanceof ObjV) {
    if (a.kind !== b.kind || a.attrs.size !== b.attrs.size) return false;
    let unknown: Unk | undefined;
    for (const [k, x] of a.attrs) {
      if (!b.attrs.has(k)) return false;
      const e = equals(x, b.attrs.get(k)!);
      if (e === false) return false;
      if (e instanceof Unk) unknown ??= e;
    }
    return unknown ?? true;
  }
  return false;
}

/**
 * Last characters of a template's known text that Terraform keeps in its prefix refinement (terraform
 * plan 1.11.4: `"q${u}" == "q"` is false after each of these, unknown after a letter, a digit, "=", "<",
 * ">", "`", "é"): any other may join what follows (a combining mark, an NFC composition), so Terraform
 * drops it. Only these checked ones are kept; dropping more only leaves a comparison unknown.
 */
const KEPT_LAST = new Set([':', '/', ' ', '.', '_', ',', '@', '(', ']', '~', '^', '\'', '+', '*', '|', '!', '?', '#', ';', '&', '"', '-']);

/**
 * The prefix Terraform refines a template's unknown string by, from the known text before its first
 * unknown part: that text less its last character where that may join what follows (`"ab${u}"` is
 * refined by "a": `== "ax"` is unknown, `== "zz"` false). Cut before any non-ASCII character and the one
 * before it, so the prefix is never longer than Terraform's, whose last grapheme cluster may span them.
 */
export function templateRefinement(text: string): string {
  const wide = text.search(/[^\x00-\x7f]/);
  const prefix = wide < 0 ? text : text.slice(0, Math.max(0, wide - 1));
  return prefix.length > 0 && !KEPT_LAST.has(prefix[prefix.length - 1]!) ? prefix.slice(0, -1) : prefix;
}

/**
 * Whether a string unknown refined by `prefix` may equal the known `v`: not when v is no string
 * (terraform plan 1.11.4: `"a-${u}" == 3` is false), nor when v does not start with the prefix.
 */
function stringMayEqual(prefix: string, v: Val): boolean {
  if (v === null) return true;
  return typeof v === 'string' && v.startsWith(prefix);
}

/**
 * Whether an unknown number within `r` may equal the known `v`: not a number outside the bounds
 * (terraform plan 1.11.4: `(u ? 1 : 2) == 5` is false, `== 1` and `== 1.5` unknown), nor a known
 * value of another type (`(u ? 1 : 2) == "1"` is false: cty's values of two types are never equal).
 */
function numberMayEqual(r: NumberRange, v: Val): boolean {
  if (v === null || v instanceof Unk) return true;
  if (typeof v !== 'number') return false;
  return (v > r.lo || (v === r.lo && r.loInc)) && (v < r.hi || (v === r.hi && r.hiInc));
}

/** No bounds: an unknown number not refined. cty's are infinities, themselves excluded. */
const UNBOUNDED: NumberRange = { lo: -Infinity, loInc: false, hi: Infinity, hiInc: false };

/**
 * A number's bounds as cty gives them (its Range): a known number is both its bounds, an unknown
 * has its refinement's, or none when typed number and not refined; undefined for any value not
 * known to be a number (an untyped unknown, a null, a string).
 */
export function numberRangeOf(v: Val | undefined): NumberRange | undefined {
  if (typeof v === 'number') return { lo: v, loInc: true, hi: v, hiInc: true };
  if (v instanceof Unk) return v.range ?? (v.type?.kind === 'number' ? UNBOUNDED : undefined);
  return undefined;
}

/**
 * The bounds of a conditional's result on an unknown condition, from both results' (HCL's
 * ConditionalExpr: the lower of the lower bounds and the higher of the upper ones, a bound both
 * share included where either includes it).
 */
export function unionRange(t: NumberRange, f: NumberRange): NumberRange {
  const lo = t.lo < f.lo ? t.lo : f.lo;
  const loInc = t.lo < f.lo ? t.loInc : t.lo === f.lo ? t.loInc || f.loInc : f.loInc;
  const hi = t.hi > f.hi ? t.hi : f.hi;
  const hiInc = t.hi > f.hi ? t.hiInc : t.hi === f.hi ? t.hiInc || f.hiInc : f.hiInc;
  return { lo, loInc, hi, hiInc };
}

/**
 * `a < b` (or `a > b`, swapped) of two numbers, one or both unknown within bounds, as cty decides it:
 * true when a's upper bound is below b's lower one, false when a's lower is above b's upper, each
 * compared strictly whatever the bounds include (cty's "treats all bounds as exclusive"); else unknown.
 */
export function rangeLess(a: NumberRange, b: NumberRange): boolean | undefined {
  if (a.hi < b.lo) return true;
  if (a.lo > b.hi) return false;
  return undefined;
}

/**
 * Rules see Plain: sets and tuples become arrays, objects plain records, Unk the model's Unknown.
 * Values are immutable and Plain is readonly, so each value is converted once and the result
 * shared: a variable's map passed to twenty resources is one object, not twenty copies.
 */
export function toPlain(v: Val): Plain {
  if (v === null || typeof v !== 'object') return v;
  const cached = v.plain;
  if (cached !== undefined) return cached;
  let out: Plain;
  if (v instanceof Unk) out = unknownValue(v.reason, v.partial === undefined ? undefined : toPlain(v.partial), v.structuredCause);
  else if (v instanceof ListV) out = v.items.map(toPlain);
  else {
    const record: Record<string, Plain> = {};
    for (const [k, x] of v.attrs) record[k] = toPlain(x);
    out = record;
  }
  v.plain = out;
  return out;
}

export function fromPlain(p: Plain): Val {
  if (p === null || typeof p !== 'object') return p;
  if (Array.isArray(p)) return tuple(p.map(fromPlain));
  if (isUnknown(p)) return unk(p.cause ?? p.reason);
  return obj(Object.entries(p as Record<string, Plain>).map(([k, x]) => [k, fromPlain(x)]));
}

/** A JSON string as Go decodes it: an escaped surrogate not in a pair is U+FFFD ("\ud800" is "\ufffd", terraform console 1.11.4). */
function wellFormed(s: string): string {
  return (s as string & { toWellFormed(): string }).toWellFormed();
}

/** A JSON.parse result as a value (jsondecode), its strings and keys in NFC as Terraform has them. */
export function fromJson(j: unknown): Val {
  if (j === null || j === undefined) return null;
  if (typeof j === 'string') return nfc(wellFormed(j));
  if (typeof j === 'number' || typeof j === 'boolean') return j;
  if (Array.isArray(j)) return tuple(j.map(fromJson));
  if (typeof j === 'object') return obj(Object.entries(j as Record<string, unknown>).map(([k, x]) => [nfc(wellFormed(k)), fromJson(x)]));
  return null;
}

/** Index into a collection with Terraform's rules; Unk keys give Unk. */
export function indexValue(coll: Val, key: Val): Val {
  if (key instanceof Unk) {
    if (key.type !== undefined) checkKeyType(coll, key);
  } else if (coll instanceof Unk && (key instanceof ListV || key instanceof ObjV)) checkKeyType(coll, key);
  if (coll instanceof Unk) return coll.type === undefined ? coll : typedIndex(coll, coll.type, key);
  if (key instanceof Unk) return foundByUnknownKey(key);
  if (coll === null) throw new EvalError('Attempt to index a null value.');
  if (coll instanceof ListV) {
    if (coll.kind === 'set') throw new EvalError('Elements of a set are identified only by their value and cannot be indexed; convert it with tolist() first.');
    const n = toNum(key, 'index');
    if (n instanceof Unk) return n;
    if (!Number.isInteger(n)) throw new EvalError(`Invalid index: ${n} is not a whole number.`);
    if (n < 0 || n >= coll.items.length) throw new EvalError(`Invalid index: the given key ${n} is out of range for a collection of ${coll.items.length} elements.`);
    return coll.items[n]!;
  }
  if (coll instanceof ObjV) {
    const k = toStr(key, 'key');
    if (k instanceof Unk) return foundByUnknownKey(k);
    const found = coll.attrs.get(k);
    if (found !== undefined) return found;
    if (coll.open !== undefined) return unk(coll.open);
    throw new EvalError(`Invalid index: the given key "${k}" does not exist.`);
  }
  throw new EvalError(`Cannot index a ${typeName(coll)} value.`);
}

/**
 * A key whose type cannot be the collection's key type, known before either value is (terraform
 * validate 1.11.4: `var.cfg[var.l]` of an object and a list(string), `{ a = 1 }[var.l]`,
 * `var.cfg[["a"]]` are "Invalid index: The given key does not identify an element in this
 * collection value: string required.", `["a"][var.m]` "number required."); a string key converts to
 * a number, a number or bool to a string. A collection of no known type takes any key.
 */
function checkKeyType(coll: Val, key: Unk | ListV | ObjV): void {
  const kind = coll instanceof Unk ? coll.type?.kind : coll instanceof ListV ? coll.kind : coll instanceof ObjV ? coll.kind : undefined;
  const want = kind === 'list' || kind === 'tuple' ? NUMBER_TYPE : kind === 'map' || kind === 'object' ? STRING_TYPE : undefined;
  if (want === undefined) return;
  const keyKind = key instanceof Unk ? key.type?.kind : 'collection';
  if (keyKind === undefined || keyKind === 'any' || keyKind === 'string' || keyKind === want.kind || (want.kind === 'string' && (keyKind === 'number' || keyKind === 'bool'))) return;
  throw new EvalError(`Invalid index: the given key does not identify an element in this collection value: ${want.kind} required.`, undefined, 'eval/type');
}

const STRING_TYPE = { kind: 'string' } as const;
const NUMBER_TYPE = { kind: 'number' } as const;

/** `.name` on a value. */
export function getAttr(v: Val, name: string): Val {
  if (v instanceof Unk) return v.type === undefined ? v : typedAttr(v, v.type, name);
  if (v === null) throw new EvalError(`Attempt to get attribute "${name}" from a null value.`);
  if (v instanceof ObjV) {
    const found = v.attrs.get(name);
    if (found !== undefined) return found;
    if (v.open !== undefined) {
      const schema = closedSchemas.get(v);
      if (schema !== undefined && !schema.names.includes(name)) throw new EvalError(schema.unsupported(name), undefined, 'eval/type');
      return openAttribute(v, name);
    }
    throw new EvalError(`Unsupported attribute: this object does not have an attribute named "${name}".`);
  }
  if (v instanceof ListV) throw new EvalError(`Unsupported attribute "${name}": a ${v.kind} has no attributes; use a splat ([*].${name}) or an index.`);
  throw new EvalError(`Unsupported attribute "${name}" on a ${typeName(v)} value.`);
}

/**
 * An element of an unknown of type `type` (Terraform's hcl.Index on a typed unknown, checked with
 * terraform validate and plan 1.11.4): a list's or map's element is an unknown of the element type,
 * a tuple's of that element's type; an index past a tuple's end is the error it is for a known
 * tuple ("Invalid index"), as is a list index that is no number ("a number is required") and any
 * index of a set. An object's attribute by a known key has the attribute's type; a key that is no
 * attribute is no error at plan time (`var.cfg["nme"]` is unknown there), so neither is it here.
 */
function typedIndex(u: Unk, type: TypeSpec, key: Val): Val {
  const keyKnown = !(key instanceof Unk);
  switch (type.kind) {
    case 'list':
      if (keyKnown) toNum(key, 'index');
      return u.part(type.elem);
    case 'map':
      return u.part(type.elem);
    case 'tuple': {
      if (!keyKnown || typeof key !== 'number' || !Number.isInteger(key) || key < 0) return untyped(u);
      if (key >= type.elems.length) throw new EvalError(`Invalid index: the given key ${key} is out of range for a collection of ${type.elems.length} elements.`);
      return u.part(type.elems[key]!);
    }
    case 'object': {
      const attr = typeof key === 'string' ? type.attrs.get(key) : undefined;
      return attr === undefined ? untyped(u) : u.part(attr.type);
    }
    case 'set':
      if (keyKnown) throw new EvalError('Elements of a set are identified only by their value and cannot be indexed; convert it with tolist() first.');
      return untyped(u);
    case 'string':
    case 'number':
    case 'bool':
      // terraform validate 1.11.4: upper(var.s)[0] is "Invalid index: This value does not have any indices."
      throw new EvalError(`Invalid index: this value (a ${type.kind}) does not have any indices.`, undefined, 'eval/type');
    default:
      return untyped(u);
  }
}

/**
 * `.name` on an unknown of type `type`, as Terraform reads it at validate time (terraform validate
 * 1.11.4 on `variable "cfg" { type = object({ name = string }) }`): an attribute the object type lacks
 * is "Unsupported attribute" (This object does not have an attribute named "nme"), a list, tuple or
 * primitive has no attributes at all; a map's attribute is its element, `.0` of a list or tuple is
 * an index (legacy syntax).
 */
function typedAttr(u: Unk, type: TypeSpec, name: string): Val {
  switch (type.kind) {
    case 'object': {
      const attr = type.attrs.get(name);
      if (attr === undefined) throw new EvalError(`Unsupported attribute: this object does not have an attribute named "${name}".`);
      return u.part(attr.type);
    }
    case 'map':
      return u.part(type.elem);
    case 'list':
    case 'tuple':
      if (/^[0-9]+$/.test(name)) return typedIndex(u, type, Number(name));
      if (type.kind === 'list' && type.elem.kind === 'object') {
        throw new EvalError(`Unsupported attribute: can't access attributes on a list of objects; to read attribute "${name}" of one element or of every one, use an index or a splat ([*].${name}).`);
      }
      throw new EvalError(`Unsupported attribute "${name}": this value (a ${type.kind}) does not have any attributes.`);
    case 'string':
    case 'number':
    case 'bool':
      if (/^[0-9]+$/.test(name)) return untyped(u);
      throw new EvalError(`Unsupported attribute "${name}": can't access attributes on a primitive-typed value (${type.kind}).`);
    default:
      return untyped(u);
  }
}
