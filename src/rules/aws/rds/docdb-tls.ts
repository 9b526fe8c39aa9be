// Amazon DocumentDB encrypts client connections per the `tls` cluster parameter
// (https://docs.aws.amazon.com/documentdb/latest/developerguide/API_Parameter.html,
// https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html):
//   enabled    TLS 1.0 through 1.3 (the default cluster parameter groups hold this)
//   disabled   no TLS: clients connect in clear text
//   fips-140-3, tls1.2+, tls1.3+   TLS 1.2 or later only
// Security Hub DocumentDB.6 fails both "enabled" and "disabled" for the same reason.
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asString, blocksOf } from '../../../model/read.js';
import { fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, linkedResources, reasonOf } from '../judge-setting.js';
import { judgedOnAll } from '../linked.js';

/** The `tls` values that refuse every connection older than TLS 1.2. */
const TLS12_OR_LATER = new Set(['tls1.2+', 'tls1.3+', 'fips-140-3']);
/** The value of `tls` in the default cluster parameter groups. */
const DEFAULT_TLS = 'enabled';

function consequenceOf(value: string): string {
  return value.trim().toLowerCase() === 'disabled' ? 'clients connect without TLS and read ePHI in clear text' : 'clients can still negotiate TLS 1.0 and 1.1';
}

/** The judgement of a DocumentDB cluster's `tls` parameter: its linked cluster parameter group, else the default group. */
export function judgeDocdbTls(model: InfraModel, cluster: Resource): Outcome[] {
  const groupAttribute = 'db_cluster_parameter_group_name';
  const name = cluster.attributes.get(groupAttribute);
  const groups = linkedResources(model, cluster, 'aws_docdb_cluster_parameter_group', groupAttribute);
  if (groups.length === 0) {
    if (name && isApplyTime(name)) return [unknown(name, `${cluster.address}: the cluster parameter group is known only at apply time (${reasonOf(name)}), so tls cannot be judged.`)];
    const n = name ? (asString(name.value) ?? '') : '';
    if (!name || n.startsWith('default.')) {
      return [
        fail(name ?? cluster, {
          message: name
            ? `${cluster.address} uses the default cluster parameter group ${n}, where tls is "${DEFAULT_TLS}", so ${consequenceOf(DEFAULT_TLS)}.`
            : `${cluster.address} does not set ${groupAttribute}, and the default cluster parameter group leaves tls at "${DEFAULT_TLS}", so ${consequenceOf(DEFAULT_TLS)}.`,
        }),
      ];
    }
    return [unknown(name, `${cluster.address}: cluster parameter group "${n}" is not defined in the scanned code, so tls cannot be judged.`)];
  }
  const judgeGroup = (group: Resource): Outcome[] => {
    const entry = blocksOf(group, 'parameter').find((p) => asString(p.attributes.get('name')?.value)?.toLowerCase() === 'tls');
    const value = entry?.attributes.get('value');
    if (!value) {
      return [
        fail(group, {
          message: `${cluster.address} uses ${group.address}, which does not set tls (default "${DEFAULT_TLS}"), so ${consequenceOf(DEFAULT_TLS)}.`,
          related: [{ span: (name ?? cluster).span, message: 'the cluster uses this parameter group' }],
        }),
      ];
    }
    if (isApplyTime(value)) return [unknown(value, `${group.address}: tls is known only at apply time (${reasonOf(value)}).`)];
    const text = asString(value.value) ?? '';
    if (TLS12_OR_LATER.has(text.trim().toLowerCase())) return [pass(value)];
    return [fail(value, { message: `${group.address} sets tls to "${text}", so ${consequenceOf(text)} on ${cluster.address}.` })];
  };
  return judgedOnAll(groups, judgeGroup, name ?? cluster, `${cluster.address}: its cluster parameter group`);
}
