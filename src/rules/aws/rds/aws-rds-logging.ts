import type { Resource } from '../../../model/resource.js';
import { asList, asString, attr, attrOr, isUnresolved } from '../../../model/read.js';
import { containsUnknown } from '../../../model/value.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { judgeAuditPlugin } from './mysql-audit-plugin.js';
import { judgeAuditParameter } from '../logging/cluster-audit-parameter.js';

/** Aurora MySQL engines: "aurora" is the MySQL 5.6-compatible one. */
function isAuroraMysql(engine: string | undefined): boolean {
  return engine === 'aurora' || (engine?.startsWith('aurora-mysql') ?? false);
}

/** The log exports each engine must enable (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html). */
function requiredExports(engine: string | undefined): readonly string[] {
  if (engine === undefined) return [];
  if (engine.includes('postgres')) return ['postgresql'];
  if (engine === 'mysql' || engine === 'mariadb' || engine.startsWith('aurora-mysql') || engine === 'aurora') return ['audit', 'error'];
  if (engine.startsWith('oracle')) return ['alert', 'audit'];
  if (engine.startsWith('sqlserver')) return ['error'];
  if (engine.startsWith('db2')) return ['diag.log'];
  return [];
}

export default defineRule<Resource>({
  id: 'aws-rds-logging',
  title: 'RDS databases export engine logs to CloudWatch Logs',
  severity: 'medium',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(5)(ii)(C)'],
  kind: 'attr',
  why: 'Database audit and error logs show who connected and which statements touched ePHI tables; kept only on the instance they rotate away within days and vanish with it.',
  howToFix:
    'Set enabled_cloudwatch_logs_exports for the engine: ["postgresql"] for PostgreSQL, ["audit", "error", "general", "slowquery"] for MySQL/MariaDB, ["alert", "audit", "listener", "trace"] for Oracle, ["error", "agent"] for SQL Server; and enable pgaudit or the audit plugin in the parameter or option group (RDS for MySQL and MariaDB write no audit log without an aws_db_option_group carrying the MARIADB_AUDIT_PLUGIN option; Aurora MySQL none without server_audit_logging = 1 in an aws_rds_cluster_parameter_group).',
  links: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.MySQL.Options.AuditPlugin.html', 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Auditing.html'],
  references: { awsConfig: ['rds-logging-enabled'], checkov: ['CKV_AWS_129', 'CKV_AWS_324', 'CKV_AWS_325', 'CKV2_AWS_27', 'CKV2_AWS_30'] },
  targets: (model) => [...model.ofType('aws_db_instance'), ...model.ofType('aws_rds_cluster')],
  check(db, { model }) {
    const exports = attr(db, 'enabled_cloudwatch_logs_exports');
    if (exports && (isUnresolved(exports) || containsUnknown(exports.value))) return unknown(exports, `${db.address}: enabled_cloudwatch_logs_exports depends on ${applyTimeReason(exports)}.`);
    const engineValue = attrOr(db, 'engine', db.type === 'aws_rds_cluster' ? 'aurora-mysql' : '');
    if (isUnresolved(engineValue)) return unknown(engineValue, `${db.address}: the engine depends on ${applyTimeReason(engineValue)}, so the required log exports are not known.`);
    const engine = asString(engineValue.value);
    const enabled = new Set(asList(exports?.value).map((v) => asString(v) ?? ''));
    if (!exports || enabled.size === 0) {
      return fail(exports ?? db, { message: `${db.address} does not set enabled_cloudwatch_logs_exports, so its database logs are not exported to CloudWatch Logs.` });
    }
    const missing = requiredExports(engine).filter((log) => !enabled.has(log));
    if (missing.length > 0) return fail(exports, { message: `${db.address} does not export the ${missing.join(' and ')} log${missing.length > 1 ? 's' : ''} for ${engine}.` });
    // RDS for MySQL and MariaDB write the audit log only through an option group's audit plugin.
    if (db.type === 'aws_db_instance' && (engine === 'mysql' || engine === 'mariadb')) return judgeAuditPlugin(model, db, engine);
    // Aurora MySQL writes the audit log only with Advanced Auditing on (server_audit_logging in the
    // cluster parameter group, off in the default group): the "audit" export alone ships nothing.
    if (db.type === 'aws_rds_cluster' && isAuroraMysql(engine)) return judgeAuditParameter(model, db) ?? pass(exports, `${db.address} exports ${[...enabled].join(', ')} logs.`);
    return pass(exports, `${db.address} exports ${[...enabled].join(', ')} logs.`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n}\n',
        // The audit export of Aurora MySQL on the default cluster parameter group (server_audit_logging = 0) ships nothing.
        'resource "aws_rds_cluster" "phi" {\n  cluster_identifier              = "phi"\n  engine                          = "aurora-mysql"\n  enabled_cloudwatch_logs_exports = ["audit", "error"]\n}\n',
      ],
      good: [
        'resource "aws_db_instance" "phi" {\n  engine                          = "postgres"\n  instance_class                  = "db.t3.micro"\n  allocated_storage               = 20\n  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]\n}\n',
        'resource "aws_rds_cluster_parameter_group" "audit" {\n  name   = "aurora-audit"\n  family = "aurora-mysql8.0"\n\n  parameter {\n    name  = "server_audit_logging"\n    value = "1"\n  }\n}\n\nresource "aws_rds_cluster" "phi" {\n  cluster_identifier              = "phi"\n  engine                          = "aurora-mysql"\n  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.audit.name\n  enabled_cloudwatch_logs_exports = ["audit", "error"]\n}\n',
      ],
    },
  },
});
