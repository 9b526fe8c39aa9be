// Collects comments from the token stream and attaches them to attributes and blocks:
// leading = comments on the lines directly above (no blank line between, each starting its line),
// trailing = a comment on the same line right after the item.

import type { Attribute, Block, Body, Comment } from './ast.js';
import { T, type Tokens } from './lexer.js';

export function collectComments(text: string, tokens: Tokens): Comment[] {
  const out: Comment[] = [];
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.types[i] !== T.Comment) continue;
    const start = tokens.starts[i]!;
    let end = tokens.ends[i]!;
    if (text.charCodeAt(end - 1) === 10) end--;
    if (text.charCodeAt(end - 1) === 13) end--;
    const c1 = text.charCodeAt(start + 1);
    const style = text.charCodeAt(start) === 35 ? '#' : c1 === 42 ? '/*' : '//';
    out.push({ style, text: text.slice(start, end), start, end });
  }
  return out;
}

function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Index of the last comment whose start is < offset (comments are sorted). */
function lastBefore(comments: readonly Comment[], offset: number): number {
  let lo = 0;
  let hi = comments.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid]!.start < offset) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

function leading(text: string, comments: readonly Comment[], start: number): Comment[] {
  const out: Comment[] = [];
  let at = start;
  let k = lastBefore(comments, at);
  while (k >= 0) {
    const c = comments[k]!;
    let newlines = 0;
    let ok = true;
    for (let i = c.end; i < at; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) newlines++;
      else if (ch !== 32 && ch !== 9 && ch !== 13) {
        ok = false;
        break;
      }
    }
    if (!ok || newlines > 1 || !startsLine(text, c.start)) break;
    if (newlines === 0 && c.style !== '/*') break;
    out.unshift(c);
    at = c.start;
    k--;
  }
  return out;
}

function trailing(text: string, comments: readonly Comment[], end: number): Comment | undefined {
  const k = lastBefore(comments, end) + 1;
  const c = comments[k];
  if (c === undefined) return undefined;
  for (let i = end; i < c.start; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 32 && ch !== 9) return undefined;
  }
  return c;
}

type Mutable<X> = { -readonly [K in keyof X]: X[K] };

export function attachComments(text: string, body: Body, comments: readonly Comment[]): void {
  if (comments.length === 0) return;
  const visit = (b: Body): void => {
    for (const a of b.attributes) attach(a);
    for (const bl of b.blocks) {
      attach(bl);
      visit(bl.body);
    }
  };
  const attach = (item: Attribute | Block): void => {
    const m = item as Mutable<Attribute | Block>;
    m.leadingComments = leading(text, comments, item.start);
    const t = trailing(text, comments, item.end);
    if (t) m.trailingComment = t;
  };
  visit(body);
}
