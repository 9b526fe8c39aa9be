// yamlencode as Terraform writes it (go-cty-yaml, on go-yaml's emitter), so that its text, and what
// yamldecode reads back from it, are Terraform's: keys sorted, every key and string double-quoted
// (a quoted "off" stays a string when decoded again), a string with line breaks as a literal block
// where YAML allows one, block sequences of a mapping not indented, quoted strings folded at spaces
// past column 80, and a plain scalar document closed by "...". Checked against Terraform 1.11.

/** A JS value as toJs makes it from a Terraform value: primitives, arrays, plain objects. */
export type YamlValue = null | boolean | number | string | readonly YamlValue[] | { readonly [key: string]: YamlValue };

const WIDTH = 80;
const INDENT = 2;

export function yamlEncode(value: YamlValue): string {
  const lines: string[] = [];
  if (isBlockCollection(value)) emitBlock(value, 0, lines);
  else {
    const scalar = scalarText(value, INDENT, 0);
    lines.push(...scalar.lines);
    if (scalar.plain) lines.push('...');
  }
  return `${lines.join('\n')}\n`;
}

function isBlockCollection(v: YamlValue): v is readonly YamlValue[] | { readonly [key: string]: YamlValue } {
  if (v === null || typeof v !== 'object') return false;
  return Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0;
}

/** A non-empty sequence or mapping, its lines at `indent`. */
function emitBlock(v: readonly YamlValue[] | { readonly [key: string]: YamlValue }, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    for (const item of v as readonly YamlValue[]) {
      if (isBlockCollection(item)) {
        // "- " then the nested collection's first line; its other lines are at indent + 2 already.
        const nested: string[] = [];
        emitBlock(item, indent + INDENT, nested);
        out.push(`${pad}- ${nested[0]!.slice(indent + INDENT)}`, ...nested.slice(1));
      } else {
        const scalar = scalarText(item, indent + INDENT, indent + 2);
        out.push(`${pad}- ${scalar.lines[0]!}`, ...scalar.lines.slice(1));
      }
    }
    return;
  }
  const map = v as { readonly [key: string]: YamlValue };
  for (const key of Object.keys(map).sort(compareBytes)) {
    const k = doubleQuoted(key, indent + INDENT, indent);
    const item = map[key]!;
    if (isBlockCollection(item)) {
      out.push(`${pad}${k.join('\n')}:`);
      // A sequence in a mapping is not indented (go-yaml), a mapping is.
      emitBlock(item, Array.isArray(item) ? indent : indent + INDENT, out);
    } else {
      const keyText = k.join('\n');
      const scalar = scalarText(item, indent + INDENT, indent + keyText.length + 2);
      out.push(`${pad}${keyText}: ${scalar.lines[0]!}`, ...scalar.lines.slice(1));
    }
  }
}

/** Bytes of UTF-8 compared as Go compares strings (code points; UTF-16 differs only past U+FFFF). */
function compareBytes(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * A scalar or an empty collection: its first line (to follow "- " or "key: ") and any more lines;
 * `plain` when unquoted (a document of it alone ends with "..."). `indent` is where a literal
 * block's lines and a folded string's continuation go; `column` where the text starts.
 */
function scalarText(v: YamlValue, indent: number, column: number): { lines: string[]; plain: boolean } {
  if (v === null) return { lines: ['null'], plain: true };
  if (typeof v === 'boolean') return { lines: [String(v)], plain: true };
  if (typeof v === 'number') return { lines: [numberText(v)], plain: true };
  if (typeof v === 'string') return { lines: v.includes('\n') && literalAllowed(v) ? literalBlock(v, indent) : doubleQuoted(v, indent, column), plain: false };
  return { lines: [Array.isArray(v) ? '[]' : '{}'], plain: false };
}

/** Without exponents (1e21 is 1000000000000000000000, 1e-7 is 0.0000001), as Terraform's decimal numbers print. */
function numberText(n: number): string {
  if (Object.is(n, -0)) return '-0';
  // An infinity as Terraform writes it (yamlencode(1/0) is "+Inf", terraform console 1.11.4).
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const text = String(n);
  if (!text.includes('e')) return text;
  const [mantissa, exp] = text.split('e') as [string, string];
  const e = Number(exp);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const point = mantissa.replace('-', '').indexOf('.');
  const intLen = (point < 0 ? digits.length : point) + e;
  const body = intLen <= 0 ? `0.${'0'.repeat(-intLen)}${digits}` : intLen >= digits.length ? digits + '0'.repeat(intLen - digits.length) : `${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  return (negative ? '-' : '') + body;
}

const BREAKS = new Set(['\n', '\r', '\u0085', '\u2028', '\u2029']);

/** go-yaml's printable characters (a tab is not, nor anything beyond the Basic Multilingual Plane: an emoji is written \U0001F600). */
function printable(c: string): boolean {
  const p = c.codePointAt(0)!;
  return p === 0x0a || (p >= 0x20 && p <= 0x7e) || p === 0x85 || (p >= 0xa0 && p <= 0xd7ff) || (p >= 0xe000 && p <= 0xfffd && p !== 0xfeff);
}

/** A literal block needs printable text with no space before a line break and none at the end. */
function literalAllowed(s: string): boolean {
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!printable(c) || c === '\ufeff' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029') return false;
    if (c === ' ' && chars[i + 1] === '\n') return false;
  }
  return !s.endsWith(' ');
}

function literalBlock(s: string, indent: number): string[] {
  const trailing = /\n*$/.exec(s)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 && s.length > 1 ? '' : '+';
  const indicator = s.startsWith(' ') || s.startsWith('\n') ? String(INDENT) : '';
  const pad = ' '.repeat(indent);
  const body = trailing > 0 ? s.slice(0, s.length - 1) : s;
  return [`|${indicator}${chomp}`, ...body.split('\n').map((line) => (line === '' ? '' : pad + line))];
}

const ESCAPES: Record<string, string> = {
  '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e',
  '"': '\\"', '\\': '\\\\', '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P',
};

/** A double-quoted scalar, folded at a space once past column 80 (go-yaml's writer). */
function doubleQuoted(s: string, indent: number, column: number): string[] {
  const lines: string[] = [];
  let line = '"';
  let col = column + 1;
  let spaces = false;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!printable(c) || c === '\ufeff' || BREAKS.has(c) || c === '"' || c === '\\') {
      const p = c.codePointAt(0)!;
      const esc = ESCAPES[c] ?? (p <= 0xff ? `\\x${hex(p, 2)}` : p <= 0xffff ? `\\u${hex(p, 4)}` : `\\U${hex(p, 8)}`);
      line += esc;
      col += esc.length;
      spaces = false;
    } else if (c === ' ') {
      if (!spaces && col > WIDTH && i !== 0 && i !== chars.length - 1) {
        lines.push(line);
        line = ' '.repeat(indent);
        col = indent;
        if (chars[i + 1] === ' ') {
          line += '\\';
          col++;
        }
      } else {
        line += c;
        col++;
      }
      spaces = true;
    } else {
      line += c;
      col++;
      spaces = false;
    }
  }
  lines.push(`${line}"`);
  return lines;
}

function hex(n: number, width: number): string {
  return n.toString(16).toUpperCase().padStart(width, '0');
}
