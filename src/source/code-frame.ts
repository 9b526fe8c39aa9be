// Code frames (STYLE.md §8): context lines around a span, a `>` marker on the span's first line and
// the span underlined with ^^^. A multi-line span underlines its first line to the end of that line.
import { LineIndex } from './line-index.js';
import type { Span } from './span.js';

export interface CodeFrameOptions {
  /** Lines shown before and after the span's first line. */
  readonly contextLines?: number;
  /** Wraps the marker and underline, e.g. in red. Identity by default. */
  readonly highlight?: (text: string) => string;
  /** Wraps the gutter (line numbers and `|`), e.g. in dim. Identity by default. */
  readonly dim?: (text: string) => string;
  /** Prefix for every line of the frame. */
  readonly indent?: string;
  /** Longest line shown; longer lines are cut with an ellipsis (minified JSON can be one huge line). */
  readonly maxLineLength?: number;
}

const identity = (text: string): string => text;

/**
 * Renders a frame for `span` over `text` (the file's full text, already redacted by the caller if
 * it may hold secrets). Returns '' when the span lies outside the text.
 */
export function codeFrame(text: string, span: Span, options: CodeFrameOptions = {}, lines: LineIndex = new LineIndex(text)): string {
  const context = options.contextLines ?? 1;
  const highlight = options.highlight ?? identity;
  const dim = options.dim ?? identity;
  const indent = options.indent ?? '';
  const maxLength = options.maxLineLength ?? 200;
  const line = span.start.line;
  if (line < 1 || line > lines.lineCount) return '';
  const first = Math.max(1, line - context);
  const last = Math.min(lines.lineCount, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = expandTabs(lines.lineText(n));
    const shown = raw.length > maxLength ? `${raw.slice(0, maxLength)}…` : raw;
    const marker = n === line ? highlight('>') : ' ';
    const gutter = dim(`${String(n).padStart(width)} |`);
    out.push(`${indent}${marker} ${gutter}${shown === '' ? '' : ` ${shown}`}`.trimEnd());
    if (n === line) {
      const lineText = lines.lineText(n);
      const startCol = Math.max(1, span.start.column);
      const endCol = span.end.line === line ? Math.max(span.end.column, startCol + 1) : lineText.length + 1;
      const before = expandTabs(lineText.slice(0, startCol - 1)).length;
      const length = Math.max(1, expandTabs(lineText.slice(0, endCol - 1)).length - before);
      const visibleBefore = Math.min(before, maxLength);
      const visibleLength = Math.max(1, Math.min(length, maxLength - visibleBefore));
      out.push(`${indent}  ${dim(`${' '.repeat(width)} |`)} ${' '.repeat(visibleBefore)}${highlight('^'.repeat(visibleLength))}`);
    }
  }
  return out.join('\n');
}

/** Tabs as two spaces, so the underline lines up whatever the terminal's tab width. */
function expandTabs(text: string): string {
  return text.replace(/\t/g, '  ');
}
