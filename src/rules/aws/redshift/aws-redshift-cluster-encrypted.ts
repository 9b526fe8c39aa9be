import type { Resource } from '../../../model/resource.js';
import { attr } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { judgeKmsKey } from '../kms/kms-key-reference.js';
import { requireFlag } from '../require-setting.js';

function kmsOutcome(model: Parameters<typeof judgeKmsKey>[0], resource: Resource): Outcome {
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
      return fail(resource, {
        message: `${resource.address} does not set kms_key_id, so it is encrypted with an AWS-managed key, not a customer-managed KMS key.`,
      });
  }
}

export default defineRule<Resource>({
  id: 'aws-redshift-cluster-encrypted',
  title: 'Redshift clusters and serverless namespaces are encrypted with a KMS key',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'A data warehouse aggregates ePHI from many systems; unencrypted blocks and snapshots expose all of it, and a customer-managed key lets you control and audit decryption.',
  howToFix: 'Set encrypted = true and kms_key_id = aws_kms_key.<key>.arn on aws_redshift_cluster, and kms_key_id on aws_redshiftserverless_namespace.',
  links: ['https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html'],
  references: {
    awsConfig: ['redshift-cluster-configuration-check', 'redshift-cluster-kms-enabled'],
    checkov: ['CKV_AWS_64', 'CKV_AWS_142', 'CKV_AWS_282'],
    trivy: ['AVD-AWS-0084', 'aws-redshift-encryption-customer-key'],
  },
  targets: (model) => [...model.ofType('aws_redshift_cluster'), ...model.ofType('aws_redshiftserverless_namespace')],
  check(resource, { model }) {
    if (resource.type === 'aws_redshiftserverless_namespace') return kmsOutcome(model, resource);
    // The provider default changed to true in v6, but older providers still create unencrypted
    // clusters: require the explicit setting.
    // A restore (snapshot_identifier or snapshot_arn) does not make the flag moot as it does for RDS:
    // the provider's RestoreFromClusterSnapshot call sends no Encrypted, so the cluster first takes the
    // snapshot's encryption, but `encrypted` is not Computed (a 5.x plan shows it false), and on the
    // next apply the provider sends ModifyCluster Encrypted = false, which decrypts the cluster
    // (internal/service/redshift/cluster.go, resourceClusterCreate/Update).
    const restored = attr(resource, 'snapshot_identifier') ?? attr(resource, 'snapshot_arn');
    const judged = requireFlag(resource, resource, 'encrypted', {
      providerDefault: false,
      consequence:
        restored && restored.value !== null && restored.value !== ''
          ? 'the cluster restored from the snapshot keeps the snapshot\'s encryption only until the next apply, when AWS providers before 6.0 set encrypted to its default, false, and Redshift decrypts it'
          : 'encryption at rest is not evidenced (older AWS providers create unencrypted clusters)',
      fix: { description: 'Encrypt the cluster (Redshift migrates the data to an encrypted cluster)', safety: 'unsafe' },
    });
    if (!judged.on) return judged.outcome;
    return [judged.outcome, kmsOutcome(model, resource)];
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_kms_key" "dw" {\n  enable_key_rotation = true\n}\n\nresource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "claims-dw"\n  node_type          = "ra3.xlplus"\n  kms_key_id         = aws_kms_key.dw.arn\n}\n',
      ],
      good: [
        'resource "aws_kms_key" "dw" {\n  enable_key_rotation = true\n}\n\nresource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "claims-dw"\n  node_type          = "ra3.xlplus"\n  encrypted          = true\n  kms_key_id         = aws_kms_key.dw.arn\n}\n',
      ],
    },
  },
});
