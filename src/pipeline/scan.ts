// The scan, end to end and free of process state (STYLE.md §1, §9):
// discover → read → evaluate Terraform → run rules → one ScanResult for the reporters.
import path from 'node:path';
import { maskQuotedSecrets } from '../detectors/mask.js';
import { mergeSortedFindings, runRules, sortFindings, type RuleSettings, type RunResult } from '../engine/run-rules.js';
import type { Finding } from '../engine/finding.js';
import { suppressionIndexOf } from '../engine/inline-suppressions.js';
import type { InfraModel, TextDocument } from '../model/infra-model.js';
import type { AnyRule } from '../rules/define-rule.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Position } from '../source/span.js';
import { decodeText } from '../discovery/decode-text.js';
import { decodeNonUtf8Terraform, decodeNulTerraform, replacedUtf8Warning } from '../discovery/terraform-encoding.js';
import { DEFAULT_MAX_FILE_BYTES, discover, ignoredTerraform, isInside, toRelative, type DiscoveredFile } from '../discovery/discover.js';
import type { SkippedFile } from '../discovery/skipped-file.js';
import { isoDay, type ScanContext } from './scan-context.js';
import { replacedByPlans, scanPlansAndStates, type PlanOrStateFile } from './plan-state-scan.js';
import type { ScanRoot } from './scan-root.js';
import type { SourceScan, SourceScanResult } from './source-scan.js';
import type { CacheOrigin } from './scan-cache.js';
import { applyRegisterWaivers, MASKED_KEY, namesInstance, type AppliedRegister } from '../waivers/match-waiver.js';
import type { WaiverPolicy, WaiverRegister } from '../waivers/waiver.js';
import { plansOfShard, unitsOfShard, type Shard } from './shard.js';
import { insideReader } from './read-inside.js';
import { sweepDocuments, terraformCommentDocuments, withStackProviderBlocks, type Sweep } from './document-sweep.js';
import { findPhiInText } from '../detectors/phi.js';
import { findSecretsInText } from '../detectors/secrets.js';
import { terraformArtifactKind } from '../discovery/terraform-artifacts.js';
import { createInfraModel } from '../graph/infra-model.js';
import { DOCUMENT_RULE_IDS } from '../rules/terraform/document-scan.js';
import { aboutNamedFiles } from './module-context.js';
import { TERRAGRUNT_FILE, isTerragruntConfig, terragruntUnitsOf, type TerragruntUnit } from '../graph/terragrunt.js';
import { isStackComponentConfig } from '../graph/stacks.js';
import { isStackDeploymentConfig } from '../graph/stack-inputs.js';
import { isTerraformFile } from '../graph/load.js';
import { dirOf } from '../util/paths.js';
import { SourceTexts } from './source-texts.js';
import type { FileIndex } from '../discovery/file-index.js';

/** The evaluator's entry point (src/graph), passed in so the pipeline can be tested with a fake. */
export type EvaluateTerraform = (input: {
  readonly files: ReadonlyMap<string, string>;
  readFile(rel: string): string | undefined;
  listFiles?(relDir: string): readonly string[] | undefined;
  readonly varFiles?: string[];
  readonly vars?: Record<string, string>;
  readonly varPositions?: Record<string, number>;
  readonly env?: Record<string, string>;
  readonly selectRoots?: (rootDirs: readonly string[]) => readonly string[];
  readonly repoFiles?: readonly string[];
  /** Directory symlinks inside the scan root (discovery's `links`). */
  readonly links?: ReadonlyMap<string, string>;
}) => { readonly model: InfraModel; readonly diagnostics: readonly Diagnostic[] };

export type ScanPhase = 'discover' | 'evaluate' | 'rules' | 'done';

export interface ScanProgress {
  readonly phase: ScanPhase;
  readonly filesFound: number;
  readonly rulesRun: number;
}

export interface ScanOptions {
  readonly scanRoot: ScanRoot;
  /** The rules to run, already narrowed by --rule / --skip-rule. */
  readonly rules: readonly AnyRule[];
  readonly evaluate: EvaluateTerraform;
  /** Per-rule config by canonical id. */
  readonly settings?: ReadonlyMap<string, RuleSettings>;
  readonly inlineSuppressions?: boolean;
  /** --var-file and config var_files, absolute or relative to cwd. */
  readonly varFiles?: readonly string[];
  /** --allow-outside-root: var files outside the scan root are read (by default they are refused with an error). */
  readonly allowOutsideRoot?: boolean;
  readonly vars?: Readonly<Record<string, string>>;
  /** For each --var, how many of `varFiles` came before it on the command line (Terraform applies them in that order). */
  readonly varPositions?: Readonly<Record<string, number>>;
  /** Globs relative to the scan root. */
  readonly exclude?: readonly string[];
  /** The scan cache's file index (discovery/file-index.ts): files it knows are read only when asked for. */
  readonly fileIndex?: FileIndex;
  readonly maxFileBytes?: number;
  /** Limit for plan and state JSON (default discovery's DEFAULT_MAX_PLAN_FILE_BYTES). */
  readonly maxPlanFileBytes?: number;
  readonly onProgress?: (progress: ScanProgress) => void;
  /** Evaluate the sources per root module (--jobs workers) and run the rules, or reuse a cached result (source-scan.ts); else `evaluate`, then the rules. */
  readonly sourceScan?: SourceScan;
  /** The waiver register (issue 9), applied after the rules ran; `baseDir` is what its `paths` are relative to. */
  readonly waivers?: { readonly register: WaiverRegister; readonly policy: WaiverPolicy; readonly baseDir: string };
  /** `--shard i/n`: only this shard's root modules and plan/state files. */
  readonly shard?: Shard;
  /**
   * Keep the evaluated source model in the result (ScanResult.model), for the evidence pack. Off by
   * default: nothing else reads it after the rules, and a result that holds it keeps it alive while
   * reports are written (for corpus (b) of the bench ~100 of the ~175 MB live when the report began).
   */
  readonly keepModel?: boolean;
}

export interface ScannedFile {
  readonly path: string;
  readonly format: DiscoveredFile['format'];
  /** Read when first asked for, for a file the cache's file index knew (DiscoveredFile.text). */
  readonly text: string;
  /** SHA-256 of the text, hex, when known without reading it (DiscoveredFile.digest). */
  readonly digest?: string;
  /** DiscoveredFile.needles: read with fileIncludes. */
  readonly needles?: DiscoveredFile['needles'];
}

export interface ScanTimings {
  readonly discoverMs: number;
  readonly evaluateMs: number;
  readonly rulesMs: number;
  readonly totalMs: number;
}

export interface ScanResult {
  readonly root: string;
  readonly displayRoot: string;
  /** Files read, sorted by path; their text is what code frames are drawn from. */
  readonly files: readonly ScannedFile[];
  readonly skipped: readonly SkippedFile[];
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly rulesRun: readonly AnyRule[];
  readonly timings: ScanTimings;
  /** The register as applied: each waiver's state and match count (absent without a register). */
  readonly waivers?: AppliedRegister;
  /** The evaluated Terraform source model, with ScanOptions.keepModel: resource tags and module calls for the evidence pack (issue 9). */
  readonly model?: InfraModel;
  /** Set when only one shard of the root modules was scanned. */
  readonly shard?: Shard;
  /** The findings as the scan cache's entries hold them (SourceScanResult.origins), when the cache is on. */
  readonly cacheOrigins?: readonly CacheOrigin[];
  /** Files (among `files`) read only as the module context of named Terraform files; findings and diagnostics are about the others (module-context.ts). */
  readonly contextFiles?: readonly string[];
  /** Root module → the paths its evaluation read through file(), templatefile() and fileset() (SourceScanResult.readsByRoot), and the var files; absent when not known. */
  readonly evaluationReads?: ReadonlyMap<string, readonly string[]>;
  /** Which module blocks call which module, as the scan planned (SourceScanResult.moduleLayout); absent on a cache hit. */
  readonly moduleLayout?: SourceScanResult['moduleLayout'];
}

export async function scan(context: ScanContext, options: ScanOptions): Promise<ScanResult> {
  const { root, displayRoot, targets } = options.scanRoot;
  const started = context.monotonicMs();
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const progress = (phase: ScanPhase, filesFound: number, rulesRun: number): void => options.onProgress?.({ phase, filesFound, rulesRun });

  progress('discover', 0, 0);
  const discovery = discover(context.fs, { root, targets, maxFileBytes: maxBytes, ...(options.maxPlanFileBytes !== undefined ? { maxPlanFileBytes: options.maxPlanFileBytes } : {}), ...(options.exclude ? { exclude: options.exclude } : {}), ...(options.fileIndex ? { index: options.fileIndex } : {}) });
  const diagnostics: Diagnostic[] = [...discovery.diagnostics];
  // Plan and state JSON go to their adapters (scanPlansAndStates), not to the Terraform evaluator.
  // Read only when asked for, a file the cache's file index knew (its digest keys the cache entry).
  const files = new SourceTexts();
  for (const f of discovery.files) if (f.format !== 'terraform-plan' && f.format !== 'terraform-state') files.set(f.path, f.digest !== undefined ? () => f.text : f.text, f.digest);
  // Terragrunt configurations: each unit is evaluated as a root module (graph/terragrunt.ts). With the
  // Terraform files, so the cache keys on them; the files they include are read as file() reads are.
  const terragruntConfigs = discovery.skipped.filter((s) => s.reason === 'not-iac' && isTerragruntConfig(s.path));
  // Terraform Stacks component and deployment configurations likewise: their components' modules are evaluated
  // as the stack's (graph/stacks.ts), with the inputs the deployments give (graph/stack-inputs.ts).
  const stackConfigs = discovery.skipped.filter((s) => s.reason === 'not-yet-supported' && (isStackComponentConfig(s.path) || isStackDeploymentConfig(s.path)));
  for (const entry of [...terragruntConfigs, ...stackConfigs]) {
    const bytes = context.fs.readFile(path.resolve(root, entry.path));
    const decoded = bytes && bytes.byteLength <= maxBytes ? decodeText(bytes) : undefined;
    if (decoded?.ok) files.set(entry.path, decoded.text);
  }
  const discovered = context.monotonicMs();
  progress('evaluate', discovery.files.length, 0);

  // Var files outside the scan root are read only with --allow-outside-root (issue 12): a config
  // file or a wrapper script must not pull files from elsewhere into the scan unnoticed.
  const varFileKeys: string[] = [];
  const extraFiles: ScannedFile[] = [];
  // A --var's place among the var files read: one not read moves the later ones down.
  const keptBefore: number[] = [];
  for (const varFile of options.varFiles ?? []) {
    keptBefore.push(varFileKeys.length);
    const absolute = path.resolve(context.cwd, varFile);
    const key = toRelative(root, absolute);
    const real = context.fs.realPath(absolute);
    if (real !== undefined && !isInside(root, real) && options.allowOutsideRoot !== true) {
      diagnostics.push({
        code: 'scan/var-file-outside-root',
        severity: 'error',
        message: `Variables file ${varFile} is outside the scan root, so it was not read.`,
        hint: 'Pass --allow-outside-root to read it (the scan root is the directory holding every scanned path), or scan a directory that contains it.',
      });
      continue;
    }
    const bytes = context.fs.stat(absolute)?.kind === 'file' ? context.fs.readFile(absolute) : undefined;
    let decoded = bytes ? decodeText(bytes) : undefined;
    let refusedAt: Position | undefined;
    // And its NUL bytes in comments and strings, as in discovered files (decodeNulTerraform).
    if (bytes && decoded?.ok === false && decoded.reason === 'binary' && !key.endsWith('.json')) {
      const read = decodeNulTerraform(bytes);
      if (read.ok) decoded = read.decoded;
    }
    // Terraform reads a var file's invalid UTF-8 as it does in discovered files (terraform-encoding.ts).
    if (bytes && decoded?.ok === false && decoded.reason === 'invalid-utf8') {
      const read = decodeNonUtf8Terraform(bytes, key.endsWith('.json') ? 'json' : 'native');
      if (read.ok) {
        decoded = { ok: true, text: read.text };
        if (!files.has(key)) diagnostics.push(replacedUtf8Warning(key, read.firstReplaced, `Variables file ${varFile}`)); // else discovery warned
      } else refusedAt = read.refusedAt;
    }
    if (!decoded?.ok) {
      diagnostics.push({
        code: 'scan/var-file',
        severity: 'error',
        message: `Variables file ${varFile} ${refusedAt ? `is not UTF-8 text outside a comment, which Terraform refuses as well (the first such byte at line ${refusedAt.line}, column ${refusedAt.column})` : decoded ? 'is not UTF-8 text' : 'does not exist or cannot be read'}.`,
        hint: 'Check the --var-file path (relative to the working directory) or the var_files entry in the config file.',
      });
      continue;
    }
    if (!files.has(key)) {
      files.set(key, decoded.text);
      extraFiles.push({ path: key, format: key.endsWith('.json') ? 'terraform-vars-json' : 'terraform-vars', text: decoded.text });
    }
    varFileKeys.push(key);
  }

  const readFile = insideReader(context.fs, root, maxBytes, files, diagnostics);
  const terragrunt = terragruntConfigs.length > 0 ? terragruntDiagnostics(files, readFile, displayRoot) : [];
  diagnostics.push(...terragrunt);

  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(context.env)) if (name.startsWith('TF_VAR_') && value !== undefined) env[name] = value;
  // What the repository rules read of the tree: the Terraform files, and the state, plan and crash-log
  // files Terraform writes (terraform-artifacts.ts), read as state or skipped; not those the user's
  // .gitignore or exclude leave out (uncommitted), nor vendored directories.
  const repoFiles = [
    ...files.keys(),
    ...discovery.files.filter((f) => !files.has(f.path) && terraformArtifactKind(f.path) !== undefined).map((f) => f.path),
    ...discovery.skipped.filter((s) => REPOSITORY_SKIPS.has(s.reason) && terraformArtifactKind(s.path) !== undefined).map((s) => s.path),
  ];
  /** Every root module (with --shard, as planning finds them): a plan file goes to its root's shard. */
  let allRoots: readonly string[] | undefined;
  const evaluateInput = {
    files,
    repoFiles,
    readFile,
    listFiles: readFile.list,
    ...(discovery.links ? { links: discovery.links } : {}),
    ...(varFileKeys.length > 0 ? { varFiles: varFileKeys } : {}),
    ...(options.vars && Object.keys(options.vars).length > 0 ? { vars: { ...options.vars } } : {}),
    ...(options.varPositions && Object.keys(options.varPositions).length > 0 ? { varPositions: Object.fromEntries(Object.entries(options.varPositions).map(([name, at]) => [name, keptBefore[at] ?? varFileKeys.length])) } : {}),
    ...(Object.keys(env).length > 0 ? { env } : {}),
    ...(options.shard
      ? {
          selectRoots: (roots: readonly string[]) => {
            allRoots = roots;
            return unitsOfShard(roots, options.shard!);
          },
        }
      : {}),
  };
  // The secret and PHI sweep of the repository's other text files (issue 6); in a sharded run, the first shard's job.
  const documentRules = options.rules.filter((r) => DOCUMENT_RULE_IDS.has(r.id));
  const sweeping = documentRules.length > 0 && (!options.shard || options.shard.index === 1);
  const sweep: Sweep = sweeping ? sweepDocuments(context.fs, root, discovery.skipped, maxBytes, options.fileIndex) : { documents: [], read: new Set() };
  // Comments of the Terraform files are judged as documents too (the model holds no comments); they are
  // no files of their own, so they are not listed with the swept ones. Found only when judged: a
  // warm scan reads their findings from the cache without scanning every file for comments.
  const comments = sweeping ? (): readonly TextDocument[] => terraformCommentDocuments(files, (text) => findSecretsInText(text).length > 0 || findPhiInText(text).length > 0) : undefined;
  // --jobs and the cache (issue 11): evaluation per root module, then the rules (source-scan.ts).
  const scanSources = (needModel: boolean): Promise<SourceScanResult> | undefined =>
    options.sourceScan?.({
        ...evaluateInput,
        rules: options.rules,
        ...(options.settings ? { settings: options.settings } : {}),
        today: isoDay(context.now),
        inlineSuppressions: options.inlineSuppressions !== false,
        needModel,
        ...(sweeping ? { documents: { texts: sweep.documents, rules: documentRules, ...(comments ? { more: comments } : {}) } } : {}),
        ...(options.shard ? { scope: `shard ${options.shard.index}/${options.shard.count}` } : {}),
      });
  // The merged model is kept for plans and states (judged against it) and for the evidence pack (keepModel): a
  // scan judging root modules apart lets each unit's model go (unit-judging.ts).
  let units = await scanSources(options.keepModel === true || discovery.files.some((f) => f.format === 'terraform-plan' || f.format === 'terraform-state'));
  // A waiver naming an instance whose address reports mask (`aws_s3_bucket.b["212-34-5678"]`) is matched
  // against the address as written, which only a fresh evaluation knows (rawAddressOf): a cached finding
  // holds the masked address alone, so such a scan judges afresh rather than call the waiver unused.
  if (units?.cache === 'hit' && options.waivers && namesInstance(options.waivers.register) && units.findings.some((f) => MASKED_KEY.test(f.resource.address))) units = await scanSources(true);
  const evaluated = units ? { model: units.model, diagnostics: [] } : options.evaluate(evaluateInput);
  diagnostics.push(...evaluated.diagnostics, ...(evaluated.model?.diagnostics ?? []));
  const evaluatedAt = context.monotonicMs();
  progress('rules', discovery.files.length, 0);

  // One set of engine options for every model the scan judges: sources, each plan or state, the swept documents.
  const judge = (model: InfraModel, rules: readonly AnyRule[] = options.rules, moduleCalls?: InfraModel['moduleCalls']): RunResult =>
    runRules(model, rules, {
      today: isoDay(context.now),
      inlineSuppressions: options.inlineSuppressions !== false,
      suppressions: suppressionIndexOf(model),
      ...(options.settings ? { settings: options.settings } : {}),
      ...(moduleCalls ? { moduleCalls } : {}),
    });
  const sourceRun = units ?? judge(evaluated.model!);
  diagnostics.push(...sourceRun.diagnostics);
  // Plans and states (issue 7): same rules over the adapted model; plan findings replace source ones.
  const allPlanFiles = discovery.files.filter((f): f is PlanOrStateFile & DiscoveredFile => f.format === 'terraform-plan' || f.format === 'terraform-state');
  const shardPlans = options.shard ? new Set(plansOfShard(allPlanFiles.map((f) => f.path), allRoots, options.shard)) : undefined;
  const planFiles = shardPlans ? allPlanFiles.filter((f) => shardPlans.has(f.path)) : allPlanFiles;
  // Repository rules (backend, required_version, required_providers, lock file) judge the sources
  // alone: a plan or state records none of these, and on one the backend rule passed "declares no
  // backend" for a stack with an unencrypted S3 backend while the pinning rules failed.
  const planRules = options.rules.filter((r) => r.kind !== 'repo');
  // A plan's model has no module calls: the sources' carry the comments on each stack's `module` blocks.
  const plans = scanPlansAndStates(planFiles, evaluated.model, (model) => judge(model, planRules, evaluated.model && evaluated.model.moduleCalls.length > 0 ? evaluated.model.moduleCalls : undefined));
  diagnostics.push(...plans.diagnostics);
  const sweptFindings =
    units?.documentFindings ?? documentFindingsOf(sweeping ? [...sweep.documents, ...(comments?.() ?? [])] : [], (documents) => judge(createInfraModel({ resources: [], repo: { documents: withStackProviderBlocks(documents) } }), documentRules).findings);
  const documentFindings = withoutTerragruntRepeats(sweptFindings, sourceRun.findings);
  const judged = planFiles.length === 0 ? sourceRun.findings : besideSources(sourceRun.findings.filter((f) => !replacedByPlans(plans, f)), plans.findings);
  const run = {
    ...sourceRun,
    // Two sorted lists are merged; plan findings replacing source ones need a sort.
    findings: planFiles.length === 0 ? mergeSortedFindings(sourceRun.findings, documentFindings) : sortFindings([...judged, ...documentFindings]),
  };
  const waivers = options.waivers
    ? applyRegisterWaivers(run.findings, options.waivers.register, {
        today: isoDay(context.now),
        policy: options.waivers.policy,
        rulesRun: new Set(run.rulesRun.map((r) => r.id)),
        registerPath: (file) => path.relative(options.waivers!.baseDir, path.resolve(root, file)).split(path.sep).join('/'),
        ...(units?.firstInstancePath ? { firstInstancePath: units.firstInstancePath } : {}),
      })
    : undefined;
  if (waivers) diagnostics.push(...waivers.diagnostics);
  const finished = context.monotonicMs();
  progress('done', discovery.files.length, run.rulesRun.length);

  if (discovery.files.length === 0 && extraFiles.length === 0 && !terragrunt.some((d) => d.code === 'terragrunt/nothing-evaluated')) {
    // Named paths are named back (`scan notes.txt` looked in notes.txt, not in the whole directory).
    const named = targets.filter((t) => t !== root).map((t) => path.relative(context.cwd, t).split(path.sep).join('/') || '.');
    const where = named.length > 0 ? `in ${named.join(', ')}` : `under ${displayRoot === '' ? 'the current directory' : displayRoot}`;
    // Terraform there that an ignore file left out is named, with the file: "no Terraform files"
    // would send the user looking for a mistake in the path (cdktf.out is in the CDK for Terraform .gitignore).
    const ignored = ignoredTerraform(context.fs, root, discovery.skipped);
    if (ignored.length > 0) {
      const byFile = new Map<string, string[]>();
      for (const entry of ignored) byFile.set(entry.by, [...(byFile.get(entry.by) ?? []), entry.path]);
      const listed = [...byFile].map(([by, paths]) => `${by} leaves out ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ` and ${paths.length - 3} more` : ''}`).join('; ');
      const example = path.relative(context.cwd, path.join(root, ignored[0]!.path)).split(path.sep).join('/') || '.';
      diagnostics.push({
        code: 'scan/no-input',
        severity: 'warning',
        message: `No Terraform files found ${where} that the ignore files let through, so nothing was checked: ${listed}.`,
        hint: `Name what you want scanned on the command line (\`safeguard scan ${example}\`): a path named there is read whatever the ignore files say. Or take it out of the ignore file. Run with --verbose to see what was skipped and why.`,
      });
    } else {
      diagnostics.push({
        code: 'scan/no-input',
        severity: 'warning',
        message: `No Terraform files found ${where}, so nothing was checked.`,
        hint: 'Point safeguard at a directory with .tf files; run with --verbose to see what was skipped and why.',
      });
    }
  }

  const reported = aboutNamedFiles(waivers?.findings ?? run.findings, dedupe(diagnostics), discovery.named, discovery.files.map((f) => f.path), discovery.context.length);
  return {
    root,
    displayRoot,
    files: [
      ...discovery.files.map((f) => (plans.redactedTexts.has(f.path) ? { ...f, text: plans.redactedTexts.get(f.path)! } : f)),
      ...extraFiles,
      ...sweep.documents.map((d) => sweptFile(d)),
    ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    // A swept CloudFormation or Kubernetes file stays listed as not yet supported: only its secrets and PHI were checked.
    skipped:
      sweep.read.size === 0
        ? discovery.skipped
        : discovery.skipped.filter((s) => s.reason !== 'not-iac' || !sweep.read.has(s.path)).map((s) => (sweep.read.has(s.path) ? { ...s, detail: `${s.detail} (checked for secrets and PHI only)` } : s)),
    findings: reported.findings,
    diagnostics: reported.diagnostics,
    ...(discovery.context.length > 0 ? { contextFiles: discovery.context } : {}),
    // A --var-file (or the config's var_files) applies to every root module: a line deleted from it
    // lets a variable's default through, and no finding then points at the file.
    ...(units?.readsByRoot ? { evaluationReads: varFileKeys.length === 0 ? units.readsByRoot : new Map([...units.readsByRoot].map(([r, reads]) => [r, [...reads, ...varFileKeys]])) } : {}),
    ...(units?.moduleLayout ? { moduleLayout: units.moduleLayout } : {}),
    rulesRun: run.rulesRun,
    ...(options.shard ? { shard: options.shard } : {}),
    ...(options.keepModel === true && evaluated.model ? { model: evaluated.model } : {}),
    timings: {
      discoverMs: discovered - started,
      evaluateMs: evaluatedAt - discovered,
      rulesMs: finished - evaluatedAt,
      totalMs: finished - started,
    },
    ...(waivers ? { waivers } : {}),
    ...(units && units.origins.length > 0 ? { cacheOrigins: units.origins } : {}),
  };
}

/**
 * What the units the evaluator cannot run say (their module outside the scan root, remote, or its
 * source unknown), and an error when no unit of the scan can be evaluated at all: a scan of a
 * Terragrunt unit's directory found no Terraform and passed, while the unit deployed a public,
 * unencrypted database. The evaluator says what the units it runs say (graph/index.ts).
 */
function terragruntDiagnostics(files: ReadonlyMap<string, string>, readFile: (rel: string) => string | undefined, displayRoot: string): Diagnostic[] {
  const units = terragruntUnitsOf(files, readFile, isTerraformFile);
  const dirs = new Set([...files.keys()].filter(isTerraformFile).map((p) => dirOf(p)));
  const evaluable = units.filter((u) => u.moduleDir !== undefined && dirs.has(u.moduleDir));
  const out: Diagnostic[] = [];
  const others = units.filter((u) => !evaluable.includes(u));
  // A file that does not parse is said once, where its first syntax error is, with every unit that reads it (a root configuration every unit includes).
  const unparsable = new Map<string, { note: TerragruntUnit['notes'][number]; dirs: string[] }>();
  for (const u of others) {
    // Why its module is not evaluated (a unit Terragrunt refuses says why); what else its files say matters only for a unit that is.
    for (const n of u.notes.filter((note) => note.code.startsWith('terragrunt/source') || (u.refused && note.severity === 'error'))) {
      if (n.code === 'terragrunt/parse') {
        const key = n.span?.file ?? n.file ?? n.message;
        const seen = unparsable.get(key);
        if (seen) seen.dirs.push(u.dir || '.');
        else unparsable.set(key, { note: n, dirs: [u.dir || '.'] });
        continue;
      }
      out.push({ code: n.code, severity: n.severity === 'error' ? 'error' : 'warning', message: n.message, ...(n.span ? { span: n.span } : n.file ? { file: n.file } : {}) });
    }
    if (u.remoteSource === undefined && u.moduleDir !== undefined) out.push({ code: 'terragrunt/module-missing', severity: 'warning', message: `The Terragrunt unit ${u.dir || '.'} runs ${u.moduleDir || '.'}, which holds no Terraform files in this scan, so it was not evaluated.`, ...(u.sourceSpan ? { span: u.sourceSpan } : { file: u.config }) });
  }
  for (const { note: n, dirs } of unparsable.values()) {
    // A configuration only included (a root terragrunt.hcl) is read as a unit too: named only when no other unit reads it.
    const file = n.span?.file ?? n.file;
    const readers = dirs.filter((d) => (d === '.' ? TERRAGRUNT_FILE : `${d}/${TERRAGRUNT_FILE}`) !== file);
    const named = [...new Set(readers.length > 0 ? readers : dirs)].sort();
    out.push({ code: n.code, severity: 'error', message: `${n.message.replace(/\.$/, '')}: ${named.join(', ')}.`, ...(n.span ? { span: n.span } : n.file ? { file: n.file } : {}) });
  }
  // A remote module is said once, with every unit that uses it, as modules not downloaded are.
  const remote = new Map<string, TerragruntUnit[]>();
  for (const u of others) if (u.remoteSource !== undefined) remote.set(u.remoteSource, [...(remote.get(u.remoteSource) ?? []), u]);
  for (const [source, list] of remote) {
    const first = list[0]!;
    const one = list.length === 1;
    out.push({
      code: 'terragrunt/remote-source',
      severity: 'info',
      message: `The Terragrunt unit${one ? '' : 's'} ${list.map((u) => u.dir || '.').join(', ')} use${one ? 's' : ''} the remote module ${source}, which Terragrunt downloads, so ${one ? 'it was' : 'they were'} not evaluated.`,
      hint: 'Scan their plan JSON (see the Terragrunt section of docs/cli.md), or point terraform.source at a local copy of the module.',
      ...(first.sourceSpan ? { span: first.sourceSpan } : { file: first.config }),
    });
  }
  if (evaluable.length === 0) {
    const where = displayRoot === '' ? 'the current directory' : displayRoot;
    out.push({
      code: 'terragrunt/nothing-evaluated',
      severity: 'error',
      message: `Terragrunt configuration found under ${where}, but no unit could be evaluated (${units.length === 0 ? 'no terragrunt.hcl names a module' : units.every((u) => u.refused) ? 'Terragrunt refuses their configuration' : 'the modules the units run are not in the scan'}), so nothing the units deploy was checked.`,
      hint: 'Scan the repository root (the directory holding the units and their modules), or scan the units\' plan JSON: `terragrunt run --all plan --out-dir DIR --json-out-dir DIR` (older: `terragrunt run-all plan --terragrunt-json-out-dir DIR`), then `safeguard scan DIR`.',
    });
  }
  return out;
}

/**
 * A secret in a Terragrunt input the unit's module uses is found twice: by the sweep of the file and
 * on the variable it sets (with the unit named). The sweep's is dropped where the sources fail the
 * same rule on the same line; a secret in a local or an input no module reads stays the sweep's.
 */
function withoutTerragruntRepeats(swept: readonly Finding[], sources: readonly Finding[]): readonly Finding[] {
  if (!swept.some((f) => isTerragruntConfig(f.span.file))) return swept;
  const lineKey = (f: Finding): string => `${f.ruleId}|${f.span.file}|${f.span.start.line}`;
  const said = new Set(sources.filter((f) => f.status === 'fail' && isTerragruntConfig(f.span.file)).map(lineKey));
  return swept.filter((f) => !(f.status === 'fail' && isTerragruntConfig(f.span.file) && said.has(lineKey(f))));
}

/** Each diagnostic once, and none quoting a value that looks like a secret or PHI, whichever step reported it. */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics
    .filter((d) => {
      const where = d.span ? `${d.span.file}:${d.span.start.offset}` : (d.file ?? '');
      const key = `${d.code}|${d.message}|${where}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(withoutSecrets);
}

function documentFindingsOf(documents: readonly TextDocument[], judgeThem: (documents: readonly TextDocument[]) => readonly Finding[]): readonly Finding[] {
  return documents.length > 0 ? judgeThem(documents) : [];
}

function withoutSecrets(d: Diagnostic): Diagnostic {
  const message = maskQuotedSecrets(d.message);
  const hint = d.hint === undefined ? undefined : maskQuotedSecrets(d.hint);
  if (message === d.message && hint === d.hint) return d;
  return hint === undefined ? { ...d, message } : { ...d, message, hint };
}

/** Skipped files the repository still holds (discovery's reasons). */
const REPOSITORY_SKIPS: ReadonlySet<SkippedFile['reason']> = new Set(['not-iac', 'not-yet-supported', 'too-large', 'invalid-utf8', 'unreadable']);

/**
 * The source findings kept beside a plan's, and the plan's, without a plan failure that is a kept
 * source failure again: a literal secret in a variable's default fails on `var.db_password` in the
 * sources and, read beside them, on each planned resource using it, located at the same default
 * (the sources alone report it once, where it is written). Same rule, same place: one fact.
 */
function besideSources(sourceFindings: readonly Finding[], planFindings: readonly Finding[]): Finding[] {
  const at = (f: Finding): string => `${f.ruleId}\0${f.span.file}\0${f.span.start.offset}\0${f.span.end.offset}`;
  const failing = new Set<string>();
  for (const f of sourceFindings) if (f.status === 'fail') failing.add(at(f));
  return [...sourceFindings, ...(failing.size === 0 ? planFindings : planFindings.filter((f) => f.status !== 'fail' || !failing.has(at(f))))];
}

/** A swept document as a scanned file, its text read only when asked for (a document the file index knew is not read yet). */
function sweptFile(d: TextDocument): ScannedFile {
  return {
    path: d.path,
    format: 'text-document',
    ...(d.digest !== undefined ? { digest: d.digest } : {}),
    get text(): string {
      return d.text;
    },
  };
}
