// Why a value is unknown, as data. The evaluator and the plan adapter set a cause where they make an
// unknown, and its text (Unknown.reason) is derived from it; rules that need to know what an unknown
// came from (which resource computes it, which variable has no value, whether it is a digest of a
// secret) read the cause, never the text, so rewording a message cannot change a verdict.
import { COMPUTED_BY_PROVIDER, READ_FROM_PROVIDER } from './computed-from.js';
import type { Unknown } from './value.js';

export type UnknownCause =
  /**
   * An attribute of a resource or data source that the provider computes (or reads, for a data
   * source). `address` is the instance's full address (`module.m.aws_kms_key.k[0]`), `type` its
   * resource type; `how`: computed by the provider, or read from it when Terraform runs (a data
   * source's arguments; its id and arn are told as computed); `nulled`: the configuration sets it to
   * null, which Terraform treats as left out. `deferred`: a data source Terraform reads only at apply
   * (DeferredRead below, decided in graph/deferred-read.ts), so that its attributes are not known at plan either.
   */
  | { readonly kind: 'attribute'; readonly address: string; readonly type: string; readonly mode: 'managed' | 'data'; readonly attribute: string; readonly how: 'computed' | 'read'; readonly nulled?: true; readonly deferred?: DeferredRead }
  /**
   * A variable of the module the value was read in without a value: a root variable the scan was
   * not given ('required'), a module's variable with none ('unset'), or one given null though it may
   * not be ('null'). `module`: the module path ('' for the root module, `module.m` for a child).
   */
  | { readonly kind: 'variable'; readonly module: string; readonly name: string; readonly why: 'required' | 'unset' | 'null' }
  /**
   * A reference to every instance of a resource (`type` set: its resource type) or module whose
   * count or for_each is known only at apply time; `address` as written in the module (`aws_subnet.s`, `module.m`).
   */
  | { readonly kind: 'instances'; readonly address: string; readonly type?: string }
  /** An ephemeral resource (`ephemeral.<type>.<name>`): opened at run time and never stored. */
  | { readonly kind: 'ephemeral'; readonly type: string; readonly name: string }
  /**
   * The result of a function that does not give its argument back (a digest: sha256(), filesha256();
   * a length) of an unknown argument: told as `told` says, since it is the same apply-time value for
   * what the text is about (`sha256() of a value known only at apply time (…)`, or the argument's own
   * reason for length()).
   */
  | { readonly kind: 'one-way'; readonly fn: string; readonly of: UnknownCause; readonly told: 'wrapped' | 'as-argument' }
  /**
   * A value made of several apply-time parts (a template, join() of a list, format()): told as the
   * first, as it always was, while a rule about what the value holds reads every part (allCauses).
   */
  | { readonly kind: 'parts'; readonly causes: readonly UnknownCause[] }
  /** A function's own result known only when Terraform runs (`timestamp()`, `uuid()`, bcrypt()'s salt), told as `text`. */
  | { readonly kind: 'function'; readonly fn: string; readonly text: string }
  /** Anything no rule needs to tell apart: the text is all there is (`timestamp() is known only at apply time`). */
  | { readonly kind: 'text'; readonly text: string };

/**
 * Why Terraform reads a data source only at apply, not at plan (a plan with no state, where every
 * managed resource is to be created): `because` says it, after the data source's address (`depends
 * on aws_s3_bucket.b, a managed resource with changes to apply`); `certain` is false where what
 * defers it may be known at plan after all (an attribute the provider may fill from its schema's
 * default).
 */
export interface DeferredRead {
  readonly certain: boolean;
  readonly because: string;
}

/** The text of a cause, as messages show it (Unknown.reason). */
export function describeCause(cause: UnknownCause): string {
  switch (cause.kind) {
    case 'attribute': {
      const how = cause.how === 'read' ? READ_FROM_PROVIDER : COMPUTED_BY_PROVIDER;
      return cause.nulled ? `${cause.address}.${cause.attribute} is null in the configuration, so it is ${how}` : `${cause.address}.${cause.attribute} is ${how}`;
    }
    case 'variable':
      return cause.why === 'required' ? `var.${cause.name} is a required variable not given to the scan` : cause.why === 'null' ? `var.${cause.name} is null though it may not be` : `var.${cause.name} has no value`;
    case 'instances':
      return `the instances of ${cause.address} are known only at apply time`;
    case 'ephemeral':
      return `ephemeral.${cause.type}.${cause.name} is opened at run time and never stored`;
    case 'one-way':
      return cause.told === 'wrapped' ? `${cause.fn}() of a value known only at apply time (${describeCause(cause.of)})` : describeCause(cause.of);
    case 'parts':
      return describeCause(cause.causes[0]!);
    case 'function':
    case 'text':
      return cause.text;
  }
}

/** A cause from a text with nothing to tell apart (see UnknownCause 'text'). */
export function textCause(text: string): UnknownCause {
  return { kind: 'text', text };
}

/**
 * The cause as rules should see it for where the value came from: through functions that do not
 * give their argument back, to the apply-time value they were applied to. `oneWay` says whether
 * any such function was on the way.
 */
export function underlyingCause(cause: UnknownCause): { readonly cause: UnknownCause; readonly oneWay: boolean } {
  let c = cause;
  let oneWay = false;
  while (c.kind === 'one-way') {
    oneWay = true;
    c = c.of;
  }
  return { cause: c, oneWay };
}

/** The cause of an unknown value: its own, or a text-only one when it was made from a text. */
export function causeOf(value: Unknown): UnknownCause {
  return value.cause ?? textCause(value.reason);
}

/** The cause a value is told by: the first part of one made of several (what its text names). */
export function leadCause(cause: UnknownCause): UnknownCause {
  let c = cause;
  while (c.kind === 'parts') c = c.causes[0]!;
  return c;
}

/** Every apply-time part's cause, those of a value made of several included. */
export function allCauses(cause: UnknownCause, out: UnknownCause[] = []): UnknownCause[] {
  if (cause.kind === 'parts') for (const c of cause.causes) allCauses(c, out);
  else out.push(cause);
  return out;
}

/**
 * Whether a part of the value comes from a variable the scan has no value for (through one-way
 * functions and the parts of a template): whoever sets it decides what it is, so a rule that needs
 * the value to narrow or name something cannot take it as narrowing anything.
 */
export function readsUnsetVariable(cause: UnknownCause | undefined): boolean {
  return cause !== undefined && allCauses(underlyingCause(cause).cause).some((part) => underlyingCause(part).cause.kind === 'variable');
}

/** The cause of a value made of the given parts, in order (the first is what it is told by); repeats are left out. */
export function combinedCause(causes: readonly UnknownCause[]): UnknownCause {
  const flat: UnknownCause[] = [];
  for (const c of causes) for (const part of allCauses(c)) if (!flat.includes(part)) flat.push(part);
  return flat.length === 1 ? flat[0]! : { kind: 'parts', causes: flat };
}
