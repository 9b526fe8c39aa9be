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
import { holdYoungGeneration, setUnlessGiven } from './young-generation.js';

/** V8's default (132 KB of bytecode executed before a function is considered hot), times four. */
export const CLI_INTERRUPT_BUDGET = 4 * 132 * 1024;


setUnlessGiven('--interrupt-budget', CLI_INTERRUPT_BUDGET);

// How far the heap may grow past what a full collection left live, at most (the CLI only, as
// above). V8 picks a factor between 1.1 and 4 from its GC speed, and for a scan it picked 4: on
// corpus (b) of the bench ~85 MB was live after a collection in the planning step and the next one
// came at ~370 MB, so the peak RSS was most of all garbage. Doubling (stop 41) brought (b) to 380-395
// MB against 472-480 MB; 60 % was slower then, when a full collection marked the merged model of
// every root module. Since the rules judge each root module's model and let it go (stop 48,
// pipeline/unit-judging.ts) ~120 MB is live at the end of (b) and a collection marks less: measured on
// 2 vCPUs, fresh processes, --jobs 1 --no-cache, alternating: (b) 292-297 MB at 25 % against 353-359
// at 100 % (301-312 at 40 %, 323-325 at 60 %), in 12.3-12.5 s against 11.8-12.9 s; (a) 159-164 MB
// either way (so ten times the corpus is 1.8-1.9 times the peak, not 2.2-2.3); one main.tf of 2 500
// buckets 216-217 MB against 247-251 in 2.76-2.83 s against 2.61-2.65 s (~5 % slower: its one model
// is live throughout); 3 470 root modules 167 against 190-193 MB in the same time.
/** Percent the heap may grow past the live size after a full collection (V8: 1 + percent/100). */
export const CLI_HEAP_GROWING_PERCENT = 25;

setUnlessGiven('--heap-growing-percent', CLI_HEAP_GROWING_PERCENT);

// No allocation-site pretenuring (the CLI only, as above). V8 tracks where object and array
// literals are made and, once most of a site's objects outlive a scavenge, allocates them in the old
// generation from then on; optimised code that made them young is thrown away at that decision
// ("marking dependent code ... reason: code dependencies", --trace-deopt). A scan keeps nearly all
// its syntax trees, so the decisions came after TurboFan had compiled the parser: parseTerm,
// parseBinary, collectComments and attach were compiled again, parseTerm three times in all. Counted
// with callgrind on a cold scan of the bench's corpus (a) (--single-threaded --predictable, side by
// side with the build before): TurboFan 1 088 against 1 250 M instructions, the pretenuring
// bookkeeping 72 against 120 M, the scavenges 637 against 611 M (538-611 M over runs of the build
// before), 10.70 against 10.97 G in all. Peak RSS the same or lower: (a) 156-158 against 162-167 MB,
// corpus (b) 278-283 against 284-291 MB.
if (!process.execArgv.some((a) => a.includes('allocation-site-pretenuring'))) setFlagsFromString('--no-allocation-site-pretenuring');

// The young generation's growth: held until a scan evaluates (young-generation.ts).
holdYoungGeneration();

// The regular-expression engine's flags too (regex-engine.ts sets them when the Terraform string
// functions load): set here, before any CLI code is compiled, every flag the CLI will ever set is in
// place when the launcher compiles the bundle, as when its code cache was made (core-loader.ts);
// V8 rejects a cache made under other flags.
enableLinearRegexFallback();
