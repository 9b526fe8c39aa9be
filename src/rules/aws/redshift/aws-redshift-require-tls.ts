import type { NestedBlock, Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asString, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, linkedResources, reasonOf } from '../judge-setting.js';
import { judgedOnAll } from '../linked.js';

/**
 * require_ssl in each parameter group family's default group (Redshift parameter groups guide:
 * redshift-2.0, introduced in January 2025, requires SSL; redshift-1.0 accepts clear text).
 */
const DEFAULT_REQUIRES_SSL: ReadonlyMap<string, boolean> = new Map([
  ['redshift-1.0', false],
  ['redshift-2.0', true],
]);

/**
 * The require_ssl config_parameter blocks of a Redshift Serverless workgroup, and whether one has a
 * parameter_key known only at apply time (a dynamic block over a variable): it may be require_ssl.
 */
function requireSslParameters(workgroup: Resource): { readonly blocks: readonly NestedBlock[]; readonly unknownKey: Sourced | undefined } {
  const parameters = blocksOf(workgroup, 'config_parameter');
  const unknownKey = parameters.map((p) => p.attributes.get('parameter_key')).find((k) => isApplyTime(k));
  const blocks = parameters.filter((p) => asString(p.attributes.get('parameter_key')?.value)?.toLowerCase() === 'require_ssl');
  return { blocks, unknownKey };
}

/**
 * A Redshift Serverless workgroup sets require_ssl as a config_parameter, not in a parameter group
 * (AWS Config redshift-serverless-workgroup-encrypted-in-transit is NON_COMPLIANT when it is false).
 * One that leaves it out was not judged at all (no finding), as if it were known to require SSL.
 * The default is not in the provider schema; AWS gives a new workgroup require_ssl = true and
 * refuses false at creation ("You can't disable require_ssl while the workgroup is being created"),
 * but an existing workgroup keeps whatever it has, which a configuration that leaves the parameter
 * out does not change or show. So unknown, as for a cluster without a parameter group.
 */
function judgeWorkgroup(workgroup: Resource): Outcome {
  const { blocks, unknownKey } = requireSslParameters(workgroup);
  for (const block of blocks) {
    const value = block.attributes.get('parameter_value');
    if (!value) continue;
    if (isApplyTime(value)) return unknown(value, `${workgroup.address}: require_ssl is known only at apply time (${reasonOf(value)}).`);
    if ((asString(value.value) ?? '').toLowerCase() === 'true') return pass(value);
    return fail(value, { message: `${workgroup.address} sets the config_parameter require_ssl to "${asString(value.value)}", so the workgroup accepts unencrypted connections.` });
  }
  if (unknownKey) return unknown(unknownKey, `${workgroup.address}: a config_parameter key is known only at apply time (${reasonOf(unknownKey)}), so it may turn require_ssl off.`);
  return unknown(
    workgroup,
    `${workgroup.address} does not set the config_parameter require_ssl: AWS creates a workgroup with require_ssl true, but an existing one keeps the value it has, which this configuration leaves as it is; set require_ssl = "true" to evidence it.`,
  );
}

export default defineRule<Resource>({
  id: 'aws-redshift-require-tls',
  title: 'Redshift clusters require SSL connections',
  severity: 'high',
  controls: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  kind: 'graph',
  why: 'The redshift-1.0 parameter groups accept unencrypted connections unless require_ssl is set, so query results full of ePHI can travel to clients in clear text.',
  howToFix:
    'Create an aws_redshift_parameter_group with parameter { name = "require_ssl", value = "true" } and set it as the cluster\'s cluster_parameter_group_name; on a Redshift Serverless workgroup set config_parameter { parameter_key = "require_ssl", parameter_value = "true" }.',
  links: ['https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html'],
  references: { awsConfig: ['redshift-require-tls-ssl'], checkov: ['CKV_AWS_105'] },
  targets: (model) => [...model.ofType('aws_redshift_cluster'), ...model.ofType('aws_redshiftserverless_workgroup')],
  check(cluster, { model }) {
    if (cluster.type === 'aws_redshiftserverless_workgroup') return judgeWorkgroup(cluster);
    const name = cluster.attributes.get('cluster_parameter_group_name');
    const groups = linkedResources(model, cluster, 'aws_redshift_parameter_group', 'cluster_parameter_group_name');
    if (groups.length === 0) {
      // Since January 10, 2025 a cluster created or restored without a parameter group gets
      // default.redshift-2.0 (require_ssl true), but one created before keeps default.redshift-1.0
      // (require_ssl false) and the provider, which computes the argument, leaves it there. The
      // source cannot say which, so the omitted group is unknown rather than a pass or a failure.
      if (!name) {
        return unknown(
          cluster,
          `${cluster.address} does not set cluster_parameter_group_name: a cluster created since January 10, 2025 uses default.redshift-2.0 (require_ssl true), one created before keeps default.redshift-1.0 (require_ssl false).`,
        );
      }
      if (isApplyTime(name)) return unknown(name, `${cluster.address}: the parameter group is known only at apply time (${reasonOf(name)}).`);
      const n = asString(name.value) ?? '';
      if (n.startsWith('default.')) {
        const family = n.slice('default.'.length);
        if (DEFAULT_REQUIRES_SSL.get(family) === true) return pass(name, `${cluster.address} uses the default parameter group ${n}, where require_ssl is true.`);
        if (DEFAULT_REQUIRES_SSL.get(family) === false) return fail(name, { message: `${cluster.address} uses the default parameter group ${n}, where require_ssl is false.` });
        return unknown(name, `${cluster.address}: the default of require_ssl in parameter group family "${family}" is not known.`);
      }
      return unknown(name, `${cluster.address}: parameter group "${n}" is not defined in the scanned code, so require_ssl cannot be judged.`);
    }
    const judgeGroup = (group: Resource): Outcome => {
      const parameter = blocksOf(group, 'parameter').find((p) => asString(p.attributes.get('name')?.value)?.toLowerCase() === 'require_ssl');
      const value = parameter?.attributes.get('value');
      if (!value) {
        // A custom group starts with its family's default values (Redshift parameter groups guide).
        const family = group.attributes.get('family');
        if (!family || isApplyTime(family)) return unknown(family ?? group, `${group.address}: the parameter group family, whose default require_ssl applies, is known only at apply time.`);
        const f = asString(family.value) ?? '';
        if (DEFAULT_REQUIRES_SSL.get(f) === true) return pass(family, `${cluster.address} uses ${group.address}, of family ${f}, where require_ssl defaults to true.`);
        if (DEFAULT_REQUIRES_SSL.get(f) === undefined) return unknown(family, `${group.address}: the default of require_ssl in parameter group family "${f}" is not known.`);
        return fail(group, {
          message: `${cluster.address} uses ${group.address}, which does not set require_ssl and is of family ${f}, where it defaults to false, so unencrypted connections are accepted.`,
          related: [{ span: (name ?? cluster).span, message: 'the cluster uses this parameter group' }],
        });
      }
      if (isApplyTime(value)) return unknown(value, `${group.address}: require_ssl is known only at apply time (${reasonOf(value)}).`);
      if ((asString(value.value) ?? '').toLowerCase() === 'true') return pass(value);
      return fail(value, { message: `${group.address} sets require_ssl to "${asString(value.value)}", so ${cluster.address} accepts unencrypted connections.` });
    };
    return judgedOnAll(groups, (g) => [judgeGroup(g)], name ?? cluster, `${cluster.address}: its parameter group`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_redshift_cluster" "warehouse" {\n  cluster_identifier           = "phi-warehouse"\n  node_type                    = "ra3.xlplus"\n  cluster_parameter_group_name = "default.redshift-1.0"\n}\n',
      ],
      good: [
        'resource "aws_redshift_parameter_group" "tls" {\n  name   = "require-tls"\n  family = "redshift-1.0"\n\n  parameter {\n    name  = "require_ssl"\n    value = "true"\n  }\n}\n\nresource "aws_redshift_cluster" "warehouse" {\n  cluster_identifier           = "phi-warehouse"\n  node_type                    = "ra3.xlplus"\n  cluster_parameter_group_name = aws_redshift_parameter_group.tls.name\n}\n',
      ],
    },
  },
});
