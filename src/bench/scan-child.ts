// `node dist/bench/scan-child.js scan ARGS...`: runs the installed CLI's code (dist/cli/main.core.cjs,
// compiled with its code cache by core-loader.ts, as the `safeguard` executable does) in this
// process, discarding its output, and prints one JSON line to stdout: wall time, CPU time and peak
// RSS of the whole run, exit code. The bench runs each timed scan in a fresh process, so peak memory
// is that scan's alone; the time starts once the CLI's code is loaded.
import '../cli/v8-tuning.js'; // first, as in the launcher: the CLI's V8 flags
import { fileURLToPath } from 'node:url';
import { loadCore } from '../cli/core-loader.js';
import { discardTerminal } from '../cli/terminal.js';

const { core } = loadCore(fileURLToPath(new URL('../cli/', import.meta.url)));
const t0 = performance.now();
const exitCode = await core.main(process.argv.slice(2), discardTerminal);
const ms = performance.now() - t0;
const usage = process.resourceUsage();
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMb: usage.maxRSS / 1024, exitCode })}\n`);
