// `npm run fuzz [-- --seconds N] [--seed S] [--target NAME] [--replay FILE]`: the long fuzz run
// (issue 12). Splits the time between the targets, prints inputs tried per second for each, and
// writes every failure's input and seed to .cache/fuzz-failures/ so it can be replayed and fixed.
// Exit 1 when anything failed. `npm test` runs the same loop briefly (src/fuzz/fuzz.test.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runFuzzLoop, writeReproducer, type FuzzFailure } from './fuzz-loop.js';
import { FUZZ_TARGETS, loadCorpus } from './targets.js';

const ROOT = process.env['SAFEGUARD_ROOT'] ?? fileURLToPath(new URL('../../', import.meta.url));
const FAILURE_DIR = path.join(ROOT, '.cache', 'fuzz-failures');

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    target: { type: 'string', multiple: true },
    replay: { type: 'string' },
    'max-input-ms': { type: 'string', default: '5000' },
  },
});

const targets = values.target ? FUZZ_TARGETS.filter((t) => values.target!.includes(t.name)) : FUZZ_TARGETS;
if (targets.length === 0) {
  console.error(`Unknown target. Targets: ${FUZZ_TARGETS.map((t) => t.name).join(', ')}`);
  process.exit(2);
}

if (values.replay !== undefined) {
  const input = readFileSync(values.replay, 'utf8');
  let failed = false;
  for (const target of targets) {
    const t0 = performance.now();
    try {
      target.run(input);
      console.log(`${target.name}: ok (${(performance.now() - t0).toFixed(0)} ms)`);
    } catch (e) {
      failed = true;
      console.log(`${target.name}: FAILED after ${(performance.now() - t0).toFixed(0)} ms\n${e instanceof Error ? e.stack : String(e)}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

const seconds = Number(values.seconds);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const maxInputMs = Number(values['max-input-ms']);
if (!Number.isFinite(seconds) || seconds <= 0 || !Number.isInteger(seed) || !(maxInputMs > 0)) {
  console.error('Usage: npm run fuzz -- [--seconds N] [--seed S] [--target NAME ...] [--max-input-ms MS] [--replay FILE]');
  process.exit(2);
}

const corpus = loadCorpus(ROOT);
console.log(`fuzz: seed ${seed}, ${seconds}s over ${targets.length} targets, ${corpus.length} corpus files; replay with --seed ${seed}`);
const failures: FuzzFailure[] = [];
const perTargetMs = (seconds * 1000) / targets.length;
for (const target of targets) {
  const result = runFuzzLoop({ target, corpus, seed, deadlineMs: performance.now() + perTargetMs, maxInputMs, now: () => performance.now(), maxFailures: 20 });
  const rate = result.tried / Math.max(result.elapsedMs / 1000, 0.001);
  console.log(`  ${target.name.padEnd(18)} ${String(result.tried).padStart(7)} inputs  ${rate.toFixed(1).padStart(8)} /s  ${result.failures.length === 0 ? 'ok' : `${result.failures.length} FAILED`}`);
  for (const failure of result.failures) {
    const file = writeReproducer(FAILURE_DIR, failure);
    console.log(`    ${failure.error.split('\n')[0]}\n      reproducer: ${path.relative(process.cwd(), file)}`);
    failures.push(failure);
  }
}
console.log(failures.length === 0 ? 'fuzz: no failures' : `fuzz: ${failures.length} failures, reproducers in ${path.relative(process.cwd(), FAILURE_DIR)}/`);
process.exit(failures.length === 0 ? 0 : 1);
