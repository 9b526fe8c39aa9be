// How an HCL file is laid out: line endings and the indentation unit, and line-level offset helpers.
// Editors read the layout so inserted text looks like the author wrote it (STYLE.md §6).

export interface Layout {
  readonly eol: '\n' | '\r\n';
  /** One indentation step: a tab or N spaces. */
  readonly unit: string;
}

/** CRLF when the file already uses it; the indentation unit from the smallest indented line (2 spaces by default). */
export function detectLayout(text: string): Layout {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let tabs = 0;
  let spaced = 0;
  let smallest = Infinity;
  for (const m of text.matchAll(/^([ \t]+)\S/gm)) {
    const lead = m[1]!;
    if (lead.startsWith('\t')) tabs++;
    else {
      spaced++;
      smallest = Math.min(smallest, lead.length);
    }
  }
  if (tabs > spaced) return { eol, unit: '\t' };
  const width = Number.isFinite(smallest) && smallest >= 2 && smallest <= 8 ? smallest : 2;
  return { eol, unit: ' '.repeat(width) };
}

/**
 * The layout for text inserted at the line holding `offset`: the file's indentation unit, and the
 * line ending of that line (of the line before it when it is the last line and has none). A file
 * whose lines end in both CRLF and LF (a block pasted in from elsewhere) had every inserted line end
 * in CRLF, also inside an LF block; the lines now match their neighbours. Only a lone CR (no line
 * ending Terraform writes) falls back to the file's ending.
 */
export function layoutAt(text: string, offset: number): Layout {
  const layout = detectLayout(text);
  const end = lineEndAt(text, offset);
  let eol: Layout['eol'] | undefined;
  if (end < text.length) eol = text.startsWith('\r\n', end) ? '\r\n' : text.charCodeAt(end) === 10 ? '\n' : undefined;
  else {
    const start = lineStartAt(text, offset);
    if (start > 0 && text.charCodeAt(start - 1) === 10) eol = text.charCodeAt(start - 2) === 13 ? '\r\n' : '\n';
  }
  return eol === undefined || eol === layout.eol ? layout : { ...layout, eol };
}

/** Offset of the first character of the line holding `offset`. */
export function lineStartAt(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

/** Offset of the line terminator (or end of text) of the line holding `offset`. */
export function lineEndAt(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

/** The whitespace that starts the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStartAt(text, offset);
  let i = start;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return text.slice(start, i);
}

/** True when only blanks precede `offset` on its line. */
export function startsItsLine(text: string, offset: number): boolean {
  return text.slice(lineStartAt(text, offset), offset).trim() === '';
}

export function spansLines(text: string, start: number, end: number): boolean {
  return /[\r\n]/.test(text.slice(start, end));
}

/**
 * Re-indents a snippet a rule wrote (LF, two spaces per level, no outer indentation) for a place
 * in a file: each level becomes the file's unit, every non-empty line gets `indent`, lines end
 * with the file's line ending. The first line is not prefixed (the caller places it).
 */
export function reindent(snippet: string, indent: string, layout: Layout): string {
  const lines = dedent(snippet.replace(/\r\n/g, '\n').replace(/\n+$/, '')).split('\n');
  return lines
    .map((line, i) => {
      if (line.trim() === '') return '';
      const lead = /^ */.exec(line)![0].length;
      const levels = layout.unit === '  ' ? '' : layout.unit.repeat(Math.floor(lead / 2)) + ' '.repeat(lead % 2);
      const body = layout.unit === '  ' ? line : levels + line.slice(lead);
      return i === 0 ? body : indent + body;
    })
    .join(layout.eol);
}

/**
 * Removes the indentation that lines after the first share with the closing line: a block cut out
 * of a larger text (`b {\n    c = 1\n  }`) becomes `b {\n  c = 1\n}`.
 */
export function dedent(snippet: string): string {
  const lines = snippet.split('\n');
  if (lines.length < 2) return snippet.trim();
  const last = lines[lines.length - 1]!;
  const common = /^[ \t]*/.exec(last)![0].length;
  if (common === 0) return snippet;
  return lines.map((line, i) => (i === 0 ? line : line.slice(Math.min(common, /^[ \t]*/.exec(line)![0].length)))).join('\n');
}
