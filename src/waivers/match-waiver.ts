// Applies the waiver register to a scan's findings, after the rules ran (STYLE.md §5): a failing
// finding a waiver in force covers becomes 'waived' and keeps the waiver; an expired waiver stops
// waiving and fails the run; one about to expire, or one that covered nothing, warns.
import { rootDirectoryOf } from '../model/module-path.js';
import picomatch from 'picomatch';
import type { AppliedWaiver, Finding } from '../engine/finding.js';
import { rawAddressOf } from '../engine/run-rules.js';
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
  /**
   * With --shard: the module path under which the unsharded scan judges the declarations of the
   * module in a directory, when known (SourceScanResult.firstInstancePath). See underFirstInstance.
   */
  readonly firstInstancePath?: (moduleDir: string) => string | undefined;
}

/** `.var.db_password` of `module.svc.var.db_password`: the declaration, whatever module instance names it. */
const DECLARATION_SUFFIX = /\.(?:var|output)\.[A-Za-z_][\w-]*$/;

/**
 * A sharded scan's finding on a called module's variable or output (judged once per scan, under the
 * first module instance: Finding.resource.instance), under the address the unsharded scan gives it,
 * when that is another and is known. A shard without that scan's first root module judges the
 * declaration under its own first instance (`module.other.var.db_password` where the unsharded
 * scan, and the merge, say `module.svc.var.db_password`), and a waiver written for the address the
 * report showed failed that shard's job while the merged report showed the finding waived. The
 * address is the one the unsharded scan judges this same declaration under (its file and module
 * directory), so a waiver never covers another declaration, nor covers in a shard what the
 * unsharded scan would not.
 */
function underFirstInstance(finding: Finding, firstInstancePath: ((moduleDir: string) => string | undefined) | undefined): Finding | undefined {
  const instance = finding.resource.instance;
  // Its span a value in the caller: the unsharded scan's is in another caller's file, which `paths` may name or not.
  if (instance === undefined || firstInstancePath === undefined || instance.file !== finding.span.file) return undefined;
  const suffix = DECLARATION_SUFFIX.exec(finding.resource.address)?.[0];
  if (suffix === undefined) return undefined;
  const slash = instance.file.lastIndexOf('/');
  const path = firstInstancePath(slash < 0 ? '' : instance.file.slice(0, slash));
  const address = path === undefined ? undefined : `${path}${suffix}`;
  return address === undefined || address === finding.resource.address ? undefined : { ...finding, resource: { ...finding.resource, address } };
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
  const exact = globs(waiver.resources);
  // A pattern without keys names the resource, every instance of it (as `terraform plan -target=` does).
  const keyless = globs(waiver.resources?.filter((p) => !p.includes('[')));
  const resource =
    exact === undefined ? undefined : keyless === undefined ? exact : (address: string) => exact(address) || (address.includes('[') && keyless(withoutInstanceKeys(address)));
  const file = globs(waiver.paths);
  const root = globs(waiver.roots);
  // A plan's or state's root is its file, standing for the root module in its directory: `roots` names either.
  return (finding, path, rootPath) =>
    rules.has(finding.ruleId) &&
    (resource === undefined || resource(finding.resource.address) || matchesRaw(resource, finding)) &&
    (file === undefined || file(path)) &&
    (root === undefined || (rootPath !== undefined && (root(rootPath) || root(rootDirectoryOf(rootPath)))));
}

/**
 * `module.app["prod"].aws_s3_bucket.c[0]` → `module.app.aws_s3_bucket.c`: the address of the resource
 * whose instance this is. A waiver written `resources: [aws_s3_bucket.c]` for a resource with `count`
 * matched none of its instances (`aws_s3_bucket.c[0]`), so the findings failed and the waiver was
 * called unused; Terraform's own addresses without keys (`-target=`) mean every instance.
 */
export function withoutInstanceKeys(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]"]*)\]/g, '');
}

/** Whether a resource pattern names the finding's instance as written, when reports show its address masked (rawAddressOf). */
function matchesRaw(resource: (s: string) => boolean, finding: Finding): boolean {
  const raw = rawAddressOf(finding.resource);
  return raw !== undefined && resource(raw);
}

/**
 * Whether a waiver names a resource instance (`aws_s3_bucket.b["212-34-5678"]`): one whose address
 * reports mask is matched as written (rawAddressOf), which a finding read from the cache cannot be.
 */
export function namesInstance(register: WaiverRegister): boolean {
  return register.waivers.some((w) => (w.resources ?? []).some((p) => p.includes('[')));
}

/** An address with an instance key reports show masked (maskAddressKeys writes `*` for each character). */
export const MASKED_KEY = /\["[^"]*\*/;

interface Compiled {
  readonly waiver: Waiver;
  readonly matches: Matcher;
  readonly expired: boolean;
}

/** A resource glob that matches only its own text (picomatch reads letters, digits, `_`, `-` and `.` literally). */
const PLAIN_ADDRESS = /^[A-Za-z0-9_.-]+$/;
/**
 * A path glob that matches only its own text: such names joined by single `/`, no segment `.` or `..`
 * (picomatch matches `./envs/prod` against `envs/prod` too, so a leading `./` is not plain).
 */
const PLAIN_PATH = /^(?!\.\.?(?:\/|$))[A-Za-z0-9_.-]+(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9_.-]+)*$/;
/** The key of a waiver that names no plain text on one of its three axes: it may match any value. */
const ANY = '\u0000';

/** A waiver's keys on one axis: its distinct patterns when every one is plain text, else ANY. */
function plainKeys(patterns: readonly string[] | undefined, plain: RegExp): readonly string[] {
  return patterns !== undefined && patterns.every((p) => plain.test(p)) ? [...new Set(patterns)] : [ANY];
}

const keyOf = (address: string, file: string, root: string): string => `${address}\u0001${file}\u0001${root}`;

/**
 * The waivers that may cover a finding, in register order: those of its rule, narrowed on each of
 * resources, paths and roots a waiver gives as plain text only to the ones naming the finding's
 * address, file or root module. Trying every waiver on every failing finding cost findings × waivers
 * glob tests: a register of 2000 entries, one per resource, took 8 s on 2000 buckets; narrowing by
 * address alone left a monorepo's per-root waivers of one shared address (`roots: [envs/a]`, one per
 * root module) at root modules² tests, 8 s for 2000 roots.
 */
class Candidates {
  /** rule id → keyOf(address, file, root), each plain text or ANY → waivers (indices in register order). */
  private readonly byRule = new Map<string, Map<string, number[]>>();

  constructor(private readonly compiled: readonly Compiled[]) {
    compiled.forEach(({ waiver }, at) => {
      const addresses = plainKeys(waiver.resources, PLAIN_ADDRESS);
      const files = plainKeys(waiver.paths, PLAIN_PATH);
      const roots = plainKeys(waiver.roots, PLAIN_PATH);
      for (const rule of new Set(waiver.ruleIds)) {
        let index = this.byRule.get(rule);
        if (!index) this.byRule.set(rule, (index = new Map()));
        for (const address of addresses) for (const file of files) for (const root of roots) pushTo(index, keyOf(address, file, root), at);
      }
    });
  }

  /** Whether any waiver names this rule (most findings' rules have none). */
  hasRule(ruleId: string): boolean {
    return this.byRule.has(ruleId);
  }

  /** `file` and `root` as the register's globs are written (see Matcher). */
  of(finding: Finding, file: string, root: string | undefined): readonly Compiled[] {
    const index = this.byRule.get(finding.ruleId);
    if (!index) return [];
    // A plain root names the finding's root or the directory its plan stands for, as the matcher reads it;
    // a finding of the scan root itself matches no waiver with roots.
    const roots = root === undefined ? [ANY] : [root, rootDirectoryOf(root), ANY];
    const found = new Set<number>();
    const keyless = withoutInstanceKeys(finding.resource.address);
    for (const address of keyless === finding.resource.address ? [keyless, ANY] : [finding.resource.address, keyless, ANY]) {
      for (const f of [file, ANY]) for (const r of roots) for (const at of index.get(keyOf(address, f, r)) ?? []) found.add(at);
    }
    // The first waiver in force still wins: register order.
    return [...found].sort((a, b) => a - b).map((i) => this.compiled[i]!);
  }
}

export function applyRegisterWaivers(findings: readonly Finding[], register: WaiverRegister, options: ApplyWaiversOptions): AppliedRegister {
  const compiled: Compiled[] = register.waivers.map((w) => ({ waiver: w, matches: compile(w), expired: daysUntilExpiry(w, options.today) < 0 }));
  const candidates = new Candidates(compiled);
  const matched = new Map<string, number>(register.waivers.map((w) => [w.id, 0]));
  const out = findings.map((finding) => {
    if (finding.status !== 'fail' || !candidates.hasRule(finding.ruleId)) return finding;
    const file = options.registerPath(finding.span.file);
    const root = finding.resource.root !== undefined ? options.registerPath(finding.resource.root) : undefined;
    let applied: Finding | undefined;
    let any = false;
    const tryWaivers = (as: Finding): void => {
      for (const { waiver, matches, expired } of candidates.of(as, file, root)) {
        if (!matches(as, file, root)) continue;
        any = true;
        matched.set(waiver.id, (matched.get(waiver.id) ?? 0) + 1);
        // The finding keeps its own address, waived or not.
        if (!expired && !applied) applied = { ...finding, status: 'waived', waiver: appliedWaiver(waiver) };
      }
    };
    tryWaivers(finding);
    if (!any) {
      const first = underFirstInstance(finding, options.firstInstancePath);
      if (first !== undefined) tryWaivers(first);
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
