// `node dist/bench/scan-child.bundle.js scan ARGS...` (bundled by scripts/bundle.mjs; dist/bench/scan-child.js
// runs the modules): runs the CLI in this process, discarding its output,
// and prints one JSON line to stdout: wall time, CPU time and peak RSS of the whole run, exit code.
// The bench runs each timed scan in a fresh process, so peak memory is that scan's alone.
import '../cli/v8-tuning.js'; // first, as in main.ts: the CLI's V8 flags
import { nodeScanContext } from '../cli/node-context.js';
import { runCli } from '../cli/program.js';

const t0 = performance.now();
const exitCode = await runCli(process.argv.slice(2), { out: () => undefined, err: () => undefined, stdoutIsTTY: false, stderrIsTTY: false, env: {} }, nodeScanContext);
const ms = performance.now() - t0;
const usage = process.resourceUsage();
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMb: usage.maxRSS / 1024, exitCode })}\n`);
