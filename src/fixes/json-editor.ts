// Fixes in Terraform's JSON syntax (.tf.json): a block is a JSON object, an attribute one of its
// members. Setting an attribute replaces the member's value in place or adds a member after the
// last one in the object's own indentation; everything else in the file stays byte for byte.
// Values arrive as HCL text (what rules write) and are turned into their JSON-syntax spelling:
// literals stay literals, anything else becomes a "${...}" template string, as Terraform reads it.
import { parseHcl, type Expression } from '../parsers/hcl/index.js';
import { parseJsonTree, type JsonNode, type JsonObject } from '../parsers/tf-plan/json-tree.js';
import type { FixOperation } from './fix.js';
import { FixEditError, type Edit } from './hcl-editor.js';
import { indentAt, layoutAt, lineEndAt } from './hcl-layout.js';

/** The JSON spelling of an HCL value expression. */
export function hclValueToJson(valueText: string): string {
  const parsed = parseHcl(`v = ${valueText}\n`, '<fix>');
  const attribute = parsed.file.body.attributes[0];
  if (!attribute || parsed.diagnostics.some((d) => d.severity === 'error')) throw new FixEditError(`the fix value ${valueText} does not parse`);
  const source = `v = ${valueText}\n`;
  return toJson(attribute.expr, source);
}

function toJson(expr: Expression, source: string): string {
  switch (expr.type) {
    case 'literal':
      return expr.value === null || typeof expr.value === 'boolean' ? JSON.stringify(expr.value) : expr.value.number;
    case 'template': {
      if (expr.parts.every((p) => p.kind === 'literal')) return JSON.stringify(expr.parts.map((p) => (p.kind === 'literal' ? p.value : '')).join(''));
      // Interpolations are written the same way inside a JSON string: the template's own text.
      const inner = source.slice(expr.start, expr.end);
      if (expr.heredoc) throw new FixEditError('a heredoc value cannot be written in JSON syntax by a fix');
      try {
        JSON.parse(inner);
        return inner;
      } catch {
        throw new FixEditError(`the fix value ${inner} has an escape JSON cannot spell`);
      }
    }
    case 'tuple':
      return `[${expr.items.map((i) => toJson(i, source)).join(', ')}]`;
    case 'object':
      return `{${expr.items
        .map((i) => {
          const key = i.bareKey && i.key.type === 'traversal' ? i.key.root : JSON.parse(toJson(i.key, source)) as string;
          return `${JSON.stringify(key)}: ${toJson(i.value, source)}`;
        })
        .join(', ')}}`;
    default:
      return JSON.stringify(`\${${source.slice(expr.start, expr.end)}}`);
  }
}

/** The object whose closing brace ends at `end`: a block's body in the JSON syntax. */
function objectEndingAt(node: JsonNode, end: number): JsonObject | undefined {
  if (node.end < end || node.start > end) return undefined;
  if (node.kind === 'object' && node.end === end) return node;
  const children = node.kind === 'object' ? node.entries.map((e) => e.value) : node.kind === 'array' ? node.items : [];
  for (const child of children) {
    const found = objectEndingAt(child, end);
    if (found) return found;
  }
  return undefined;
}

export function jsonOperationEdits(fileName: string, text: string, op: FixOperation): Edit[] {
  if (op.op !== 'setAttribute' || op.name.includes('.')) {
    throw new FixEditError(`${fileName} is in JSON syntax, where fixes only set attributes so far; make this change by hand`);
  }
  const tree = parseJsonTree(fileName, text);
  if (!tree.ok) throw new FixEditError(`${fileName} could not be parsed as JSON`);
  const body = objectEndingAt(tree.value, op.block.end.offset);
  if (!body) throw new FixEditError(`no JSON object for the block at ${fileName}:${op.block.start.line}`);
  const value = hclValueToJson(op.valueText);
  const existing = body.entries.find((e) => e.key === op.name);
  if (existing) return text.slice(existing.value.start, existing.value.end) === value ? [] : [{ start: existing.value.start, end: existing.value.end, text: value }];
  const last = body.entries[body.entries.length - 1];
  // The line ending of the line the member goes after, as the HCL editor takes it (layoutAt): a file
  // whose lines end in both CRLF and LF (a block pasted in from elsewhere) had the member end in CRLF
  // inside an LF block. The indentation step of an empty object's member is the file's (four spaces,
  // a tab), not two spaces whatever the file used.
  const layout = layoutAt(text, last ? last.value.end : body.start);
  const eol = layout.eol;
  if (!last) {
    // An empty object written on one line (`"api_token": {}`, a minified file) takes the member on
    // that line: spread over new lines it read as another hand's in a tab-indented or one-line file.
    if (!/[\r\n]/.test(text.slice(body.start, body.end))) return [{ start: body.start + 1, end: body.end - 1, text: `${JSON.stringify(op.name)}: ${value}` }];
    const outer = indentAt(text, body.start);
    const tabbed = outer.startsWith('\t') || (outer === '' && layout.unit === '\t');
    const unit = tabbed ? '\t' : layout.unit === '\t' ? '  ' : layout.unit;
    return [{ start: body.start + 1, end: body.end - 1, text: `${eol}${outer}${unit}${JSON.stringify(op.name)}: ${value}${eol}${outer}` }];
  }
  const sameLine = lineEndAt(text, last.value.end) >= body.end - 1;
  if (sameLine) return [{ start: last.value.end, end: last.value.end, text: `, ${JSON.stringify(op.name)}: ${value}` }];
  return [{ start: last.value.end, end: last.value.end, text: `,${eol}${indentAt(text, last.keyStart)}${JSON.stringify(op.name)}: ${value}` }];
}
