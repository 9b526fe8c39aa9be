// Plain evaluated values as rules see them: JSON-like data in which any part may be unknown
// (known only at apply time). Terraform's richer types (list vs set vs tuple) stay inside the
// evaluator; rules only need the data.

/** A value Terraform will only know at apply time: a variable without a value, `timestamp()`,
 * an attribute computed by the provider (`aws_kms_key.k.arn`), or a plan's `after_unknown`. */
export interface Unknown {
  readonly unknown: true;
  /** Why it is unknown, for messages: 'var.region has no value', 'computed by the provider'. */
  readonly reason: string;
}

export type Plain =
  | null
  | boolean
  | number
  | string
  | Unknown
  | readonly Plain[]
  | { readonly [key: string]: Plain };

export function unknownValue(reason: string): Unknown {
  return { unknown: true, reason };
}

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { unknown?: unknown }).unknown === true && typeof (value as { reason?: unknown }).reason === 'string' && Object.keys(value).length === 2;
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
