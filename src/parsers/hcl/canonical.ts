// The hclref canonical record (see ../shared/tools/hclref/README.md): key order as hclref prints
// it, UTF-8 byte offsets, rendered variable references and the static value.

import type { Attribute, Block, Body, Expression, HclFile, TemplatePart, TraversalStep } from './ast.js';
import { staticValue, ratText, parseRat } from './canonical-value.js';
import { nfc } from '../../util/nfc.js';

type ByteOffset = (offset: number) => number;

function byteOffsets(text: string): ByteOffset {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return (o) => o;
  const table = new Int32Array(text.length + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    table[i] = b;
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        table[i + 1] = b + 2;
        b += 4;
        i++;
        continue;
      }
      b += 3;
    } else b += 3;
  }
  table[text.length] = b;
  return (o) => table[Math.max(0, Math.min(o, text.length))]!;
}


function renderStep(s: TraversalStep): string {
  if (s.kind === 'attr') return `.${s.name}`;
  if (typeof s.key === 'number') {
    const r = parseRat(String(s.key));
    return `[${r ? ratText(r) : String(s.key)}]`;
  }
  return `[${JSON.stringify(nfc(s.key))}]`;
}

/** Expression.Variables() rendered, sorted (byte order) and de-duplicated. */
export function expressionVars(expr: Expression): string[] {
  const out: string[] = [];
  const scopes: (readonly string[])[] = [];
  const local = (name: string): boolean => scopes.some((s) => s.includes(name));
  const parts = (ps: readonly TemplatePart[]): void => {
    for (const p of ps) {
      if (p.kind === 'interpolation') walk(p.expr);
      else if (p.kind === 'if') {
        walk(p.cond);
        parts(p.then);
        parts(p.else);
      } else if (p.kind === 'for') {
        walk(p.collection);
        scopes.push(p.keyVar ? [p.keyVar, p.valueVar] : [p.valueVar]);
        parts(p.body);
        scopes.pop();
      }
    }
  };
  const walk = (e: Expression): void => {
    switch (e.type) {
      case 'literal':
      case 'anonSymbol':
        return;
      case 'template':
        return parts(e.parts);
      case 'traversal':
        if (!local(e.root)) {
          let s = e.root;
          for (const st of e.steps) s += renderStep(st);
          out.push(s);
        }
        return;
      case 'relativeTraversal':
        return walk(e.source);
      case 'call':
        for (const a of e.args) walk(a);
        return;
      case 'conditional':
        walk(e.cond);
        walk(e.then);
        walk(e.else);
        return;
      case 'binary':
        walk(e.left);
        walk(e.right);
        return;
      case 'unary':
        return walk(e.operand);
      case 'tuple':
        for (const x of e.items) walk(x);
        return;
      case 'object':
        for (const it of e.items) {
          if (!it.bareKey) walk(it.key);
          walk(it.value);
        }
        return;
      case 'index':
        walk(e.collection);
        walk(e.key);
        return;
      case 'splat':
        walk(e.source);
        walk(e.each);
        return;
      case 'for':
        walk(e.collection);
        scopes.push(e.keyVar ? [e.keyVar, e.valueVar] : [e.valueVar]);
        if (e.keyExpr) walk(e.keyExpr);
        walk(e.valueExpr);
        if (e.cond) walk(e.cond);
        scopes.pop();
        return;
      case 'parens':
        return walk(e.expr);
    }
  };
  walk(expr);
  const bytes = out.map((s) => [Buffer.from(s, 'utf8'), s] as const);
  bytes.sort((a, b) => Buffer.compare(a[0], b[0]));
  const res: string[] = [];
  for (const [, s] of bytes) if (res[res.length - 1] !== s) res.push(s);
  return res;
}

export interface CanonicalOptions {
  /** Include "value" (hclref -values=true, the default). */
  values?: boolean;
}

/** The hclref canonical record for a parsed file. */
export function toCanonical(file: HclFile, errorCount: number, options: CanonicalOptions = {}): object {
  const bo = byteOffsets(file.text);
  const values = options.values ?? true;
  const expr = (e: Expression): object => {
    const o: { range: number[]; vars: string[]; value?: unknown } = { range: [bo(e.start), bo(e.end)], vars: expressionVars(e) };
    if (values) {
      const v = staticValue(e);
      if (v !== undefined) o.value = v;
    }
    return o;
  };
  const attr = (a: Attribute): object => ({ name: a.name, range: [bo(a.start), bo(a.end)], expr: expr(a.expr) });
  const block = (b: Block): object => ({
    type: b.type,
    labels: b.labels.map((l) => l.value),
    range: [bo(b.start), bo(b.end)],
    body: body(b.body),
  });
  const body = (b: Body): object => ({ attributes: b.attributes.map(attr), blocks: b.blocks.map(block) });
  return { file: file.path, errors: errorCount, body: body(file.body) };
}
