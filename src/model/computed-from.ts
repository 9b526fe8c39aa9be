// Which resource an apply-time value was computed by, from the evaluator's explanation.
import type { Sourced } from './sourced.js';
import { isUnknown, type Plain } from './value.js';

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
  const m = /^(.+)\.[A-Za-z0-9_]+ is (?:computed by the provider|read from the provider at plan time)$/.exec(value.reason);
  return m ? m[1] : undefined;
}
