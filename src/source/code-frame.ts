// Code frames (STYLE.md §8): context lines around a span, a `>` marker on the span's first line and
// the span underlined with ^^^. A multi-line span underlines its first line to the end of that line.
import { LineIndex } from './line-index.js';
import type { Span } from './span.js';
import { segmentGraphemes } from '../util/grapheme-segmenter.js';

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
    const lineText = lines.lineText(n);
    const marker = n === line ? highlight('>') : ' ';
    const gutter = dim(`${String(n).padStart(width)} |`);
    if (n !== line) {
      const shown = cut(lineText, 0, maxLength);
      out.push(`${indent}${marker} ${gutter}${shown === '' ? '' : ` ${shown}`}`.trimEnd());
      continue;
    }
    // Columns count UTF-16 code units; the underline counts what a terminal shows (a tab as two
    // cells, CJK and emoji, emoji sequences included, as two, a combining mark as none: cellsOf), or
    // it drifts right of or left of the flagged text on any line with such characters before or
    // inside the span.
    const startCol = Math.max(1, span.start.column);
    const endCol = span.end.line === line ? Math.max(span.end.column, startCol + 1) : lineText.length + 1;
    const startAt = Math.min(startCol - 1, lineText.length);
    // A span past the visible part of a long line (a one-line plan JSON, minified .tf.json) is
    // shown in a window that starts a little before it, behind an ellipsis, so the line shown is
    // the one underlined.
    const from = widerThan(lineText, maxLength) && widerThan(lineText.slice(0, startAt), maxLength - WINDOW_LEAD - 1) ? windowStart(lineText, startAt) : 0;
    const lead = from > 0 ? '…' : '';
    const shown = lead + cut(lineText, from, maxLength - lead.length);
    out.push(`${indent}${marker} ${gutter}${shown === '' ? '' : ` ${shown}`}`.trimEnd());
    // Counted no further than the frame shows: a span of a one-line plan can be megabytes wide.
    const before = lead.length + cellsUpTo(lineText.slice(from, startAt), maxLength);
    const length = Math.max(1, cellsUpTo(lineText.slice(startAt, Math.max(startAt, endCol - 1)), maxLength));
    const visibleBefore = Math.min(before, maxLength);
    const visibleLength = Math.max(1, Math.min(length, maxLength - visibleBefore));
    out.push(`${indent}  ${dim(`${' '.repeat(width)} |`)} ${' '.repeat(visibleBefore)}${highlight('^'.repeat(visibleLength))}`);
  }
  return out.join('\n');
}

/** Display cells kept before a span that starts beyond the visible part of a long line. */
const WINDOW_LEAD = 40;

/** The code-unit index a window showing `at` starts at: about WINDOW_LEAD cells before it, on a character boundary. */
function windowStart(text: string, at: number): number {
  let from = at;
  let cells = 0;
  while (from > 0 && cells < WINDOW_LEAD) {
    const step = from >= 2 && isLowSurrogateAt(text, from - 1) && isHighSurrogateAt(text, from - 2) ? 2 : 1;
    from -= step;
    cells += cellsOf(text.slice(from, from + step));
  }
  return from;
}

/** `text` from `from`, tabs expanded, cut at `max` display cells with an ellipsis (never inside a surrogate pair). */
function cut(text: string, from: number, max: number): string {
  const rest = text.slice(from);
  if (!widerThan(rest, max)) return expandTabs(rest);
  let cells = 0;
  let out = '';
  // By grapheme cluster: a cut inside a ZWJ sequence or a flag would show a different picture.
  for (let i = 0; i < rest.length; ) {
    const cluster = clusterAt(rest, i);
    const w = cellsOf(cluster);
    if (cells + w > max) break;
    cells += w;
    out += cluster;
    i += cluster.length;
  }
  return `${expandTabs(out)}…`;
}

function isHighSurrogateAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogateAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

// The widths the frame assumes, as a terminal that follows Unicode's East Asian Width (UAX #11)
// and emoji sequences (UTS #51) shows them (VTE/GNOME Terminal, iTerm2, kitty, WezTerm, Windows
// Terminal, VS Code's terminal), counted per grapheme cluster (Intl.Segmenter, UAX #29), not per
// code point:
// - East Asian Wide/Fullwidth blocks (Hangul Jamo, CJK, Hiragana/Katakana, Hangul syllables,
//   fullwidth forms, CJK extensions B+) and emoji shown as pictures: two cells.
// - An emoji sequence is one picture, two cells: a ZWJ sequence (👨‍👩‍👧, five code points),
//   a flag (🇺🇸, two regional indicators), a skin tone (👍🏽), a keycap, a text character made
//   an emoji by VS16 (❤️). Counted per code point these took 6, 4, 4 and 1 cells, and the
//   underline after one sat up to four cells right of (or one left of) the flagged text.
// - Combining marks, variation selectors and zero-width characters: none (part of their cluster).
// - A tab: two (expandTabs shows it so).
// Terminals that draw a ZWJ sequence as its parts (xterm, the Linux console) show more cells; no
// width fits every terminal, and these are the ones most CI log viewers and editors use.
const WIDE = /[\u{1100}-\u{115f}\u{2e80}-\u{303e}\u{3041}-\u{33ff}\u{3400}-\u{4dbf}\u{4e00}-\u{9fff}\u{a000}-\u{a4cf}\u{ac00}-\u{d7a3}\u{f900}-\u{faff}\u{fe30}-\u{fe4f}\u{ff00}-\u{ff60}\u{ffe0}-\u{ffe6}\u{20000}-\u{3fffd}]|\p{Emoji_Presentation}/u;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u{200b}-\u{200f}\u{feff}]/u;
/** A cluster shown as one emoji picture: a ZWJ sequence, a flag, a skin tone, a keycap, VS16. */
const EMOJI_SEQUENCE = /\u{200d}\p{Extended_Pictographic}|\p{Regional_Indicator}{2}|\p{Emoji_Modifier}|\u{20e3}|\u{fe0f}/u;

/** Longest stretch handed to the segmenter for one cluster: clusters are short, lines may be megabytes. */
const CLUSTER_WINDOW = 64;

/** The grapheme cluster that starts at code unit `i` (ASCII printable characters are their own). */
function clusterAt(text: string, i: number): string {
  for (const { segment } of segmentGraphemes(text.slice(i, i + CLUSTER_WINDOW))) return segment;
  return '';
}

/** Does `text` take more than `max` cells? */
function widerThan(text: string, max: number): boolean {
  return cellsUpTo(text, max) > max;
}

/** The cells `text` takes, counted no further than past `cap`: a one-line plan JSON can be megabytes long. */
function cellsUpTo(text: string, cap: number): number {
  let cells = 0;
  for (let i = 0; i < text.length && cells <= cap; i++) {
    const c = text.charCodeAt(i);
    // An ASCII character followed by another ASCII one is a cluster of its own (the fast path).
    const next = text.charCodeAt(i + 1);
    if (c >= 0x20 && c < 0x7f && (Number.isNaN(next) || next < 0x7f)) cells++;
    else {
      const cluster = clusterAt(text, i);
      i += cluster.length - 1;
      cells += cellsOf(cluster);
    }
  }
  return cells;
}

/** The cells one grapheme cluster takes (the module comment above says which). */
function cellsOf(cluster: string): number {
  if (cluster === '\t') return 2;
  if (cluster.length > 1 && EMOJI_SEQUENCE.test(cluster)) return 2;
  const first = String.fromCodePoint(cluster.codePointAt(0)!);
  if (ZERO_WIDTH.test(first)) return 0;
  return WIDE.test(first) ? 2 : 1;
}

/** Terminal cells `text` takes, tabs as two (as expandTabs shows them). */
export function displayWidth(text: string): number {
  return cellsUpTo(text, Infinity);
}

/** Tabs as two spaces, so the underline lines up whatever the terminal's tab width. */
function expandTabs(text: string): string {
  return text.replace(/\t/g, '  ');
}
