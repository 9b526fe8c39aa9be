// Which resource an apply-time value was computed by, from the cause the evaluator gives it
// (model/unknown-cause.ts), never from its text.
import type { Sourced } from './sourced.js';
import { leadCause } from './unknown-cause.js';
import { isUnknown, type Plain } from './value.js';

/** Why the evaluator gives a resource's attribute no value: the provider computes it. */
export const COMPUTED_BY_PROVIDER = 'computed by the provider';

/**
 * Why it gives a data source's attribute no value: Terraform reads it from the provider when it
 * runs (at plan time), which a scan does not do.
 */
export const READ_FROM_PROVIDER = 'read from the provider when Terraform runs';

/**
 * The attribute a value is, when it is an attribute the provider computes or reads (not one the
 * configuration sets to null), as "<address>" and "<attribute>"; undefined for any other value.
 */
function computedParts(value: Plain | undefined): { readonly address: string; readonly attribute: string } | undefined {
  if (!isUnknown(value) || value.cause === undefined) return undefined;
  // A value of several apply-time parts (a template) is told by its first, as its text is.
  const cause = leadCause(value.cause);
  return cause.kind === 'attribute' && cause.nulled !== true ? cause : undefined;
}

/**
 * The resource whose computed attribute a value is: the evaluator says `aws_s3_bucket.logs.id` is
 * computed by the provider, so `bucket = aws_s3_bucket.logs.id` still tells us which bucket is
 * meant. undefined for other unknowns (variables without a value...).
 */
export function computedFrom(value: Sourced | undefined): string | undefined {
  return value ? computedFromValue(value.value) : undefined;
}

/** computedFrom of a plain value (a list item): the resource an apply-time value is computed by. */
export function computedFromValue(value: Plain | undefined): string | undefined {
  return computedParts(value)?.address;
}

/**
 * Which computed attribute a value is, as "<address>.<attribute>" ("aws_vpc.main.default_security_group_id"):
 * for when the attribute, not only the resource, says what is meant. undefined for other values.
 */
export function computedAttribute(value: Sourced | undefined): string | undefined {
  const parts = computedParts(value?.value);
  return parts ? `${parts.address}.${parts.attribute}` : undefined;
}
