// `safeguard merge FILE...`: one report from the shards of a scan (`scan --shard i/n`), JSON or
// SARIF, told apart by content. Exits like scan: 0 when the merged report passes, 1 when not.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { ScanContext } from '../pipeline/scan-context.js';
import { topLevelArrayElements } from '../reporters/json-array-elements.js';
import { isJsonReport, mergeJsonReports, type MergeInput } from '../reporters/merge-json.js';
import { isSarifLog, mergeSarifLogs } from '../reporters/merge-sarif.js';
import { UsageError } from './cli-error.js';
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

/**
 * A report to merge. A JSON report is parsed without its findings, which are read one at a time from
 * its bytes when the merge needs them (merge-json.ts FindingSource); anything else is parsed whole.
 */
function mergeInput(file: string, bytes: Uint8Array): MergeInput {
  const text = (start: number, end: number): string => Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
  const findings = topLevelArrayElements(bytes, 'findings');
  if (findings) {
    let head: unknown;
    try {
      head = JSON.parse(`${text(0, findings.start)}[]${text(findings.end, bytes.length)}`) as unknown;
    } catch {
      head = undefined; // parsed whole below, for the error that names what is wrong
    }
    if (isJsonReport(head)) {
      const { ranges } = findings;
      const read = (index: number): unknown => {
        try {
          return JSON.parse(text(ranges[2 * index]!, ranges[2 * index + 1]!)) as unknown;
        } catch (error) {
          throw invalidJson(file, error);
        }
      };
      return { name: file, report: head, findings: { count: ranges.length / 2, read } };
    }
  }
  try {
    return { name: file, report: JSON.parse(text(0, bytes.length)) as unknown };
  } catch (error) {
    throw invalidJson(file, error);
  }
}

export function runMergeCommand(context: ScanContext, files: readonly string[], flags: MergeFlags, terminal: Terminal): number {
  const inputs: MergeInput[] = files.map((file) => {
    const bytes = context.fs.readFile(path.resolve(context.cwd, file));
    if (bytes === undefined) throw new UsageError(`${file}: cannot read the report.`, NOT_JSON_HINT);
    return mergeInput(file, bytes);
  });
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
      const fd = openSync(target, 'w');
      try {
        for (const piece of batched(merged.pieces())) writeSync(fd, piece);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      throw new UsageError(`${flags.output}: cannot write the merged report (${(error as NodeJS.ErrnoException).code ?? 'write failed'}).`, 'Check that the directory is writable.');
    }
    if (!flags.quiet) terminal.err(`merged ${inputs.length} ${kinds.has('json') ? 'JSON reports' : 'SARIF logs'} into ${flags.output}.\n`);
  }
  return merged.exitCode;
}
