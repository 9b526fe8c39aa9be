// Terraform version constraints ("~> 1.9", ">= 1.5, < 2.0", "= 5.31.0"): is the range bounded
// above, and is it one exact version? https://developer.hashicorp.com/terraform/language/expressions/version-constraints

export interface ConstraintShape {
  /** Parsed without error. */
  readonly valid: boolean;
  /** Has an upper bound (`<`, `<=`, `~>`, or an exact version). */
  readonly bounded: boolean;
  /** Exactly one full version (`1.2.3` or `= 1.2.3`). */
  readonly exact: boolean;
}

const PART = /^(=|!=|>=|<=|>|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?$/;

export function constraintShape(text: string): ConstraintShape {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return { valid: false, bounded: false, exact: false };
  let bounded = false;
  let exactCount = 0;
  for (const part of parts) {
    const m = PART.exec(part);
    if (!m) return { valid: false, bounded: false, exact: false };
    const op = m[1] ?? '=';
    if (op === '<' || op === '<=' || op === '~>') bounded = true;
    if (op === '=') {
      bounded = true;
      if (m[4] !== undefined) exactCount++;
    }
  }
  return { valid: true, bounded, exact: parts.length === 1 && exactCount === 1 };
}
