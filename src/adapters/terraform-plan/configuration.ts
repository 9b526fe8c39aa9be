// The plan's `configuration` section: which attributes each resource writes, and the `references`
// in its expressions, which become Resource.references so split resources (aws_s3_bucket_* with
// `bucket = aws_s3_bucket.b.id`, unknown until apply) link to their bucket exactly.
import type { InstanceReference } from '../../model/resource.js';
import { member, stringMember, itemsOf, type JsonNode } from '../../parsers/tf-plan/json-tree.js';

export interface ConfiguredResource {
  readonly configAddress: string;
  /** Within its module: `aws_s3_bucket.b`. */
  readonly address: string;
  readonly expressions: JsonNode | undefined;
  /** Config addresses (`aws_kms_key.k`, `module.store.data.aws_iam_policy_document.p`). */
  readonly references: readonly string[];
  /** Each expression's `references`, as Terraform lists them (`aws_s3_bucket.b["raw"].id`, `count.index`): for instanceReferencesOf. */
  readonly expressionReferences: readonly (readonly string[])[];
  readonly countReferences: readonly string[];
  readonly forEachReferences: readonly string[];
  readonly providerConfigKey?: string;
}

export interface ProviderConfigInfo {
  readonly name: string;
  readonly alias?: string;
  readonly region?: JsonNode;
  /** The module that declares it ('' for the root); a module's implied configuration has no expressions. */
  readonly moduleAddress: string;
  readonly expressions?: JsonNode;
}

export interface ConfigurationIndex {
  readonly resources: ReadonlyMap<string, ConfiguredResource>;
  readonly providers: ReadonlyMap<string, ProviderConfigInfo>;
  /** Root module variables declared sensitive. */
  readonly sensitiveVariables: ReadonlySet<string>;
  /** Each module's calls and outputs, by configuration path ('' for the root, `module.a.module.b`). */
  readonly modules: ReadonlyMap<string, ModuleInfo>;
}

export interface ModuleInfo {
  /** The module calls in it: their argument expressions, and whether they have count or for_each. */
  readonly calls: ReadonlyMap<string, { readonly expressions: JsonNode | undefined; readonly keyed: boolean }>;
  /** Each output's expression references. */
  readonly outputs: ReadonlyMap<string, readonly string[]>;
  /** Its variables declared sensitive. */
  readonly sensitiveVariables: ReadonlySet<string>;
}

const NOT_RESOURCES = new Set(['var', 'local', 'each', 'count', 'path', 'terraform', 'self', 'module']);

/** `aws_s3_bucket.b[0].id` → `aws_s3_bucket.b`; `data.x.y.z` → `data.x.y`; var/local/module refs → undefined. */
export function resourceReference(ref: string): string | undefined {
  const parts = ref.replace(/\[[^\]]*\]/g, '').split('.');
  if (NOT_RESOURCES.has(parts[0]!)) return undefined;
  if (parts[0] === 'data') return parts.length >= 3 ? parts.slice(0, 3).join('.') : undefined;
  return parts.length >= 2 ? parts.slice(0, 2).join('.') : undefined;
}

/** Each `references` list under an expressions tree, one per expression. */
function expressionLists(node: JsonNode | undefined, out: string[][]): void {
  if (!node) return;
  if (node.kind === 'array') {
    for (const item of node.items) expressionLists(item, out);
    return;
  }
  if (node.kind !== 'object') return;
  for (const e of node.entries) {
    if (e.key === 'references') out.push(itemsOf(e.value).flatMap((r) => (r.kind === 'string' ? [r.value] : [])));
    else if (e.key !== 'constant_value') expressionLists(e.value, out);
  }
}

/** `aws_s3_bucket.b["raw"].id` → `["raw"]` after `aws_s3_bucket.b`; undefined when not indexed there. */
function indexAfter(ref: string, configAddress: string): string | undefined {
  if (!ref.startsWith(`${configAddress}[`)) return undefined;
  return /^\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/.exec(ref.slice(configAddress.length))?.[0];
}

/**
 * The instances of other counted or for_each resources that one instance names only by key, as the
 * source evaluator gives them (Resource.instanceReferences). Terraform lists a literal index
 * (`aws_s3_bucket.b["raw"]`), but `aws_s3_bucket.b[count.index]` only as `aws_s3_bucket.b` beside
 * `count.index` (`each.key` likewise): that is read as the instance with this one's key, when there is
 * one. `for_each = aws_s3_bucket.b` pairs keys too. Any other mention takes every instance.
 * `modulePath`: the instance's module (with keys); `exists`: whether an instance address is planned.
 */
export function instanceReferencesOf(c: ConfiguredResource, modulePath: string, index: string | number | undefined, exists: (address: string) => boolean): InstanceReference[] | undefined {
  const prefix = modulePath === '' ? '' : `${modulePath}.`;
  const self = c.address;
  const ownKey = index === undefined ? undefined : typeof index === 'number' ? `[${index}]` : `[${JSON.stringify(index)}]`;
  const byKey = new Map<string, Set<string>>();
  const whole = new Set<string>();
  const read = (refs: readonly string[], pairWith: string | undefined): void => {
    const mentioned = new Map<string, Set<string>>();
    for (const ref of refs) {
      const config = resourceReference(ref);
      if (config === undefined || config === self) continue;
      let keys = mentioned.get(config);
      if (!keys) mentioned.set(config, (keys = new Set()));
      const key = indexAfter(ref, config);
      if (key !== undefined) keys.add(key);
    }
    for (const [config, keys] of mentioned) {
      if (keys.size === 0 && pairWith !== undefined && ownKey !== undefined && exists(`${prefix}${config}${ownKey}`)) keys.add(ownKey);
      if (keys.size === 0) whole.add(config);
      else {
        let named = byKey.get(config);
        if (!named) byKey.set(config, (named = new Set()));
        for (const k of keys) named.add(`${prefix}${config}${k}`);
      }
    }
  };
  const pairing = typeof index === 'number' ? 'count.index' : 'each.key';
  for (const refs of c.expressionReferences) read(refs, refs.includes(pairing) ? pairing : undefined);
  read(c.forEachReferences, typeof index === 'string' ? 'for_each' : undefined);
  read(c.countReferences, undefined);
  const out: InstanceReference[] = [];
  const modulePrefix = c.configAddress.slice(0, c.configAddress.length - c.address.length);
  for (const [config, addresses] of byKey) if (!whole.has(config)) out.push({ configAddress: `${modulePrefix}${config}`, addresses: [...addresses] });
  return out.length > 0 ? out : undefined;
}

export function indexConfiguration(configuration: JsonNode | undefined): ConfigurationIndex {
  const resources = new Map<string, ConfiguredResource>();
  const providers = new Map<string, ProviderConfigInfo>();
  const sensitiveVariables = new Set<string>();
  const providerConfig = member(configuration, 'provider_config');
  if (providerConfig?.kind === 'object') {
    for (const e of providerConfig.entries) {
      const name = stringMember(e.value, 'name') ?? e.key;
      const alias = stringMember(e.value, 'alias');
      const expressions = member(e.value, 'expressions');
      const region = member(expressions, 'region');
      const moduleAddress = stringMember(e.value, 'module_address') ?? '';
      providers.set(e.key, { name, ...(alias !== undefined ? { alias } : {}), ...(region ? { region } : {}), moduleAddress, ...(expressions ? { expressions } : {}) });
    }
  }
  const root = member(configuration, 'root_module');
  const variables = member(root, 'variables');
  if (variables?.kind === 'object') {
    for (const e of variables.entries) if (member(e.value, 'sensitive')?.kind === 'boolean' && (member(e.value, 'sensitive') as { value: boolean }).value) sensitiveVariables.add(e.key);
  }
  const modules = new Map<string, ModuleInfo>();
  const visit = (mod: JsonNode | undefined, prefix: string, depth: number): void => {
    if (!mod || depth > 64) return;
    const moduleCalls = new Map<string, { readonly expressions: JsonNode | undefined; readonly keyed: boolean }>();
    for (const e of entriesOf(member(mod, 'module_calls'))) moduleCalls.set(e.key, { expressions: member(e.value, 'expressions'), keyed: member(e.value, 'count_expression') !== undefined || member(e.value, 'for_each_expression') !== undefined });
    const outputs = new Map<string, readonly string[]>();
    for (const e of entriesOf(member(mod, 'outputs'))) outputs.set(e.key, stringsOf(member(member(e.value, 'expression'), 'references')));
    const sensitive = new Set<string>();
    for (const e of entriesOf(member(mod, 'variables'))) if (member(e.value, 'sensitive')?.kind === 'boolean' && (member(e.value, 'sensitive') as { value: boolean }).value) sensitive.add(e.key);
    modules.set(prefix, { calls: moduleCalls, outputs, sensitiveVariables: sensitive });
    for (const r of itemsOf(member(mod, 'resources'))) {
      const address = stringMember(r, 'address');
      if (address === undefined) continue;
      // Each expression's references once: the resource-level set is made from the same lists.
      const expressionReferences: string[][] = [];
      expressionLists(member(r, 'expressions'), expressionReferences);
      const listOf = (key: string): string[] => itemsOf(member(member(r, key), 'references')).flatMap((x) => (x.kind === 'string' ? [x.value] : []));
      const countReferences = listOf('count_expression');
      const forEachReferences = listOf('for_each_expression');
      const refs = new Set<string>();
      for (const ref of [...expressionReferences.flat(), ...countReferences, ...forEachReferences]) {
        const resource = resourceReference(ref);
        if (resource) refs.add(resource);
      }
      const configAddress = prefix === '' ? address : `${prefix}.${address}`;
      refs.delete(address);
      // Module-relative in the configuration; configuration addresses in the model, as the source
      // evaluator gives them (indexed unprefixed, a module's bucket never found its versioning).
      const references = prefix === '' ? [...refs] : [...refs].map((ref) => `${prefix}.${ref}`);
      const providerConfigKey = stringMember(r, 'provider_config_key');
      resources.set(configAddress, {
        configAddress,
        address,
        expressions: member(r, 'expressions'),
        references,
        expressionReferences,
        countReferences,
        forEachReferences,
        ...(providerConfigKey !== undefined ? { providerConfigKey } : {}),
      });
    }
    const calls = member(mod, 'module_calls');
    if (calls?.kind === 'object') {
      for (const e of calls.entries) visit(member(e.value, 'module'), prefix === '' ? `module.${e.key}` : `${prefix}.module.${e.key}`, depth + 1);
    }
  };
  visit(root, '', 0);
  const index = { resources, providers, sensitiveVariables, modules };
  // A module's resource names what its caller passes in (`kms_key_id = var.key_arn`, given
  // `aws_kms_key.data.arn`) and a caller's what a module output gives (`s3_bucket_name =
  // module.logs.id`): Terraform lists only `var.key_arn` and `module.logs.id`, so the trail never
  // linked to its log bucket in a module, and a plan alone did not judge that bucket as audit evidence
  // (aws-s3-object-lock, aws-s3-mfa-delete: no finding where the sources fail). Linked through them,
  // as the source evaluator links them.
  for (const [configAddress, c] of resources) {
    const prefix = configAddress.slice(0, configAddress.length - c.address.length).replace(/\.$/, '');
    const more = new Set(c.references);
    for (const ref of c.expressionReferences.flat()) {
      if (resourceReference(ref) !== undefined) continue;
      for (const resolved of resolveReference(index, prefix, ref, 'configuration') ?? []) {
        const split = splitModulePath(resolved);
        const local = split ? resourceReference(split.local) : undefined;
        if (split && local !== undefined) more.add(split.modulePath === '' ? local : `${configModuleOf(split.modulePath)}.${local}`);
      }
    }
    more.delete(configAddress);
    if (more.size > c.references.length) resources.set(configAddress, { ...c, references: [...more] });
  }
  return index;
}

function stringsOf(node: JsonNode | undefined): string[] {
  return itemsOf(node).flatMap((x) => (x.kind === 'string' ? [x.value] : []));
}

function entriesOf(node: JsonNode | undefined): readonly { readonly key: string; readonly value: JsonNode }[] {
  return node?.kind === 'object' ? node.entries : [];
}

const KEY = String.raw`\[(?:"(?:[^"\\]|\\.)*"|\d+)\]`;
const LAST_MODULE = new RegExp(String.raw`^(?:(.*)\.)?module\.([A-Za-z_][\w-]*)(${KEY})?$`);
const MODULE_OUTPUT = new RegExp(String.raw`^module\.([A-Za-z_][\w-]*)(${KEY})?\.([A-Za-z_][\w-]*)$`);
const MODULE_PREFIX = new RegExp(String.raw`^((?:module\.[A-Za-z_][\w-]*(?:${KEY})?\.)*)(.+)$`);

/** A module instance path without its keys: `module.a["x"].module.b[0]` → `module.a.module.b`. */
export function configModuleOf(modulePath: string): string {
  return modulePath.replace(new RegExp(KEY, 'g'), '');
}

/** `module.a["x"].aws_kms_key.k.arn` → { modulePath: 'module.a["x"]', local: 'aws_kms_key.k.arn' }. */
export function splitModulePath(address: string): { readonly modulePath: string; readonly local: string } | undefined {
  const m = MODULE_PREFIX.exec(address);
  return m ? { modulePath: m[1]!.replace(/\.$/, ''), local: m[2]! } : undefined;
}

/**
 * What a `var.x` or `module.c.out` reference in a module stands for: the references of the caller's
 * argument, or of the module's output, followed up to resource references, with their module
 * instance path (`module.key.aws_kms_key.this.arn`). undefined when any step names something else
 * (a local, each.value, a root variable, a constant) or, for a module instance (`mode` 'instance'),
 * an output of a call with count or for_each read without a key (which instance is not said).
 */
export function resolveReference(config: ConfigurationIndex, modulePath: string, ref: string, mode: 'instance' | 'configuration', depth = 0): string[] | undefined {
  if (depth > 32) return undefined;
  const prefix = modulePath === '' ? '' : `${modulePath}.`;
  if (resourceReference(ref) !== undefined) return [`${prefix}${ref}`];
  const variable = /^var\.([A-Za-z_][\w-]*)$/.exec(ref);
  if (variable) {
    const call = LAST_MODULE.exec(modulePath);
    if (!call) return undefined;
    const parent = call[1] ?? '';
    const expression = member(config.modules.get(configModuleOf(parent))?.calls.get(call[2]!)?.expressions, variable[1]!);
    return resolveAll(config, parent, stringsOf(member(expression, 'references')), mode, depth);
  }
  // Terraform lists `module.logs` beside `module.logs.id`: the output names it.
  if (/^module\.[A-Za-z_][\w-]*$/.test(ref)) return [];
  const output = MODULE_OUTPUT.exec(ref);
  if (output) {
    const call = config.modules.get(configModuleOf(modulePath))?.calls.get(output[1]!);
    if (call === undefined || (call.keyed && output[2] === undefined && mode === 'instance')) return undefined;
    const child = `${prefix}module.${output[1]!}${output[2] ?? ''}`;
    const references = config.modules.get(configModuleOf(child))?.outputs.get(output[3]!);
    return references === undefined ? undefined : resolveAll(config, child, references, mode, depth);
  }
  return undefined;
}

function resolveAll(config: ConfigurationIndex, modulePath: string, refs: readonly string[], mode: 'instance' | 'configuration', depth: number): string[] | undefined {
  const out: string[] = [];
  for (const ref of refs) {
    const resolved = resolveReference(config, modulePath, ref, mode, depth + 1);
    if (resolved === undefined) return undefined;
    out.push(...resolved);
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The expression the caller of the module at `modulePath` (`module.b`, `module.a.module.b`; '' for the
 * root, which has none) gives its variable `name`, with the caller's path, and whether the module
 * declares the variable sensitive. undefined for the root module, or a call the configuration does not hold.
 */
export function callerArgument(config: ConfigurationIndex, modulePath: string, name: string): { readonly parent: string; readonly expression: JsonNode | undefined; readonly sensitive: boolean } | undefined {
  const call = LAST_MODULE.exec(modulePath);
  if (!call) return undefined;
  const parent = call[1] ?? '';
  const found = config.modules.get(configModuleOf(parent))?.calls.get(call[2]!);
  if (found === undefined) return undefined;
  return { parent, expression: member(found.expressions, name), sensitive: config.modules.get(configModuleOf(modulePath))?.sensitiveVariables.has(name) === true };
}

/**
 * The provider configuration a resource's provider_config_key names. A module that inherits its
 * parent's provider has an entry of its own (`module.a.module.b:aws`) with no expressions: the
 * configuration that applies is the nearest ancestor's that has one (a module between them that
 * holds no resource has no entry), up to the root's (`aws`).
 */
export function providerConfigFor(config: ConfigurationIndex, key: string): ProviderConfigInfo | undefined {
  const info = config.providers.get(key);
  if (info === undefined || info.expressions !== undefined || info.moduleAddress === '') return info;
  const local = key.slice(key.indexOf(':') + 1);
  let module = info.moduleAddress;
  for (let depth = 0; module !== '' && depth < 64; depth++) {
    module = module.replace(/\.?module\.[^.]+$/, '');
    const parent = config.providers.get(module === '' ? local : `${module}:${local}`);
    if (parent !== undefined && (parent.expressions !== undefined || module === '')) return parent;
  }
  return info;
}
