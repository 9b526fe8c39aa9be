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
  const invalid = (s: number, e: number, message: string): void => {
    emit(T.Invalid, s, e);
    errors.push({ start: s, end: e, message });
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

  while (i < n) {
    const c = text.charCodeAt(i);
    if (mode === Mode.Main) {
      if (c === 32 || c === 9) {
        i++;
        continue;
      }
      if (c === 10) {
        emit(T.Newline, i, i + 1);
        i++;
        continue;
      }
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) {
          emit(T.Newline, i, i + 2);
          i += 2;
        } else {
          invalid(i, i + 1, 'a carriage return must be followed by a line feed');
          i++;
        }
        continue;
      }
      if (isDigit(c)) {
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
        emit(T.Number, i, good);
        i = good;
        continue;
      }
      if (c < 128 ? isAsciiIdStart(c) : identCharLen(text, i, true) > 0) {
        let j = i + (c < 128 ? 1 : cpLen(text, i));
        for (;;) {
          const d = text.charCodeAt(j);
          if (d < 128) {
            if (isAsciiIdContinue(d)) j++;
            else break;
          } else {
            const l = identCharLen(text, j, false);
            if (l === 0) break;
            j += l;
          }
        }
        emit(T.Ident, i, j);
        i = j;
        continue;
      }
      switch (c) {
        case 35 /* # */: {
          const e = lineCommentEnd(text, i, n);
          emit(T.Comment, i, e);
          i = e;
          continue;
        }
        case 47 /* / */: {
          const d = text.charCodeAt(i + 1);
          if (d === 47) {
            const e = lineCommentEnd(text, i, n);
            emit(T.Comment, i, e);
            i = e;
            continue;
          }
          if (d === 42) {
            const close = text.indexOf('*/', i + 2);
            if (close >= 0 && close + 2 <= n) {
              emit(T.Comment, i, close + 2);
              i = close + 2;
              continue;
            }
          }
          emit(T.Slash, i, i + 1);
          i++;
          continue;
        }
        case 123 /* { */:
          emit(T.OBrace, i, i + 1);
          braces++;
          i++;
          continue;
        case 125 /* } */:
          if (retBraces.length > 0 && retBraces[retBraces.length - 1] === braces) {
            emit(T.TemplateSeqEnd, i, i + 1);
            braces--;
            retBraces.pop();
            mode = modes.pop() ?? Mode.Main;
          } else {
            emit(T.CBrace, i, i + 1);
            braces--;
          }
          i++;
          continue;
        case 126 /* ~ */:
          if (text.charCodeAt(i + 1) === 125) {
            emit(T.TemplateSeqEnd, i, i + 2);
            if (retBraces.length > 0 && retBraces[retBraces.length - 1] === braces) {
              retBraces.pop();
              mode = modes.pop() ?? Mode.Main;
            }
            braces--;
            i += 2;
            continue;
          }
          invalid(i, i + 1, 'the bitwise NOT operator `~` is not supported; use `!`');
          i++;
          continue;
        case 34 /* " */:
          emit(T.OQuote, i, i + 1);
          modes.push(mode);
          mode = Mode.Quoted;
          i++;
          continue;
        case 61 /* = */: {
          const d = text.charCodeAt(i + 1);
          if (d === 61) {
            emit(T.EqualOp, i, i + 2);
            i += 2;
          } else if (d === 62) {
            emit(T.FatArrow, i, i + 2);
            i += 2;
          } else {
            emit(T.Equal, i, i + 1);
            i++;
          }
          continue;
        }
        case 33 /* ! */:
          if (text.charCodeAt(i + 1) === 61) {
            emit(T.NotEqual, i, i + 2);
            i += 2;
          } else {
            emit(T.Bang, i, i + 1);
            i++;
          }
          continue;
        case 60 /* < */: {
          const d = text.charCodeAt(i + 1);
          if (d === 61) {
            emit(T.Le, i, i + 2);
            i += 2;
            continue;
          }
          if (d === 60) {
            const h = heredocIntro(text, i);
            if (h !== null) {
              emit(T.OHeredoc, i, h.end);
              heredocs.push({ marker: h.marker, startOfLine: true });
              modes.push(mode);
              mode = Mode.Heredoc;
              i = h.end;
              continue;
            }
          }
          emit(T.Lt, i, i + 1);
          i++;
          continue;
        }
        case 62 /* > */:
          if (text.charCodeAt(i + 1) === 61) {
            emit(T.Ge, i, i + 2);
            i += 2;
          } else {
            emit(T.Gt, i, i + 1);
            i++;
          }
          continue;
        case 38 /* & */:
          if (text.charCodeAt(i + 1) === 38) {
            emit(T.And, i, i + 2);
            i += 2;
          } else {
            invalid(i, i + 1, 'the bitwise AND operator `&` is not supported; use `&&`');
            i++;
          }
          continue;
        case 124 /* | */:
          if (text.charCodeAt(i + 1) === 124) {
            emit(T.Or, i, i + 2);
            i += 2;
          } else {
            invalid(i, i + 1, 'the bitwise OR operator `|` is not supported; use `||`');
            i++;
          }
          continue;
        case 46 /* . */:
          if (text.charCodeAt(i + 1) === 46 && text.charCodeAt(i + 2) === 46) {
            emit(T.Ellipsis, i, i + 3);
            i += 3;
          } else {
            emit(T.Dot, i, i + 1);
            i++;
          }
          continue;
        case 91:
          emit(T.OBrack, i, i + 1);
          i++;
          continue;
        case 93:
          emit(T.CBrack, i, i + 1);
          i++;
          continue;
        case 40:
          emit(T.OParen, i, i + 1);
          i++;
          continue;
        case 41:
          emit(T.CParen, i, i + 1);
          i++;
          continue;
        case 44:
          emit(T.Comma, i, i + 1);
          i++;
          continue;
        case 42:
          emit(T.Star, i, i + 1);
          i++;
          continue;
        case 37:
          emit(T.Percent, i, i + 1);
          i++;
          continue;
        case 43:
          emit(T.Plus, i, i + 1);
          i++;
          continue;
        case 45:
          emit(T.Minus, i, i + 1);
          i++;
          continue;
        case 63:
          emit(T.Question, i, i + 1);
          i++;
          continue;
        case 58:
          emit(T.Colon, i, i + 1);
          i++;
          continue;
        case 59:
          invalid(i, i + 1, 'a semicolon is not valid here; put each argument on its own line');
          i++;
          continue;
        case 39:
          invalid(i, i + 1, 'single quotes are not valid; use double quotes `"` for strings');
          i++;
          continue;
        case 96:
          invalid(i, i + 1, 'backticks are not valid; use double quotes `"` for strings');
          i++;
          continue;
        case 94:
          invalid(i, i + 1, 'the bitwise XOR operator `^` is not supported');
          i++;
          continue;
        default: {
          const l = cpLen(text, i);
          const ch = text.slice(i, i + l);
          invalid(
            i,
            i + l,
            c === 0xfffd
              ? 'invalid UTF-8 (replacement character U+FFFD)'
              : c === 0x201c || c === 0x201d
                ? 'curly quotes are not valid; use straight double quotes `"`'
                : `the character ${JSON.stringify(ch)} is not valid here`,
          );
          i += l;
          continue;
        }
      }
    } else if (mode === Mode.Quoted) {
      if (c === 36 /* $ */ || c === 37 /* % */) {
        if (text.charCodeAt(i + 1) === 123) {
          i = beginInterp(c === 36 ? T.TemplateInterp : T.TemplateControl, i);
          continue;
        }
        const l = notSequenceLen(i);
        emit(T.QuotedLit, i, i + l);
        i += l;
        continue;
      }
      if (c === 34) {
        emit(T.CQuote, i, i + 1);
        mode = modes.pop() ?? Mode.Main;
        i++;
        continue;
      }
      if (c === 10 || c === 13) {
        let j = i + 1;
        for (;;) {
          const d = text.charCodeAt(j);
          if (d === 10 || d === 13) j++;
          else break;
        }
        emit(T.QuotedNewline, i, j);
        errors.push({ start: i, end: j, message: 'a quoted string cannot span lines; use a heredoc (<<EOT) for multi-line text' });
        i = j;
        continue;
      }
      let j = i;
      for (;;) {
        const d = text.charCodeAt(j);
        if (j >= n || d === 36 || d === 37 || d === 34 || d === 10 || d === 13) break;
        if (d === 92) {
          const e = text.charCodeAt(j + 1);
          if (j + 1 >= n || e === 10 || e === 13) break;
          j += 1 + cpLen(text, j + 1);
          continue;
        }
        j++;
      }
      if (j === i) {
        // A backslash at the end of a line or of the file.
        invalid(i, i + 1, 'a backslash must be followed by an escape sequence character');
        i++;
        continue;
      }
      emit(T.QuotedLit, i, j);
      i = j;
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
      let e = j;
      const d = text.charCodeAt(j);
      if (d === 10) e = j + 1;
      else if (d === 13 && text.charCodeAt(j + 1) === 10) e = j + 2;
      else if (d === 13 && j === i) {
        invalid(i, n, 'a carriage return must be followed by a line feed');
        i = n;
        break;
      }
      if (e === j) {
        // Midline literal (an interpolation, `$`, `%` or the end of the file follows).
        if (j === i) {
          i = n;
          break;
        }
        doc.startOfLine = false;
        emit(T.StringLit, i, j);
        i = j;
        continue;
      }
      if (doc.startOfLine && trimSpace(text.slice(i, e)) === doc.marker) {
        emit(T.CHeredoc, i, j);
        emit(T.Newline, j, e);
        heredocs.pop();
        mode = modes.pop() ?? Mode.Main;
        i = e;
        continue;
      }
      doc.startOfLine = true;
      emit(T.StringLit, i, e);
      i = e;
    }
  }
  emit(T.EOF, n, n);
  return { tokens: { count, types, starts, ends }, errors };
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
