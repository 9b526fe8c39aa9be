// Resolving a policy's attribute path (`tags.owner`, `ingress.*.cidr_blocks`, `versioning.0.enabled`)
// against an evaluated resource. Nested blocks are lists, as in Checkov: `ingress.*.from_port` and
// `ingress.0.from_port` pick elements, and `versioning.enabled` looks into every `versioning` block.
// A JSON string (an IAM policy document) is looked into as the document it encodes.
import { isPlainArray, isPlainObject, isUnknown, type ModelBody, type NestedBlock, type Plain, type Resource, type Sourced } from '../model/index.js';
import type { Span } from '../source/span.js';
import { tagMap } from '../model/tags.js';

export interface PathMatch {
  /** The value found; an Unknown when the path runs into a value known only at apply time. */
  readonly value: Plain;
  /** Where it is written: the attribute, or the block for a block. */
  readonly span: Span;
  /** Set when the path went through an unknown value before its end (so whether it exists is unknown). */
  readonly unknownBefore?: string;
  /** Where the attribute's value travelled from (a tfvars line, a variable default): a finding shows it as the rules' do. */
  readonly via?: readonly Span[];
}

type Cursor =
  | { readonly kind: 'body'; readonly body: ModelBody }
  | { readonly kind: 'blocks'; readonly blocks: readonly NestedBlock[]; readonly span: Span }
  | { readonly kind: 'value'; readonly value: Plain; readonly span: Span; readonly via?: readonly Span[] };

/**
 * Splits `a.b.*.c` (and JSONPath `$.a.b[*].c`, `a['b']`) into segments. The bracket forms are read
 * in every path, not only for jsonpath_ operators: `ingress[*].cidr_blocks` with `not_contains`
 * used to be one segment "ingress[*]" that named nothing, so the policy passed every resource.
 */
export function splitPath(attribute: string): string[] {
  const text = attribute
    .trim()
    .replace(/^\$\.?/, '')
    .replace(/\[\s*['"]([^'"]*)['"]\s*\]/g, '.$1')
    .replace(/\[\s*(\*|\d+)\s*\]/g, '.$1');
  return text.split('.').filter((s) => s !== '');
}

/**
 * Why a path cannot be read, or undefined when it can. JSONPath filters (`[?(@.port == 22)]`),
 * recursive descent (`$..cidr_blocks`), slices and negative indexes are not supported; read as plain
 * segments they named nothing, so a negative operator passed every resource without a word.
 */
export function unsupportedPathSyntax(attribute: string): string | undefined {
  const text = attribute.trim();
  if (/\[\s*\?/.test(text)) return 'JSONPath filter expressions ([?(...)]) are not supported';
  if (/\.\./.test(text)) return 'recursive descent (..) is not supported; write the full path, with * for any element';
  const rest = text.replace(/\[\s*['"][^'"]*['"]\s*\]/g, '').replace(/\[\s*(\*|\d+)\s*\]/g, '');
  if (/[[\]]/.test(rest)) return 'only [*], [<number>] and [\'<key>\'] are supported inside brackets (no slices or negative indexes)';
  return undefined;
}

/** Special attributes every resource has: its type, address and the region it is deployed to. */
function pseudoAttribute(resource: Resource, path: readonly string[]): PathMatch[] | undefined {
  const name = path.join('.');
  if (name === 'resource_type') return [{ value: resource.type, span: resource.span }];
  if (name === '__address__') return [{ value: resource.address, span: resource.span }];
  if (name === 'provider.region' || name === '__provider_region__') {
    // AWS provider v6 ("enhanced region support"): a resource's own `region` argument overrides its
    // provider's, so an approved-regions policy must read it first (a queue with region =
    // "eu-west-1" under a us-east-1 provider passed). Null is left out: the provider's applies.
    const own = resource.provider.name === 'aws' ? resource.attributes.get('region') : undefined;
    if (own) return [fromSourced(own, resource.span)];
    const region = resource.provider.region;
    if (region) return [fromSourced(region, resource.span)];
    // The AWS provider without a region takes AWS_REGION or the profile's when it runs: known only then.
    return resource.provider.name === 'aws' ? [{ value: { unknown: true, reason: 'the provider sets no region (AWS_REGION or the profile decides at apply time)' }, span: resource.span }] : [];
  }
  return undefined;
}

function fromSourced(sourced: Sourced, fallback: Span): PathMatch {
  const via = sourced.via.length > 0 ? { via: sourced.via } : {};
  if (sourced.provenance === 'unresolved' && !isUnknown(sourced.value)) return { value: { unknown: true, reason: 'known only at apply time' }, span: sourced.span ?? fallback, ...via };
  return { value: sourced.value, span: sourced.span ?? fallback, ...via };
}

/** Every value the path names in the resource; [] when it names nothing (the attribute is not set). */
export function resolvePath(resource: Resource, path: readonly string[]): PathMatch[] {
  const pseudo = pseudoAttribute(resource, path);
  if (pseudo) return pseudo;
  // `tags` means the tags after the provider's default_tags are merged in, as AWS applies them.
  // A key under `tags` (`tags.owner`) is read from the map of key to value, also where the provider
  // takes a list of { key, value } (awscc): `tags.owner` on an awscc resource was never set.
  if (path[0] === 'tags' && resource.effectiveTags) {
    const tags = resource.effectiveTags;
    return at(valueCursor(path.length > 1 ? { ...tags, value: tagMap(tags.value) } : tags, resource.span), path, 1);
  }
  return at({ kind: 'body', body: resource }, path, 0);
}

function at(cursor: Cursor, path: readonly string[], i: number): PathMatch[] {
  if (i === path.length) return [cursor.kind === 'value' && cursor.via !== undefined ? { value: cursor.value, span: cursor.span, via: cursor.via } : { value: plainOf(cursor), span: cursorSpan(cursor) }];
  const segment = path[i]!;
  switch (cursor.kind) {
    case 'body': {
      const { body } = cursor;
      if (segment === '*') {
        return [
          ...[...body.attributes.values()].flatMap((a) => at(valueCursor(a, body.span), path, i + 1)),
          ...body.blocks.flatMap((b) => at({ kind: 'body', body: b }, path, i + 1)),
        ];
      }
      const attribute = body.attributes.get(segment);
      if (attribute) return at(valueCursor(attribute, body.span), path, i + 1);
      const blocks = body.blocks.filter((b) => b.type === segment);
      if (blocks.length > 0) return at({ kind: 'blocks', blocks, span: blocks[0]!.span }, path, i + 1);
      return [];
    }
    case 'blocks': {
      if (segment === '*') return cursor.blocks.flatMap((b) => at({ kind: 'body', body: b }, path, i + 1));
      if (/^\d+$/.test(segment)) {
        const block = cursor.blocks[Number(segment)];
        return block ? at({ kind: 'body', body: block }, path, i + 1) : [];
      }
      return cursor.blocks.flatMap((b) => at({ kind: 'body', body: b }, path, i));
    }
    case 'value': {
      const { value, span, via } = cursor;
      if (isUnknown(value)) return [{ value, span, unknownBefore: value.reason, ...(via !== undefined ? { via } : {}) }];
      if (value === null) return [];
      // Inside one attribute's value every part came the way the attribute did.
      const inside = (item: Plain): Cursor => (via !== undefined ? { kind: 'value', value: item, span, via } : { kind: 'value', value: item, span });
      if (isPlainArray(value)) {
        if (segment === '*') return value.flatMap((item) => at(inside(item), path, i + 1));
        if (/^\d+$/.test(segment)) {
          const item = value[Number(segment)];
          return item === undefined ? [] : at(inside(item), path, i + 1);
        }
        return value.flatMap((item) => at(inside(item), path, i));
      }
      if (isPlainObject(value)) {
        if (segment === '*') return Object.values(value).flatMap((item) => at(inside(item), path, i + 1));
        const item = value[segment];
        return item === undefined ? [] : at(inside(item), path, i + 1);
      }
      if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
        const decoded = decodeJson(value);
        if (decoded !== undefined) return at(inside(decoded), path, i);
      }
      return [];
    }
  }
}

function valueCursor(sourced: Sourced, fallback: Span): Cursor {
  const match = fromSourced(sourced, fallback);
  return match.via !== undefined ? { kind: 'value', value: match.value, span: match.span, via: match.via } : { kind: 'value', value: match.value, span: match.span };
}

function cursorSpan(cursor: Cursor): Span {
  return cursor.kind === 'body' ? cursor.body.span : cursor.span;
}

function decodeJson(text: string): Plain | undefined {
  try {
    return JSON.parse(text) as Plain;
  } catch {
    return undefined;
  }
}

/** A block as data: its attributes' values and its nested blocks as lists. */
export function bodyToPlain(body: ModelBody): Plain {
  const out: Record<string, Plain> = {};
  for (const [name, sourced] of body.attributes) out[name] = fromSourced(sourced, body.span).value;
  for (const block of body.blocks) out[block.type] = [...((out[block.type] as Plain[] | undefined) ?? []), bodyToPlain(block)];
  return out;
}

function plainOf(cursor: Cursor): Plain {
  if (cursor.kind === 'body') return bodyToPlain(cursor.body);
  if (cursor.kind === 'blocks') return cursor.blocks.map(bodyToPlain);
  return cursor.value;
}
