import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-rds-cluster-multi-az',
  title: 'RDS clusters span at least two Availability Zones',
  severity: 'medium',
  controls: ['164.308(a)(7)(ii)(C)', '164.308(a)(7)(i)', '164.308(a)(7)(ii)(B)'],
  kind: 'graph',
  why: 'An Aurora cluster with a single instance, or with all instances in one zone, has nothing to fail over to when that zone fails, interrupting access to ePHI.',
  howToFix:
    'Run at least two aws_rds_cluster_instance resources for the cluster (leave availability_zone unset or use different zones), or create a Multi-AZ DB cluster (db_cluster_instance_class with a mysql or postgres engine).',
  links: ['https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html'],
  references: { awsConfig: ['rds-cluster-multi-az-enabled'] },
  targets: (model) => model.ofType('aws_rds_cluster').filter((c) => asString(c.attributes.get('engine_mode')?.value) !== 'serverless'),
  check(cluster, { model }) {
    const instanceClass = cluster.attributes.get('db_cluster_instance_class');
    if (instanceClass && instanceClass.value !== null) return pass(instanceClass); // Multi-AZ DB cluster: one writer, two readers in three AZs
    const instances = model.related(cluster, 'aws_rds_cluster_instance');
    if (instances.length < 2) {
      return fail(cluster, {
        message:
          instances.length === 0
            ? `${cluster.address} has no aws_rds_cluster_instance in the scanned code, so it has no replica in another Availability Zone.`
            : `${cluster.address} has a single instance (${instances[0]!.address}), so there is no replica in another Availability Zone to fail over to.`,
      });
    }
    const zones = instances.map((i) => i.attributes.get('availability_zone'));
    const pending = zones.find((z) => z !== undefined && isApplyTime(z));
    if (pending) return unknown(pending, `${cluster.address}: an instance's availability_zone is known only at apply time (${reasonOf(pending)}).`);
    // Unset zones are placed by RDS, which spreads a cluster's instances across zones.
    if (zones.some((z) => z === undefined)) return pass(cluster);
    const distinct = new Set(zones.map((z) => asString(z!.value)));
    if (distinct.size >= 2) return pass(cluster);
    return fail(zones[0]!, { message: `${cluster.address} places all ${instances.length} instances in ${[...distinct][0]}, so one zone failure takes the cluster down.` });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_rds_cluster" "phi" {\n  cluster_identifier = "phi"\n  engine             = "aurora-postgresql"\n}\n\nresource "aws_rds_cluster_instance" "writer" {\n  cluster_identifier = aws_rds_cluster.phi.id\n  instance_class     = "db.r6g.large"\n  engine             = "aurora-postgresql"\n}\n',
      ],
      good: [
        'resource "aws_rds_cluster" "phi" {\n  cluster_identifier = "phi"\n  engine             = "aurora-postgresql"\n}\n\nresource "aws_rds_cluster_instance" "node" {\n  count              = 2\n  cluster_identifier = aws_rds_cluster.phi.id\n  instance_class     = "db.r6g.large"\n  engine             = "aurora-postgresql"\n}\n',
      ],
    },
  },
});
