// Positions and spans shared by every layer (STYLE.md §2).

export interface Position {
  readonly line: number; // 1-based, as editors and SARIF show it
  readonly column: number; // 1-based, in UTF-16 code units of the line (what editors and SARIF count)
  readonly offset: number; // 0-based JS string index; fixes work in offsets
}

/** `end` is exclusive. `file` is relative to the scan root with forward slashes. */
export interface Span {
  readonly file: string;
  readonly start: Position;
  readonly end: Position;
}

export function spanText(text: string, span: Span): string {
  return text.slice(span.start.offset, span.end.offset);
}

/** The same range of the same file (span objects are often shared, so identity is tried first). */
export function sameSpan(a: Span, b: Span): boolean {
  return a === b || (a.file === b.file && a.start.offset === b.start.offset && a.end.offset === b.end.offset);
}

export function compareSpans(a: Span, b: Span): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.start.offset - b.start.offset || a.end.offset - b.end.offset;
}

export function formatLocation(span: Span): string {
  return `${span.file}:${span.start.line}:${span.start.column}`;
}
