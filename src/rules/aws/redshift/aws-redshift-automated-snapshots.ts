import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { requireNumber } from '../judge-setting.js';

interface Params {
  readonly minRetentionDays: number;
  [key: string]: number;
}

export default defineRule<Resource, Params>({
  id: 'aws-redshift-automated-snapshots',
  title: 'Redshift clusters keep automated snapshots',
  severity: 'medium',
  controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(i)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)', '164.312(a)(2)(ii)'],
  kind: 'attr',
  why: 'Automated snapshots are how a Redshift warehouse of ePHI is restored after corruption or deletion; a retention of 0 turns them off.',
  howToFix: 'Set automated_snapshot_retention_period to at least 1 day (7 or more recommended).',
  links: ['https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html#about-automated-snapshots'],
  references: { awsConfig: ['redshift-backup-enabled'], checkov: ['CKV_AWS_343'] },
  params: { minRetentionDays: 1 },
  targets: (model) => model.ofType('aws_redshift_cluster'),
  check: (cluster, { params }) =>
    requireNumber(cluster.address, cluster, 'automated_snapshot_retention_period', (n) => n >= params.minRetentionDays, {
      providerDefault: 1,
      consequence: `automated snapshots are off or kept less than ${params.minRetentionDays} day(s)`,
      fix: { description: 'Keep automated snapshots for 7 days', safety: 'safe', fixValue: '7' },
    }),
  examples: {
    terraform: {
      bad: ['resource "aws_redshift_cluster" "warehouse" {\n  cluster_identifier                  = "phi-warehouse"\n  node_type                           = "ra3.xlplus"\n  automated_snapshot_retention_period = 0\n}\n'],
      good: ['resource "aws_redshift_cluster" "warehouse" {\n  cluster_identifier                  = "phi-warehouse"\n  node_type                           = "ra3.xlplus"\n  automated_snapshot_retention_period = 7\n}\n'],
    },
  },
});
