// Exit status from a result (STYLE.md §8): 1 when a finding fails at or above --fail-on (rules in
// "warn" mode never fail the run) or when an input could not be parsed; 0 otherwise.
import type { Finding } from '../engine/finding.js';
import { severityRank } from '../engine/severity.js';
import type { FailOn } from '../config/safeguard-config.js';
import type { Diagnostic } from '../source/diagnostic.js';

export interface RunOutcome {
  readonly blocking: readonly Finding[];
  /** Error diagnostics: unparsable inputs, crashed rules. Unverified means the run fails. */
  readonly errors: readonly Diagnostic[];
  readonly exitCode: 0 | 1;
}

export function isBlocking(finding: Finding, failOn: FailOn, warnOnly: ReadonlySet<string> = new Set()): boolean {
  if (finding.status !== 'fail' || failOn === 'none' || warnOnly.has(finding.ruleId)) return false;
  return severityRank(finding.severity) >= severityRank(failOn);
}

export function decideOutcome(
  result: { readonly findings: readonly Finding[]; readonly diagnostics: readonly Diagnostic[] },
  failOn: FailOn,
  warnOnly: ReadonlySet<string> = new Set(),
): RunOutcome {
  const blocking = result.findings.filter((f) => isBlocking(f, failOn, warnOnly));
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  return { blocking, errors, exitCode: blocking.length > 0 || errors.length > 0 ? 1 : 0 };
}
