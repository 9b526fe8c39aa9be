// DocumentDB and Neptune write audit records only when a cluster parameter turns auditing on; the
// "audit" log export merely ships what is written. Both parameters are off in the default cluster
// parameter groups, so an export alone records nothing.
//   DocumentDB: audit_logs, default "disabled" (values enabled, disabled, ddl, dml_read, dml_write,
//     all, none) — https://docs.aws.amazon.com/documentdb/latest/developerguide/db-cluster-parameter-group-parameters.html
//     and https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html
//   Neptune: neptune_enable_audit_log, 1 enables, 0 (default) disables —
//     https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html
//   Aurora MySQL (aws_rds_cluster with engine aurora-mysql or aurora; the caller checks the engine):
//     server_audit_logging turns Advanced Auditing on, 0 (OFF) by default —
//     https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Auditing.html
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asString, blocksOf } from '../../../model/read.js';
import { fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, linkedResources, reasonOf } from '../judge-setting.js';
import { judgedOnAll } from '../linked.js';

interface AuditParameter {
  /** The cluster argument naming its parameter group. */
  readonly groupAttribute: string;
  readonly groupType: string;
  readonly parameter: string;
  /** The value the default parameter group holds. */
  readonly defaultValue: string;
  readonly isOn: (value: string) => boolean;
}

const AUDIT_PARAMETERS: Readonly<Record<string, AuditParameter>> = {
  aws_docdb_cluster: {
    groupAttribute: 'db_cluster_parameter_group_name',
    groupType: 'aws_docdb_cluster_parameter_group',
    parameter: 'audit_logs',
    defaultValue: 'disabled',
    // Every value but disabled and none audits some event category.
    isOn: (v) => !['disabled', 'none', ''].includes(v.trim().toLowerCase()),
  },
  aws_neptune_cluster: {
    groupAttribute: 'neptune_cluster_parameter_group_name',
    groupType: 'aws_neptune_cluster_parameter_group',
    parameter: 'neptune_enable_audit_log',
    defaultValue: '0',
    isOn: (v) => v.trim() === '1',
  },
  aws_rds_cluster: {
    groupAttribute: 'db_cluster_parameter_group_name',
    groupType: 'aws_rds_cluster_parameter_group',
    parameter: 'server_audit_logging',
    defaultValue: '0',
    // A MySQL boolean variable: 1 or ON (any case) turns it on.
    isOn: (v) => ['1', 'on'].includes(v.trim().toLowerCase()),
  },
};

/**
 * Whether the cluster's parameter group turns auditing on: its linked parameter group (by reference
 * or by literal name), else the default group (off); unknown when the group is named but not in
 * the scan, or its value is known only at apply time. Undefined for clusters without such a parameter.
 */
export function judgeAuditParameter(model: InfraModel, cluster: Resource): Outcome | undefined {
  const spec = AUDIT_PARAMETERS[cluster.type];
  if (!spec) return undefined;
  const { parameter } = spec;
  const consequence = 'so no audit events are written for the "audit" export to ship';
  const name = cluster.attributes.get(spec.groupAttribute);
  const groups = linkedResources(model, cluster, spec.groupType, spec.groupAttribute);
  if (groups.length === 0) {
    if (name && isApplyTime(name)) return unknown(name, `${cluster.address}: the cluster parameter group is known only at apply time (${reasonOf(name)}), so ${parameter} cannot be judged.`);
    const n = name ? (asString(name.value) ?? '') : '';
    if (!name || n.startsWith('default.')) {
      return fail(name ?? cluster, {
        message: name
          ? `${cluster.address} uses the default cluster parameter group ${n}, where ${parameter} is "${spec.defaultValue}", ${consequence}.`
          : `${cluster.address} does not set ${spec.groupAttribute}, and the default cluster parameter group leaves ${parameter} at "${spec.defaultValue}", ${consequence}.`,
      });
    }
    return unknown(name, `${cluster.address}: cluster parameter group "${n}" is not defined in the scanned code, so ${parameter} cannot be judged.`);
  }
  const judgeGroup = (group: Resource): Outcome => {
    const entry = blocksOf(group, 'parameter').find((p) => asString(p.attributes.get('name')?.value)?.toLowerCase() === parameter);
    const value = entry?.attributes.get('value');
    if (!value) {
      return fail(group, {
        message: `${cluster.address} uses ${group.address}, which does not set ${parameter} (default "${spec.defaultValue}"), ${consequence}.`,
        related: [{ span: (name ?? cluster).span, message: 'the cluster uses this parameter group' }],
      });
    }
    if (isApplyTime(value)) return unknown(value, `${group.address}: ${parameter} is known only at apply time (${reasonOf(value)}).`);
    const text = asString(value.value) ?? '';
    if (spec.isOn(text)) return pass(value, `${cluster.address} audits through ${group.address} (${parameter} = "${text}") and exports the audit log to CloudWatch Logs.`);
    return fail(value, {
      message: `${group.address} sets ${parameter} to "${text}", so ${cluster.address} writes no audit events for its "audit" export to ship.`,
      related: [{ span: (name ?? cluster).span, message: 'the cluster uses this parameter group' }],
    });
  };
  // One of several groups (a condition known only at apply time, element() of a list): all must agree.
  const judged = judgedOnAll(groups, (g) => [judgeGroup(g)], name ?? cluster, `${cluster.address}: its cluster parameter group`);
  return judged[0]!;
}
