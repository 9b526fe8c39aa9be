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
import { containsUnknown, isPlainObject, isUnknown, unknownValue, type Plain } from '../../model/value.js';
import { describeCause, type UnknownCause } from '../../model/unknown-cause.js';
import type { LineIndex } from '../../source/line-index.js';
import type { Span } from '../../source/span.js';
import { member, toJsonValue, type JsonArray, type JsonNode, type JsonObject } from '../../parsers/tf-plan/json-tree.js';

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
  /**
   * Keep configured write-only arguments, null in the JSON, as the configuration writes them
   * (writeOnlyValue): in a plan, which stands for the configuration applied. Not in a state, which
   * says what is stored, and a write-only value never is (tf-plan-state-holds-secrets).
   */
  readonly writeOnlyFromConfiguration?: boolean;
  /**
   * The sources (when `configured` is 'source') were evaluated with the values the plan was made
   * with: an argument they evaluate to null, a `dynamic` block they expand to nothing, is then what
   * Terraform planned too, and a value the JSON holds there is the provider's. Otherwise (a state,
   * or a plan made with other values: -var, TF_VAR_, a CI job's variables) the sources' null proves
   * nothing: `publicly_accessible = var.publicly_accessible` with a null default, planned with
   * TF_VAR_publicly_accessible=true, was dropped as "not written" and a public database passed.
   * The JSON's value is what Terraform applies (or applied), so it counts as written.
   */
  readonly sourcesEvaluatedAsPlanned?: boolean;
  /**
   * The aws_iam_policy_document instances a plan reads only at apply time, rendered from their
   * planned statements (policy-document.ts), by address: what an argument written as their `json`
   * holds.
   */
  readonly deferredDocuments?: ReadonlyMap<string, { readonly json: string; readonly minified_json: string }>;
  /**
   * What a `var.x` or `module.c.out` reference in a module instance stands for: resource references
   * with their module instance path (configuration.ts resolveReference); undefined when not known.
   */
  readonly resolveReference?: (modulePath: string, ref: string) => readonly string[] | undefined;
}

function isExpression(node: JsonNode | undefined): boolean {
  return node?.kind === 'object' && node.entries.some((e) => e.key === 'constant_value' || e.key === 'references');
}

function configuredAt(ctx: BodyContext, c: Configured, key: string): { attribute: boolean; block: boolean } {
  switch (c.kind) {
    case 'all':
      return { attribute: true, block: true };
    case 'expressions': {
      const m = member(c.node, key);
      if (m === undefined) return { attribute: false, block: false };
      return { attribute: isExpression(m), block: !isExpression(m) };
    }
    case 'source':
      return {
        // Written but evaluated to null (ModelBody.nullArguments): written, unless the sources were evaluated as planned (BodyContext).
        attribute: (c.body?.attributes.has(key) ?? false) || (ctx.sourcesEvaluatedAsPlanned !== true && (c.body?.nullArguments?.has(key) ?? false)),
        block: c.body?.blocks.some((b) => b.type === key) ?? false,
      };
  }
}

/** The configured blocks of type `key` one level down, in configuration order. */
function configuredBlocks(c: Configured, key: string): Configured[] {
  switch (c.kind) {
    case 'all':
      return [];
    case 'expressions': {
      const m = member(c.node, key);
      return m?.kind === 'array' ? m.items.map((node) => ({ kind: 'expressions', node })) : m ? [{ kind: 'expressions', node: m }] : [];
    }
    case 'source':
      return (c.body?.blocks ?? []).filter((b) => b.type === key).map((body) => ({ kind: 'source', body }));
  }
}

/** The values a configured block writes, known or not (undefined): for pairing it with a planned block. */
function writtenValues(c: Configured): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (c.kind === 'source') {
    for (const [k, v] of c.body?.attributes ?? []) out.set(k, containsUnknown(v.value) ? undefined : v.value);
  } else if (c.kind === 'expressions' && c.node?.kind === 'object') {
    for (const e of c.node.entries) {
      if (!isExpression(e.value)) continue;
      const constant = member(e.value, 'constant_value');
      out.set(e.key, constant ? toJsonValue(constant) : undefined);
    }
  }
  return out;
}

/** Values compared across HCL and provider JSON: sets of scalars in any order, scalars as text ("22", 22). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) {
    const items = v.map(canonical);
    return `[${v.every((x) => typeof x !== 'object' || x === null) ? items.sort().join(',') : items.join(',')}]`;
  }
  if (typeof v === 'object' && v !== null) return `{${Object.keys(v).sort().map((k) => `${k}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return String(v).toLowerCase();
}

/**
 * Each planned block of a list, paired with the configured block that wrote it. By position was
 * wrong for set-typed blocks, which the plan orders its own way (an SG's ingress {3389, ::/0} was
 * paired with the {443, cidr_blocks} one, so its ipv6_cidr_blocks counted as unwritten and was
 * dropped): by the values each configured block writes, position breaking ties. `order`: the
 * planned blocks in the configuration's order, when every one is paired.
 */
function pairConfigured(c: Configured, key: string, items: readonly JsonNode[]): { configured: Configured[]; order: number[] } {
  const candidates = configuredBlocks(c, key);
  // A planned block beyond those the configuration makes (a `dynamic` block the sources expand to
  // fewer blocks than the plan: other values) is written like the first: with no configuration at
  // all, every attribute of it was dropped, its open CIDR with them.
  const positional = (i: number): Configured => (c.kind === 'all' ? c : c.kind === 'expressions' ? (candidates[i] ?? candidates[0] ?? { kind: 'expressions', node: undefined }) : (candidates[i] ?? candidates[0] ?? { kind: 'source', body: undefined }));
  const identity = items.map((_, i) => i);
  if (candidates.length < 2 || items.length < 2) return { configured: items.map((_, i) => positional(i)), order: identity };
  const pairOf = pairByWrittenValues(candidates.map(writtenValues), items);
  const configured = items.map((_, i) => (pairOf.has(i) ? candidates[pairOf.get(i)!]! : positional(i)));
  const order = pairOf.size === items.length ? [...identity].sort((a, b) => pairOf.get(a)! - pairOf.get(b)!) : identity;
  return { configured, order };
}

/**
 * Planned block i → the written block j it is: the one whose written values it holds (undefined
 * values, unknown when written, are not compared), position breaking ties.
 */
function pairByWrittenValues(written: readonly Map<string, unknown>[], items: readonly JsonNode[]): Map<number, number> {
  const planned = items.map((item) => toJsonValue(item) as Record<string, unknown>);
  const scored: { i: number; j: number; score: number }[] = [];
  written.forEach((values, j) => {
    planned.forEach((plannedValues, i) => {
      let score = 0;
      for (const [k, v] of values) if (v !== undefined) score += canonical(plannedValues?.[k] ?? null) === canonical(v) ? 1 : -1000;
      scored.push({ i, j, score });
    });
  });
  scored.sort((a, b) => b.score - a.score || Math.abs(a.i - a.j) - Math.abs(b.i - b.j) || a.i - b.i);
  const pairOf = new Map<number, number>();
  const used = new Set<number>();
  for (const { i, j } of scored) {
    if (pairOf.has(i) || used.has(j)) continue;
    pairOf.set(i, j);
    used.add(j);
  }
  return pairOf;
}

/**
 * The planned elements of a list of objects written as an argument, in the order written. An
 * attributes-as-blocks set (an aws_security_group's `ingress`) is an argument in the provider's
 * schema: terraform plan 1.11.4 (hashicorp/aws 5.100.0, offline) writes three `ingress` blocks of
 * ports 443, 22, 3389 as that argument's constant_value in the order written, and `after` in the
 * set's own order (22, 443, 3389). Read in the plan's order, a plan alone said "ingress rule 1
 * allows port 22" of the block its sources call rule 2. (The sources hold such an argument as
 * blocks, which pairConfigured orders.) Undefined (the plan's order) when the configuration does
 * not write the list as a constant of the same length.
 */
function writtenOrder(c: Configured, key: string, node: JsonNode): number[] | undefined {
  if (c.kind !== 'expressions' || !isBlockList(node) || node.items.length < 2) return undefined;
  const constant = member(member(c.node, key), 'constant_value');
  if (constant?.kind !== 'array' || constant.items.length !== node.items.length) return undefined;
  // A null field is one the configuration leaves unset.
  const written = constant.items.map((item) => new Map(item.kind === 'object' ? item.entries.map((e) => [e.key, e.value.kind === 'null' ? undefined : toJsonValue(e.value)]) : []));
  const pairOf = pairByWrittenValues(written, node.items);
  return [...node.items.keys()].sort((a, b) => pairOf.get(a)! - pairOf.get(b)!);
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

/**
 * An argument written as an empty list, set or map that the provider plans as null, read as
 * written: the sources read it as the empty value, and a rule said "does not set alarm_actions" of
 * a plan where they said it is set to an empty list. hashicorp/aws 5.100 plans `alarm_actions = []`
 * of an aws_cloudwatch_metric_alarm as null, and `tags = {}` of an aws_cloudwatch_log_group as null
 * with tags_all unknown (terraform plan 1.11.4, offline): the plan alone said the group "sets no
 * data_classification tag (no tags, and no provider default_tags apply)", its sources that it "has
 * no data_classification tag". undefined for any other value.
 */
function writtenEmpty(ctx: BodyContext, c: Configured, key: string, sourceAttr: Sourced | undefined, at: Span, sensitive: boolean): Sourced | undefined {
  if (c.kind === 'source') {
    if (sourceAttr === undefined || sourceAttr.provenance !== 'explicit' || !isEmptyCollection(sourceAttr.value)) return undefined;
    return { ...sourceAttr, span: at, via: ctx.spansFromSource ? sourceAttr.via : [], sensitive: sensitive || sourceAttr.sensitive };
  }
  const constant = c.kind === 'expressions' ? member(member(c.node, key), 'constant_value') : undefined;
  const value = constant?.kind === 'array' && constant.items.length === 0 ? [] : constant?.kind === 'object' && constant.entries.length === 0 ? {} : undefined;
  if (value === undefined) return undefined;
  return { value, span: ctx.spansFromSource ? at : ctx.lines.span(ctx.file, constant!.start, constant!.end), provenance: 'explicit', via: [], sensitive };
}

function isEmptyCollection(value: Plain): boolean {
  return Array.isArray(value) ? value.length === 0 : isPlainObject(value) && Object.keys(value).length === 0;
}

/**
 * The AWS provider plans and stores user_data of aws_instance, aws_spot_instance_request,
 * aws_launch_configuration and a spot fleet's launch_specification as the SHA-1 of its text (5.100,
 * checked with an offline plan; user_data_base64 and a launch template's user_data are kept as
 * written), so a secret in it is in neither `after` nor the state. The text is the configuration's:
 * a plan's constant_value, or the sources' value (which the hash must never replace). Without
 * either, what the instance runs is not known here.
 */
const HASHED_TEXT = new Set(['user_data']);
const SHA1_HEX = /^[0-9a-f]{40}$/;

/** What a hashed value (HASHED_TEXT) stands for; undefined for any other value. `at`: where it is. */
function hashedText(ctx: BodyContext, c: Configured, key: string, node: JsonNode | undefined, sourceAttr: Sourced | undefined, at: Span): Sourced | undefined {
  if (node?.kind !== 'string' || !HASHED_TEXT.has(key) || !SHA1_HEX.test(node.value)) return undefined;
  if (c.kind === 'source' && sourceAttr) return sourceAttr;
  const constant = c.kind === 'expressions' ? member(member(c.node, key), 'constant_value') : undefined;
  if (constant?.kind === 'string') return { value: constant.value, span: ctx.lines.span(ctx.file, constant.start, constant.end), provenance: 'explicit', via: [], sensitive: false };
  return { value: unknownValue(`the provider records only a SHA-1 hash of ${key}, not its text`), span: at, provenance: 'unresolved', via: [], sensitive: false };
}

/**
 * Write-only arguments (`password_wo`, `value_wo`; Terraform >= 1.11) are null in a plan's `after`
 * and in state: Terraform never records their values. Read as unset, a configured one was left out,
 * and rules passed what they could not see (a secret-named String parameter's value_wo, a literal
 * password_wo). What the configuration says stands in for it: the sources' value, else the plan
 * configuration's constant_value (a literal written in the code, which the plan holds there), else a
 * value known only at apply time. Not configured (a state without sources): left out, as before.
 */
const WRITE_ONLY = /_wo$/;

/** The write-only keys a configuration writes, whether or not the planned values name them. */
function configuredWriteOnly(ctx: BodyContext, c: Configured): string[] {
  if (ctx.writeOnlyFromConfiguration !== true) return [];
  if (c.kind === 'source') return [...(c.body?.attributes.keys() ?? [])].filter((k) => WRITE_ONLY.test(k));
  if (c.kind === 'expressions' && c.node?.kind === 'object') return c.node.entries.filter((e) => WRITE_ONLY.test(e.key) && e.value.kind === 'object').map((e) => e.key);
  return [];
}

/** What a write-only argument (WRITE_ONLY) stands for; undefined for any other value. `at`: where it is. */
function writeOnlyValue(ctx: BodyContext, c: Configured, key: string, node: JsonNode | undefined, sourceAttr: Sourced | undefined, at: Span): Sourced | undefined {
  if (ctx.writeOnlyFromConfiguration !== true || !WRITE_ONLY.test(key) || (node !== undefined && node.kind !== 'null')) return undefined;
  if (c.kind === 'source') return sourceAttr;
  if (c.kind !== 'expressions') return undefined;
  // An expression Terraform does not evaluate for the configuration (a call: jsonencode(...)) is `{}`,
  // which isExpression cannot tell from an empty block; no block type's name ends in _wo.
  const expression = member(c.node, key);
  if (expression?.kind !== 'object') return undefined;
  // Sensitive: the providers define write-only arguments for secrets (passwords, tokens, secret values).
  const constant = member(expression, 'constant_value');
  if (constant?.kind === 'null') return undefined; // `password_wo = null`: unset, as written
  if (constant !== undefined) return { value: plainOf(constant, undefined), span: ctx.lines.span(ctx.file, constant.start, constant.end), provenance: 'explicit', via: [], sensitive: true };
  // References (a variable, an ephemeral resource), or a call.
  return { value: unknownValue(`${key} is write-only: Terraform never records its value in a plan or state`), span: at, provenance: 'unresolved', via: [], sensitive: true };
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
  /** The module instance the resource is in ('' for the root module): apply-time values name resources by its path. */
  readonly modulePath?: string;
  /**
   * Where in the sources a body no source block describes is written (blocks from a `dynamic` block
   * the sources expand to nothing): the enclosing block there, so findings point at the .tf code.
   */
  readonly anchor?: Span;
}

/**
 * What an attribute the plan knows only after apply is computed from, as the source evaluator says it
 * ("aws_kms_key.data.arn is computed by the provider"), so rules know which key a `kms_key_id` is:
 * the sources' own unknown when they are read beside the plan, else the configuration's references
 * when they all name one resource (not a variable, local or other resource that could pick another
 * value). Without it a plan turned "encrypted with the customer-managed key aws_kms_key.data" into
 * unknown. undefined when neither says.
 */
function configuredUnknown(ctx: BodyContext, c: Configured, key: string, sourceAttr: Sourced | undefined, modulePath: string | undefined): Plain | undefined {
  if (sourceAttr && isUnknown(sourceAttr.value)) return sourceAttr.value;
  const named = referencedAttribute(ctx, c, key, modulePath);
  if (named === undefined) return undefined;
  const data = named.local.startsWith('data.');
  // The plan names a data source's attributes, its id too, as read when Terraform runs.
  const cause: UnknownCause = { kind: 'attribute', address: named.address, type: named.local.split('.')[data ? 1 : 0]!, mode: data ? 'data' : 'managed', attribute: named.attribute, how: data ? 'read' : 'computed' };
  return unknownValue(describeCause(cause), undefined, cause);
}

/**
 * The one resource attribute an argument's configuration references name (`aws_kms_key.data.arn`
 * with `aws_kms_key.data`), by its address with the module instance path (`module.key.aws_kms_key.this`,
 * through a module's variable or another's output: BodyContext.resolveReference); `local`: the address
 * within its module. undefined when they name a local, a root variable or more than one resource.
 */
function referencedAttribute(ctx: BodyContext, c: Configured, key: string, modulePath: string | undefined): { readonly address: string; readonly local: string; readonly attribute: string } | undefined {
  if (c.kind !== 'expressions') return undefined;
  const references = member(member(c.node, key), 'references');
  if (references?.kind !== 'array') return undefined;
  const prefix = modulePath ? `${modulePath}.` : '';
  const absolute: string[] = [];
  for (const item of references.items) {
    if (item.kind !== 'string') return undefined;
    if (RESOURCE_REFERENCE.test(item.value)) absolute.push(`${prefix}${item.value}`);
    else {
      const resolved = ctx.resolveReference?.(modulePath ?? '', item.value);
      if (resolved === undefined) return undefined;
      absolute.push(...resolved);
    }
  }
  // Terraform lists the traversal and its resource's address (`aws_kms_key.data.arn`, `aws_kms_key.data`).
  let address: string | undefined;
  let local: string | undefined;
  let attribute: string | undefined;
  for (const ref of absolute) {
    const split = MODULE_PATH.exec(ref);
    const m = split ? RESOURCE_REFERENCE.exec(split[2]!) : null;
    if (!split || !m) return undefined;
    const full = `${split[1]!}${m[1]!}`;
    const config = full.replace(/\[[^\]]*\]$/, '');
    if (address !== undefined && address.replace(/\[[^\]]*\]$/, '') !== config) return undefined;
    if (address === undefined || full.length > address.length) {
      address = full;
      local = m[1]!;
    }
    attribute ??= m[2];
  }
  if (address === undefined || local === undefined || attribute === undefined) return undefined;
  return { address, local, attribute };
}

/** A reference's module instance path (`module.a["x"].`) and the rest. */
const MODULE_PATH = /^((?:module\.[A-Za-z_][\w-]*(?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\.)*)(.+)$/;

/**
 * The rendered policy of an argument written as a deferred aws_iam_policy_document's `json`
 * (BodyContext.deferredDocuments). The references cannot tell `data.d.json` from a function of it
 * (`replace(data.d.json, …)`), which a plan's configuration does not write out: read as the
 * document itself, as written nearly always.
 */
function deferredDocument(ctx: BodyContext, c: Configured, key: string, modulePath: string | undefined): string | undefined {
  if (ctx.deferredDocuments === undefined || ctx.deferredDocuments.size === 0) return undefined;
  const named = referencedAttribute(ctx, c, key, modulePath);
  if (named === undefined || !named.local.startsWith('data.aws_iam_policy_document.') || (named.attribute !== 'json' && named.attribute !== 'minified_json')) return undefined;
  return ctx.deferredDocuments.get(named.address)?.[named.attribute];
}

/**
 * A reference to a resource or data source, or to one of its attributes: `aws_kms_key.data`,
 * `aws_kms_key.data[0].arn`. A resource type has an underscore (provider_type); `var`, `local`,
 * `module`, `each`, `count`, `path` and `self` have none.
 */
const RESOURCE_REFERENCE = /^((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]*\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?)(?:\.([A-Za-z_][\w-]*))?$/;

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
  const sourceSpan = ctx.spansFromSource ? (sourceBody?.span ?? input.anchor) : undefined;
  const bodySpan = sourceSpan ?? input.span;
  const attributes = new Map<string, Sourced>();
  const blocks: NestedBlock[] = [];
  const keys = new Set<string>(values?.entries.map((e) => e.key) ?? []);
  for (const key of configuredWriteOnly(ctx, configured)) keys.add(key);
  if (typeof unknownMask === 'object' && unknownMask !== null && !Array.isArray(unknownMask)) {
    for (const [k, v] of Object.entries(unknownMask)) if (v === true) keys.add(k);
  }
  for (const key of keys) {
    const entry = values?.entries.find((e) => e.key === key);
    const node = entry?.value;
    const unknown = maskKey(unknownMask, key);
    const sensitive = maskKey(sensitiveMask, key);
    const where = configuredAt(ctx, configured, key);
    const jsonSpan = entry ? ctx.lines.span(ctx.file, entry.keyStart, entry.value.end) : input.span;
    // Content from a dynamic block: no configuration describes it, so all of it counts as written (as
    // in a state). The plan's configuration never names one; the sources do not when they expand it to
    // nothing with values other than the plan's (a `dynamic "ingress"` over a variable's default []).
    const undescribed = configured.kind === 'expressions' || (configured.kind === 'source' && ctx.sourcesEvaluatedAsPlanned !== true);
    const dynamic = isBlockList(node) && unknown !== true && !where.block && !where.attribute && undescribed && writtenByDynamic(node, key, input.before);
    if (isBlockList(node) && unknown !== true && (where.block || configured.kind === 'all' || dynamic)) {
      const paired = dynamic ? undefined : pairConfigured(configured, key, node.items);
      for (const i of paired?.order ?? node.items.keys()) {
        const item = node.items[i]!;
        const inner: Configured = paired ? paired.configured[i]! : { kind: 'all' };
        const before = dynamic ? undefined : beforeItem(input.before, key, i);
        const body = buildBody(ctx, {
          values: item as JsonObject,
          span: ctx.lines.span(ctx.file, item.start, item.end),
          unknownMask: maskIndex(unknown, i),
          sensitiveMask: maskIndex(sensitive, i),
          configured: inner,
          ...(before !== undefined ? { before } : {}),
          ...(sourceSpan !== undefined ? { anchor: sourceSpan } : {}),
          // A nested block's apply-time value names resources of the same module (a bucket's
          // kms_master_key_id in rule.apply_server_side_encryption_by_default): without the path it
          // named the root module's namesake, or through a module variable nothing.
          ...(input.modulePath !== undefined ? { modulePath: input.modulePath } : {}),
        });
        blocks.push({ type: key, labels: [], ...body });
      }
      continue;
    }
    if (!where.attribute && !where.block) continue; // not written in the configuration: as in source
    const sourceAttr = sourceBody?.attributes.get(key);
    // Where the sources write it, null there or not: the place, the path and the sensitivity of the JSON's value.
    const sourceSite = sourceAttr ?? sourceBody?.nullArguments?.get(key);
    const span = sourceSpan !== undefined ? (sourceSite?.span ?? sourceSpan) : jsonSpan;
    const writeOnly = unknown !== true ? writeOnlyValue(ctx, configured, key, node, sourceAttr, span) : undefined;
    if (writeOnly) {
      attributes.set(key, writeOnly);
      continue;
    }
    const empty = unknown !== true && node?.kind === 'null' ? writtenEmpty(ctx, configured, key, sourceAttr, span, maskAny(sensitive)) : undefined;
    if (empty) {
      attributes.set(key, empty);
      continue;
    }
    if (unknown !== true && isUnset(node, configured)) continue;
    const hashed = unknown === true ? undefined : hashedText(ctx, configured, key, node, sourceAttr, span);
    if (hashed) {
      attributes.set(key, hashed);
      continue;
    }
    // Known only after apply in the plan, yet the sources, evaluated with the plan's values, know it:
    // an aws_iam_policy_document read at apply time (it names an ARN not made yet) is rendered there
    // with that ARN as "${unknown}". Taken as unknown, a public bucket policy or `Action = "*"` in it
    // judged a failing source scan unknown once its plan was beside it.
    if (unknown === true && ctx.sourcesEvaluatedAsPlanned === true && sourceAttr !== undefined && !isUnknown(sourceAttr.value)) {
      attributes.set(key, { ...sourceAttr, span, via: ctx.spansFromSource ? sourceAttr.via : [], sensitive: maskAny(sensitive) || sourceAttr.sensitive });
      continue;
    }
    const document = unknown === true ? deferredDocument(ctx, configured, key, input.modulePath) : undefined;
    if (document !== undefined) {
      attributes.set(key, { value: document, span, provenance: 'explicit', via: [], sensitive: maskAny(sensitive) });
      continue;
    }
    const order = unknown !== true && node !== undefined ? writtenOrder(configured, key, node) : undefined;
    const value = (unknown === true ? configuredUnknown(ctx, configured, key, sourceAttr, input.modulePath) : undefined) ?? (order ? order.map((i) => plainOf((node as JsonArray).items[i], maskIndex(unknown, i))) : plainOf(node, unknown));
    const provenance: Provenance = unknown === true ? 'unresolved' : 'explicit';
    attributes.set(key, { value, span, provenance, via: ctx.spansFromSource ? (sourceSite?.via ?? []) : [], sensitive: maskAny(sensitive) || (sourceSite?.sensitive ?? false) });
  }
  return { span: bodySpan, attributes, blocks };
}
