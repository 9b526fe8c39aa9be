// `safeguard baseline create [PATH...] [--output FILE]`: records today's failing findings so that
// `scan --baseline FILE` reports only new ones (docs/reports.md, "Baselines").
import path from 'node:path';
import { createBaseline, renderBaseline } from '../baseline/baseline-file.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import { UsageError } from './cli-error.js';
import { finishWritesOnSignal, writeFileAtomically } from './file-writes.js';
import { writeFailureHint } from './report-outputs.js';
import { baselineKeying } from './narrow-findings.js';
import { executeScan, prepareScan, uncachedSourceScan, type ScanFlags } from './scan-command.js';
import type { Terminal } from './terminal.js';

export const DEFAULT_BASELINE_FILE = '.safeguard-baseline.json';

export async function runBaselineCreateCommand(context: ScanContext, paths: readonly string[], flags: ScanFlags, terminal: Terminal): Promise<number> {
  const prepared = prepareScan(context, paths, flags);
  const result = await executeScan(context, prepared, flags, terminal, uncachedSourceScan(context, prepared));
  const file = flags.output ?? DEFAULT_BASELINE_FILE;
  const target = path.resolve(context.cwd, file);
  const baseline = createBaseline(result.findings, baselineKeying(result.root, target, result));
  try {
    // Whole or not at all: a baseline cut short by a kill or a full disk replaced the committed one.
    finishWritesOnSignal(); // the command's last write: a signal now lets it finish (file-writes.ts)
    writeFileAtomically(target, [renderBaseline(baseline)]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'write failed';
    throw new UsageError(`--output ${file}: cannot write the baseline (${code}).`, code === 'ENOENT' ? 'Check that the directory exists and is writable.' : writeFailureHint(code));
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (!flags.quiet) {
    terminal.err(`Baseline written to ${file}: ${baseline.entries.length} failing finding${baseline.entries.length === 1 ? '' : 's'}${errors > 0 ? `; ${errors} file${errors === 1 ? '' : 's'} could not be parsed and ${errors === 1 ? 'is' : 'are'} not covered` : ''}.\n`);
    terminal.err(`Commit it, then run \`safeguard scan --baseline ${file}\` to report only new findings.\n`);
  }
  return errors > 0 ? 1 : 0;
}
