import type { Resource } from '../../../model/resource.js';
import { attr } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { phiCustomerKeyOutcome } from '../kms/phi-customer-key.js';
import { rdsStorageEncryption } from './rds-storage-encryption.js';

const TYPES = ['aws_db_instance', 'aws_rds_cluster', 'aws_rds_global_cluster'];

export default defineRule<Resource>({
  id: 'aws-rds-storage-encrypted',
  title: 'RDS instances and Aurora clusters encrypt storage at rest',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'A leaked snapshot, replica or volume of an unencrypted database exposes every ePHI record in it, and encryption cannot be turned on later without a copy-and-restore.',
  howToFix: 'Set storage_encrypted = true (with kms_key_id naming a customer-managed key for PHI) on aws_db_instance, aws_rds_cluster and aws_rds_global_cluster.',
  links: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'],
  references: {
    awsConfig: ['rds-storage-encrypted', 'rds-cluster-encrypted-at-rest'],
    checkov: ['CKV_AWS_16', 'CKV_AWS_96', 'CKV_AWS_140', 'CKV_AWS_327'],
    trivy: ['AVD-AWS-0080', 'aws-rds-encrypt-instance-storage-data', 'AVD-AWS-0079', 'aws-rds-encrypt-cluster-storage-data'],
  },
  targets: (model) => TYPES.flatMap((type) => model.ofType(type)),
  check(resource, { model }) {
    const judged = rdsStorageEncryption(model, resource);
    if (judged.state === 'unknown') return unknown(judged.where, `${judged.how}.`);
    if (judged.state === 'unencrypted') {
      return fail(judged.where, {
        message: `${judged.how}.`,
        ...(judged.inherited
          ? {}
          : {
              fix: {
                description: 'Encrypt the storage (Terraform replaces the database: restore from an encrypted snapshot copy instead for existing data)',
                safety: 'unsafe' as const,
                terraform: (edit) => edit.setAttribute(resource.span, 'storage_encrypted', 'true'),
              },
            }),
      });
    }
    const outcomes: Outcome[] = [pass(judged.where, `${judged.how}.`)];
    if (resource.type !== 'aws_rds_global_cluster') {
      // A replica without its own kms_key_id uses its source's key (in the same Region).
      const key = attr(resource, 'kms_key_id') ?? (judged.keySource ? attr(judged.keySource, 'kms_key_id') : undefined);
      const cmk = phiCustomerKeyOutcome(model, resource, key, 'kms_key_id', resource.span);
      if (cmk) outcomes.push(cmk);
    }
    return outcomes;
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n}\n',
      ],
      good: [
        'resource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n  storage_encrypted = true\n}\n',
      ],
    },
  },
});
