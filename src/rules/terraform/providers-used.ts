// Which providers a root module uses and how it declares them (required_providers), for the
// provider-pinning and lock-file rules.
import type { InfraModel } from '../../model/infra-model.js';
import type { Sourced } from '../../model/sourced.js';
import type { Span } from '../../source/span.js';
import { dirOf, rootProviderUses, rootProviders, rootResources, rootSettings } from './root-modules.js';
import { weakMemo } from '../../util/weak-memo.js';

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

/**
 * Providers the root module in `dir` uses, with how it declares them. `children`: also those only
 * its child modules use (Terraform installs and locks them for the root all the same): every one
 * ('all', for the lock file), or those no module of the scan declares in required_providers
 * ('undeclared', for pinning: a child's own constraint is the module author's to set). Such a use is
 * placed on the root's call of the child module.
 */
export function providersOf(model: InfraModel, dir: string, children: 'none' | 'all' | 'undeclared' = 'none'): ProviderUse[] {
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
  for (const u of rootProviderUses(model, dir)) use(u.name, u.span);
  if (children !== 'none') {
    const index = childUses(model);
    for (const [name, span] of index.byRoot.get(dir) ?? []) if (children === 'all' || !index.declaredSomewhere.has(name)) use(name, span);
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

interface ChildUses {
  /** Root directory → provider → where the root calls the first child module that uses it. */
  readonly byRoot: ReadonlyMap<string, ReadonlyMap<string, Span>>;
  /** Providers some module's required_providers names. */
  readonly declaredSomewhere: ReadonlySet<string>;
}

const childUseIndexes = new WeakMap<InfraModel, ChildUses>();

/** The providers child modules use, by root: read once per model (a monorepo has thousands of roots). */
function childUses(model: InfraModel): ChildUses {
  return weakMemo(childUseIndexes, model, () => {
    const calls = new Map<string, Span>();
    for (const m of model.moduleCalls) calls.set(`${dirOf(m.span.file)}\0${m.address}`, m.span);
    const byRoot = new Map<string, Map<string, Span>>();
    const add = (modulePath: string, root: string | undefined, name: string, span: Span): void => {
      if (modulePath === '') return;
      const dir = root ?? '';
      let uses = byRoot.get(dir);
      if (uses === undefined) byRoot.set(dir, (uses = new Map()));
      if (uses.has(name)) return;
      const call = /^module\.[^.[]+(?:\[[^\]]*\])?/.exec(modulePath)?.[0];
      uses.set(name, (call !== undefined ? calls.get(`${dir}\0${call}`) : undefined) ?? span);
    };
    for (const r of model.resources) add(r.modulePath, r.root, r.provider.name || providerOfType(r.type), r.span);
    for (const u of model.providerUses) add(u.module, u.root, u.name, u.span);
    return { byRoot, declaredSomewhere: new Set(model.terraform.flatMap((t) => [...t.requiredProviders.keys()])) };
  });
}

/** `hashicorp/aws` → `registry.terraform.io/hashicorp/aws`, as lock files write it. */
export function fullSource(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts.join('/')}`;
  return parts.join('/');
}
