// Terraform version constraints ("~> 1.9", ">= 1.5, < 2.0", "= 5.31.0"): is the range bounded
// above, and is it one exact version? https://developer.hashicorp.com/terraform/language/expressions/version-constraints

import { constraintHead, isGoVersionConstraint, providerConstraintProblem } from '../../util/go-version-syntax.js';

export interface ConstraintShape {
  /** Parsed without error. */
  readonly valid: boolean;
  /** Has an upper bound (`<`, `<=`, `~>`, or an exact version). */
  readonly bounded: boolean;
  /** Exactly one full version (`1.2.3` or `= 1.2.3`). */
  readonly exact: boolean;
}

const INVALID: ConstraintShape = { valid: false, bounded: false, exact: false };

/**
 * Valid is what Terraform reads (util/go-version-syntax.ts, as the loader's checks read it): any
 * number of numbered parts, build metadata and prereleases for required_version and module
 * versions (`1.2.3.4`, `1.2.3+b`; a prerelease required_version is the loader's error), and for a
 * provider, what terraform init reads again (at most three parts, no `v`). An empty part (`">= 1.5,"`)
 * is refused by Terraform, so invalid here too.
 *
 * `providerStyle`: provider constraints read `~> 4` as `~> 4.0` (below 5); Terraform's own
 * required_version and module versions read a one-part `~> 1` as `>= 1` with no upper bound
 * (Terraform 1.11 accepts `required_version = "~> 0"`), so there it bounds nothing.
 */
export function constraintShape(text: string, providerStyle = false): ConstraintShape {
  if (!isGoVersionConstraint(text) || (providerStyle && providerConstraintProblem(text) !== undefined)) return INVALID;
  let bounded = false;
  let exactCount = 0;
  const parts = text.split(',');
  for (const part of parts) {
    const { op, numbers } = constraintHead(part)!;
    const numbered = numbers.length;
    if (op === '<' || op === '<=' || (op === '~>' && (numbered > 1 || providerStyle))) bounded = true;
    if (op === '=') {
      bounded = true;
      if (numbered >= 3) exactCount++;
    }
  }
  return { valid: true, bounded, exact: parts.length === 1 && exactCount === 1 };
}

// Checked against a version, as `terraform init` checks a lock file's versions against the constraints.

/** Whether `version` (1.2.3) meets every part of `constraint`; undefined when either cannot be read. */
export function satisfies(version: string, constraint: string): boolean | undefined {
  const v = parts(version);
  if (v === undefined) return undefined;
  for (const part of constraint.split(',')) {
    const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*v?(\d+(?:\.\d+){0,2})(?:-[0-9A-Za-z.-]+)?\s*$/.exec(part);
    if (!m) return undefined;
    const op = m[1] ?? '=';
    const c = parts(m[2]!)!;
    const written = m[2]!.split('.').length;
    const cmp = compare(v, c);
    let ok: boolean;
    switch (op) {
      case '=': ok = cmp === 0; break;
      case '!=': ok = cmp !== 0; break;
      case '>': ok = cmp > 0; break;
      case '>=': ok = cmp >= 0; break;
      case '<': ok = cmp < 0; break;
      case '<=': ok = cmp <= 0; break;
      default: {
        // ~> x.y.z: >= x.y.z and < x.(y+1); ~> x.y: >= x.y and < (x+1); ~> x: >= x.
        if (cmp < 0) ok = false;
        else if (written === 1) ok = true;
        else {
          const upper = written === 2 ? [c[0]! + 1, 0, 0] : [c[0]!, c[1]! + 1, 0];
          ok = compare(v, upper) < 0;
        }
      }
    }
    if (!ok) return false;
  }
  return true;
}

function parts(version: string): number[] | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i]! !== b[i]!) return a[i]! - b[i]!;
  return 0;
}
