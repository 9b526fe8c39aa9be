// `safeguard scan [PATH...]`: argv options → config → scan → report → exit code.
import type { Diagnostic } from '../source/diagnostic.js';
import path from 'node:path';
import { loadConfig } from '../config/find-config.js';
import type { FailOn, SafeguardConfig } from '../config/safeguard-config.js';
import { evaluateTerraform } from '../graph/index.js';
import { decideOutcome } from '../pipeline/run-outcome.js';
import { scan, type ScanOptions, type ScanResult } from '../pipeline/scan.js';
import { dirOf } from '../util/paths.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import { resolveScanRoot, type ScanRoot } from '../pipeline/scan-root.js';
import type { Shard } from '../pipeline/shard.js';
import type { ReportInput } from '../reporters/report-input.js';
import { SetupError, UsageError } from './cli-error.js';
import { narrowFindings } from './narrow-findings.js';
import { unknownSuppressionIds } from './unknown-suppression-ids.js';
import { scanRootInRepository } from './repository-root.js';
import { resolveOutputs, sourceLinkBase, writeReports, type ReportOutput } from './report-outputs.js';
import { ruleDocs, selectRules, type RuleSelection } from './rule-pack.js';
import { customRulePack, type CustomRuleFlags, type CustomRulePack } from './custom-rules.js';
import { ProgressLine, type Terminal } from './terminal.js';
import { locateRegister, readWaiverRegister, waiverPolicy } from '../waivers/find-register.js';
import { recordScan, resolveAuditLog } from './audit-trail.js';
import { packageVersion } from './version.js';
import { DEFAULT_MAX_FILE_BYTES } from '../discovery/discover.js';
import type { SourceScan } from '../pipeline/source-scan.js';
import { cachedFileIndex, sourceScanFor, type SourceScanFlags } from './source-scan-setup.js';
import type { FileIndex } from '../discovery/file-index.js';
import { findingsMemo } from './findings-memo.js';
import { reportedLiterals, sensitiveAssignmentsMasked } from '../reporters/redact.js';
import { maskDetected } from '../detectors/mask.js';

export interface ScanFlags {
  readonly format: string;
  readonly output?: string;
  readonly failOn?: FailOn;
  readonly rule: readonly string[];
  readonly skipRule: readonly string[];
  /** --exclude globs, relative to the scan root, added to the config's `exclude`. */
  readonly exclude?: readonly string[];
  readonly config?: string;
  readonly varFile: readonly string[];
  readonly var: readonly string[];
  /** For each --var, how many --var-file flags came before it (absent: all of them). */
  readonly varFilesBefore?: readonly number[];
  /** --allow-outside-root: read var files outside the scan root. */
  readonly allowOutsideRoot?: boolean;
  /** undefined when neither flag nor default decided (the config file may). */
  readonly inlineSuppressions?: boolean;
  readonly quiet: boolean;
  /** --compact: no code frames in the text report. */
  readonly compact?: boolean;
  readonly color: boolean;
  readonly verbose: boolean;
  /** Every `--format NAME[:FILE]`; when absent, `format` alone (and `output`). */
  readonly outputs?: readonly ReportOutput[];
  /** Report only failing findings not in this baseline file. */
  readonly baseline?: string;
  /** Report only findings in modules with files changed since this git revision. */
  readonly changedSince?: string;
  /** Waived findings in SARIF (as suppressions) and GitLab reports. */
  readonly includeSuppressed?: boolean;
  /** `--sarif-category`: the SARIF run's automationDetails.id (reporters/sarif.ts automationId). */
  readonly sarifCategory?: string;
  /** --policies and --plugin (issue 13): custom policies and plugin rules. */
  readonly customRules?: CustomRuleFlags;
  /** `--audit-log FILE`, or false for `--no-audit-log`; undefined: the config or `.safeguard/audit.log` decides. */
  readonly auditLog?: string | false;
  /** --jobs, --cache-dir, --no-cache (scan only). */
  readonly sourceScan?: SourceScanFlags;
  /** `--shard i/n`: only this shard of the root modules. */
  readonly shard?: Shard;
}

export interface PreparedScan {
  readonly scanRoot: ScanRoot;
  readonly config: SafeguardConfig;
  readonly selection: RuleSelection;
  readonly failOn: FailOn;
  /** The rule pack with custom policies and plugins, and the invalid-policy diagnostics. */
  readonly custom?: CustomRulePack;
  /** The waiver register with its policy, when there is one. */
  readonly waivers?: ScanOptions['waivers'];
  /** What the config file's loading warns of (a second config file beside it, never read). */
  readonly configWarnings?: readonly Diagnostic[];
}

const VAR_ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_-]*)=(.*)$/s;

export function parseVars(assignments: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const assignment of assignments) {
    const m = VAR_ASSIGNMENT.exec(assignment);
    if (!m) {
      // Never echo the value: it may be a secret, and without an = any of it may be (docs/cli.md,
      // Secrets). A leading name is shown only when something follows it (`db_password:s3cret`) and
      // it does not look like a secret itself: an argument of one word (`--var AKIA…`, `--var
      // "$DB_PASSWORD"`) is all value, the name= forgotten.
      const leading = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(assignment)?.[0] ?? '';
      const name = leading.length < assignment.length && maskDetected(leading) === leading ? leading : '';
      const rest = assignment.length > name.length ? (assignment[name.length] === '=' ? '=…' : '…') : '';
      throw new UsageError(`--var ${name}${rest}: expected name=value.`, 'Example: --var environment=prod');
    }
    vars[m[1]!] = m[2]!;
  }
  return vars;
}

/**
 * Where each --var stands among the var files (the config's var_files first, then --var-file):
 * Terraform applies -var and -var-file in command-line order, so a later file's value wins over an
 * earlier --var. Only the vars that some file follows are listed; the rest come after every file.
 */
export function varPositions(flags: Pick<ScanFlags, 'var' | 'varFile' | 'varFilesBefore'>, configVarFiles: number): Record<string, number> {
  const positions: Record<string, number> = {};
  flags.var.forEach((assignment, i) => {
    const name = VAR_ASSIGNMENT.exec(assignment)?.[1];
    if (name === undefined) return;
    const before = Math.min(flags.varFilesBefore?.[i] ?? flags.varFile.length, flags.varFile.length);
    if (before < flags.varFile.length) positions[name] = configVarFiles + before;
    else delete positions[name];
  });
  return positions;
}

/** Everything that can make the scan unable to run is checked here, before any file is read. */
export function prepareScan(context: ScanContext, paths: readonly string[], flags: Omit<ScanFlags, 'format' | 'quiet' | 'color' | 'verbose' | 'var'>): PreparedScan {
  const root = resolveScanRoot(context.fs, context.cwd, paths);
  if (!root.ok) throw new SetupError(root.errors);
  const custom = customRulePack(context, root.value.configFrom ?? root.value.root, flags, root.value.root);
  const config = loadConfig(context.fs, {
    cwd: context.cwd,
    searchFrom: root.value.configFrom ?? root.value.root,
    catalog: custom.catalog,
    ...(flags.config !== undefined ? { explicitPath: flags.config } : {}),
  });
  if (!config.ok) throw new SetupError(config.errors);
  // A variables file that is not there is a bad argument (exit 2), as a missing config or baseline
  // is: scanning on the defaults instead would judge values the pipeline never deploys.
  for (const varFile of [...config.value.varFiles, ...flags.varFile]) {
    if (context.fs.stat(path.resolve(context.cwd, varFile))?.kind !== 'file') {
      throw new UsageError(`--var-file ${varFile}: no such file.`, 'Paths are relative to the working directory; check the --var-file flag or the var_files entry of the config file.');
    }
  }
  // tfsec's --exclude takes rule ids; here it takes file globs, so `--exclude aws-s3-enable-bucket-logging`
  // left the rule running and matched no file, in silence.
  for (const glob of flags.exclude ?? []) {
    if (!/[*?[\]{}/.]/.test(glob) && custom.catalog.resolve(glob).length > 0) {
      throw new UsageError(`--exclude ${glob}: that is a rule id, and --exclude takes a file glob here (tfsec's --exclude takes rule ids).`, `Use --skip-rule ${glob} to not run the rule; for a directory of that name, --exclude '${glob}/**'.`);
    }
  }
  const selection = selectRules(custom.rules, config.value.rules, flags.rule, flags.skipRule);
  const location = locateRegister(context.fs, root.value.root, config.value);
  const policy = waiverPolicy(config.value);
  const register = readWaiverRegister(context.fs, root.value.root, location, { configured: config.value.waivers?.file !== undefined, policy, resolveRule: custom.catalog.resolve });
  return {
    scanRoot: root.value,
    config: config.value,
    selection,
    custom,
    failOn: flags.failOn ?? config.value.failOn ?? 'high',
    ...(register ? { waivers: { register, policy, baseDir: location.baseDir } } : {}),
    ...(config.warnings.length > 0 ? { configWarnings: config.warnings } : {}),
  };
}

export async function executeScan(context: ScanContext, prepared: PreparedScan, flags: ScanFlags, terminal: Terminal, sourceScan?: SourceScan, keepModel = false, fileIndex?: FileIndex): Promise<ScanResult> {
  const progress = new ProgressLine(terminal, context.monotonicMs, context.monotonicMs());
  const inline = flags.inlineSuppressions ?? prepared.config.inlineSuppressions ?? true;
  try {
    const result = await scan(context, {
      scanRoot: prepared.scanRoot,
      rules: prepared.selection.rules,
      settings: prepared.selection.settings,
      evaluate: evaluateTerraform,
      inlineSuppressions: inline,
      varFiles: [...prepared.config.varFiles, ...flags.varFile],
      vars: parseVars(flags.var),
      varPositions: varPositions(flags, prepared.config.varFiles.length),
      exclude: [...prepared.config.exclude, ...(flags.exclude ?? [])],
      ...(flags.allowOutsideRoot === true ? { allowOutsideRoot: true } : {}),
      ...(prepared.config.maxFileBytes !== undefined ? { maxFileBytes: prepared.config.maxFileBytes } : {}),
      ...(prepared.waivers ? { waivers: prepared.waivers } : {}),
      ...(sourceScan ? { sourceScan } : {}),
      ...(flags.shard ? { shard: flags.shard } : {}),
      ...(keepModel ? { keepModel } : {}),
      ...(fileIndex ? { fileIndex } : {}),
      onProgress: (p) =>
        progress.update(
          p.phase === 'discover' ? 'Finding files…' : p.phase === 'evaluate' ? `Evaluating ${p.filesFound} files…` : p.phase === 'rules' ? `Running rules on ${p.filesFound} files…` : 'Done',
        ),
    });
    // Invalid policy files are errors of the run, like unparsable input (exit 1); the rules still ran.
    const unknownIds = inline && prepared.custom ? unknownSuppressionIds(reportedFiles(result), prepared.custom.catalog) : [];
    const extra = [...(prepared.configWarnings ?? []), ...(prepared.custom?.diagnostics ?? []), ...unknownIds];
    return extra.length > 0 ? { ...result, diagnostics: [...extra, ...result.diagnostics] } : result;
  } finally {
    progress.clear();
  }
}

/**
 * The files whose markers the report answers for: with named Terraform files, those of the named
 * files' modules (their directories), as the findings are (pipeline/module-context.ts).
 */
function reportedFiles(result: ScanResult): ScanResult['files'] {
  if (!result.contextFiles || result.contextFiles.length === 0) return result.files;
  const context = new Set(result.contextFiles);
  const modules = new Set(result.files.filter((f) => !context.has(f.path)).map((f) => dirOf(f.path)));
  return result.files.filter((f) => !context.has(f.path) || modules.has(dirOf(f.path)));
}

/**
 * The per-root-module evaluation `scan` runs (pipeline/source-scan.ts), without the cache or worker
 * threads, for the commands that scan and then read the findings (baseline, controls, evidence,
 * waivers, fix): they judge what `scan` judges, in the memory `scan` takes (the whole-tree evaluation
 * kept every parse tree and every module instance's declarations: corpus (b) of the bench peaked at
 * ~550 MB against ~360 MB). `fix` asks for `keepFixes`: its findings keep their edit callbacks.
 */
export function uncachedSourceScan(context: ScanContext, prepared: PreparedScan, keepFixes = false): SourceScan {
  return sourceScanFor(context, prepared.scanRoot.root, prepared.config.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, { cache: false, ...(keepFixes ? { keepFixes } : {}) }).sourceScan;
}

export function reportInput(result: ScanResult, failOn: FailOn, warnOnly: ReadonlySet<string>): ReportInput {
  const outcome = decideOutcome(result, failOn, warnOnly);
  return { ...result, failOn, blocking: outcome.blocking, exitCode: outcome.exitCode };
}

export async function runScanCommand(context: ScanContext, paths: readonly string[], flags: ScanFlags, terminal: Terminal): Promise<number> {
  const outputs = resolveOutputs(flags.outputs ?? [{ format: flags.format }], flags.output);
  parseVars(flags.var); // reject a malformed --var before scanning
  const prepared = prepareScan(context, paths, flags);
  // Per root module, in --jobs workers, with the cache where enabled (issue 11); the scan command only.
  // Not with a --plugin: a plugin is code, and what its rules decide may follow the modules it imports,
  // files it reads or the clock, none of which a key can name (its entry file alone was keyed: a warm
  // scan kept a plugin rule's pass after the helper module holding its threshold changed).
  const plugins = (flags.customRules?.plugins.length ?? 0) > 0;
  const { sourceScan: ownScan, cacheDir } = sourceScanFor(context, prepared.scanRoot.root, prepared.config.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, plugins ? { ...flags.sourceScan, cache: false } : (flags.sourceScan ?? {}));
  // The cache keys on rule ids; a custom YAML policy can change and keep its id, so its files are in the key too.
  const policies = prepared.custom?.fingerprint;
  const sourceScan: SourceScan = policies ? (input) => ownScan({ ...input, scope: `${input.scope ?? ''}|policies ${policies}` }) : ownScan;
  // With the cache, its file index: a file unchanged since the last scan is statted, not read (issue 11).
  // The wall clock, not context.now (a test's fixed day): it is compared with the files' change times.
  const files = cacheDir !== undefined ? cachedFileIndex(cacheDir, prepared.scanRoot.root, Date.now()) : undefined;
  const scanned = await executeScan(context, prepared, flags, terminal, sourceScan, false, files?.index);
  files?.save();
  const result = narrowFindings(context, scanned, {
    ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
    ...(flags.changedSince !== undefined ? { changedSince: flags.changedSince } : {}),
  });
  const repositoryRoot = scanRootInRepository(context, prepared.scanRoot.root);
  const input = { ...reportInput(result, prepared.failOn, prepared.selection.warnOnly), ...(repositoryRoot !== undefined ? { repositoryRoot } : {}) };
  const auditLog = resolveAuditLog(context, prepared.scanRoot.root, prepared.config, flags.auditLog);
  recordScan(context, auditLog, scanned, prepared.waivers?.register, input.exitCode);
  // What a report may show of each file: a value set for a sensitive variable is masked wherever it is set.
  const sources = sensitiveAssignmentsMasked(result.files, reportedLiterals(scanned.findings));
  const linkBase = sourceLinkBase({ serverUrl: context.env.GITHUB_SERVER_URL, repository: context.env.GITHUB_REPOSITORY, sha: context.env.GITHUB_SHA });
  // With the cache, a JSON report's findings are remembered beside its entries and copied by the next warm scan.
  const memo = cacheDir !== undefined && scanned.cacheOrigins ? findingsMemo(cacheDir, scanned.cacheOrigins) : undefined;
  writeReports(
    context,
    input,
    outputs,
    {
      tool: { name: 'safeguard', version: packageVersion() },
      sources,
      ruleDoc: ruleDocs(prepared.custom?.rules),
      verbose: flags.verbose,
      quiet: flags.quiet,
      ...(flags.compact === true ? { compact: true } : {}),
      now: context.now,
      includeSuppressed: flags.includeSuppressed === true,
      ...(flags.sarifCategory !== undefined ? { sarifCategory: flags.sarifCategory } : {}),
      ...(linkBase !== undefined ? { sourceLinkBase: linkBase } : {}),
      ...(memo ? { findingsMemo: memo } : {}),
    },
    flags,
    terminal,
  );
  return input.exitCode;
}
