// RDS for MySQL and MariaDB write an audit log only through the MARIADB_AUDIT_PLUGIN option: "Audit
// log: The DB instance must use a custom option group with the MARIADB_AUDIT_PLUGIN option"
// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.MySQLDB.PublishtoCloudWatchLogs.html,
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.MariaDB.PublishtoCloudWatchLogs.html).
// The default option groups (default:mysql-8-0 ...) carry no options, so an "audit" export alone
// ships nothing.
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asString, blocksOf } from '../../../model/read.js';
import { fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, linkedResources, reasonOf } from '../judge-setting.js';
import { judgedOnAll } from '../linked.js';
import { sourceOf } from './rds-storage-encryption.js';

const PLUGIN = 'MARIADB_AUDIT_PLUGIN';

/**
 * The instance whose option group `db` runs with: itself, or (a read replica that names none) its
 * source, since a replica created without an option group takes its source's
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html).
 * Null when that source is not in the scan.
 */
function optionGroupHolder(model: InfraModel, db: Resource): Resource | null {
  if (db.attributes.has('option_group_name') || !db.attributes.has('replicate_source_db')) return db;
  return sourceOf(model, db, 'replicate_source_db', 'aws_db_instance', 'identifier') ?? null;
}

/** Whether a MySQL or MariaDB instance that exports "audit" has the audit plugin that writes that log. */
export function judgeAuditPlugin(model: InfraModel, db: Resource, engine: string): Outcome {
  const holder = optionGroupHolder(model, db);
  if (!holder) return unknown(db, `${db.address} is a read replica that takes its source's option group, and the source is not in the scanned code, so the ${PLUGIN} option cannot be judged.`);
  const inherited = holder === db ? '' : ` (inherited from its source ${holder.address})`;
  const name = holder.attributes.get('option_group_name');
  const groups = linkedResources(model, holder, 'aws_db_option_group', 'option_group_name');
  if (groups.length === 0) {
    if (name && isApplyTime(name)) return unknown(name, `${db.address}: the option group${inherited} is known only at apply time (${reasonOf(name)}), so the ${PLUGIN} option cannot be judged.`);
    const n = name ? (asString(name.value) ?? '') : '';
    if (!name || n.startsWith('default:')) {
      return fail(name ?? db, {
        message: `${db.address} exports the ${engine} audit log but ${name ? `uses the default option group ${n}${inherited}` : `sets no option_group_name${inherited}, so it uses the default option group`}, which has no ${PLUGIN} option to write it.`,
      });
    }
    return unknown(name, `${db.address}: option group "${n}"${inherited} is not defined in the scanned code, so the ${PLUGIN} option cannot be judged.`);
  }
  const judgeGroup = (group: Resource): Outcome => {
    const names = blocksOf(group, 'option').map((o) => o.attributes.get('option_name'));
    const plugin = names.find((v) => v && !isApplyTime(v) && asString(v.value)?.toUpperCase() === PLUGIN);
    if (plugin) return pass(plugin, `${db.address} exports the audit log written by ${PLUGIN} in ${group.address}.`);
    const open = names.find((v) => v && isApplyTime(v));
    if (open) return unknown(open, `${group.address}: an option_name is known only at apply time (${reasonOf(open)}), so the ${PLUGIN} option cannot be judged.`);
    return fail(group, {
      message: `${db.address} exports the ${engine} audit log, but its option group ${group.address}${inherited} has no ${PLUGIN} option to write it.`,
      related: [{ span: (name ?? holder).span, message: 'the database uses this option group' }],
    });
  };
  // One of several option groups (a condition known only at apply time, element() of a list): all must agree.
  return judgedOnAll(groups, (g) => [judgeGroup(g)], name ?? holder, `${db.address}: its option group${inherited}`)[0]!;
}
