// The command line: commander definitions for scan, rules, explain and controls, and the mapping
// of every outcome to an exit code (STYLE.md §8): 0 clean, 1 failing findings or unparsable
// input, 2 the scan could not run (one line and a hint) or an internal error (a bug report).
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { FAIL_ON_VALUES, type FailOn } from '../config/safeguard-config.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import { parseShard, type Shard } from '../pipeline/shard.js';
import { REPORTER_NAMES } from '../reporters/registry.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { formatLocation } from '../source/span.js';
import { ISSUES_URL, redactedStack, SetupError, UsageError } from './cli-error.js';
import { listedRules, loadPluginRules, type CustomRuleFlags } from './custom-rules.js';
import { looksLikeInputFile, peerFormat, peerOptionHint } from './peer-flags.js';
import { parseFormatArgument } from './report-outputs.js';
import { runScanCommand, type ScanFlags } from './scan-command.js';
import { stderrColors, type Terminal } from './terminal.js';
import { PACKAGE_ROOT, packageVersion } from './version.js';
import { FileChangedDuringScan } from '../discovery/file-index.js';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

const SCAN_EXAMPLES = `
Examples:
  $ safeguard scan                              scan the current directory
  $ safeguard scan infra/prod --fail-on critical
  $ safeguard scan . --soft-fail                report, never fail on findings (as --fail-on none)
  $ safeguard scan . --format json --output safeguard.json
  $ safeguard scan . --format sarif:results.sarif --format markdown:comment.md --format text
  $ safeguard scan . --baseline .safeguard-baseline.json --changed-since origin/main
  $ safeguard scan . --rule aws-s3-bucket-encryption-at-rest --rule CKV_AWS_16
  $ safeguard scan . --skip-rule aws-vpc-flow-logs --var-file prod.tfvars --var env=prod
  $ safeguard scan . --shard 2/4 -f json:shard-2.json   one of four CI jobs; then \`safeguard merge shard-*.json\`
  $ safeguard scan . --verbose                  also list skipped files and why

Exit codes:
  0  nothing fails at or above --fail-on
  1  failing findings, or files that could not be parsed
  2  the scan could not run (bad arguments, bad config, missing path, internal error)
`;

interface RawScanOptions {
  format?: string[];
  baseline?: string;
  changedSince?: string;
  includeSuppressed?: boolean;
  sarifCategory?: string;
  policies?: string[];
  plugin?: string[];
  auditLog?: string | boolean;
  jobs?: number;
  cacheDir?: string;
  cache?: boolean;
  shard?: Shard;
  output?: string;
  failOn?: FailOn;
  softFail?: boolean;
  rule?: string[];
  skipRule?: string[];
  exclude?: string[];
  config?: string;
  varFile?: string[];
  allowOutsideRoot?: boolean;
  var?: string[];
  inlineSuppressions: boolean;
  quiet?: boolean;
  compact?: boolean;
  color: boolean;
  verbose?: boolean;
}

/**
 * `--sarif-category`, checked: a category is only written into a SARIF report, so without one the
 * flag did nothing, and a pipeline that lost its `-f sarif` would upload nothing with no word why.
 */
function sarifCategoryOf(category: string, outputs: readonly { readonly format: string }[]): string {
  if (category.trim() === '') throw new UsageError('--sarif-category: expected a category, got an empty string.', 'Example: --sarif-category safeguard/infra-prod');
  if (!outputs.some((o) => o.format === 'sarif')) throw new UsageError('--sarif-category names the category of a SARIF report, and no --format sarif is given.', 'Example: --format sarif:results.sarif --sarif-category safeguard/infra-prod');
  return category;
}

function scanFlags(raw: RawScanOptions, command: Command): ScanFlags {
  const outputs = (raw.format ?? ['text']).map(parseFormatArgument);
  return {
    format: outputs.at(-1)!.format,
    ...(outputs.length > 1 || outputs.some((o) => o.file !== undefined) ? { outputs } : {}),
    ...(raw.baseline !== undefined ? { baseline: raw.baseline } : {}),
    ...(raw.changedSince !== undefined ? { changedSince: raw.changedSince } : {}),
    ...(raw.includeSuppressed === true ? { includeSuppressed: true } : {}),
    ...(raw.sarifCategory !== undefined ? { sarifCategory: sarifCategoryOf(raw.sarifCategory, outputs) } : {}),
    ...customRuleFlags(raw),
    ...(typeof raw.auditLog === 'string' || raw.auditLog === false ? { auditLog: raw.auditLog } : {}),
    ...(raw.jobs !== undefined || raw.cacheDir !== undefined || raw.cache === false ? { sourceScan: { ...(raw.jobs !== undefined ? { jobs: raw.jobs } : {}), ...(raw.cacheDir !== undefined ? { cacheDir: raw.cacheDir } : {}), ...(raw.cache === false ? { cache: false } : {}) } } : {}),
    ...(raw.shard !== undefined ? { shard: raw.shard } : {}),
    rule: raw.rule ?? [],
    skipRule: raw.skipRule ?? [],
    ...(raw.exclude !== undefined ? { exclude: raw.exclude } : {}),
    varFile: raw.varFile ?? [],
    var: raw.var ?? [],
    ...(variableOrders.has(command) ? { varFilesBefore: variableOrders.get(command)!.varFilesBefore } : {}),
    ...(raw.allowOutsideRoot === true ? { allowOutsideRoot: true } : {}),
    quiet: raw.quiet === true,
    ...(raw.compact === true ? { compact: true } : {}),
    color: raw.color,
    verbose: raw.verbose === true,
    ...(raw.output !== undefined ? { output: raw.output } : {}),
    ...(raw.softFail === true ? { failOn: 'none' as const } : raw.failOn !== undefined ? { failOn: raw.failOn } : {}),
    ...(raw.config !== undefined ? { config: raw.config } : {}),
    ...(command.getOptionValueSource('inlineSuppressions') === 'cli' ? { inlineSuppressions: raw.inlineSuppressions } : {}),
  };
}

/** `-f NAME` (choices) or, where several reports make sense, repeatable `-f NAME[:FILE]`. */
function formatOption(formats: readonly string[], several: boolean): Option {
  const description = several ? `output format, optionally :FILE to write it there; repeatable (default: text; choices: ${formats.join(', ')})` : `output format (default: text; choices: ${formats.join(', ')})`;
  return new Option(several ? '-f, --format <format[:file]>' : '-f, --format <format>', description).argParser((value: string, previous: string[] | undefined) => {
    const name = several ? value.split(':')[0]! : value;
    if (!formats.includes(name) || (!several && value.includes(':'))) {
      const peer = peerFormat(name).ours;
      const note = peer !== undefined && formats.includes(peer) ? ` A peer's ${name} is ${peer} here.` : !value.includes(':') && looksLikeInputFile(value) ? ' To scan a file (Checkov\'s -f FILE), name it as an argument: safeguard scan FILE.' : '';
      throw new InvalidArgumentError(`Allowed choices are ${formats.join(', ')}.${note}`);
    }
    return several ? [...(previous ?? []), value] : [value];
  });
}

function addScanOnlyOptions(command: Command): Command {
  return command
    .option('-j, --jobs <n>', 'evaluate root modules in n threads, 0 for every CPU (default: 1); output does not depend on it', (value: string) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0 || n > 256) throw new InvalidArgumentError('Expected a whole number from 0 (every CPU) to 256.');
      return n;
    })
    .option('--cache-dir <dir>', 'reuse results of unchanged scans from this directory (default: .safeguard/cache when the scan root has .safeguard/)')
    .option('--no-cache', 'neither read nor write the scan cache')
    .option('--compact', 'no code frames in the text report (as Checkov\'s --compact)')
    .option('--baseline <file>', 'report only failing findings not in this baseline (see `safeguard baseline create`)')
    .option('--changed-since <git-ref>', 'report only findings in modules whose files changed since this git revision')
    .option('--include-suppressed', 'also put waived findings in SARIF (as suppressions) and GitLab reports')
    .option('--sarif-category <category>', 'the SARIF run\'s code scanning category (runs[].automationDetails.id), to keep several uploads apart; as upload-sarif\'s category input')
    .option('--audit-log <file>', 'append this scan to this audit log (default: audit_log in the config, or .safeguard/audit.log when it exists)')
    .option('--no-audit-log', 'do not append to the audit log')
    .option('--shard <i/n>', 'scan only the i-th of n deterministic slices of the root modules and plan files (merge the reports with `safeguard merge`)', (value: string) => {
      const shard = parseShard(value);
      if (!shard) throw new InvalidArgumentError('Expected i/n with 1 ≤ i ≤ n, for example 2/4.');
      return shard;
    });
}

/**
 * --var-file and --var in command-line order: Terraform applies them in the order given, so each
 * --var remembers how many --var-file flags came before it (one counter per command).
 */
interface VariableOrder {
  varFiles: number;
  readonly varFilesBefore: number[];
}

const variableOrder = (): VariableOrder => ({ varFiles: 0, varFilesBefore: [] });
const variableOrders = new WeakMap<Command, VariableOrder>();

function varFileOption(order: VariableOrder): Option {
  return new Option('--var-file <file>', 'Terraform variables file, like terraform -var-file (repeatable; applied with --var in the order given)').argParser((value: string, previous: string[] | undefined) => {
    order.varFiles += 1;
    return collect(value, previous);
  });
}

function varOption(order: VariableOrder): Option {
  return new Option('--var <name=value>', 'Terraform variable, like terraform -var (repeatable)').argParser((value: string, previous: string[] | undefined) => {
    order.varFilesBefore.push(order.varFiles);
    return collect(value, previous);
  });
}

/**
 * What decides a scan's outcome: the rules, the config, the variables; shared by scan-like commands.
 * `baseline create` records every failing finding whatever its severity, so it takes no --fail-on.
 */
function addJudgingOptions(command: Command, failOn = true): Command {
  const order = variableOrder();
  variableOrders.set(command, order);
  if (failOn) {
    command.addOption(new Option('--fail-on <severity>', 'lowest severity that fails the run (default: high, or fail_on in the config)').choices(FAIL_ON_VALUES));
    // Checkov's and tfsec's --soft-fail: findings never fail the run, which is what --fail-on none means here.
    // Not -s, which is Trivy's --severity.
    command.addOption(new Option('--soft-fail', 'as --fail-on none (Checkov, tfsec): no finding fails the run; unparsable input still does').conflicts('failOn'));
  }
  return command
    .option('--rule <id>', 'run only this rule; an id, alias or peer id such as CKV_AWS_16 (repeatable)', collect)
    .option('--skip-rule <id>', 'do not run this rule (repeatable)', collect)
    .option('--exclude <glob>', 'leave out files and directories matching this glob, relative to the scan root, as the config\'s exclude does, e.g. "legacy/**" (repeatable)', (value: string, previous: string[] | undefined) => {
      // An empty glob is no pattern (the matcher threw on it, an internal error): say which flag.
      if (value === '') throw new InvalidArgumentError('Expected a glob such as "legacy/**", got an empty string.');
      return collect(value, previous);
    })
    .option('-c, --config <file>', 'config file (default: .safeguard.yaml found upward from the scan root)')
    .addOption(varFileOption(order))
    .addOption(varOption(order))
    .option('--allow-outside-root', 'read --var-file, config var_files and config policies that are outside the scan root (refused by default)')
    .option('--no-inline-suppressions', 'ignore # safeguard:ignore and peer skip comments');
}

/** Custom rules: every command that judges with the rule pack takes the same ones, so `fix` and `evidence` see what `scan` sees. */
function addCustomRuleOptions(command: Command): Command {
  return command
    .option('--policies <dir>', 'custom policies: a directory (or file) of YAML policies; repeatable (see docs/policies.md)', collect)
    .option('--plugin <module>', 'rules from your own JS policy pack: a local file or a package installed in the working directory; repeatable (runs that code)', collect);
}

/** --policies / --plugin as the commands' flags (absent when neither was given). */
function customRuleFlags(raw: { readonly policies?: string[]; readonly plugin?: string[] }): { customRules?: CustomRuleFlags } {
  return raw.policies !== undefined || raw.plugin !== undefined ? { customRules: { policies: raw.policies ?? [], plugins: raw.plugin ?? [] } } : {};
}

function addScanOptions(command: Command, formats: readonly string[], several = false): Command {
  return addCustomRuleOptions(addJudgingOptions(command.addOption(formatOption(formats, several)).option('-o, --output <file>', 'write the report to a file instead of stdout'))
    .option('-q, --quiet', 'print only failures and the summary')
    .option('--no-color', 'plain output (also when NO_COLOR is set or output is not a terminal)')
    .option('-v, --verbose', 'also list skipped files with the reason, and timings'));
}

export function buildProgram(terminal: Terminal, context: () => ScanContext, setExit: (code: number) => void): Command {
  const program = new Command('safeguard')
    .description('HIPAA guardrails for infrastructure-as-code: checks Terraform against the HIPAA Security Rule.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => terminal.out(s),
      writeErr: (s) => terminal.err(s),
      outputError: () => undefined, // reported by runCli as one line and a hint
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', '\nRun `safeguard scan --help` for scan options, `safeguard explain <rule-id>` for a rule.\n');

  addScanOnlyOptions(addScanOptions(program.command('scan').description('scan Terraform files for HIPAA guardrail violations').argument('[paths...]', 'files or directories to scan', ['.']), REPORTER_NAMES, true))
    .addHelpText('after', SCAN_EXAMPLES)
    .option('--fix', 'apply safe fixes first (as `safeguard fix`, listing each on stderr), then scan')
    .option('--fix-unsafe', 'as --fix (it implies it), and also apply fixes that may replace, restart or re-permission live infrastructure')
    .action(async (paths: string[], raw: RawScanOptions & { fix?: boolean; fixUnsafe?: boolean }, command: Command) => {
      const flags = await loadPluginRules(context(), scanFlags(raw, command));
      if (raw.fix === true || raw.fixUnsafe === true) {
        const fixed = await (await import('./fix-command.js')).runFixCommand(context(), paths, { dryRun: false, unsafe: raw.fixUnsafe === true, rule: flags.rule, varFile: flags.varFile, var: flags.var, ...(flags.varFilesBefore ? { varFilesBefore: flags.varFilesBefore } : {}), ...(flags.allowOutsideRoot === true ? { allowOutsideRoot: true } : {}), color: flags.color, beforeScan: true, ...(flags.config !== undefined ? { config: flags.config } : {}), ...(flags.auditLog !== undefined ? { auditLog: flags.auditLog } : {}), ...(flags.customRules ? { customRules: flags.customRules } : {}) }, terminal);
        if (fixed.exitCode !== 0) return setExit(fixed.exitCode);
      }
      setExit(await runScanCommand(context(), paths, flags, terminal));
    });

  const fixOrder = variableOrder();
  addCustomRuleOptions(
    program
      .command('fix')
      .description('apply the fixes of failing findings as formatting-preserving edits (safe fixes unless --unsafe)'),
  )
    .argument('[path]', 'file or directory to fix', '.')
    .option('--dry-run', 'print a unified diff and change nothing')
    .option('--unsafe', 'also apply fixes that may replace, restart or re-permission live infrastructure')
    .option('--rule <id>', 'only this rule\'s fixes; an id, alias or peer id (repeatable)', collect)
    .option('--patch <file>', 'also write the unified diff to a file (for a corrective pull request); unmasked source lines: keep it private, not a public CI artifact')
    .option('-c, --config <file>', 'config file (default: .safeguard.yaml found upward from the path)')
    .addOption(varFileOption(fixOrder))
    .addOption(varOption(fixOrder))
    .option('--allow-outside-root', 'read --var-file, config var_files and config policies that are outside the scan root (refused by default)')
    .option('--no-color', 'plain output')
    .option('--audit-log <file>', 'record applied fixes in this audit log (default: audit_log in the config, or .safeguard/audit.log when it exists)')
    .option('--no-audit-log', 'do not record applied fixes')
    .action(async (target: string, raw: { dryRun?: boolean; unsafe?: boolean; rule?: string[]; patch?: string; config?: string; varFile?: string[]; var?: string[]; allowOutsideRoot?: boolean; color: boolean; auditLog?: string | boolean; policies?: string[]; plugin?: string[] }) => {
      const flags = await loadPluginRules(context(), {
        ...customRuleFlags(raw),
        dryRun: raw.dryRun === true,
        unsafe: raw.unsafe === true,
        rule: raw.rule ?? [],
        varFile: raw.varFile ?? [],
        var: raw.var ?? [],
        varFilesBefore: fixOrder.varFilesBefore,
        ...(raw.allowOutsideRoot === true ? { allowOutsideRoot: true } : {}),
        color: raw.color,
        ...(raw.patch !== undefined ? { patch: raw.patch } : {}),
        ...(raw.config !== undefined ? { config: raw.config } : {}),
        ...(typeof raw.auditLog === 'string' || raw.auditLog === false ? { auditLog: raw.auditLog } : {}),
      });
      setExit((await (await import('./fix-command.js')).runFixCommand(context(), [target], flags, terminal)).exitCode);
    });

  // No report, so no --format or --verbose; -o is the baseline file, and every failing finding is recorded (no --fail-on).
  addCustomRuleOptions(
    addJudgingOptions(
      program
        .command('baseline')
        .description('record current failing findings so that `scan --baseline FILE` reports only new ones')
        .command('create')
        .description('scan and write the baseline file (default .safeguard-baseline.json; --output to choose)')
        .argument('[paths...]', 'files or directories to scan', ['.'])
        .option('-o, --output <file>', 'write the baseline to this file (default: .safeguard-baseline.json)'),
      false,
    )
      .option('-q, --quiet', 'no summary line')
      .option('--no-color', 'plain output'),
  ).action(async (paths: string[], raw: RawScanOptions, command: Command) => {
    setExit(await (await import('./baseline-command.js')).runBaselineCreateCommand(context(), paths, await loadPluginRules(context(), scanFlags(raw, command)), terminal));
  });

  program
    .command('merge')
    .description('merge the JSON or SARIF reports of `scan --shard i/n` jobs into one (exit 1 when the merged scan fails)')
    .argument('<reports...>', 'the shards\' report files, all JSON or all SARIF')
    .option('-o, --output <file>', 'write the merged report to a file instead of stdout')
    .option('-q, --quiet', 'no confirmation line')
    .action(async (reports: string[], raw: { output?: string; quiet?: boolean }) => {
      setExit((await import('./merge-command.js')).runMergeCommand(context(), reports, { quiet: raw.quiet === true, ...(raw.output !== undefined ? { output: raw.output } : {}) }, terminal));
    });

  const waivers = program.command('waivers').description('the waiver register (.safeguard/waivers.yaml): list, check and add accepted risks');
  const waiverOptions = (command: Command): Command =>
    command
      .argument('[path]', 'the scanned directory the register belongs to', '.')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
      .option('-c, --config <file>', 'config file (default: .safeguard.yaml found upward from the path)')
      .option('--no-scan', 'judge expiry and validity only; skip the scan that finds unused waivers')
      .option('--no-color', 'plain output');
  type RawWaiverOptions = { format: string; config?: string; scan: boolean; color: boolean };
  const waiverFlags = (raw: RawWaiverOptions) => ({ format: raw.format, scan: raw.scan, color: raw.color, ...(raw.config !== undefined ? { config: raw.config } : {}) });
  waiverOptions(waivers.command('list').description('every waiver with its state: active, expiring, expired, unused or invalid')).action(async (target: string, raw: RawWaiverOptions) =>
    setExit(await (await import('./waivers-command.js')).runWaiversListCommand(context(), target, waiverFlags(raw), terminal)),
  );
  waiverOptions(waivers.command('check').description('exit 1 when a waiver is invalid or expired (for CI); warn about expiring and unused ones')).action(async (target: string, raw: RawWaiverOptions) =>
    setExit(await (await import('./waivers-command.js')).runWaiversCheckCommand(context(), target, waiverFlags(raw), terminal)),
  );
  waivers
    .command('add')
    .description('append a validated waiver to the register, keeping its comments, and record it in the audit log')
    .argument('[path]', 'the scanned directory the register belongs to', '.')
    .option('--id <id>', 'waiver id (default: the next W-NNN)')
    .option('--rule <id>', 'the rule waived: an id, alias or peer id such as CKV_AWS_20')
    .option('--resource <glob>', 'resource address or glob, e.g. aws_s3_bucket.logs or module.legacy.* (repeatable)', collect)
    .option('--path <glob>', 'file glob relative to the directory holding .safeguard/ (repeatable)', collect)
    .option('--root <glob>', 'root module directory glob, relative as --path is: only findings evaluated for it, e.g. one stack of a shared module (repeatable)', collect)
    .option('--justification <text>', 'why the risk is accepted')
    .addOption(new Option('--likelihood <level>', 'risk likelihood').choices(['low', 'medium', 'high', 'critical']))
    .addOption(new Option('--impact <level>', 'risk impact').choices(['low', 'medium', 'high', 'critical']))
    .option('--compensating-control <text>', 'a control that reduces the risk meanwhile (repeatable)', collect)
    .option('--requested-by <who>', 'who asks for the waiver')
    .option('--approved-by <who>', 'who approved it; not the requester (repeatable)', collect)
    .option('--expires <date>', 'last day in force: YYYY-MM-DD, or 90d for 90 days from today')
    .option('--ticket <url>', 'link to the risk acceptance ticket')
    .option('-c, --config <file>', 'config file (default: .safeguard.yaml found upward from the path)')
    .option('--audit-log <file>', 'record the change in this audit log (default: .safeguard/audit.log)')
    .option('--no-audit-log', 'do not record the change')
    .action(async (target: string, raw: { id?: string; rule?: string; resource?: string[]; path?: string[]; root?: string[]; justification?: string; likelihood?: string; impact?: string; compensatingControl?: string[]; requestedBy?: string; approvedBy?: string[]; expires?: string; ticket?: string; config?: string; auditLog?: string | boolean }) => {
      const { resource, path, root, compensatingControl, approvedBy, auditLog, ...rest } = raw;
      setExit(
        (await import('./waivers-add-command.js')).runWaiversAddCommand(
          context(),
          target,
          {
            ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
            resource: resource ?? [],
            path: path ?? [],
            root: root ?? [],
            compensatingControl: compensatingControl ?? [],
            approvedBy: approvedBy ?? [],
            ...(typeof auditLog === 'string' || auditLog === false ? { auditLog } : {}),
          },
          terminal,
        ),
      );
    });

  program
    .command('audit')
    .description('the hash-chained audit log of scans, waiver changes and fixes')
    .command('verify')
    .description('check the audit log for edited, removed, inserted or reordered entries (exit 1 if any)')
    .argument('[file]', 'the log (default: audit_log in the config, or .safeguard/audit.log)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-c, --config <file>', 'config file (default: .safeguard.yaml found upward from the working directory)')
    .option('--expect-head <hash>', 'a head recorded earlier (printed by verify, or in an evidence pack\'s manifest) that must still be in the log: detects a removed or rewritten tail (repeatable)', collect)
    .option('--no-color', 'plain output')
    .action(async (file: string | undefined, raw: { format: string; config?: string; color: boolean; expectHead?: string[] }) =>
      setExit((await import('./audit-command.js')).runAuditVerifyCommand(context(), file, { format: raw.format, color: raw.color, ...(raw.config !== undefined ? { config: raw.config } : {}), ...(raw.expectHead ? { expectHead: raw.expectHead } : {}) }, terminal)),
    );

  program
    .command('policy')
    .description('custom policies (docs/policies.md)')
    .command('test')
    .description('run every policy\'s own good and bad examples; exit 1 if any fails or a policy file is invalid')
    .argument('<paths...>', 'policy directories or YAML files')
    .option('--plugin <module>', 'also test the examples of this policy pack\'s rules (repeatable)', collect)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--no-color', 'plain output')
    .action(async (paths: string[], raw: { plugin?: string[]; format: 'text' | 'json'; color: boolean }) =>
      setExit(await (await import('./policy-command.js')).runPolicyTestCommand(context(), paths, { plugins: raw.plugin ?? [], format: raw.format, color: raw.color }, terminal)),
    );

  program
    .command('rules')
    .description('list every rule: id, severity, title, HIPAA sections and peer ids')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--no-color', 'plain output')
    .option('--policies <dir>', 'also list these custom policies (repeatable)', collect)
    .option('--plugin <module>', 'also list the rules of this policy pack (repeatable)', collect)
    .action(async (raw: { format: string; color: boolean; policies?: string[]; plugin?: string[] }) => setExit((await import('./rules-command.js')).runRulesCommand(raw, terminal, await listedRules(context(), raw))));

  program
    .command('explain')
    .description('why a rule matters, how to fix it, examples and the HIPAA text it maps to')
    .argument('<rule-id>', 'a rule id, alias or peer id (CKV_AWS_16, AVD-AWS-0080)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--no-color', 'plain output')
    .option('--policies <dir>', 'also look in these custom policies (repeatable)', collect)
    .option('--plugin <module>', 'also look in the rules of this policy pack (repeatable)', collect)
    .action(async (id: string, raw: { format: string; color: boolean; policies?: string[]; plugin?: string[] }) => setExit((await import('./rules-command.js')).runExplainCommand(id, raw, terminal, await listedRules(context(), raw))));

  addScanOptions(
    program
      .command('controls')
      .description('HIPAA Security Rule sections and the rules covering them; with PATH, results per section')
      .argument('[path]', 'scan this path and show pass/fail/waived/unknown per section'),
    ['text', 'json'],
  ).action(async (scanPath: string | undefined, raw: RawScanOptions, command: Command) => {
    setExit(await (await import('./controls-command.js')).runControlsCommand(context(), scanPath, await loadPluginRules(context(), scanFlags(raw, command)), terminal));
  });

  const evidence = addCustomRuleOptions(addJudgingOptions(
    program
      .command('evidence')
      .description('scan and write a signed evidence pack for auditors: HTML report, control matrix, risk register, SBOM, manifest (docs/evidence.md)')
      .argument('[path]', 'file or directory to scan', '.')
      .option('-o, --output <dir>', 'write the pack to this new (or empty) directory (required)')
      .option('--zip', 'also write the pack as DIR.zip')
      .option('--sign-key <file>', 'sign manifest.json with this Ed25519 private key (PEM; `openssl genpkey -algorithm ed25519`)'),
  ))
    .option('-q, --quiet', 'no summary line')
    .option('--no-color', 'plain output')
    .action(async (scanPath: string, raw: RawScanOptions & { zip?: boolean; signKey?: string }, command: Command) => {
      const { output, ...rest } = raw;
      if (output === undefined) throw new UsageError('evidence: -o DIR is required, the directory to write the pack to.', 'Example: safeguard evidence infra -o evidence-2026-q4 --zip');
      const flags = { ...(await loadPluginRules(context(), scanFlags(rest, command))), outDir: output, zip: raw.zip === true, ...(raw.signKey !== undefined ? { signKey: raw.signKey } : {}) };
      setExit(await (await import('./evidence-command.js')).runEvidenceCommand(context(), scanPath, flags, terminal));
    });
  evidence
    .command('verify')
    .description('check every file of an evidence pack against manifest.json and its signature (exit 1 on any mismatch)')
    .argument('<pack>', 'the pack directory, or its .zip')
    .option('--pub-key <file>', 'require a signature by this Ed25519 public key (PEM)')
    .option('--no-color', 'plain output')
    .action(async (pack: string, raw: { pubKey?: string; color: boolean }) => {
      setExit((await import('./evidence-command.js')).runEvidenceVerifyCommand(context(), pack, { color: raw.color, quiet: false, ...(raw.pubKey !== undefined ? { pubKey: raw.pubKey } : {}) }, terminal));
    });

  return program;
}

function diagnosticLine(d: Diagnostic): string {
  const where = d.span ? `${formatLocation(d.span)}: ` : d.file ? `${d.file}: ` : '';
  return `${where}${d.message}`;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], terminal: Terminal, context: () => ScanContext): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(terminal, context, (code) => (exitCode = code));
  const c = stderrColors(terminal, !argv.includes('--no-color'));
  const fail = (lines: readonly string[], hint: string | undefined): number => {
    for (const line of lines) terminal.err(`${c.red('safeguard:')} ${line}\n`);
    if (hint) terminal.err(`  ${c.dim('hint:')} ${hint}\n`);
    return 2;
  };
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync') return 2;
      const message = error.message.replace(/^error: /, '');
      // A peer's flag (Checkov's --compact, Trivy's --exit-code): say what does its job here, in place of
      // commander's nearest-name guess (--skip-files is not --skip-rule).
      const option = error.code === 'commander.unknownOption' ? /unknown option '([^']+)'/.exec(message)?.[1] : undefined;
      const peer = option !== undefined ? peerOptionHint(option) : undefined;
      if (peer !== undefined) return fail([message.split('\n')[0]!], peer);
      return fail([message], 'Run `safeguard --help` or `safeguard <command> --help` for usage.');
    }
    if (error instanceof UsageError) return fail([error.message], error.hint);
    if (error instanceof FileChangedDuringScan) return fail([error.message], 'Run the scan again once the files have stopped changing.');
    if (error instanceof SetupError) {
      return fail(
        error.diagnostics.map(diagnosticLine),
        error.diagnostics.find((d) => d.hint)?.hint ??
          (error.diagnostics.some((d) => d.code.startsWith('config/')) ? 'Fix the config file and run again; docs/cli.md describes every key.' : undefined),
      );
    }
    terminal.err(`${c.red('safeguard:')} internal error. This is a bug, please report it at ${ISSUES_URL}\n`);
    terminal.err(`  safeguard ${packageVersion()}, Node ${process.version}, ${process.platform} ${process.arch}\n`);
    terminal.err(`${redactedStack(error, PACKAGE_ROOT).join('\n')}\n`);
    terminal.err('  (the error message is left out because it may contain file contents)\n');
    return 2;
  }
}
