// The CLI as one function, for the two ways it starts: main.ts (the modules, as tests run them) and
// the installed executable (launch.ts, which compiles the bundled CLI with V8's code cache). The
// bundled --jobs worker (scan-worker-launch.ts) compiles the same bundle and runs runScanWorker.
import type { ModuleImporter } from '../pipeline/scan-context.js';
import { actOnHeldSignal } from './file-writes.js';
import { nodeScanContext } from './node-context.js';
import { runCli } from './program.js';
import { processTerminal, type Terminal } from './terminal.js';

export { runScanWorker } from './scan-worker-run.js';

/**
 * Runs the CLI on `argv` (without node and the script) and returns the exit code. `importModule`
 * loads --plugin modules in place of this code's own import() (ScanContext.importModule).
 */
export function main(argv: readonly string[], terminal: Terminal = processTerminal, importModule?: ModuleImporter): Promise<number> {
  if (terminal === processTerminal) {
    // `safeguard scan | head` closes stdout early; that is not an error.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
  }
  // A signal that came while a command wrote its last files (file-writes.ts holds it until the
  // write is done) stops the process now, by that signal: else a scan stopped by a CI runner's
  // timeout while it wrote its report ended with the scan's own status, 0 when it passed.
  return runCli(argv, terminal, importModule ? () => ({ ...nodeScanContext(), importModule }) : nodeScanContext).then(async (code) => {
    await actOnHeldSignal();
    return code;
  });
}
