import type { Resource } from '../../../model/resource.js';
import { asBoolean, attrOr, blockOf, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { candidatesOf, linkedBack } from '../linked.js';

export default defineRule<Resource>({
  id: 'aws-redshift-audit-logging',
  title: 'Redshift clusters have audit logging',
  severity: 'medium',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)'],
  kind: 'attr',
  why: 'Redshift audit logs (connection, user and user-activity logs) are the only record of who queried warehoused ePHI.',
  howToFix: 'Add an aws_redshift_logging for the cluster (log_destination_type = "cloudwatch" or "s3"), or the legacy logging { enable = true } block; set enable_user_activity_logging in the parameter group.',
  links: ['https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html'],
  references: { awsConfig: ['redshift-cluster-configuration-check', 'redshift-audit-logging-enabled'], checkov: ['CKV_AWS_71'] },
  targets: (model) => model.ofType('aws_redshift_cluster'),
  check(cluster, { model }) {
    // An aws_redshift_logging whose cluster_identifier takes one of several clusters logs one of them only.
    const { sure, maybe } = linkedBack(model, cluster, 'aws_redshift_logging', 'cluster_identifier');
    const split = sure[0];
    if (split) return pass(split, `${cluster.address} has audit logging (${split.address}).`);
    const inline = blockOf(cluster, 'logging');
    if (!inline && maybe[0]) {
      return unknown(maybe[0], `${cluster.address}: ${maybe[0].address} logs one of ${candidatesOf(model, maybe[0], cluster.type)} (which one is not known to the scan), so whether this cluster has audit logging cannot be judged.`);
    }
    if (!inline) return fail(cluster, { message: `${cluster.address} has no aws_redshift_logging or logging block, so audit logging is off.` });
    const enable = attrOr(inline, 'enable', false);
    if (isUnresolved(enable)) return unknown(enable, `${cluster.address}: logging.enable depends on ${applyTimeReason(enable)}.`);
    if (asBoolean(enable.value) === true) return pass(enable, `${cluster.address} has audit logging.`);
    return fail(enable, { message: `${cluster.address} ${enable.provenance === 'default' ? 'does not set logging.enable' : 'sets logging.enable to false'}, so audit logging is off.` });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "claims-dw"\n  node_type          = "ra3.xlplus"\n}\n'],
      good: [
        'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "claims-dw"\n  node_type          = "ra3.xlplus"\n}\n\nresource "aws_redshift_logging" "dw" {\n  cluster_identifier   = aws_redshift_cluster.dw.id\n  log_destination_type = "cloudwatch"\n  log_exports          = ["connectionlog", "userlog", "useractivitylog"]\n}\n',
      ],
    },
  },
});
