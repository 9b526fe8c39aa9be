// What a JSON-syntax block's `"//"` member says to Safeguard. Terraform ignores the member as a comment
// (https://developer.hashicorp.com/terraform/language/syntax/json#comment-properties); CDK for Terraform
// writes each block's construct path there (`"//": {"metadata": {"path": "stack/Storage/Bucket"}}`),
// and JSON has no comments, so `construct.addOverride("//", {...})` is where a CDKTF user can put a
// suppression. Two structured forms are read, and every other string in the member is a comment:
//   {"safeguard": {"ignore": [{"id": "<rule or peer id>", "reason": "...", "expires": "YYYY-MM-DD"}]}}
//   {"checkov": {"skip": [{"id": "CKV_AWS_18", "comment": "..."}]}}   (checkov#4634, terraform-cdk#3609)
// Each entry becomes the comment line `# safeguard:ignore` or `# checkov:skip=` would be, so both forms
// keep the comment form's rules (a reason required, exp: honoured, peers' ids through rule references).
import type { JsonNode, Range } from '../parsers/hcl/ast.js';
import { weakMemo } from '../util/weak-memo.js';

type JsonObject = Extract<JsonNode, { k: 'obj' }>;

export interface JsonCommentLine {
  /** The suppression as comment text (engine/inline-suppressions.ts parses it). */
  readonly text: string;
  readonly range: Range;
}

export interface JsonCommentProblem {
  readonly message: string;
  readonly range: Range;
}

export interface JsonCommentReading {
  readonly lines: readonly JsonCommentLine[];
  readonly problems: readonly JsonCommentProblem[];
}

const NOTHING: JsonCommentReading = { lines: [], problems: [] };

function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.k !== 'obj') return undefined;
  return node.props.find((p) => p.key === key)?.value;
}

/** CDKTF's construct path of the block (`"//".metadata.path`), when it carries one. */
export function constructPathOf(comment: JsonNode | undefined): string | undefined {
  const path = member(member(comment, 'metadata'), 'path');
  return path?.k === 'str' && path.value !== '' ? path.value : undefined;
}

const SAFEGUARD_ID = /^[A-Za-z0-9_.-]+$/;
const CHECKOV_ID = /^[A-Za-z0-9_-]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One line of text: the comment form's markers end at the line's end. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function describe(node: JsonNode): string {
  switch (node.k) {
    case 'obj':
      return 'an object';
    case 'arr':
      return 'an array';
    case 'str':
      return 'a string';
    case 'num':
      return 'a number';
    default:
      return node.value === null ? 'null' : 'a boolean';
  }
}

interface EntryShape {
  readonly form: string;
  readonly keys: readonly string[];
  readonly idPattern: RegExp;
}

const SAFEGUARD_ENTRY: EntryShape = { form: '"//".safeguard.ignore', keys: ['id', 'reason', 'expires'], idPattern: SAFEGUARD_ID };
const CHECKOV_ENTRY: EntryShape = { form: '"//".checkov.skip', keys: ['id', 'comment'], idPattern: CHECKOV_ID };

/**
 * The string members of one entry, or a problem. An entry with a key outside its form is not honoured:
 * a misspelt `"expiry"` would otherwise make a suppression that never expires.
 */
function entryMembers(entry: JsonNode, shape: EntryShape, problems: JsonCommentProblem[]): Map<string, string> | undefined {
  if (entry.k !== 'obj') {
    problems.push({ message: `An entry of ${shape.form} is ${describe(entry)}, not an object such as {"id": ..., ...}, so it suppresses nothing.`, range: entry });
    return undefined;
  }
  const values = new Map<string, string>();
  let ok = true;
  for (const p of entry.props) {
    if (!shape.keys.includes(p.key)) {
      problems.push({ message: `${shape.form} has no key "${p.key}" (it takes ${shape.keys.map((k) => `"${k}"`).join(', ')}), so this entry is not honoured.`, range: { start: p.keyStart, end: p.keyEnd } });
      ok = false;
      continue;
    }
    if (p.value.k !== 'str') {
      problems.push({ message: `"${p.key}" in ${shape.form} is ${describe(p.value)}, not a string, so this entry is not honoured.`, range: p.value });
      ok = false;
      continue;
    }
    values.set(p.key, p.value.value);
  }
  const id = values.get('id');
  if (ok && id === undefined) {
    problems.push({ message: `An entry of ${shape.form} names no rule ("id"), so it suppresses nothing.`, range: entry });
    ok = false;
  } else if (ok && id !== undefined && !shape.idPattern.test(id)) {
    const idNode = entry.props.find((p) => p.key === 'id')!.value;
    problems.push({ message: `"${oneLine(id)}" in ${shape.form} is not a rule id, so this entry is not honoured.`, range: idNode });
    ok = false;
  }
  const expires = values.get('expires');
  if (ok && expires !== undefined && !DATE.test(expires)) {
    const node = entry.props.find((p) => p.key === 'expires')!.value;
    problems.push({ message: `"expires" in ${shape.form} is "${oneLine(expires)}", not a YYYY-MM-DD date, so this entry is not honoured.`, range: node });
    ok = false;
  }
  return ok ? values : undefined;
}

/** The entries of `"//".<tool>.<list>`: a list of objects (one object alone is read as a list of one). */
function entriesOf(comment: JsonObject, tool: string, list: string, problems: JsonCommentProblem[]): readonly JsonNode[] {
  const section = member(comment, tool);
  if (section === undefined) return [];
  const form = `"//".${tool}`;
  if (section.k !== 'obj') {
    problems.push({ message: `${form} is ${describe(section)}, not an object such as {"${list}": [...]}, so it suppresses nothing.`, range: section });
    return [];
  }
  for (const p of section.props) {
    if (p.key !== list) problems.push({ message: `${form} has no key "${p.key}" (it takes "${list}"), so it is ignored.`, range: { start: p.keyStart, end: p.keyEnd } });
  }
  const entries = member(section, list);
  if (entries === undefined) return [];
  if (entries.k === 'arr') return entries.items;
  if (entries.k === 'obj') return [entries];
  problems.push({ message: `${form}.${list} is ${describe(entries)}, not a list of entries, so it suppresses nothing.`, range: entries });
  return [];
}

/** Strings anywhere in the member but CDKTF's metadata and the structured forms: comments, as Terraform reads them. */
function commentStrings(node: JsonNode, out: JsonCommentLine[], depth: number): void {
  if (node.k === 'str') {
    if (node.value.trim() !== '') out.push({ text: oneLine(node.value), range: node });
    return;
  }
  if (depth > 8) return;
  if (node.k === 'arr') for (const item of node.items) commentStrings(item, out, depth + 1);
  if (node.k === 'obj') {
    for (const p of node.props) {
      if (depth === 0 && (p.key === 'metadata' || p.key === 'safeguard' || p.key === 'checkov')) continue;
      commentStrings(p.value, out, depth + 1);
    }
  }
}

const readings = new WeakMap<JsonNode, JsonCommentReading>();

/**
 * The suppressions a block's `"//"` member holds, as comment lines, and what in it is malformed; read
 * once per member (a block's comments and its problems ask for it, for every instance of a module).
 */
export function readJsonComment(comment: JsonNode | undefined): JsonCommentReading {
  return comment === undefined ? NOTHING : weakMemo(readings, comment, () => readComment(comment));
}

function readComment(comment: JsonNode): JsonCommentReading {
  const lines: JsonCommentLine[] = [];
  const problems: JsonCommentProblem[] = [];
  commentStrings(comment, lines, 0);
  if (comment.k === 'obj') {
    for (const entry of entriesOf(comment, 'safeguard', 'ignore', problems)) {
      const values = entryMembers(entry, SAFEGUARD_ENTRY, problems);
      if (values === undefined) continue;
      const expires = values.get('expires');
      // exp: before the reason: the comment form reads the first exp: date in the text.
      const text = `safeguard:ignore ${values.get('id')!}${expires !== undefined ? ` exp:${expires}` : ''} ${oneLine(values.get('reason') ?? '')}`;
      lines.push({ text: text.trimEnd(), range: entry });
    }
    for (const entry of entriesOf(comment, 'checkov', 'skip', problems)) {
      const values = entryMembers(entry, CHECKOV_ENTRY, problems);
      if (values === undefined) continue;
      const reason = oneLine(values.get('comment') ?? '');
      lines.push({ text: `checkov:skip=${values.get('id')!}${reason !== '' ? `:${reason}` : ''}`, range: entry });
    }
  }
  if (lines.length === 0 && problems.length === 0) return NOTHING;
  lines.sort((a, b) => a.range.start - b.range.start);
  return { lines, problems };
}
