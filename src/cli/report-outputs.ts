// `--format NAME[:FILE]` (repeatable): several reports from one scan, e.g.
// `--format sarif:results.sarif --format markdown:comment.md --format text`. A format without a
// file goes to --output when given, else to stdout; at most one report may go to stdout.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ScanContext } from '../pipeline/scan-context.js';
import { findReporter, REPORTER_NAMES } from '../reporters/registry.js';
import { batched, FindingsMemoDamaged, textPieces, type ReportContext, type ReportInput } from '../reporters/report-input.js';
import { UsageError } from './cli-error.js';
import { finishWritesOnSignal, writeFileAtomically, writeFully } from './file-writes.js';
import { formatNameAsOutput } from './peer-flags.js';
import { useColor, type Terminal } from './terminal.js';

export interface ReportOutput {
  readonly format: string;
  readonly file?: string;
}

/** `sarif:out/results.sarif` → { format: 'sarif', file: 'out/results.sarif' }; the file may contain colons. */
export function parseFormatArgument(value: string): ReportOutput {
  const colon = value.indexOf(':');
  if (colon === -1) return { format: value };
  const file = value.slice(colon + 1);
  if (file === '') throw new UsageError(`--format ${value}: expected FORMAT or FORMAT:FILE.`, 'Example: --format sarif:results.sarif');
  return { format: value.slice(0, colon), file };
}

export function resolveOutputs(outputs: readonly ReportOutput[], output: string | undefined): ReportOutput[] {
  const formatName = output !== undefined ? formatNameAsOutput(output, REPORTER_NAMES) : undefined;
  if (formatName) throw new UsageError(formatName.message, formatName.hint);
  // Unused, it would leave no file where a CI step looks for one, in silence.
  if (output !== undefined && outputs.every((o) => o.file !== undefined)) {
    throw new UsageError(`--output ${output}: every --format names its own file, so nothing would be written to ${output}.`, 'Drop --output, or give one --format without a file (--format text -o report.txt).');
  }
  for (const o of outputs) {
    // `--format json:out.json,sarif:out.sarif` wrote one JSON report to a file named all of that, and
    // no SARIF log: the upload step then found none. The flag is repeated instead.
    const listed = o.file === undefined ? undefined : /,([a-z-]+):/.exec(o.file);
    if (listed && REPORTER_NAMES.includes(listed[1]!)) {
      throw new UsageError(`--format ${o.format}:${o.file}: one report per --format; a comma does not start another.`, `Repeat the flag: ${`${o.format}:${o.file}`.split(',').map((part) => `--format ${part}`).join(' ')}`);
    }
  }
  const resolved = outputs.map((o) => (o.file === undefined && output !== undefined ? { ...o, file: output } : o));
  for (const o of resolved) {
    if (!findReporter(o.format)) throw new UsageError(`--format ${o.format}: unknown format.`, `Use one of: ${REPORTER_NAMES.join(', ')}.`);
  }
  if (resolved.filter((o) => o.file === undefined).length > 1) {
    throw new UsageError('More than one --format writes to stdout.', 'Give all but one a file: --format sarif:results.sarif --format text');
  }
  const files = resolved.flatMap((o) => (o.file === undefined ? [] : [o.file]));
  const duplicate = files.find((f, i) => files.indexOf(f) !== i);
  if (duplicate !== undefined) throw new UsageError(`Two reports would be written to ${duplicate}.`, 'Give each --format its own file.');
  return resolved;
}

export interface GithubEnvironment {
  readonly serverUrl?: string;
  readonly repository?: string;
  readonly sha?: string;
}

/** `https://github.com/o/r/blob/<sha>/` when running in GitHub Actions, for links in Markdown reports. */
export function sourceLinkBase(env: GithubEnvironment): string | undefined {
  if (!env.serverUrl || !env.repository || !env.sha) return undefined;
  return `${env.serverUrl.replace(/\/$/, '')}/${env.repository}/blob/${env.sha}/`;
}

export function writeReports(
  context: ScanContext,
  input: ReportInput,
  outputs: readonly ReportOutput[],
  base: Omit<ReportContext, 'color'>,
  flags: { readonly color: boolean; readonly quiet: boolean },
  terminal: Terminal,
): void {
  const { findingsMemo, ...shared } = base;
  for (const o of outputs) {
    const reporter = findReporter(o.format)!;
    // The findings memo for reports written to files (a remembered piece is bytes, written as they are).
    const reportContext = { ...shared, color: reporter.colored && o.file === undefined && useColor(terminal, flags.color, 'stdout'), ...(findingsMemo && o.file !== undefined ? { findingsMemo } : {}) };
    // A streaming format is written in pieces of about 1 MB: a million findings never make one string.
    const render = (c: ReportContext) => (reporter.chunks ? batched(reporter.chunks(input, c)) : [reporter.render(input, c)]);
    if (o.file === undefined) {
      for (const piece of textPieces(render(reportContext))) terminal.out(piece);
      continue;
    }
    try {
      writeReportFile(context, { format: o.format, file: o.file }, render(reportContext));
    } catch (error) {
      if (!(error instanceof FindingsMemoDamaged)) throw error;
      // Found damaged once copied (its digest is checked as it is read): the partly written report
      // was thrown away with its temporary file, and the damaged memo deleted. Written again, in full.
      const { findingsMemo: _damaged, ...without } = reportContext;
      writeReportFile(context, { format: o.format, file: o.file }, render(without));
    }
    if (!flags.quiet) terminal.err(reportWrittenMessage({ format: o.format, file: o.file }, input));
  }
}

/**
 * Writes one report to `output.file` (relative to the working directory, its directory made when
 * missing): what `--format NAME:FILE` and `--output FILE` do, for `scan` and for `controls`.
 */
export function writeReportFile(context: Pick<ScanContext, 'cwd'>, output: { readonly format: string; readonly file: string }, pieces: Iterable<string | Uint8Array>): void {
  const target = path.resolve(context.cwd, output.file);
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    finishWritesOnSignal(); // a scan stopped now leaves no temporary file beside the report
    // Whole or not at all (file-writes.ts): written over the old report in place, a scan killed on
    // timeout or stopped by a full disk left a truncated report under the name an upload step reads.
    writeFileAtomically(target, pieces);
  } catch (error) {
    if (error instanceof FindingsMemoDamaged) throw error; // not a write failure: writeReports writes it again
    const reason = (error as NodeJS.ErrnoException).code ?? 'write failed';
    throw new UsageError(`${output.file}: cannot write the ${output.format} report (${reason}).`, writeFailureHint(reason));
  }
}

/** What to check after a failed write, by its error code. */
export function writeFailureHint(code: string): string {
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'The disk is full or the file too large: free space, or write the report elsewhere.';
  if (code === 'EISDIR') return 'It is a directory: name a file.';
  return 'Check that the directory is writable.';
}

/** `sarif report written to out.sarif (passed).`, the scan's outcome in brackets; without a scan (`controls` alone), none. */
export function reportWrittenMessage(output: { readonly format: string; readonly file: string }, input?: Pick<ReportInput, 'diagnostics' | 'exitCode' | 'blocking'>): string {
  if (input === undefined) return `${output.format} report written to ${output.file}.\n`;
  const errors = input.diagnostics.filter((d) => d.severity === 'error').length;
  return `${output.format} report written to ${output.file} (${input.exitCode === 0 ? 'passed' : `${input.blocking.length} blocking finding${input.blocking.length === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}`}).\n`;
}

/** Writes all of a report piece (text, or UTF-8 bytes) to `fd`; the bytes written. */
export function writePiece(fd: number, piece: string | Uint8Array): number {
  return writeFully(fd, piece);
}
