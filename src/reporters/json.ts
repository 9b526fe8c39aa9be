// The JSON report: a documented, versioned schema (docs/json-schema.md). Paths are relative to the
// working directory, like the text report; bump schemaVersion's minor for additions, major for
// anything that could break a consumer.
import { createHash } from 'node:crypto';
import { HIPAA_SECTIONS } from '../controls/hipaa-sections.js';
import type { Finding } from '../engine/finding.js';
import { hasPlainFields } from '../engine/plain-finding.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import { stringifyAt } from './json-pieces.js';
import { displayPath, splitContextFiles, textPieces, type FindingsMemo, type FindingsMemoWriter, type ReportContext, type ReportInput } from './report-input.js';
import { summarize } from './summary.js';

export const JSON_SCHEMA_VERSION = '1.5';

/**
 * A string as JSON.stringify writes it. Most need no escape: the check costs less than a call of
 * JSON.stringify per string. Any surrogate takes the slow path, as a lone one must be escaped.
 */
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;
function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

const SECTION_BY_ID = new Map<string, (typeof HIPAA_SECTIONS)[number]>(HIPAA_SECTIONS.map((s) => [s.id, s]));

export function renderJson(input: ReportInput, context: ReportContext): string {
  return [...textPieces(renderJsonChunks(input, context))].join('');
}

/** The keys whose arrays can be huge (a plan with a million findings): written element by element. */
const STREAMED = ['findings', 'diagnostics', 'skipped'] as const;
/**
 * Elements per piece: ~65 KB of findings. Fewer, larger pieces kept more alive between collections
 * and measured slower; a piece past ~128 KB is allocated outside V8's young generation, and 64
 * findings (~125 KB, some over) measured a little slower than 32.
 */
const BATCH = 32;

/**
 * The JSON report in pieces (the same bytes as renderJson): the head, then the findings, diagnostics
 * and skipped files a batch at a time, so a report of a million findings is written without ever
 * holding it as one string (issue 11). With a findings memo (ReportContext.findingsMemo) the
 * findings are the remembered text, pieces of UTF-8 bytes (each valid until the next is asked for),
 * when there is one for this report's signature (memoSignature); otherwise they are written and
 * remembered under it.
 */
export function* renderJsonChunks(input: ReportInput, context: ReportContext): Generator<string | Uint8Array> {
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
      filesScanned: splitContextFiles(input.files, input.contextFiles).scanned.map((f) => displayPath(input, f.path)),
      ...(input.contextFiles && input.contextFiles.length > 0 ? { contextFiles: input.contextFiles.map((f) => displayPath(input, f)) } : {}),
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
      ...(summary.filesForContext > 0 ? { filesForContext: summary.filesForContext } : {}),
      filesSkipped: summary.filesSkipped,
      skippedByReason: summary.skippedByReason,
      rulesRun: summary.rulesRun,
    },
  };
  const findings = new FindingWriter(input, context, blocking, span);
  const items: { readonly [K in (typeof STREAMED)[number]]: { readonly length: number; write(i: number, out: string[]): void } } = {
    findings: { length: input.findings.length, write: (i, out) => findings.write(input.findings[i]!, out) },
    diagnostics: { length: input.diagnostics.length, write: (i, out) => out.push(element(diagnosticJson(input.diagnostics[i]!, span, input))) },
    skipped: { length: input.skipped.length, write: (i, out) => out.push(element({ path: displayPath(input, input.skipped[i]!.path), reason: input.skipped[i]!.reason, detail: input.skipped[i]!.detail })) },
  };
  // JSON.stringify(report, null, 2) would give the head's keys, then each array with its elements
  // indented by four spaces: here the head, then each array's elements, a batch to a piece.
  const head = JSON.stringify(report, null, 2);
  const memo = context.findingsMemo;
  const signature = memo && input.findings.length > 0 ? memoSignature(memo, input, context, blocking) : undefined;
  yield head.slice(0, -2); // without the closing "\n}"
  for (const key of STREAMED) {
    const list = items[key];
    yield `,\n  ${JSON.stringify(key)}: [`;
    const remembered = key === 'findings' && signature !== undefined ? memo!.read(signature, FINDINGS_SHAPE) : undefined;
    if (remembered !== undefined) {
      yield* remembered;
      yield '\n  ]';
      continue;
    }
    let writer: FindingsMemoWriter | undefined = key === 'findings' && signature !== undefined ? memo!.write(signature) : undefined;
    try {
      for (let start = 0; start < list.length; start += BATCH) {
        const piece: string[] = [];
        for (let i = start; i < Math.min(list.length, start + BATCH); i++) {
          piece.push(i === 0 ? '\n' : ',\n');
          list.write(i, piece);
        }
        const text = piece.join('');
        writer?.add(text);
        yield text;
      }
      writer?.end();
      writer = undefined;
    } finally {
      writer?.abort(); // the report was abandoned part way: remember none of it
    }
    yield list.length === 0 ? ']' : '\n  ]';
  }
  yield '\n}\n';
}

/** Bump when the findings' text changes for the same findings and signature (a new layout). */
const MEMO_FORMAT = 1;

/**
 * The findings memo's key for this report: a digest of everything the findings' text depends on
 * besides the findings themselves, which are named by their places among the cache's findings (the
 * same objects the cache read back or stored, so the same fields, controls included): the order of
 * the places, whether each finding blocks, the display root (every file shown, the waivers' too) and
 * the documentation of each rule with findings. Undefined when a finding has no place: then there is
 * nothing to remember the text by. One pass over the findings, of comparisons where it can: it runs
 * once per process, before the JIT has warmed to it (a Map lookup and the documentation per finding
 * cost ~25 ms of a warm scan).
 */
function memoSignature(memo: FindingsMemo, input: ReportInput, context: ReportContext, blocking: ReadonlySet<Finding>): string | undefined {
  const places = memo.places(input.findings);
  if (places === undefined) return undefined;
  const flags = blockingFlags(input.findings, input.blocking, blocking);
  const ruleIds = new Set<string>();
  for (let i = 0; i < input.findings.length; i++) ruleIds.add(input.findings[i]!.ruleId); // by index, as summarize (summary.ts)
  const docs = [...ruleIds].map((id) => {
    const doc = context.ruleDoc(id);
    return [id, doc?.why ?? null, doc?.howToFix ?? null, doc?.links ?? []];
  });
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ memo: MEMO_FORMAT, schemaVersion: JSON_SCHEMA_VERSION, entries: memo.entries, displayRoot: input.displayRoot, docs }));
  hash.update(places);
  hash.update(flags);
  return hash.digest('hex');
}

/**
 * 1 for each finding that blocks. The blocking findings are the failing ones picked out of the
 * findings in order (run-outcome.ts), so one walk along both tells them; in any other order, the set.
 */
function blockingFlags(findings: readonly Finding[], list: readonly Finding[], set: ReadonlySet<Finding>): Uint8Array {
  const flags = new Uint8Array(findings.length);
  let next = 0;
  for (let i = 0; i < findings.length && next < list.length; i++) {
    if (findings[i] === list[next]) {
      flags[i] = 1;
      next++;
    }
  }
  if (next === list.length) return flags;
  for (let i = 0; i < findings.length; i++) flags[i] = set.has(findings[i]!) ? 1 : 0;
  return flags;
}

/** Remembered findings begin as the first finding does and end as a finding does: a check, not a proof, that a memo is one of findings. */
const FINDINGS_SHAPE = { start: '\n    {\n', end: '}' };

/** A value as JSON.stringify(…, null, 2) writes it as an element of a top-level array (four spaces in). */
function element(value: unknown): string {
  return `    ${stringifyAt(value, 2)}`;
}

/** The key standing in for a rule's documentation in a finding written by JSON.stringify (no finding field has it). */
const DOC_KEY = '@@safeguard-rule-doc';

/**
 * Writes findings as JSON.stringify(finding(…), null, 2) would inside the findings array, by template:
 * a report holds thousands of findings of one fixed shape, and stringifying each as an object was
 * most of the JSON report's time. Each file's shown path, each repeated string (rule ids, titles,
 * kinds, addresses) and each rule's documentation (controls, why, howToFix, links: the same for every
 * finding of the rule and about half of each finding's text) is quoted once. A finding whose fields
 * are not the plain strings and numbers of its type is written by JSON.stringify instead, so the
 * bytes never differ.
 */
class FindingWriter {
  private readonly files = new Map<string, string>();
  private readonly quoted = new Map<string, string>();
  private readonly docs = new Map<string, { controls: readonly string[]; text: string }[]>();

  constructor(
    private readonly input: ReportInput,
    private readonly context: ReportContext,
    private readonly blocking: ReadonlySet<Finding>,
    private readonly span: (s: Span) => Span,
  ) {}

  /**
   * Pushes the finding's text onto `out`, piece by piece: the batch is one join of them, a flat
   * string. One template string per finding took fewer instructions but measured slower: the join
   * then walks a tree of ~40 concatenations per finding scattered through memory.
   */
  write(f: Finding, out: string[]): void {
    const isBlocking = this.blocking.has(f);
    if (!hasPlainFields(f)) {
      out.push(this.generic(f, isBlocking));
      return;
    }
    out.push(
      '    {\n      "ruleId": ',
      this.repeated(f.ruleId),
      ',\n      "title": ',
      this.repeated(f.title),
      ',\n      "status": ',
      this.repeated(f.status),
      ',\n      "severity": ',
      this.repeated(f.severity),
      isBlocking ? ',\n      "blocking": true,\n      "message": ' : ',\n      "blocking": false,\n      "message": ',
      quote(f.message),
      ',\n      "resource": {\n        "address": ',
      this.repeated(f.resource.address),
      ',\n        "kind": ',
      this.repeated(f.resource.kind),
    );
    // Relative to the working directory, as every path in the report is.
    if (f.resource.root !== undefined) out.push(',\n        "root": ', this.repeated(displayPath(this.input, f.resource.root)));
    if (f.resource.constructPath !== undefined) out.push(',\n        "constructPath": ', this.repeated(f.resource.constructPath));
    out.push('\n      },\n      "span": ');
    this.writeSpan(f.span, SPAN_IN_FINDING, out);
    if (f.related.length === 0) out.push(',\n      "related": [],\n      ');
    else {
      out.push(',\n      "related": [');
      f.related.forEach((r, i) => {
        out.push(i === 0 ? '\n        {\n          "span": ' : ',\n        {\n          "span": ');
        this.writeSpan(r.span, SPAN_IN_RELATED, out);
        out.push(',\n          "message": ', quote(r.message), '\n        }');
      });
      out.push('\n      ],\n      ');
    }
    out.push(this.docsOf(f), ',\n      "fix": ');
    if (f.fix) out.push('{\n        "description": ', quote(f.fix.description), ',\n        "safety": ', quote(f.fix.safety), '\n      }');
    else out.push('null');
    out.push(',\n      "waiver": ', f.waiver ? JSON.stringify(waiverJson(f.waiver, this.span), null, 2).replaceAll('\n', '\n      ') : 'null', '\n    }');
  }

  /** A string that recurs across findings, quoted once. */
  private repeated(s: string): string {
    let text = this.quoted.get(s);
    if (text === undefined) {
      text = quote(s);
      this.quoted.set(s, text);
    }
    return text;
  }

  /** A plain span (engine/plain-finding.ts) whose keys are indented by `pad`. */
  private writeSpan(s: Span, pad: SpanPad, out: string[]): void {
    let file = this.files.get(s.file);
    if (file === undefined) {
      file = quote(displayPath(this.input, s.file));
      this.files.set(s.file, file);
    }
    const { start, end } = s;
    out.push(pad.file, file, pad.startLine, String(start.line), pad.column, String(start.column), pad.offset, String(start.offset), pad.endLine, String(end.line), pad.column, String(end.column), pad.offset, String(end.offset), pad.close);
  }

  /** The rule's documentation, as keys of a finding (from `"controls"` to the links' closing bracket). */
  private docsOf(f: Finding): string {
    let known = this.docs.get(f.ruleId);
    if (known === undefined) {
      known = [];
      this.docs.set(f.ruleId, known);
    }
    for (const doc of known) if (doc.controls === f.controls || sameStrings(doc.controls, f.controls)) return doc.text;
    const text = this.renderDocs(f);
    known.push({ controls: f.controls, text });
    return text;
  }

  private renderDocs(f: Finding): string {
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

  /** The finding as JSON.stringify writes it, its documentation put in place of a placeholder key. */
  private generic(f: Finding, isBlocking: boolean): string {
    const text = element(finding(f, isBlocking, this.span, (file) => displayPath(this.input, file)));
    const placeholder = `"${DOC_KEY}": null`;
    const at = text.indexOf(placeholder);
    return text.slice(0, at) + this.docsOf(f) + text.slice(at + placeholder.length);
  }
}

/** The constant text between a span's values, for a span that is the value of a key `indent` spaces in. */
interface SpanPad {
  readonly file: string;
  readonly startLine: string;
  readonly column: string;
  readonly offset: string;
  readonly endLine: string;
  readonly close: string;
}

function padAt(indent: number): SpanPad {
  const key = `\n${' '.repeat(indent + 2)}`;
  const position = `\n${' '.repeat(indent + 4)}`;
  return {
    file: `{${key}"file": `,
    startLine: `,${key}"start": {${position}"line": `,
    column: `,${position}"column": `,
    offset: `,${position}"offset": `,
    endLine: `${key}},${key}"end": {${position}"line": `,
    close: `${key}}\n${' '.repeat(indent)}}`,
  };
}

/** A finding's span is the value of a key six spaces in; a related span's, ten. */
const SPAN_IN_FINDING = padAt(6);
const SPAN_IN_RELATED = padAt(10);

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function waiverJson(w: NonNullable<Finding['waiver']>, span: (s: Span) => Span): Record<string, unknown> {
  return {
    source: w.source,
    id: w.id,
    marker: w.marker ?? null,
    reason: w.reason,
    expires: w.expires ?? null,
    span: w.span ? span(w.span) : null,
  };
}

/** A finding as an object for JSON.stringify, a placeholder key where its rule's documentation goes. */
function finding(f: Finding, isBlocking: boolean, span: (s: Span) => Span, display: (file: string) => string): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    title: f.title,
    status: f.status,
    severity: f.severity,
    blocking: isBlocking,
    message: f.message,
    resource:
      f.resource.root === undefined && f.resource.instance === undefined
        ? f.resource
        : {
            ...f.resource,
            ...(f.resource.root !== undefined ? { root: display(f.resource.root) } : {}),
            ...(f.resource.instance !== undefined ? { instance: { root: display(f.resource.instance.root), file: display(f.resource.instance.file), offset: f.resource.instance.offset } } : {}),
          },
    span: span(f.span),
    related: f.related.map((r) => ({ span: span(r.span), message: r.message })),
    [DOC_KEY]: null,
    fix: f.fix ? { description: f.fix.description, safety: f.fix.safety } : null,
    waiver: f.waiver ? waiverJson(f.waiver, span) : null,
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

