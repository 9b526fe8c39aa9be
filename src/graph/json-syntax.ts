// Terraform's JSON configuration syntax (.tf.json) on top of the parser's schema-free mapping.
// The parser (parsers/hcl/parse-json.ts) knows Terraform's top-level block types and a few nested
// ones (lifecycle, dynamic, content, ...); everything else becomes an attribute, because JSON does
// not say whether `"versioning": {...}` is a nested block or a map argument. Terraform decides with
// the provider schema (https://developer.hashicorp.com/terraform/language/syntax/json); we have no
// schema, so inside resource, data and provider bodies an object (or an array of objects) whose
// keys are all argument-like names becomes nested blocks, unless the name is a well-known map
// argument such as `tags`. Strings that Terraform reads as references or type expressions
// (`provider`, `providers`, `iterator`, variable `type`) become those expressions.
import type { Attribute, Block, Body, Expression, HclFile, ObjectItem, Range } from '../parsers/hcl/ast.js';
import { literalString } from './load.js';
import { parseTemplateText } from './parse.js';
import { weakMemo } from '../util/weak-memo.js';

/** Arguments of AWS resources that hold maps, not nested blocks. */
const MAP_ARGUMENTS = new Set([
  'tags', 'tags_all', 'variables', 'triggers', 'parameters', 'request_parameters', 'request_templates', 'response_parameters',
  'response_templates', 'response_models', 'stage_variables', 'environment_variables', 'default_arguments',
  'non_overridable_arguments', 'connection_properties', 'labels', 'annotations', 'context', 'attributes', 'properties',
  // Run-time configuration maps (App Runner, Azure apps and containers), read for secrets: as blocks they were not.
  'runtime_environment_variables', 'runtime_environment_secrets', 'app_settings', 'secure_environment_variables',
]);
/**
 * Arguments of one resource type that take any value, objects included (Terraform's schema says
 * "dynamic"): `terraform_data`'s `input` is an object argument, never a block.
 */
const DYNAMIC_ARGUMENTS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['terraform_data', new Set(['input', 'triggers_replace'])],
  // A map of strings (`{ type = "Share", account_ids = "All" }`) in the provider's schema, not a block.
  ['aws_ssm_document', new Set(['permissions'])],
  // Maps of strings whose names are blocks elsewhere (a Kubernetes resource's `metadata` is a block).
  ['google_compute_instance', new Set(['metadata'])],
  ['google_compute_instance_template', new Set(['metadata'])],
  ['google_compute_instance_from_template', new Set(['metadata'])],
  ['google_compute_project_metadata', new Set(['metadata'])],
  ['kubernetes_config_map', new Set(['data', 'binary_data'])],
  ['kubernetes_config_map_v1', new Set(['data', 'binary_data'])],
  ['kubernetes_secret', new Set(['data', 'binary_data'])],
  ['kubernetes_secret_v1', new Set(['data', 'binary_data'])],
]);
/** The same for data sources: terraform_remote_state's `config` and `defaults` take any value, external's `query` is a map of strings. */
const DATA_DYNAMIC_ARGUMENTS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['terraform_remote_state', new Set(['config', 'defaults'])],
  ['external', new Set(['query'])],
]);
const NONE: ReadonlySet<string> = new Set();
/** A dynamic block's own arguments: `"for_each": {"a": 1}` is the collection, not a nested block. */
const DYNAMIC_BLOCK_ARGUMENTS: ReadonlySet<string> = new Set(['for_each', 'iterator', 'labels']);

/** A resource's own arguments that are never nested blocks; inside a nested block they are ordinary names (`encryption_config { provider { key_arn } }`). */
const META_ARGUMENTS = new Set(['count', 'for_each', 'provider', 'depends_on']);
const ARGUMENT_NAME = /^[a-z_][a-z0-9_-]*$/;

function keyOf(item: ObjectItem): string | undefined {
  if (item.key.type === 'traversal' && item.key.steps.length === 0) return item.key.root;
  return literalString(item.key);
}

/** The items of an object expression that reads as a block body, or undefined when it reads as a map. */
function blockItems(expr: Expression): readonly ObjectItem[] | undefined {
  if (expr.type !== 'object') return undefined;
  for (const item of expr.items) {
    const key = keyOf(item);
    if (key === undefined || (key !== '//' && !ARGUMENT_NAME.test(key))) return undefined;
  }
  return expr.items;
}

function nestedBlock(name: string, nameRange: Range, start: number, expr: Expression & { type: 'object' }, items: readonly ObjectItem[], args: ReadonlySet<string> = NONE): Block {
  const attributes: Attribute[] = [];
  for (const item of items) {
    const key = keyOf(item)!;
    if (key === '//') continue; // a JSON comment property
    attributes.push({ kind: 'attribute', name: key, nameRange: { start: item.key.start, end: item.key.end }, expr: item.value, start: item.key.start, end: item.value.end, leadingComments: [] });
  }
  const body = blockify({ start: expr.start, end: expr.end, attributes, blocks: [] }, args, false);
  return {
    kind: 'block',
    type: name,
    typeRange: nameRange,
    labels: [],
    openBrace: { start: expr.start, end: expr.start + 1 },
    closeBrace: { start: expr.end - 1, end: expr.end },
    body,
    start,
    end: expr.end,
    leadingComments: [],
  };
}

/**
 * Object-valued arguments of a resource-like body become nested blocks (recursively); `dynamic`
 * names those that stay arguments. `top` is the resource's (or provider's) own body, where the
 * meta-arguments are.
 */
function blockify(body: Body, dynamic: ReadonlySet<string> = NONE, top = true): Body {
  const attributes: Attribute[] = [];
  const blocks: Block[] = [];
  for (const attr of body.attributes) {
    if (attr.name === '//') continue;
    if ((top && META_ARGUMENTS.has(attr.name)) || MAP_ARGUMENTS.has(attr.name) || dynamic.has(attr.name)) {
      attributes.push(attr);
      continue;
    }
    const expr = attr.expr;
    // `"dynamic": {"transition": {...}}` inside a nested block: one dynamic block per key, labelled by it.
    if (attr.name === 'dynamic' && expr.type === 'object') {
      for (const item of expr.items) {
        const label = keyOf(item);
        const items = blockItems(item.value);
        if (label === undefined || label === '//' || items === undefined || item.value.type !== 'object') continue;
        const b = nestedBlock('dynamic', { start: item.key.start, end: item.key.end }, item.key.start, item.value, items, DYNAMIC_BLOCK_ARGUMENTS);
        blocks.push({ ...b, labels: [{ value: label, quoted: true, start: item.key.start, end: item.key.end }], body: withIterator(b.body) });
      }
      continue;
    }
    const items = blockItems(expr);
    if (items && expr.type === 'object') {
      blocks.push(nestedBlock(attr.name, attr.nameRange, attr.start, expr, items));
      continue;
    }
    if (expr.type === 'tuple' && expr.items.length > 0 && expr.items.every((e) => blockItems(e) !== undefined)) {
      for (const e of expr.items) blocks.push(nestedBlock(attr.name, attr.nameRange, e.start, e as Expression & { type: 'object' }, blockItems(e)!));
      continue;
    }
    attributes.push(attr);
  }
  for (const b of body.blocks) blocks.push(b.type === 'dynamic' || b.type === 'content' ? { ...b, body: normaliseDynamic(b) } : { ...b, body: blockify(b.body, NONE, false) });
  blocks.sort((a, b) => a.start - b.start);
  return { ...body, attributes, blocks };
}

/** `"iterator": "rule"` names the iterator symbol; the content body is a block body. */
function normaliseDynamic(block: Block): Body {
  return withIterator(blockify(block.body, block.type === 'dynamic' ? DYNAMIC_BLOCK_ARGUMENTS : NONE, false));
}

function withIterator(body: Body): Body {
  return { ...body, attributes: body.attributes.map((a) => (a.name === 'iterator' ? { ...a, expr: referenceOf(a.expr) } : a)) };
}

/** Move every range of a freshly parsed expression onto `range` (the JSON string it came from). */
function placeAt<T>(node: T, range: Range): T {
  if (Array.isArray(node)) return node.map((x) => placeAt(x, range)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'start' ? range.start : k === 'end' ? range.end : placeAt(v, range);
  return out as T;
}

/** A JSON string holding an expression (`"aws.replica"`, `"list(string)"`) as that expression. */
function expressionOf(expr: Expression): Expression {
  const text = literalString(expr);
  if (text === undefined) return expr;
  const parsed = parseTemplateText(`\${${text}}`, 'json expression');
  const inner = parsed?.parts.length === 1 && parsed.parts[0]!.kind === 'interpolation' ? parsed.parts[0]!.expr : undefined;
  return inner ? placeAt(inner, expr) : expr;
}

function referenceOf(expr: Expression): Expression {
  const e = expressionOf(expr);
  return e.type === 'traversal' ? e : expr;
}

/** `"providers": { "aws": "aws.replica" }`: keys and values are provider references. */
function providersObject(expr: Expression): Expression {
  if (expr.type !== 'object') return expr;
  const items = expr.items.map((item): ObjectItem => {
    const key = item.key.type === 'template' ? referenceOf(item.key) : item.key;
    return { key, bareKey: key.type === 'traversal', value: referenceOf(item.value) };
  });
  return { ...expr, items };
}

function mapAttribute(body: Body, name: string, fn: (e: Expression) => Expression): Body {
  if (!body.attributes.some((a) => a.name === name)) return body;
  return { ...body, attributes: body.attributes.map((a) => (a.name === name ? { ...a, expr: fn(a.expr) } : a)) };
}

/** `"depends_on": ["aws_s3_bucket.b"]`: each string names an object, as a reference in native syntax does. */
function referenceList(expr: Expression): Expression {
  return expr.type === 'tuple' ? { ...expr, items: expr.items.map(referenceOf) } : expr;
}

/** A resource's lifecycle block with `replace_triggered_by` read as references. */
function lifecycleReferences(body: Body): Body {
  if (!body.blocks.some((b) => b.type === 'lifecycle')) return body;
  return { ...body, blocks: body.blocks.map((b) => (b.type === 'lifecycle' ? { ...b, body: mapAttribute(b.body, 'replace_triggered_by', referenceList) } : b)) };
}

function normaliseBlock(block: Block): Block | undefined {
  if (block.labels.some((l) => l.value === '//')) return undefined; // a comment property at label level
  switch (block.type) {
    case 'resource':
    case 'data':
    case 'ephemeral': {
      const arguments_ = (block.type === 'resource' ? DYNAMIC_ARGUMENTS : block.type === 'data' ? DATA_DYNAMIC_ARGUMENTS : undefined)?.get(block.labels[0]?.value ?? '');
      const body = blockify(block.body, arguments_ ?? NONE);
      return { ...block, body: lifecycleReferences(mapAttribute(mapAttribute(body, 'provider', referenceOf), 'depends_on', referenceList)) };
    }
    case 'provider':
      return { ...block, body: blockify(block.body) };
    case 'variable':
      return { ...block, body: mapAttribute(block.body, 'type', expressionOf) };
    case 'module':
      return { ...block, body: mapAttribute(mapAttribute(block.body, 'providers', providersObject), 'depends_on', referenceList) };
    case 'output':
      return { ...block, body: mapAttribute(block.body, 'depends_on', referenceList) };
    case 'check':
      // A check's own data sources are read as top-level ones are.
      return { ...block, body: { ...block.body, blocks: block.body.blocks.map((b) => (b.type === 'data' ? (normaliseBlock(b) ?? b) : b)) } };
    case 'import':
      return { ...block, body: mapAttribute(block.body, 'to', referenceOf) };
    case 'removed':
      return { ...block, body: mapAttribute(block.body, 'from', referenceOf) };
    case 'moved':
      return { ...block, body: mapAttribute(mapAttribute(block.body, 'from', referenceOf), 'to', referenceOf) };
    default:
      return block;
  }
}

const normalised = new WeakMap<HclFile, HclFile>();

/** A parsed .tf.json file with Terraform's JSON semantics applied; native files pass through. */
export function applyTerraformJson(file: HclFile): HclFile {
  if (file.syntax !== 'json') return file;
  // Once per parsed file: every scan unit that loads it then sees the same nodes (and their caches).
  return weakMemo(normalised, file, () => {
    const blocks: Block[] = [];
    for (const b of file.body.blocks) {
      const n = normaliseBlock(b);
      if (n) blocks.push(n);
    }
    return { ...file, body: { ...file.body, blocks } };
  });
}

