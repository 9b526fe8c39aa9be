// Single-pass scanner for HCL native syntax, working on UTF-16 char codes. It reproduces the token
// boundaries of hclsyntax's Ragel scanner (scan_tokens.rl, hcl v2.14) because template literal
// fragmentation, heredoc markers and newline/comment handling are observable in the parse result.
//
// Tokens are stored in parallel typed arrays (type, start, end) to keep the hot path allocation-free.

export const enum T {
  EOF = 0,
  Newline,
  Comment,
  Ident,
  Number,
  OBrace,
  CBrace,
  OBrack,
  CBrack,
  OParen,
  CParen,
  OQuote,
  CQuote,
  OHeredoc,
  CHeredoc,
  Star,
  Slash,
  Plus,
  Minus,
  Percent,
  Equal,
  EqualOp,
  NotEqual,
  Lt,
  Le,
  Gt,
  Ge,
  And,
  Or,
  Bang,
  Dot,
  Comma,
  Ellipsis,
  FatArrow,
  Question,
  Colon,
  TemplateInterp,
  TemplateControl,
  TemplateSeqEnd,
  QuotedLit,
  StringLit,
  QuotedNewline,
  /** A character that is never valid outside strings (`&`, `;`, a control char, bad UTF-8...). */
  Invalid,
}

export interface Tokens {
  count: number;
  types: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
}

export interface LexError {
  start: number;
  end: number;
  message: string;
}

const enum Mode {
  Main,
  Quoted,
  Heredoc,
}

interface Heredoc {
  marker: string;
  startOfLine: boolean;
}

const ID_START = /^[\p{ID_Start}_]$/u;
const ID_CONTINUE = /^[\p{ID_Continue}\-]$/u;

function isAsciiIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isAsciiIdContinue(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Length (1 or 2 code units) of the code point at i. */
function cpLen(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** Length of an identifier char at i (0 if none). Non-ASCII uses Unicode ID_Start / ID_Continue. */
function identCharLen(text: string, i: number, start: boolean): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (start ? isAsciiIdStart(c) : isAsciiIdContinue(c)) ? 1 : 0;
  if (Number.isNaN(c)) return 0;
  const n = cpLen(text, i);
  const ch = text.slice(i, i + n);
  return (start ? ID_START : ID_CONTINUE).test(ch) ? n : 0;
}

/** Go's unicode.IsSpace. */
export function isUnicodeSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isUnicodeSpace(s.charCodeAt(a))) a++;
  while (b > a && isUnicodeSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/**
 * Tokenizes text[start, end). With `template`, the range is a bare template (the body of a JSON
 * string): literal text with `${`/`%{` sequences, as hclsyntax's LexTemplate.
 */
export function lex(text: string, start = 0, end = text.length, template = false): { tokens: Tokens; errors: LexError[] } {
  const n = end;
  let cap = Math.max(64, (n >> 2) + 16);
  let types = new Uint8Array(cap);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let count = 0;
  const errors: LexError[] = [];

  const emit = (t: T, s: number, e: number): void => {
    if (count === cap) {
      cap *= 2;
      const nt = new Uint8Array(cap);
      nt.set(types);
      types = nt;
      const ns = new Int32Array(cap);
      ns.set(starts);
      starts = ns;
      const ne = new Int32Array(cap);
      ne.set(ends);
      ends = ne;
    }
    types[count] = t;
    starts[count] = s;
    ends[count] = e;
    count++;
  };
  const modes: Mode[] = [];
  let mode: Mode = Mode.Main;
  let braces = 0;
  const retBraces: number[] = [];
  const heredocs: Heredoc[] = [];

  let i = start;
  if (template) {
    mode = Mode.Heredoc;
    heredocs.push({ marker: '\u0000', startOfLine: false });
  }
  // A UTF-8 byte order mark is skipped (hclsyntax strips it but keeps counting offsets after it).
  if (!template && i === 0 && n > 0 && text.charCodeAt(0) === 0xfeff) i = 1;

  const beginInterp = (t: T, s: number): number => {
    let e = s + 2;
    if (text.charCodeAt(e) === 126 /* ~ */) e++;
    emit(t, s, e);
    braces++;
    retBraces.push(braces);
    if (heredocs.length > 0) heredocs[heredocs.length - 1]!.startOfLine = false;
    modes.push(mode);
    mode = Mode.Main;
    return e;
  };

  /** `$`/`%` not starting a sequence: `$${`/`%%{` (escape, with optional `~`) or a lone char. */
  const notSequenceLen = (s: number): number => {
    const c = text.charCodeAt(s);
    if (text.charCodeAt(s + 1) === c && text.charCodeAt(s + 2) === 123) {
      return text.charCodeAt(s + 3) === 126 ? 4 : 3;
    }
    return 1;
  };

  // Each branch below sets the type and end of the token at i (or handles it and continues); the one
  // emit at the bottom writes it. One call site in place of the ~60 it had (one per case): lex was
  // the largest of the functions TurboFan compiles in a scan.
  while (i < n) {
    const c = text.charCodeAt(i);
    let t: T;
    let e = i + 1;
    let message = '';
    if (mode === Mode.Main) {
      if (c === 32 || c === 9) {
        i++;
        continue;
      }
      if (c === 10) t = T.Newline;
      else if (isDigit(c)) {
        t = T.Number;
        e = numberEnd(text, i);
      } else if (c < 128 ? isAsciiIdStart(c) : identCharLen(text, i, true) > 0) {
        t = T.Ident;
        e = i + (c < 128 ? 1 : cpLen(text, i));
        for (;;) {
          const d = text.charCodeAt(e);
          if (d < 128) {
            if (isAsciiIdContinue(d)) e++;
            else break;
          } else {
            const l = identCharLen(text, e, false);
            if (l === 0) break;
            e += l;
          }
        }
      } else if (c < 128 && SINGLE[c] !== 0) t = SINGLE[c]!;
      else {
        const d = text.charCodeAt(i + 1);
        switch (c) {
          case 13:
            if (d === 10) {
              t = T.Newline;
              e = i + 2;
            } else {
              t = T.Invalid;
              message = 'a carriage return must be followed by a line feed';
            }
            break;
          case 35 /* # */:
            t = T.Comment;
            e = lineCommentEnd(text, i, n);
            break;
          case 47 /* / */:
            t = T.Slash;
            if (d === 47) {
              t = T.Comment;
              e = lineCommentEnd(text, i, n);
            } else if (d === 42) {
              const close = text.indexOf('*/', i + 2);
              if (close >= 0 && close + 2 <= n) {
                t = T.Comment;
                e = close + 2;
              }
            }
            break;
          case 123 /* { */:
            t = T.OBrace;
            braces++;
            break;
          case 125 /* } */:
            if (retBraces.length > 0 && retBraces[retBraces.length - 1] === braces) {
              t = T.TemplateSeqEnd;
              retBraces.pop();
              mode = modes.pop() ?? Mode.Main;
            } else t = T.CBrace;
            braces--;
            break;
          case 126 /* ~ */:
            if (d === 125) {
              t = T.TemplateSeqEnd;
              e = i + 2;
              if (retBraces.length > 0 && retBraces[retBraces.length - 1] === braces) {
                retBraces.pop();
                mode = modes.pop() ?? Mode.Main;
              }
              braces--;
            } else {
              t = T.Invalid;
              message = 'the bitwise NOT operator `~` is not supported; use `!`';
            }
            break;
          case 34 /* " */:
            t = T.OQuote;
            modes.push(mode);
            mode = Mode.Quoted;
            break;
          case 61 /* = */:
            t = T.Equal;
            if (d === 61) t = T.EqualOp;
            else if (d === 62) t = T.FatArrow;
            if (t !== T.Equal) e = i + 2;
            break;
          case 33 /* ! */:
            t = T.Bang;
            if (d === 61) {
              t = T.NotEqual;
              e = i + 2;
            }
            break;
          case 60 /* < */: {
            t = T.Lt;
            if (d === 61) {
              t = T.Le;
              e = i + 2;
            } else if (d === 60) {
              const h = heredocIntro(text, i);
              if (h !== null) {
                t = T.OHeredoc;
                e = h.end;
                heredocs.push({ marker: h.marker, startOfLine: true });
                modes.push(mode);
                mode = Mode.Heredoc;
              }
            }
            break;
          }
          case 62 /* > */:
            t = T.Gt;
            if (d === 61) {
              t = T.Ge;
              e = i + 2;
            }
            break;
          case 38 /* & */:
            t = T.And;
            if (d === 38) e = i + 2;
            else {
              t = T.Invalid;
              message = 'the bitwise AND operator `&` is not supported; use `&&`';
            }
            break;
          case 124 /* | */:
            t = T.Or;
            if (d === 124) e = i + 2;
            else {
              t = T.Invalid;
              message = 'the bitwise OR operator `|` is not supported; use `||`';
            }
            break;
          case 46 /* . */:
            t = T.Dot;
            if (d === 46 && text.charCodeAt(i + 2) === 46) {
              t = T.Ellipsis;
              e = i + 3;
            }
            break;
          default:
            t = T.Invalid;
            e = i + cpLen(text, i);
            message = invalidCharMessage(c, text.slice(i, e));
        }
      }
    } else if (mode === Mode.Quoted) {
      if (c === 36 /* $ */ || c === 37 /* % */) {
        if (text.charCodeAt(i + 1) === 123) {
          i = beginInterp(c === 36 ? T.TemplateInterp : T.TemplateControl, i);
          continue;
        }
        t = T.QuotedLit;
        e = i + notSequenceLen(i);
      } else if (c === 34) {
        t = T.CQuote;
        e = i + 1;
        mode = modes.pop() ?? Mode.Main;
      } else if (c === 10 || c === 13) {
        t = T.QuotedNewline;
        e = i + 1;
        for (;;) {
          const d = text.charCodeAt(e);
          if (d === 10 || d === 13) e++;
          else break;
        }
        errors.push({ start: i, end: e, message: 'a quoted string cannot span lines; use a heredoc (<<EOT) for multi-line text' });
      } else {
        t = T.QuotedLit;
        e = i;
        for (;;) {
          const d = text.charCodeAt(e);
          if (e >= n || d === 36 || d === 37 || d === 34 || d === 10 || d === 13) break;
          if (d === 92) {
            const f = text.charCodeAt(e + 1);
            if (e + 1 >= n || f === 10 || f === 13) break;
            e += 1 + cpLen(text, e + 1);
            continue;
          }
          e++;
        }
        if (e === i) {
          // A backslash at the end of a line or of the file.
          t = T.Invalid;
          e = i + 1;
          message = 'a backslash must be followed by an escape sequence character';
        }
      }
    } else {
      // Heredoc body.
      if ((c === 36 || c === 37) && text.charCodeAt(i + 1) === 123) {
        i = beginInterp(c === 36 ? T.TemplateInterp : T.TemplateControl, i);
        continue;
      }
      const doc = heredocs[heredocs.length - 1]!;
      let j = i;
      if (c === 36 || c === 37) {
        j = i + notSequenceLen(i);
      } else {
        for (;;) {
          const d = text.charCodeAt(j);
          if (j >= n || d === 36 || d === 37 || d === 10 || d === 13) break;
          j++;
        }
      }
      t = T.StringLit;
      e = j;
      const d = text.charCodeAt(j);
      if (d === 10) e = j + 1;
      else if (d === 13 && text.charCodeAt(j + 1) === 10) e = j + 2;
      else if (d === 13 && j === i) {
        // The rest of the file is one invalid token.
        t = T.Invalid;
        e = n;
        message = 'a carriage return must be followed by a line feed';
      }
      if (e === j) {
        // Midline literal (an interpolation, `$`, `%` or the end of the file follows).
        if (j === i) {
          i = n;
          continue;
        }
        doc.startOfLine = false;
      } else if (t === T.StringLit && doc.startOfLine && trimSpace(text.slice(i, e)) === doc.marker) {
        // The closing marker, then its newline from the marker's end.
        emit(T.CHeredoc, i, j);
        heredocs.pop();
        mode = modes.pop() ?? Mode.Main;
        t = T.Newline;
        i = j;
      } else doc.startOfLine = true;
    }
    emit(t, i, e);
    if (t === T.Invalid) errors.push({ start: i, end: e, message });
    i = e;
  }
  emit(T.EOF, n, n);
  return { tokens: { count, types, starts, ends }, errors };
}

/** Single-character tokens that no other character extends, by char code (0: not one). */
const SINGLE = new Uint8Array(128);
for (const [ch, t] of [
  ['[', T.OBrack],
  [']', T.CBrack],
  ['(', T.OParen],
  [')', T.CParen],
  [',', T.Comma],
  ['*', T.Star],
  ['%', T.Percent],
  ['+', T.Plus],
  ['-', T.Minus],
  ['?', T.Question],
  [':', T.Colon],
] as const) {
  SINGLE[ch.charCodeAt(0)] = t;
}

/** Why a character outside strings is not valid, for the ones with a better hint than its name. */
function invalidCharMessage(c: number, ch: string): string {
  switch (c) {
    case 59:
      return 'a semicolon is not valid here; put each argument on its own line';
    case 39:
      return 'single quotes are not valid; use double quotes `"` for strings';
    case 96:
      return 'backticks are not valid; use double quotes `"` for strings';
    case 94:
      return 'the bitwise XOR operator `^` is not supported';
    case 0xfffd:
      return 'invalid UTF-8 (replacement character U+FFFD)';
    case 0x201c:
    case 0x201d:
      return 'curly quotes are not valid; use straight double quotes `"`';
    default:
      return `the character ${JSON.stringify(ch)} is not valid here`;
  }
}

/** End of the number literal starting at the digit at i (hclsyntax: digits, `.`, an exponent). */
function numberEnd(text: string, i: number): number {
  let j = i + 1;
  let good = j;
  for (;;) {
    const d = text.charCodeAt(j);
    if (isDigit(d)) {
      j++;
      good = j;
    } else if (d === 46) {
      j++;
    } else if (d === 101 || d === 69) {
      let k = j + 1;
      const s = text.charCodeAt(k);
      if (s === 43 || s === 45) k++;
      if (isDigit(text.charCodeAt(k))) {
        j = k + 1;
        good = j;
      } else break;
    } else break;
  }
  return good;
}

function lineCommentEnd(text: string, i: number, end = text.length): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 || nl >= end ? end : nl + 1;
}

/** `<<` `-`? Ident Newline; returns the end (after the newline) and the marker. */
function heredocIntro(text: string, i: number): { end: number; marker: string } | null {
  let j = i + 2;
  if (text.charCodeAt(j) === 45) j++;
  const idStart = j;
  const l = identCharLen(text, j, true);
  if (l === 0) return null;
  j += l;
  for (;;) {
    const m = identCharLen(text, j, false);
    if (m === 0) break;
    j += m;
  }
  const marker = text.slice(idStart, j);
  const c = text.charCodeAt(j);
  if (c === 10) return { end: j + 1, marker };
  if (c === 13 && text.charCodeAt(j + 1) === 10) return { end: j + 2, marker };
  return null;
}
