// A JSON parser that keeps offsets (STYLE.md §2): plan and state findings point at the value in the
// file when the Terraform sources are not in the scan. One pass over the text, no copy of it; nodes
// hold offsets and decoded scalars only (RFC 8259; duplicate keys keep the last, as JSON.parse does).
import type { Diagnostic } from '../../source/diagnostic.js';
import { LineIndex } from '../../source/line-index.js';
import { err, ok, type Result } from '../../source/result.js';

export interface JsonEntry {
  readonly key: string;
  readonly keyStart: number;
  readonly value: JsonNode;
}

export type JsonNode =
  | { readonly kind: 'object'; readonly start: number; readonly end: number; readonly entries: readonly JsonEntry[] }
  | { readonly kind: 'array'; readonly start: number; readonly end: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly start: number; readonly end: number; readonly value: string }
  | { readonly kind: 'number'; readonly start: number; readonly end: number; readonly value: number }
  | { readonly kind: 'boolean'; readonly start: number; readonly end: number; readonly value: boolean }
  | { readonly kind: 'null'; readonly start: number; readonly end: number; readonly value: null };

export type JsonObject = Extract<JsonNode, { kind: 'object' }>;
export type JsonArray = Extract<JsonNode, { kind: 'array' }>;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 512;

class Parser {
  /** Integers whose digits a double does not hold (inexactIntegers). */
  readonly inexact: JsonNode[] = [];

  constructor(
    private readonly text: string,
    private pos: number,
  ) {}

  parseDocument(): JsonNode {
    this.skipSpace();
    const node = this.parseValue(0);
    this.skipSpace();
    if (this.pos < this.text.length) throw new JsonSyntaxError('Unexpected text after the JSON value.', this.pos);
    return node;
  }

  private skipSpace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  private parseValue(depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError('JSON nested too deeply.', this.pos);
    const start = this.pos;
    const c = this.text.charCodeAt(start);
    switch (c) {
      case 123: // {
        return this.parseObject(depth);
      case 91: // [
        return this.parseArray(depth);
      case 34: { // "
        const value = this.parseString();
        return { kind: 'string', start, end: this.pos, value };
      }
      case 116: // t
        return this.literal('true', { kind: 'boolean', start, end: start + 4, value: true });
      case 102: // f
        return this.literal('false', { kind: 'boolean', start, end: start + 5, value: false });
      case 110: // n
        return this.literal('null', { kind: 'null', start, end: start + 4, value: null });
      default:
        if (c === 45 || (c >= 48 && c <= 57)) return this.parseNumber();
        throw new JsonSyntaxError(Number.isNaN(c) ? 'Unexpected end of the JSON text.' : `Unexpected character ${JSON.stringify(this.text[start])}.`, start);
    }
  }

  private literal<N extends JsonNode>(word: string, node: N): N {
    if (!this.text.startsWith(word, this.pos)) throw new JsonSyntaxError(`Expected ${word}.`, this.pos);
    this.pos += word.length;
    return node;
  }

  private parseNumber(): JsonNode {
    const start = this.pos;
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = start;
    const m = match.exec(this.text);
    if (!m) throw new JsonSyntaxError('Invalid number.', start);
    this.pos = start + m[0].length;
    const node: JsonNode = { kind: 'number', start, end: this.pos, value: Number(m[0]) };
    // 2^53 has 16 digits: a shorter integer is exact. Fractions are not checked: the providers hold
    // them as float64 (planned values come from them), integers as int64, exact to 2^63.
    if (m[0].length > 15 && /^-?\d+$/.test(m[0]) && BigInt(m[0]) !== BigInt(node.value)) this.inexact.push(node);
    return node;
  }

  private parseString(): string {
    const t = this.text;
    const begin = this.pos + 1;
    let p = begin;
    // Fast path: most plan strings have no escapes, so one slice of the text is the value.
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 34) {
        this.pos = p + 1;
        return t.slice(begin, p);
      }
      if (c === 92 || c < 32 || Number.isNaN(c)) break;
      p++;
    }
    let chunkStart = begin;
    let out = '';
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 34) {
        out += t.slice(chunkStart, p);
        this.pos = p + 1;
        return out;
      }
      if (Number.isNaN(c)) throw new JsonSyntaxError('Unterminated string.', this.pos);
      if (c < 32) throw new JsonSyntaxError('Control character in a string.', p);
      if (c === 92) {
        out += t.slice(chunkStart, p);
        const e = t[p + 1];
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = t.slice(p + 2, p + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('Invalid \\u escape.', p);
            out += String.fromCharCode(parseInt(hex, 16));
            p += 4;
            break;
          }
          default:
            throw new JsonSyntaxError('Invalid escape in a string.', p);
        }
        p += 2;
        chunkStart = p;
        continue;
      }
      p++;
    }
  }

  private parseObject(depth: number): JsonNode {
    const start = this.pos;
    this.pos++;
    const entries: JsonEntry[] = [];
    // Duplicate keys are rare: a linear check on small objects, a Map only for large ones.
    let seen: Map<string, number> | undefined;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      return { kind: 'object', start, end: this.pos, entries };
    }
    for (;;) {
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 34) throw new JsonSyntaxError('Expected a property name in double quotes.', this.pos);
      const keyStart = this.pos;
      const key = this.parseString();
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 58) throw new JsonSyntaxError('Expected ":" after a property name.', this.pos);
      this.pos++;
      this.skipSpace();
      const value = this.parseValue(depth + 1);
      let previous: number | undefined;
      if (seen) previous = seen.get(key);
      else {
        for (let i = 0; i < entries.length; i++) if (entries[i]!.key === key) previous = i;
        if (entries.length >= 16) seen = new Map(entries.map((e, i) => [e.key, i]));
      }
      if (previous !== undefined) entries[previous] = { key, keyStart, value };
      else {
        seen?.set(key, entries.length);
        entries.push({ key, keyStart, value });
      }
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 44) continue;
      if (c === 125) return { kind: 'object', start, end: this.pos, entries };
      throw new JsonSyntaxError('Expected "," or "}" in an object.', this.pos - 1);
    }
  }

  private parseArray(depth: number): JsonNode {
    const start = this.pos;
    this.pos++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return { kind: 'array', start, end: this.pos, items };
    }
    for (;;) {
      this.skipSpace();
      items.push(this.parseValue(depth + 1));
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 44) continue;
      if (c === 93) return { kind: 'array', start, end: this.pos, items };
      throw new JsonSyntaxError('Expected "," or "]" in an array.', this.pos - 1);
    }
  }
}

/** Parses JSON text into a tree of nodes with offsets; a syntax error becomes a diagnostic at its place. */
export function parseJsonTree(file: string, text: string, code = 'parse/json'): Result<JsonNode> {
  // A UTF-8 byte order mark is not JSON but editors write it; skip it without shifting offsets.
  const parser = new Parser(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  try {
    const root = parser.parseDocument();
    return ok(root, parser.inexact.length > 0 ? [inexactIntegers(file, text, parser.inexact)] : []);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const lines = new LineIndex(text);
    const diag: Diagnostic = {
      code,
      severity: 'error',
      message: `${file} is not valid JSON: ${e.message}`,
      hint: 'Regenerate it with `terraform show -json`, or remove it from the scan.',
      span: lines.span(file, e.offset, Math.min(text.length, e.offset + 1)),
    };
    return err(diag);
  }
}

/**
 * Integers past 2^53 that a double rounds (9007199254740993 reads as 9007199254740992). Terraform
 * keeps numbers exact and writes them so in plans and states (terraform show -json 1.11.4 writes a
 * terraform_data input of 9007199254740993 digit for digit); read as doubles, findings that print
 * such a value would show another number, and comparisons with it may be off, unsaid. Said once per
 * file, at the first; the value itself is not in the message (it may be a secret), only in the
 * code frame, which masks what is sensitive.
 */
function inexactIntegers(file: string, text: string, nodes: readonly JsonNode[]): Diagnostic {
  const first = nodes[0]!;
  const count = nodes.length === 1 ? 'an integer' : `${nodes.length} integers`;
  return {
    code: 'parse/inexact-number',
    severity: 'warning',
    message: `${file} holds ${count} past 2^53 (the first here), which Safeguard reads rounded to the nearest double: findings that print ${nodes.length === 1 ? 'it show it' : 'them show them'} rounded, and comparisons with ${nodes.length === 1 ? 'it' : 'them'} may be off by the rounding.`,
    hint: 'Read the exact value in the file; findings on it are judged on the rounded value.',
    span: new LineIndex(text).span(file, first.start, first.end),
  };
}

export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.kind !== 'object') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]!.key === key) return node.entries[i]!.value;
  return undefined;
}

/** The entry (key position and value) of `key` in an object. */
export function entry(node: JsonNode | undefined, key: string): JsonEntry | undefined {
  if (node?.kind !== 'object') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]!.key === key) return node.entries[i];
  return undefined;
}

export function stringMember(node: JsonNode | undefined, key: string): string | undefined {
  const m = member(node, key);
  return m?.kind === 'string' ? m.value : undefined;
}

export function itemsOf(node: JsonNode | undefined): readonly JsonNode[] {
  return node?.kind === 'array' ? node.items : [];
}

/** The JSON value as plain data (for masks and small sub-trees, not whole documents). */
export function toJsonValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) out[e.key] = toJsonValue(e.value);
      return out;
    }
    case 'array':
      return node.items.map(toJsonValue);
    default:
      return node.value;
  }
}
