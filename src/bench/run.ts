// `npm run bench [-- --quick] [--copies N] [--times N]` (issue 11): where the time goes and how it
// grows, over (a) a generated corpus (examples + test fixtures + the shared registry modules, copied
// N times, default 10; --quick: once), (b) the same ×10 (--scale), (c) the bundled examples and
// (d) a monorepo of small root modules (every rule's examples, each its own root; 4 copies, --quick
// one) against ten times as many, and (e) one large main.tf (500 buckets with their settings,
// --quick 250) against ten times as many (kept under the 5 MB file limit). Plan and state JSON are left out of the copies: the cache serves
// source-only scans (a plan is judged against the evaluated sources, so it always re-evaluates). It prints, per
// phase, wall time, files/s and MB/s; full CLI scans (one core, --jobs 2, cold and warm cache) with
// peak RSS; the Go reference parser's MB/s on the same files (when .cache/hclref is built:
// scripts/hclref-build.sh), so every figure reads as a ratio to it; and a table of the targets,
// met or not. A benchmark, never a timed test: it prints numbers and asserts nothing. Every timed
// scan runs in a fresh process (peak RSS is that scan's own); each figure is the best of --times.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, buildLargeModule, buildRootsCorpus, corpusSources, terraformSize } from './corpus.js';
import { PHASES, type PhaseTimes } from './phases.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = fileURLToPath(new URL('../', import.meta.url));

interface Options {
  readonly quick: boolean;
  readonly copies: number;
  /** (b) is (a) this many times over. */
  readonly scale: number;
  readonly times: number;
}

function options(argv: readonly string[]): Options {
  const quick = argv.includes('--quick');
  const num = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    const n = i >= 0 ? Number(argv[i + 1]) : NaN;
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  return { quick, copies: num('--copies', quick ? 1 : 10), scale: num('--scale', 10), times: num('--times', quick ? 2 : 3) };
}

interface ScanRun {
  readonly ms: number;
  readonly cpuMs: number;
  readonly maxRssMb: number;
}

function node(script: string, args: readonly string[]): string {
  return execFileSync(process.execPath, [join(DIST, script), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
}

function phases(dir: string, times: number): PhaseTimes & { maxRssMb: number } {
  return JSON.parse(node('bench/phases.js', [dir, '--times', String(times)]).trim().split('\n').at(-1)!) as PhaseTimes & { maxRssMb: number };
}

/** Best (lowest wall time) of `times` CLI scans, each in a fresh process. */
function scanBest(dir: string, flags: readonly string[], times: number, out: string): ScanRun {
  let best: ScanRun | undefined;
  for (let i = 0; i < times; i++) {
    // The bundled CLI, as `safeguard` is installed (bin: dist/cli/main.bundle.js): the modules' build
    // identity alone (statting every module for the cache key) added ~9 ms to a warm scan.
    const run = JSON.parse(node('bench/scan-child.js', ['scan', dir, '--format', `json:${out}`, '--quiet', ...flags]).trim().split('\n').at(-1)!) as ScanRun;
    if (!best || run.ms < best.ms) best = run;
  }
  return best!;
}

/**
 * Two `--jobs 1` scans of `dir` started together in two fresh processes, which share nothing, against
 * one alone, timed the same way (from spawning to exit): best of `times` each. One scan already keeps
 * more than one CPU busy (V8's concurrent collector and compiler threads), so on two vCPUs the ratio
 * bounds what any `--jobs 2` could reach, whatever it sends between threads.
 */
function sideBySideBest(dir: string, times: number, out: string): { readonly oneMs: number; readonly pairMs: number } {
  const timed = (count: number): string => `const { spawn } = require('node:child_process');
const run = (o) => new Promise((ok, no) => { const c = spawn(process.execPath, [${JSON.stringify(join(DIST, 'bench/scan-child.js'))}, 'scan', ${JSON.stringify(dir)}, '--format', 'json:' + o, '--quiet', '--jobs', '1', '--no-cache'], { stdio: 'ignore' }); c.on('exit', ok); c.on('error', no); });
const t0 = performance.now();
Promise.all(Array.from({ length: ${count} }, (_, i) => run(${JSON.stringify(out)} + '.' + i))).then(() => console.log(performance.now() - t0));`;
  const best = (count: number): number => {
    let ms = Infinity;
    for (let i = 0; i < times; i++) ms = Math.min(ms, Number(execFileSync(process.execPath, ['-e', timed(count)], { encoding: 'utf8' }).trim()));
    return ms;
  };
  return { oneMs: best(1), pairMs: best(2) };
}

function goBest(dir: string, times: number): number | undefined {
  const bin = join(ROOT, '.cache', 'hclref');
  if (!existsSync(bin)) return undefined;
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    try {
      execFileSync(bin, ['-values=false', '-dir', dir], { stdio: ['ignore', 'ignore', 'ignore'] });
    } catch (error) {
      // The fixtures hold deliberately broken files: a non-zero exit after parsing everything is fine.
      if (typeof (error as { status?: unknown }).status !== 'number') throw error;
    }
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Best wall time of `node script args` in a fresh process, as the parent sees it: startup included. */
function processBest(script: string, args: readonly string[], times: number): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    try {
      execFileSync(process.execPath, [join(DIST, script), ...args], { stdio: ['ignore', 'ignore', 'ignore'] });
    } catch (error) {
      if (typeof (error as { status?: unknown }).status !== 'number') throw error; // exit 1: the scan found failures
    }
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const mbps = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);
const fmt = (n: number, digits = 1): string => n.toFixed(digits);

function printPhases(label: string, t: PhaseTimes & { maxRssMb: number }, goMbps: number | undefined): void {
  console.log(`\n${label}: ${t.files} Terraform files, ${fmt(t.bytes / 1e6, 2)} MB, ${t.resources} resources, ${t.findings} findings (in-process phases, peak RSS ${fmt(t.maxRssMb, 0)} MB)`);
  // peak RSS: the process's peak at the end of the phase, in the first run (a running maximum).
  console.log(`  ${'phase'.padEnd(9)} ${'ms'.padStart(9)} ${'files/s'.padStart(9)} ${'MB/s'.padStart(8)} ${'peak RSS'.padStart(9)}${goMbps ? '   × Go parse' : ''}`);
  let total = 0;
  for (const p of PHASES) {
    const ms = t[`${p}Ms`];
    total += ms;
    const rate = mbps(t.bytes, ms);
    console.log(`  ${p.padEnd(9)} ${fmt(ms).padStart(9)} ${String(Math.round(t.files / (ms / 1000))).padStart(9)} ${fmt(rate).padStart(8)} ${`${fmt(t.peakRssMb[p], 0)} MB`.padStart(9)}${goMbps ? `   ${fmt(rate / goMbps, 2)}` : ''}`);
  }
  const rate = mbps(t.bytes, total);
  console.log(`  ${'total'.padEnd(9)} ${fmt(total).padStart(9)} ${String(Math.round(t.files / (total / 1000))).padStart(9)} ${fmt(rate).padStart(8)} ${''.padStart(9)}${goMbps ? `   ${fmt(rate / goMbps, 2)}` : ''}`);
  // Why evaluation reads more than parse: each root module evaluates the local modules it calls, so a
  // module called from ten roots is parsed once and evaluated ten times (as Terraform would).
  console.log(
    `  evaluate ÷ parse ${fmt(t.evaluateMs / t.parseMs, 2)}×; the ${t.units} root modules evaluate ${fmt(t.unitBytes / 1e6, 2)} MB of Terraform (${fmt(t.unitBytes / t.bytes, 1)}× the parsed bytes: a module is evaluated once per root that calls it), ${fmt(mbps(t.unitBytes, t.evaluateMs))} MB/s of it`,
  );
}

function main(): void {
  const opts = options(process.argv.slice(2));
  const tmp = mkdtempSync(join(tmpdir(), 'safeguard-bench-'));
  try {
    const sources = corpusSources(ROOT);
    const a = join(tmp, 'a');
    const b = join(tmp, 'b');
    buildCorpus(a, sources, opts.copies);
    buildCorpus(b, sources, opts.copies * opts.scale);
    const examples = join(ROOT, 'examples');
    const out = join(tmp, 'report.json');
    console.log(`safeguard bench${opts.quick ? ' --quick' : ''}: Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, ${fmt(totalmem() / 2 ** 30, 0)} GB, load ${loadavg().map((l) => fmt(l, 2)).join(' ')}`);
    console.log(`corpus (a): ${sources.map((s) => s.name).join(' + ')} × ${opts.copies}; (b): × ${opts.copies * opts.scale}; (c): examples. Best of ${opts.times} unless noted.`);

    const sizeA = terraformSize(a);
    const sizeB = terraformSize(b);
    const goA = goBest(a, opts.times);
    const goB = goBest(b, 1);
    const goMbps = goA === undefined ? undefined : mbps(sizeA.bytes, goA);
    if (goA !== undefined) console.log(`\ngo hclref parse-only (a): ${fmt(goA, 0)} ms, ${fmt(goMbps!)} MB/s (wall, one process over the tree)${goB !== undefined ? `; (b): ${fmt(mbps(sizeB.bytes, goB))} MB/s` : ''}`);
    else console.log('\ngo hclref: not built (scripts/hclref-build.sh builds it), so no reference figure and the first target is not judged');

    printPhases('(c) examples', phases(examples, opts.times), goMbps);
    const phasesA = phases(a, opts.times);
    printPhases('(a) generated corpus', phasesA, goMbps);
    const phasesB = phases(b, 1);
    printPhases(`(b) corpus ×${opts.scale}`, phasesB, goMbps);
    // Each format alone, (a) against (b): a format whose cost grows faster than its findings shows here
    // (JUnit, grouping findings by copying each group's list per finding, took 69 s of a 78 s scan of (b)).
    const formats = Object.keys(phasesB.formatMs).map((f) => {
      const growth = phasesB.formatMs[f]! / phasesA.formatMs[f]!;
      // The heap of (b) makes its collections dearer, so a format grows by 10-15× for 10× the findings;
      // one that grows twice as fast as the findings, and takes a tenth of a second, is marked.
      const over = growth > 2 * opts.scale && phasesB.formatMs[f]! >= 100;
      return `${f} ${fmt(phasesA.formatMs[f]!, 0)} → ${fmt(phasesB.formatMs[f]!, 0)} ms (${fmt(growth, 1)}×${over ? `, OVER ${fmt(2 * opts.scale, 0)}×` : ''})`;
    });
    console.log(`\nreport formats, each alone, first run, (a) → (b) (${fmt(phasesB.findings / phasesA.findings, 1)}× the findings): ${formats.join('; ')}`);

    // Full CLI scans, every phase and rule, report written: what a user waits for.
    const cold = scanBest(a, ['--jobs', '1', '--no-cache'], opts.times, out);
    const jobs2 = scanBest(a, ['--jobs', '2', '--no-cache'], opts.times, out);
    const sideBySide = sideBySideBest(a, opts.times, out);
    const cacheDir = join(tmp, 'cache');
    const fill = scanBest(a, ['--jobs', '1', '--cache-dir', cacheDir], 1, out);
    const warm = scanBest(a, ['--jobs', '1', '--cache-dir', cacheDir], opts.times, out);
    const coldB = scanBest(b, ['--jobs', '1', '--no-cache'], 1, out);
    const line = (label: string, bytes: number, r: ScanRun): void =>
      console.log(`  ${label.padEnd(34)} ${fmt(r.ms, 0).padStart(8)} ms ${fmt(mbps(bytes, r.ms)).padStart(7)} MB/s${goMbps ? ` (${fmt(mbps(bytes, r.ms) / goMbps, 2)}× Go)` : ''}  cpu ${fmt(r.cpuMs, 0)} ms  peak RSS ${fmt(r.maxRssMb, 0)} MB`);
    console.log('\nfull scans (safeguard scan, all rules, JSON report, fresh process each):');
    line('(a) cold, --jobs 1', sizeA.bytes, cold);
    line('(a) cold, --jobs 2', sizeA.bytes, jobs2);
    line('(a) cold, filling the cache', sizeA.bytes, fill);
    line('(a) warm cache, unchanged', sizeA.bytes, warm);
    line('(b) cold, --jobs 1 (one run)', sizeB.bytes, coldB);

    // What a user's shell waits for, startup included: the installed `safeguard` is the bundle.
    const startModules = processBest('cli/main.js', ['--version'], opts.times + 2);
    const startBundle = processBest('cli/main.bundle.js', ['--version'], opts.times + 2);
    const bundleScan = (flags: readonly string[], times: number): number => processBest('cli/main.bundle.js', ['scan', a, '--format', `json:${out}`, '--quiet', ...flags], times);
    const processCold = bundleScan(['--jobs', '1', '--no-cache'], opts.times);
    const processCache = join(tmp, 'cache-process');
    bundleScan(['--jobs', '1', '--cache-dir', processCache], 1);
    const processWarm = bundleScan(['--jobs', '1', '--cache-dir', processCache], opts.times);
    const examplesProcess = processBest('cli/main.bundle.js', ['scan', examples, '--format', `json:${out}`, '--quiet', '--no-cache'], opts.times);
    console.log('\nwhole process, startup included (wall time seen by the shell):');
    console.log(`  safeguard --version               modules ${fmt(startModules, 0)} ms, bundle ${fmt(startBundle, 0)} ms`);
    console.log(`  (c) examples, cold (bundle)        ${fmt(examplesProcess, 0).padStart(8)} ms`);
    console.log(`  (a) cold, --jobs 1 (bundle)        ${fmt(processCold, 0).padStart(8)} ms`);
    console.log(`  (a) warm cache (bundle)            ${fmt(processWarm, 0).padStart(8)} ms  (${fmt(processCold / processWarm, 1)}× faster than cold)`);

    // (d): the same shape of work per root module, ten times as many root modules.
    const rootCopies = opts.quick ? 1 : 4;
    const d = join(tmp, 'd');
    const dScaled = join(tmp, 'd-scaled');
    const rootsD = buildRootsCorpus(d, rootCopies);
    const rootsScaled = buildRootsCorpus(dScaled, rootCopies * opts.scale);
    const sizeD = terraformSize(d);
    const sizeScaled = terraformSize(dScaled);
    const coldD = scanBest(d, ['--jobs', '1', '--no-cache'], opts.times, out);
    const coldScaled = scanBest(dScaled, ['--jobs', '1', '--no-cache'], 1, out);
    console.log(`
many root modules (d): every rule's examples as root modules, ${rootsD} roots against ${rootsScaled} (fresh process each, --jobs 1):`);
    line(`(d) ${rootsD} root modules`, sizeD.bytes, coldD);
    line(`(d) ${rootsScaled} root modules (one run)`, sizeScaled.bytes, coldScaled);
    const rootsTime = coldScaled.ms / coldD.ms;
    const rootsRss = coldScaled.maxRssMb / coldD.maxRssMb;

    // (e): one root module in one file, ten times larger.
    const buckets = opts.quick ? 250 : 500;
    const e = join(tmp, 'e');
    const eScaled = join(tmp, 'e-scaled');
    buildLargeModule(e, buckets);
    buildLargeModule(eScaled, buckets * opts.scale);
    const sizeE = terraformSize(e);
    const sizeEScaled = terraformSize(eScaled);
    const coldE = scanBest(e, ['--jobs', '1', '--no-cache'], opts.times, out);
    const coldEScaled = scanBest(eScaled, ['--jobs', '1', '--no-cache'], 1, out);
    console.log(`\none large file (e): a main.tf of ${buckets} buckets with their settings against ${buckets * opts.scale} (fresh process each, --jobs 1):`);
    line(`(e) ${fmt(sizeE.bytes / 1e6, 2)} MB, ${buckets * 5 + 2} resources`, sizeE.bytes, coldE);
    line(`(e) ${fmt(sizeEScaled.bytes / 1e6, 2)} MB (one run)`, sizeEScaled.bytes, coldEScaled);
    const fileTime = coldEScaled.ms / coldE.ms;

    const growthTime = coldB.ms / cold.ms;
    const growthRss = coldB.maxRssMb / cold.maxRssMb;
    const warmSpeedup = cold.ms / warm.ms;
    const jobsSpeedup = cold.ms / jobs2.ms;
    console.log(`\ngrowth (a) → (b), ${fmt(sizeB.bytes / sizeA.bytes, 1)}× the input: ${fmt(growthTime, 2)}× the time (cpu ${fmt(coldB.cpuMs / cold.cpuMs, 2)}×), ${fmt(growthRss, 2)}× the peak RSS`);
    console.log(`warm re-scan: ${fmt(warmSpeedup, 1)}× faster than cold (cpu ${fmt(cold.cpuMs / warm.cpuMs, 1)}×); --jobs 2: ${fmt(jobsSpeedup, 2)}× faster than --jobs 1 (${availableParallelism()} CPUs available)`);
    // The work of two scans done in the time it took: 2 × one scan's time over the pair's.
    console.log(
      `two --jobs 1 scans of (a) side by side, in two processes: both done in ${fmt(sideBySide.pairMs, 0)} ms against ${fmt(sideBySide.oneMs, 0)} ms for one (process start included), ${fmt((2 * sideBySide.oneMs) / sideBySide.pairMs, 2)}× the throughput: the most --jobs 2 could reach on this machine, where one scan keeps ${fmt(cold.cpuMs / cold.ms, 2)} CPUs busy`,
    );

    const scanMbps = mbps(sizeA.bytes, cold.ms);
    const evalRatio = (t: PhaseTimes): number => t.evaluateMs / t.parseMs;
    const rows: [string, string, boolean | undefined][] = [
      ['evaluate ≤ parse, (a) and (b) (issue 4)', `${fmt(evalRatio(phasesA), 2)}×, ${fmt(evalRatio(phasesB), 2)}×`, evalRatio(phasesA) <= 1 && evalRatio(phasesB) <= 1],
      ['cold full scan, one core ≥ Go parse-only', goMbps ? `${fmt(scanMbps)} vs ${fmt(goMbps)} MB/s` : 'no Go reference', goMbps ? scanMbps >= goMbps : undefined],
      [`×${opts.scale} corpus ≤ ${fmt(1.1 * opts.scale, 1)}× the time`, `${fmt(growthTime, 2)}×`, growthTime <= 1.1 * opts.scale],
      [`×${opts.scale} corpus ≤ 2× the peak RSS`, `${fmt(growthRss, 2)}×`, growthRss <= 2],
      [`×${opts.scale} root modules (d) ≤ ${fmt(1.1 * opts.scale, 1)}× the time`, `${fmt(rootsTime, 2)}× (cpu ${fmt(coldScaled.cpuMs / coldD.cpuMs, 2)}×)`, rootsTime <= 1.1 * opts.scale],
      [`×${opts.scale} root modules (d) ≤ 2× the peak RSS`, `${fmt(rootsRss, 2)}×`, rootsRss <= 2],
      [`×${opts.scale} one file (e) ≤ ${fmt(1.1 * opts.scale, 1)}× the time`, `${fmt(fileTime, 2)}× (cpu ${fmt(coldEScaled.cpuMs / coldE.cpuMs, 2)}×)`, fileTime <= 1.1 * opts.scale],
      ['warm re-scan ≥ 10× faster than cold', `${fmt(warmSpeedup, 1)}×`, warmSpeedup >= 10],
      ['--jobs 2 ≥ 1.7× faster than --jobs 1', `${fmt(jobsSpeedup, 2)}× (ceiling ${fmt((2 * sideBySide.oneMs) / sideBySide.pairMs, 2)}×)${availableParallelism() < 2 ? ' (fewer than 2 CPUs)' : ''}`, jobsSpeedup >= 1.7],
    ];
    console.log('\ntargets:');
    for (const [target, measured, met] of rows) console.log(`  ${target.padEnd(42)} ${measured.padEnd(22)} ${met === undefined ? 'not judged' : met ? 'met' : 'NOT MET'}`);
    console.log(`\n(load average at the end: ${loadavg().map((l) => fmt(l, 2)).join(' ')}; figures on a busy machine are pessimistic, and --jobs most of all)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main();
