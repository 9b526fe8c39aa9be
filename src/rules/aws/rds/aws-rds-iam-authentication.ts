import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { defineRule, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf, requireBoolean } from '../judge-setting.js';

const TYPES = ['aws_db_instance', 'aws_rds_cluster', 'aws_neptune_cluster'];

/** IAM database authentication exists for MySQL, MariaDB, PostgreSQL, Aurora and Neptune only. */
const SUPPORTED = /^(mysql|mariadb|postgres|aurora|aurora-mysql|aurora-postgresql|neptune)$/i;

/** Provider defaults for `engine` when absent: aurora (MySQL-compatible) for clusters, neptune for Neptune. */
function engineOf(resource: Resource): { value: string | undefined; applyTime: boolean; reason: string } {
  const engine = resource.attributes.get('engine');
  if (!engine) return { value: resource.type === 'aws_neptune_cluster' ? 'neptune' : resource.type === 'aws_rds_cluster' ? 'aurora' : undefined, applyTime: false, reason: '' };
  if (isApplyTime(engine)) return { value: undefined, applyTime: true, reason: reasonOf(engine) };
  return { value: asString(engine.value), applyTime: false, reason: '' };
}

/**
 * RDS for MariaDB has IAM database authentication from 10.11 only (10.4, 10.5 and 10.6: "Not
 * available" in every Region, RDS user guide). Without engine_version RDS picks a current version.
 */
function isMariaDbBefore1011(db: Resource): boolean {
  const version = db.attributes.get('engine_version');
  if (version === undefined || isApplyTime(version)) return false;
  const m = /^(\d+)\.(\d+)/.exec(asString(version.value) ?? '');
  if (m === null) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major < 10 || (major === 10 && minor < 11);
}

export default defineRule<Resource>({
  id: 'aws-rds-iam-authentication',
  title: 'Databases use IAM database authentication',
  severity: 'medium',
  controls: ['164.312(d)', '164.312(a)(2)(i)', '164.308(a)(4)(i)'],
  kind: 'attr',
  why: 'IAM database authentication ties each connection to an individual AWS identity with short-lived tokens, instead of shared database passwords that cannot say who read ePHI.',
  howToFix: 'Set iam_database_authentication_enabled = true and grant rds-db:connect to the individual IAM identities.',
  links: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html'],
  references: {
    awsConfig: ['rds-instance-iam-authentication-enabled', 'rds-cluster-iam-authentication-enabled', 'neptune-cluster-iam-database-authentication'],
    checkov: ['CKV_AWS_161', 'CKV_AWS_162', 'CKV_AWS_359'],
    trivy: ['AVD-AWS-0176', 'aws-rds-enable-iam-auth'],
  },
  targets: (model) =>
    TYPES.flatMap((t) => model.ofType(t)).filter((r) => {
      const engine = engineOf(r);
      if (engine.value && !SUPPORTED.test(engine.value)) return false;
      if (engine.value?.toLowerCase() === 'mariadb' && isMariaDbBefore1011(r)) return false;
      // An Aurora instance belongs to a cluster, which carries the setting.
      return !(r.type === 'aws_db_instance' && engine.value?.toLowerCase().startsWith('aurora'));
    }),
  check(db) {
    const engine = engineOf(db);
    if (engine.applyTime) return unknown(db.attributes.get('engine')!, `${db.address}: the engine is known only at apply time (${engine.reason}), so IAM authentication support cannot be judged.`);
    return requireBoolean(db.address, db, 'iam_database_authentication_enabled', true, {
      providerDefault: false,
      consequence: 'connections authenticate with shared database passwords instead of individual IAM identities',
      fix: { description: 'Enable IAM database authentication', safety: 'safe', fixValue: 'true' },
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_db_instance" "phi" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n}\n'],
      good: ['resource "aws_db_instance" "phi" {\n  engine                              = "postgres"\n  instance_class                      = "db.t3.micro"\n  iam_database_authentication_enabled = true\n}\n'],
    },
  },
});
