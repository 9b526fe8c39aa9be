// Terraform state → InfraModel (issue 7): the deployed resources, so the same rules judge deployed
// reality. Reads the state file itself (format version 4: terraform.tfstate, `terraform state pull`)
// and `terraform show -json` of a state. Spans point at the value in the state file: it is what is
// deployed, not what the sources say; the sources, when in the scan, only tell which attributes
// were written, so messages match a source scan.
import type { InfraModel } from '../../model/infra-model.js';
import type { Resource } from '../../model/resource.js';
import type { Diagnostic } from '../../source/diagnostic.js';
import { LineIndex } from '../../source/line-index.js';
import { configModulePath, createInfraModel } from '../../graph/infra-model.js';
import { itemsOf, member, stringMember, toJsonValue, type JsonNode } from '../../parsers/tf-plan/json-tree.js';
import type { BodyContext, Configured } from './body.js';
import { resourceReference } from './configuration.js';
import { adaptInstance, configAddressOf, SourceIndex } from './resource.js';
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

function instanceKeySuffix(key: string | number | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

export function adaptState(input: AdaptStateInput): StateAdaptation {
  const { file, text, root } = input;
  const lines = new LineIndex(text);
  const sources = new SourceIndex(input.source, input.sourceRoot);
  const ctx: BodyContext = { file, lines, spansFromSource: false };
  const resources: Resource[] = [];
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
        const prefix = configModulePath(modulePath);
        const references = itemsOf(member(r, 'depends_on')).flatMap((d) => (d.kind === 'string' ? [relativeRef(d.value, prefix)] : [])).filter((x): x is string => x !== undefined);
        resources.push(
          adaptInstance(ctx, {
            address, mode, type, name,
            ...(index?.kind === 'string' || index?.kind === 'number' ? { index: index.value } : {}),
            modulePath,
            provider: parseProviderAddress(undefined, type),
            values: vals,
            span: lines.span(file, r.start, r.end),
            unknownMask: undefined,
            sensitiveMask: toMask(member(r, 'sensitive_values')),
            configured: configuredFor(source),
            references,
            origin: 'terraform-state',
            ...(source ? { source } : {}),
          }),
        );
        addresses.add(address);
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
      const prefix = configModulePath(modulePath);
      const provider = parseProviderAddress(stringMember(r, 'provider'), type);
      for (const inst of itemsOf(member(r, 'instances'))) {
        if (member(inst, 'deposed') !== undefined) continue;
        const attributes = member(inst, 'attributes');
        if (attributes?.kind !== 'object') continue;
        const key = member(inst, 'index_key');
        const indexKey = key?.kind === 'string' || key?.kind === 'number' ? key.value : undefined;
        const local = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
        const address = `${modulePath === '' ? '' : `${modulePath}.`}${local}${instanceKeySuffix(indexKey)}`;
        const source = sources.find(address, configAddressOf(mode, type, name, modulePath));
        const references = itemsOf(member(inst, 'dependencies')).flatMap((d) => (d.kind === 'string' ? [relativeRef(d.value, prefix)] : [])).filter((x): x is string => x !== undefined);
        resources.push(
          adaptInstance(ctx, {
            address, mode, type, name,
            ...(indexKey !== undefined ? { index: indexKey } : {}),
            modulePath,
            provider,
            values: attributes,
            span: lines.span(file, inst.start, inst.end),
            unknownMask: undefined,
            sensitiveMask: sensitivePathsToMask(member(inst, 'sensitive_attributes')),
            configured: configuredFor(source),
            references,
            origin: 'terraform-state',
            ...(source ? { source } : {}),
          }),
        );
        addresses.add(address);
      }
    }
  }
  // Outputs are stored in clear text too (sensitive or not): tf-sensitive-outputs and tf-plan-state-holds-secrets read them.
  const outputs = adaptStateOutputs(ctx, member(values ?? root, 'outputs'));
  return { model: createInfraModel({ resources, diagnostics: [], outputs }), addresses, diagnostics };
}

/** An absolute dependency (`module.app.aws_kms_key.k`) relative to the dependent's module. */
function relativeRef(dependency: string, modulePrefix: string): string | undefined {
  const withoutKeys = dependency.replace(/\[[^\]]*\]/g, '');
  if (modulePrefix !== '' && withoutKeys.startsWith(`${modulePrefix}.`)) return resourceReference(withoutKeys.slice(modulePrefix.length + 1));
  return withoutKeys.startsWith('module.') ? undefined : resourceReference(withoutKeys);
}
