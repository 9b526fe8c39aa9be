// Which resource an apply-time value was computed by, from the evaluator's explanation.
import type { Sourced } from './sourced.js';
import { isUnknown, type Plain } from './value.js';

/** Why the evaluator gives a resource's attribute no value: the provider computes it. */
export const COMPUTED_BY_PROVIDER = 'computed by the provider';

/**
 * Why it gives a data source's attribute no value: Terraform reads it from the provider when it
 * runs (at plan time), which a scan does not do.
 */
export const READ_FROM_PROVIDER = 'read from the provider when Terraform runs';

const COMPUTED_REASON = new RegExp(`^(.+)\\.[A-Za-z0-9_]+ is (?:${COMPUTED_BY_PROVIDER}|${READ_FROM_PROVIDER})$`);
const COMPUTED_ATTRIBUTE = new RegExp(`^(.+\\.[A-Za-z0-9_]+) is (?:${COMPUTED_BY_PROVIDER}|${READ_FROM_PROVIDER})$`);

/** The address in an explanation "<address>.<attribute> is computed by the provider" (or read from it); undefined for another. */
export function computedAddress(reason: string): string | undefined {
  return COMPUTED_REASON.exec(reason)?.[1];
}

/**
 * The resource whose computed attribute a value is: the evaluator explains an unknown as
 * "aws_s3_bucket.logs.id is computed by the provider", so `bucket = aws_s3_bucket.logs.id` still
 * tells us which bucket is meant. undefined for other unknowns (variables without a value...).
 */
export function computedFrom(value: Sourced | undefined): string | undefined {
  return value ? computedFromValue(value.value) : undefined;
}

/** computedFrom of a plain value (a list item): the resource an apply-time value is computed by. */
export function computedFromValue(value: Plain | undefined): string | undefined {
  if (value === undefined || !isUnknown(value)) return undefined;
  return computedAddress(value.reason);
}

/**
 * Which computed attribute a value is, as "<address>.<attribute>" ("aws_vpc.main.default_security_group_id"):
 * for when the attribute, not only the resource, says what is meant. undefined for other values.
 */
export function computedAttribute(value: Sourced | undefined): string | undefined {
  return value && isUnknown(value.value) ? COMPUTED_ATTRIBUTE.exec(value.value.reason)?.[1] : undefined;
}
