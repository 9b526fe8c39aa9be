// Decoding of one template literal token (hclsyntax ParseStringLiteralToken): backslash escapes in
// quoted strings, and the `$${` / `%%{` escapes in both quoted strings and heredocs.

export interface DecodeError {
  start: number;
  end: number;
  message: string;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * The first backslash in [from, end), or -1. text.indexOf would look on to the end of the file for
 * every literal without one: quadratic in a large file that holds few backslashes (3.8 s of an
 * 8 s scan of one 4.3 MB main.tf).
 */
function backslashIn(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === 92) return i;
  return -1;
}

export function decodeLiteral(text: string, start: number, end: number, quoted: boolean, errors: DecodeError[]): string {
  const c0 = text.charCodeAt(start);
  if ((c0 === 36 || c0 === 37) && end - start >= 3 && text.charCodeAt(start + 1) === c0 && text.charCodeAt(start + 2) === 123) {
    // `$${` → `${`, `%%{` → `%{` (the lexer gives these their own token).
    return text.slice(start + 1, end);
  }
  if (!quoted) return text.slice(start, end);
  let bs = backslashIn(text, start, end);
  if (bs < 0 || bs >= end) return text.slice(start, end);
  const out: string[] = [];
  let i = start;
  while (bs >= 0 && bs < end) {
    if (bs > i) out.push(text.slice(i, bs));
    const sel = text.charCodeAt(bs + 1);
    let next = bs + 2;
    switch (sel) {
      case 110:
        out.push('\n');
        break;
      case 114:
        out.push('\r');
        break;
      case 116:
        out.push('\t');
        break;
      case 34:
        out.push('"');
        break;
      case 92:
        out.push('\\');
        break;
      case 117:
      case 85: {
        const digits = sel === 117 ? 4 : 8;
        let v = 0;
        let k = 0;
        for (; k < digits && bs + 2 + k < end; k++) {
          const h = hexValue(text.charCodeAt(bs + 2 + k));
          if (h < 0) break;
          v = v * 16 + h;
        }
        if (k < digits) {
          errors.push({
            start: bs,
            end: bs + 2 + k,
            message: `the \\${sel === 117 ? 'u' : 'U'} escape must be followed by ${digits === 4 ? 'four' : 'eight'} hexadecimal digits`,
          });
          out.push(text.slice(bs, bs + 2 + k));
          next = bs + 2 + k;
          break;
        }
        next = bs + 2 + digits;
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
          errors.push({ start: bs, end: next, message: `U+${v.toString(16).toUpperCase()} is not a Unicode character` });
          out.push(text.slice(bs, next));
        } else out.push(String.fromCodePoint(v));
        break;
      }
      default: {
        const c = text.codePointAt(bs + 1) ?? 0;
        const ch = String.fromCodePoint(c);
        errors.push({ start: bs, end: bs + 1 + ch.length, message: `\\${ch} is not a valid escape sequence (use \\\\ for a backslash)` });
        out.push(ch);
        next = bs + 1 + ch.length;
        break;
      }
    }
    i = next;
    bs = backslashIn(text, i, end);
  }
  if (i < end) out.push(text.slice(i, end));
  return out.join('');
}
