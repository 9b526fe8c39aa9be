// Terraform state → InfraModel (issue 7): the deployed resources, so the same rules judge deployed
// reality. Reads the state file itself (format version 4: terraform.tfstate, `terraform state pull`)
// and `terraform show -json` of a state. Spans point at the value in the state file: it is what is
// deployed, not what the sources say; the sources, when in the scan, only tell which attributes
// were written, so messages match a source scan.
import type { InfraModel } from '../../model/infra-model.js';
import type { InstanceReference, Resource } from '../../model/resource.js';
import type { Diagnostic } from '../../source/diagnostic.js';
import { LineIndex } from '../../source/line-index.js';
import { createInfraModel, IDENTITY_KEYS } from '../../graph/infra-model.js';
import { itemsOf, member, stringMember, toJsonValue, type JsonNode, type JsonObject } from '../../parsers/tf-plan/json-tree.js';
import type { BodyContext, Configured } from './body.js';
import { resourceReference } from './configuration.js';
import { adaptInstance, configAddressOf, SourceIndex, type InstanceInput } from './resource.js';
import { toMask } from './adapt-plan.js';
import { adaptStateOutputs } from './values.js';

export interface StateAdaptation {
  readonly model: InfraModel;
  readonly addresses: ReadonlySet<string>;
  readonly diagnostics: readonly Diagnostic[];
}

export interface AdaptStateInput {
  readonly file: string;
  readonly text: string;
  readonly root: JsonNode;
  readonly source?: InfraModel;
  /** The root module directory of `source` this file describes (its own directory); every root when absent. */
  readonly sourceRoot?: string;
}

/** `provider["registry.terraform.io/hashicorp/aws"].replica` → { name: 'aws', alias: 'replica' }. */
export function parseProviderAddress(provider: string | undefined, type: string): { name: string; alias?: string } {
  const m = provider ? /provider\["(?:[^"]*\/)?([^"/]+)"\](?:\.([A-Za-z0-9_-]+))?$/.exec(provider) : null;
  if (m) return m[2] ? { name: m[1]!, alias: m[2] } : { name: m[1]! };
  const underscore = type.indexOf('_');
  return { name: underscore > 0 ? type.slice(0, underscore) : type };
}

/** State v4 `sensitive_attributes` (paths of get_attr/index steps) → a mask like after_sensitive. */
export function sensitivePathsToMask(paths: JsonNode | undefined): unknown {
  const mask: Record<string, unknown> = {};
  for (const path of itemsOf(paths)) {
    const steps = itemsOf(path.kind === 'object' ? member(path, 'path') : path);
    let cursor: Record<string | number, unknown> | unknown[] = mask;
    steps.forEach((step, i) => {
      const type = stringMember(step, 'type');
      const raw = member(step, 'value');
      const keyNode = type === 'index' ? (member(raw, 'value') ?? raw) : raw;
      const key = keyNode ? toJsonValue(keyNode) : undefined;
      if (typeof key !== 'string' && typeof key !== 'number') return;
      const last = i === steps.length - 1;
      const container = cursor as Record<string | number, unknown>;
      if (last) container[key] = true;
      else {
        const next = steps[i + 1];
        const nextValue = member(next, 'value');
        const nextIsIndex = stringMember(next, 'type') === 'index' && (member(nextValue, 'value') ?? nextValue)?.kind === 'number';
        if (container[key] === undefined || container[key] === true) container[key] = nextIsIndex ? [] : {};
        cursor = container[key] as Record<string, unknown>;
      }
    });
  }
  return mask;
}

/** terraform_data's attributes of any type (DynamicPseudoType in its schema). */
const TERRAFORM_DATA_DYNAMIC = new Set(['input', 'output', 'triggers_replace']);

/**
 * A state file (v4) stores an attribute of any type as `{ "value": …, "type": <its type> }`, where
 * `terraform show -json` gives the value alone. Read as stored, the type was read as values: the
 * type of an input `{ password = var.token }`, `"password": "string"`, was a hard-coded secret at
 * `input.type[1].password`, and every path differed from the plan's and the shown state's. Only the
 * named attributes, of types whose schema says so (a map attribute may hold keys value and type).
 */
function withDynamicValues(attributes: JsonObject, dynamic: ReadonlySet<string>): JsonObject {
  let changed = false;
  const entries = attributes.entries.map((e) => {
    const wrapped = e.value.kind === 'object' && dynamic.has(e.key) && e.value.entries.length === 2 && member(e.value, 'type') !== undefined ? member(e.value, 'value') : undefined;
    if (wrapped === undefined) return e;
    changed = true;
    return { ...e, value: wrapped };
  });
  return changed ? { ...attributes, entries } : attributes;
}

function instanceKeySuffix(key: string | number | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

export function adaptState(input: AdaptStateInput): StateAdaptation {
  const { file, text, root } = input;
  const lines = new LineIndex(text);
  const sources = new SourceIndex(input.source, input.sourceRoot);
  const ctx: BodyContext = { file, lines, spansFromSource: false };
  const instances: { input: Omit<InstanceInput, 'references'>; dependencies: JsonNode | undefined }[] = [];
  const addresses = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const configuredFor = (source: Resource | undefined): Configured => (source ? { kind: 'source', body: source } : { kind: 'all' });

  const values = member(root, 'values');
  if (values) {
    // `terraform show -json` of a state: the values representation.
    const visit = (mod: JsonNode | undefined, modulePath: string, depth: number): void => {
      if (!mod || depth > 64) return;
      for (const r of itemsOf(member(mod, 'resources'))) {
        const address = stringMember(r, 'address');
        const type = stringMember(r, 'type');
        const name = stringMember(r, 'name');
        const vals = member(r, 'values');
        if (address === undefined || type === undefined || name === undefined || vals?.kind !== 'object') continue;
        const mode = stringMember(r, 'mode') === 'data' ? 'data' : 'managed';
        const source = sources.find(address, configAddressOf(mode, type, name, modulePath));
        const index = member(r, 'index');
        instances.push({
          input: {
            address, mode, type, name,
            ...(index?.kind === 'string' || index?.kind === 'number' ? { index: index.value } : {}),
            modulePath,
            provider: parseProviderAddress(undefined, type),
            values: vals,
            span: lines.span(file, r.start, r.end),
            unknownMask: undefined,
            sensitiveMask: toMask(member(r, 'sensitive_values')),
            configured: configuredFor(source),
            origin: 'terraform-state',
            ...(source ? { source } : {}),
          },
          dependencies: member(r, 'depends_on'),
        });
      }
      for (const child of itemsOf(member(mod, 'child_modules'))) visit(child, stringMember(child, 'address') ?? modulePath, depth + 1);
    };
    visit(member(values, 'root_module'), '', 0);
  } else {
    for (const r of itemsOf(member(root, 'resources'))) {
      const type = stringMember(r, 'type');
      const name = stringMember(r, 'name');
      if (type === undefined || name === undefined) {
        diagnostics.push({ code: 'parse/terraform-state', severity: 'warning', message: `${file}: a resource has no type or name; it was skipped.`, span: lines.span(file, r.start, r.end) });
        continue;
      }
      const mode = stringMember(r, 'mode') === 'data' ? 'data' : 'managed';
      const modulePath = stringMember(r, 'module') ?? '';
      const provider = parseProviderAddress(stringMember(r, 'provider'), type);
      for (const inst of itemsOf(member(r, 'instances'))) {
        if (member(inst, 'deposed') !== undefined) continue;
        const stored = member(inst, 'attributes');
        if (stored?.kind !== 'object') continue;
        const attributes = type === 'terraform_data' ? withDynamicValues(stored, TERRAFORM_DATA_DYNAMIC) : stored;
        const key = member(inst, 'index_key');
        const indexKey = key?.kind === 'string' || key?.kind === 'number' ? key.value : undefined;
        const local = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
        const address = `${modulePath === '' ? '' : `${modulePath}.`}${local}${instanceKeySuffix(indexKey)}`;
        const source = sources.find(address, configAddressOf(mode, type, name, modulePath));
        instances.push({
          input: {
            address, mode, type, name,
            ...(indexKey !== undefined ? { index: indexKey } : {}),
            modulePath,
            provider,
            values: attributes,
            span: lines.span(file, inst.start, inst.end),
            unknownMask: undefined,
            sensitiveMask: sensitivePathsToMask(member(inst, 'sensitive_attributes')),
            configured: configuredFor(source),
            origin: 'terraform-state',
            ...(source ? { source } : {}),
          },
          dependencies: member(inst, 'dependencies'),
        });
      }
    }
  }
  const links = new StateLinks(instances.map((i) => i.input));
  const resources = instances.map(({ input: i, dependencies }) => {
    addresses.add(i.address);
    const references = [...new Set(itemsOf(dependencies).flatMap((d) => (d.kind === 'string' ? [configReference(d.value)] : [])).filter((x): x is string => x !== undefined))];
    const instanceReferences = links.of(i, references);
    return adaptInstance(ctx, { ...i, references, ...(instanceReferences ? { instanceReferences } : {}) });
  });
  // Outputs are stored in clear text too (sensitive or not): tf-sensitive-outputs and tf-plan-state-holds-secrets read them.
  const outputs = adaptStateOutputs(ctx, member(values ?? root, 'outputs'));
  return { model: createInfraModel({ resources, diagnostics: [], outputs }), addresses, diagnostics };
}

/**
 * A dependency (`module.app.aws_kms_key.k`: a state records configurations, never instances) as a
 * configuration address, as the sources and plans give references. Made relative to the dependent's
 * module, a module's references were looked up by the configuration address of the resource they
 * name and never found (the module's backup selection covered no table).
 */
function configReference(dependency: string): string | undefined {
  const parts = /^((?:module\.[^.]+\.)*)(.+)$/.exec(dependency.replace(/\[[^\]]*\]/g, ''));
  const local = parts ? resourceReference(parts[2]!) : undefined;
  return local === undefined ? undefined : `${parts![1]}${local}`;
}

/** Attributes that say which object an instance is: what others hold to name it. */
const IDENTITIES = ['id', 'arn', ...IDENTITY_KEYS];

/**
 * Which instances a dependency names. A dependency takes every instance of a configuration, but
 * versioning v["raw"] configures one bucket of aws_s3_bucket.b's for_each, not each: the one whose
 * id it holds (bucket = the id). So, as the sources and plans name instances by key
 * (Resource.instanceReferences), the instances of a configuration with several (count, for_each,
 * a module's) that a resource names are those whose id, ARN or name is among its values; holding
 * none of them (depends_on alone), it depends on them all.
 */
class StateLinks {
  /** Configuration address → how many instances it has, and each instance by the identities it has. */
  private readonly byConfig = new Map<string, { count: number; byIdentity: Map<string, Set<string>> }>();

  constructor(instances: readonly Omit<InstanceInput, 'references'>[]) {
    for (const i of instances) {
      const config = configAddressOf(i.mode, i.type, i.name, i.modulePath);
      let entry = this.byConfig.get(config);
      if (!entry) this.byConfig.set(config, (entry = { count: 0, byIdentity: new Map() }));
      entry.count++;
      for (const key of IDENTITIES) {
        const v = member(i.values, key);
        if (v?.kind !== 'string' || v.value === '') continue;
        let named = entry.byIdentity.get(v.value);
        if (!named) entry.byIdentity.set(v.value, (named = new Set()));
        named.add(i.address);
      }
    }
  }

  of(i: Omit<InstanceInput, 'references'>, references: readonly string[]): InstanceReference[] | undefined {
    let held: Set<string> | undefined;
    const out: InstanceReference[] = [];
    for (const configAddress of references) {
      const entry = this.byConfig.get(configAddress);
      if (entry === undefined || entry.count < 2) continue;
      held ??= stringsIn(i.values);
      const named = new Set<string>();
      for (const v of held) for (const address of entry.byIdentity.get(v) ?? []) if (address !== i.address) named.add(address);
      if (named.size > 0 && named.size < entry.count) out.push({ configAddress, addresses: [...named] });
    }
    return out.length > 0 ? out : undefined;
  }
}

/** Every string value in a state object, at any depth. */
function stringsIn(values: JsonObject | undefined): Set<string> {
  const out = new Set<string>();
  const walk = (node: JsonNode, depth: number): void => {
    if (depth > 64) return;
    if (node.kind === 'string') out.add(node.value);
    else if (node.kind === 'array') for (const item of node.items) walk(item, depth + 1);
    else if (node.kind === 'object') for (const e of node.entries) walk(e.value, depth + 1);
  };
  if (values) walk(values, 0);
  return out;
}
