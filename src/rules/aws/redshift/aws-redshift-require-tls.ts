import type { Resource } from '../../../model/resource.js';
import { asString, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, linkedResource, reasonOf } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-redshift-require-tls',
  title: 'Redshift clusters require SSL connections',
  severity: 'high',
  controls: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  kind: 'graph',
  why: 'The default Redshift parameter group accepts unencrypted connections, so query results full of ePHI can travel to clients in clear text.',
  howToFix: 'Create an aws_redshift_parameter_group with parameter { name = "require_ssl", value = "true" } and set it as the cluster\'s cluster_parameter_group_name.',
  links: ['https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html'],
  references: { awsConfig: ['redshift-require-tls-ssl'], checkov: ['CKV_AWS_105'] },
  targets: (model) => model.ofType('aws_redshift_cluster'),
  check(cluster, { model }) {
    const name = cluster.attributes.get('cluster_parameter_group_name');
    const group = linkedResource(model, cluster, 'aws_redshift_parameter_group', 'cluster_parameter_group_name');
    if (!group) {
      if (!name) return fail(cluster, { message: `${cluster.address} does not set cluster_parameter_group_name, so it uses the default group, where require_ssl is false.` });
      if (isApplyTime(name)) return unknown(name, `${cluster.address}: the parameter group is known only at apply time (${reasonOf(name)}).`);
      const n = asString(name.value) ?? '';
      if (n.startsWith('default.')) return fail(name, { message: `${cluster.address} uses the default parameter group ${n}, where require_ssl is false.` });
      return unknown(name, `${cluster.address}: parameter group "${n}" is not defined in the scanned code, so require_ssl cannot be judged.`);
    }
    const parameter = blocksOf(group, 'parameter').find((p) => asString(p.attributes.get('name')?.value)?.toLowerCase() === 'require_ssl');
    const value = parameter?.attributes.get('value');
    if (!value) {
      return fail(group, {
        message: `${cluster.address} uses ${group.address}, which does not set require_ssl, so unencrypted connections are accepted.`,
        related: [{ span: (name ?? cluster).span, message: 'the cluster uses this parameter group' }],
      });
    }
    if (isApplyTime(value)) return unknown(value, `${group.address}: require_ssl is known only at apply time (${reasonOf(value)}).`);
    if ((asString(value.value) ?? '').toLowerCase() === 'true') return pass(value);
    return fail(value, { message: `${group.address} sets require_ssl to "${asString(value.value)}", so ${cluster.address} accepts unencrypted connections.` });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_redshift_cluster" "warehouse" {\n  cluster_identifier = "phi-warehouse"\n  node_type          = "ra3.xlplus"\n}\n'],
      good: [
        'resource "aws_redshift_parameter_group" "tls" {\n  name   = "require-tls"\n  family = "redshift-1.0"\n\n  parameter {\n    name  = "require_ssl"\n    value = "true"\n  }\n}\n\nresource "aws_redshift_cluster" "warehouse" {\n  cluster_identifier           = "phi-warehouse"\n  node_type                    = "ra3.xlplus"\n  cluster_parameter_group_name = aws_redshift_parameter_group.tls.name\n}\n',
      ],
    },
  },
});
