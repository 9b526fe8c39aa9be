// `safeguard waivers list|check [PATH]` (issue 9): the register with each waiver's state. Both scan
// PATH (unless --no-scan) so a waiver that covers nothing shows as unused; `check` is what CI runs
// and exits 1 when a waiver is invalid or expired, whatever the findings are.
import { maskDetected } from '../detectors/mask.js';
import { createColors } from '../reporters/colors.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { formatLocation } from '../source/span.js';
import { isoDay } from '../pipeline/scan-context.js';
import { daysUntilExpiry, waiverState, type WaiverRegister, type WaiverState } from '../waivers/waiver.js';
import { UsageError } from './cli-error.js';
import { formatTable } from './rules-command.js';
import { executeScan, prepareScan, uncachedSourceScan, type PreparedScan, type ScanFlags } from './scan-command.js';
import { useColor, type Terminal } from './terminal.js';

export interface WaiversFlags {
  readonly format: string;
  readonly config?: string;
  readonly color: boolean;
  /** false for --no-scan: states without running the rules (no 'unused'). */
  readonly scan: boolean;
}

export interface WaiverRow {
  readonly id: string;
  readonly state: WaiverState;
  readonly rule?: string;
  readonly ruleIds?: readonly string[];
  readonly resources?: readonly string[];
  readonly paths?: readonly string[];
  readonly roots?: readonly string[];
  readonly requestedBy?: string;
  readonly approvedBy?: readonly string[];
  readonly created?: string;
  readonly expires?: string;
  readonly daysLeft?: number;
  /** Failing findings it waived (or would have, when expired); null without a scan. */
  readonly matched?: number | null;
  readonly ticket?: string;
  readonly file: string;
  readonly line: number;
}

interface RegisterReview {
  readonly prepared: PreparedScan;
  readonly register?: WaiverRegister;
  readonly rows: readonly WaiverRow[];
  /** Register problems: schema errors, expired, expiring and unused waivers. */
  readonly problems: readonly Diagnostic[];
}

async function reviewRegister(context: ScanContext, target: string, flags: WaiversFlags, terminal: Terminal): Promise<RegisterReview> {
  if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError(`--format ${flags.format}: unknown format.`, 'Use --format text or --format json.');
  const prepared = prepareScan(context, [target], { rule: [], skipRule: [], varFile: [], ...(flags.config !== undefined ? { config: flags.config } : {}) });
  const register = prepared.waivers?.register;
  if (!register || !prepared.waivers) return { prepared, rows: [], problems: [] };
  const today = isoDay(context.now);
  let states: ReadonlyMap<string, WaiverState> | undefined;
  let matched: ReadonlyMap<string, number> | undefined;
  let problems: readonly Diagnostic[] = [...register.errors, ...register.warnings];
  if (flags.scan) {
    const scanFlags: ScanFlags = { format: 'text', rule: [], skipRule: [], varFile: [], var: [], quiet: true, color: false, verbose: false };
    const result = await executeScan(context, prepared, scanFlags, terminal, uncachedSourceScan(context, prepared));
    states = result.waivers?.states;
    matched = result.waivers?.matched;
    problems = result.diagnostics.filter((d) => d.code.startsWith('waiver/'));
  } else {
    for (const w of register.waivers) {
      const days = daysUntilExpiry(w, today);
      const where = { span: w.expiresSpan };
      if (days < 0) problems = [...problems, { code: 'waiver/expired', severity: 'error', message: `Waiver ${w.id} (${w.rule}) expired on ${w.expires}, so it no longer waives anything.`, ...where }];
      else if (days <= prepared.waivers.policy.warnWithinDays) problems = [...problems, { code: 'waiver/expiring', severity: 'warning', message: `Waiver ${w.id} (${w.rule}) expires in ${days} day${days === 1 ? '' : 's'} (${w.expires}).`, ...where }];
    }
  }
  const rows: WaiverRow[] = [
    ...register.waivers.map((w) => ({
      id: w.id,
      state: states?.get(w.id) ?? waiverState(w, today, prepared.waivers!.policy),
      rule: w.rule,
      ruleIds: w.ruleIds,
      ...(w.resources ? { resources: w.resources } : {}),
      ...(w.paths ? { paths: w.paths } : {}),
      ...(w.roots ? { roots: w.roots } : {}),
      requestedBy: w.requested_by,
      approvedBy: w.approved_by,
      created: w.created,
      expires: w.expires,
      daysLeft: daysUntilExpiry(w, today),
      matched: matched ? (matched.get(w.id) ?? 0) : null,
      ...(w.ticket ? { ticket: w.ticket } : {}),
      file: w.span.file,
      line: w.span.start.line,
    })),
    ...register.invalid.map((i) => ({ id: i.id ?? `(line ${i.span.start.line})`, state: 'invalid' as const, file: i.span.file, line: i.span.start.line })),
  ].sort((a, b) => a.line - b.line);
  return { prepared, register, rows, problems };
}

function problemLine(d: Diagnostic): string {
  const where = d.span ? `${formatLocation(d.span)}  ` : d.file ? `${d.file}  ` : '';
  return `${where}${d.severity}  ${d.message}${d.hint ? `\n    hint: ${d.hint}` : ''}`;
}

function problemJson(d: Diagnostic): Record<string, unknown> {
  return { code: d.code, severity: d.severity, message: d.message, hint: d.hint ?? null, file: d.span?.file ?? d.file ?? null, line: d.span?.start.line ?? null, column: d.span?.start.column ?? null };
}

const STATE_ORDER: readonly WaiverState[] = ['active', 'expiring', 'unused', 'expired', 'invalid'];

function render(review: RegisterReview, flags: WaiversFlags, terminal: Terminal, verdict: 'list' | 'check'): number {
  const failing = review.problems.some((d) => d.severity === 'error');
  const exitCode = verdict === 'check' && failing ? 1 : 0;
  if (flags.format === 'json') {
    terminal.out(
      `${JSON.stringify(
        { schemaVersion: '1.0', register: review.register?.file ?? null, waivers: review.rows, problems: review.problems.map(problemJson), ok: !failing },
        null,
        2,
      ).replace(/"(?:[^"\\]|\\.)*"/g, maskDetected)}\n`,
    );
    return exitCode;
  }
  const c = createColors(useColor(terminal, flags.color, 'stdout'));
  if (!review.register) {
    terminal.out('No waiver register found (.safeguard/waivers.yaml, or waivers.file in .safeguard.yaml); nothing to check.\n');
    return 0;
  }
  const colour = (state: WaiverState): string => (state === 'active' ? c.green(state) : state === 'expiring' || state === 'unused' ? c.yellow(state) : c.red(state));
  const out: string[] = [];
  if (review.rows.length > 0) {
    // What a waiver covers may name an instance by its key (`aws_s3_bucket.b["<SSN>"]`): masked as reports mask addresses.
    const rows = [['ID', 'STATE', 'RULE', 'EXPIRES', 'MATCHES', 'COVERS'], ...review.rows.map((r) => [r.id, r.state, r.rule ?? '', r.expires ?? '', r.matched === null || r.matched === undefined ? '-' : String(r.matched), maskDetected([...(r.resources ?? []), ...(r.paths ?? []), ...(r.roots ?? []).map((root) => `root ${root}`)].join(', '))])];
    // Colour after padding, so escape codes do not skew the columns.
    out.push(...formatTable(rows).split('\n').map((line, i) => (i === 0 ? c.bold(line) : line.replace(/^(\S+\s+)(\S+)/, (_, id: string, state: string) => `${id}${colour(state as WaiverState)}`))));
  } else out.push(`${review.register.file}: no waivers.`);
  if (review.problems.length > 0) out.push('', c.bold(`Problems (${review.problems.length})`), ...review.problems.map((d) => `  ${problemLine(d)}`));
  const counts = STATE_ORDER.map((s) => [s, review.rows.filter((r) => r.state === s).length] as const).filter(([, n]) => n > 0);
  const summary = `${review.rows.length} waiver${review.rows.length === 1 ? '' : 's'} in ${review.register.file}${counts.length > 0 ? `: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}` : ''}`;
  out.push('', verdict === 'check' ? (failing ? `${c.red('✖')} ${summary}; fix the invalid or expired waivers.` : `${c.green('✔')} ${summary}.`) : summary);
  terminal.out(`${out.join('\n')}\n`);
  return exitCode;
}

export async function runWaiversListCommand(context: ScanContext, target: string, flags: WaiversFlags, terminal: Terminal): Promise<number> {
  return render(await reviewRegister(context, target, flags, terminal), flags, terminal, 'list');
}

export async function runWaiversCheckCommand(context: ScanContext, target: string, flags: WaiversFlags, terminal: Terminal): Promise<number> {
  return render(await reviewRegister(context, target, flags, terminal), flags, terminal, 'check');
}
