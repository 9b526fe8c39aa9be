// Applies the waiver register to a scan's findings, after the rules ran (STYLE.md §5): a failing
// finding a waiver in force covers becomes 'waived' and keeps the waiver; an expired waiver stops
// waiving and fails the run; one about to expire, or one that covered nothing, warns.
import { rootDirectoryOf } from '../model/module-path.js';
import picomatch from 'picomatch';
import type { AppliedWaiver, Finding } from '../engine/finding.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { pushTo } from '../util/multi-map.js';
import { daysUntilExpiry, waiverState, type Waiver, type WaiverPolicy, type WaiverRegister, type WaiverState } from './waiver.js';

export interface ApplyWaiversOptions {
  /** YYYY-MM-DD, from the scan context's clock. */
  readonly today: string;
  readonly policy: WaiverPolicy;
  /** Ids of the rules that ran: a waiver of a rule that did not run is not called unused. */
  readonly rulesRun: ReadonlySet<string>;
  /** A root-relative finding path → the path waiver `paths` globs are written against. */
  readonly registerPath: (rootRelative: string) => string;
}

export interface AppliedRegister {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  /** Each waiver's state in this scan, by id (invalid entries with an id included). */
  readonly states: ReadonlyMap<string, WaiverState>;
  /** How many findings each waiver waived (or, when expired, would have waived). */
  readonly matched: ReadonlyMap<string, number>;
}

/** `root`: the finding's root module as the register's globs are written (undefined for the scan root itself). */
type Matcher = (finding: Finding, file: string, root: string | undefined) => boolean;

function compile(waiver: Waiver): Matcher {
  const globs = (patterns: readonly string[] | undefined): ((s: string) => boolean) | undefined => {
    if (!patterns) return undefined;
    const matchers = patterns.map((p) => picomatch(p, { dot: true }));
    // Exact text first: addresses like aws_s3_bucket.b["x"] hold glob characters.
    return (s) => patterns.includes(s) || matchers.some((m) => m(s));
  };
  const rules = new Set(waiver.ruleIds);
  const resource = globs(waiver.resources);
  const file = globs(waiver.paths);
  const root = globs(waiver.roots);
  // A plan's or state's root is its file, standing for the root module in its directory: `roots` names either.
  return (finding, path, rootPath) =>
    rules.has(finding.ruleId) &&
    (resource === undefined || resource(finding.resource.address)) &&
    (file === undefined || file(path)) &&
    (root === undefined || (rootPath !== undefined && (root(rootPath) || root(rootDirectoryOf(rootPath)))));
}

interface Compiled {
  readonly waiver: Waiver;
  readonly matches: Matcher;
  readonly expired: boolean;
}

/** A resource glob that matches only its own text (picomatch reads letters, digits, `_`, `-` and `.` literally). */
const PLAIN_ADDRESS = /^[A-Za-z0-9_.-]+$/;

/**
 * The waivers that may cover a finding, in register order: those of its rule, and of those, when a
 * waiver names its resources by plain addresses only, just the ones naming the finding's. Trying every
 * waiver on every failing finding cost findings × waivers glob tests: a register of 2000 entries, one
 * per resource, took 8 s on 2000 buckets.
 */
class Candidates {
  /** rule id → address → waivers naming it by a plain address. */
  private readonly byAddress = new Map<string, Map<string, number[]>>();
  /** rule id → the other waivers of that rule (globs, paths or roots only). */
  private readonly others = new Map<string, number[]>();

  constructor(private readonly compiled: readonly Compiled[]) {
    compiled.forEach(({ waiver }, at) => {
      const plain = waiver.resources !== undefined && waiver.resources.every((p) => PLAIN_ADDRESS.test(p));
      for (const rule of new Set(waiver.ruleIds)) {
        if (!plain) {
          pushTo(this.others, rule, at);
          continue;
        }
        let byAddress = this.byAddress.get(rule);
        if (!byAddress) this.byAddress.set(rule, (byAddress = new Map()));
        for (const address of new Set(waiver.resources)) pushTo(byAddress, address, at);
      }
    });
  }

  of(finding: Finding): readonly Compiled[] {
    const named = this.byAddress.get(finding.ruleId)?.get(finding.resource.address);
    const others = this.others.get(finding.ruleId);
    if (!named && !others) return [];
    // Both lists are in register order; merged, the first waiver in force still wins.
    const at = !named ? others! : !others ? named : [...named, ...others].sort((a, b) => a - b);
    return at.map((i) => this.compiled[i]!);
  }
}

export function applyRegisterWaivers(findings: readonly Finding[], register: WaiverRegister, options: ApplyWaiversOptions): AppliedRegister {
  const compiled: Compiled[] = register.waivers.map((w) => ({ waiver: w, matches: compile(w), expired: daysUntilExpiry(w, options.today) < 0 }));
  const candidates = new Candidates(compiled);
  const matched = new Map<string, number>(register.waivers.map((w) => [w.id, 0]));
  const out = findings.map((finding) => {
    if (finding.status !== 'fail') return finding;
    const mayMatch = candidates.of(finding);
    if (mayMatch.length === 0) return finding;
    const file = options.registerPath(finding.span.file);
    const root = finding.resource.root !== undefined ? options.registerPath(finding.resource.root) : undefined;
    let applied: Finding | undefined;
    for (const { waiver, matches, expired } of mayMatch) {
      if (!matches(finding, file, root)) continue;
      matched.set(waiver.id, (matched.get(waiver.id) ?? 0) + 1);
      if (!expired && !applied) applied = { ...finding, status: 'waived', waiver: appliedWaiver(waiver) };
    }
    return applied ?? finding;
  });

  const diagnostics: Diagnostic[] = [...register.errors, ...register.warnings];
  const states = new Map<string, WaiverState>();
  for (const entry of register.invalid) if (entry.id !== undefined) states.set(entry.id, 'invalid');
  for (const { waiver } of compiled) {
    const count = matched.get(waiver.id) ?? 0;
    const ran = waiver.ruleIds.some((id) => options.rulesRun.has(id));
    const state = waiverState(waiver, options.today, options.policy, ran ? count > 0 : undefined);
    states.set(waiver.id, state);
    const days = daysUntilExpiry(waiver, options.today);
    if (state === 'expired') {
      diagnostics.push({
        code: 'waiver/expired',
        severity: 'error',
        message: `Waiver ${waiver.id} (${waiver.rule}) expired on ${waiver.expires}, so it no longer waives anything${count > 0 ? `: ${count} finding${count === 1 ? '' : 's'} it covered fail${count === 1 ? 's' : ''} again` : ''}.`,
        hint: 'Fix the finding and delete the waiver, or renew it: a new expires date with a fresh approval.',
        span: waiver.expiresSpan,
      });
    } else if (days <= options.policy.warnWithinDays) {
      diagnostics.push({
        code: 'waiver/expiring',
        severity: 'warning',
        message: `Waiver ${waiver.id} (${waiver.rule}) expires ${days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`} (${waiver.expires}).`,
        hint: 'Fix the finding before then, or renew the waiver with a fresh approval.',
        span: waiver.expiresSpan,
      });
    }
    if (state === 'unused' || (state !== 'expired' && ran && count === 0)) {
      diagnostics.push({
        code: 'waiver/unused',
        severity: 'warning',
        message: `Waiver ${waiver.id} (${waiver.rule}) matched no failing finding.`,
        hint: 'If the finding was fixed, delete the waiver; otherwise check its resources and paths globs.',
        span: waiver.span,
      });
    }
  }
  return { findings: out, diagnostics, states, matched };
}

export function appliedWaiver(waiver: Waiver): AppliedWaiver {
  return { source: 'register', id: waiver.id, reason: waiver.justification, expires: waiver.expires, span: waiver.span };
}
