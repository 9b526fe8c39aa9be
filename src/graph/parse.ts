// Access to the HCL parser (src/parsers/hcl) and per-file line indexes for spans.
import * as hcl from '../parsers/hcl/index.js';
import type { HclFile, Range, TemplateExpr } from '../parsers/hcl/ast.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { LineIndex } from '../source/line-index.js';
import type { Span } from '../source/span.js';
import { overrideFileOf } from './overrides.js';

type ParseFunction = (text: string, path: string) => { file: HclFile; diagnostics: Diagnostic[] };

// The parser is developed alongside; reach it through the module namespace so this layer compiles
// whichever entry points exist.
const parser = hcl as unknown as { parseHcl?: ParseFunction; parseHclJson?: ParseFunction };

export function parseHclFile(path: string, text: string): { file: HclFile | undefined; diagnostics: Diagnostic[] } {
  const fn = path.endsWith('.json') ? parser.parseHclJson : parser.parseHcl;
  if (!fn) return { file: undefined, diagnostics: [{ code: 'parse/unavailable', severity: 'error', message: `No HCL parser is available for ${path}.`, file: path }] };
  try {
    return capDiagnostics(path, fn(text, path));
  } catch (e) {
    return { file: undefined, diagnostics: [{ code: 'parse/crashed', severity: 'error', message: `The HCL parser failed on ${path}: ${(e as Error).message}`, file: path }] };
  }
}

/** A hostile or badly broken file can produce an error per token (issue 12): the first ones say enough. */
export const MAX_PARSE_DIAGNOSTICS_PER_FILE = 50;

function capDiagnostics<T extends { diagnostics: Diagnostic[] }>(path: string, result: T): T {
  if (result.diagnostics.length <= MAX_PARSE_DIAGNOSTICS_PER_FILE) return result;
  const more = result.diagnostics.length - MAX_PARSE_DIAGNOSTICS_PER_FILE;
  const summary: Diagnostic = { code: 'parse/more-errors', severity: 'info', message: `${path} has ${more} more syntax ${more === 1 ? 'problem' : 'problems'}, not listed.`, hint: 'Fix the first ones and scan again.', file: path };
  return { ...result, diagnostics: [...result.diagnostics.slice(0, MAX_PARSE_DIAGNOSTICS_PER_FILE), summary] };
}

const TEMPLATE_MARKER = '__SAFEGUARD_TEMPLATE__';

/**
 * Parse template text (templatefile, templatestring) by wrapping it in a heredoc, which has the
 * same template grammar. The heredoc adds a final newline that the template does not have.
 */
/** The line in a template's own text of an offset in what parseTemplateText parsed (the text wrapped in a heredoc). */
export function templateLine(text: string, parsedOffset: number): number {
  const inText = parsedOffset - `t = <<${TEMPLATE_MARKER}\n`.length;
  return inText <= 0 ? 1 : text.slice(0, inText).split('\n').length;
}

export function parseTemplateText(text: string, origin: string): TemplateExpr | undefined {
  if (!parser.parseHcl) return undefined;
  const source = `t = <<${TEMPLATE_MARKER}\n${text}\n${TEMPLATE_MARKER}\n`;
  let result: { file: HclFile; diagnostics: Diagnostic[] };
  try {
    result = parser.parseHcl(source, origin);
  } catch {
    return undefined;
  }
  if (result.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const expr = result.file.body.attributes[0]?.expr;
  if (expr?.type !== 'template') return undefined;
  const parts = [...expr.parts];
  const last = parts.at(-1);
  if (last?.kind === 'literal' && last.value.endsWith('\n')) {
    parts[parts.length - 1] = { ...last, value: last.value.slice(0, -1) };
    if (parts[parts.length - 1]!.kind === 'literal' && (parts[parts.length - 1] as { value: string }).value === '') parts.pop();
  }
  return { ...expr, parts };
}

/**
 * A file's line index and the spans of its syntax nodes. byNode is a Map, not a WeakMap: its keys
 * are nodes of this one file, which live exactly as long as the file (and so as this record), and
 * a WeakMap of thousands of entries costs every major GC an ephemeron pass and is slower to read.
 * Callers pass nodes as ranges (withRange in evaluate.ts does), so entries stay bounded by the file.
 */
interface FileSpans {
  readonly index: LineIndex;
  readonly byNode: Map<Range, Span>;
}

/**
 * Per parsed file (its text never changes): every scan unit that evaluates a shared module reuses
 * its line index and node spans instead of rebuilding them.
 */
const spansOfFile = new WeakMap<HclFile, FileSpans>();

/**
 * Spans from ranges, one cached LineIndex per file. Spans of syntax nodes are cached by node: a
 * module evaluated for many callers (and every count/for_each instance) asks for the same spans
 * again, and sharing one Span object keeps provenance lists small and cheap to dedupe. When
 * `parsed` gives the file a path was parsed into (with the same text), the cache is the file's own
 * and outlives this factory.
 */
export class SpanFactory {
  private readonly files = new Map<string, FileSpans>();

  constructor(
    private readonly texts: (path: string) => string | undefined,
    private readonly parsed: (path: string) => HclFile | undefined = () => undefined,
    /**
     * Files that exist only in the scan (what Terragrunt generates, terragrunt.ts): every span in
     * one is the span of the block that writes it, where the user can change it.
     */
    private readonly origins?: ReadonlyMap<string, Span>,
  ) {}

  /** The file asked for last: spans are mostly asked for file by file, so this skips a lookup. */
  private lastFile: string | undefined;
  private lastSpans: FileSpans | undefined;

  private fileSpans(file: string): FileSpans {
    if (file === this.lastFile) return this.lastSpans!;
    let found = this.files.get(file);
    if (found === undefined) {
      const text = this.texts(file);
      const hcl = this.parsed(file);
      if (hcl !== undefined && hcl.path === file && hcl.text === text) {
        found = spansOfFile.get(hcl);
        if (found === undefined) {
          found = { index: new LineIndex(hcl.text), byNode: new Map() };
          spansOfFile.set(hcl, found);
        }
      } else found = { index: new LineIndex(text ?? ''), byNode: new Map() };
      this.files.set(file, found);
    }
    this.lastFile = file;
    this.lastSpans = found;
    return found;
  }

  span(file: string, range: Range): Span {
    return this.spanBetween(file, range, range.start, range.end);
  }

  /** The text a span covers (for an error's wording; not on the evaluation's path). */
  textOf(span: Span): string | undefined {
    return this.texts(span.file)?.slice(span.start.offset, span.end.offset);
  }

  /** The span of a syntax node from `start` to `end` of another (an attribute: name through value). */
  spanBetween(file: string, key: Range, start: number, end: number): Span {
    // A node an override file merged into a block of another file is read against its own file.
    const own = overrideFileOf(key) ?? file;
    const origin = this.origins?.get(own);
    if (origin !== undefined) return origin;
    const spans = this.fileSpans(own);
    const cached = spans.byNode.get(key);
    if (cached !== undefined && cached.start.offset === start && cached.end.offset === end) return cached;
    const span = spans.index.span(own, start, end);
    spans.byNode.set(key, span);
    return span;
  }
}
