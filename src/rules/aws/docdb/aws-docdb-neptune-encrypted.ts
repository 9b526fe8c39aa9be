import type { Resource } from '../../../model/resource.js';
import { attr } from '../../../model/read.js';
import { defineRule, type Outcome } from '../../define-rule.js';
import { phiCustomerKeyOutcome } from '../kms/phi-customer-key.js';
import { requireFlag } from '../require-setting.js';

const TYPES = ['aws_docdb_cluster', 'aws_docdb_global_cluster', 'aws_neptune_cluster'];

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
