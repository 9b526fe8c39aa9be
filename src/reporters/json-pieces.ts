// JSON reports whose one long list is written an element at a time (issue 11: results streamed to
// reporters where the format allows): the same text as JSON.stringify(report, null, 2), without
// ever holding the whole report, or every element's object, at once.
import { randomUUID } from 'node:crypto';

/**
 * `JSON.stringify(shape, null, 2)` with `list` in place of the string `marker` (which must occur
 * once in the text, as a value), in pieces: the text before the marker, each element of the list,
 * the text after. The list is read lazily, so its elements can be made one at a time.
 */
export function* jsonWithList(shape: unknown, marker: string, list: Iterable<unknown>): Generator<string> {
  const text = JSON.stringify(shape, null, 2);
  const quoted = JSON.stringify(marker);
  const at = text.indexOf(quoted);
  if (at < 0 || text.indexOf(quoted, at + quoted.length) >= 0) throw new Error('jsonWithList: the marker must occur exactly once');
  // The list closes at the indentation of the line it opens on; its elements are one level deeper.
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(text.slice(lineStart, at))![0];
  const inner = `${indent}  `;
  yield text.slice(0, at);
  let first = true;
  const depth = inner.length / 2;
  for (const item of list) {
    yield `${first ? '[' : ','}\n${inner}${stringifyAt(item, depth)}`;
    first = false;
  }
  yield first ? '[]' : `\n${indent}]`;
  yield text.slice(at + quoted.length);
}

/** `items.map(f)`, made one element at a time as it is read (a list for jsonWithList). */
export function* mapped<T, U>(items: readonly T[], f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

/**
 * `JSON.stringify(value, null, 2)` as it is written `depth` levels in (its lines after the first
 * indented by 2 × depth spaces): the value stringified inside `depth` arrays, their brackets cut off.
 * Re-indenting the text with replaceAll cost ~25 % more for a SARIF result.
 */
export function stringifyAt(value: unknown, depth: number): string {
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Cut: "[\n" and 2·i spaces for each level i = 1…depth before, "\n", 2·i spaces and "]" for i = depth-1…0 after.
  return text.slice(2 * depth + depth * (depth + 1), text.length - (2 * depth + depth * (depth - 1)));
}

/**
 * A marker for jsonWithList that no report holds as a value: random, so that no scanned file can
 * plant it in a message that shares the report's head (JSON writes the NUL characters escaped).
 */
export function listMarker(): string {
  return `\u0000safeguard-list-${randomUUID()}\u0000`;
}
