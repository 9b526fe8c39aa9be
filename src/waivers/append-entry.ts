// One more entry in a waiver register's text, every other byte kept (docs/cli.md: `waivers add`
// keeps the file's comments and layout). Re-printing the whole document through the yaml library
// re-laid-out the existing entries (the padding before their comments lost, `[x]` printed `[ x ]`),
// so the new entry is printed alone and spliced in where the `waivers` list ends.
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLSeq } from 'yaml';

export type AppendResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: 'not-a-list' | 'not-a-mapping' };

/** `entry` printed as a block sequence item whose `-` is at `column`, with the file's line ending. */
function blockItem(entry: Record<string, unknown>, column: number, eol: string): string {
  const printed = new Document([entry]).toString();
  const pad = ' '.repeat(column);
  return printed
    .split('\n')
    .filter((line, i, all) => i < all.length - 1 || line !== '')
    .map((line) => `${pad}${line}${eol}`)
    .join('');
}

/** The column of the `-` that starts a block sequence item whose value starts at `valueStart`. */
function dashColumn(text: string, valueStart: number): number {
  const dash = text.lastIndexOf('-', valueStart);
  const lineStart = text.lastIndexOf('\n', dash) + 1;
  return dash - lineStart;
}

/** `text` with `entry` appended to its top-level `waivers` list (created when absent or null). */
export function appendWaiverEntry(text: string, entry: Record<string, unknown>): AppendResult {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const doc = parseDocument(text, { prettyErrors: false });
  const contents = doc.contents as Node | null;
  // A line of its own at `at`: after the line that `at` ends in the middle of.
  const atLineStart = (at: number): { at: number; lead: string } => {
    if (at === 0 || text[at - 1] === '\n') return { at, lead: '' };
    const next = text.indexOf('\n', at);
    return next === -1 ? { at: text.length, lead: eol } : { at: next + 1, lead: '' };
  };
  const splice = (at: number, insert: string, end = at): string => text.slice(0, at) + insert + text.slice(end);

  if (contents !== null && !isMap(contents) && !(isScalar(contents) && contents.value === null)) return { ok: false, reason: 'not-a-mapping' };
  const list = isMap(contents) ? (contents.get('waivers', true) as Node | null | undefined) : undefined;
  if (list === undefined) {
    // No `waivers` key: the list goes at the end of the file.
    const place = atLineStart(text.length);
    return { ok: true, text: splice(place.at, `${place.lead}waivers:${eol}${blockItem(entry, 2, eol)}`) };
  }
  const seq = isSeq(list) ? (list as YAMLSeq) : undefined;
  const empty = list === null || (isScalar(list) && list.value === null) || (seq?.flow === true && seq.items.length === 0);
  if (empty) {
    // `waivers:`, `waivers: ~` or `waivers: []`: the value's text goes (the rest of its line, a
    // comment, stays) and the item goes on the line below the key, indented under it.
    const [from, to] = (list as Node | null)?.range ?? [text.length, text.length];
    const lineStart = text.lastIndexOf('\n', from - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0].length;
    const lineEnd = text.indexOf('\n', to);
    const at = lineEnd === -1 ? text.length : lineEnd + 1;
    const item = `${lineEnd === -1 ? eol : ''}${blockItem(entry, indent + 2, eol)}`;
    return { ok: true, text: text.slice(0, from) + text.slice(to, at) + item + text.slice(at) };
  }
  if (!seq) return { ok: false, reason: 'not-a-list' };
  const [, valueEnd] = seq.range ?? [0, 0];
  if (seq.flow) {
    // A flow list with entries keeps its form: the entry joins it as a flow mapping before the `]`.
    const close = text.lastIndexOf(']', valueEnd);
    const flow = new Document(entry);
    (flow.contents as Node & { flow?: boolean }).flow = true;
    return { ok: true, text: splice(close, `, ${flow.toString({ lineWidth: 0 }).trimEnd()}`) };
  }
  const first = seq.items[0] as Node | undefined;
  const column = first?.range ? dashColumn(text, first.range[0]) : 2;
  const place = atLineStart(valueEnd);
  // Comment lines indented as the items (a commented-out entry) close the list: the entry goes after them.
  for (;;) {
    const lineEnd = text.indexOf('\n', place.at);
    const line = /^([ \t]*)#/.exec(text.slice(place.at, lineEnd === -1 ? text.length : lineEnd));
    if (!line || line[1]!.length < column || place.lead !== '') break;
    place.at = lineEnd === -1 ? text.length : lineEnd + 1;
    if (lineEnd === -1) place.lead = eol;
  }
  return { ok: true, text: splice(place.at, `${place.lead}${blockItem(entry, column, eol)}`) };
}
