// Messages for values known only at apply time: say why, never guess (STYLE.md §3).
import type { Sourced } from '../../model/sourced.js';
import { isUnknown, type Plain } from '../../model/value.js';

/** The reason a value is unknown, for an `unknown(...)` message. */
export function applyTimeReason(value: Sourced | Plain | undefined): string {
  const plain = value !== null && typeof value === 'object' && 'provenance' in (value as object) ? (value as Sourced).value : (value as Plain);
  if (isUnknown(plain)) return plain.reason;
  return 'a value known only at apply time';
}
