// `safeguard merge FILE...`: one report from the shards of a scan (`scan --shard i/n`), JSON or
// SARIF, told apart by content. Exits like scan: 0 when the merged report passes, 1 when not.
import { closeSync, fstatSync, mkdirSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { ScanContext } from '../pipeline/scan-context.js';
import { topLevelArrayElements } from '../reporters/json-array-elements.js';
import { isJsonReport, mergeJsonReports, type MergeInput } from '../reporters/merge-json.js';
import { isSarifLog, mergeSarifLogs } from '../reporters/merge-sarif.js';
import { UsageError } from './cli-error.js';
import { finishWritesOnSignal, writeFileAtomically } from './file-writes.js';
import { writeFailureHint } from './report-outputs.js';
import { batched } from '../reporters/report-input.js';
import type { Terminal } from './terminal.js';

export interface MergeFlags {
  readonly output?: string;
  readonly quiet: boolean;
}

const NOT_JSON_HINT = 'Pass the JSON or SARIF files that `scan --shard i/n` wrote.';

function invalidJson(file: string, error: unknown): UsageError {
  return new UsageError(`${file}: not valid JSON (${(error as Error).message.split('\n')[0]}).`, NOT_JSON_HINT);
}

/** Bytes of a shard read ahead at a time when its findings are read back in the merged order. */
const WINDOW_BYTES = 256 * 1024;

/**
 * A report file, kept open so that its findings can be read back by position: the merge holds no
 * shard's bytes while it writes (corpus (b) of the bench: four shards, 300 MB). Reads go through the
 * descriptor the file was first read with, so a file replaced meanwhile is still the one read; one
 * changed in place is refused. A report that is also the merge's output is held whole, as writing
 * the output empties it.
 */
class ReportFile {
  private window = Buffer.alloc(0);
  private windowStart = 0;
  private held = false;

  private constructor(
    readonly name: string,
    private readonly fd: number,
    private readonly size: number,
    private readonly mtimeMs: number,
  ) {}

  /**
   * Opens `absolute` and reads it whole into `scratch` (grown as needed, and shared by the reports: a
   * buffer of its own per report stayed allocated until a full collection, 300 MB for (b)'s four
   * shards); the bytes are valid until the next report is opened. Undefined when it cannot be read.
   */
  static open(name: string, absolute: string, output: Stats | undefined, scratch: { buffer: Buffer }): { file: ReportFile; bytes: Buffer } | undefined {
    let fd: number;
    try {
      fd = openSync(absolute, 'r');
    } catch {
      return undefined;
    }
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) throw new Error('not a file');
      if (scratch.buffer.length < stat.size) scratch.buffer = Buffer.allocUnsafe(stat.size);
      const bytes = scratch.buffer.subarray(0, stat.size);
      let filled = 0;
      while (filled < bytes.length) {
        const read = readSync(fd, bytes, filled, bytes.length - filled, filled);
        if (read === 0) break;
        filled += read;
      }
      const file = new ReportFile(name, fd, stat.size, stat.mtimeMs);
      if (output !== undefined && output.dev === stat.dev && output.ino === stat.ino) {
        file.window = Buffer.from(bytes.subarray(0, filled)); // its own copy: the scratch buffer is reused
        file.held = true;
      }
      return { file, bytes: bytes.subarray(0, filled) };
    } catch {
      closeSync(fd);
      return undefined;
    }
  }

  /** Bytes [start, end), from the read-ahead window when they are in it. */
  read(start: number, end: number): Buffer {
    if (!this.held && (start < this.windowStart || end > this.windowStart + this.window.length)) {
      const stat = fstatSync(this.fd);
      if (stat.size !== this.size || stat.mtimeMs !== this.mtimeMs) throw new UsageError(`${this.name}: the report changed while it was being merged.`, 'Merge the reports once every shard has finished writing.');
      const window = Buffer.allocUnsafe(Math.max(WINDOW_BYTES, end - start));
      const read = readSync(this.fd, window, 0, window.length, start);
      this.window = window.subarray(0, read);
      this.windowStart = start;
    }
    return this.window.subarray(start - this.windowStart, end - this.windowStart);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Bytes [start, end) as text. Not a closure over `bytes`: the findings' reader must not keep them. */
function textOf(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
}

/**
 * A report to merge. A JSON report is parsed without its findings, which are read one at a time from
 * its file when the merge needs them (merge-json.ts FindingSource); anything else is parsed whole.
 */
function mergeInput(file: ReportFile, bytes: Uint8Array): MergeInput {
  const findings = topLevelArrayElements(bytes, 'findings');
  if (findings) {
    let head: unknown;
    try {
      head = JSON.parse(`${textOf(bytes, 0, findings.start)}[]${textOf(bytes, findings.end, bytes.length)}`) as unknown;
    } catch {
      head = undefined; // parsed whole below, for the error that names what is wrong
    }
    if (isJsonReport(head)) {
      const { ranges } = findings;
      const read = (index: number): unknown => {
        const bytesOf = file.read(ranges[2 * index]!, ranges[2 * index + 1]!);
        try {
          return JSON.parse(bytesOf.toString('utf8')) as unknown;
        } catch (error) {
          throw invalidJson(file.name, error);
        }
      };
      return { name: file.name, report: head, findings: { count: ranges.length / 2, read } };
    }
  }
  try {
    return { name: file.name, report: JSON.parse(textOf(bytes, 0, bytes.length)) as unknown };
  } catch (error) {
    throw invalidJson(file.name, error);
  }
}

export function runMergeCommand(context: ScanContext, files: readonly string[], flags: MergeFlags, terminal: Terminal): number {
  const open: ReportFile[] = [];
  const output = flags.output === undefined ? undefined : statOf(path.resolve(context.cwd, flags.output));
  const scratch = { buffer: Buffer.alloc(0) };
  try {
    const inputs = files.map((name) => {
      const opened = ReportFile.open(name, path.resolve(context.cwd, name), output, scratch);
      if (opened === undefined) throw new UsageError(`${name}: cannot read the report.`, NOT_JSON_HINT);
      open.push(opened.file);
      return mergeInput(opened.file, opened.bytes);
    });
    return mergeInputs(inputs, flags, context, terminal);
  } finally {
    for (const file of open) file.close();
  }
}

function statOf(absolute: string): Stats | undefined {
  try {
    return statSync(absolute);
  } catch {
    return undefined;
  }
}

function mergeInputs(inputs: readonly MergeInput[], flags: MergeFlags, context: ScanContext, terminal: Terminal): number {
  const kinds = new Set(inputs.map((i) => (isJsonReport(i.report) ? 'json' : isSarifLog(i.report) ? 'sarif' : 'other')));
  if (kinds.has('other')) {
    const bad = inputs.filter((i) => !isJsonReport(i.report) && !isSarifLog(i.report)).map((i) => i.name);
    throw new UsageError(`${bad.join(', ')}: neither a Safeguard JSON report nor a SARIF log.`, 'Write shard reports with --format json or --format sarif.');
  }
  if (kinds.size > 1) throw new UsageError('Some reports are JSON and some SARIF: merge one format at a time.', 'Run merge once for the JSON files and once for the SARIF files.');
  const merged = kinds.has('json') ? mergeJsonReports(inputs) : mergeSarifLogs(inputs);
  if (!merged.ok) throw new UsageError(merged.errors.join('\n'), 'Merge the reports of every shard of one scan (same tool version, root and --fail-on).');
  for (const warning of merged.warnings) terminal.err(`safeguard: ${warning}\n`);

  if (flags.output === undefined) for (const piece of batched(merged.pieces())) terminal.out(piece);
  else {
    const target = path.resolve(context.cwd, flags.output);
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      // Whole or not at all, every byte of it (file-writes.ts): a short write on a full disk went unnoticed.
      finishWritesOnSignal(); // the command's last write: a signal now lets it finish (file-writes.ts)
      writeFileAtomically(target, batched(merged.pieces()));
    } catch (error) {
      if (error instanceof UsageError) throw error; // a report that changed or does not parse, read while writing
      const code = (error as NodeJS.ErrnoException).code ?? 'write failed';
      throw new UsageError(`${flags.output}: cannot write the merged report (${code}).`, writeFailureHint(code));
    }
    if (!flags.quiet) terminal.err(`merged ${inputs.length} ${kinds.has('json') ? 'JSON reports' : 'SARIF logs'} into ${flags.output}.\n`);
  }
  return merged.exitCode;
}
