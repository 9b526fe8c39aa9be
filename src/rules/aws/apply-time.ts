// Messages for values known only at apply time: say why, never guess (STYLE.md §3).
import type { Sourced } from '../../model/sourced.js';
import { isUnknown, type Plain } from '../../model/value.js';

/** Why a value is unknown, phrased to follow "depends on" in an `unknown(...)` message. */
export function applyTimeReason(value: Sourced | Plain | undefined): string {
  const plain = value !== null && typeof value === 'object' && 'provenance' in (value as object) ? (value as Sourced).value : (value as Plain);
  if (isUnknown(plain)) return `a value known only at apply time (${plain.reason})`;
  return 'a value known only at apply time';
}

/**
 * The resource whose computed attribute a value is: the evaluator explains an unknown as
 * "aws_s3_bucket.logs.id is computed by the provider", so `bucket = aws_s3_bucket.logs.id` still
 * tells us which bucket is meant. undefined for other unknowns (variables without a value...).
 */
export function computedFrom(value: Sourced | undefined): string | undefined {
  if (!value || !isUnknown(value.value)) return undefined;
  const m = /^(.+)\.[A-Za-z0-9_]+ is (?:computed by the provider|read from the provider at plan time)$/.exec(value.value.reason);
  return m ? m[1] : undefined;
}
