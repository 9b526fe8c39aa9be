// `safeguard scan [PATH...]`: argv options → config → scan → report → exit code.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/find-config.js';
import type { FailOn, SafeguardConfig } from '../config/safeguard-config.js';
import { evaluateTerraform } from '../graph/index.js';
import { decideOutcome } from '../pipeline/run-outcome.js';
import { scan, type ScanResult } from '../pipeline/scan.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import { resolveScanRoot, type ScanRoot } from '../pipeline/scan-root.js';
import { findReporter } from '../reporters/registry.js';
import type { ReportInput } from '../reporters/report-input.js';
import { SetupError, UsageError } from './cli-error.js';
import { ruleCatalog, ruleDocs, rulePack, selectRules, type RuleSelection } from './rule-pack.js';
import { ProgressLine, useColor, type Terminal } from './terminal.js';
import { packageVersion } from './version.js';

export interface ScanFlags {
  readonly format: string;
  readonly output?: string;
  readonly failOn?: FailOn;
  readonly rule: readonly string[];
  readonly skipRule: readonly string[];
  readonly config?: string;
  readonly varFile: readonly string[];
  readonly var: readonly string[];
  /** undefined when neither flag nor default decided (the config file may). */
  readonly inlineSuppressions?: boolean;
  readonly quiet: boolean;
  readonly color: boolean;
  readonly verbose: boolean;
}

export interface PreparedScan {
  readonly scanRoot: ScanRoot;
  readonly config: SafeguardConfig;
  readonly selection: RuleSelection;
  readonly failOn: FailOn;
}

const VAR_ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_-]*)=(.*)$/s;

export function parseVars(assignments: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const assignment of assignments) {
    const m = VAR_ASSIGNMENT.exec(assignment);
    if (!m) {
      // Never echo the value: it may be a secret.
      const name = assignment.split('=')[0] ?? '';
      throw new UsageError(`--var ${assignment.includes('=') ? `${name}=…` : name}: expected name=value.`, 'Example: --var environment=prod');
    }
    vars[m[1]!] = m[2]!;
  }
  return vars;
}

/** Everything that can make the scan unable to run is checked here, before any file is read. */
export function prepareScan(context: ScanContext, paths: readonly string[], flags: Omit<ScanFlags, 'format' | 'quiet' | 'color' | 'verbose' | 'var'>): PreparedScan {
  const root = resolveScanRoot(context.fs, context.cwd, paths);
  if (!root.ok) throw new SetupError(root.errors);
  const config = loadConfig(context.fs, {
    cwd: context.cwd,
    searchFrom: root.value.root,
    catalog: ruleCatalog,
    ...(flags.config !== undefined ? { explicitPath: flags.config } : {}),
  });
  if (!config.ok) throw new SetupError(config.errors);
  const selection = selectRules(rulePack(), config.value.rules, flags.rule, flags.skipRule);
  return { scanRoot: root.value, config: config.value, selection, failOn: flags.failOn ?? config.value.failOn ?? 'high' };
}

export async function executeScan(context: ScanContext, prepared: PreparedScan, flags: ScanFlags, terminal: Terminal): Promise<ScanResult> {
  const progress = new ProgressLine(terminal, context.monotonicMs, context.monotonicMs());
  const inline = flags.inlineSuppressions ?? prepared.config.inlineSuppressions ?? true;
  try {
    return await scan(context, {
      scanRoot: prepared.scanRoot,
      rules: prepared.selection.rules,
      settings: prepared.selection.settings,
      evaluate: evaluateTerraform,
      inlineSuppressions: inline,
      varFiles: [...prepared.config.varFiles, ...flags.varFile],
      vars: parseVars(flags.var),
      exclude: prepared.config.exclude,
      onProgress: (p) =>
        progress.update(
          p.phase === 'discover' ? 'Finding files…' : p.phase === 'evaluate' ? `Evaluating ${p.filesFound} files…` : p.phase === 'rules' ? `Running rules on ${p.filesFound} files…` : 'Done',
        ),
    });
  } finally {
    progress.clear();
  }
}

export function reportInput(result: ScanResult, failOn: FailOn, warnOnly: ReadonlySet<string>): ReportInput {
  const outcome = decideOutcome(result, failOn, warnOnly);
  return { ...result, failOn, blocking: outcome.blocking, exitCode: outcome.exitCode };
}

export async function runScanCommand(context: ScanContext, paths: readonly string[], flags: ScanFlags, terminal: Terminal): Promise<number> {
  const reporter = findReporter(flags.format);
  if (!reporter) throw new UsageError(`--format ${flags.format}: unknown format.`, 'Use --format text or --format json.');
  parseVars(flags.var); // reject a malformed --var before scanning
  const prepared = prepareScan(context, paths, flags);
  const result = await executeScan(context, prepared, flags, terminal);
  const input = reportInput(result, prepared.failOn, prepared.selection.warnOnly);
  const sources = new Map(result.files.map((f) => [f.path, f.text]));
  const toFile = flags.output !== undefined;
  const report = reporter.render(input, {
    tool: { name: 'safeguard', version: packageVersion() },
    sources: (file) => sources.get(file),
    ruleDoc: ruleDocs(),
    color: reporter.colored && !toFile && useColor(terminal, flags.color, 'stdout'),
    verbose: flags.verbose,
    quiet: flags.quiet,
  });
  if (toFile) {
    const target = path.resolve(context.cwd, flags.output!);
    try {
      writeFileSync(target, report);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'write failed';
      throw new UsageError(`--output ${flags.output}: cannot write the report (${reason}).`, 'Check that the directory exists and is writable.');
    }
    if (!flags.quiet) terminal.err(`Report written to ${flags.output} (${input.exitCode === 0 ? 'passed' : `${input.blocking.length} blocking findings, ${result.diagnostics.filter((d) => d.severity === 'error').length} errors`}).\n`);
  } else terminal.out(report);
  return input.exitCode;
}
