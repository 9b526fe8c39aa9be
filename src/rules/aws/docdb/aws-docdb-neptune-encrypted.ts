import type { Resource } from '../../../model/resource.js';
import type { InfraModel } from '../../../model/infra-model.js';
import { asBoolean, attr, attrOr, isUnresolved } from '../../../model/read.js';
import type { Sourced } from '../../../model/sourced.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { phiCustomerKeyOutcome } from '../kms/phi-customer-key.js';
import { sourceOf } from '../rds/rds-storage-encryption.js';
import { requireFlag } from '../require-setting.js';

const TYPES = ['aws_docdb_cluster', 'aws_docdb_global_cluster', 'aws_neptune_cluster'];

/**
 * A global cluster created from an existing cluster (source_db_cluster_identifier) takes that
 * cluster's storage encryption: the provider's storage_encrypted "default is false unless
 * source_db_cluster_identifier is specified and encrypted", and CreateGlobalCluster refuses
 * StorageEncrypted beside SourceDBClusterIdentifier.
 */
function inheritedFromSource(model: InfraModel, global: Resource): Outcome | undefined {
  const named = attr(global, 'source_db_cluster_identifier');
  if (!named || attr(global, 'storage_encrypted')) return undefined;
  const source = sourceOf(model, global, 'source_db_cluster_identifier', global.type.replace('_global_cluster', '_cluster'), 'cluster_identifier');
  if (!source) return unknown(named, `${global.address} takes storage encryption from its source cluster, which is not in the scanned configuration.`);
  const flag = attrOr(source, 'storage_encrypted', false);
  if (isUnresolved(flag)) return unknown(named, `${global.address} takes storage encryption from ${source.address}, whose storage_encrypted depends on ${applyTimeReason(flag)}.`);
  if (asBoolean(flag.value) === true) return pass(named, `${global.address} inherits encrypted storage from ${source.address}.`);
  return fail(named, {
    message: `${global.address} inherits unencrypted storage from ${source.address}.`,
    related: [{ span: flag.span, message: 'the source cluster is not encrypted' }],
  });
}

const GLOBAL_OF: Readonly<Record<string, string>> = { aws_docdb_cluster: 'aws_docdb_global_cluster', aws_neptune_cluster: 'aws_neptune_global_cluster' };

/**
 * A cluster that leaves storage_encrypted unset but takes its encryption from elsewhere, as
 * RestoreDBClusterFromSnapshot, a read replica and a global cluster member do (the restored cluster
 * "is encrypted using the KMS key that was used to encrypt the snapshot", an unencrypted snapshot
 * restores unencrypted; https://docs.aws.amazon.com/documentdb/latest/developerguide/backup_restore-restore_from_snapshot.html,
 * https://docs.aws.amazon.com/neptune/latest/userguide/backup-restore-restore-snapshot.html; a member
 * of a global cluster shares its storage encryption). undefined when the cluster is judged on its own flag.
 */
function inheritedByCluster(model: InfraModel, cluster: Resource, depth = 0): Outcome | undefined {
  if (attr(cluster, 'storage_encrypted') || depth > 4) return undefined;
  const snapshot = attr(cluster, 'snapshot_identifier');
  if (snapshot) return unknown(snapshot, `${cluster.address} does not set storage_encrypted and is restored from a snapshot, whose encryption it takes and which is not visible here.`);
  const replicated = attr(cluster, 'replication_source_identifier');
  if (replicated) {
    const source = sourceOf(model, cluster, 'replication_source_identifier', cluster.type, 'cluster_identifier');
    return source ? restated(cluster, replicated, source, judgedStorage(model, source, depth + 1)) : unknown(replicated, `${cluster.address} takes storage encryption from its replication source, which is not in the scanned configuration.`);
  }
  const member = attr(cluster, 'global_cluster_identifier');
  const globalType = GLOBAL_OF[cluster.type];
  if (member && globalType) {
    const global = sourceOf(model, cluster, 'global_cluster_identifier', globalType, 'global_cluster_identifier');
    // The global cluster created from this very cluster takes its encryption from it: judged on its own flag.
    if (global && sourceOf(model, global, 'source_db_cluster_identifier', cluster.type, 'cluster_identifier') === cluster) return undefined;
    return global ? restated(cluster, member, global, judgedStorage(model, global, depth + 1)) : unknown(member, `${cluster.address} takes storage encryption from its global cluster, which is not in the scanned configuration.`);
  }
  return undefined;
}

/** Whether `resource` (a cluster or global cluster) stores data encrypted: its inheritance, else its own flag. */
function judgedStorage(model: InfraModel, resource: Resource, depth: number): Outcome {
  const inherited = resource.type.endsWith('_global_cluster') ? inheritedFromSource(model, resource) : inheritedByCluster(model, resource, depth);
  return inherited ?? requireFlag(resource, resource, 'storage_encrypted', { providerDefault: false, consequence: 'its storage and snapshots are unencrypted' }).outcome;
}

/** A cluster's outcome for the encryption it takes from `source`, told at the argument naming it. */
function restated(cluster: Resource, where: Sourced, source: Resource, judged: Outcome): Outcome {
  if (judged.status === 'pass') return pass(where, `${cluster.address} inherits encrypted storage from ${source.address}.`);
  if (judged.status === 'fail') return fail(where, { message: `${cluster.address} inherits unencrypted storage from ${source.address}.`, related: [{ span: judged.span, message: 'the source is not encrypted' }] });
  return unknown(where, `${cluster.address} takes storage encryption from ${source.address}: ${judged.message ?? 'not known'}`);
}

export default defineRule<Resource>({
  id: 'aws-docdb-neptune-encrypted',
  title: 'DocumentDB and Neptune clusters encrypt storage at rest',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Document and graph stores of patient data write ePHI to cluster volumes and snapshots; storage encryption can only be chosen when the cluster is created.',
  howToFix: 'Set storage_encrypted = true (with kms_key_id naming a customer-managed key for PHI) on aws_docdb_cluster, aws_docdb_global_cluster and aws_neptune_cluster.',
  links: ['https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html', 'https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html'],
  references: {
    awsConfig: ['docdb-cluster-encrypted', 'neptune-cluster-encrypted'],
    checkov: ['CKV_AWS_74', 'CKV_AWS_182', 'CKV_AWS_292', 'CKV_AWS_44', 'CKV_AWS_347'],
    trivy: [
      'AVD-AWS-0021',
      'aws-documentdb-enable-storage-encryption',
      'AVD-AWS-0022',
      'aws-documentdb-encryption-customer-key',
      'AVD-AWS-0076',
      'aws-neptune-enable-storage-encryption',
      'AVD-AWS-0128',
      'aws-neptune-encryption-customer-key',
    ],
  },
  targets: (model) => TYPES.flatMap((type) => model.ofType(type)),
  check(cluster, { model }) {
    const inherited = cluster.type === 'aws_docdb_global_cluster' ? inheritedFromSource(model, cluster) : inheritedByCluster(model, cluster);
    if (inherited) return inherited;
    const judged = requireFlag(cluster, cluster, 'storage_encrypted', {
      providerDefault: false,
      consequence: 'its storage and snapshots are unencrypted',
      fix: { description: 'Encrypt the cluster storage (Terraform replaces the cluster)', safety: 'unsafe' },
    });
    const outcomes: Outcome[] = [judged.outcome];
    if (judged.on && cluster.type !== 'aws_docdb_global_cluster') {
      const keyAttribute = cluster.type === 'aws_neptune_cluster' ? 'kms_key_arn' : 'kms_key_id';
      const cmk = phiCustomerKeyOutcome(model, cluster, attr(cluster, keyAttribute), keyAttribute, cluster.span);
      if (cmk) outcomes.push(cmk);
    }
    return outcomes;
  },
  examples: {
    terraform: {
      bad: ['resource "aws_docdb_cluster" "records" {\n  cluster_identifier = "patient-records"\n  engine             = "docdb"\n  master_username    = "admin_user"\n  manage_master_user_password = true\n}\n'],
      good: [
        'resource "aws_neptune_cluster" "graph" {\n  cluster_identifier = "care-graph"\n  engine             = "neptune"\n  storage_encrypted  = true\n}\n',
      ],
    },
  },
});
