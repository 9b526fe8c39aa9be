// How eagerly V8 optimises, for the CLI process only (its --jobs workers share the process's flags;
// the library API leaves its host's flags alone). A scan is short and runs much code a few hundred
// times: at V8's default tier-up budget TurboFan compiled many functions whose optimised code ran
// too little to repay the compile, on a second thread that --jobs workers and a CI runner's other
// jobs want too. Four times the default budget, measured on 2 vCPUs (stop 20, alternating runs):
// corpus (a) cold 1.31-1.53 s wall and 1.6-1.9 s CPU against 1.49-1.83 s and 2.3-2.9 s (five runs
// each), the examples 0.39 s against 0.42 s (medians of six), ten times corpus (a) no slower (three
// runs each, 5.0-7.8 s either way). Code that runs for long tiers up later with it (the bench's warm,
// best-of-two phases are slower), so a program that imports the library keeps V8's default.
// Set before the rest of the CLI is evaluated (main.ts imports this first); a budget given on
// node's command line wins.
import { setFlagsFromString } from 'node:v8';
import { enableLinearRegexFallback } from '../graph/functions/regex-engine.js';

/** V8's default (132 KB of bytecode executed before a function is considered hot), times four. */
export const CLI_INTERRUPT_BUDGET = 4 * 132 * 1024;

/** Sets a V8 flag unless node's command line gave it. */
function setUnlessGiven(flag: string, value: number): void {
  if (!process.execArgv.some((a) => a.startsWith(flag))) setFlagsFromString(`${flag}=${value}`);
}

setUnlessGiven('--interrupt-budget', CLI_INTERRUPT_BUDGET);

// How far the heap may grow past what a full collection left live, at most (the CLI only, as
// above). V8 picks a factor between 1.1 and 4 from its GC speed, and for a scan it picked 4: on
// corpus (b) of the bench ~85 MB was live after a collection in the planning step and the next one
// came at ~370 MB, so the peak RSS was most of all garbage. Doubling instead, measured on 2 vCPUs
// (three alternating runs each): corpus (b) 380-395 MB against 472-480 MB, in the same time
// (6.6-7.7 s either way); corpus (a) unchanged (157-163 MB). 60 % saved ~20 MB more and was slower.
/** Percent the heap may grow past the live size after a full collection (V8: 1 + percent/100). */
export const CLI_HEAP_GROWING_PERCENT = 100;

setUnlessGiven('--heap-growing-percent', CLI_HEAP_GROWING_PERCENT);

// How fast the young generation grows toward its (unchanged) maximum: each scavenge copies what
// survives it, and a scan keeps most of what it makes (file texts, the model, findings), so a young
// generation growing by 2× at a time is copied through many small scavenges, and on a warm re-scan
// it pushed enough into the old generation that about half the runs also paid a full collection.
// Growing by 8×, counted with callgrind on --single-threaded warm re-scans of the bench's corpus (a),
// five runs each: 1 734-1 742 M instructions every time against 1 728-1 920 M (two at ~1 729, three
// at ~1 918); a cold scan 10.04 against 10.03 G. Unlike the semi-space sizes, V8 reads this one
// each time it grows the space, so setting it here takes effect.
/** V8's factor for growing the new space (its default is 2). */
export const CLI_SEMI_SPACE_GROWTH_FACTOR = 8;

setUnlessGiven('--semi-space-growth-factor', CLI_SEMI_SPACE_GROWTH_FACTOR);

// The regular-expression engine's flags too (regex-engine.ts sets them when the Terraform string
// functions load): set here, before any CLI code is compiled, every flag the CLI will ever set is in
// place when the launcher compiles the bundle, as when its code cache was made (core-loader.ts);
// V8 rejects a cache made under other flags.
enableLinearRegexFallback();
