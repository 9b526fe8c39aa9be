// A replication group that joins a global datastore as a secondary (global_replication_group_id)
// takes the datastore's encryption settings from its primary group: the AWS provider refuses
// at_rest_encryption_enabled and transit_encryption_enabled beside global_replication_group_id
// ("conflicts with", checked with terraform validate on provider 5.100.0), and ElastiCache creates
// the secondary with the primary's settings
// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-Getting-Started.html).
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { attr, isUnresolved } from '../../../model/read.js';
import type { Sourced } from '../../../model/sourced.js';
import { fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { sourceOf } from '../rds/rds-storage-encryption.js';

export type GlobalDatastore =
  | { readonly kind: 'none' }
  /** The datastore's primary group is in the scan. */
  | { readonly kind: 'primary'; readonly setting: Sourced; readonly primary: Resource }
  /** A secondary whose datastore or primary is not in the scan. */
  | { readonly kind: 'elsewhere'; readonly setting: Sourced };

export function globalDatastoreOf(model: InfraModel, group: Resource): GlobalDatastore {
  const setting = attr(group, 'global_replication_group_id');
  if (setting === undefined || setting.value === null || setting.value === '') return { kind: 'none' };
  const global = sourceOf(model, group, 'global_replication_group_id', 'aws_elasticache_global_replication_group', 'global_replication_group_id');
  const primary = global ? sourceOf(model, global, 'primary_replication_group_id', 'aws_elasticache_replication_group', 'replication_group_id') : undefined;
  return primary && primary !== group ? { kind: 'primary', setting, primary } : { kind: 'elsewhere', setting };
}

/**
 * The outcome of a secondary group for a setting it takes from the datastore: the primary's own
 * outcome (`judgePrimary`), told at the secondary's global_replication_group_id.
 */
export function inheritedFromPrimary(group: Resource, datastore: Exclude<GlobalDatastore, { kind: 'none' }>, what: string, judgePrimary: (primary: Resource) => Outcome): Outcome {
  const { setting } = datastore;
  if (datastore.kind === 'elsewhere') {
    const why = isUnresolved(setting) && setting.provenance !== 'default' ? ' (named by a value known only at apply time)' : '';
    return unknown(setting, `${group.address} is a secondary of a global datastore${why} whose primary replication group is not in the scanned configuration; it takes ${what} from that primary.`);
  }
  const judged = judgePrimary(datastore.primary);
  const primary = datastore.primary.address;
  switch (judged.status) {
    case 'pass':
      return pass(setting, `${group.address} is a secondary of the global datastore of ${primary}, from which it takes ${what}: ${primary} has it on.`);
    case 'fail':
      return fail(setting, {
        message: `${group.address} is a secondary of the global datastore of ${primary}, from which it takes ${what}, and ${primary} does not have it on (${judged.message.replace(/\.$/, '')}).`,
        related: [{ span: judged.span, message: `the primary's ${what}` }],
      });
    default:
      return unknown(setting, `${group.address} takes ${what} from ${primary}, the primary of its global datastore: ${judged.message ?? 'not known'}`);
  }
}
