// Plain evaluated values as rules see them: JSON-like data in which any part may be unknown
// (known only at apply time). Terraform's richer types (list vs set vs tuple) stay inside the
// evaluator; rules only need the data.
import type { UnknownCause } from './unknown-cause.js';

/** A value Terraform will only know at apply time: a variable without a value, `timestamp()`,
 * an attribute computed by the provider (`aws_kms_key.k.arn`), or a plan's `after_unknown`. */
export interface Unknown {
  readonly unknown: true;
  /** Why it is unknown, for messages: 'var.region has no value', 'computed by the provider'. */
  readonly reason: string;
  /**
   * The known structure behind an unknown string, when there is one: `jsonencode({...})` of a value
   * with apply-time parts is unknown as a string (as in Terraform), but the statements of a policy
   * written that way can still be judged. Unknown leaves inside it are Unknowns.
   */
  readonly partial?: Plain;
  /**
   * Why it is unknown, as data, when that says more than the text (model/unknown-cause.ts): which
   * resource computes it, which variable has no value, a digest of what. `reason` is its text.
   * Plain data, so it crosses worker threads with the model (--jobs).
   */
  readonly cause?: UnknownCause;
}

export type Plain =
  | null
  | boolean
  | number
  | string
  | Unknown
  | readonly Plain[]
  | { readonly [key: string]: Plain };

export function unknownValue(reason: string, partial?: Plain, cause?: UnknownCause): Unknown {
  if (cause !== undefined) return partial === undefined ? { unknown: true, reason, cause } : { unknown: true, reason, partial, cause };
  return partial === undefined ? { unknown: true, reason } : { unknown: true, reason, partial };
}

export function isUnknown(value: unknown): value is Unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const candidate = value as { unknown?: unknown; reason?: unknown; partial?: unknown; cause?: unknown };
  if (candidate.unknown !== true || typeof candidate.reason !== 'string') return false;
  const keys = Object.keys(value).length;
  const extra = ('partial' in candidate ? 1 : 0) + ('cause' in candidate && typeof candidate.cause === 'object' && candidate.cause !== null ? 1 : 0);
  return keys === 2 + extra;
}

/** How an apply-time part is written in the known text of a string (Unknown.partial). */
export const UNKNOWN_TEXT = '${unknown}';

/**
 * A string's text as far as it is known: the string itself, or the known text of an apply-time
 * template with each unknown part written "${unknown}" ("arn:${unknown}:iam::aws:policy/ReadOnlyAccess").
 */
export function knownText(value: Plain | undefined): string | undefined {
  if (typeof value === 'string') return value;
  return isUnknown(value) && typeof value.partial === 'string' ? value.partial : undefined;
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(value: Plain): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  return Object.values(value as Record<string, Plain>).some(containsUnknown);
}

export function isPlainObject(value: Plain | undefined): value is { readonly [key: string]: Plain } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value);
}

export function isPlainArray(value: Plain | undefined): value is readonly Plain[] {
  return Array.isArray(value);
}
