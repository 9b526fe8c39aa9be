import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { requireBoolean } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-dms-replication-instance-not-public',
  title: 'DMS replication instances are not publicly accessible',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)'],
  kind: 'attr',
  why: 'A replication instance reads and writes whole databases; a public address exposes that ePHI stream and the instance itself to the internet.',
  howToFix: 'Set publicly_accessible = false (the AWS API defaults it to true) and place the instance in a private replication subnet group.',
  links: ['https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.PublicPrivate.html'],
  references: { awsConfig: ['dms-replication-not-public'], checkov: ['CKV_AWS_89'] },
  targets: (model) => model.ofType('aws_dms_replication_instance'),
  check: (instance) =>
    requireBoolean(instance.address, instance, 'publicly_accessible', false, {
      // DMS CreateReplicationInstance: PubliclyAccessible defaults to true.
      providerDefault: true,
      consequence: 'the replication instance gets a public IP address',
      fix: { description: 'Make the replication instance private (it will be replaced)', safety: 'unsafe', fixValue: 'false' },
    }),
  examples: {
    terraform: {
      bad: ['resource "aws_dms_replication_instance" "phi" {\n  replication_instance_id    = "phi"\n  replication_instance_class = "dms.t3.medium"\n}\n'],
      good: ['resource "aws_dms_replication_instance" "phi" {\n  replication_instance_id    = "phi"\n  replication_instance_class = "dms.t3.medium"\n  publicly_accessible        = false\n}\n'],
    },
  },
});
