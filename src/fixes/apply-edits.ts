// Applying text edits to one file: sorted by offset, never overlapping (STYLE.md §6).
import type { Edit } from './hcl-editor.js';

/**
 * True when two edits touch the same text: their ranges intersect, or an insert sits inside (or at
 * either end of) the other's range, where the order of the two would be a guess.
 */
export function editsConflict(a: Edit, b: Edit): boolean {
  if (a.start === a.end || b.start === b.end) {
    const [ins, other] = a.start === a.end ? [a, b] : [b, a];
    if (other.start === other.end) return ins.start === other.start && ins.text !== other.text;
    return other.start <= ins.start && ins.start <= other.end;
  }
  return Math.max(a.start, b.start) < Math.min(a.end, b.end);
}

export function sameEdit(a: Edit, b: Edit): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text;
}

/** Applies non-overlapping edits (identical duplicates collapse). Throws on an overlap: callers filter first. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const unique: Edit[] = [];
  for (const e of edits) if (!unique.some((u) => sameEdit(u, e))) unique.push(e);
  const sorted = unique.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at offset ${e.start}`);
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
