// HCL JSON syntax (.tf.json, .tfvars.json) mapped onto the native Body model. JSON has no block
// syntax, so (like Terraform, which knows its schema) we decide by name: top-level Terraform
// block types and well-known nested block names become blocks with their labels taken from the
// nested object keys; everything else is an attribute. JSON strings are parsed as templates with
// offsets into the file (exact when the string has no escapes, else relative to its start).

import type { Diagnostic } from '../../source/diagnostic.js';
import type { Attribute, Block, BlockLabel, Body, Expression, HclFile, ObjectItem } from './ast.js';
import { parseTemplateRange, type ParseError } from './parser.js';
import { toDiagnostics } from './diagnostics.js';

/** Top-level block types and their label counts (Terraform's configuration schema). */
const TOP_BLOCKS: ReadonlyMap<string, number> = new Map([
  ['resource', 2],
  ['data', 2],
  ['ephemeral', 2],
  ['module', 1],
  ['provider', 1],
  ['variable', 1],
  ['output', 1],
  ['locals', 0],
  ['terraform', 0],
  ['moved', 0],
  ['import', 0],
  ['removed', 0],
  ['check', 1],
]);
/** Nested block types (inside any block) and their label counts. */
const NESTED_BLOCKS: ReadonlyMap<string, number> = new Map([
  ['lifecycle', 0],
  ['provisioner', 1],
  ['connection', 0],
  ['dynamic', 1],
  ['content', 0],
  ['required_providers', 0],
  ['backend', 1],
  ['cloud', 0],
  ['workspaces', 0],
  ['validation', 0],
  ['precondition', 0],
  ['postcondition', 0],
  ['assert', 0],
]);
/**
 * The terraform block's nested block types: `provider_meta "aws" {...}` as well (terraform-aws-modules
 * set it in every versions.tf), and OpenTofu's `encryption`, which config-structure.ts accepts in native syntax.
 */
const TERRAFORM_BLOCKS: ReadonlyMap<string, number> = new Map([...NESTED_BLOCKS, ['provider_meta', 1], ['encryption', 0]]);
/** A module block's body: its inputs are arguments whatever their names; these block types are reserved (Terraform refuses them). */
const MODULE_BLOCKS: ReadonlyMap<string, number> = new Map([
  ['lifecycle', 0],
  ['locals', 0],
  ['provider', 0],
]);
/** A check block holds scoped data sources and asserts. */
const CHECK_BLOCKS: ReadonlyMap<string, number> = new Map([
  ['data', 2],
  ['assert', 0],
]);

/**
 * The nested block types of a block's body, by the block's type as Terraform's schema has them;
 * every other key is an argument. Every key of `locals` is a local value, whatever its name
 * (`"lifecycle": {...}` is a local there), and a module's inputs may be called `content` or `dynamic`.
 */
function nestedTypesOf(type: string): ReadonlyMap<string, number> | null {
  if (type === 'locals') return null;
  if (type === 'module') return MODULE_BLOCKS;
  if (type === 'check') return CHECK_BLOCKS;
  if (type === 'terraform') return TERRAFORM_BLOCKS;
  return NESTED_BLOCKS;
}

type JNode =
  | { k: 'obj'; start: number; end: number; props: { key: string; keyStart: number; keyEnd: number; value: JNode }[] }
  | { k: 'arr'; start: number; end: number; items: JNode[] }
  | { k: 'str'; start: number; end: number; value: string; escaped: boolean }
  | { k: 'num'; start: number; end: number; text: string }
  | { k: 'lit'; start: number; end: number; value: boolean | null };

class JsonReader {
  i = 0;
  depth = 0;
  readonly errors: ParseError[] = [];
  constructor(private readonly text: string) {}

  ws(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) this.i++;
      else break;
    }
  }
  fail(message: string): never {
    this.errors.push({ start: this.i, end: Math.min(this.i + 1, this.text.length), message });
    throw new SyntaxError(message);
  }
  value(): JNode {
    this.ws();
    if (++this.depth > 1000) this.fail('nesting is deeper than 1000 levels');
    try {
      const t = this.text;
      const c = t.charCodeAt(this.i);
      const start = this.i;
      if (c === 123) {
        this.i++;
        const props: { key: string; keyStart: number; keyEnd: number; value: JNode }[] = [];
        this.ws();
        if (t.charCodeAt(this.i) === 125) {
          this.i++;
          return { k: 'obj', start, end: this.i, props };
        }
        for (;;) {
          this.ws();
          if (t.charCodeAt(this.i) !== 34) this.fail('expected a quoted property name');
          const key = this.string();
          this.ws();
          if (t.charCodeAt(this.i) !== 58) this.fail('expected `:` after the property name');
          this.i++;
          const value = this.value();
          props.push({ key: key.value, keyStart: key.start, keyEnd: key.end, value });
          this.ws();
          const d = t.charCodeAt(this.i);
          if (d === 44) {
            this.i++;
            continue;
          }
          if (d === 125) {
            this.i++;
            return { k: 'obj', start, end: this.i, props };
          }
          this.fail('expected `,` or `}` in the object');
        }
      }
      if (c === 91) {
        this.i++;
        const items: JNode[] = [];
        this.ws();
        if (t.charCodeAt(this.i) === 93) {
          this.i++;
          return { k: 'arr', start, end: this.i, items };
        }
        for (;;) {
          items.push(this.value());
          this.ws();
          const d = t.charCodeAt(this.i);
          if (d === 44) {
            this.i++;
            continue;
          }
          if (d === 93) {
            this.i++;
            return { k: 'arr', start, end: this.i, items };
          }
          this.fail('expected `,` or `]` in the array');
        }
      }
      if (c === 34) return this.string();
      const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
      m.lastIndex = this.i;
      const num = m.exec(t);
      if (num) {
        this.i += num[0].length;
        return { k: 'num', start, end: this.i, text: num[0] };
      }
      for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
        if (t.startsWith(word, this.i)) {
          this.i += word.length;
          return { k: 'lit', start, end: this.i, value };
        }
      }
      return this.fail(this.i >= t.length ? 'unexpected end of file' : 'expected a JSON value');
    } finally {
      this.depth--;
    }
  }
  string(): { k: 'str'; start: number; end: number; value: string; escaped: boolean } {
    const t = this.text;
    const start = this.i;
    let j = this.i + 1;
    let escaped = false;
    for (;;) {
      if (j >= t.length) {
        this.i = j;
        this.fail('unterminated string');
      }
      const c = t.charCodeAt(j);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        j += 2;
        continue;
      }
      if (c < 0x20) {
        this.i = j;
        this.fail('control characters must be escaped in JSON strings');
      }
      j++;
    }
    const raw = t.slice(start, j + 1);
    this.i = j + 1;
    let value: string;
    try {
      value = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    } catch {
      this.i = start;
      this.fail('invalid escape sequence in string');
    }
    return { k: 'str', start, end: this.i, value, escaped };
  }
}

/** Adds `delta` to every start/end in a freshly parsed expression tree. */
function shift(node: unknown, delta: number): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const x of node) shift(x, delta);
    return;
  }
  const o = node as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    if ((k === 'start' || k === 'end') && typeof v === 'number') o[k] = v + delta;
    else if (typeof v === 'object') shift(v, delta);
  }
}

class JsonMapper {
  readonly errors: ParseError[] = [];
  constructor(private readonly text: string) {}

  expr(n: JNode): Expression {
    switch (n.k) {
      case 'str':
        return this.template(n);
      case 'num':
        if (n.text.startsWith('-')) {
          const operand: Expression = { type: 'literal', value: { number: n.text.slice(1) }, start: n.start + 1, end: n.end };
          return { type: 'unary', op: '-', operand, start: n.start, end: n.end };
        }
        return { type: 'literal', value: { number: n.text }, start: n.start, end: n.end };
      case 'lit':
        return { type: 'literal', value: n.value, start: n.start, end: n.end };
      case 'arr':
        return { type: 'tuple', items: n.items.map((x) => this.expr(x)), start: n.start, end: n.end };
      case 'obj': {
        // A key is a template too (`"${local.prefix}-a": 1`), as Terraform reads JSON object keys.
        const items: ObjectItem[] = n.props.map((p) => ({
          key:
            p.key.includes('${') || p.key.includes('%{')
              ? this.template({ start: p.keyStart, end: p.keyEnd, value: p.key, escaped: this.text.slice(p.keyStart + 1, p.keyEnd - 1) !== p.key })
              : { type: 'template', parts: [{ kind: 'literal', value: p.key, start: p.keyStart + 1, end: p.keyEnd - 1 }], start: p.keyStart, end: p.keyEnd },
          bareKey: false,
          value: this.expr(p.value),
        }));
        return { type: 'object', items, start: n.start, end: n.end };
      }
    }
  }

  private template(n: { start: number; end: number; value: string; escaped: boolean }): Expression {
    if (!n.value.includes('${') && !n.value.includes('%{')) {
      return { type: 'template', parts: [{ kind: 'literal', value: n.value, start: n.start + 1, end: n.end - 1 }], start: n.start, end: n.end };
    }
    if (!n.escaped) {
      const { expr, errors } = parseTemplateRange(this.text, n.start + 1, n.end - 1);
      this.errors.push(...errors);
      return { ...expr, start: n.start, end: n.end } as Expression;
    }
    const { expr, errors } = parseTemplateRange(n.value, 0, n.value.length);
    shift(expr, n.start + 1);
    for (const e of errors) this.errors.push({ ...e, start: n.start, end: n.end });
    return { ...expr, start: n.start, end: n.end } as Expression;
  }

  body(obj: Extract<JNode, { k: 'obj' }>, blockTypes: ReadonlyMap<string, number> | null): Body {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const seen = new Set<string>();
    let jsonComment: JNode | undefined;
    for (const p of obj.props) {
      const labels = blockTypes?.get(p.key);
      if (labels !== undefined && p.value.k === 'lit' && p.value.value === null) {
        // null is no blocks where the type takes no labels (`"lifecycle": null`); where it does, the labels are missing.
        if (labels > 0) this.errors.push({ start: p.value.start, end: p.value.end, message: `Missing block label: the \`${p.key}\` blocks are named by the keys of a JSON object here, so Terraform refuses null` });
        continue;
      }
      const isBlockValue = p.value.k === 'obj' || (p.value.k === 'arr' && p.value.items.every((x) => x.k === 'obj'));
      if (labels !== undefined && isBlockValue) {
        this.blocks(p.key, p.keyStart, p.keyEnd, p.value, labels, [], blocks);
        continue;
      }
      if (p.key === '//') {
        // A comment to Terraform, kept as written (Body.jsonComment): the first, as a repeated key is.
        jsonComment ??= p.value;
        continue;
      }
      if (seen.has(p.key)) {
        this.errors.push({ start: p.keyStart, end: p.keyEnd, message: `the argument "${p.key}" was already set; each argument may be set only once` });
        continue;
      }
      seen.add(p.key);
      attributes.push({
        kind: 'attribute',
        name: p.key,
        nameRange: { start: p.keyStart, end: p.keyEnd },
        expr: this.expr(p.value),
        start: p.keyStart,
        end: p.value.end,
        leadingComments: [],
      });
    }
    return jsonComment === undefined ? { start: obj.start, end: obj.end, attributes, blocks } : { start: obj.start, end: obj.end, attributes, blocks, jsonComment };
  }

  private blocks(type: string, ts: number, te: number, v: JNode, labelsLeft: number, labels: BlockLabel[], out: Block[]): void {
    if (v.k === 'arr') {
      for (const item of v.items) this.blocks(type, ts, te, item, labelsLeft, labels, out);
      return;
    }
    if (v.k === 'lit' && v.value === null && labelsLeft === 0) return; // a null body is no block, as Terraform reads it
    if (v.k !== 'obj') {
      this.errors.push({ start: v.start, end: v.end, message: `expected a JSON object for the block \`${type}\`` });
      return;
    }
    if (labelsLeft > 0) {
      if (v.props.length === 0) this.errors.push({ start: v.start, end: v.end, message: `Missing block label: a \`${type}\` block is named by a key of this object, so Terraform refuses it empty` });
      for (const p of v.props) {
        this.blocks(type, ts, te, p.value, labelsLeft - 1, [...labels, { value: p.key, quoted: true, start: p.keyStart, end: p.keyEnd }], out);
      }
      return;
    }
    // The block starts at the key that names it, so that what is said about one resource points at
    // that resource, not at the "resource" key that holds them all.
    const last = labels.at(-1);
    const named = last !== undefined ? { start: last.start, end: last.end } : { start: ts, end: te };
    out.push({
      kind: 'block',
      type,
      typeRange: named,
      labels,
      openBrace: { start: v.start, end: v.start + 1 },
      closeBrace: { start: v.end - 1, end: v.end },
      body: this.body(v, nestedTypesOf(type)),
      start: named.start,
      end: v.end,
      leadingComments: [],
    });
  }
}

/** Parses HCL JSON syntax (.tf.json, .tfvars.json). Never throws. */
export function parseHclJson(text: string, path: string): { file: HclFile; diagnostics: Diagnostic[] } {
  const reader = new JsonReader(text);
  const mapper = new JsonMapper(text);
  let body: Body = { start: 0, end: text.length, attributes: [], blocks: [] };
  try {
    const root = reader.value();
    reader.ws();
    if (reader.i < text.length) reader.fail('unexpected text after the JSON value');
    const isTfvars = path.endsWith('.tfvars.json');
    if (root.k === 'obj') body = mapper.body(root, isTfvars ? null : TOP_BLOCKS);
    else if (root.k === 'arr' && !isTfvars && root.items.every((x) => x.k === 'obj')) {
      // A configuration file's root may be an array of objects, read as one body (Terraform plans it).
      const parts = root.items.map((x) => mapper.body(x as Extract<JNode, { k: 'obj' }>, TOP_BLOCKS));
      body = { start: root.start, end: root.end, attributes: parts.flatMap((b) => b.attributes), blocks: parts.flatMap((b) => b.blocks) };
    } else {
      reader.errors.push({ start: root.start, end: root.end, message: 'the root of an HCL JSON file must be an object' });
    }
  } catch (e) {
    // A stack overflow is reported as for native syntax (index.ts parseHcl): a string's template is
    // parsed by the native expression parser inside the JSON's own nesting, and a long enough chain
    // of unary operators in one ran out of stack before the parsers' nesting limits (found by fuzzing).
    if (e instanceof RangeError) reader.errors.push({ start: 0, end: 0, message: 'the file is nested too deeply to parse' });
    else if (!(e instanceof SyntaxError)) throw e;
  }
  const file: HclFile = { path, text, syntax: 'json', body, comments: [] };
  return { file, diagnostics: toDiagnostics(text, path, [...reader.errors, ...mapper.errors]) };
}
