// Terraform evaluator cost against parsing (issue 4: "evaluation must not cost more than parsing").
// `node dist/bench/eval-bench.js DIR [--times N] [--scale K]` reads every .tf, .tf.json, .tfvars and
// .tfvars.json under DIR, then times, for the corpus as it is and replicated K times (default 10)
// under different directory prefixes: parsing every file alone, and evaluateTerraform (which
// parses and evaluates). It prints ms and MB/s for each, the ratio eval/parse, and how cost grows
// with the corpus size (linear growth keeps ms per MB flat).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { evaluateTerraform } from '../graph/index.js';
import { parseHclFile } from '../graph/parse.js';

const TERRAFORM_FILE = /\.(tf|tf\.json|tfvars|tfvars\.json)$/;

/** Every Terraform file under `root`, keyed by its path relative to `root` (forward slashes). */
export function readCorpus(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const ent of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, ent.name);
      if (ent.isDirectory()) {
        if (ent.name !== '.git') walk(p);
      } else if (TERRAFORM_FILE.test(ent.name) && statSync(p).isFile()) {
        out.set(relative(root, p).split(sep).join('/'), readFileSync(p, 'utf8'));
      }
    }
  };
  walk(root);
  return out;
}

/** The corpus `copies` times over, each copy under its own `copyN/` prefix. */
export function replicate(files: ReadonlyMap<string, string>, copies: number): Map<string, string> {
  if (copies === 1) return new Map(files);
  const out = new Map<string, string>();
  for (let i = 0; i < copies; i++) for (const [p, t] of files) out.set(`copy${i}/${p}`, t);
  return out;
}

interface Timing {
  readonly parseMs: number;
  readonly evalMs: number;
  /** CPU time of this process (user + system): steadier than wall time on a busy machine. */
  readonly parseCpuMs: number;
  readonly evalCpuMs: number;
  readonly bytes: number;
  readonly resources: number;
  readonly diagnostics: number;
}

function evaluate(files: ReadonlyMap<string, string>, root: string): { resources: number; diagnostics: number } {
  // Template files (templatefile(), file()) are read from disk on demand, as the scanner does.
  const readFile = (rel: string): string | undefined => {
    const path = rel.replace(/^copy\d+\//, '');
    try {
      return readFileSync(join(root, path), 'utf8');
    } catch {
      return undefined;
    }
  };
  const { model, diagnostics } = evaluateTerraform({ files, readFile });
  return { resources: model.resources.length, diagnostics: diagnostics.length };
}

function parseAll(files: ReadonlyMap<string, string>): void {
  for (const [path, text] of files) parseHclFile(path, text);
}

/** Best of `times` runs after one warm-up run, for parse alone and for parse + evaluate. */
export function timeCorpus(files: ReadonlyMap<string, string>, root: string, times: number): Timing {
  let bytes = 0;
  for (const t of files.values()) bytes += Buffer.byteLength(t);
  parseAll(files);
  let result = evaluate(files, root);
  let parseMs = Infinity;
  let evalMs = Infinity;
  let parseCpuMs = Infinity;
  let evalCpuMs = Infinity;
  const cpuMs = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  for (let i = 0; i < times; i++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    parseAll(files);
    const t1 = performance.now();
    const c1 = cpuMs();
    result = evaluate(files, root);
    const t2 = performance.now();
    const c2 = cpuMs();
    parseMs = Math.min(parseMs, t1 - t0);
    evalMs = Math.min(evalMs, t2 - t1);
    parseCpuMs = Math.min(parseCpuMs, c1 - c0);
    evalCpuMs = Math.min(evalCpuMs, c2 - c1);
  }
  return { parseMs, evalMs, parseCpuMs, evalCpuMs, bytes, ...result };
}

function rate(bytes: number, ms: number): string {
  return `${ms.toFixed(1).padStart(8)} ms ${(bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(6)} MB/s`;
}

function main(argv: readonly string[]): void {
  const dir = argv[0];
  const flag = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    const n = i >= 0 ? Number(argv[i + 1]) : fallback;
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  if (!dir || dir.startsWith('--')) {
    console.error('usage: node dist/bench/eval-bench.js DIR [--times N] [--scale K]');
    process.exitCode = 2;
    return;
  }
  const times = flag('--times', 5);
  const scale = flag('--scale', 10);
  const base = readCorpus(dir);
  const rows: [string, Timing][] = [];
  for (const copies of scale === 1 ? [1] : [1, scale]) {
    const files = replicate(base, copies);
    const t = timeCorpus(files, dir, times);
    rows.push([`x${copies}`, t]);
    console.log(`x${copies}: ${files.size} files, ${(t.bytes / 1e6).toFixed(2)} MB, ${t.resources} resources, ${t.diagnostics} diagnostics (best of ${times})`);
    console.log(`  parse             ${rate(t.bytes, t.parseMs)}`);
    console.log(`  parse + evaluate  ${rate(t.bytes, t.evalMs)}`);
    console.log(`  ratio eval/parse  ${(t.evalMs / t.parseMs).toFixed(2)} (evaluation alone ${((t.evalMs - t.parseMs) / t.parseMs).toFixed(2)}x parsing)`);
    console.log(`  cpu time          parse ${t.parseCpuMs.toFixed(0)} ms, parse + evaluate ${t.evalCpuMs.toFixed(0)} ms, ratio ${(t.evalCpuMs / t.parseCpuMs).toFixed(2)}`);
  }
  if (rows.length === 2) {
    const [, a] = rows[0]!;
    const [, b] = rows[1]!;
    const growth = (b.evalMs / a.evalMs) / (b.bytes / a.bytes);
    console.log(`growth: x${scale} input costs ${(b.evalMs / a.evalMs).toFixed(1)}x the time (${growth.toFixed(2)} of linear; ~1 is linear, >1.5 suggests superlinear work)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
