// Terraform sources → findings, evaluated one root module at a time (issue 11). The files are split
// into units (scan-units.ts); a UnitRunner evaluates each unit (in this thread, or in worker threads
// for --jobs N) and hands the outcomes over in unit order. Each unit's model is judged as it comes and
// let go (unit-judging.ts), and the rules that judge across root modules run once at the end; with a
// plugin's rules, or when the merged model is asked for (plans, states, the evidence pack), the units'
// models are merged in unit order and the rules run once on that. Either way the output does not
// depend on --jobs, and the findings are the same.
// With a cache, an unchanged scan returns the last result without evaluating (scan-cache.ts).
import type { Finding, FirstInstance } from '../engine/finding.js';
import { suppressionIndexOf } from '../engine/inline-suppressions.js';
import { runRules, type RuleSettings, type RunOptions, type RunResult } from '../engine/run-rules.js';
import { firstInstancePath, isTerraformFile, loadLayout, lockedProvidersOf, type CallLayout, type ModuleLayout, type ParseFile, type ShareLayouts } from '../graph/load.js';
import { isTerragruntConfig, terragruntRoots, terragruntUnitsOf } from '../graph/terragrunt.js';
import { componentCallsOf, stackComponentsOf, stackRoots } from '../graph/stacks.js';
import { parseHclFile } from '../graph/parse.js';
import { createInfraModel } from '../graph/infra-model.js';
import type { InfraModel, RepoFacts, TextDocument } from '../model/infra-model.js';
import { SourceTexts } from './source-texts.js';
import type { OutputDecl, VariableDecl } from '../model/resource.js';
import type { Span } from '../source/span.js';
import type { AnyRule } from '../rules/define-rule.js';
import { allRules } from '../rules/index.js';
import { isCompiledPolicy } from '../policies/compile.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { FirstDeclarations } from './first-declarations.js';
import { insideReader } from './read-inside.js';
import { cacheKey, lookup, store, type CacheOrigin, type CacheStore } from './scan-cache.js';
import type { ScanFileSystem } from './scan-context.js';
import type { DirLinks } from '../util/paths.js';
import { planUnits, type TerragruntPlan } from './scan-units.js';
import { UnitJudging } from './unit-judging.js';
import { appendParts, emptyParts, modelOf, plainFinding, scanUnit, type ModelParts, type UnitContext, type UnitInput, type UnitOutcome } from './unit-scan.js';
import { withStackProviderBlocks } from './document-sweep.js';

export interface SourceScanInput {
  /** Every Terraform-related file (relative path → text), explicit var files included. */
  readonly files: ReadonlyMap<string, string>;
  readonly varFiles?: readonly string[];
  readonly vars?: Readonly<Record<string, string>>;
  readonly varPositions?: Readonly<Record<string, number>>;
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The files the repository rules read (RepoFacts.files): the Terraform files and the state, plan and
   * crash-log files Terraform writes, which the scan reads as plans or states or skips, but a
   * committed one must still fail (discovery/terraform-artifacts.ts). Without it, the Terraform files alone.
   */
  readonly repoFiles?: readonly string[];
  /** Directory symlinks inside the scan root (discovery's `links`): a local module source may go through one. */
  readonly links?: DirLinks;
  /** `--shard`: the root modules to evaluate, from all of them. */
  readonly selectRoots?: (rootDirs: readonly string[]) => readonly string[];
  /** What narrows the scan beyond its inputs (the shard), for the cache key. */
  readonly scope?: string;
  readonly rules: readonly AnyRule[];
  readonly settings?: ReadonlyMap<string, RuleSettings>;
  readonly today: string;
  readonly inlineSuppressions: boolean;
  /**
   * The merged model is needed (plans and states are judged against it, the evidence pack reads it),
   * so a cached result will not do, and the rules judge the merged model (not root module by root module).
   */
  readonly needModel: boolean;
  /**
   * The swept text documents (.env, YAML, scripts) and the rules that judge them, on a model of their
   * own (scan.ts). Judged here so their findings are cached too, keyed by the documents' own digests.
   */
  readonly documents?: {
    readonly texts: readonly TextDocument[];
    readonly rules: readonly AnyRule[];
    /** Documents derived from the sources (their comments), made only when not read from the cache. */
    readonly more?: () => readonly TextDocument[];
  };
}

export interface SourceScanResult {
  /**
   * undefined when the result came from the cache; the merged model with needModel, else the end
   * model of the rules judged across root modules (every unit's declarations, few resources: unit-judging.ts).
   */
  readonly model?: InfraModel;
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly rulesRun: readonly AnyRule[];
  readonly cache: 'hit' | 'miss' | 'off';
  /** The documents' findings, sorted (absent without documents). */
  readonly documentFindings?: readonly Finding[];
  /** The findings (the sources', the documents') as cache entries hold them, read or written: what a JSON report may be remembered for. */
  readonly origins: readonly CacheOrigin[];
  /**
   * With --shard: the module path under which the unsharded scan judges the declarations of the
   * module in a directory (graph/load.ts firstInstancePath), when known; for the waivers, which name
   * the address that scan reports (waivers/match-waiver.ts).
   */
  readonly firstInstancePath?: (moduleDir: string) => string | undefined;
  /**
   * Root module directory ('' for the scan root) → the paths its evaluation read from disk through
   * file(), templatefile() and fileset() (a listed directory as LISTING_PREFIX + its path), and the
   * Terragrunt includes planning read: `--changed-since` counts a root module's findings as changed
   * when one of them changed, as they are no Terraform file of any module's directory.
   */
  readonly readsByRoot?: ReadonlyMap<string, readonly string[]>;
  /**
   * Which module blocks call which module directory, as planning read them (graph/load.ts
   * loadLayout), when this scan planned (not on a cache hit): `--changed-since` asks it of findings
   * in called modules, and parsing every Terraform file again for it took 0.5 s of 1 842 files.
   */
  readonly moduleLayout?: CallLayout;
}

/**
 * Evaluates units, handing each outcome to `take` in the order of `units` (the caller judges it and
 * lets it go: a runner keeps only those evaluated ahead of the next one in order). `parses` is this thread's memo of parsed files
 * (a worker parses its own); the runner tells it when each unit is done.
 */
export type UnitRunner = ((units: readonly UnitInput[], context: UnitContext, parses: ParseMemo, take: (index: number, outcome: UnitOutcome) => void) => Promise<void>) & {
  /**
   * Called with the scan's files before planning (which parses every file in this thread): a runner
   * with threads may start them now, so their start-up and loading overlap planning. The runner
   * returned evaluates this scan's units (`files`' only); close() lets its threads go when planning
   * failed and it is never called.
   */
  readonly start?: (files: ReadonlyMap<string, string>, context: UnitContext, links: DirLinks | undefined) => StartedRunner;
};

/** A runner started for one scan's files (UnitRunner.start); it may share planning's module directories with its threads. */
export type StartedRunner = UnitRunner & { readonly close: () => void; readonly shareLayouts?: ShareLayouts };

/**
 * Source characters whose trees planning keeps for the units (4 M; a tree is ~14 times its text).
 * Planning parses every file to find the root modules; keeping every tree made them the largest
 * part of a monorepo scan's peak memory (corpus (b) of the bench: ~200 MB of trees for 14 MB of
 * Terraform). Past the budget a unit parses the file again, which costs time only in scans larger
 * than the budget.
 */
export const PLAN_TREE_BUDGET = 4_000_000;

/**
 * This thread's parsed files for one scan. Planning parses every file, and units evaluated here reuse
 * the trees it kept (up to `planBudget` characters of source, in path order), so a small scan parses
 * each file once. A tree parsed for a unit stays while a unit still to come includes its file (a
 * module shared by many roots parses once), and is dropped when the last of them is done.
 */
export class ParseMemo {
  private readonly trees = new Map<string, ReturnType<ParseFile>>();
  /** Units not yet done that include each file. */
  private readonly pending = new Map<string, number>();
  /** Planning until `expect`: trees are kept only within the budget's characters. */
  private planning = true;
  private budget: number;

  constructor(planBudget = PLAN_TREE_BUDGET) {
    this.budget = planBudget;
  }

  readonly parse: ParseFile = (path, text) => {
    let tree = this.trees.get(path);
    if (tree === undefined) {
      tree = parseHclFile(path, text);
      if (!this.planning) this.trees.set(path, tree);
      else if (text.length <= this.budget) {
        this.budget -= text.length;
        this.trees.set(path, tree);
      }
    }
    return tree;
  };

  /** Planning is over; these units will be evaluated: each file's tree stays until they are all done. */
  expect(units: readonly UnitInput[]): void {
    this.planning = false;
    for (const unit of units) for (const path of unit.files.keys()) this.pending.set(path, (this.pending.get(path) ?? 0) + 1);
    for (const path of this.trees.keys()) if (!this.pending.has(path)) this.trees.delete(path);
  }

  /** How many trees are held (for tests). */
  get size(): number {
    return this.trees.size;
  }

  /** A unit is evaluated (here or in a worker): drop the trees no unit still to come needs. */
  done(unit: UnitInput): void {
    for (const path of unit.files.keys()) {
      const left = (this.pending.get(path) ?? 0) - 1;
      if (left > 0) this.pending.set(path, left);
      else {
        this.pending.delete(path);
        this.trees.delete(path);
      }
    }
  }

  clear(): void {
    this.trees.clear();
    this.pending.clear();
  }
}

export interface SourceScanOptions {
  readonly fs: Pick<ScanFileSystem, 'realPath' | 'stat' | 'readFile' | 'listDir'>;
  /** Absolute scan root. */
  readonly root: string;
  readonly maxFileBytes: number;
  readonly runner: UnitRunner;
  readonly cache?: CacheStore;
  /** Tool version and build, for the cache key. */
  readonly tool: string;
  /**
   * The findings keep their edit callbacks (Finding.fix.terraform), for `fix`; without the cache, whose
   * entries hold plain findings only. The rules run in this thread on the merged model, so the
   * callbacks are made here whatever the runner.
   */
  readonly keepFixes?: boolean;
  /** Called when the sources are about to be evaluated (not all from the cache): the CLI lets V8's young generation grow then (cli/v8-tuning.ts). */
  readonly onEvaluate?: () => void;
}

export type SourceScan = (input: SourceScanInput) => Promise<SourceScanResult>;

export function createSourceScan(options: SourceScanOptions): SourceScan {
  if (options.keepFixes === true && options.cache !== undefined) throw new Error('createSourceScan: keepFixes needs the cache off (entries hold plain findings)');
  const asResult = options.keepFixes === true ? (f: Finding): Finding => f : plainFinding;
  /** The documents' findings: from the cache when every document and setting is as it was. */
  const judgeDocuments = (input: SourceScanInput, sourcesKey: string | undefined): { documentFindings?: readonly Finding[]; origin?: CacheOrigin } => {
    if (!input.documents) return {};
    const { texts, rules, more } = input.documents;
    // Documents made from the sources are keyed by the sources' own key (their texts, rules, inputs).
    const key =
      options.cache && (more === undefined || sourcesKey !== undefined)
        ? cacheKey({
            tool: options.tool,
            files: documentTexts(texts),
            ruleIds: rules.map((r) => r.id),
            ...(input.settings ? { settings: input.settings } : {}),
            inlineSuppressions: input.inlineSuppressions,
            today: input.today,
            extra: `documents${input.scope !== undefined ? ` ${input.scope}` : ''}${more !== undefined ? ` and the comments of sources ${sourcesKey!}` : ''}`,
          })
        : undefined;
    const hit = key !== undefined ? lookup(options.cache!, key, () => undefined) : undefined;
    if (hit) return { documentFindings: hit.findings, ...originOf(hit.generation, hit.findings) };
    const documents = more ? [...texts, ...more()] : texts;
    if (documents.length === 0 && key === undefined) return { documentFindings: [] };
    const model = createInfraModel({ resources: [], repo: { documents: withStackProviderBlocks(documents) } });
    const findings = judge(model, rules, input).findings.map(asResult);
    const stored = key !== undefined ? store(options.cache!, key, { findings, diagnostics: [] }, new Map()) : undefined;
    return { documentFindings: findings, ...originOf(stored?.generation, findings) };
  };
  /** The sources' result with the origins of its findings and of the documents'. */
  const withDocuments = (input: SourceScanInput, generation: string | undefined, findings: readonly Finding[], sourcesKey: string | undefined): Pick<SourceScanResult, 'documentFindings' | 'origins'> => {
    const { documentFindings, origin } = judgeDocuments(input, sourcesKey);
    const own = originOf(generation, findings).origin;
    return { ...(documentFindings ? { documentFindings } : {}), origins: [...(own ? [own] : []), ...(origin ? [origin] : [])] };
  };

  return async (input) => {
    const rulesRun = [...input.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).filter((r) => input.settings?.get(r.id)?.enabled !== false);
    const useCache = options.cache !== undefined && !input.needModel;
    const key = useCache
      ? cacheKey({
          tool: options.tool,
          files: input.files,
          ruleIds: input.rules.map((r) => r.id),
          ...(input.settings ? { settings: input.settings } : {}),
          ...(input.varFiles ? { varFiles: input.varFiles } : {}),
          ...(input.vars ? { vars: input.vars } : {}),
          ...(input.varPositions ? { varPositions: input.varPositions } : {}),
          ...(input.env ? { env: input.env } : {}),
          inlineSuppressions: input.inlineSuppressions,
          today: input.today,
          // A committed state file, saved plan or crash log decides a repository rule (the Terraform files are keyed already).
          // So does a directory symlink: retargeted, it moves a module call to other files, none of them changed.
          extra: `${input.scope ?? ''}${input.repoFiles ? `\u0000files ${input.repoFiles.filter((f) => !input.files.has(f)).sort().join('\u0000')}` : ''}${input.links ? `\u0000links ${[...input.links].map(([from, to]) => `${from}\u0001${to}`).join('\u0000')}` : ''}`,
        })
      : undefined;
    const firstInstance = input.selectRoots !== undefined ? unshardedFirstInstance(input) : undefined;
    const sharded = firstInstance !== undefined ? { firstInstancePath: firstInstance } : {};
    if (key !== undefined) {
      const hit = lookup(options.cache!, key, insideReader(options.fs, options.root, options.maxFileBytes, input.files, []));
      if (hit) return { findings: hit.findings, diagnostics: hit.diagnostics, rulesRun, cache: 'hit', ...withDocuments(input, hit.generation, hit.findings, key), ...sharded, ...(hit.readsByRoot ? { readsByRoot: hit.readsByRoot } : {}) };
    }

    options.onEvaluate?.();
    const evaluated = await evaluateAndJudge(input, options, !input.needModel && input.rules.every((r) => BUILT_IN.has(r) || isCompiledPolicy(r)));
    const { model, run, diagnostics, reads, readsByRoot, instanceRoots, layout, components } = evaluated;
    const result = { findings: run.findings.map((f) => instanceRoots?.tag(asResult(f)) ?? asResult(f)), diagnostics: [...diagnostics, ...run.diagnostics], readsByRoot };
    const stored = key !== undefined ? store(options.cache!, key, result, reads) : undefined;
    return { model, ...result, rulesRun, cache: key === undefined ? 'off' : 'miss', ...withDocuments(input, stored?.generation, result.findings, key), ...sharded, moduleLayout: { namedCalls: layout.namedCalls, remote: layout.remote, components } };
  };
}

interface Evaluated {
  /** The merged model, or with the rules judged root module by root module the end model (unit-judging.ts). */
  readonly model: InfraModel;
  readonly run: RunResult;
  readonly diagnostics: readonly Diagnostic[];
  readonly reads: ReadonlyMap<string, string | undefined>;
  readonly readsByRoot: ReadonlyMap<string, readonly string[]>;
  readonly instanceRoots: InstanceRoots | undefined;
  readonly layout: ModuleLayout;
  readonly components: CallLayout['components'];
}

/**
 * Plans the units, evaluates them and judges them: root module by root module when `apart` (the
 * built-in rules, whose acrossRoots metadata says which need several root modules, and compiled
 * policies, but no plugin's rule, which may read anything; and no merged model asked for), else on
 * the merged model.
 */
async function evaluateAndJudge(input: SourceScanInput, options: SourceScanOptions, apart: boolean): Promise<Evaluated> {
  // Parsed once for the unit plan; units evaluated in this thread reuse the trees (shared modules parse once).
  const parses = new ParseMemo();
  // Planning reads files too: the Terragrunt configurations a unit includes (root.hcl) decide which
  // module it runs. A unit whose module is not there is never evaluated, so no unit records those
  // reads: they go into the entry with the units' own, or a warm scan kept the result of a unit
  // that did not run after its include had been pointed at a module that is there.
  const planReads = insideReader(options.fs, options.root, options.maxFileBytes, input.files, []);
  const firstDeclarations = onlyBuiltIn(input.rules);
  const unitContext: UnitContext = { root: options.root, maxFileBytes: options.maxFileBytes, firstDeclarations };
  const runner = options.runner.start?.(input.files, unitContext, input.links);
  let planned: ReturnType<typeof planScan>;
  try {
    planned = planScan(input, parses.parse, planReads, runner?.shareLayouts);
  } catch (error) {
    runner?.close();
    throw error;
  }
  const { units, repo, layout, components } = planned;
  parses.expect(units);
  const parts = emptyParts();
  const diagnostics: Diagnostic[] = [];
  const reads = new Map<string, string | undefined>();
  const readsByRoot = new Map<string, string[]>();
  // Threads drop the repeats they saw themselves; those of different threads go here.
  const declarations = firstDeclarations ? new FirstDeclarations() : undefined;
  const instanceRoots = input.selectRoots !== undefined ? new InstanceRoots(builtInIds(input.rules)) : undefined;
  // Without `fix`, a finding keeps no edit callback, which would hold its unit's model (plainFinding).
  const judging = apart ? new UnitJudging(input.rules, { ...runOptions(input), fixEdits: options.keepFixes === true }, repo) : undefined;
  await (runner ?? options.runner)(units, unitContext, parses, (i, outcome) => {
    const unit = units[i]!;
    const variables = declarations ? declarations.keep(outcome.parts.variables) : outcome.parts.variables;
    const outputs = declarations ? declarations.keepOutputs(outcome.parts.outputs) : outcome.parts.outputs;
    // Judged apart, the unit's model is judged now and the end model keeps only what the rules judged at the end read.
    const own = { ...outcome.parts, variables, outputs };
    const kept = judging ? judging.unit(unit.root, own) : own;
    appendParts(parts, kept);
    instanceRoots?.add(unit.root, variables, outputs);
    diagnostics.push(...outcome.diagnostics);
    for (const [p, t] of outcome.reads) reads.set(p, t);
    if (unit.root !== undefined) readsByRoot.set(unit.root, [...(readsByRoot.get(unit.root) ?? []), ...outcome.reads.map(([p]) => p)]);
  });
  parses.clear();
  for (const [p, t] of planReads.reads) if (!reads.has(p)) reads.set(p, t);
  // Which Terragrunt unit an include decides is not recorded: every root module counts it as read.
  if (planReads.reads.size > 0) for (const [root, paths] of readsByRoot) readsByRoot.set(root, [...paths, ...planReads.reads.keys()]);
  if (judging) {
    // Units judged again together are evaluated again in this thread: their models were let go.
    const again = (i: number): ModelParts => scanUnit(units[i]!, options.fs, unitContext).parts;
    const { model, ...run } = judging.finish(parts, again);
    return { model, run, diagnostics, reads, readsByRoot, instanceRoots, layout, components };
  }
  const model = modelOf(parts, repo);
  return { model, run: judge(model, input.rules, input), diagnostics, reads, readsByRoot, instanceRoots, layout, components };
}

/**
 * firstInstancePath over every root module of the scan, not only the shard's; the layout is read
 * on the first question (a sharded scan asks only for a failing declaration no waiver named as it
 * is). Not for Terragrunt units, whose roots run modules the layout alone does not tell.
 */
function unshardedFirstInstance(input: SourceScanInput): (moduleDir: string) => string | undefined {
  let layout: ReturnType<typeof loadLayout> | undefined;
  const known = new Map<string, string | undefined>();
  const terragrunt = [...input.files.keys()].some(isTerragruntConfig);
  return (dir) => {
    if (terragrunt) return undefined;
    if (!known.has(dir)) {
      layout ??= loadLayout(input.files, parseHclFile, input.links);
      known.set(dir, firstInstancePath(layout, layout.rootModules, dir));
    }
    return known.get(dir);
  };
}

/** The units and the repository facts; the parse trees are the memo's (`parse`) to keep or drop. */
function planScan(input: SourceScanInput, parse: ParseFile, read: (rel: string) => string | undefined, share?: ShareLayouts): { units: UnitInput[]; repo: RepoFacts; layout: ModuleLayout; components: CallLayout['components'] } {
  const tree = loadLayout(input.files, parse, input.links, share);
  // Terragrunt units are root modules of their own; the modules they run are not (terragruntRoots, as the evaluator asks).
  const { units: terragruntUnits, roots: unitRoots } = terragruntRoots(tree.rootModules, terragruntUnitsOf(input.files, read, isTerraformFile), (dir) => tree.calls.has(dir));
  const terragrunt = new Map<string, TerragruntPlan>([...terragruntUnits].map(([dir, u]) => [dir, { config: u.config, moduleDir: u.moduleDir! }]));
  // A Terraform Stacks directory is a unit too, evaluating its components' modules (graph/stacks.ts), but no root module.
  const stackComponents = stackComponentsOf(input.files, input.links, parse);
  const { stacks, roots: allRoots, moduleRoots } = stackRoots(unitRoots, stackComponents, (dir) => tree.calls.has(dir));
  const componentDirs = new Map([...stacks].map(([dir, list]) => [dir, list.map((c) => c.moduleDir)] as const));
  const roots = input.selectRoots ? input.selectRoots(allRoots) : allRoots;
  const given = (input.varFiles?.length ?? 0) > 0 || Object.keys(input.vars ?? {}).length > 0;
  const units = planUnits(input.files, tree, roots, input.varFiles ?? [], terragrunt, componentDirs).map(
    (u): UnitInput => ({
      root: u.root,
      files: new Map(u.paths.map((p) => [p, input.files.get(p)!])),
      ...(input.varFiles && input.varFiles.length > 0 ? { varFiles: input.varFiles } : {}),
      ...(input.vars && Object.keys(input.vars).length > 0 ? { vars: input.vars } : {}),
      ...(input.varPositions ? { varPositions: input.varPositions } : {}),
      ...(input.env && Object.keys(input.env).length > 0 ? { env: input.env } : {}),
      // Every root module's, not only this shard's: a value another root uses is no mistake.
      ...(given ? { rootVariables: tree.rootVariables } : {}),
      ...(input.links ? { links: input.links } : {}),
    }),
  );
  const repo: RepoFacts = { files: [...(input.repoFiles ?? input.files.keys())].sort(), rootModules: roots.filter((dir) => moduleRoots.has(dir)), lockedProviders: lockedProvidersOf(input.files) };
  return { units, repo, layout: tree, components: componentCallsOf(stackComponents) };
}

/**
 * With --shard: the root module each called module's variable and output declarations were first
 * seen under. The rules judge a declaration once, under its first instance in unit order
 * (rules/terraform/declarations.ts); each shard sees only its own units, so each judges it under a
 * different instance (`module.alb.var.create` in one shard, `module.nlb.var.create` in another) and
 * the merged report held one finding per shard where the unsharded scan holds one. The finding
 * carries the root (Finding.resource.instanceRoot) for `merge` to keep the first root's, as the
 * unsharded scan does (units run in sorted root order, shards take them round-robin from that order).
 */
class InstanceRoots {
  /** By address: the declarations kept (one address may name a declaration of each of several modules), with their unit's root. */
  private readonly byAddress = new Map<string, FirstInstance[]>();

  /**
   * `judgedOnce`: the ids of the built-in rules, which judge a declaration once per scan. A plugin's
   * rule may judge every instance, as the unsharded scan then does: tagged, its results of the other
   * roots' instances were dropped by `merge`, which keeps the first root's.
   */
  constructor(private readonly judgedOnce: ReadonlySet<string>) {}

  add(root: string | undefined, variables: readonly VariableDecl[], outputs: readonly OutputDecl[]): void {
    if (root === undefined) return;
    const first = (address: string, span: Span): void => {
      const known = this.byAddress.get(address) ?? [];
      if (known.some((d) => d.file === span.file && d.offset === span.start.offset)) return;
      known.push({ root, file: span.file, offset: span.start.offset });
      this.byAddress.set(address, known);
    };
    for (const v of variables) if (v.module !== '') first(`${v.module}.var.${v.name}`, v.span);
    for (const o of outputs) if (o.module !== '') first(`${o.module}.output.${o.name}`, o.span);
  }

  /**
   * The finding, with its declaration and instance root when it is a called module's variable or
   * output. Its span is the declaration's, or a value's in the caller (a literal passed to the
   * module): an address two declarations share is told apart by the file only, else left as it is.
   */
  tag(f: Finding): Finding {
    if (f.resource.root !== undefined || (f.resource.kind !== 'variable' && f.resource.kind !== 'output') || !this.judgedOnce.has(f.ruleId)) return f;
    const known = this.byAddress.get(f.resource.address);
    const declaration = known?.length === 1 ? known[0] : known?.find((d) => d.file === f.span.file);
    return declaration === undefined ? f : { ...f, resource: { ...f.resource, instance: declaration } };
  }
}

const BUILT_IN = new Set<AnyRule>(allRules);

/** The ids of the built-in rules among `rules`. */
function builtInIds(rules: readonly AnyRule[]): ReadonlySet<string> {
  return new Set(rules.filter((r) => BUILT_IN.has(r)).map((r) => r.id));
}

/** Only the built-in rules judge the model (they read each variable declaration once); plugin rules may read every instance's. */
function onlyBuiltIn(rules: readonly AnyRule[]): boolean {
  return rules.every((r) => BUILT_IN.has(r));
}

function originOf(generation: string | undefined, findings: readonly Finding[]): { origin?: CacheOrigin } {
  return generation !== undefined ? { origin: { generation, findings } } : {};
}

/** The rules over one model, with the scan's day, suppression mode and settings (the sources' and the documents' alike). */
function judge(model: InfraModel, rules: readonly AnyRule[], input: SourceScanInput): RunResult {
  return runRules(model, rules, { ...runOptions(input), suppressions: suppressionIndexOf(model) });
}

function runOptions(input: SourceScanInput): RunOptions {
  return { today: input.today, inlineSuppressions: input.inlineSuppressions, ...(input.settings ? { settings: input.settings } : {}) };
}

/** Every unit in this thread, one after another (--jobs 1, and small scans). */
export function inlineRunner(fs: Pick<ScanFileSystem, 'realPath' | 'stat' | 'readFile' | 'listDir'>): UnitRunner {
  return (units, context, parses, take) => {
    const declarations = new FirstDeclarations();
    units.forEach((unit, i) => {
      const outcome = scanUnit(unit, fs, context, { parse: parses.parse, declarations });
      parses.done(unit);
      take(i, outcome);
    });
    return Promise.resolve();
  };
}

/** The swept documents by path, their texts read only when asked for (a document the file index knew keys by its digest). */
function documentTexts(documents: readonly TextDocument[]): SourceTexts {
  const texts = new SourceTexts();
  for (const d of documents) texts.set(d.path, d.digest !== undefined ? () => d.text : d.text, d.digest);
  return texts;
}
