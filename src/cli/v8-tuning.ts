// How eagerly V8 optimises, for the CLI process only (its --jobs workers share the process's flags;
// the library API leaves its host's flags alone). A scan is short and runs much code a few hundred
// times: at V8's default tier-up budget TurboFan compiled many functions whose optimised code ran
// too little to repay the compile, on a second thread that --jobs workers and a CI runner's other
// jobs want too. Four times the default budget measured on 2 vCPUs (stop 20, five to six alternating
// runs each): corpus (a) cold 1.36-1.38 s wall / 1.6-1.8 s CPU against 1.51-1.58 s / 2.2-2.6 s, the
// examples 0.39 s against 0.42 s, and ten times corpus (a) no slower (noisy, 5.0-7.8 s either way).
// Set before the rest of the CLI is evaluated (main.ts imports this first); a budget given on
// node's command line wins.
import { setFlagsFromString } from 'node:v8';

/** V8's default (132 KB of bytecode executed before a function is considered hot), times four. */
export const CLI_INTERRUPT_BUDGET = 4 * 132 * 1024;

if (!process.execArgv.some((a) => a.startsWith('--interrupt-budget'))) setFlagsFromString(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
