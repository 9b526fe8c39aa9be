import type { ProviderConfig } from '../../model/resource.js';

/**
 * The address findings give a provider block: `provider.aws`, `provider.aws.replica`, and inside a
 * module the module instance's path before it (`module.a.provider.aws`, `module.c["x"].provider.aws`),
 * as resources are named. Terraform names a module's own configuration with its module path too
 * (`module.a.provider["registry.terraform.io/hashicorp/aws"]`, `terraform providers`); without it the
 * blocks of a module called twice shared one address, and a waiver or baseline entry for one
 * instance's finding matched the other's.
 */
export function providerAddress(provider: Pick<ProviderConfig, 'module' | 'name' | 'alias'>): string {
  const local = provider.alias ? `provider.${provider.name}.${provider.alias}` : `provider.${provider.name}`;
  return provider.module === '' ? local : `${provider.module}.${local}`;
}
