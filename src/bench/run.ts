// `npm run bench`: where the time goes, per phase, on (a) the bundled examples, (b) the shared
// corpus of real modules and (c) that corpus replicated ten times, so growth with input size is
// visible (linear growth keeps ms per MB flat). A benchmark, never a timed test: it prints numbers
// and asserts nothing. The Go reference parser's figure follows when it is built (.cache/hclref).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateTerraform } from '../graph/index.js';
import { parseHclFile } from '../graph/parse.js';
import { runRules } from '../engine/run-rules.js';
import { allRules } from '../rules/index.js';
import { readCorpus, replicate } from './eval-bench.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface PhaseTimes {
  readonly files: number;
  readonly bytes: number;
  readonly parseMs: number;
  readonly evaluateMs: number;
  readonly rulesMs: number;
  readonly resources: number;
  readonly findings: number;
}

function bytesOf(files: ReadonlyMap<string, string>): number {
  let total = 0;
  for (const text of files.values()) total += Buffer.byteLength(text);
  return total;
}

function measure(files: ReadonlyMap<string, string>): PhaseTimes {
  const t0 = performance.now();
  for (const [path, text] of files) parseHclFile(path, text);
  const t1 = performance.now();
  // evaluateTerraform parses again; its evaluation cost is the difference.
  const evaluated = evaluateTerraform({ files, readFile: (p) => files.get(p) });
  const t2 = performance.now();
  const result = runRules(evaluated.model, allRules, { today: new Date().toISOString().slice(0, 10) });
  const t3 = performance.now();
  return {
    files: files.size,
    bytes: bytesOf(files),
    parseMs: t1 - t0,
    evaluateMs: Math.max(0, t2 - t1 - (t1 - t0)),
    rulesMs: t3 - t2,
    resources: evaluated.model.resources.length,
    findings: result.findings.length,
  };
}

function best(files: ReadonlyMap<string, string>, times: number): PhaseTimes {
  measure(files); // warm-up: JIT and caches
  let winner: PhaseTimes | undefined;
  for (let i = 0; i < times; i++) {
    const t = measure(files);
    if (!winner || t.parseMs + t.evaluateMs + t.rulesMs < winner.parseMs + winner.evaluateMs + winner.rulesMs) winner = t;
  }
  return winner!;
}

const mbps = (bytes: number, ms: number): string => (ms > 0 ? `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s` : '-');

function print(label: string, t: PhaseTimes): void {
  console.log(`\n${label}: ${t.files} files, ${(t.bytes / 1e6).toFixed(2)} MB, ${t.resources} resources, ${t.findings} findings`);
  console.log(`  parse     ${t.parseMs.toFixed(0).padStart(7)} ms  ${mbps(t.bytes, t.parseMs)}  ${Math.round(t.files / (t.parseMs / 1000))} files/s`);
  console.log(`  evaluate  ${t.evaluateMs.toFixed(0).padStart(7)} ms  ${mbps(t.bytes, t.evaluateMs)}  (${(t.evaluateMs / t.parseMs).toFixed(1)}x parse)`);
  console.log(`  rules     ${t.rulesMs.toFixed(0).padStart(7)} ms  ${allRules.length} rules`);
}

function main(): void {
  const times = Number(process.env['BENCH_TIMES'] ?? 3);
  const examples = new Map([...readCorpus(join(ROOT, 'examples'))]);
  const corpusDir = join(ROOT, '..', 'shared', 'corpora', 'terraform');
  print('examples', best(examples, times));
  if (!existsSync(corpusDir)) {
    console.log(`\n${corpusDir} not found: corpus figures skipped`);
    return;
  }
  const corpus = readCorpus(corpusDir);
  const one = best(corpus, times);
  print('corpus', one);
  const ten = best(replicate(corpus, 10), 1);
  print('corpus x10', ten);
  const perMb = (t: PhaseTimes): number => (t.parseMs + t.evaluateMs + t.rulesMs) / (t.bytes / 1e6);
  console.log(`\ngrowth: x10 input costs ${((ten.parseMs + ten.evaluateMs + ten.rulesMs) / (one.parseMs + one.evaluateMs + one.rulesMs)).toFixed(1)}x time (${perMb(one).toFixed(0)} -> ${perMb(ten).toFixed(0)} ms/MB)`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  const hclref = join(ROOT, '.cache', 'hclref');
  if (existsSync(hclref)) {
    const t0 = performance.now();
    execFileSync(hclref, ['-values=false', '-dir', corpusDir], { maxBuffer: 1 << 28 });
    const goMs = performance.now() - t0;
    console.log(`go hclref on the corpus (wall, incl. process start and output): ${mbps(one.bytes, goMs)}; ours: ${mbps(one.bytes, one.parseMs)}`);
  } else {
    console.log('go hclref: not built (scripts/hclref-build.sh builds it) — no reference figure');
  }
}

main();
