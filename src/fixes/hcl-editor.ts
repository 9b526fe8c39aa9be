// Editors for HCL native syntax: they turn "set this attribute", "add this nested block" and "add
// this resource after that one" into exact text edits that keep the author's indentation, `=`
// alignment (terraform fmt style, only when the group is already aligned), line endings, comments
// and everything outside the edited ranges byte for byte (STYLE.md §6).
import { parseHcl, type Attribute, type Block, type HclFile } from '../parsers/hcl/index.js';
import type { ObjectItem } from '../parsers/hcl/ast.js';
import { indentAt, layoutAt, lineEndAt, lineStartAt, reindent, spansLines, startsItsLine, type Layout } from './hcl-layout.js';

/** An edit inside one file: offsets, end exclusive; start === end inserts. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export class FixEditError extends Error {}

/** The innermost block covering [start, end); an exact match is always the innermost. */
export function findBlock(file: HclFile, start: number, end: number): Block | undefined {
  let found: Block | undefined;
  let blocks = file.body.blocks;
  for (;;) {
    const next = blocks.find((b) => b.start <= start && end <= b.end);
    if (!next) return found;
    found = next;
    if (next.start === start && next.end === end) return found;
    blocks = next.body.blocks;
  }
}

/** The block that holds `attribute` directly, or undefined at the top level. */
export function parentBlockOf(file: HclFile, attribute: Attribute): Block | undefined {
  let parent: Block | undefined;
  let blocks = file.body.blocks;
  for (;;) {
    const next = blocks.find((b) => b.start <= attribute.start && attribute.end <= b.end);
    if (!next) return parent;
    parent = next;
    blocks = next.body.blocks;
  }
}

/** Every attribute of the file, at any depth. */
export function allAttributes(file: HclFile): Attribute[] {
  const out: Attribute[] = [];
  const visit = (attributes: readonly Attribute[], blocks: readonly Block[]): void => {
    out.push(...attributes);
    for (const b of blocks) visit(b.body.attributes, b.body.blocks);
  };
  visit(file.body.attributes, file.body.blocks);
  return out;
}

function itemEnd(item: Attribute | Block): number {
  return Math.max(item.end, item.trailingComment?.end ?? 0);
}

function itemIndent(file: HclFile, block: Block, layout: Layout): string {
  const items = [...block.body.attributes, ...block.body.blocks].sort((a, b) => a.start - b.start);
  const first = items.find((i) => startsItsLine(file.text, i.start));
  return first ? indentAt(file.text, first.start) : indentAt(file.text, block.start) + layout.unit;
}

/** Offset of the `=` after an attribute's name, or -1 when something other than blanks sits between. */
function equalsOffset(text: string, attribute: Attribute): number {
  let i = attribute.nameRange.end;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return text.charCodeAt(i) === 61 ? i : -1;
}

/**
 * True when terraform fmt treats the attribute as one line when it aligns `=`: it is written on
 * one line, or its value is a heredoc alone (hclwrite keeps the heredoc's text in its tokens, so
 * the attribute's line ends only after the closing marker, and fmt aligns it with the attributes
 * above and below). A heredoc inside a call whose `)` follows on its own line does break the group.
 */
function fmtOneLine(text: string, attribute: Attribute): boolean {
  if (!spansLines(text, attribute.start, attribute.end)) return true;
  const expr = attribute.expr;
  return expr.type === 'template' && expr.heredoc !== undefined && expr.end === attribute.end && !spansLines(text, attribute.start, expr.start);
}

/**
 * The terraform-fmt alignment group that ends with `last`: consecutive one-line attributes (see
 * fmtOneLine) on adjacent lines. Returns the name column width (`=` column minus name column) when every `=` in
 * the group lines up, else undefined (the author does not align; use one space).
 */
function alignedGroup(file: HclFile, attributes: readonly Attribute[], last: Attribute): { group: Attribute[]; width: number } | undefined {
  const text = file.text;
  if (!fmtOneLine(text, last)) return undefined;
  const group = [last];
  for (let i = attributes.indexOf(last) - 1; i >= 0; i--) {
    const a = attributes[i]!;
    const below = group[0]!;
    // A trailing `/* */` comment does not end the group: fmt aligns `a = 1 /* c */` with the lines below.
    if (!fmtOneLine(text, a)) break;
    const between = text.slice(lineEndAt(text, a.end), lineStartAt(text, below.start));
    if (!/^(\r\n|\n|\r)$/.test(between) || below.leadingComments.length > 0) break;
    group.unshift(a);
  }
  const widths = new Set<number>();
  const nameColumns = new Set<number>();
  for (const a of group) {
    const eq = equalsOffset(text, a);
    if (eq < 0) return undefined;
    widths.add(eq - a.nameRange.start);
    nameColumns.add(a.nameRange.start - lineStartAt(text, a.start));
  }
  if (widths.size !== 1 || nameColumns.size !== 1) return undefined;
  return { group, width: [...widths][0]! };
}

function isOneLine(file: HclFile, block: Block): boolean {
  return !spansLines(file.text, block.openBrace.start, block.closeBrace.start);
}

/** Rewrites a one-line block (`x {}`, `x { a = 1 }`) as a multi-line one with `lines` appended. */
function expandOneLine(file: HclFile, block: Block, newLines: readonly string[], layout: Layout): Edit {
  const text = file.text;
  const outer = indentAt(text, block.start);
  const inner = outer + layout.unit;
  const existing = text.slice(block.openBrace.end, block.closeBrace.start).trim();
  const lines = existing === '' ? [] : [inner + existing];
  for (const l of newLines) lines.push(l === '' ? '' : inner + l);
  return { start: block.openBrace.end, end: block.closeBrace.start, text: layout.eol + lines.join(layout.eol) + layout.eol + outer };
}

/**
 * `name = value` lines for attributes inserted one below the other: terraform fmt aligns the `=`
 * of consecutive single-line attributes, so every line pads its name to the longest (or to
 * `width`, the group above's name width, when that is wider). One entry gets one space.
 */
function attributeLines(entries: readonly (readonly [string, string])[], width = 0): string[] {
  const padded = Math.max(width, ...entries.map(([n]) => n.length + 1));
  return entries.map(([n, v]) => n.padEnd(padded) + '= ' + v);
}

/**
 * Inserts attribute lines (`name = value`) into a block: after its last attribute, or first. All
 * of one fix's new attributes come through one call, so they are aligned together: two calls for
 * one block would each align against the old text only (`kms_key_id  =` under
 * `encryption_type =`), or rewrite the same one-line block twice.
 */
function insertAttributes(file: HclFile, block: Block, entries: readonly (readonly [string, string])[], layout: Layout): Edit[] {
  const text = file.text;
  const attributes = block.body.attributes;
  if (isOneLine(file, block)) {
    const only = attributes.length === 1 && block.body.blocks.length === 0 ? attributes[0]! : undefined;
    if (only) {
      // fmt aligns the existing attribute with the new ones once the block spans lines.
      const rewritten = attributeLines([[only.name, text.slice(only.expr.start, only.expr.end)], ...entries]);
      const inner = indentAt(text, block.start) + layout.unit;
      return [{ start: block.openBrace.end, end: block.closeBrace.start, text: layout.eol + rewritten.map((l) => inner + l).join(layout.eol) + layout.eol + indentAt(text, block.start) }];
    }
    return [expandOneLine(file, block, attributeLines(entries), layout)];
  }
  const indent = itemIndent(file, block, layout);
  const last = attributes.length > 0 ? attributes.reduce((a, b) => (b.start > a.start ? b : a)) : undefined;
  if (last) {
    const edits: Edit[] = [];
    const aligned = alignedGroup(file, attributes, last);
    let lines: string[];
    if (aligned) {
      const width = Math.max(aligned.width, ...entries.map(([n]) => n.length + 1));
      if (width > aligned.width) {
        for (const a of aligned.group) {
          const eq = equalsOffset(text, a);
          edits.push({ start: a.nameRange.end, end: eq, text: ' '.repeat(width - a.name.length) });
        }
      }
      lines = attributeLines(entries, width);
    } else if (!fmtOneLine(text, last)) {
      // After a multi-line attribute the new lines are a group of their own.
      lines = attributeLines(entries);
    } else {
      // The author does not align this group: one space, as they write it.
      lines = entries.map(([n, v]) => n + ' = ' + v);
    }
    const at = lineEndAt(text, itemEnd(last));
    edits.push({ start: at, end: at, text: layout.eol + lines.map((l) => indent + l).join(layout.eol) });
    return edits;
  }
  const lines = attributeLines(entries).map((l) => indent + l);
  const firstBlock = block.body.blocks[0];
  if (firstBlock) {
    const at = lineStartAt(text, firstBlock.leadingComments[0]?.start ?? firstBlock.start);
    return [{ start: at, end: at, text: lines.join(layout.eol) + layout.eol + layout.eol }];
  }
  return [insertBeforeClose(file, block, lines.join(layout.eol), layout)];
}

/** Inserts indented lines just before a multi-line block's closing brace. */
function insertBeforeClose(file: HclFile, block: Block, lines: string, layout: Layout): Edit {
  const close = block.closeBrace.start;
  if (startsItsLine(file.text, close)) {
    const at = lineStartAt(file.text, close);
    return { start: at, end: at, text: lines + layout.eol };
  }
  return { start: close, end: close, text: layout.eol + lines + layout.eol + indentAt(file.text, block.start) };
}

/** Inserts block text (relative indentation, the file's line endings) as the last item of `block`. */
function appendBlock(file: HclFile, block: Block, relative: string, layout: Layout): Edit {
  const lines = relative.split(layout.eol);
  if (isOneLine(file, block)) {
    const hasContent = file.text.slice(block.openBrace.end, block.closeBrace.start).trim() !== '';
    return expandOneLine(file, block, hasContent ? ['', ...lines] : lines, layout);
  }
  const indent = itemIndent(file, block, layout);
  const text = lines.map((l) => (l === '' ? '' : indent + l)).join(layout.eol);
  const items = [...block.body.attributes, ...block.body.blocks];
  if (items.length === 0) return insertBeforeClose(file, block, text, layout);
  const last = items.reduce((a, b) => (b.start > a.start ? b : a));
  const at = lineEndAt(file.text, itemEnd(last));
  return { start: at, end: at, text: layout.eol + layout.eol + text };
}

function parseSnippet(snippet: string): HclFile {
  const parsed = parseHcl(snippet, '<fix>');
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new FixEditError(`the fix text does not parse: ${errors[0]!.message}`);
  return parsed.file;
}

/**
 * A block the resource builds with `dynamic "type"` is not added beside it: a second, static one
 * would make Terraform refuse the configuration ("Too many … blocks") whenever the dynamic one is
 * produced, and the dynamic block's for_each is the caller's to decide.
 */
function refuseBesideDynamic(parent: Block, type: string): void {
  if (parent.body.blocks.some((b) => b.type === 'dynamic' && b.labels[0]?.value === type)) {
    throw new FixEditError(`${type} is built by a dynamic "${type}" block here; change its for_each or content by hand`);
  }
}

function sameKind(a: Block, b: Block): boolean {
  return a.type === b.type && a.labels.length === b.labels.length && a.labels.every((l, i) => l.value === b.labels[i]!.value);
}

/** Edits that set `name` (a dotted path walks nested blocks: `versioning.enabled`) to `valueText`. */
export function setAttributeEdits(file: HclFile, block: Block, name: string, valueText: string, layout = layoutAt(file.text, block.start)): Edit[] {
  return setAttributesEdits(file, block, [[name, valueText]], layout);
}

/**
 * Edits that set several attributes of one block at once (names as in setAttributeEdits): values
 * that exist are replaced in place, and the missing ones are inserted together, so they line up
 * with each other as terraform fmt would align them; missing nested blocks are added once, holding
 * all their attributes.
 */
export function setAttributesEdits(file: HclFile, block: Block, entries: readonly (readonly [string, string])[], layout = layoutAt(file.text, block.start)): Edit[] {
  const edits: Edit[] = [];
  const missing: [string, string][] = [];
  const nested = new Map<string, [string, string][]>();
  for (const [name, valueText] of entries) {
    const [head, ...rest] = name.split('.');
    if (rest.length > 0) {
      const inner = nested.get(head!) ?? [];
      inner.push([rest.join('.'), valueText]);
      nested.set(head!, inner);
      continue;
    }
    const existing = block.body.attributes.find((a) => a.name === name);
    if (existing) {
      if (file.text.slice(existing.expr.start, existing.expr.end) !== valueText) edits.push({ start: existing.expr.start, end: existing.expr.end, text: valueText });
    } else if (!missing.some(([m]) => m === name)) missing.push([name, valueText]);
  }
  if (missing.length > 0) edits.push(...insertAttributes(file, block, missing, layout));
  for (const [head, inner] of nested) {
    const existing = block.body.blocks.find((b) => b.type === head && b.labels.length === 0);
    if (existing) {
      edits.push(...setAttributesEdits(file, existing, inner, layout));
      continue;
    }
    refuseBesideDynamic(block, head);
    edits.push(...insertBlockEdits(file, block, `${head} {\n${nestedSnippet(inner).replace(/^(?=.)/gm, '  ')}\n}`, layout));
  }
  return coalesce(edits);
}

/** The body of a new nested block for `entries` (dotted names nest further), attributes aligned as fmt does. */
function nestedSnippet(entries: readonly (readonly [string, string])[]): string {
  const flat: [string, string][] = [];
  const deeper = new Map<string, [string, string][]>();
  for (const [name, value] of entries) {
    const [head, ...rest] = name.split('.');
    if (rest.length === 0) flat.push([name, value]);
    else deeper.set(head!, [...(deeper.get(head!) ?? []), [rest.join('.'), value]]);
  }
  const parts = flat.length > 0 ? [attributeLines(flat).join('\n')] : [];
  for (const [head, inner] of deeper) parts.push(`${head} {\n${nestedSnippet(inner).replace(/^(?=.)/gm, '  ')}\n}`);
  return parts.join('\n\n');
}

/** The name an object item's key spells: a bare identifier or a quoted literal; undefined when computed. */
function objectKeyName(text: string, item: ObjectItem): string | undefined {
  if (item.bareKey && item.key.type === 'traversal') return item.key.root;
  const raw = text.slice(item.key.start, item.key.end);
  const quoted = /^"([A-Za-z0-9_-]*)"$/.exec(raw);
  return quoted ? quoted[1] : undefined;
}

/**
 * Edits that set `entries` inside the object value of attribute `name`: an existing item's value is
 * replaced in place, a missing one is added as a new line in the object's own indentation (or after
 * a comma in a one-line object). Comments and the other items stay byte for byte.
 */
export function setObjectKeysEdits(file: HclFile, block: Block, name: string, entries: readonly (readonly [string, string])[], layout = layoutAt(file.text, block.start)): Edit[] {
  const whole = `{ ${entries.map(([k, v]) => `${k} = ${v}`).join(', ')} }`;
  const attribute = block.body.attributes.find((a) => a.name === name);
  if (!attribute) return setAttributeEdits(file, block, name, whole, layout);
  const expr = attribute.expr;
  const text = file.text;
  if (expr.type !== 'object') return [{ start: expr.start, end: expr.end, text: whole }];
  const edits: Edit[] = [];
  const added: [string, string][] = [];
  for (const [key, valueText] of entries) {
    const item = expr.items.find((i) => objectKeyName(text, i) === key);
    if (!item) added.push([key, valueText]);
    else if (text.slice(item.value.start, item.value.end) !== valueText) edits.push({ start: item.value.start, end: item.value.end, text: valueText });
  }
  if (added.length === 0) return edits;
  const last = expr.items[expr.items.length - 1];
  // A one-line object, or a last item that shares its line with the closing brace: add after a comma.
  if (!spansLines(text, expr.start, expr.end) || (last && lineEndAt(text, last.value.end) > expr.end - 1)) {
    const inline = added.map(([k, v]) => `${k} = ${v}`).join(', ');
    if (!last) return [...edits, { start: expr.start + 1, end: expr.end - 1, text: ` ${inline} ` }];
    return [...edits, { start: last.value.end, end: last.value.end, text: `, ${inline}` }];
  }
  const indent = last ? indentAt(text, last.key.start) : indentAt(text, attribute.start) + layout.unit;
  const at = last ? lineEndAt(text, last.value.end) : expr.start + 1;
  // terraform fmt aligns the `=` of the items on consecutive lines as it does attributes': the new
  // lines join the group above them (`source  = …` over `version = …`), realigned when a new key is longer.
  const group = last ? alignedItems(text, expr.items, last) : undefined;
  let lines: string[];
  if (group) {
    const width = Math.max(group.width, ...added.map(([k]) => k.length + 1));
    if (width > group.width) for (const { item, eq } of group.items) edits.push({ start: item.key.end, end: eq, text: ' '.repeat(width - (item.key.end - item.key.start)) });
    lines = attributeLines(added, width);
  } else lines = last && !spansLines(text, last.key.start, last.value.end) ? added.map(([k, v]) => `${k} = ${v}`) : attributeLines(added);
  return [...edits, { start: at, end: at, text: lines.map((line) => `${layout.eol}${indent}${line}`).join('') }];
}

/**
 * The alignment group of object items that ends with `last`, as terraform fmt forms it: one-line
 * `key = value` items on adjacent lines (a comment or blank line between, a multi-line item, a `:`
 * or a trailing comma ends it). Returns each item with its `=` offset and the group's key width
 * (`=` column minus key column) when every `=` lines up; undefined when the author does not align
 * (or `last` cannot be in a group), so new items get one space.
 */
function alignedItems(text: string, items: readonly ObjectItem[], last: ObjectItem): { items: { item: ObjectItem; eq: number }[]; width: number } | undefined {
  const oneLine = (item: ObjectItem): { item: ObjectItem; eq: number } | undefined => {
    if (spansLines(text, item.key.start, item.value.end)) return undefined;
    let eq = item.key.end;
    while (text.charCodeAt(eq) === 32 || text.charCodeAt(eq) === 9) eq++;
    if (text.charCodeAt(eq) !== 61) return undefined;
    if (/^[ \t]*,/.test(text.slice(item.value.end, lineEndAt(text, item.value.end)))) return undefined;
    return { item, eq };
  };
  const tail = oneLine(last);
  if (!tail) return undefined;
  const group = [tail];
  for (let i = items.indexOf(last) - 1; i >= 0; i--) {
    const above = oneLine(items[i]!);
    if (!above) break;
    if (!/^(\r\n|\n|\r)$/.test(text.slice(lineEndAt(text, above.item.value.end), lineStartAt(text, group[0]!.item.key.start)))) break;
    group.unshift(above);
  }
  const widths = new Set(group.map(({ item, eq }) => eq - item.key.start));
  const columns = new Set(group.map(({ item }) => item.key.start - lineStartAt(text, item.key.start)));
  if (widths.size !== 1 || columns.size !== 1) return undefined;
  return { items: group, width: [...widths][0]! };
}

/**
 * Edits that add the block(s) in `snippet` inside `parent`. A nested block of the same type and
 * labels that already exists is merged into instead (its attributes set, its missing blocks added),
 * so applying the fix twice changes nothing.
 */
export function insertBlockEdits(file: HclFile, parent: Block, snippet: string, layout = layoutAt(file.text, parent.start)): Edit[] {
  const parsed = parseSnippet(snippet);
  return mergeBody(file, parent, parsed, parsed.body.attributes, parsed.body.blocks, layout);
}

function mergeBody(file: HclFile, target: Block, source: HclFile, attributes: readonly Attribute[], blocks: readonly Block[], layout: Layout): Edit[] {
  const edits: Edit[] = [];
  const missing: [string, string][] = [];
  for (const a of attributes) {
    const value = source.text.slice(a.expr.start, a.expr.end);
    if (target.body.attributes.some((t) => t.name === a.name)) edits.push(...setAttributeEdits(file, target, a.name, value, layout));
    else missing.push([a.name, value]);
  }
  if (missing.length > 0) edits.push(...insertAttributes(file, target, missing, layout));
  const newBlocks: string[] = [];
  for (const b of blocks) {
    const existing = target.body.blocks.find((t) => sameKind(t, b));
    if (existing) edits.push(...mergeBody(file, existing, source, b.body.attributes, b.body.blocks, layout));
    else {
      refuseBesideDynamic(target, b.type);
      newBlocks.push(source.text.slice(b.start, b.end));
    }
  }
  if (newBlocks.length > 0) {
    const relative = newBlocks.map((b) => reindent(b, '', layout)).join(layout.eol + layout.eol);
    edits.push(appendBlock(file, target, relative, layout));
  }
  return coalesce(edits);
}

/**
 * Edits that append the nested block(s) in `snippet` to `parent` as new siblings, never merging
 * into an existing block of the same type (a second `statement` in a policy document). A block
 * whose text, blanks aside, is already there is not added again, so a second run changes nothing.
 */
export function appendBlockEdits(file: HclFile, parent: Block, snippet: string, layout = layoutAt(file.text, parent.start)): Edit[] {
  const parsed = parseSnippet(snippet);
  const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
  const present = new Set(parent.body.blocks.map((b) => squash(file.text.slice(b.start, b.end))));
  const fresh = parsed.body.blocks.filter((b) => !present.has(squash(parsed.text.slice(b.start, b.end))));
  if (fresh.length === 0) return [];
  const relative = fresh.map((b) => reindent(parsed.text.slice(b.start, b.end), '', layout)).join(layout.eol + layout.eol);
  return [appendBlock(file, parent, relative, layout)];
}

/**
 * Edits that add the top-level block(s) in `snippet` after `block` (a new resource wired to an
 * existing one), separated by a blank line. Nothing when a block with the same type and labels
 * already exists in `siblings` (the module's files), so a second run changes nothing.
 */
export function insertAfterEdits(file: HclFile, block: Block, snippet: string, siblings: readonly HclFile[] = [file], layout = layoutAt(file.text, itemEnd(block))): Edit[] {
  const parsed = parseSnippet(snippet);
  const fresh = parsed.body.blocks.filter((b) => !siblings.some((f) => f.body.blocks.some((t) => sameKind(t, b))));
  if (fresh.length === 0) return [];
  const indent = indentAt(file.text, block.start);
  const text = fresh.map((b) => reindent(parsed.text.slice(b.start, b.end), indent, layout)).join(layout.eol + layout.eol + indent);
  const at = lineEndAt(file.text, itemEnd(block));
  return [{ start: at, end: at, text: layout.eol + layout.eol + indent + text }];
}

/** Joins inserts at the same offset (in order) so one operation never overlaps itself. */
export function coalesce(edits: readonly Edit[]): Edit[] {
  const out: Edit[] = [];
  for (const e of edits) {
    const same = out.findIndex((o) => o.start === e.start && o.end === e.start && e.end === e.start);
    if (same >= 0) out[same] = { start: e.start, end: e.start, text: out[same]!.text + e.text };
    else out.push(e);
  }
  return out;
}
