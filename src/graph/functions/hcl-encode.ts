// A known value written in HCL native syntax, as Terraform's built-in provider functions
// `provider::terraform::encode_expr` and `encode_tfvars` write it (hclwrite's TokensForValue and
// its formatter): a value becomes a flat list of tokens, then one formatting pass sets the spaces
// before each token (indentation by bracket nesting, one space between most tokens, and `=` aligned
// over consecutive lines that assign a whole value). Observed with terraform console 1.11.4:
//   encode_expr({a = 1, bbbbb = 2, c = {x = 1, yyy = [1, {z = 2}]}}) is
//   "{\n  a     = 1\n  bbbbb = 2\n  c = {\n    x = 1\n    yyy = [1, {\n      z = 2\n    }]\n  }\n}"
// Strings are always quoted on one line (never heredocs): newlines and other escapes spelled out,
// `${` and `%{` doubled so they stay literal text.
import { ListV, Unk, type Val } from '../value.js';
import { formatNumber } from '../number-format.js';
import { isValidIdentifier } from '../../parsers/hcl/identifier.js';
import { graphemeCount } from './graphemes.js';

type Kind = 'ident' | 'number' | 'oquote' | 'lit' | 'cquote' | '{' | '}' | '[' | ']' | ',' | '=' | 'nl';

interface Token {
  readonly kind: Kind;
  readonly text: string;
  spaces: number;
}


/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** A string's text between the quotes, escaped as hclwrite escapes it. */
function escapeQuoted(s: string): string {
  let out = '';
  const chars = Array.from(s);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    switch (c) {
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '$':
      case '%':
        // A template introducer is doubled to stay literal ("$${x}"); a lone "$" or "%" is not.
        out += chars[i + 1] === '{' ? c + c : c;
        break;
      default: {
        const cp = c.codePointAt(0)!;
        // A lone surrogate is no character in Go's UTF-8 strings: it would have been U+FFFD there.
        if (cp >= 0xd800 && cp <= 0xdfff) out += '\ufffd';
        else if (PRINTABLE.test(c)) out += c;
        else out += cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`;
      }
    }
  }
  return out;
}

const tok = (kind: Kind, text: string = kind): Token => ({ kind, text, spaces: 0 });

function pushString(s: string, out: Token[]): void {
  out.push(tok('oquote', '"'));
  if (s !== '') out.push(tok('lit', escapeQuoted(s)));
  out.push(tok('cquote', '"'));
}

/** The tokens of a wholly known value (callers check for unknowns first). */
function pushValue(v: Val, out: Token[]): void {
  if (v === null) out.push(tok('ident', 'null'));
  else if (typeof v === 'boolean') out.push(tok('ident', v ? 'true' : 'false'));
  else if (typeof v === 'number') out.push(tok('number', formatNumber(v)));
  else if (typeof v === 'string') pushString(v, out);
  else if (v instanceof Unk) throw new Error('an unknown value has no HCL syntax');
  else if (v instanceof ListV) {
    out.push(tok('['));
    v.items.forEach((item, i) => {
      if (i > 0) out.push(tok(','));
      pushValue(item, out);
    });
    out.push(tok(']'));
  } else {
    out.push(tok('{'));
    if (v.attrs.size > 0) out.push(tok('nl', '\n'));
    for (const [key, item] of v.attrs) pushAttribute(key, item, out);
    out.push(tok('}'));
  }
}

/** `key = value` and a newline; a key that is no identifier is quoted. */
function pushAttribute(key: string, value: Val, out: Token[]): void {
  if (isValidIdentifier(key)) out.push(tok('ident', key));
  else pushString(key, out);
  out.push(tok('='));
  pushValue(value, out);
  out.push(tok('nl', '\n'));
}

function bracketChange(t: Token): number {
  return t.kind === '{' || t.kind === '[' ? 1 : t.kind === '}' || t.kind === ']' ? -1 : 0;
}

/** Whether a space goes between `subject` and `after` (hclwrite's rules, for the tokens a value has). */
function spaceAfter(subject: Token, after: Token | undefined): boolean {
  if (after === undefined || after.kind === 'nl') return false;
  if (after.kind === ',') return false;
  if (subject.kind === ',') return true;
  if (subject.kind === 'lit' || subject.kind === 'oquote' || after.kind === 'lit' || after.kind === 'cquote') return false;
  if (after.kind === '[' && (subject.kind === 'ident' || subject.kind === 'number' || bracketChange(subject) < 0)) return false;
  // Braces have spaces inside them, except an empty pair: `{}`.
  if (subject.kind === '{' || after.kind === '}') return !(subject.kind === '{' && after.kind === '}');
  if (bracketChange(subject) > 0 || bracketChange(after) < 0) return false;
  return true;
}

interface Line {
  lead: Token[];
  /** From the `=` on, when what follows it closes every bracket it opens (a whole value on the line). */
  assign: Token[] | undefined;
}

function columns(tokens: readonly Token[]): number {
  let n = 0;
  for (const t of tokens) n += t.spaces + graphemeCount(t.text);
  return n;
}

/** Set each token's spaces as hclwrite's formatter does; the tokens' text is never changed. */
function format(tokens: readonly Token[]): void {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'nl') continue;
    lines.push({ lead: tokens.slice(start, i + 1), assign: undefined });
    start = i + 1;
  }
  if (start < tokens.length) lines.push({ lead: tokens.slice(start), assign: undefined });
  for (const line of lines) {
    const eq = line.lead.findIndex((t, i) => i > 0 && t.kind === '=');
    if (eq === -1) continue;
    let net = 0;
    for (let i = eq; i < line.lead.length; i++) net += bracketChange(line.lead[i]!);
    if (net !== 0) continue;
    line.assign = line.lead.slice(eq);
    line.lead = line.lead.slice(0, eq);
  }
  // Indentation: a line that opens more brackets than it closes indents the lines after it by two
  // spaces, once however many it opens; the lines closing those brackets come back out.
  const indents: number[] = [];
  for (const line of lines) {
    const first = line.lead[0]!;
    if (first.kind === 'nl') {
      first.spaces = 0;
      continue;
    }
    let net = 0;
    for (const t of line.lead) net += bracketChange(t);
    for (const t of line.assign ?? []) net += bracketChange(t);
    if (net > 0) {
      first.spaces = 2 * indents.length;
      indents.push(net);
      continue;
    }
    let closed = -net;
    while (closed > 0 && indents.length > 0) {
      const top = indents[indents.length - 1]!;
      if (closed >= top) {
        closed -= top;
        indents.pop();
      } else {
        indents[indents.length - 1] = top - closed;
        closed = 0;
      }
    }
    first.spaces = 2 * indents.length;
  }
  for (const line of lines) {
    for (let i = 0; i < line.lead.length - 1; i++) line.lead[i + 1]!.spaces = spaceAfter(line.lead[i]!, line.lead[i + 1]) ? 1 : 0;
    const assign = line.assign;
    if (assign === undefined) continue;
    for (let i = 0; i < assign.length - 1; i++) assign[i + 1]!.spaces = spaceAfter(assign[i]!, assign[i + 1]) ? 1 : 0;
  }
  // `=` aligned one space past the longest name over each run of consecutive assigning lines.
  for (let i = 0; i < lines.length; ) {
    if (lines[i]!.assign === undefined) {
      i++;
      continue;
    }
    let end = i;
    let widest = 0;
    for (; end < lines.length && lines[end]!.assign !== undefined; end++) widest = Math.max(widest, columns(lines[end]!.lead));
    for (let j = i; j < end; j++) lines[j]!.assign![0]!.spaces = widest - columns(lines[j]!.lead) + 1;
    i = end;
  }
}

function write(tokens: readonly Token[]): string {
  let out = '';
  for (const t of tokens) out += ' '.repeat(t.spaces) + t.text;
  return out;
}

/** encode_expr: a wholly known value as an HCL expression. */
export function encodeExpression(v: Val): string {
  const tokens: Token[] = [];
  pushValue(v, tokens);
  format(tokens);
  return write(tokens).trim();
}

/** encode_tfvars: one `name = value` line (or block of lines) per attribute, as a .tfvars file; the names must be identifiers. */
export function encodeTfvars(attrs: ReadonlyMap<string, Val>): string {
  const tokens: Token[] = [];
  for (const [key, value] of attrs) pushAttribute(key, value, tokens);
  format(tokens);
  return write(tokens);
}
