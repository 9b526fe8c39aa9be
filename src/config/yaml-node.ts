// Small helpers shared by the YAML readers (config, custom policies, waiver register): naming what a
// node holds in an error message, listing accepted values, and a node's span from the yaml parser's
// range, so every YAML error points at file:line:col the same way.
import { isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { Span } from '../source/span.js';

/** What a node holds, for "expected a list, got …" messages. Never a whole map or list: only a scalar is quoted. */
export function describeNode(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isScalar(node)) return node.value === null ? 'null' : JSON.stringify(node.value);
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'an object';
  return 'an unsupported value';
}

/** `"a" | "b"` (or with another separator) for the accepted values in a message. */
export function quoteAll(values: readonly string[], separator = ' | '): string {
  return values.map((v) => `"${v}"`).join(separator);
}

/** The span of a yaml range [start, valueEnd, nodeEnd] in `file`; an empty range is kept empty, never inverted. */
export function rangeSpan(lines: LineCounter, file: string, range: readonly [number, number, number]): Span {
  const at = (offset: number): Span['start'] => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col, offset };
  };
  return { file, start: at(range[0]), end: at(Math.max(range[1], range[0])) };
}
