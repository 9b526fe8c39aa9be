// Recursive-descent parser for HCL native syntax. It follows hclsyntax's parser.go (hcl v2.14)
// step by step, including its error recovery, so that the set of inputs we reject is the set
// Terraform rejects (the hclref conformance bar) and the tree matches node for node.

import type {
  Attribute,
  Block,
  BlockLabel,
  Body,
  Expression,
  ObjectItem,
  TemplatePart,
  TraversalStep,
  BinaryOperator,
} from './ast.js';
import { T, lex, isUnicodeSpace, type Tokens } from './lexer.js';
import { decodeLiteral } from './string-literal.js';
import { nfc } from '../../util/nfc.js';

export interface ParseError {
  start: number;
  end: number;
  message: string;
  /** 'warning' for syntax that newer Terraform accepts but hcl v2.14 (hclref) rejects. */
  compat?: boolean;
}

export interface RawParse {
  body: Body;
  errors: ParseError[];
  tokens: Tokens;
}

/** Deeper nesting than this is reported instead of risking a stack overflow. */
export const MAX_DEPTH = 1000;

const BINARY_LEVELS: readonly (readonly T[])[] = [
  [T.Or],
  [T.And],
  [T.EqualOp, T.NotEqual],
  [T.Gt, T.Ge, T.Lt, T.Le],
  [T.Plus, T.Minus],
  [T.Star, T.Slash, T.Percent],
];
const BINARY_LEVEL = new Int8Array(64).fill(-1);
BINARY_LEVELS.forEach((ops, lvl) => ops.forEach((t) => (BINARY_LEVEL[t] = lvl)));
const OP_TEXT: Partial<Record<T, BinaryOperator>> = {
  [T.Or]: '||',
  [T.And]: '&&',
  [T.EqualOp]: '==',
  [T.NotEqual]: '!=',
  [T.Gt]: '>',
  [T.Ge]: '>=',
  [T.Lt]: '<',
  [T.Le]: '<=',
  [T.Plus]: '+',
  [T.Minus]: '-',
  [T.Star]: '*',
  [T.Slash]: '/',
  [T.Percent]: '%',
};

type TTok =
  | { k: 'lit'; val: string; start: number; end: number }
  | { k: 'interp'; expr: Expression; start: number; end: number }
  | { k: 'if'; cond: Expression; start: number; end: number }
  | { k: 'for'; keyVar: string; valVar: string; coll: Expression; start: number; end: number }
  | { k: 'else' | 'endif' | 'endfor'; start: number; end: number }
  | { k: 'end'; start: number; end: number };

class DepthExceeded extends Error {}

/** Template parse result with the facts hclsyntax derives from its unmerged token list. */
interface TemplateInner {
  parts: TemplatePart[];
  /** Exactly one literal part before merging (hclsyntax TemplateExpr.IsStringLiteral). */
  isStringLiteral: boolean;
}

export class Parser {
  private readonly types: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly count: number;
  private pos = 0;
  private readonly nlStack: boolean[] = [true];
  private recovery = false;
  private depth = 0;
  readonly errors: ParseError[] = [];
  /** Template facts by template expression, read by the index-step builder. */
  private readonly stringLiteralTemplates = new WeakSet<object>();

  constructor(
    private readonly text: string,
    readonly tokens: Tokens,
  ) {
    this.types = tokens.types;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.count = tokens.count;
    // `recovery` turns true at a file's first syntax error. V8 takes a field that has only ever held
    // its first value for a constant, and when another value was first written (the first file of a
    // scan with an error, after TurboFan had compiled the parser) it threw away the optimised code
    // that relied on that: parseBody's and this class's field initialiser's (--trace-generalization
    // "recovery ... const -> mutable", --trace-deopt "code dependencies"). Both values written here,
    // the field is mutable before anything is compiled.
    this.recovery = true;
    this.recovery = false;
  }

  // ---- peeker -----------------------------------------------------------------------------

  /** Index of the next visible token; comments ending in a newline count as newlines. */
  private nextIdx(): number {
    const incl = this.nlStack[this.nlStack.length - 1]!;
    const types = this.types;
    // The count and the last index worked out here, not at the fall-through below: that line runs
    // only at the end of a file's tokens, so TurboFan compiled nextIdx before it had run, found no
    // feedback for its load and subtraction, and threw the code away the first time it ran
    // ("insufficient type feedback for generic named access", then "... for binary operation" with
    // the load moved alone: --trace-deopt), compiling nextIdx a second time.
    const count = this.count;
    const last = count - 1;
    for (let i = this.pos; i < count; i++) {
      const t = types[i]!;
      if (t === T.Comment) {
        if (incl && this.text.charCodeAt(this.ends[i]! - 1) === 10) return i;
        continue;
      }
      if (t === T.Newline && !incl) continue;
      return i;
    }
    return last;
  }
  private typeAt(i: number): T {
    const t = this.types[i]! as T;
    return t === T.Comment ? T.Newline : t;
  }
  private peek(): T {
    return this.typeAt(this.nextIdx());
  }
  private peekIdx(): number {
    return this.nextIdx();
  }
  private read(): number {
    const i = this.nextIdx();
    this.pos = i + 1;
    return i;
  }
  private prevEnd(): number {
    return this.pos === 0 ? this.starts[this.nextIdx()]! : this.ends[this.pos - 1]!;
  }
  private pushNL(b: boolean): void {
    this.nlStack.push(b);
  }
  private popNL(): void {
    this.nlStack.pop();
  }
  private tokText(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i]);
  }
  private isKeyword(i: number, kw: string): boolean {
    return this.types[i] === T.Ident && this.ends[i]! - this.starts[i]! === kw.length && this.text.startsWith(kw, this.starts[i]);
  }

  private error(start: number, end: number, message: string): void {
    this.errors.push({ start, end, message });
  }
  private errorAt(i: number, message: string): void {
    this.errors.push({ start: this.starts[i]!, end: this.ends[i]!, message });
  }
  private describe(i: number): string {
    const t = this.types[i]! as T;
    if (t === T.EOF) return 'the end of the file';
    if (t === T.Newline || t === T.Comment) return 'a newline';
    if (t === T.Ident) return `\`${this.tokText(i)}\``;
    if (t === T.OQuote || t === T.QuotedLit) return 'a quoted string';
    return `\`${this.tokText(i).trim() || this.tokText(i)}\``;
  }

  private enter(at: number): void {
    if (++this.depth > MAX_DEPTH) {
      this.error(at, at + 1, `nesting is deeper than ${MAX_DEPTH} levels; the rest of the file was not parsed`);
      throw new DepthExceeded();
    }
  }

  // ---- recovery ---------------------------------------------------------------------------

  private recover(end: T): number {
    const start = opposite(end);
    this.recovery = true;
    let nest = 0;
    for (;;) {
      const i = this.read();
      let ty = this.typeAt(i);
      if (end === T.TemplateSeqEnd && ty === T.TemplateControl) ty = T.TemplateInterp;
      if (ty === start) nest++;
      else if (ty === end) {
        if (nest < 1) return i;
        nest--;
      } else if (ty === T.EOF) return i;
    }
  }

  private recoverAfterBodyItem(): void {
    this.recovery = true;
    const open: T[] = [];
    for (;;) {
      const i = this.read();
      const t = this.typeAt(i);
      switch (t) {
        case T.Newline:
          if (open.length === 0) return;
          break;
        case T.EOF:
          return;
        case T.OBrace:
        case T.OBrack:
        case T.OParen:
        case T.OQuote:
        case T.OHeredoc:
        case T.TemplateInterp:
        case T.TemplateControl:
          open.push(t);
          break;
        case T.CBrace:
        case T.CBrack:
        case T.CParen:
        case T.CQuote:
        case T.CHeredoc: {
          const opener = opposite(t);
          while (open.length > 0 && open[open.length - 1] !== opener) open.pop();
          if (open.length > 0) open.pop();
          break;
        }
        case T.TemplateSeqEnd:
          while (open.length > 0 && open[open.length - 1] !== T.TemplateInterp && open[open.length - 1] !== T.TemplateControl) open.pop();
          if (open.length > 0) open.pop();
          break;
        default:
          break;
      }
    }
  }

  // ---- bodies -----------------------------------------------------------------------------

  parseFile(): Body {
    try {
      return this.parseBody(T.EOF, 0, -1);
    } catch (e) {
      if (!(e instanceof DepthExceeded)) throw e;
      return { start: 0, end: this.text.length, attributes: [], blocks: [] };
    }
  }

  /** `openAt` is the `{` offset for messages (-1 for the file body). */
  private parseBody(end: T, bodyStart: number, openAt: number): Body {
    const attrs: Attribute[] = [];
    const seen = new Map<string, Attribute>();
    const blocks: Block[] = [];
    let bodyEnd = this.text.length;
    for (;;) {
      const ni = this.peekIdx();
      const next = this.typeAt(ni);
      if (next === end) {
        bodyEnd = this.ends[ni]!;
        this.read();
        break;
      }
      if (next === T.Newline) {
        this.read();
        continue;
      }
      if (next === T.Ident) {
        const item = this.parseBodyItem();
        if (item === null) continue;
        if (item.kind === 'block') blocks.push(item);
        else {
          const existing = seen.get(item.name);
          if (existing) {
            const pos = this.lineCol(existing.nameRange.start);
            this.error(item.nameRange.start, item.nameRange.end, `the argument "${item.name}" was already set at ${pos}; each argument may be set only once`);
          } else {
            seen.set(item.name, item);
            attrs.push(item);
          }
        }
        continue;
      }
      const bad = this.read();
      if (!this.recovery) {
        const t = this.typeAt(bad);
        if (t === T.OQuote) this.errorAt(bad, 'argument names must not be quoted');
        else if (t === T.EOF) {
          if (end === T.CBrace) {
            this.error(openAt, openAt + 1, `expected \`}\` to close the block opened at ${this.lineCol(openAt)}, found the end of the file`);
          } else this.errorAt(bad, 'unexpected end of file in this body');
        } else this.errorAt(bad, `expected an argument or block definition, found ${this.describe(bad)}`);
      }
      bodyEnd = this.prevEnd();
      this.recover(end);
      break;
    }
    return { start: bodyStart, end: bodyEnd, attributes: attrs, blocks };
  }

  private parseBodyItem(): Attribute | Block | null {
    const ident = this.read();
    const next = this.peek();
    if (next === T.Equal) return this.finishAttribute(ident, false);
    if (next === T.OQuote || next === T.OBrace || next === T.Ident) return this.finishBlock(ident);
    this.recoverAfterBodyItem();
    this.errorAt(ident, `expected \`=\` after the argument name \`${this.tokText(ident)}\`, or a block label or \`{\``);
    return null;
  }

  private finishAttribute(ident: number, singleLine: boolean): Attribute {
    this.read(); // =
    const errBefore = this.errors.length;
    const expr = this.parseExpression();
    let end: number;
    if (this.recovery && this.errors.length > errBefore) {
      end = this.prevEnd();
      this.recoverAfterBodyItem();
    } else {
      end = this.prevEnd();
      if (!singleLine) {
        const ei = this.peekIdx();
        const et = this.typeAt(ei);
        if (et !== T.Newline && et !== T.EOF) {
          if (!this.recovery) {
            this.errorAt(
              ei,
              et === T.Comma
                ? 'unexpected comma after the argument; arguments are separated by newlines, not commas'
                : `expected a newline after the argument \`${this.tokText(ident)}\`, found ${this.describe(ei)}`,
            );
          }
          end = this.prevEnd();
          this.recoverAfterBodyItem();
        } else {
          this.read();
        }
      }
    }
    return {
      kind: 'attribute',
      name: this.tokText(ident),
      nameRange: { start: this.starts[ident]!, end: this.ends[ident]! },
      expr,
      start: this.starts[ident]!,
      end,
      leadingComments: [],
    };
  }

  private finishBlock(ident: number): Block {
    const type = this.tokText(ident);
    const typeRange = { start: this.starts[ident]!, end: this.ends[ident]! };
    const labels: BlockLabel[] = [];
    let oBrace = -1;
    for (;;) {
      const ti = this.peekIdx();
      const t = this.typeAt(ti);
      if (t === T.OBrace) {
        oBrace = this.read();
        break;
      }
      if (t === T.OQuote) {
        labels.push(this.parseQuotedLabel());
        continue;
      }
      if (t === T.Ident) {
        const l = this.read();
        labels.push({ value: this.tokText(l), quoted: false, start: this.starts[l]!, end: this.ends[l]! });
        continue;
      }
      if (t === T.Equal) this.errorAt(ti, `\`=\` introduces an argument and must not be used when defining the block \`${type}\``);
      else if (t === T.Newline) this.errorAt(ti, `the block \`${type}\` needs its \`{\` on the same line as the block header`);
      else if (!this.recovery) this.errorAt(ti, `expected a quoted block label or \`{\` for the block \`${type}\`, found ${this.describe(ti)}`);
      this.recoverAfterBodyItem();
      const emptyBody: Body = { start: typeRange.start, end: typeRange.end, attributes: [], blocks: [] };
      return {
        kind: 'block',
        type,
        typeRange,
        labels,
        openBrace: typeRange,
        closeBrace: typeRange,
        body: emptyBody,
        start: typeRange.start,
        end: typeRange.end,
        leadingComments: [],
      };
    }
    this.enter(this.starts[oBrace]!);
    const openAt = this.starts[oBrace]!;
    let body: Body | null;
    const pt = this.peek();
    if (pt === T.Newline || pt === T.EOF || pt === T.CBrace) {
      body = this.parseBody(T.CBrace, openAt, openAt);
    } else {
      body = this.parseSingleAttrBody(openAt);
      const ni = this.peekIdx();
      const nt = this.typeAt(ni);
      if (nt === T.CBrace) this.read();
      else if (nt === T.Comma) {
        this.errorAt(ni, 'a single-line block can contain only one argument; use one line per argument');
        this.recover(T.CBrace);
      } else if (nt === T.Newline) {
        this.errorAt(ni, `a single-line block must be closed with \`}\` on the same line as its argument (block opened at ${this.lineCol(openAt)})`);
        this.recover(T.CBrace);
      } else {
        if (!this.recovery) {
          if (nt === T.EOF) this.error(openAt, openAt + 1, `expected \`}\` to close the block opened at ${this.lineCol(openAt)}, found the end of the file`);
          else this.errorAt(ni, `expected \`}\` right after the single argument of this one-line block, found ${this.describe(ni)}`);
        }
        this.recover(T.CBrace);
      }
      if (body !== null) body = { ...body, start: openAt, end: this.prevEnd() };
    }
    this.depth--;
    const cEnd = this.prevEnd();
    const cIdx = this.pos - 1;
    const closeBrace = { start: cIdx >= 0 ? this.starts[cIdx]! : cEnd, end: cEnd };
    const ei = this.peekIdx();
    const et = this.typeAt(ei);
    if (et === T.Newline || et === T.EOF) this.read();
    else {
      if (!this.recovery) this.errorAt(ei, `expected a newline after the block \`${type}\`, found ${this.describe(ei)}`);
      this.recoverAfterBodyItem();
    }
    return {
      kind: 'block',
      type,
      typeRange,
      labels,
      openBrace: { start: openAt, end: openAt + 1 },
      closeBrace,
      body: body ?? { start: openAt, end: cEnd, attributes: [], blocks: [] },
      start: typeRange.start,
      end: cEnd,
      leadingComments: [],
    };
  }

  private parseSingleAttrBody(openAt: number): Body | null {
    const ident = this.read();
    if (this.typeAt(ident) !== T.Ident) {
      this.recoverAfterBodyItem();
      this.errorAt(ident, `expected an argument definition, found ${this.describe(ident)}`);
      return null;
    }
    const next = this.peek();
    if (next === T.Equal) {
      const attr = this.finishAttribute(ident, true);
      return { start: openAt, end: attr.end, attributes: [attr], blocks: [] };
    }
    this.recoverAfterBodyItem();
    if (next === T.OQuote || next === T.OBrace || next === T.Ident) {
      this.errorAt(ident, 'a single-line block can contain only a single argument; put a nested block on its own line');
    } else {
      this.errorAt(ident, `expected \`=\` after the argument name \`${this.tokText(ident)}\``);
    }
    return null;
  }

  private parseQuotedLabel(): BlockLabel {
    const oq = this.read();
    const start = this.starts[oq]!;
    let value = '';
    let end = this.ends[oq]!;
    for (;;) {
      const i = this.read();
      const t = this.typeAt(i);
      if (t === T.CQuote) {
        end = this.ends[i]!;
        break;
      }
      if (t === T.QuotedLit) {
        value += this.decode(i, true);
        continue;
      }
      if (t === T.TemplateControl || t === T.TemplateInterp) {
        const which = t === T.TemplateControl ? '%' : '$';
        this.errorAt(i, `block labels cannot contain template sequences; write \`${which}${which}{\` for a literal \`${which}{\``);
        value += `${which}{ ... }`;
        this.recover(T.TemplateSeqEnd);
        continue;
      }
      if (t === T.EOF) {
        this.errorAt(i, 'unterminated block label: missing the closing `"`');
        end = this.ends[i]!;
        break;
      }
      this.errorAt(i, 'this is not valid in a block label');
      this.recover(T.CQuote);
      end = this.ends[i]!;
      break;
    }
    return { value, quoted: true, start, end };
  }

  private decode(i: number, quoted: boolean): string {
    // Escape errors go straight to this.errors, in the same shape and order: no array per literal.
    return decodeLiteral(this.text, this.starts[i]!, this.ends[i]!, quoted, this.errors);
  }

  private lineCol(offset: number): string {
    let line = 1;
    let col = 1;
    for (let i = 0; i < offset && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    return `${line}:${col}`;
  }

  // ---- expressions ------------------------------------------------------------------------

  parseExpression(): Expression {
    const startIdx = this.peekIdx();
    this.enter(this.starts[startIdx]!);
    try {
      // Conditional (hclsyntax parseTernaryConditional).
      const errBefore = this.errors.length;
      const cond = this.parseBinary();
      if (this.recovery && this.errors.length > errBefore) return cond;
      if (this.peek() !== T.Question) return cond;
      this.read();
      const e1 = this.errors.length;
      const then = this.parseExpression();
      if (this.recovery && this.errors.length > e1) return cond;
      const ci = this.peekIdx();
      if (this.typeAt(ci) !== T.Colon) {
        this.errorAt(ci, `expected \`:\` and the false result of the conditional, found ${this.describe(ci)}`);
        return cond;
      }
      this.read();
      const e2 = this.errors.length;
      const els = this.parseExpression();
      if (this.recovery && this.errors.length > e2) return cond;
      return { type: 'conditional', cond, then, else: els, start: cond.start, end: endOf(els) };
    } finally {
      this.depth--;
    }
  }

  /** Binary operators by precedence climbing (left-associative within a level, as hclsyntax). */
  private parseBinary(): Expression {
    const errBefore = this.errors.length;
    const lhs = this.parseWithTraversals();
    if (this.recovery && this.errors.length > errBefore) return lhs;
    return this.climb(lhs, 0);
  }

  private climb(left: Expression, minLevel: number): Expression {
    let lhs = left;
    for (;;) {
      const t = this.peek();
      const level = BINARY_LEVEL[t]!;
      if (level < minLevel) return lhs;
      this.read();
      const e1 = this.errors.length;
      let rhs = this.parseWithTraversals();
      if (this.recovery && this.errors.length > e1) return lhs;
      for (;;) {
        const nl = BINARY_LEVEL[this.peek()]!;
        if (nl <= level) break;
        const e2 = this.errors.length;
        rhs = this.climb(rhs, level + 1);
        if (this.recovery && this.errors.length > e2) return lhs;
      }
      lhs = { type: 'binary', op: OP_TEXT[t]!, left: lhs, right: rhs, start: lhs.start, end: endOf(rhs) };
    }
  }

  private parseWithTraversals(): Expression {
    const term = this.parseTerm();
    return this.parseTraversals(term);
  }

  private parseTraversals(from: Expression): Expression {
    let ret = from;
    for (;;) {
      const t = this.peek();
      if (t === T.Dot) {
        const dot = this.read();
        const ai = this.peekIdx();
        const at = this.typeAt(ai);
        if (at === T.Ident) {
          this.read();
          ret = addStep(ret, { kind: 'attr', name: this.tokText(ai), start: this.starts[dot]!, end: this.ends[ai]! });
        } else if (at === T.Number) {
          this.read();
          const txt = this.tokText(ai);
          const dotIdx = txt.indexOf('.');
          if (dotIdx >= 0) {
            this.errorAt(ai, `legacy index syntax cannot chain two indexes; write [${txt.slice(0, dotIdx)}][${txt.slice(dotIdx + 1)}] instead`);
            ret = addStep(ret, { kind: 'index', key: 0, start: this.starts[dot]!, end: this.ends[ai]! });
          } else {
            ret = addStep(ret, { kind: 'index', key: this.numberKey(ai), start: this.starts[dot]!, end: this.ends[ai]! });
          }
        } else if (at === T.Star) {
          const marker = this.read();
          ret = this.finishLegacySplat(from, ret, dot, marker);
        } else {
          this.errorAt(ai, `expected an attribute name after \`.\`, found ${this.describe(ai)}`);
          this.recovery = true;
        }
        continue;
      }
      if (t === T.OBrack) {
        const open = this.read();
        if (this.peek() === T.Star) {
          this.read();
          let close = this.read();
          if (this.typeAt(close) !== T.CBrack && !this.recovery) {
            this.errorAt(close, 'expected `]` right after `[*`');
            close = this.recover(T.CBrack);
          }
          const item = { type: 'anonSymbol' as const, start: this.starts[open]!, end: this.ends[close]! };
          const each = this.parseTraversals(item);
          ret = { type: 'splat', source: ret, each, legacy: false, start: from.start, end: each.end };
          continue;
        }
        this.pushNL(false);
        const errBefore = this.errors.length;
        const key = this.parseExpression();
        let close: number;
        if (this.recovery && this.errors.length > errBefore) close = this.recover(T.CBrack);
        else {
          close = this.read();
          if (this.typeAt(close) !== T.CBrack && !this.recovery) {
            this.errorAt(close, `expected \`]\` to close the index opened at ${this.lineCol(this.starts[open]!)}, found ${this.describe(close)}`);
            close = this.recover(T.CBrack);
          }
        }
        this.popNL();
        const s = this.starts[open]!;
        const e = this.ends[close]!;
        const litKey = this.literalKey(key);
        if (litKey !== undefined) ret = addStep(ret, { kind: 'index', key: litKey, start: s, end: e });
        else ret = { type: 'index', collection: ret, key, start: from.start, end: e };
        continue;
      }
      return ret;
    }
  }

  /** The key of a literal index step (`[0]`, `["k"]`), or undefined for a computed index. */
  private literalKey(key: Expression): string | number | undefined {
    if (key.type === 'literal') {
      const v = key.value;
      if (v !== null && typeof v === 'object') {
        const n = Number(v.number);
        return Number.isFinite(n) ? n : undefined;
      }
      return undefined; // true/false/null keys stay computed in our tree
    }
    if (key.type === 'template' && this.stringLiteralTemplates.has(key)) {
      const p = key.parts[0];
      // In NFC, as HCL's string values are (cty.StringVal): local.m["e\u0301"] reads the key "é".
      if (p === undefined || p.kind !== 'literal') return '';
      return nfc(p.value);
    }
    return undefined;
  }

  /**
   * The key of a legacy index step (`a.0`). Any number token is valid there, as in hclsyntax, which
   * reads it as a big float: `a.1e999` parses and fails only when evaluated, as it does here with
   * the key Infinity (not a whole number, so indexValue refuses it).
   */
  private numberKey(i: number): number {
    return Number(this.tokText(i));
  }

  private finishLegacySplat(from: Expression, source: Expression, dot: number, marker: number): Expression {
    const steps: TraversalStep[] = [];
    let firstStart = this.starts[this.peekIdx()]!;
    let lastEnd = this.ends[marker]!;
    while (this.peek() === T.Dot) {
      const d = this.read();
      const ni = this.peekIdx();
      const nt = this.typeAt(ni);
      if (nt === T.Number) {
        this.read();
        const txt = this.tokText(ni);
        if (txt.includes('.')) {
          this.errorAt(ni, 'legacy index syntax cannot chain two indexes; use [*] with [n][m] instead');
          steps.push({ kind: 'index', key: 0, start: this.starts[d]!, end: this.ends[ni]! });
        } else steps.push({ kind: 'index', key: this.numberKey(ni), start: this.starts[d]!, end: this.ends[ni]! });
        lastEnd = this.ends[ni]!;
        continue;
      }
      if (nt !== T.Ident) {
        if (!this.recovery) {
          if (nt === T.Star) this.errorAt(ni, 'a splat `*` cannot be nested inside an attribute-only splat (`.*`)');
          else this.errorAt(ni, `expected an attribute name after \`.\`, found ${this.describe(ni)}`);
        }
        this.recovery = true;
        break;
      }
      this.read();
      steps.push({ kind: 'attr', name: this.tokText(ni), start: this.starts[d]!, end: this.ends[ni]! });
      lastEnd = this.ends[ni]!;
    }
    const item = { type: 'anonSymbol' as const, start: this.starts[dot]!, end: this.ends[marker]! };
    if (steps.length === 0) firstStart = item.start;
    const each: Expression =
      steps.length === 0 ? item : { type: 'relativeTraversal', source: item, steps, start: firstStart, end: lastEnd };
    return { type: 'splat', source, each, legacy: true, start: from.start, end: lastEnd };
  }

  private parseTerm(): Expression {
    const si = this.peekIdx();
    const st = this.typeAt(si);
    const s = this.starts[si]!;
    switch (st) {
      case T.OParen: {
        this.read();
        this.pushNL(false);
        const errBefore = this.errors.length;
        const inner = this.parseExpression();
        if (this.errors.length > errBefore) {
          this.recover(T.CParen);
          this.popNL();
          return inner;
        }
        const ci = this.peekIdx();
        if (this.typeAt(ci) !== T.CParen) {
          this.errorAt(ci, `expected \`)\` to close the \`(\` at ${this.lineCol(s)}, found ${this.describe(ci)}`);
          this.recovery = true;
        }
        const c = this.read();
        this.popNL();
        return { type: 'parens', expr: inner, start: s, end: this.ends[c]! };
      }
      case T.Number: {
        this.read();
        const txt = this.tokText(si);
        if (!isValidNumber(txt)) this.errorAt(si, `\`${txt}\` is not a valid number`);
        return { type: 'literal', value: { number: txt }, start: s, end: this.ends[si]! };
      }
      case T.Ident: {
        this.read();
        const nt = this.peek();
        if (nt === T.OParen) return this.finishCall(si, si);
        if (nt === T.Colon) {
          const last = this.tryNamespacedName();
          if (last >= 0) return this.finishCall(si, last);
        }
        const name = this.tokText(si);
        const e = this.ends[si]!;
        if (name === 'true') return { type: 'literal', value: true, start: s, end: e };
        if (name === 'false') return { type: 'literal', value: false, start: s, end: e };
        if (name === 'null') return { type: 'literal', value: null, start: s, end: e };
        return { type: 'traversal', root: name, steps: [], start: s, end: e };
      }
      case T.OQuote:
      case T.OHeredoc: {
        const open = this.read();
        if (st === T.OQuote) {
          const lit = this.quotedLiteral(open, s);
          if (lit !== null) return lit;
        }
        const heredoc = st === T.OHeredoc ? this.heredocInfo(open) : undefined;
        this.enter(s); // templates recurse through more frames per level than other nesting
        const inner = this.parseTemplateInner(st === T.OQuote ? T.CQuote : T.CHeredoc, heredoc?.flush ?? false);
        this.depth--;
        const expr: Expression = {
          type: 'template',
          parts: inner.parts,
          start: s,
          end: this.prevEnd(),
          ...(heredoc ? { heredoc } : {}),
        };
        if (inner.isStringLiteral) this.stringLiteralTemplates.add(expr);
        return expr;
      }
      case T.Minus:
      case T.Bang: {
        this.read();
        const operand = this.parseWithTraversals();
        return { type: 'unary', op: st === T.Minus ? '-' : '!', operand, start: s, end: endOf(operand) };
      }
      case T.OBrack:
        return this.parseTuple();
      case T.OBrace:
        return this.parseObject();
      default:
        if (!this.recovery) {
          if (st === T.EOF) this.errorAt(si, 'expected an expression, found the end of the file');
          else this.errorAt(si, `expected an expression, found ${this.describe(si)}`);
        }
        this.recovery = true;
        return { type: 'literal', value: null, start: s, end: this.ends[si]! };
    }
  }

  /**
   * A quoted string of one literal token or none (`"abc"`, `""`), the most common term, as
   * parseTemplateInner would build it, without its token list, part arrays and merging; null for any
   * other string. `open` is the `"` just read; no newline or comment token can come inside quotes.
   */
  private quotedLiteral(open: number, s: number): Expression | null {
    const types = this.types;
    let close = open + 1;
    if (types[close] === T.QuotedLit) close++;
    if (types[close] !== T.CQuote) return null;
    this.enter(s);
    this.depth--;
    this.pos = close + 1;
    // An empty string is one empty literal at the closing quote, as hclsyntax's template parser has it.
    const part: TemplatePart =
      close === open + 1
        ? { kind: 'literal', value: '', start: this.starts[close]!, end: this.starts[close]! }
        : { kind: 'literal', value: this.decode(open + 1, true), start: this.starts[open + 1]!, end: this.ends[open + 1]! };
    const expr: Expression = { type: 'template', parts: [part], start: s, end: this.ends[close]! };
    this.stringLiteralTemplates.add(expr);
    return expr;
  }

  /**
   * `provider::ns::fn(` (Terraform 1.8+). hcl v2.14, which hclref uses, rejects it, so we accept
   * it with a compat warning. Returns the index of the last name token, or -1 (nothing consumed).
   */
  private tryNamespacedName(): number {
    let i = this.pos;
    let last = -1;
    for (;;) {
      if (this.types[i] !== T.Colon || this.types[i + 1] !== T.Colon || this.types[i + 2] !== T.Ident) break;
      if (this.ends[i] !== this.starts[i + 1] || this.ends[i + 1] !== this.starts[i + 2]) break;
      last = i + 2;
      i += 3;
    }
    if (last < 0 || this.types[last + 1] !== T.OParen) return -1;
    const first = this.pos - 1;
    this.errors.push({
      start: this.starts[first]!,
      end: this.ends[last]!,
      message: 'provider-defined function calls (`provider::ns::fn`) need Terraform 1.8 or later',
      compat: true,
    });
    this.pos = last + 1;
    return last;
  }

  private heredocInfo(open: number): { marker: string; flush: boolean } {
    const t = this.tokText(open);
    const flush = t.charCodeAt(2) === 45;
    return { marker: t.slice(flush ? 3 : 2).replace(/\r?\n$/, ''), flush };
  }

  private finishCall(nameFirst: number, nameLast: number): Expression {
    const open = this.read();
    const args: Expression[] = [];
    let expandFinal = false;
    let close = open;
    this.pushNL(false);
    for (;;) {
      if (this.peek() === T.CParen) {
        close = this.read();
        break;
      }
      const errBefore = this.errors.length;
      const arg = this.parseExpression();
      args.push(arg);
      if (this.recovery && this.errors.length > errBefore) {
        close = this.recover(T.CParen);
        break;
      }
      const sep = this.read();
      const sept = this.typeAt(sep);
      if (sept === T.CParen) {
        close = sep;
        break;
      }
      if (sept === T.Ellipsis) {
        expandFinal = true;
        if (this.peek() !== T.CParen) {
          if (!this.recovery) this.errorAt(sep, 'an expanded argument (`...`) must be the last one, right before `)`');
          close = this.recover(T.CParen);
        } else close = this.read();
        break;
      }
      if (sept !== T.Comma) {
        if (sept === T.EOF) this.error(this.starts[nameFirst]!, this.ends[open]!, `expected \`)\` to close this function call, found the end of the file`);
        else this.errorAt(sep, `expected \`,\` or \`)\` in the call to \`${this.tokText(nameFirst)}\`, found ${this.describe(sep)}`);
        close = this.recover(T.CParen);
        break;
      }
      if (this.peek() === T.CParen) {
        close = this.read();
        break;
      }
    }
    this.popNL();
    const name = this.text.slice(this.starts[nameFirst], this.ends[nameLast]);
    return {
      type: 'call',
      name,
      nameRange: { start: this.starts[nameFirst]!, end: this.ends[nameLast]! },
      args,
      expandFinal,
      start: this.starts[nameFirst]!,
      end: this.ends[close]!,
    };
  }

  private parseTuple(): Expression {
    const open = this.read();
    this.pushNL(false);
    try {
      if (this.isKeyword(this.peekIdx(), 'for')) return this.finishFor(open);
      const items: Expression[] = [];
      let close: number;
      for (;;) {
        if (this.peek() === T.CBrack) {
          close = this.read();
          break;
        }
        const errBefore = this.errors.length;
        items.push(this.parseExpression());
        if (this.recovery && this.errors.length > errBefore) {
          close = this.recover(T.CBrack);
          break;
        }
        const ni = this.peekIdx();
        const nt = this.typeAt(ni);
        if (nt === T.CBrack) {
          close = this.read();
          break;
        }
        if (nt !== T.Comma) {
          if (!this.recovery) {
            if (nt === T.EOF) this.errorAt(open, 'expected `]` to close this list, found the end of the file');
            else this.errorAt(ni, `expected \`,\` or \`]\` in the list opened at ${this.lineCol(this.starts[open]!)}, found ${this.describe(ni)}`);
          }
          close = this.recover(T.CBrack);
          break;
        }
        this.read();
      }
      return { type: 'tuple', items, start: this.starts[open]!, end: this.ends[close]! };
    } finally {
      this.popNL();
    }
  }

  private parseObject(): Expression {
    const open = this.read();
    this.pushNL(false);
    const isFor = this.isKeyword(this.peekIdx(), 'for');
    this.popNL();
    if (isFor) return this.finishFor(open);
    this.pushNL(true);
    const items: ObjectItem[] = [];
    let close: number;
    try {
      for (;;) {
        const nt0 = this.peek();
        if (nt0 === T.Newline) {
          this.read();
          continue;
        }
        if (nt0 === T.CBrace) {
          close = this.read();
          break;
        }
        const forceNonLiteral = nt0 === T.OParen;
        const errBefore = this.errors.length;
        const key = this.parseExpression();
        if (this.recovery && this.errors.length > errBefore) {
          close = this.recover(T.CBrace);
          break;
        }
        const ni = this.peekIdx();
        const nt = this.typeAt(ni);
        if (nt !== T.Equal && nt !== T.Colon) {
          if (!this.recovery) {
            if (nt === T.Newline || nt === T.Comma) this.errorAt(ni, 'expected `=` and a value after this object key');
            else if (nt === T.EOF) this.errorAt(open, `expected \`}\` to close the object opened at ${this.lineCol(this.starts[open]!)}, found the end of the file`);
            else this.errorAt(ni, `expected \`=\` after the object key, found ${this.describe(ni)}${nt === T.Ident ? ' (quote keys that contain spaces or dots)' : ''}`);
          }
          close = this.recover(T.CBrace);
          break;
        }
        this.read();
        const e1 = this.errors.length;
        const value = this.parseExpression();
        if (this.recovery && this.errors.length > e1) {
          close = this.recover(T.CBrace);
          break;
        }
        const bareKey = !forceNonLiteral && isKeywordKey(key);
        items.push({ key, bareKey, value });
        const ci = this.peekIdx();
        const ct = this.typeAt(ci);
        if (ct === T.CBrace) {
          close = this.read();
          break;
        }
        if (ct !== T.Comma && ct !== T.Newline) {
          if (!this.recovery) {
            if (ct === T.EOF) this.errorAt(open, `expected \`}\` to close the object opened at ${this.lineCol(this.starts[open]!)}, found the end of the file`);
            else this.errorAt(ci, `expected a newline or \`,\` before the next object attribute, found ${this.describe(ci)}`);
          }
          close = this.recover(T.CBrace);
          break;
        }
        this.read();
      }
    } finally {
      this.popNL();
    }
    return { type: 'object', items, start: this.starts[open]!, end: this.ends[close]! };
  }

  private finishFor(open: number): Expression {
    this.pushNL(false);
    try {
      this.read(); // for
      const makeObj = this.typeAt(open) === T.OBrace;
      const closeType = makeObj ? T.CBrace : T.CBrack;
      const s = this.starts[open]!;
      const bail = (message: string | null, at: number): Expression => {
        if (message !== null && !this.recovery) this.errorAt(at, message);
        const c = this.recover(closeType);
        return { type: 'literal', value: null, start: s, end: this.ends[c]! };
      };
      let ni = this.peekIdx();
      if (this.typeAt(ni) !== T.Ident) return bail(`expected a variable name after \`for\`, found ${this.describe(ni)}`, ni);
      let valueVar = this.tokText(this.read());
      let keyVar: string | undefined;
      if (this.peek() === T.Comma) {
        keyVar = valueVar;
        this.read();
        ni = this.peekIdx();
        if (this.typeAt(ni) !== T.Ident) return bail(`expected the value variable name after \`,\`, found ${this.describe(ni)}`, ni);
        valueVar = this.tokText(this.read());
      }
      ni = this.peekIdx();
      if (!this.isKeyword(ni, 'in')) return bail(`expected \`in\` after the \`for\` variable names, found ${this.describe(ni)}`, ni);
      this.read();
      const e0 = this.errors.length;
      const collection = this.parseExpression();
      if (this.recovery && this.errors.length > e0) return bail(null, 0);
      ni = this.peekIdx();
      if (this.typeAt(ni) !== T.Colon) return bail(`expected \`:\` after the \`for\` collection, found ${this.describe(ni)}`, ni);
      this.read();
      const e1 = this.errors.length;
      let valueExpr = this.parseExpression();
      let keyExpr: Expression | undefined;
      if (this.peek() === T.FatArrow) {
        this.read();
        keyExpr = valueExpr;
        valueExpr = this.parseExpression();
      }
      if (this.recovery && this.errors.length > e1) return bail(null, 0);
      let group = false;
      let ellipsis = -1;
      if (this.peek() === T.Ellipsis) {
        ellipsis = this.read();
        group = true;
      }
      let cond: Expression | undefined;
      if (this.isKeyword(this.peekIdx(), 'if')) {
        this.read();
        const e2 = this.errors.length;
        cond = this.parseExpression();
        if (this.recovery && this.errors.length > e2) return bail(null, 0);
      }
      let close: number;
      ni = this.peekIdx();
      if (this.typeAt(ni) === closeType) close = this.read();
      else {
        if (!this.recovery) this.errorAt(ni, `unexpected ${this.describe(ni)} after the end of the \`for\` expression`);
        close = this.recover(closeType);
      }
      if (!makeObj) {
        if (keyExpr) this.error(keyExpr.start, keyExpr.end, 'a `for` expression building a list cannot have a key (`=>`)');
        if (group) this.errorAt(ellipsis, 'grouping (`...`) cannot be used in a `for` expression building a list');
      } else if (!keyExpr) {
        this.error(valueExpr.start, valueExpr.end, 'a `for` expression building an object needs a key: `{ for k, v in x : k => v }`');
      }
      return {
        type: 'for',
        ...(keyVar !== undefined ? { keyVar } : {}),
        valueVar,
        collection,
        ...(keyExpr ? { keyExpr } : {}),
        valueExpr,
        ...(cond ? { cond } : {}),
        group,
        start: s,
        end: this.ends[close]!,
      };
    } finally {
      this.popNL();
    }
  }

  // ---- templates --------------------------------------------------------------------------

  parseBareTemplate(start: number, end: number): Expression {
    try {
      const inner = this.parseTemplateInner(T.EOF, false);
      return { type: 'template', parts: inner.parts, start, end };
    } catch (e) {
      if (!(e instanceof DepthExceeded)) throw e;
      return { type: 'template', parts: [], start, end };
    }
  }

  private parseTemplateInner(end: T, flush: boolean): TemplateInner {
    const toks = this.parseTemplateParts(end);
    if (flush) flushHeredoc(toks);
    const isStringLiteral = toks.length === 2 && toks[0]!.k === 'lit';
    const state = { pos: 0 };
    const parts = this.buildTemplate(toks, state, null);
    return { parts: mergeLiterals(parts), isStringLiteral };
  }

  private parseTemplateParts(end: T): TTok[] {
    const parts: TTok[] = [];
    const startIdx = this.peekIdx();
    const startPos = this.starts[startIdx]!;
    let ltrimNext = false;
    let nextCanTrimPrev = false;
    let endStart = startPos;
    let endEnd = startPos;
    for (;;) {
      const ni = this.read();
      const nt = this.typeAt(ni);
      if (nt === end) {
        endStart = this.starts[ni]!;
        endEnd = this.ends[ni]!;
        break;
      }
      const ltrim = ltrimNext;
      ltrimNext = false;
      const canTrimPrev = nextCanTrimPrev;
      nextCanTrimPrev = false;
      if (nt === T.StringLit || nt === T.QuotedLit) {
        let str = this.decode(ni, nt === T.QuotedLit);
        if (ltrim) str = trimLeftSpace(str);
        parts.push({ k: 'lit', val: str, start: this.starts[ni]!, end: this.ends[ni]! });
        nextCanTrimPrev = true;
        continue;
      }
      if (nt === T.TemplateInterp || nt === T.TemplateControl) {
        const stripLeft = this.ends[ni]! - this.starts[ni]! === 3;
        if (canTrimPrev && stripLeft && parts.length > 0) {
          const prev = parts[parts.length - 1]!;
          if (prev.k === 'lit') prev.val = trimRightSpace(prev.val);
        }
        this.pushNL(false);
        if (nt === T.TemplateInterp) {
          const expr = this.parseExpression();
          const ci = this.peekIdx();
          if (this.typeAt(ci) !== T.TemplateSeqEnd) {
            if (!this.recovery) {
              const ct = this.typeAt(ci);
              if (ct === T.EOF || ((ct === T.CQuote || ct === T.OQuote) && end === T.CQuote)) {
                this.errorAt(ni, 'this `${` interpolation is never closed with `}`');
              } else this.errorAt(ci, `expected \`}\` to end the interpolation, found ${this.describe(ci)}`);
            }
            this.recover(T.TemplateSeqEnd);
          } else {
            this.read();
            if (this.ends[ci]! - this.starts[ci]! === 2) ltrimNext = true;
          }
          this.popNL();
          parts.push({ k: 'interp', expr, start: this.starts[ni]!, end: this.ends[ci]! });
          continue;
        }
        // Directive.
        const ki = this.peekIdx();
        if (this.typeAt(ki) !== T.Ident) {
          if (!this.recovery) this.errorAt(ki, 'expected a template directive keyword (if, for, else, endif, endfor) after `%{`');
          this.recover(T.TemplateSeqEnd);
          this.popNL();
          continue;
        }
        this.read();
        const kw = this.tokText(ki);
        const dStart = this.starts[ni]!;
        if (kw === 'if') {
          const cond = this.parseExpression();
          parts.push({ k: 'if', cond, start: dStart, end: this.ends[this.peekIdx()]! });
        } else if (kw === 'else' || kw === 'endif' || kw === 'endfor') {
          parts.push({ k: kw, start: dStart, end: this.ends[this.peekIdx()]! });
        } else if (kw === 'for') {
          let vi = this.peekIdx();
          if (this.typeAt(vi) !== T.Ident) {
            if (!this.recovery) this.errorAt(vi, 'expected a variable name after `%{ for`');
            this.recover(T.TemplateSeqEnd);
            this.popNL();
            continue;
          }
          let valVar = this.tokText(this.read());
          let keyVar = '';
          if (this.peek() === T.Comma) {
            keyVar = valVar;
            this.read();
            vi = this.peekIdx();
            if (this.typeAt(vi) !== T.Ident) {
              if (!this.recovery) this.errorAt(vi, 'expected the value variable name after `,` in `%{ for`');
              this.recover(T.TemplateSeqEnd);
              this.popNL();
              continue;
            }
            valVar = this.tokText(this.read());
          }
          const ii = this.peekIdx();
          if (!this.isKeyword(ii, 'in')) {
            if (!this.recovery) this.errorAt(ii, 'expected `in` after the `%{ for` variable names');
            this.recover(T.TemplateSeqEnd);
            this.popNL();
            continue;
          }
          this.read();
          const coll = this.parseExpression();
          parts.push({ k: 'for', keyVar, valVar, coll, start: dStart, end: this.ends[this.peekIdx()]! });
        } else {
          if (!this.recovery) this.errorAt(ki, `\`${kw}\` is not a template directive; expected if, for, else, endif or endfor`);
          this.recover(T.TemplateSeqEnd);
          this.popNL();
          continue;
        }
        const ci = this.peekIdx();
        if (this.typeAt(ci) !== T.TemplateSeqEnd) {
          if (!this.recovery) this.errorAt(ci, `unexpected ${this.describe(ci)} in the \`${kw}\` directive; expected \`}\``);
          this.recover(T.TemplateSeqEnd);
        } else {
          this.read();
          if (this.ends[ci]! - this.starts[ci]! === 2) ltrimNext = true;
        }
        this.popNL();
        continue;
      }
      if (!this.recovery) {
        this.errorAt(ni, end === T.CQuote ? 'unterminated string: missing the closing `"`' : 'unterminated heredoc: missing its closing marker line');
      }
      const f = this.recover(end);
      endStart = this.starts[f]!;
      endEnd = this.ends[f]!;
      break;
    }
    if (parts.length === 0) parts.push({ k: 'lit', val: '', start: startPos, end: startPos });
    parts.push({ k: 'end', start: endStart, end: endEnd });
    return parts;
  }

  /** Builds nested if/for parts; stops at a closing directive when `closer` says so. */
  private buildTemplate(toks: TTok[], st: { pos: number }, closer: null | 'if' | 'for'): TemplatePart[] {
    const out: TemplatePart[] = [];
    for (;;) {
      const t = toks[st.pos]!;
      if (t.k === 'end') {
        if (closer !== null) this.error(t.start, t.end, `the ${closer} directive is missing its end${closer} directive`);
        return out;
      }
      if (closer !== null && (t.k === 'else' || t.k === 'endif' || t.k === 'endfor')) return out;
      st.pos++;
      switch (t.k) {
        case 'lit':
          out.push({ kind: 'literal', value: t.val, start: t.start, end: t.end });
          break;
        case 'interp':
          out.push({ kind: 'interpolation', expr: t.expr, start: t.start, end: t.end });
          break;
        case 'if': {
          const then = this.buildTemplate(toks, st, 'if');
          let els: TemplatePart[] = [];
          let c = toks[st.pos]!;
          if (c.k === 'else') {
            st.pos++;
            els = this.buildTemplate(toks, st, 'if');
            c = toks[st.pos]!;
            if (c.k === 'else') {
              this.error(c.start, c.end, 'a second `else` in the same `if` directive');
              st.pos++;
            }
          }
          c = toks[st.pos]!;
          let end = c.end;
          if (c.k === 'endif') st.pos++;
          else if (c.k === 'endfor') {
            this.error(c.start, c.end, 'unexpected `endfor`; expected `endif`');
            st.pos++;
          } else end = c.end;
          out.push({ kind: 'if', cond: t.cond, then: mergeLiterals(then), else: mergeLiterals(els), start: t.start, end });
          break;
        }
        case 'for': {
          const body = this.buildTemplate(toks, st, 'for');
          const c = toks[st.pos]!;
          if (c.k === 'endfor') st.pos++;
          else if (c.k === 'else' || c.k === 'endif') {
            this.error(c.start, c.end, `unexpected \`${c.k}\`; expected \`endfor\``);
            st.pos++;
          }
          out.push({
            kind: 'for',
            ...(t.keyVar !== '' ? { keyVar: t.keyVar } : {}),
            valueVar: t.valVar,
            collection: t.coll,
            body: mergeLiterals(body),
            start: t.start,
            end: c.end,
          });
          break;
        }
        default:
          this.error(t.start, t.end, `unexpected \`${t.k}\` directive without a matching opening directive`);
          break;
      }
    }
  }
}

function opposite(t: T): T {
  switch (t) {
    case T.OBrace:
      return T.CBrace;
    case T.OBrack:
      return T.CBrack;
    case T.OParen:
      return T.CParen;
    case T.OQuote:
      return T.CQuote;
    case T.OHeredoc:
      return T.CHeredoc;
    case T.CBrace:
      return T.OBrace;
    case T.CBrack:
      return T.OBrack;
    case T.CParen:
      return T.OParen;
    case T.CQuote:
      return T.OQuote;
    case T.CHeredoc:
      return T.OHeredoc;
    case T.TemplateControl:
    case T.TemplateInterp:
      return T.TemplateSeqEnd;
    case T.TemplateSeqEnd:
      return T.TemplateInterp;
    default:
      return 255 as T;
  }
}

/**
 * Where an operand ends, read by one function for the operators' operands (binary, conditional,
 * unary) so that its load has seen every kind of expression. Read in place, the unary operator's
 * load had seen one kind (`-1`) by the time TurboFan compiled parseTerm, and the first `!var.x`
 * after that threw the compiled code away ("wrong map", --trace-deopt): parseTerm, ~20 ms of
 * compiling on a cold scan of the bench's corpus (a), was compiled twice.
 */
function endOf(e: Expression): number {
  return e.end;
}

function addStep(expr: Expression, step: TraversalStep): Expression {
  if (expr.type === 'traversal' || expr.type === 'relativeTraversal') {
    (expr.steps as TraversalStep[]).push(step);
    (expr as { end: number }).end = step.end;
    return expr;
  }
  return { type: 'relativeTraversal', source: expr, steps: [step], start: expr.start, end: step.end };
}

/** hcl.ExprAsKeyword: a lone identifier (true/false/null included) used as an object key. */
function isKeywordKey(key: Expression): boolean {
  if (key.type === 'traversal') return key.steps.length === 0;
  if (key.type === 'literal') return typeof key.value !== 'object' || key.value === null;
  return false;
}

function isValidNumber(txt: string): boolean {
  // digits, at most one '.', optional exponent; the scanner may produce `1.2.3` or `1..2`.
  let i = 0;
  const n = txt.length;
  while (i < n && txt.charCodeAt(i) >= 48 && txt.charCodeAt(i) <= 57) i++;
  if (i < n && txt.charCodeAt(i) === 46) {
    i++;
    const s = i;
    while (i < n && txt.charCodeAt(i) >= 48 && txt.charCodeAt(i) <= 57) i++;
    // `1.e3` is 1000 to HCL (Go's float parsing takes a mantissa with no fraction digits); `1.` alone is no number token there.
    if (i === s && !(i < n && (txt.charCodeAt(i) === 101 || txt.charCodeAt(i) === 69))) return false;
  }
  if (i < n && (txt.charCodeAt(i) === 101 || txt.charCodeAt(i) === 69)) {
    i++;
    if (i < n && (txt.charCodeAt(i) === 43 || txt.charCodeAt(i) === 45)) i++;
    const s = i;
    while (i < n && txt.charCodeAt(i) >= 48 && txt.charCodeAt(i) <= 57) i++;
    if (i === s) return false;
  }
  return i === n;
}

function trimLeftSpace(s: string): string {
  let a = 0;
  while (a < s.length && isUnicodeSpace(s.charCodeAt(a))) a++;
  return a === 0 ? s : s.slice(a);
}
function trimRightSpace(s: string): string {
  let b = s.length;
  while (b > 0 && isUnicodeSpace(s.charCodeAt(b - 1))) b--;
  return b === s.length ? s : s.slice(0, b);
}

/** hclsyntax flushHeredocTemplateParts: remove the smallest common indentation. */
function flushHeredoc(toks: TTok[]): void {
  let minSpaces = Number.MAX_SAFE_INTEGER;
  let newline = true;
  const adjust: { tok: { val: string; start: number }; }[] = [];
  for (const t of toks) {
    if (newline) {
      newline = false;
      let spaces = 0;
      if (t.k === 'lit') {
        const orig = t.val;
        let a = 0;
        while (a < orig.length && isUnicodeSpace(orig.charCodeAt(a))) a++;
        if (a === orig.length && orig.endsWith('\n')) spaces = Number.MAX_SAFE_INTEGER;
        else {
          spaces = countCodePoints(orig, a);
          adjust.push({ tok: t });
        }
      } else if (t.k === 'end') break;
      if (spaces < minSpaces) minSpaces = spaces;
    }
    if (t.k === 'lit' && t.val.endsWith('\n')) newline = true;
  }
  if (minSpaces === Number.MAX_SAFE_INTEGER) return;
  for (const { tok } of adjust) {
    let i = 0;
    for (let k = 0; k < minSpaces && i < tok.val.length; k++) {
      // "\r\n" is one grapheme cluster.
      if (tok.val.charCodeAt(i) === 13 && tok.val.charCodeAt(i + 1) === 10) i += 2;
      else i += cpLenStr(tok.val, i);
    }
    tok.val = tok.val.slice(i);
    tok.start += i;
  }
}

function countCodePoints(s: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; ) {
    if (s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10 && i + 1 < end) i += 2;
    else i += cpLenStr(s, i);
    n++;
  }
  return n;
}
function cpLenStr(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

function mergeLiterals(parts: TemplatePart[]): TemplatePart[] {
  if (parts.length < 2) return parts;
  const out: TemplatePart[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (p.kind === 'literal' && prev !== undefined && prev.kind === 'literal') {
      out[out.length - 1] = { kind: 'literal', value: prev.value + p.value, start: prev.start, end: p.end };
    } else out.push(p);
  }
  return out;
}

/** Parses text[start, end) as a bare template (used for JSON strings). */
export function parseTemplateRange(text: string, start: number, end: number): { expr: Expression; errors: ParseError[] } {
  const { tokens, errors: lexErrors } = lex(text, start, end, true);
  const p = new Parser(text, tokens);
  const expr = p.parseBareTemplate(start, end);
  const errors: ParseError[] = lexErrors.map((e) => ({ start: e.start, end: e.end, message: e.message }));
  for (const e of p.errors) errors.push(e);
  return { expr, errors };
}

export function parseNative(text: string): RawParse {
  const { tokens, errors: lexErrors } = lex(text);
  const p = new Parser(text, tokens);
  const body = p.parseFile();
  const errors: ParseError[] = lexErrors.map((e) => ({ start: e.start, end: e.end, message: e.message }));
  for (const e of p.errors) errors.push(e);
  return { body, errors, tokens };
}
