// The rule pack: every registry of rules, and the catalog rows deliberately not implemented.
import type { AnyRule } from './define-rule.js';
import { rules as accessRules } from './registry-access.js';
import { rules as protectRules } from './registry-protect.js';
import { rules as resilienceRules } from './registry-resilience.js';
import { rules as hygieneRules } from './registry-hygiene.js';
import { rules as planRules } from './registry-plan.js';
import { notImplemented as accessGaps } from './coverage-access.js';
import { notImplemented as protectGaps } from './coverage-protect.js';
import { notImplemented as resilienceGaps } from './coverage-resilience.js';
import { notImplemented as hygieneGaps } from './coverage-hygiene.js';

export const allRules: readonly AnyRule[] = [...accessRules, ...protectRules, ...resilienceRules, ...hygieneRules, ...planRules];

export interface CoverageGap {
  readonly catalogId: string;
  readonly reason: string;
}

export const notImplemented: readonly CoverageGap[] = [...accessGaps, ...protectGaps, ...resilienceGaps, ...hygieneGaps];

/** A rule by its id, an alias, or a peer's id (Checkov, Trivy/tfsec, AWS Config, Terrascan). */
export function findRules(idOrPeerId: string): AnyRule[] {
  const wanted = idOrPeerId.toLowerCase();
  const exact = allRules.filter((r) => r.id === wanted || (r.aliases ?? []).includes(wanted));
  if (exact.length > 0) return exact;
  return allRules.filter((r) =>
    [...(r.references.checkov ?? []), ...(r.references.trivy ?? []), ...(r.references.awsConfig ?? []), ...(r.references.terrascan ?? [])].some((p) => p.toLowerCase() === wanted),
  );
}
