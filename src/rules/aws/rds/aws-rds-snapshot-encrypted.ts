import type { Resource } from '../../../model/resource.js';
import { attr } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { judgeKmsKey } from '../kms/kms-key-reference.js';
import { rdsStorageEncryption, sourceOf } from './rds-storage-encryption.js';

const TYPES = ['aws_db_snapshot', 'aws_db_cluster_snapshot', 'aws_db_snapshot_copy', 'aws_rds_cluster_snapshot_copy', 'aws_db_instance_automated_backups_replication'];
const COPIES = new Set(['aws_db_snapshot_copy', 'aws_rds_cluster_snapshot_copy', 'aws_db_instance_automated_backups_replication']);

/** The database a snapshot or backup replication is taken from, and the attribute that names it. */
function sourceDatabase(model: Parameters<typeof sourceOf>[0], resource: Resource): { source: Resource | undefined; attribute: string } {
  switch (resource.type) {
    case 'aws_db_snapshot':
      return { source: sourceOf(model, resource, 'db_instance_identifier', 'aws_db_instance', 'identifier'), attribute: 'db_instance_identifier' };
    case 'aws_db_cluster_snapshot':
      return { source: sourceOf(model, resource, 'db_cluster_identifier', 'aws_rds_cluster', 'cluster_identifier'), attribute: 'db_cluster_identifier' };
    case 'aws_rds_cluster_snapshot_copy': {
      const snapshot = sourceOf(model, resource, 'source_db_cluster_snapshot_identifier', 'aws_db_cluster_snapshot', 'db_cluster_snapshot_identifier');
      const cluster = snapshot ? sourceOf(model, snapshot, 'db_cluster_identifier', 'aws_rds_cluster', 'cluster_identifier') : undefined;
      return { source: cluster, attribute: 'source_db_cluster_snapshot_identifier' };
    }
    case 'aws_db_instance_automated_backups_replication':
      return { source: sourceOf(model, resource, 'source_db_instance_arn', 'aws_db_instance', 'identifier'), attribute: 'source_db_instance_arn' };
    default: {
      const snapshot = sourceOf(model, resource, 'source_db_snapshot_identifier', 'aws_db_snapshot', 'db_snapshot_identifier');
      const db = snapshot ? sourceOf(model, snapshot, 'db_instance_identifier', 'aws_db_instance', 'identifier') : undefined;
      return { source: db, attribute: 'source_db_snapshot_identifier' };
    }
  }
}

/** Copies and cross-region backup replications re-encrypt with the key they name; it must be customer-managed. */
function keyOutcome(model: Parameters<typeof sourceOf>[0], resource: Resource): Outcome {
  const key = attr(resource, 'kms_key_id');
  const judged = judgeKmsKey(model, resource, key);
  switch (judged.kind) {
    case 'customer-managed':
      return pass(key ?? resource, `${resource.address} encrypts with a customer-managed KMS key.`);
    case 'unknown':
      return unknown(key ?? resource, `${resource.address}: whether kms_key_id names a customer-managed key depends on ${judged.reason}.`);
    case 'aws-managed':
      return fail(key ?? resource, { message: `${resource.address} sets kms_key_id to the AWS-managed key ${judged.alias}, not a customer-managed key.` });
    case 'missing':
      return fail(resource, { message: `${resource.address} does not set kms_key_id, so the copy is not encrypted with a customer-managed key (and is unencrypted when its source is).` });
  }
}

export default defineRule<Resource>({
  id: 'aws-rds-snapshot-encrypted',
  title: 'Declared RDS snapshots, copies and replicated backups are encrypted',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'graph',
  why: 'A snapshot is a full copy of the database: if its source is unencrypted, or a copy is not re-encrypted with a customer-managed key, ePHI can be shared or restored in clear.',
  howToFix:
    'Encrypt the source database (storage_encrypted = true) and set kms_key_id to a customer-managed key on aws_db_snapshot_copy, aws_rds_cluster_snapshot_copy and aws_db_instance_automated_backups_replication.',
  links: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html#USER_CopySnapshot.Encryption'],
  references: { awsConfig: ['rds-snapshot-encrypted'], checkov: ['CKV_AWS_146', 'CKV_AWS_266', 'CKV_AWS_245'] },
  targets: (model) => TYPES.flatMap((type) => model.ofType(type)),
  check(resource, { model }) {
    const { source, attribute } = sourceDatabase(model, resource);
    const copies = COPIES.has(resource.type);
    let sourceOutcome: Outcome | undefined;
    if (!source) {
      if (!copies) return unknown(resource, `${resource.address}: the database named by ${attribute} is not in the scanned configuration, so its encryption is not visible.`);
    } else {
      const judged = rdsStorageEncryption(model, source);
      if (judged.state === 'unencrypted') return fail(resource, { message: `${resource.address} is taken from ${source.address}, whose storage is unencrypted, so the snapshot is unencrypted.`, related: [{ span: 'span' in judged.where ? judged.where.span : judged.where, message: judged.how }] });
      sourceOutcome =
        judged.state === 'unknown'
          ? unknown(resource, `${resource.address}: encryption of its source ${source.address} is not known (${judged.how}).`)
          : pass(resource, `${resource.address} is taken from ${source.address}, which is encrypted.`);
    }
    if (!copies) return sourceOutcome!;
    return sourceOutcome && sourceOutcome.status === 'unknown' ? [sourceOutcome, keyOutcome(model, resource)] : keyOutcome(model, resource);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_db_instance" "phi" {\n  identifier        = "phi-db"\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n  storage_encrypted = false\n}\n\nresource "aws_db_snapshot" "before_upgrade" {\n  db_instance_identifier = aws_db_instance.phi.identifier\n  db_snapshot_identifier = "phi-db-before-upgrade"\n}\n',
      ],
      good: [
        'resource "aws_db_instance" "phi" {\n  identifier        = "phi-db"\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n  storage_encrypted = true\n}\n\nresource "aws_db_snapshot" "before_upgrade" {\n  db_instance_identifier = aws_db_instance.phi.identifier\n  db_snapshot_identifier = "phi-db-before-upgrade"\n}\n',
      ],
    },
  },
});
