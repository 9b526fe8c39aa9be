// The terminal report (STYLE.md §8): findings grouped by HIPAA safeguard, then file; each with its
// location, severity, rule id, message, a code frame, why, fix and citation; then waivers,
// problems and a summary line.
import { HIPAA_SECTIONS } from '../controls/hipaa-sections.js';
import { SKIP_REASON_LABELS, type SkipReason } from '../discovery/skipped-file.js';
import type { Finding } from '../engine/finding.js';
import { SEVERITIES, type Severity } from '../engine/severity.js';
import { codeFrame } from '../source/code-frame.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { LineIndex } from '../source/line-index.js';
import type { Span } from '../source/span.js';
import { createColors, type Colors } from './colors.js';
import { redactedSources } from './redact.js';
import { constructNote, displayPath, rootNotShownByFile, type ReportContext, type ReportInput } from './report-input.js';
import { summarize } from './summary.js';

const SECTION_ORDER = new Map<string, number>(HIPAA_SECTIONS.map((s, i) => [s.id, i]));
const SECTION_BY_ID = new Map<string, (typeof HIPAA_SECTIONS)[number]>(HIPAA_SECTIONS.map((s) => [s.id, s]));

class TextWriter {
  readonly lines: string[] = [];
  /** Each file's redacted text and its line index, built once per file, not once per finding. */
  private readonly redacted = new Map<string, { readonly text: string; readonly lines: LineIndex } | undefined>();

  constructor(
    readonly input: ReportInput,
    readonly context: ReportContext,
    readonly c: Colors,
  ) {}

  where(span: Span): string {
    return `${displayPath(this.input, span.file)}:${span.start.line}:${span.start.column}`;
  }

  frame(span: Span): void {
    if (!this.redacted.has(span.file)) {
      // The scan's redacted view: the other reports written with this one redact each file once with it.
      const redacted = redactedSources(this.context.sources)(span.file);
      this.redacted.set(span.file, redacted === undefined ? undefined : { text: redacted, lines: new LineIndex(redacted) });
    }
    const source = this.redacted.get(span.file);
    if (source === undefined) return;
    const frame = codeFrame(source.text, span, { indent: '  ', highlight: this.c.red, dim: this.c.dim }, source.lines);
    if (frame !== '') this.lines.push(frame);
  }

  severity(severity: Severity | Diagnostic['severity']): string {
    const c = this.c;
    switch (severity) {
      case 'critical':
        return c.bold(c.magenta(severity));
      case 'high':
      case 'error':
        return c.red(severity);
      case 'medium':
      case 'warning':
        return c.yellow(severity);
      default:
        return c.cyan(severity);
    }
  }
}

export function renderText(input: ReportInput, context: ReportContext): string {
  return [...renderTextChunks(input, context)].join('');
}

/** Lines held before a piece is handed out: a report of a million findings is never one string. */
const PIECE_LINES = 4096;

/** The text report in pieces (the same text as renderText), for writeReports to stream (issue 11). */
export function* renderTextChunks(input: ReportInput, context: ReportContext): Generator<string> {
  const c = createColors(context.color);
  const w = new TextWriter(input, context, c);
  // Joined pieces equal lines.join('\n') + '\n': each piece ends with its line break.
  function* flush(): Generator<string> {
    if (w.lines.length < PIECE_LINES) return;
    yield `${w.lines.join('\n')}\n`;
    w.lines.length = 0;
  }
  const blocking = new Set(input.blocking);
  const failing = input.findings.filter((f) => f.status === 'fail' && (!context.quiet || blocking.has(f)));

  for (const [control, findings] of groupByControl(failing)) {
    const section = SECTION_BY_ID.get(control);
    const heading = section ? `HIPAA ${section.id} ${section.title}` : `HIPAA ${control}`;
    w.lines.push(c.bold(heading) + (section ? c.dim(`  (${section.part})`) : ''), '');
    for (const finding of findings) {
      writeFinding(w, finding, blocking.has(finding));
      yield* flush();
    }
  }

  if (!context.quiet) {
    const unknown = input.findings.filter((f) => f.status === 'unknown');
    if (unknown.length > 0) {
      w.lines.push(c.bold(`Could not decide (${unknown.length})`), '');
      for (const f of unknown) {
        w.lines.push(`  ${w.where(f.span)}  ${f.ruleId}  ${f.message}${rootNote(w, f, ' ')}${constructNote(f)}`);
        yield* flush();
      }
      w.lines.push('');
    }
    const waived = input.findings.filter((f) => f.status === 'waived');
    if (waived.length > 0) {
      w.lines.push(c.bold(`Waived (${waived.length})`), '');
      for (const f of waived) {
        const waiver = f.waiver;
        const by = waiver ? `${waiver.marker ?? waiver.id}: ${waiver.reason}${waiver.expires ? ` (expires ${waiver.expires})` : ''}` : 'waived';
        w.lines.push(`  ${w.where(f.span)}  ${f.ruleId}  ${f.resource.address}${rootNote(w, f, ' ')}${constructNote(f)}`, `    ${c.dim(`waived by ${by}`)}`);
        yield* flush();
      }
      w.lines.push('');
    }
  }

  const problems = input.diagnostics.filter((d) => !context.quiet || d.severity === 'error');
  if (problems.length > 0) {
    w.lines.push(c.bold(`Problems (${problems.length})`), '');
    for (const d of problems) {
      writeDiagnostic(w, d);
      yield* flush();
    }
  }

  if (context.verbose) writeVerbose(w);
  writeSummary(w);
  yield `${w.lines.join('\n')}\n`;
}

function groupByControl(findings: readonly Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const primary = f.controls[0] ?? 'unmapped';
    const list = groups.get(primary) ?? [];
    list.push(f);
    groups.set(primary, list);
  }
  const rank = (id: string): number => SECTION_ORDER.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1))
    .map(([id, list]) => [id, [...list].sort((x, y) => (x.span.file < y.span.file ? -1 : x.span.file > y.span.file ? 1 : x.span.start.offset - y.span.start.offset))]);
}

/** ` (root module DIR)` where the file does not tell the finding's root module (rootNotShownByFile). */
function rootNote(w: TextWriter, f: Finding, before = ''): string {
  const root = rootNotShownByFile(w.input, f);
  return root === undefined ? '' : `${before}(root module ${root})`;
}

function writeFinding(w: TextWriter, finding: Finding, isBlocking: boolean): void {
  const c = w.c;
  const below = isBlocking ? '' : c.dim('  (below --fail-on or warn-only)');
  w.lines.push(`${c.bold(w.where(finding.span))}  ${w.severity(finding.severity)}  ${finding.ruleId}${below}`);
  w.lines.push(`  ${finding.message}`);
  const root = rootNote(w, finding);
  const where = `${root}${constructNote(finding, root === '' ? '' : ' ')}`;
  if (where !== '') w.lines.push(`  ${c.dim(where)}`);
  if (w.context.compact !== true) w.frame(finding.span);
  for (const related of finding.related) w.lines.push(`  ${c.cyan('↳')} ${w.where(related.span)} ${related.message}`);
  const doc = w.context.ruleDoc(finding.ruleId);
  if (doc) w.lines.push(`  ${c.dim('why:')} ${doc.why}`);
  const fix = finding.fix?.description ?? doc?.howToFix;
  const label = finding.fix?.safety === 'unsafe' ? 'fix (unsafe):' : 'fix:';
  const citation = finding.controls.map((id) => `HIPAA ${id}`).join(', ');
  if (fix) w.lines.push(`  ${c.dim(label)} ${fix}   ${c.dim(citation)}`);
  else w.lines.push(`  ${c.dim(citation)}`);
  w.lines.push('');
}

function writeDiagnostic(w: TextWriter, d: Diagnostic): void {
  const c = w.c;
  const where = d.span ? w.where(d.span) : d.file ? displayPath(w.input, d.file) : '';
  w.lines.push(`${where ? `${c.bold(where)}  ` : ''}${w.severity(d.severity)}  ${d.code}`);
  w.lines.push(`  ${d.message}`);
  if (d.span && w.context.compact !== true) w.frame(d.span);
  if (d.hint) w.lines.push(`  ${c.dim('hint:')} ${d.hint}`);
  w.lines.push('');
}

function writeVerbose(w: TextWriter): void {
  const { input, c } = w;
  if (input.skipped.length > 0) {
    w.lines.push(c.bold(`Skipped (${input.skipped.length})`), '');
    for (const s of input.skipped) w.lines.push(`  ${displayPath(input, s.path)}  ${c.dim(s.detail)}`);
    w.lines.push('');
  }
  const t = input.timings;
  w.lines.push(c.dim(`Timings: discover ${t.discoverMs.toFixed(0)} ms, evaluate ${t.evaluateMs.toFixed(0)} ms, rules ${t.rulesMs.toFixed(0)} ms, total ${t.totalMs.toFixed(0)} ms`), '');
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function writeSummary(w: TextWriter): void {
  const { input, c } = w;
  const s = summarize(input);
  const bySeverity = SEVERITIES.filter((sev) => s.failingBySeverity[sev] > 0).map((sev) => `${s.failingBySeverity[sev]} ${sev}`);
  const parts = [
    `${s.byStatus.fail} failed${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}`,
    `${s.byStatus.pass} passed`,
    `${s.byStatus.unknown} unknown`,
    `${s.byStatus.waived} waived`,
  ];
  if (s.errors > 0) parts.push(plural(s.errors, 'error'));
  if (s.warnings > 0) parts.push(plural(s.warnings, 'warning'));
  const mark = input.exitCode === 0 ? c.green('✔') : c.red('✖');
  // Register problems (issue 9) fail the run too, but every input was checked.
  const waiverErrors = input.diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('waiver/')).length;
  const verdict =
    input.exitCode === 0
      ? `nothing fails at or above ${input.failOn === 'none' ? '--fail-on none' : input.failOn}`
      : [
          s.blocking > 0 ? `${plural(s.blocking, 'finding')} at or above ${input.failOn}` : '',
          s.errors > waiverErrors ? `${plural(s.errors - waiverErrors, 'input')} could not be checked` : '',
          waiverErrors > 0 ? `${plural(waiverErrors, 'waiver')} expired or invalid` : '',
        ]
          .filter(Boolean)
          .join('; ');
  w.lines.push(`${mark} ${parts.join(' · ')} — ${verdict}`);
  const skipped = Object.entries(s.skippedByReason)
    .map(([reason, n]) => `${n} ${SKIP_REASON_LABELS[reason as SkipReason]}`)
    .join(', ');
  const seconds = (input.timings.totalMs / 1000).toFixed(1);
  w.lines.push(
    c.dim(
      `  ${plural(s.filesScanned, 'file')} scanned${s.filesForContext > 0 ? ` (and ${s.filesForContext} more Terraform ${s.filesForContext === 1 ? 'file' : 'files'} read for context)` : ''}, ${s.filesSkipped} skipped${skipped ? ` (${skipped}${w.context.verbose ? '' : '; --verbose lists them'})` : ''} · ${plural(s.rulesRun, 'rule')} · ${seconds}s`,
    ),
  );
}
