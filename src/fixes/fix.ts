import type { Span } from '../source/span.js';

export interface TextEdit {
  readonly file: string;
  readonly start: number; // offsets, end exclusive; start === end inserts
  readonly end: number;
  readonly text: string;
}

export interface Fix {
  readonly description: string;
  /** unsafe: may replace, restart or re-permission live infrastructure. */
  readonly safety: 'safe' | 'unsafe';
  readonly edits: readonly TextEdit[];
}

/**
 * What a rule asks for, independent of syntax; editors in fixes/ turn it into TextEdits for the
 * format the block was written in (STYLE.md §6).
 */
export type FixOperation =
  | { readonly op: 'setAttribute'; readonly block: Span; readonly name: string; readonly valueText: string }
  | { readonly op: 'insertBlock'; readonly block: Span; readonly text: string }
  | { readonly op: 'insertAfter'; readonly block: Span; readonly text: string }
  | { readonly op: 'appendBlock'; readonly block: Span; readonly text: string }
  | { readonly op: 'setObjectKeys'; readonly block: Span; readonly name: string; readonly entries: readonly (readonly [string, string])[] };

export interface FixBuilder {
  setAttribute(block: Span, name: string, valueText: string): FixOperation;
  insertBlock(block: Span, text: string): FixOperation;
  /** Insert a new top-level block (e.g. a new resource) after `block`. */
  insertAfter(block: Span, text: string): FixOperation;
  /**
   * Set keys inside the object value of attribute `name` (`aws = { source = …, version = … }`),
   * keeping its other items and comments; an absent attribute, or one that is not an object, is
   * written as an object of `entries`.
   */
  setObjectKeys(block: Span, name: string, entries: readonly (readonly [string, string])[]): FixOperation;
  /**
   * Add nested block(s) to `block` as new siblings even when blocks of that type exist (a policy
   * document's `statement`): unlike insertBlock, nothing is merged into an existing block.
   */
  appendBlock(block: Span, text: string): FixOperation;
}

export const fixBuilder: FixBuilder = {
  setAttribute: (block, name, valueText) => ({ op: 'setAttribute', block, name, valueText }),
  insertBlock: (block, text) => ({ op: 'insertBlock', block, text }),
  insertAfter: (block, text) => ({ op: 'insertAfter', block, text }),
  setObjectKeys: (block, name, entries) => ({ op: 'setObjectKeys', block, name, entries }),
  appendBlock: (block, text) => ({ op: 'appendBlock', block, text }),
};

export interface FixRequest {
  readonly description: string;
  readonly safety: 'safe' | 'unsafe';
  readonly terraform?: (edit: FixBuilder) => FixOperation | readonly FixOperation[];
}
