// Terraform counts, cuts and reverses strings by grapheme cluster (what a reader sees as one
// character: an emoji, a letter with its combining accent, CR LF), not by code point:
// length("😀e\u0301") is 2 there (terraform plan 1.11).

import { segmentGraphemes } from '../../util/grapheme-segmenter.js';

/** Printable ASCII and tabs/newlines other than CR: one cluster per character, no segmenter needed. */
const SIMPLE = /^[\t\n\x20-\x7e]*$/;

/** The grapheme clusters of `s`, in order. */
export function graphemes(s: string): string[] {
  if (SIMPLE.test(s)) return s.split('');
  return Array.from(segmentGraphemes(s), (x) => x.segment);
}

/** How many grapheme clusters `s` has. */
export function graphemeCount(s: string): number {
  if (SIMPLE.test(s)) return s.length;
  let n = 0;
  for (const _ of segmentGraphemes(s)) n++;
  return n;
}
