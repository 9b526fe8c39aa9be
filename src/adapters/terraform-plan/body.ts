// One resource instance's values (plan `after` or state attributes) → ModelBody, so rules read plan
// and state exactly as they read source. What Terraform's JSON cannot say on its own:
// - which attributes were written: from the plan's `configuration` expressions, else from the .tf
//   sources in the scan. Unwritten attributes are left out, as in source, so rules apply the same
//   provider defaults and print the same messages ("does not set storage_encrypted").
// - attributes vs nested blocks: a list of objects is a nested block (provider schemas are not in
//   the plan).
// - blocks written by `dynamic`: the configuration representation leaves them out entirely. A block
//   list the configuration does not name is kept when the change creates the object (a block no
//   configuration writes is then unknown or empty) or changes that list; one the provider computes
//   and keeps from before (an existing bucket's legacy versioning block) is left out.
import type { ModelBody, NestedBlock } from '../../model/resource.js';
import type { Provenance, Sourced } from '../../model/sourced.js';
import { unknownValue, type Plain } from '../../model/value.js';
import type { LineIndex } from '../../source/line-index.js';
import type { Span } from '../../source/span.js';
import { member, toJsonValue, type JsonNode, type JsonObject } from '../../parsers/tf-plan/json-tree.js';

/** after_unknown / after_sensitive / sensitive_values: `true` at a leaf, or nested objects and arrays of them. */
export type Mask = unknown;

export function maskKey(mask: Mask, key: string): Mask {
  return typeof mask === 'object' && mask !== null && !Array.isArray(mask) ? (mask as Record<string, unknown>)[key] : mask === true ? true : undefined;
}

export function maskIndex(mask: Mask, index: number): Mask {
  return Array.isArray(mask) ? mask[index] : mask === true ? true : undefined;
}

/** True when the mask marks the value or anything inside it. */
export function maskAny(mask: Mask): boolean {
  if (mask === true) return true;
  if (Array.isArray(mask)) return mask.some(maskAny);
  if (typeof mask === 'object' && mask !== null) return Object.values(mask).some(maskAny);
  return false;
}

export const APPLY_TIME_REASON = 'known only after apply (plan after_unknown)';

/** What is known about which attributes the configuration sets, at one nesting level. */
export type Configured =
  | { readonly kind: 'expressions'; readonly node: JsonNode | undefined } // plan configuration block expressions
  | { readonly kind: 'source'; readonly body: ModelBody | undefined } // the .tf declaration
  | { readonly kind: 'all' }; // nothing known (a state without sources): every value counts as set

export interface BodyContext {
  readonly file: string;
  readonly lines: LineIndex;
  /** Point at the .tf sources (when `configured` is 'source') or at the JSON. */
  readonly spansFromSource: boolean;
}

function isExpression(node: JsonNode | undefined): boolean {
  return node?.kind === 'object' && node.entries.some((e) => e.key === 'constant_value' || e.key === 'references');
}

function configuredAt(c: Configured, key: string): { attribute: boolean; block: boolean } {
  switch (c.kind) {
    case 'all':
      return { attribute: true, block: true };
    case 'expressions': {
      const m = member(c.node, key);
      if (m === undefined) return { attribute: false, block: false };
      return { attribute: isExpression(m), block: !isExpression(m) };
    }
    case 'source':
      return { attribute: c.body?.attributes.has(key) ?? false, block: c.body?.blocks.some((b) => b.type === key) ?? false };
  }
}

function nestedConfigured(c: Configured, key: string, index: number): Configured {
  switch (c.kind) {
    case 'all':
      return c;
    case 'expressions': {
      const m = member(c.node, key);
      const item = m?.kind === 'array' ? (m.items[index] ?? m.items[0]) : m;
      return { kind: 'expressions', node: item };
    }
    case 'source':
      return { kind: 'source', body: c.body?.blocks.filter((b) => b.type === key)[index] };
  }
}

/** The value as plain data, with unknown parts (after_unknown) as Unknown values. */
export function plainOf(node: JsonNode | undefined, unknownMask: Mask): Plain {
  if (unknownMask === true) return unknownValue(APPLY_TIME_REASON);
  if (node === undefined) return null;
  switch (node.kind) {
    case 'object': {
      const out: Record<string, Plain> = {};
      for (const e of node.entries) out[e.key] = plainOf(e.value, maskKey(unknownMask, e.key));
      if (typeof unknownMask === 'object' && unknownMask !== null && !Array.isArray(unknownMask)) {
        for (const [k, v] of Object.entries(unknownMask)) if (v === true && !(k in out)) out[k] = unknownValue(APPLY_TIME_REASON);
      }
      return out;
    }
    case 'array':
      return node.items.map((item, i) => plainOf(item, maskIndex(unknownMask, i)));
    default:
      return node.value;
  }
}

function isBlockList(node: JsonNode | undefined): node is Extract<JsonNode, { kind: 'array' }> {
  return node?.kind === 'array' && node.items.length > 0 && node.items.every((i) => i.kind === 'object');
}

/** Null and (without configuration knowledge) empty strings mean "not set" in provider JSON. */
function isUnset(node: JsonNode | undefined, c: Configured): boolean {
  if (node === undefined || node.kind === 'null') return true;
  return c.kind === 'all' && node.kind === 'string' && node.value === '';
}

export interface BuildInput {
  readonly values: JsonObject | undefined;
  /** The span for the body when spans come from the JSON (the object holding the values). */
  readonly span: Span;
  readonly unknownMask: Mask;
  readonly sensitiveMask: Mask;
  readonly configured: Configured;
  /**
   * A plan's object before the change at this level, or 'created' when the change creates it: to
   * keep blocks written by `dynamic`. Absent: blocks the configuration does not name are left out.
   */
  readonly before?: JsonNode | 'created';
}

/** Whether an undescribed block list was written by `dynamic` (see the header). */
function writtenByDynamic(node: JsonNode, key: string, before: JsonNode | 'created' | undefined): boolean {
  if (before === undefined) return false;
  if (before === 'created' || before.kind !== 'object') return true;
  const prior = member(before, key);
  return prior === undefined || JSON.stringify(toJsonValue(prior)) !== JSON.stringify(toJsonValue(node));
}

function beforeItem(before: JsonNode | 'created' | undefined, key: string, index: number): JsonNode | 'created' | undefined {
  if (before === undefined || before === 'created') return before;
  const list = member(before, key);
  return (list?.kind === 'array' ? list.items[index] : undefined) ?? 'created';
}

export function buildBody(ctx: BodyContext, input: BuildInput): ModelBody {
  const { values, unknownMask, sensitiveMask, configured } = input;
  const sourceBody = configured.kind === 'source' ? configured.body : undefined;
  const bodySpan = ctx.spansFromSource && sourceBody ? sourceBody.span : input.span;
  const attributes = new Map<string, Sourced>();
  const blocks: NestedBlock[] = [];
  const keys = new Set<string>(values?.entries.map((e) => e.key) ?? []);
  if (typeof unknownMask === 'object' && unknownMask !== null && !Array.isArray(unknownMask)) {
    for (const [k, v] of Object.entries(unknownMask)) if (v === true) keys.add(k);
  }
  for (const key of keys) {
    const entry = values?.entries.find((e) => e.key === key);
    const node = entry?.value;
    const unknown = maskKey(unknownMask, key);
    const sensitive = maskKey(sensitiveMask, key);
    const where = configuredAt(configured, key);
    const jsonSpan = entry ? ctx.lines.span(ctx.file, entry.keyStart, entry.value.end) : input.span;
    // Content from a dynamic block: no configuration describes it, so all of it counts as written (as in a state).
    const dynamic = isBlockList(node) && unknown !== true && !where.block && !where.attribute && configured.kind === 'expressions' && writtenByDynamic(node, key, input.before);
    if (isBlockList(node) && unknown !== true && (where.block || configured.kind === 'all' || dynamic)) {
      node.items.forEach((item, i) => {
        const inner: Configured = dynamic ? { kind: 'all' } : nestedConfigured(configured, key, i);
        const before = dynamic ? undefined : beforeItem(input.before, key, i);
        const body = buildBody(ctx, {
          values: item as JsonObject,
          span: ctx.lines.span(ctx.file, item.start, item.end),
          unknownMask: maskIndex(unknown, i),
          sensitiveMask: maskIndex(sensitive, i),
          configured: inner,
          ...(before !== undefined ? { before } : {}),
        });
        blocks.push({ type: key, labels: [], ...body });
      });
      continue;
    }
    if (!where.attribute && !where.block) continue; // not written in the configuration: as in source
    if (unknown !== true && isUnset(node, configured)) continue;
    const sourceAttr = sourceBody?.attributes.get(key);
    const value = plainOf(node, unknown);
    const provenance: Provenance = unknown === true ? 'unresolved' : 'explicit';
    const span = ctx.spansFromSource && sourceBody ? (sourceAttr?.span ?? sourceBody.span) : jsonSpan;
    attributes.set(key, { value, span, provenance, via: ctx.spansFromSource ? (sourceAttr?.via ?? []) : [], sensitive: maskAny(sensitive) || (sourceAttr?.sensitive ?? false) });
  }
  return { span: bodySpan, attributes, blocks };
}
