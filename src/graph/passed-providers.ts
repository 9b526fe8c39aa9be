// What `terraform init` refuses in the provider configurations a module call passes to a local
// module (internal/configs validateProviderConfigs), checked with both modules' required_providers:
// - "Missing required provider configuration": the child declares `configuration_aliases =
//   [aws.x]` and neither configures aws.x itself nor is passed one (at the call's header; init
//   1.11.4: 'The child module requires an additional configuration for provider hashicorp/aws, with
//   the local name "aws.x".');
// - "Cannot override provider configuration": the child configures the provider itself (a provider
//   block with arguments) and the call passes one under the same name (at the key);
// - "Provider type mismatch": the key names, in the child, a provider of another type than the
//   configuration passed (`google = aws`, at the key).
// A call written in JSON, or to a module outside the scan, is not judged.
import type { Block, Expression } from '../parsers/hcl/ast.js';
import type { Declared, ModuleSource } from './load.js';
import { literalString, objectItemKey } from './load.js';

export interface PassedProviderProblem {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

interface ProviderRef {
  readonly name: string;
  readonly alias?: string;
  readonly start: number;
  readonly end: number;
}

/** `aws` or `aws.x` written out; anything else is refused elsewhere (config-structure.ts). */
function providerRef(expr: Expression): ProviderRef | undefined {
  if (expr.type !== 'traversal') return undefined;
  if (expr.steps.length === 0) return { name: expr.root, start: expr.start, end: expr.end };
  const step = expr.steps[0]!;
  if (expr.steps.length !== 1 || step.kind !== 'attr') return undefined;
  return { name: expr.root, alias: step.name, start: expr.start, end: expr.end };
}

const display = (r: ProviderRef): string => (r.alias !== undefined ? `${r.name}.${r.alias}` : r.name);

/**
 * A module's required_providers entries, local name to provider address (lower case, the registry
 * host written out), and its configuration aliases. An entry whose source cannot be read makes the
 * module's types unknown (undefined): nothing is judged against them.
 */
function requirements(mod: ModuleSource): { readonly types: ReadonlyMap<string, string>; readonly aliases: ReadonlyMap<string, string> } | undefined {
  const types = new Map<string, string>();
  const aliases = new Map<string, string>();
  for (const t of mod.terraform) {
    for (const rp of t.node.body.blocks) {
      if (rp.type !== 'required_providers') continue;
      for (const entry of rp.body.attributes) {
        let type = defaultType(entry.name);
        if (entry.expr.type === 'object') {
          for (const item of entry.expr.items) {
            const key = objectItemKey(item);
            if (key === 'source') {
              const source = literalString(item.value);
              const normal = source !== undefined ? normalSource(source) : undefined;
              if (normal === undefined) return undefined;
              type = normal;
            }
          }
          for (const item of entry.expr.items) {
            if (objectItemKey(item) !== 'configuration_aliases' || item.value.type !== 'tuple') continue;
            for (const a of item.value.items) {
              const ref = providerRef(a);
              if (ref?.alias !== undefined && ref.name === entry.name) aliases.set(display(ref), type);
            }
          }
        }
        types.set(entry.name, type);
      }
    }
  }
  return { types, aliases };
}

function defaultType(name: string): string {
  return `registry.terraform.io/hashicorp/${name.toLowerCase()}`;
}

function normalSource(source: string): string | undefined {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  if (parts.length === 3) return parts.join('/');
  return undefined;
}

const forDisplay = (type: string): string => type.replace(/^registry\.terraform\.io\//, '');

/** Provider configurations the module configures itself: provider blocks with arguments or blocks. */
function configured(mod: ModuleSource): Set<string> {
  const out = new Set<string>();
  for (const p of mod.providers) {
    const name = p.node.labels[0]?.value;
    if (name === undefined) continue;
    const aliasAttr = p.node.body.attributes.find((a) => a.name === 'alias');
    const alias = aliasAttr !== undefined ? literalString(aliasAttr.expr) : undefined;
    if (aliasAttr !== undefined && alias === undefined) continue;
    if (p.node.body.blocks.length > 0 || p.node.body.attributes.some((a) => a.name !== 'alias')) out.add(alias !== undefined ? `${name}.${alias}` : name);
  }
  return out;
}

export function passedProviderProblems(parent: ModuleSource, call: Declared<Block>, child: ModuleSource): PassedProviderProblem[] {
  if (call.file.endsWith('.json')) return [];
  const childReq = requirements(child);
  const parentReq = requirements(parent);
  if (childReq === undefined || parentReq === undefined) return [];
  const out: PassedProviderProblem[] = [];
  const passed: { readonly inChild: ProviderRef; readonly inParent: ProviderRef }[] = [];
  const providers = call.node.body.attributes.find((a) => a.name === 'providers');
  if (providers !== undefined) {
    if (providers.expr.type !== 'object') return [];
    for (const item of providers.expr.items) {
      const inChild = providerRef(item.key);
      const inParent = providerRef(item.value);
      if (inChild === undefined || inParent === undefined) return [];
      passed.push({ inChild, inParent });
    }
  }
  const passedNames = new Set(passed.map((p) => display(p.inChild)));
  const own = configured(child);
  const header = call.node.labels[0] ?? call.node.typeRange;
  for (const [name, type] of childReq.aliases) {
    if (own.has(name) || passedNames.has(name)) continue;
    out.push({ file: call.file, start: call.node.start, end: header.end, message: `Missing required provider configuration: ${child.dir || '.'} requires an additional configuration for provider ${forDisplay(type)}, with the local name "${name}", and this call passes none, so Terraform refuses it.` });
  }
  for (const { inChild, inParent } of passed) {
    const name = display(inChild);
    if (own.has(name)) {
      out.push({ file: call.file, start: inChild.start, end: inChild.end, message: `Cannot override provider configuration: ${child.dir || '.'} configures ${name} itself, so Terraform refuses a configuration passed to it.` });
    }
    const childType = childReq.aliases.get(name) ?? childReq.types.get(inChild.name) ?? defaultType(inChild.name);
    // As Terraform looks it up: the parent's entry named like the child's key first (not aliased), then the value's.
    const parentType = (inChild.alias === undefined ? parentReq.types.get(inChild.name) : undefined) ?? parentReq.types.get(inParent.name) ?? defaultType(inParent.name);
    if (childType === parentType) continue;
    out.push({ file: call.file, start: inChild.start, end: inChild.end, message: `Provider type mismatch: "${name}" is provider ${forDisplay(childType)} in ${child.dir || '.'}, but ${display(inParent)} is a configuration of ${forDisplay(parentType)}, so Terraform refuses it.` });
  }
  return out;
}
