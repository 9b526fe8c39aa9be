// One plan or state resource instance → model Resource, shared by the plan and state adapters.
import type { InfraModel } from '../../model/infra-model.js';
import type { InstanceReference, Origin, Resource } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import type { Span } from '../../source/span.js';
import { configModulePath } from '../../graph/infra-model.js';
import type { JsonNode, JsonObject } from '../../parsers/tf-plan/json-tree.js';
import { buildBody, maskKey, maskAny, plainOf, type BodyContext, type Configured, type Mask } from './body.js';
import { attributesAsBlocks } from '../../model/attributes-as-blocks.js';
import { isPlainObject, isUnknown, unknownValue, type Plain } from '../../model/value.js';
import { withIgnoredTagsUnknown, type IgnoredTags } from '../../model/ignored-tags.js';
import { defaultTagsReach } from '../../graph/default-tags.js';

export interface InstanceInput {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  /** '' for the root module, else `module.app["prod"]`. */
  readonly modulePath: string;
  readonly provider: Resource['provider'];
  readonly values: JsonObject | undefined;
  /** The JSON object that describes the instance (a resource_changes entry, a state instance). */
  readonly span: Span;
  readonly unknownMask: Mask;
  readonly sensitiveMask: Mask;
  readonly configured: Configured;
  /** A plan's object before the change, or 'created' (BuildInput.before). */
  readonly before?: JsonNode | 'created';
  readonly references: readonly string[];
  /** Instances of other counted or for_each resources it names by key (Resource.instanceReferences). */
  readonly instanceReferences?: readonly InstanceReference[];
  /**
   * The provider's default_tags (a plan's configuration): null when its configuration sets none,
   * absent when not known. Merged in when the provider plans tags_all as unknown.
   */
  readonly defaultTags?: Sourced | null;
  /** The provider's ignore_tags, left out of the merged tags ('unknown': written with references). */
  readonly ignoredTags?: IgnoredTags | 'unknown';
  readonly origin: Origin;
  /** The same instance evaluated from the .tf sources, when they are in the scan. */
  readonly source?: Resource;
}

export function configAddressOf(mode: 'managed' | 'data', type: string, name: string, modulePath: string): string {
  const local = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
  return modulePath === '' ? local : `${configModulePath(modulePath)}.${local}`;
}

/** Source resources by address, and by config address for instances the evaluator could not key. */
export class SourceIndex {
  private readonly byAddress = new Map<string, Resource>();
  private readonly byConfig = new Map<string, Resource[]>();

  /**
   * `rootDir`: the plan's or state's directory. Only the sources of the root module there are its
   * configuration: another root module's resource at the same address is not what it describes.
   */
  constructor(model: InfraModel | undefined, rootDir?: string) {
    for (const r of model?.resources ?? []) {
      if (r.origin !== 'terraform' || (rootDir !== undefined && (r.root ?? '') !== rootDir)) continue;
      this.byAddress.set(r.address, r);
      const list = this.byConfig.get(r.configAddress);
      if (list) list.push(r);
      else this.byConfig.set(r.configAddress, [r]);
    }
  }

  get isEmpty(): boolean {
    return this.byAddress.size === 0;
  }

  find(address: string, configAddress: string): Resource | undefined {
    return this.byAddress.get(address) ?? this.byConfig.get(configAddress)?.[0];
  }
}

/**
 * Resource tags over the provider's default tags, as AWS merges them (a resource tag wins; one set
 * to null is left out). Default tags not known here leave the source's merge, else unknown tags.
 */
/** The merged tags with the keys the provider ignores unknown (graph/materialize.ts effectiveTags does the same for the sources). */
function withIgnored(tags: Sourced | undefined, ignored: IgnoredTags | 'unknown' | undefined, blockSpan: Span): Sourced | undefined {
  if (ignored === undefined || (tags !== undefined && (isUnknown(tags.value) || !isPlainObject(tags.value)))) return tags;
  if (ignored === 'unknown') return tags === undefined ? undefined : { ...tags, value: unknownValue('the provider ignore_tags is known only at apply time'), provenance: 'unresolved' };
  return withIgnoredTagsUnknown(tags, ignored, blockSpan);
}

function mergeDefaultTags(tags: Sourced | undefined, defaults: Sourced | null | undefined, fromSource: Sourced | undefined, blockSpan: Span): Sourced | undefined {
  if (defaults === null) return tags;
  if (defaults === undefined || (fromSource && isUnknown(defaults.value))) {
    if (fromSource) return fromSource;
    if (defaults === undefined) return { value: unknownValue('the provider\'s default_tags are not in the plan'), span: tags?.span ?? blockSpan, provenance: 'unresolved', via: [], sensitive: tags?.sensitive ?? false };
  }
  const via = [...(tags?.via ?? []), defaults.span, ...defaults.via];
  const sensitive = (tags?.sensitive ?? false) || defaults.sensitive;
  if (!tags) return { ...defaults, span: blockSpan, via };
  let value: Plain;
  if (isUnknown(tags.value)) value = tags.value;
  else if (isUnknown(defaults.value)) value = defaults.value;
  else {
    const merged: Record<string, Plain> = { ...(isPlainObject(defaults.value) ? defaults.value : {}) };
    if (isPlainObject(tags.value)) for (const [k, v] of Object.entries(tags.value)) if (v !== null) merged[k] = v;
    value = merged;
  }
  return { value, span: tags.span, provenance: isUnknown(value) ? 'unresolved' : 'explicit', via, sensitive };
}

export function adaptInstance(ctx: BodyContext, input: InstanceInput): Resource {
  let body = buildBody(ctx, {
    values: input.values,
    span: input.span,
    unknownMask: input.unknownMask,
    sensitiveMask: input.sensitiveMask,
    configured: input.configured,
    ...(input.before !== undefined ? { before: input.before } : {}),
    modulePath: input.modulePath,
  });
  if (input.mode === 'managed') {
    // ingress = [{ … }] written as an argument is in the plan as a list value: the same blocks.
    const attributes = new Map(body.attributes);
    const blocks = [...body.blocks];
    attributesAsBlocks(input.type, attributes, blocks);
    if (blocks.length !== body.blocks.length) body = { ...body, attributes, blocks };
  }
  const configAddress = configAddressOf(input.mode, input.type, input.name, input.modulePath);
  const source = input.source;
  const references = new Set([...input.references, ...(source?.references ?? [])]);
  references.delete(input.mode === 'data' ? `data.${input.type}.${input.name}` : `${input.type}.${input.name}`);
  references.delete(configAddress);
  let effectiveTags: Sourced | undefined;
  if (input.mode === 'managed') {
    const tagsAll = input.values?.entries.find((e) => e.key === 'tags_all');
    const tags = body.attributes.get('tags');
    if (!tagsAll && maskKey(input.unknownMask, 'tags_all') === true && defaultTagsReach(input.type)) {
      // The AWS provider plans tags_all as unknown when a resource tag is empty (tags = { team = "" }),
      // yet applies the default tags all the same: merge them here, as the source evaluator does.
      const fromSource = ctx.spansFromSource ? source?.effectiveTags : undefined;
      const merged = mergeDefaultTags(tags, input.defaultTags, fromSource, body.span);
      // The sources' tags have ignore_tags applied already.
      effectiveTags = merged === fromSource ? merged : withIgnored(merged, input.ignoredTags, body.span);
    } else if (tagsAll && tagsAll.value.kind === 'object' && tagsAll.value.entries.length === 0 && !tags && maskKey(input.unknownMask, 'tags_all') !== true) {
      // An empty tags_all with no tags written: neither the resource nor its provider tags it. The
      // provider plans that as {} for some types (aws_vpc_security_group_ingress_rule, framework
      // resources) and as unknown for others; the sources say nothing either way. Read as merged tags,
      // it made every such resource in a plan fail phi-data-classification-tags, which judges
      // untagged resources only of the data-store types in the sources.
      effectiveTags = undefined;
    } else if (tagsAll && tagsAll.value.kind !== 'null') {
      const unknown = maskKey(input.unknownMask, 'tags_all');
      const value = plainOf(tagsAll.value, unknown);
      const span = tags?.span ?? (ctx.spansFromSource && source ? (source.effectiveTags?.span ?? body.span) : ctx.lines.span(ctx.file, tagsAll.keyStart, tagsAll.value.end));
      effectiveTags = { value, span, provenance: unknown === true ? 'unresolved' : 'explicit', via: tags?.via ?? [], sensitive: maskAny(maskKey(input.sensitiveMask, 'tags_all')) };
    } else if (tags) effectiveTags = tags;
    else if (source?.effectiveTags && ctx.spansFromSource) effectiveTags = source.effectiveTags;
    // tags_all leaves the ignored keys out; the sources' tags hold them unknown already (withIgnored leaves those as they are).
    if (input.ignoredTags !== undefined && input.ignoredTags !== 'unknown' && defaultTagsReach(input.type)) effectiveTags = withIgnored(effectiveTags, input.ignoredTags, body.span);
  }
  // The sources name instances by key more exactly than a plan's reference lists can (when the
  // evaluator keyed this very instance; another instance of its configuration names others).
  const instanceReferences = source?.address === input.address ? source.instanceReferences : input.instanceReferences;
  return {
    address: input.address,
    configAddress,
    mode: input.mode,
    type: input.type,
    name: input.name,
    modulePath: input.modulePath,
    ...(input.index !== undefined ? { instanceKey: input.index } : {}),
    origin: input.origin,
    // A plan or state is its own deployment, a root module of its own: judged beside the scan's other
    // plans (or states) as root modules are, its resources link to theirs only as root modules' do.
    root: ctx.file,
    provider: providerWithSource(input.provider, source?.provider),
    ...(effectiveTags ? { effectiveTags } : {}),
    references: [...references],
    ...(instanceReferences !== undefined ? { instanceReferences } : {}),
    comments: ctx.spansFromSource ? (source?.comments ?? []) : [],
    // The construct CDK for Terraform synthesized it from: the sources' cdk.tf.json names it, the plan does not.
    ...(source?.constructPath !== undefined ? { constructPath: source.constructPath } : {}),
    ...body,
  };
}

/** The plan's provider, with the region and account the sources resolved where the plan does not tell them (a variable's value it leaves out). */
function providerWithSource(planned: Resource['provider'], source: Resource['provider'] | undefined): Resource['provider'] {
  if (source === undefined) return planned;
  const region = planned.region ?? source.region;
  const account = planned.account ?? source.account;
  if (region === planned.region && account === planned.account) return planned;
  return { ...planned, ...(region ? { region } : {}), ...(account ? { account } : {}) };
}
