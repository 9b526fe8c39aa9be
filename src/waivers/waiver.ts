// The waiver register (.safeguard/waivers.yaml): types shared by loading, matching, the CLI and the
// evidence pack. A waiver names a rule, what it covers, why, who asked, who approved and when it ends.

import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import { dayNumber, parseRegister } from './register-schema.js';

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

export interface WaiverRisk {
  readonly likelihood: RiskLevel;
  readonly impact: RiskLevel;
}

/** One entry of the register, as validated. Dates are YYYY-MM-DD (UTC days). */
export interface Waiver {
  readonly id: string;
  /** The rule id as written (an id or a peer id such as CKV_AWS_20). */
  readonly rule: string;
  /** Canonical rule ids this waiver covers, resolved through the rule catalog. */
  readonly ruleIds: readonly string[];
  /** Resource address globs (picomatch). */
  readonly resources?: readonly string[];
  /** File path globs (picomatch), relative to the directory holding `.safeguard/`. */
  readonly paths?: readonly string[];
  /**
   * Root module directory globs, relative as `paths` are: the waiver covers only findings evaluated for
   * those root modules (Finding.resource.root), e.g. one stack's instance of a shared module.
   */
  readonly roots?: readonly string[];
  readonly justification: string;
  readonly risk: WaiverRisk;
  readonly compensating_controls: readonly string[];
  readonly requested_by: string;
  readonly approved_by: readonly string[];
  readonly created: string;
  readonly expires: string;
  readonly ticket?: string;
  /** Where the entry sits in the register file, for diagnostics. */
  readonly span: Span;
  /** The `expires` value, where expiry diagnostics point. */
  readonly expiresSpan: Span;
}

/**
 * active: in force; expiring: in force but ends within the warning window; expired: past its
 * expiry, no longer waives and fails the run; unused: in force but matched no finding in this scan;
 * invalid: rejected by validation (schema, self-approval, unknown rule).
 */
export type WaiverState = 'active' | 'expiring' | 'expired' | 'unused' | 'invalid';

export interface WaiverRegister {
  /** Register path relative to the scan root, forward slashes. */
  readonly file: string;
  /** Valid entries only; invalid ones are reported in `errors`. */
  readonly waivers: readonly Waiver[];
  /** Entries rejected by validation, by id when one was readable. */
  readonly invalid: readonly { readonly id?: string; readonly span: Span; readonly errors: readonly Diagnostic[] }[];
  /** Schema and validation errors; non-empty means the register is not trustworthy as a whole. */
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

export interface WaiverPolicy {
  /** Longest allowed created → expires span in days (config `waivers.maxDurationDays`, default 180). */
  readonly maxDurationDays: number;
  /** Warn when a waiver expires within this many days (config `waivers.warnWithinDays`, default 14). */
  readonly warnWithinDays: number;
}

export const DEFAULT_WAIVER_POLICY: WaiverPolicy = { maxDurationDays: 180, warnWithinDays: 14 };

export const DEFAULT_REGISTER_PATH = '.safeguard/waivers.yaml';

export interface LoadWaiverRegisterInput {
  /** Register path relative to the scan root, forward slashes (used in spans). */
  readonly file: string;
  /** The file's text. */
  readonly text: string;
  /** Resolve a rule id or peer id to canonical rule ids; [] when unknown. */
  readonly resolveRule: (idOrPeer: string) => readonly string[];
  readonly policy?: WaiverPolicy;
}

/** Parse and validate a register. Never throws for bad input: problems become diagnostics. */
export function loadWaiverRegister(input: LoadWaiverRegisterInput): WaiverRegister {
  return parseRegister(input, input.policy ?? DEFAULT_WAIVER_POLICY);
}

/** Whole days from `today` (YYYY-MM-DD) to the waiver's expiry day; negative once expired. */
export function daysUntilExpiry(waiver: Pick<Waiver, 'expires'>, today: string): number {
  return dayNumber(waiver.expires)! - dayNumber(today)!;
}

/**
 * A valid waiver's state on `today`. A waiver is in force through its `expires` day (the same rule
 * as `exp:` on inline suppressions). `used` is whether it waived a finding in this scan; leave it
 * undefined when no scan was run, and an in-force waiver is then 'active' or 'expiring'.
 */
export function waiverState(waiver: Pick<Waiver, 'expires'>, today: string, policy: WaiverPolicy = DEFAULT_WAIVER_POLICY, used?: boolean): Exclude<WaiverState, 'invalid'> {
  const days = daysUntilExpiry(waiver, today);
  if (days < 0) return 'expired';
  if (used === false) return 'unused';
  return days <= policy.warnWithinDays ? 'expiring' : 'active';
}
