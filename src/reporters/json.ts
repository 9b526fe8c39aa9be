// The JSON report: a documented, versioned schema (docs/json-schema.md). Paths are relative to the
// working directory, like the text report; bump schemaVersion's minor for additions, major for
// anything that could break a consumer.
import { HIPAA_SECTIONS } from '../controls/hipaa-sections.js';
import type { Finding } from '../engine/finding.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import { displayPath, type ReportContext, type ReportInput } from './report-input.js';
import { summarize } from './summary.js';

export const JSON_SCHEMA_VERSION = '1.1';

const SECTION_BY_ID = new Map<string, (typeof HIPAA_SECTIONS)[number]>(HIPAA_SECTIONS.map((s) => [s.id, s]));

export function renderJson(input: ReportInput, context: ReportContext): string {
  return [...renderJsonChunks(input, context)].join('');
}

/** The keys whose arrays can be huge (a plan with a million findings): written element by element. */
const STREAMED = ['findings', 'diagnostics', 'skipped'] as const;
/** Elements per piece. */
const BATCH = 256;

/**
 * The JSON report in pieces (the same bytes as renderJson): the head, then the findings, diagnostics
 * and skipped files a batch at a time, so a report of a million findings is written without ever
 * holding it as one string (issue 11).
 */
export function* renderJsonChunks(input: ReportInput, context: ReportContext): Generator<string> {
  const blocking = new Set(input.blocking);
  const span = (s: Span): Span => ({ ...s, file: displayPath(input, s.file) });
  const summary = summarize(input);
  const report = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: context.tool.name, version: context.tool.version },
    scan: {
      root: input.displayRoot === '' ? '.' : input.displayRoot,
      failOn: input.failOn,
      exitCode: input.exitCode,
      rulesRun: input.rulesRun.map((r) => r.id),
      filesScanned: input.files.map((f) => displayPath(input, f.path)),
      timingsMs: Object.fromEntries(Object.entries(input.timings).map(([k, v]) => [k, Math.round(v)])),
      shard: input.shard ? `${input.shard.index}/${input.shard.count}` : null,
    },
    summary: {
      passed: input.exitCode === 0,
      findings: summary.byStatus,
      failingBySeverity: summary.failingBySeverity,
      blocking: summary.blocking,
      errors: summary.errors,
      warnings: summary.warnings,
      filesScanned: summary.filesScanned,
      filesSkipped: summary.filesSkipped,
      skippedByReason: summary.skippedByReason,
      rulesRun: summary.rulesRun,
    },
  };
  const docs = new RuleDocs(context);
  const items: { readonly [K in (typeof STREAMED)[number]]: { readonly length: number; at(i: number): unknown } } = {
    findings: { length: input.findings.length, at: (i) => finding(input.findings[i]!, blocking.has(input.findings[i]!), span, docs) },
    diagnostics: { length: input.diagnostics.length, at: (i) => diagnosticJson(input.diagnostics[i]!, span, input) },
    skipped: { length: input.skipped.length, at: (i) => ({ path: displayPath(input, input.skipped[i]!.path), reason: input.skipped[i]!.reason, detail: input.skipped[i]!.detail }) },
  };
  // JSON.stringify(report, null, 2) would give the head's keys, then each array with its elements
  // indented by four spaces. Here the head, then each array in batches: a batch stringified as
  // { key: batch } has its elements at that same depth, so cutting the wrapper off gives the same text.
  const head = JSON.stringify(report, null, 2);
  yield head.slice(0, -2); // without the closing "\n}"
  for (const key of STREAMED) {
    const list = items[key];
    const open = `{\n  ${JSON.stringify(key)}: [\n`;
    const close = '\n  ]\n}';
    yield `,\n  ${JSON.stringify(key)}: [`;
    for (let start = 0; start < list.length; start += BATCH) {
      const batch: unknown[] = [];
      for (let i = start; i < Math.min(list.length, start + BATCH); i++) batch.push(list.at(i));
      const text = JSON.stringify({ [key]: batch }, null, 2);
      yield `${start === 0 ? '\n' : ',\n'}${docs.expand(text.slice(open.length, text.length - close.length))}`;
    }
    yield list.length === 0 ? ']' : '\n  ]';
  }
  yield '\n}\n';
}

/** The key standing in for a rule's documentation until the batch is written (no finding field has it). */
const DOC_KEY = '@@safeguard-rule-doc';
/** How the placeholder starts in stringified JSON; its value (a number) and closing quote follow. */
const DOC_PLACEHOLDER = `"${DOC_KEY}": "`;

/**
 * Each rule's documentation (controls, why, howToFix, links) is the same for every finding of the
 * rule and about half of each finding's text: it is written once per rule, at the depth of a
 * finding's keys, and put in place of a placeholder key after the batch is stringified. A placeholder
 * cannot be forged by a message: inside a JSON string every quote is escaped.
 */
class RuleDocs {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];

  constructor(private readonly context: ReportContext) {}

  /** The placeholder's value for the documentation of this finding's rule. */
  idOf(f: Finding): string {
    const key = `${f.ruleId}\0${f.controls.join('\0')}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(key, id);
      this.texts.push(this.render(f));
    }
    return String(id);
  }

  /** The batch text with every placeholder replaced by its documentation. */
  expand(text: string): string {
    // Plain string search: a third of what a global RegExp replace with a callback costs here.
    let out = '';
    let from = 0;
    for (let at = text.indexOf(DOC_PLACEHOLDER); at !== -1; at = text.indexOf(DOC_PLACEHOLDER, from)) {
      const id = at + DOC_PLACEHOLDER.length;
      const close = text.indexOf('"', id);
      out += text.slice(from, at) + this.texts[Number(text.slice(id, close))]!;
      from = close + 1;
    }
    return out + text.slice(from);
  }

  private render(f: Finding): string {
    const doc = this.context.ruleDoc(f.ruleId);
    const text = JSON.stringify(
      {
        controls: f.controls.map((id) => {
          const section = SECTION_BY_ID.get(id);
          return { id, title: section?.title ?? null, part: section?.part ?? null };
        }),
        why: doc?.why ?? null,
        howToFix: doc?.howToFix ?? null,
        links: doc?.links ?? [],
      },
      null,
      2,
    );
    // Without the braces, re-indented for keys at the depth of a finding's (three levels, six spaces).
    return text.slice(4, -2).replaceAll('\n', '\n    ');
  }
}

function finding(f: Finding, isBlocking: boolean, span: (s: Span) => Span, docs: RuleDocs): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    title: f.title,
    status: f.status,
    severity: f.severity,
    blocking: isBlocking,
    message: f.message,
    resource: f.resource,
    span: span(f.span),
    related: f.related.map((r) => ({ span: span(r.span), message: r.message })),
    [DOC_KEY]: docs.idOf(f),
    fix: f.fix ? { description: f.fix.description, safety: f.fix.safety } : null,
    waiver: f.waiver
      ? {
          source: f.waiver.source,
          id: f.waiver.id,
          marker: f.waiver.marker ?? null,
          reason: f.waiver.reason,
          expires: f.waiver.expires ?? null,
          span: f.waiver.span ? span(f.waiver.span) : null,
        }
      : null,
  };
}

function diagnosticJson(d: Diagnostic, span: (s: Span) => Span, input: ReportInput): Record<string, unknown> {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    hint: d.hint ?? null,
    span: d.span ? span(d.span) : null,
    file: d.file ? displayPath(input, d.file) : d.span ? displayPath(input, d.span.file) : null,
  };
}
