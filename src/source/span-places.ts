// Which places in which files have been seen: a span's file and start offset, and its end offset
// unless only starts count. Nested maps and short lists rather than a string key per span: the
// declaration sets (rules/terraform/declarations.ts, pipeline/first-declarations.ts) ask once for
// each of tens of thousands of module instances' declarations.
import type { Span } from './span.js';

/** The same place: the same start (and file), or the same start and end. */
export type SamePlace = 'start' | 'span';

export class SpanPlaces {
  private readonly seen = new Map<string, Map<number, number[]>>();

  constructor(private readonly place: SamePlace) {}

  /** Is `span` at a place not seen before? It is remembered either way. */
  first(span: Span): boolean {
    const { file, start, end } = span;
    const endKey = this.place === 'span' ? end.offset : -1;
    let inFile = this.seen.get(file);
    if (!inFile) this.seen.set(file, (inFile = new Map()));
    const ends = inFile.get(start.offset);
    if (ends?.includes(endKey)) return false;
    if (ends) ends.push(endKey);
    else inFile.set(start.offset, [endKey]);
    return true;
  }
}
