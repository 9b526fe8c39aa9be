// The fuzz loop shared by `npm test` (few runs, fixed seeds) and `npm run fuzz` (until a deadline):
// input n of a run is a pure function of (seed, n), so any failure replays from its reproducer.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mutate, seededRandom, tokenSoup } from './mutate.js';
import type { FuzzTarget } from './targets.js';

export interface FuzzFailure {
  readonly target: string;
  readonly seed: number;
  readonly iteration: number;
  readonly input: string;
  /** The corpus file the input was mutated from, if any. */
  readonly from?: string;
  readonly error: string;
  readonly ms: number;
}

export interface FuzzLoopOptions {
  readonly target: FuzzTarget;
  /** Corpus files (all kinds): the target keeps those it accepts. */
  readonly corpus: readonly { readonly path: string; readonly text: string }[];
  readonly seed: number;
  /** Stop after this many inputs... */
  readonly maxRuns?: number;
  /** ...or when the clock passes this. */
  readonly deadlineMs?: number;
  /** An input slower than this is a failure: every input must finish within a time budget. */
  readonly maxInputMs: number;
  readonly now: () => number;
  /** Stop at the first failure (tests) or collect up to this many (the CLI). */
  readonly maxFailures?: number;
}

export interface FuzzLoopResult {
  readonly tried: number;
  readonly elapsedMs: number;
  readonly failures: readonly FuzzFailure[];
}

/** Input `iteration` of a run: a mutated corpus file (mostly) or random hostile tokens. */
export function fuzzInput(seed: number, iteration: number, seeds: readonly { readonly path: string; readonly text: string }[]): { input: string; from?: string } {
  const random = seededRandom((seed ^ Math.imul(iteration + 1, 0x9e3779b1)) >>> 0);
  if (seeds.length === 0 || random() < 0.15) return { input: tokenSoup(random) };
  const source = seeds[Math.floor(random() * seeds.length)]!;
  return { input: mutate(source.text, random), from: source.path };
}

export function runFuzzLoop(options: FuzzLoopOptions): FuzzLoopResult {
  const { target, seed, now } = options;
  const seeds = options.corpus.filter((f) => target.accepts(f.path));
  const failures: FuzzFailure[] = [];
  const started = now();
  let tried = 0;
  for (let iteration = 0; ; iteration++) {
    if (options.maxRuns !== undefined && iteration >= options.maxRuns) break;
    if (options.deadlineMs !== undefined && now() >= options.deadlineMs) break;
    const { input, from } = fuzzInput(seed, iteration, seeds);
    const t0 = now();
    let error: string | undefined;
    try {
      target.run(input);
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
    }
    const ms = now() - t0;
    tried++;
    if (error === undefined && ms > options.maxInputMs) error = `took ${ms.toFixed(0)} ms (the budget per input is ${options.maxInputMs} ms)`;
    if (error !== undefined) {
      failures.push({ target: target.name, seed, iteration, input, ...(from !== undefined ? { from } : {}), error, ms });
      if (failures.length >= (options.maxFailures ?? 1)) break;
    }
  }
  return { tried, elapsedMs: now() - started, failures };
}

/** Writes the failing input and how to replay it; returns the input file's path. */
export function writeReproducer(dir: string, failure: FuzzFailure): string {
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `${failure.target}-seed${failure.seed}-${failure.iteration}`);
  writeFileSync(`${base}.input`, failure.input);
  writeFileSync(
    `${base}.json`,
    `${JSON.stringify({ target: failure.target, seed: failure.seed, iteration: failure.iteration, from: failure.from, ms: Math.round(failure.ms), error: failure.error, replay: `npm run fuzz -- --replay ${base}.input --target ${failure.target}` }, null, 2)}\n`,
  );
  return `${base}.input`;
}
