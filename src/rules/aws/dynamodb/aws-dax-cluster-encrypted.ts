import type { Resource } from '../../../model/resource.js';
import { blockOf } from '../../../model/read.js';
import { defineRule, fail } from '../../define-rule.js';
import { requireFlag } from '../require-setting.js';

export default defineRule<Resource>({
  id: 'aws-dax-cluster-encrypted',
  title: 'DAX clusters encrypt data at rest',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'A DAX cluster caches DynamoDB items, ePHI included, on its nodes; without server-side encryption the cache, logs and configuration sit unencrypted on disk.',
  howToFix: 'Add server_side_encryption { enabled = true } to the aws_dax_cluster (Terraform replaces the cluster).',
  links: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html'],
  references: { awsConfig: ['dax-encryption-enabled'], checkov: ['CKV_AWS_47'], trivy: ['AVD-AWS-0023', 'aws-dynamodb-enable-at-rest-encryption'] },
  targets: (model) => model.ofType('aws_dax_cluster'),
  check(cluster) {
    const sse = blockOf(cluster, 'server_side_encryption');
    if (!sse) {
      return fail(cluster, {
        message: `${cluster.address} does not declare server_side_encryption, so its cached data is unencrypted at rest.`,
        fix: { description: 'Enable server-side encryption (Terraform replaces the cluster)', safety: 'unsafe', terraform: (edit) => edit.insertBlock(cluster.span, 'server_side_encryption {\n  enabled = true\n}') },
      });
    }
    return requireFlag(cluster, sse, 'enabled', {
      providerDefault: false,
      label: `${cluster.address} server_side_encryption`,
      consequence: 'its cached data is unencrypted at rest',
      fix: { description: 'Enable server-side encryption (Terraform replaces the cluster)', safety: 'unsafe' },
    }).outcome;
  },
  examples: {
    terraform: {
      bad: ['resource "aws_dax_cluster" "cache" {\n  cluster_name       = "patients-cache"\n  iam_role_arn       = "arn:aws:iam::123456789012:role/dax"\n  node_type          = "dax.r5.large"\n  replication_factor = 3\n}\n'],
      good: [
        'resource "aws_dax_cluster" "cache" {\n  cluster_name       = "patients-cache"\n  iam_role_arn       = "arn:aws:iam::123456789012:role/dax"\n  node_type          = "dax.r5.large"\n  replication_factor = 3\n\n  server_side_encryption {\n    enabled = true\n  }\n}\n',
      ],
    },
  },
});
