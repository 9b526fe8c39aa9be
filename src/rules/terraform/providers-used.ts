// Which providers a root module uses and how it declares them (required_providers), for the
// provider-pinning and lock-file rules.
import type { InfraModel } from '../../model/infra-model.js';
import type { Sourced } from '../../model/sourced.js';
import type { Span } from '../../source/span.js';
import { rootProviders, rootResources, rootSettings } from './root-modules.js';

export interface ProviderUse {
  /** Local name: aws, azurerm, random. */
  readonly name: string;
  /** Declared source (`hashicorp/aws`) or undefined when not declared. */
  readonly source?: string;
  readonly version?: Sourced;
  /** The required_providers entry, when declared. */
  readonly declared?: Span;
  /** A block that uses it (provider or resource), for undeclared providers. */
  readonly usedAt?: Span;
}

/** Built-in providers that need no declaration or lock entry. */
const BUILTIN = new Set(['terraform']);

/** The local provider name of a resource type: the part before the first underscore. */
export function providerOfType(type: string): string {
  const i = type.indexOf('_');
  return i === -1 ? type : type.slice(0, i);
}

export function providersOf(model: InfraModel, dir: string): ProviderUse[] {
  const out = new Map<string, ProviderUse>();
  for (const settings of rootSettings(model, dir)) {
    for (const [name, req] of settings.requiredProviders) {
      out.set(name, { name, ...(req.source ? { source: req.source } : {}), ...(req.version ? { version: req.version } : {}), declared: req.span });
    }
  }
  const use = (name: string, span: Span): void => {
    if (BUILTIN.has(name) || out.has(name)) return;
    out.set(name, { name, usedAt: span });
  };
  for (const p of rootProviders(model, dir)) use(p.name, p.body.span);
  for (const r of rootResources(model, dir)) use(r.provider.name || providerOfType(r.type), r.span);
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** `hashicorp/aws` → `registry.terraform.io/hashicorp/aws`, as lock files write it. */
export function fullSource(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts.join('/')}`;
  return parts.join('/');
}
