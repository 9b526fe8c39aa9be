// `terraform show -json <planfile>` → InfraModel (issue 7). The planned objects come from
// resource_changes (`after` + `after_unknown` + `after_sensitive`), data sources from planned_values
// and prior_state, links from the configuration's `references`. When the .tf sources are in the
// scan, every span points back at them (STYLE.md §2); otherwise at the value in the plan file.
import type { InfraModel } from '../../model/infra-model.js';
import type { PlannedChange } from '../../model/plan.js';
import type { InstanceReference, Resource } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import { containsUnknown, unknownValue, type Plain } from '../../model/value.js';
import { dirOf } from '../../util/paths.js';
import { namedAccount } from '../../model/aws-account.js';
import type { Diagnostic } from '../../source/diagnostic.js';
import { LineIndex } from '../../source/line-index.js';
import { createInfraModel } from '../../graph/infra-model.js';
import { itemsOf, member, stringMember, toJsonValue, type JsonNode, type JsonObject } from '../../parsers/tf-plan/json-tree.js';
import { plainOf, type BodyContext, type Configured } from './body.js';
import { callerArgument, indexConfiguration, instanceReferencesOf, providerConfigFor, resolveReference, type ConfigurationIndex } from './configuration.js';
import { changedPaths, topAttribute, weakeningsOf, type DriftEntry } from './drift.js';
import { adaptInstance, configAddressOf, SourceIndex } from './resource.js';
import type { IgnoredTags } from '../../model/ignored-tags.js';
import { adaptPlanValues } from './values.js';
import { deferredPolicyDocuments } from './policy-document.js';

export type { PlannedChange } from '../../model/plan.js';

export interface PlanAdaptation {
  readonly model: InfraModel;
  /** Addresses of the resources in the model (plan findings replace source findings on these). */
  readonly addresses: ReadonlySet<string>;
  readonly drift: readonly DriftEntry[];
  readonly changes: readonly PlannedChange[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface AdaptPlanInput {
  readonly file: string;
  readonly text: string;
  readonly root: JsonNode;
  /** The model evaluated from the .tf sources in the same scan, if any. */
  readonly source?: InfraModel;
  /** The root module directory of `source` this file describes (its own directory); every root when absent. */
  readonly sourceRoot?: string;
}

function modeOf(node: JsonNode): 'managed' | 'data' {
  return stringMember(node, 'mode') === 'data' ? 'data' : 'managed';
}

function indexOf(node: JsonNode): string | number | undefined {
  const index = member(node, 'index');
  return index?.kind === 'string' || index?.kind === 'number' ? index.value : undefined;
}

function providerOf(config: ConfigurationIndex, configAddress: string, providerName: string | undefined, type: string, variables: JsonNode | undefined, ctx: BodyContext): Resource['provider'] {
  const key = config.resources.get(configAddress)?.providerConfigKey;
  const info = key !== undefined ? config.providers.get(key) : undefined;
  const name = info?.name ?? providerName?.replace(/^.*\//, '') ?? type.slice(0, Math.max(0, type.indexOf('_'))) ?? type;
  // A module's configuration inherited from its caller has no expressions of its own: the caller's say the region and account.
  const declared = key !== undefined ? providerConfigFor(config, key) : undefined;
  const module = declared?.moduleAddress ?? '';
  // A constant, or a variable's value: what the plan says of a provider argument, sensitive when the
  // variable is (an account id from it is never printed). A module's own provider block reads the
  // module's variables (`module.b:aws` with `region = var.region`), which its caller's argument sets:
  // read as the root's variable of that name, a module in eu-west-1 was judged in the root's us-east-1.
  const valueOf = (expr: JsonNode | undefined, modulePath = module, depth = 0): { readonly node: JsonNode; readonly sensitive: boolean } | undefined => {
    const constant = member(expr, 'constant_value');
    if (constant !== undefined) return { node: constant, sensitive: false };
    const ref = itemsOf(member(expr, 'references')).find((r) => r.kind === 'string' && r.value.startsWith('var.'));
    if (ref?.kind !== 'string') return undefined;
    const name = ref.value.slice(4).replace(/[.[].*$/, '');
    if (modulePath === '') {
      const value = member(member(variables, name), 'value');
      return value !== undefined ? { node: value, sensitive: config.sensitiveVariables.has(name) } : undefined;
    }
    const given = depth < 64 ? callerArgument(config, modulePath, name) : undefined;
    // No argument: the variable's default, which the plan's configuration does not hold; unknown here.
    const value = given?.expression !== undefined ? valueOf(given.expression, given.parent, depth + 1) : undefined;
    return value !== undefined ? { node: value.node, sensitive: value.sensitive || given!.sensitive } : undefined;
  };
  const at = (node: JsonNode, value: string, sensitive: boolean): Sourced => ({ value, span: ctx.lines.span(ctx.file, node.start, node.end), provenance: 'explicit', via: [], sensitive });
  const region = valueOf(declared?.region ?? info?.region);
  const regionValue = region?.node.kind === 'string' ? at(region.node, region.node.value, region.sensitive) : undefined;
  const expressions = declared?.expressions;
  const allowed = member(expressions, 'allowed_account_ids');
  const ids = allowed !== undefined ? valueOf(allowed) : undefined;
  const roles = [...itemsOf(member(expressions, 'assume_role')), ...itemsOf(member(expressions, 'assume_role_with_web_identity'))];
  const arn = roles.length > 0 ? valueOf(member(roles[roles.length - 1], 'role_arn')) : undefined;
  const found = namedAccount<JsonNode>(allowed !== undefined ? itemsOf(ids?.node) : undefined, arn?.node, (n) => (n.kind === 'string' ? n.value : undefined));
  const account = found !== undefined ? at(found.at, found.account, (allowed !== undefined ? ids : arn)?.sensitive ?? false) : undefined;
  return { name, ...(info?.alias !== undefined ? { alias: info.alias } : {}), ...(regionValue ? { region: regionValue } : {}), ...(account ? { account } : {}), ...(module !== '' ? { module } : {}) };
}

/**
 * The default_tags of the provider configuration a resource uses: null when it sets none, unknown
 * when written with references (`tags = var.tags`), absent when the plan does not say.
 */
function defaultTagsOf(config: ConfigurationIndex, configAddress: string, ctx: BodyContext): Sourced | null | undefined {
  const key = config.resources.get(configAddress)?.providerConfigKey;
  const info = key !== undefined ? providerConfigFor(config, key) : undefined;
  if (info === undefined) return undefined;
  const block = itemsOf(member(info.expressions, 'default_tags'))[0];
  const expr = member(block, 'tags');
  if (expr === undefined) return null;
  const constant = member(expr, 'constant_value');
  const span = ctx.lines.span(ctx.file, (constant ?? expr).start, (constant ?? expr).end);
  if (constant?.kind === 'object') return { value: plainOf(constant, undefined), span, provenance: 'explicit', via: [], sensitive: false };
  return { value: unknownValue('the provider\'s default_tags are computed from references'), span, provenance: 'unresolved', via: [], sensitive: false };
}

/**
 * The tag keys the provider's `ignore_tags` names (it neither sets nor reads them, and leaves them out
 * of tags_all, as graph/materialize.ts effectiveTags has it): 'unknown' when written with references,
 * undefined when it names none or the plan does not say.
 */
function ignoredTagsOf(config: ConfigurationIndex, configAddress: string): IgnoredTags | 'unknown' | undefined {
  const key = config.resources.get(configAddress)?.providerConfigKey;
  const info = key !== undefined ? providerConfigFor(config, key) : undefined;
  const block = itemsOf(member(info?.expressions, 'ignore_tags'))[0];
  if (block === undefined) return undefined;
  const read = (name: string): string[] | 'unknown' => {
    const expr = member(block, name);
    if (expr === undefined) return [];
    const constant = member(expr, 'constant_value');
    return constant === undefined ? 'unknown' : itemsOf(constant).flatMap((k) => (k.kind === 'string' ? [k.value] : []));
  };
  const keys = read('keys');
  const prefixes = read('key_prefixes');
  if (keys === 'unknown' || prefixes === 'unknown') return 'unknown';
  return keys.length > 0 || prefixes.length > 0 ? { keys, prefixes } : undefined;
}

export function adaptPlan(input: AdaptPlanInput): PlanAdaptation {
  const { file, text, root } = input;
  const lines = new LineIndex(text);
  const sources = new SourceIndex(input.source, input.sourceRoot);
  const variables = member(root, 'variables');
  const configuration = member(root, 'configuration');
  const config = indexConfiguration(configuration);
  const deferredDocuments = deferredPolicyDocuments(itemsOf(member(root, 'resource_changes')), (node) => lines.span(file, node.start, node.end));
  const ctx: BodyContext = {
    file,
    lines,
    spansFromSource: !sources.isEmpty,
    writeOnlyFromConfiguration: true,
    sourcesEvaluatedAsPlanned: !sources.isEmpty && sameVariableValues(input, variables),
    deferredDocuments,
    resolveReference: (modulePath, ref) => resolveReference(config, modulePath, ref, 'instance'),
  };
  const diagnostics: Diagnostic[] = [];
  const resources: Resource[] = [];
  const seen = new Set<string>();
  const changes: PlannedChange[] = [];

  // Every instance address the plan knows, so `b[count.index]` is paired only with an instance there is.
  const planned = new Set<string>();
  for (const rc of itemsOf(member(root, 'resource_changes'))) {
    const address = stringMember(rc, 'address');
    if (address !== undefined) planned.add(address);
  }
  const addAddresses = (moduleNode: JsonNode | undefined, depth: number): void => {
    if (!moduleNode || depth > 64) return;
    for (const r of itemsOf(member(moduleNode, 'resources'))) {
      const address = stringMember(r, 'address');
      if (address !== undefined) planned.add(address);
    }
    for (const child of itemsOf(member(moduleNode, 'child_modules'))) addAddresses(child, depth + 1);
  };
  addAddresses(member(member(root, 'planned_values'), 'root_module'), 0);
  addAddresses(member(member(member(root, 'prior_state'), 'values'), 'root_module'), 0);
  const linksOf = (configAddress: string, modulePath: string, index: string | number | undefined): { instanceReferences?: InstanceReference[] } => {
    const c = config.resources.get(configAddress);
    const links = c ? instanceReferencesOf(c, modulePath, index, (a) => planned.has(a)) : undefined;
    return links ? { instanceReferences: links } : {};
  };

  const configuredFor = (configAddress: string, source: Resource | undefined): Configured => {
    if (source) return { kind: 'source', body: source };
    const c = config.resources.get(configAddress);
    if (c) return { kind: 'expressions', node: c.expressions };
    return { kind: 'all' };
  };

  for (const rc of itemsOf(member(root, 'resource_changes'))) {
    if (member(rc, 'deposed') !== undefined) continue;
    const address = stringMember(rc, 'address');
    const type = stringMember(rc, 'type');
    const name = stringMember(rc, 'name');
    if (address === undefined || type === undefined || name === undefined) {
      diagnostics.push({ code: 'parse/terraform-plan', severity: 'warning', message: `${file}: a resource_changes entry has no address, type or name; it was skipped.`, span: lines.span(file, rc.start, rc.end) });
      continue;
    }
    const mode = modeOf(rc);
    const modulePath = stringMember(rc, 'module_address') ?? '';
    const configAddress = configAddressOf(mode, type, name, modulePath);
    const change = member(rc, 'change');
    const actions = itemsOf(member(change, 'actions')).flatMap((a) => (a.kind === 'string' ? [a.value] : []));
    const actionReason = stringMember(rc, 'action_reason');
    const source = sources.find(address, configAddress);
    const span = ctx.spansFromSource && source ? source.span : lines.span(file, rc.start, rc.end);
    const after = member(change, 'after');
    const priorNode = member(change, 'before');
    let resource: Resource | undefined;
    if (after?.kind === 'object' && !(actions.length === 1 && actions[0] === 'delete')) {
      const index = indexOf(rc);
      resource = adaptInstance(ctx, {
        address,
        mode,
        type,
        name,
        ...(index !== undefined ? { index } : {}),
        modulePath,
        provider: providerOf(config, configAddress, stringMember(rc, 'provider_name'), type, variables, ctx),
        values: after as JsonObject,
        span: lines.span(file, after.start, after.end),
        unknownMask: toMask(member(change, 'after_unknown')),
        sensitiveMask: toMask(member(change, 'after_sensitive')),
        configured: configuredFor(configAddress, source),
        before: actions.includes('create') || priorNode?.kind !== 'object' ? 'created' : priorNode,
        references: config.resources.get(configAddress)?.references ?? [],
        ...linksOf(configAddress, modulePath, index),
        defaultTags: defaultTagsOf(config, configAddress, ctx),
        ignoredTags: ignoredTagsOf(config, configAddress),
        origin: 'terraform-plan',
        ...(source ? { source } : {}),
      });
      resources.push(resource);
      seen.add(address);
    }
    // The object a delete or replace removes: its tags say whether it held PHI (phi-plan-destroys-datastore).
    const beforeNode = member(change, 'before');
    let before: Resource | undefined;
    if (beforeNode?.kind === 'object' && actions.includes('delete')) {
      const index = indexOf(rc);
      before = adaptInstance(ctx, {
        address,
        mode,
        type,
        name,
        ...(index !== undefined ? { index } : {}),
        modulePath,
        provider: providerOf(config, configAddress, stringMember(rc, 'provider_name'), type, variables, ctx),
        values: beforeNode as JsonObject,
        span: lines.span(file, beforeNode.start, beforeNode.end),
        unknownMask: undefined,
        sensitiveMask: toMask(member(change, 'before_sensitive')),
        configured: { kind: 'all' },
        references: [],
        origin: 'terraform-plan',
      });
    }
    changes.push({ address, type, actions, ...(actionReason !== undefined ? { actionReason } : {}), ...(resource ? { resource } : {}), ...(before ? { before } : {}), span });
  }

  // Terraform 1.9+ may defer a change it cannot plan yet (an unknown for_each, a provider configured
  // from unknowns, with -allow-deferral or in a Stack) to a later plan: it is in deferred_changes,
  // not resource_changes, nor in planned_values, so nothing judged it and the scan said nothing.
  const deferred = itemsOf(member(root, 'deferred_changes')).flatMap((d) => {
    const address = stringMember(member(d, 'resource_change'), 'address');
    return address === undefined ? [] : [`${address}${stringMember(d, 'reason') !== undefined ? ` (${stringMember(d, 'reason')})` : ''}`];
  });
  if (deferred.length > 0) {
    const node = member(root, 'deferred_changes')!;
    const shown = deferred.slice(0, 5).join(', ') + (deferred.length > 5 ? ` and ${deferred.length - 5} more` : '');
    diagnostics.push({
      code: 'scan/plan-deferred',
      severity: 'warning',
      message: deferred.length === 1
        ? `${file}: Terraform deferred 1 resource's change to a later plan, so the plan does not say what it will be and it was not checked: ${shown}.`
        : `${file}: Terraform deferred ${deferred.length} resources' changes to a later plan, so the plan does not say what they will be and they were not checked: ${shown}.`,
      hint: 'Scan the plan of the next round (after this one is applied), or scan the sources beside the plan, which judge those resources as written.',
      span: lines.span(file, node.start, node.end),
    });
  }

  // Data sources read while planning are not in resource_changes: take them from planned_values,
  // then prior_state (where `terraform plan` records what it read).
  const addValues = (moduleNode: JsonNode | undefined, modulePath: string, depth: number, dataOnly: boolean): void => {
    if (!moduleNode || depth > 64) return;
    for (const r of itemsOf(member(moduleNode, 'resources'))) {
      const address = stringMember(r, 'address');
      const type = stringMember(r, 'type');
      const name = stringMember(r, 'name');
      const values = member(r, 'values');
      if (address === undefined || type === undefined || name === undefined || values?.kind !== 'object' || seen.has(address)) continue;
      const mode = modeOf(r);
      if (dataOnly && mode !== 'data') continue;
      const configAddress = configAddressOf(mode, type, name, modulePath);
      const source = sources.find(address, configAddress);
      const index = indexOf(r);
      resources.push(
        adaptInstance(ctx, {
          address,
          mode,
          type,
          name,
          ...(index !== undefined ? { index } : {}),
          modulePath,
          provider: providerOf(config, configAddress, stringMember(r, 'provider_name'), type, variables, ctx),
          values,
          span: lines.span(file, r.start, r.end),
          unknownMask: undefined,
          sensitiveMask: toMask(member(r, 'sensitive_values')),
          configured: configuredFor(configAddress, source),
          references: config.resources.get(configAddress)?.references ?? [],
          ...linksOf(configAddress, modulePath, index),
          origin: 'terraform-plan',
          ...(source ? { source } : {}),
        }),
      );
      seen.add(address);
    }
    for (const child of itemsOf(member(moduleNode, 'child_modules'))) addValues(child, stringMember(child, 'address') ?? modulePath, depth + 1, dataOnly);
  };
  addValues(member(member(root, 'planned_values'), 'root_module'), '', 0, false);
  addValues(member(member(member(root, 'prior_state'), 'values'), 'root_module'), '', 0, true);

  const drift: DriftEntry[] = [];
  for (const rd of itemsOf(member(root, 'resource_drift'))) {
    const address = stringMember(rd, 'address');
    const type = stringMember(rd, 'type');
    const name = stringMember(rd, 'name');
    if (address === undefined || type === undefined || name === undefined) continue;
    const change = member(rd, 'change');
    const before = member(change, 'before');
    const after = member(change, 'after');
    const actions = itemsOf(member(change, 'actions')).flatMap((a) => (a.kind === 'string' ? [a.value] : []));
    const changed = changedPaths(before ? toJsonValue(before) : null, after ? toJsonValue(after) : null);
    const source = sources.find(address, configAddressOf(modeOf(rd), type, name, stringMember(rd, 'module_address') ?? ''));
    const related = [...new Set(changed.map((c) => topAttribute(c.path)))].flatMap((attribute) => {
      const e = after?.kind === 'object' ? after.entries.find((x) => x.key === attribute) : undefined;
      return e ? [{ span: lines.span(file, e.keyStart, e.value.end), message: `${attribute} as found outside Terraform` }] : [];
    });
    drift.push({
      address,
      type,
      actions,
      changedAttributes: changed.map((c) => c.path),
      weakenings: weakeningsOf(changed),
      span: ctx.spansFromSource && source ? source.span : lines.span(file, rd.start, rd.end),
      related,
    });
  }

  // Variables and outputs point at their declarations in the plan file (tf-sensitive-* rules).
  const values = adaptPlanValues({ ...ctx, spansFromSource: false }, root);
  const model = createInfraModel({ resources, diagnostics: [], changes, drift, variables: values.variables, outputs: values.outputs });
  return { model, addresses: seen, drift, changes, diagnostics };
}

/**
 * Whether the sources in the scan were evaluated with the root variable values the plan was made
 * with (BodyContext.sourcesEvaluatedAsPlanned): each variable the plan lists has the same value in
 * the scan (its tfvars, --var, TF_VAR_ or default). Plans are mostly made with values the scan is not
 * given (-var, TF_VAR_ in CI, Terragrunt inputs); a variable with no value in the scan, or none
 * declared in the plan's root module there, is such a difference. Values are compared as text, as
 * Terraform records a TF_VAR_ bool or number in the plan as a string ("true", "0").
 */
function sameVariableValues(input: AdaptPlanInput, variables: JsonNode | undefined): boolean {
  const declared = new Map<string, Plain[]>();
  for (const v of input.source?.variables ?? []) {
    if (v.module !== '' || (input.sourceRoot !== undefined && dirOf(v.span.file) !== input.sourceRoot)) continue;
    const list = declared.get(v.name);
    if (list) list.push(v.value.value);
    else declared.set(v.name, [v.value.value]);
  }
  // Terraform leaves `variables` out of the plan of a root module that declares none: when the
  // sources' root declares none either, no value can differ (a configuration without variables was
  // never "evaluated as planned", and its sources' knowledge was dropped).
  if (variables === undefined) return declared.size === 0;
  if (variables.kind !== 'object') return false;
  return variables.entries.every((e) => {
    const planned = member(e.value, 'value');
    const values = declared.get(e.key);
    if (planned === undefined || values === undefined) return false;
    const text = comparable(toJsonValue(planned));
    return values.every((v) => !containsUnknown(v) && comparable(v) === text);
  });
}

function comparable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(comparable).join(',')}]`;
  if (typeof v === 'object' && v !== null) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${comparable((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(String(v));
}

/** Masks are small (booleans where values are unknown or sensitive): plain data is simplest to walk. */
export function toMask(node: JsonNode | undefined): unknown {
  return node ? toJsonValue(node) : undefined;
}
