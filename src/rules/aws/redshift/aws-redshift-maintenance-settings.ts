import type { Resource } from '../../../model/resource.js';
import { defineRule, fail, type Outcome } from '../../define-rule.js';
import { requireBoolean, requireNumber } from '../judge-setting.js';

interface Params {
  readonly requireMaintenanceWindow: boolean;
  [key: string]: boolean;
}

export default defineRule<Resource, Params>({
  id: 'aws-redshift-maintenance-settings',
  title: 'Redshift clusters take version upgrades in a maintenance window',
  severity: 'low',
  controls: ['164.308(a)(1)(ii)(B)', '164.308(a)(5)(ii)(A)'],
  kind: 'attr',
  why: 'Redshift patches arrive as version upgrades during the maintenance window; refusing them keeps a warehouse of ePHI on versions with known flaws.',
  howToFix: 'Keep allow_version_upgrade = true, keep automated snapshots on, and set preferred_maintenance_window to an agreed low-traffic slot.',
  links: ['https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-clusters.html#rs-maintenance-windows'],
  references: { awsConfig: ['redshift-cluster-maintenancesettings-check'], checkov: ['CKV_AWS_141'] },
  // AWS assigns a random window when none is set; organisations that agree windows can require one.
  params: { requireMaintenanceWindow: false },
  targets: (model) => model.ofType('aws_redshift_cluster'),
  check(cluster, { params }): Outcome[] {
    const outcomes = [
      requireBoolean(cluster.address, cluster, 'allow_version_upgrade', true, {
        providerDefault: true,
        consequence: 'engine upgrades with security fixes are never applied',
        fix: { description: 'Allow version upgrades', safety: 'safe', fixValue: 'true' },
      }),
      requireNumber(cluster.address, cluster, 'automated_snapshot_retention_period', (n) => n >= 1, {
        providerDefault: 1,
        consequence: 'automated snapshots are off',
      }),
    ];
    if (params.requireMaintenanceWindow && !cluster.attributes.has('preferred_maintenance_window')) {
      outcomes.push(fail(cluster, { message: `${cluster.address} does not set preferred_maintenance_window, so AWS picks a random window for upgrades.` }));
    }
    const notPassing = outcomes.filter((o) => o.status !== 'pass');
    return notPassing.length > 0 ? notPassing : [outcomes[0]!];
  },
  examples: {
    terraform: {
      bad: ['resource "aws_redshift_cluster" "warehouse" {\n  cluster_identifier    = "phi-warehouse"\n  node_type             = "ra3.xlplus"\n  allow_version_upgrade = false\n}\n'],
      good: ['resource "aws_redshift_cluster" "warehouse" {\n  cluster_identifier           = "phi-warehouse"\n  node_type                    = "ra3.xlplus"\n  allow_version_upgrade        = true\n  preferred_maintenance_window = "sun:04:00-sun:05:00"\n}\n'],
    },
  },
});
