// `node dist/bench/phases.js DIR [--times N]`: one scan of DIR split into the pipeline's phases, in
// this process, best of N (after a warm-up run when N > 1); prints one JSON line. Phases: discover
// (walk the tree), read (discovery reads and classifies every file), parse (every Terraform file),
// evaluate (the module index and what Terraform's loader checks, then every root module, reusing the parsed trees as the scan does), adapt (merge the units into one InfraModel),
// rules (every rule), report (JSON and text reports, written as the CLI writes them, to the null
// device: in pieces, never the whole report as one string). After the phases, every report format
// is written once more on its own (formatMs), so one that grows faster than the findings shows.
import '../cli/v8-tuning.js'; // first: the phases run with the CLI's V8 flags
import { growYoungGeneration } from '../cli/young-generation.js';
import { readdirSync, realpathSync } from 'node:fs';
import { devNull } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeFileSystem, nodeScanContext } from '../cli/node-context.js';
import { writeReports } from '../cli/report-outputs.js';
import { ruleDocs } from '../cli/rule-pack.js';
import { discardTerminal } from '../cli/terminal.js';
import { discover } from '../discovery/discover.js';
import { runRules } from '../engine/run-rules.js';
import { suppressionIndexOf } from '../engine/inline-suppressions.js';
import { isTerraformFile, layoutOf, loadTree, lockedProvidersOf, type ParseFile } from '../graph/load.js';
import { parseHclFile } from '../graph/parse.js';
import { FirstDeclarations } from '../pipeline/first-declarations.js';
import { planUnits } from '../pipeline/scan-units.js';
import { modelOf, scanUnit, type ModelParts } from '../pipeline/unit-scan.js';
import { REPORTER_NAMES } from '../reporters/registry.js';
import { allRules } from '../rules/index.js';

export interface PhaseTimes {
  readonly files: number;
  readonly bytes: number;
  readonly resources: number;
  readonly findings: number;
  /** Root-module units evaluated, and the bytes of Terraform they hold: a module shared by several roots counts once per root, as it is evaluated once per root. */
  readonly units: number;
  readonly unitBytes: number;
  readonly discoverMs: number;
  readonly readMs: number;
  readonly parseMs: number;
  readonly evaluateMs: number;
  readonly adaptMs: number;
  readonly rulesMs: number;
  readonly reportMs: number;
  /** Each report format written alone, after the phases (ms; main() reports the first run's). */
  readonly formatMs: Readonly<Record<string, number>>;
  /**
   * The process's peak RSS (MB) at the end of each phase: a running maximum, so a phase that raises
   * it is one that needed more memory than every phase before it. main() reports the first run's,
   * before a later run's garbage can hide where the growth happened.
   */
  readonly peakRssMb: Readonly<Record<(typeof PHASES)[number], number>>;
}

export const PHASES = ['discover', 'read', 'parse', 'evaluate', 'adapt', 'rules', 'report'] as const;

function walk(dir: string): number {
  let n = 0;
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    if (ent.isDirectory()) {
      if (ent.name !== '.git' && ent.name !== 'node_modules') n += walk(join(dir, ent.name));
    } else n++;
  }
  return n;
}

const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

export function measurePhases(dir: string): PhaseTimes {
  const root = realpathSync(resolve(dir));
  const t0 = performance.now();
  walk(root);
  const t1 = performance.now();
  const rss1 = peakRssMb();
  const discovery = discover(nodeFileSystem, { root, targets: [root] });
  const files = new Map(discovery.files.filter((f) => f.format !== 'terraform-plan' && f.format !== 'terraform-state').map((f) => [f.path, f.text]));
  const t2 = performance.now();
  const rss2 = peakRssMb();
  const parsed = new Map<string, ReturnType<ParseFile>>();
  const parse: ParseFile = (p, text) => parsed.get(p) ?? parsed.set(p, parseHclFile(p, text)).get(p)!;
  // Parsing only: the module index and what Terraform's loader checks (loadTree: duplicate names,
  // the configuration's structure, cycles) are evaluation's, timed with it.
  for (const [p, text] of files) if (isTerraformFile(p)) parse(p, text);
  const t3 = performance.now();
  const rss3 = peakRssMb();
  const tree = loadTree(files, parse);
  const units = planUnits(files, layoutOf(tree), tree.rootModules);
  // As a scan's thread evaluates its units: each variable declaration once (first-declarations.ts).
  const declarations = new FirstDeclarations();
  const outcomes = units.map((u) => scanUnit({ root: u.root, files: new Map(u.paths.map((p) => [p, files.get(p)!])) }, nodeFileSystem, { root, maxFileBytes: 5 * 1024 * 1024, firstDeclarations: true }, { parse, declarations }));
  const t4 = performance.now();
  const rss4 = peakRssMb();
  const parts: { [K in keyof ModelParts]: ModelParts[K][number][] } = { resources: [], moduleCalls: [], variables: [], outputs: [], terraform: [], providers: [], providerUses: [] };
  for (const o of outcomes) for (const k of Object.keys(parts) as (keyof ModelParts)[]) (parts[k] as unknown[]).push(...o.parts[k]);
  const model = modelOf(parts, { files: [...files.keys()].sort(), rootModules: tree.rootModules, lockedProviders: lockedProvidersOf(files) });
  const t5 = performance.now();
  const rss5 = peakRssMb();
  const run = runRules(model, allRules, { today: new Date().toISOString().slice(0, 10), inlineSuppressions: true, suppressions: suppressionIndexOf(model) });
  const t6 = performance.now();
  const rss6 = peakRssMb();
  const sources = new Map(discovery.files.map((f) => [f.path, f.text]));
  const input = {
    displayRoot: '',
    files: discovery.files,
    skipped: discovery.skipped,
    findings: run.findings,
    diagnostics: run.diagnostics,
    rulesRun: run.rulesRun,
    timings: { discoverMs: t2 - t0, evaluateMs: t5 - t2, rulesMs: t6 - t5, totalMs: t6 - t0 },
    failOn: 'high' as const,
    blocking: run.findings.filter((f) => f.status === 'fail'),
    exitCode: 1 as const,
  };
  const context = { tool: { name: 'safeguard', version: 'bench' }, sources: (f: string) => sources.get(f), ruleDoc: ruleDocs(), verbose: false, quiet: false };
  // Joining each report into one string, as this phase once did, measured the join: for ten copies of
  // corpus (a) a string of 225 million characters, two bytes each once one non-Latin-1 character is in it.
  writeReports(nodeScanContext(), input, [{ format: 'json', file: devNull }], context, { color: false, quiet: true }, discardTerminal);
  writeReports(nodeScanContext(), input, [{ format: 'text', file: devNull }], context, { color: false, quiet: true }, discardTerminal);
  const t7 = performance.now();
  const rss7 = peakRssMb();
  const formatMs: Record<string, number> = {};
  for (const format of REPORTER_NAMES) {
    const start = performance.now();
    writeReports(nodeScanContext(), input, [{ format, file: devNull }], context, { color: false, quiet: true }, discardTerminal);
    formatMs[format] = performance.now() - start;
  }
  let bytes = 0;
  for (const text of files.values()) bytes += Buffer.byteLength(text);
  let unitBytes = 0;
  for (const u of units) if (u.root !== undefined) for (const p of u.paths) unitBytes += Buffer.byteLength(files.get(p)!);
  const parseMs = t3 - t2;
  return {
    files: files.size,
    bytes,
    units: units.filter((u) => u.root !== undefined).length,
    unitBytes,
    resources: model.resources.length,
    findings: run.findings.length,
    discoverMs: t1 - t0,
    readMs: Math.max(0, t2 - t1 - (t1 - t0)),
    parseMs,
    evaluateMs: t4 - t3,
    adaptMs: t5 - t4,
    rulesMs: t6 - t5,
    reportMs: t7 - t6,
    formatMs,
    peakRssMb: { discover: rss1, read: rss2, parse: rss3, evaluate: rss4, adapt: rss5, rules: rss6, report: rss7 },
  };
}

function main(argv: readonly string[]): void {
  const dir = argv[0];
  if (!dir) {
    console.error('usage: node dist/bench/phases.js DIR [--times N]');
    process.exitCode = 2;
    return;
  }
  // As a scan without a cache does from its start (cli/source-scan-setup.ts): v8-tuning.ts holds the
  // young generation's growth until a scan evaluates, and these phases evaluate.
  growYoungGeneration();
  const i = argv.indexOf('--times');
  const times = i >= 0 ? Math.max(1, Number(argv[i + 1]) || 1) : 1;
  // With N > 1 the first run is a warm-up (JIT) and the best of the N after it is kept; memory
  // figures are the first run's in any case.
  const first = measurePhases(dir);
  let best: PhaseTimes | undefined = times > 1 ? undefined : first;
  const total = (t: PhaseTimes): number => PHASES.reduce((s, p) => s + t[`${p}Ms`], 0);
  for (let n = 0; times > 1 && n < times; n++) {
    const t = measurePhases(dir);
    if (!best || total(t) < total(best)) best = t;
  }
  // Each format is timed in the first run, as (b)'s single run times it: the same JIT warmth on both sides of the growth.
  console.log(JSON.stringify({ ...best!, peakRssMb: first.peakRssMb, formatMs: first.formatMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
