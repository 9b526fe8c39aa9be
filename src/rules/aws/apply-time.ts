// Messages for values known only at apply time: say why, never guess (STYLE.md §3).
import type { Sourced } from '../../model/sourced.js';
import { isUnknown, type Plain } from '../../model/value.js';

/** Why a value is unknown, phrased to follow "depends on" in an `unknown(...)` message. */
export function applyTimeReason(value: Sourced | Plain | undefined): string {
  const plain = value !== null && typeof value === 'object' && 'provenance' in (value as object) ? (value as Sourced).value : (value as Plain);
  if (isUnknown(plain)) return `a value known only at apply time (${plain.reason})`;
  return 'a value known only at apply time';
}

export { computedFrom } from '../../model/computed-from.js';
