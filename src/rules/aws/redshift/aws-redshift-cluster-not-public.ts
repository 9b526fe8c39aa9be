import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { defineRule, fail, pass, type Outcome } from '../../define-rule.js';
import { requireBoolean } from '../judge-setting.js';

/**
 * The AWS provider's major version, from the lock file or the lowest bound of required_providers;
 * undefined when neither says. v6.0 changed the publicly_accessible default from true to false.
 */
function awsProviderMajor(model: InfraModel): number | undefined {
  for (const locked of model.repo.lockedProviders.values()) {
    const aws = locked.find((p) => /(^|\/)hashicorp\/aws$/.test(p.source));
    if (aws) return Number(aws.version.split('.')[0]);
  }
  for (const settings of model.terraform) {
    const constraint = settings.requiredProviders.get('aws')?.version?.value;
    if (typeof constraint !== 'string') continue;
    const lows = constraint
      .split(',')
      .map((c) => /^\s*(>=|~>|=|>)?\s*v?(\d+)/.exec(c))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[2]));
    if (lows.length > 0) return Math.max(...lows);
  }
  return undefined;
}

export default defineRule<Resource>({
  id: 'aws-redshift-cluster-not-public',
  title: 'Redshift clusters are private and in a VPC subnet group',
  severity: 'critical',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)', '164.312(e)(1)'],
  kind: 'attr',
  why: 'A publicly accessible warehouse exposes its endpoint, and the ePHI loaded into it, to the internet; a cluster without a subnet group lands in the default VPC outside your network design.',
  howToFix: 'Set publicly_accessible = false and set cluster_subnet_group_name to a subnet group of private subnets (serverless workgroups: publicly_accessible = false).',
  links: ['https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html'],
  references: { awsConfig: ['redshift-cluster-public-access-check'], checkov: ['CKV_AWS_87', 'CKV_AWS_154'], trivy: ['AVD-AWS-0127', 'aws-redshift-use-vpc'] },
  // A serverless workgroup holds the same warehouse data: publicly_accessible = true passed every rule.
  targets: (model) => [...model.ofType('aws_redshift_cluster'), ...model.ofType('aws_redshiftserverless_workgroup')],
  check(cluster, { model }) {
    if (cluster.type === 'aws_redshiftserverless_workgroup') {
      return requireBoolean(cluster.address, cluster, 'publicly_accessible', false, {
        // The provider's default for workgroups is false in every major version.
        providerDefault: false,
        consequence: 'the workgroup endpoint is reachable from the internet',
        fix: { description: 'Make the workgroup private', safety: 'safe', fixValue: 'false' },
      });
    }
    const major = awsProviderMajor(model);
    const outcomes: Outcome[] = [
      requireBoolean(cluster.address, cluster, 'publicly_accessible', false, {
        // The AWS provider defaulted publicly_accessible to true before v6.0 (assumed when the version is not pinned).
        providerDefault: major === undefined || major < 6,
        consequence: 'the cluster endpoint is reachable from the internet',
        fix: { description: 'Make the cluster private', safety: 'safe', fixValue: 'false' },
      }),
    ];
    const group = cluster.attributes.get('cluster_subnet_group_name');
    if (!group) {
      outcomes.push(fail(cluster, { message: `${cluster.address} does not set cluster_subnet_group_name, so it is launched in the default VPC rather than your private subnets.` }));
    } else outcomes.push(pass(group, `${cluster.address} is launched in a cluster subnet group (cluster_subnet_group_name).`));
    return outcomes;
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_redshift_cluster" "phi" {\n  cluster_identifier        = "phi"\n  node_type                 = "ra3.xlplus"\n  cluster_subnet_group_name = "private"\n  publicly_accessible       = true\n}\n',
      ],
      good: [
        'resource "aws_redshift_cluster" "phi" {\n  cluster_identifier        = "phi"\n  node_type                 = "ra3.xlplus"\n  cluster_subnet_group_name = "private"\n  publicly_accessible       = false\n}\n',
      ],
    },
  },
});
