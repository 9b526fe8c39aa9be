// Whether an RDS instance, Aurora cluster or global cluster stores data encrypted, following what
// Terraform leaves implicit: replicas, point-in-time restores and restored clusters inherit the source's encryption, Aurora
// Serverless v1 is always encrypted, otherwise storage_encrypted defaults to false
// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#storage_encrypted).
import type { InfraModel } from '../../../model/infra-model.js';
import type { ModelBody, Resource } from '../../../model/resource.js';
import { asBoolean, asString, attr, attrOr, blockOf, isUnresolved } from '../../../model/read.js';
import type { Sourced } from '../../../model/sourced.js';
import type { Span } from '../../../source/span.js';
import { applyTimeReason } from '../apply-time.js';
import { resourcesWithAttribute } from '../../by-attribute.js';

export type RdsEncryption =
  | {
      readonly state: 'encrypted';
      readonly where: Sourced | Span;
      readonly how: string;
      /** The database whose encryption (and key) this one inherits: a replica's source, a restored snapshot's. */
      readonly keySource?: Resource;
    }
  | { readonly state: 'unencrypted'; readonly where: Sourced | Span; readonly how: string; readonly inherited: boolean }
  | { readonly state: 'unknown'; readonly where: Sourced | Span; readonly how: string };

/**
 * The resource of `type` that `from` names in attribute `name` (by reference or by literal identifier/ARN),
 * read on `body` when the attribute sits in one of its nested blocks.
 */
export function sourceOf(model: InfraModel, from: Resource, name: string, type: string, idAttribute: string, body: ModelBody = from): Resource | undefined {
  const value = attr(body, name);
  if (!value) return undefined;
  for (const ref of from.references) {
    for (const r of model.resolve(from, ref)) if (r.type === type && r !== from) return r;
  }
  const literal = asString(value.value);
  if (literal === undefined) return undefined;
  const id = literal.slice(literal.lastIndexOf(':') + 1);
  return resourcesWithAttribute(model, type, idAttribute, id).find((r) => r !== from);
}

/**
 * The source of a `restore_to_point_in_time` block, named by its identifier or by its resource id
 * (`[argument, the source's attribute]` each); undefined without the block, `source` undefined
 * when the source is not in the configuration.
 */
function restoreSource(model: InfraModel, resource: Resource, type: string, byName: readonly [string, string], byId: readonly [string, string]): { readonly source: Resource | undefined } | undefined {
  const pitr = blockOf(resource, 'restore_to_point_in_time');
  if (!pitr) return undefined;
  return { source: sourceOf(model, resource, byName[0], type, byName[1], pitr) ?? sourceOf(model, resource, byId[0], type, byId[1], pitr) };
}

function inherit(model: InfraModel, resource: Resource, source: Resource | undefined, what: string, depth: number): RdsEncryption {
  if (!source) return { state: 'unknown', where: resource.span, how: `${resource.address} does not set storage_encrypted and inherits it from ${what}, which is not in the scanned configuration` };
  const judged = rdsStorageEncryption(model, source, depth + 1);
  if (judged.state === 'unencrypted') return { state: 'unencrypted', where: resource.span, how: `${resource.address} inherits unencrypted storage from ${source.address}`, inherited: true };
  if (judged.state === 'encrypted') return { state: 'encrypted', where: resource.span, how: `${resource.address} inherits encrypted storage from ${source.address}`, keySource: judged.keySource ?? source };
  return { state: 'unknown', where: resource.span, how: `${resource.address} inherits storage encryption from ${source.address}: ${judged.how}` };
}

export function rdsStorageEncryption(model: InfraModel, resource: Resource, depth = 0): RdsEncryption {
  const explicit = attr(resource, 'storage_encrypted');
  if (explicit && explicit.provenance !== 'default') {
    if (isUnresolved(explicit)) return { state: 'unknown', where: explicit, how: `${resource.address}: storage_encrypted depends on ${applyTimeReason(explicit)}` };
    return asBoolean(explicit.value) === true
      ? { state: 'encrypted', where: explicit, how: `${resource.address} sets storage_encrypted = true` }
      : { state: 'unencrypted', where: explicit, how: `${resource.address} sets storage_encrypted to false`, inherited: false };
  }
  if (depth > 4) return { state: 'unknown', where: resource.span, how: `${resource.address}: replication chain too deep to follow` };
  switch (resource.type) {
    case 'aws_db_instance': {
      if (attr(resource, 'replicate_source_db')) return inherit(model, resource, sourceOf(model, resource, 'replicate_source_db', 'aws_db_instance', 'identifier'), 'its source database', depth);
      if (attr(resource, 'snapshot_identifier')) return { state: 'unknown', where: resource.span, how: `${resource.address} does not set storage_encrypted and is restored from a snapshot whose encryption is not visible here` };
      // RestoreDBInstanceToPointInTime takes no encryption setting: the new instance keeps the source's.
      const pitr = restoreSource(model, resource, 'aws_db_instance', ['source_db_instance_identifier', 'identifier'], ['source_dbi_resource_id', 'resource_id']);
      if (pitr) return inherit(model, resource, pitr.source, 'its point-in-time restore source', depth);
      break;
    }
    case 'aws_rds_cluster': {
      const mode = asString(attrOr(resource, 'engine_mode', 'provisioned').value);
      if (mode === 'serverless') return { state: 'encrypted', where: resource.span, how: `${resource.address} is Aurora Serverless v1, which is always encrypted` };
      if (attr(resource, 'global_cluster_identifier')) {
        const global = sourceOf(model, resource, 'global_cluster_identifier', 'aws_rds_global_cluster', 'global_cluster_identifier');
        if (global) return inherit(model, resource, global, 'its global cluster', depth);
      }
      if (attr(resource, 'replication_source_identifier')) return inherit(model, resource, sourceOf(model, resource, 'replication_source_identifier', 'aws_rds_cluster', 'cluster_identifier'), 'its replication source', depth);
      // RestoreDBClusterToPointInTime encrypts the new cluster as the source is (a kms_key_id only
      // changes the key, and is refused for an unencrypted source), whatever storage_encrypted omits.
      const pitr = restoreSource(model, resource, 'aws_rds_cluster', ['source_cluster_identifier', 'cluster_identifier'], ['source_cluster_resource_id', 'cluster_resource_id']);
      if (pitr) return inherit(model, resource, pitr.source, 'its point-in-time restore source', depth);
      if (attr(resource, 'snapshot_identifier')) return { state: 'unknown', where: resource.span, how: `${resource.address} does not set storage_encrypted and is restored from a snapshot whose encryption is not visible here` };
      break;
    }
    case 'aws_rds_global_cluster':
      if (attr(resource, 'source_db_cluster_identifier')) return inherit(model, resource, sourceOf(model, resource, 'source_db_cluster_identifier', 'aws_rds_cluster', 'cluster_identifier'), 'its source cluster', depth);
      break;
  }
  return { state: 'unencrypted', where: resource.span, how: `${resource.address} does not set storage_encrypted, so its storage is unencrypted`, inherited: false };
}
