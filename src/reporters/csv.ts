// CSV for auditors and spreadsheets (../shared/research/ecosystem.md §2.5): one row per finding,
// every status (an evidence pack shows what was checked), with the HIPAA section, safeguard and
// required/addressable status. RFC 4180: CRLF rows, quotes doubled; cells that a spreadsheet would
// run as a formula (= + - @, tab, CR) are prefixed with a quote (OWASP "CSV injection").
import { redactedContentFingerprint } from '../baseline/fingerprint.js';
import { hipaaSection } from './by-safeguard.js';
import { fingerprintSources } from './redact.js';
import { displayPath, type ReportContext, type ReportInput } from './report-input.js';

export const CSV_COLUMNS = [
  'Status',
  'Blocking',
  'Severity',
  'Rule',
  'Title',
  'Resource',
  'Resource type',
  'File',
  'Line',
  'Column',
  'End line',
  'End column',
  'Message',
  'HIPAA sections',
  'Safeguard',
  'Requirement',
  'Waiver reason',
  'Waiver expires',
  'Fingerprint',
  'Root module',
] as const;

export function csvCell(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(input: ReportInput, context: ReportContext): string {
  return [...renderCsvChunks(input, context)].join('');
}

/** The CSV in pieces, a row at a time: a row per finding, passes included, is the largest report after JSON. */
export function* renderCsvChunks(input: ReportInput, context: ReportContext): Generator<string> {
  const blocking = new Set(input.blocking);
  const redacted = fingerprintSources(context.sources);
  const line = (row: readonly (string | number | boolean)[]): string => `${row.map(csvCell).join(',')}\r\n`;
  yield line(CSV_COLUMNS);
  for (const f of input.findings) {
    const file = displayPath(input, f.span.file);
    const sections = f.controls.map((c) => hipaaSection(c));
    yield line([
      f.status,
      blocking.has(f) ? 'yes' : 'no',
      f.severity,
      f.ruleId,
      f.title,
      f.resource.address,
      f.resource.kind,
      file,
      f.span.start.line,
      f.span.start.column,
      f.span.end.line,
      f.span.end.column,
      f.message,
      f.controls.join('; '),
      [...new Set(sections.map((s) => s?.part).filter((p) => p !== undefined))].join('; '),
      [...new Set(sections.map((s) => s?.requirement).filter((p) => p !== undefined))].join('; '),
      f.waiver?.reason ?? '',
      f.waiver?.expires ?? '',
      redactedContentFingerprint(f, file, redacted(f.span.file)),
      f.resource.root !== undefined ? displayPath(input, f.resource.root) : '',
    ]);
  }
}
