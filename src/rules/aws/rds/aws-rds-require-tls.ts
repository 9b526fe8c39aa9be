import type { InfraModel } from '../../../model/infra-model.js';
import type { Sourced } from '../../../model/sourced.js';
import type { Resource } from '../../../model/resource.js';
import { asString, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, linkedResources, reasonOf } from '../judge-setting.js';
import { judgedOnAll } from '../linked.js';
import { sourceOf } from './rds-storage-encryption.js';
import { judgeDocdbTls } from './docdb-tls.js';

type Family = 'postgres' | 'mysql' | 'sqlserver';

/** Which TLS parameter applies: rds.force_ssl (PostgreSQL, SQL Server) or require_secure_transport (MySQL, MariaDB). */
function familyOf(engine: string): Family | undefined {
  const e = engine.toLowerCase();
  if (e.includes('postgres')) return 'postgres';
  if (e.startsWith('sqlserver')) return 'sqlserver';
  if (e === 'mysql' || e === 'mariadb' || e === 'aurora' || e === 'aurora-mysql') return 'mysql';
  return undefined; // Oracle and Db2 configure TLS through option groups / listeners
}

const PARAMETER: Record<Family, string> = { postgres: 'rds.force_ssl', sqlserver: 'rds.force_ssl', mysql: 'require_secure_transport' };
const EXPIRED_CAS = new Set(['rds-ca-2015', 'rds-ca-2019']);

/**
 * The database a read replica copies (replicate_source_db, in this configuration): a replica in
 * another region sets no engine or version of its own and runs its source's.
 */
function replicaSource(model: InfraModel, db: Resource): Resource | undefined {
  if (db.type !== 'aws_db_instance' || db.attributes.has('engine') || !db.attributes.has('replicate_source_db')) return undefined;
  return sourceOf(model, db, 'replicate_source_db', 'aws_db_instance', 'identifier');
}

/** The resource whose engine and version the database runs: itself, or a replica's source. */
const engineHolder = (model: InfraModel, db: Resource): Resource => replicaSource(model, db) ?? db;

function engineOf(model: InfraModel, db: Resource): string | undefined {
  const e = engineHolder(model, db).attributes.get('engine');
  if (!e) return db.type === 'aws_rds_cluster' ? 'aurora' : undefined;
  return isApplyTime(e) ? undefined : asString(e.value);
}

/** The engine_version the database runs: its own, else (a replica) its source's. */
const engineVersionOf = (model: InfraModel, db: Resource): Sourced | undefined => db.attributes.get('engine_version') ?? engineHolder(model, db).attributes.get('engine_version');

/**
 * The first version whose default parameter group forces TLS, per RDS engine (not Aurora, whose
 * cluster defaults keep it off), and whether RDS creates such a version when engine_version is
 * absent:
 * - RDS for PostgreSQL 15 and later default rds.force_ssl to 1; without engine_version RDS creates
 *   the current default major version, 15 or later since 2023
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html).
 * - RDS for MariaDB 11.8 and later default require_secure_transport to ON, 11.4 and earlier to OFF
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mariadb-ssl-connections.require-ssl.html).
 * - RDS for MySQL 9.7 defaults require_secure_transport to ON, 8.4 and earlier to OFF
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html).
 * The MariaDB and MySQL default versions are older than those, so an absent engine_version does not.
 */
const TLS_BY_DEFAULT: Readonly<Record<string, { readonly label: string; readonly from: readonly [number, number]; readonly withoutVersion: boolean }>> = {
  postgres: { label: 'PostgreSQL', from: [15, 0], withoutVersion: true },
  mariadb: { label: 'MariaDB', from: [11, 8], withoutVersion: false },
  mysql: { label: 'MySQL', from: [9, 7], withoutVersion: false },
};

/** Whether `version` ("11.8.3", "16", "9.7") is `from` or later, comparing major and minor. */
function versionAtLeast(version: string, from: readonly [number, number]): boolean {
  const [major, minor] = version.split('.').map((part) => Number.parseInt(part, 10));
  if (major === undefined || Number.isNaN(major)) return false;
  if (major !== from[0]) return major > from[0];
  return (minor === undefined || Number.isNaN(minor) ? 0 : minor) >= from[1];
}

/** Whether the engine's default parameter group forces TLS at the version the database runs. */
function defaultForcesTls(model: InfraModel, db: Resource, engine: string): boolean | 'unknown' {
  const byDefault = TLS_BY_DEFAULT[engine.toLowerCase()];
  if (!byDefault) return false;
  const written = engineVersionOf(model, db);
  if (written === undefined) return byDefault.withoutVersion;
  if (isApplyTime(written)) return 'unknown';
  return versionAtLeast(asString(written.value) ?? '', byDefault.from);
}

function versionUnknown(model: InfraModel, db: Resource, engine: string): Outcome {
  const version = engineVersionOf(model, db)!;
  const byDefault = TLS_BY_DEFAULT[engine.toLowerCase()]!;
  return unknown(version, `${db.address}: engine_version is known only at apply time (${reasonOf(version)}), and ${byDefault.label} forces TLS by default only from version ${byDefault.from[1] === 0 ? byDefault.from[0] : byDefault.from.join('.')}.`);
}

const TRUE_VALUES = new Set(['1', 'on', 'true']);

export default defineRule<Resource>({
  id: 'aws-rds-require-tls',
  title: 'RDS databases force TLS connections',
  severity: 'high',
  controls: ['164.312(e)(1)', '164.312(e)(2)(ii)', '164.312(e)(2)(i)'],
  kind: 'graph',
  why: 'Unless the parameter group forces TLS, a client can connect unencrypted and pull ePHI across the network in clear text.',
  howToFix:
    'Use a parameter group with rds.force_ssl = 1 (PostgreSQL, SQL Server) or require_secure_transport = ON (MySQL, MariaDB) and reference it from the DB instance (parameter_group_name) or cluster (db_cluster_parameter_group_name); on DocumentDB clusters use a cluster parameter group with tls = "tls1.2+"; keep ca_cert_identifier on a current CA.',
  links: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html', 'https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html'],
  references: { awsConfig: ['rds-postgres-instance-encrypted-in-transit', 'rds-mysql-instance-encrypted-in-transit'], checkov: ['CKV2_AWS_69', 'CKV_AWS_211'] },
  targets: (model) =>
    [...model.ofType('aws_db_instance'), ...model.ofType('aws_rds_cluster'), ...model.ofType('aws_docdb_cluster')].filter((db) => {
      if (db.type === 'aws_docdb_cluster') return true;
      const engine = engineOf(model, db);
      if (engine === undefined) return engineHolder(model, db).attributes.has('engine');
      if (db.type === 'aws_db_instance' && engine.toLowerCase().startsWith('aurora')) return false; // the cluster carries it
      return familyOf(engine) !== undefined;
    }),
  check(db, { model }): Outcome[] {
    if (db.type === 'aws_docdb_cluster') return judgeDocdbTls(model, db);
    const engine = engineOf(model, db);
    if (engine === undefined) {
      const written = engineHolder(model, db).attributes.get('engine')!;
      return [unknown(written, `${db.address}: the engine is known only at apply time (${reasonOf(written)}).`)];
    }
    const family = familyOf(engine)!;
    const parameterName = PARAMETER[family];
    const outcomes: Outcome[] = [];
    const ca = db.attributes.get('ca_cert_identifier');
    if (ca && !isApplyTime(ca) && EXPIRED_CAS.has(asString(ca.value) ?? '')) {
      outcomes.push(fail(ca, { message: `${db.address} uses the expired certificate authority ${asString(ca.value)}, so clients that verify certificates cannot connect over TLS.` }));
    }
    const isCluster = db.type === 'aws_rds_cluster';
    const groupAttr = isCluster ? 'db_cluster_parameter_group_name' : 'parameter_group_name';
    const groupType = isCluster ? 'aws_rds_cluster_parameter_group' : 'aws_db_parameter_group';
    const name = db.attributes.get(groupAttr);
    const groups = linkedResources(model, db, groupType, groupAttr);
    if (groups.length === 0) {
      if (name && isApplyTime(name)) return [...outcomes, unknown(name, `${db.address}: the parameter group is known only at apply time (${reasonOf(name)}).`)];
      const n = name ? asString(name.value) ?? '' : '';
      if (!name || n.startsWith('default.')) {
        const forces = defaultForcesTls(model, db, engine);
        if (forces === 'unknown') return [...outcomes, versionUnknown(model, db, engine)];
        if (forces) return [...outcomes, pass(name ?? db)];
        return [
          ...outcomes,
          fail(name ?? db, {
            message: name
              ? `${db.address} uses the default parameter group ${n}, where ${parameterName} is off, so unencrypted connections are accepted.`
              : `${db.address} does not set ${groupAttr}, so it uses the default parameter group, where ${parameterName} is off and unencrypted connections are accepted.`,
          }),
        ];
      }
      return [...outcomes, unknown(name, `${db.address}: parameter group "${n}" is not defined in the scanned code, so ${parameterName} cannot be judged.`)];
    }
    const judgeGroup = (group: Resource): Outcome[] => {
      const parameter = blocksOf(group, 'parameter').find((p) => asString(p.attributes.get('name')?.value)?.toLowerCase() === parameterName);
      const value = parameter?.attributes.get('value');
      if (!value) {
        const forces = defaultForcesTls(model, db, engine);
        if (forces === 'unknown') return [versionUnknown(model, db, engine)];
        if (forces) return [pass(group)];
        return [
          fail(group, {
            message: `${db.address} uses ${group.address}, which does not set ${parameterName}, so unencrypted connections are accepted.`,
            related: [{ span: (name ?? db).span, message: 'the database uses this parameter group' }],
          }),
        ];
      }
      if (isApplyTime(value)) return [unknown(value, `${group.address}: ${parameterName} is known only at apply time (${reasonOf(value)}).`)];
      const v = (asString(value.value) ?? '').toLowerCase();
      if (TRUE_VALUES.has(v)) return [pass(value)];
      return [fail(value, { message: `${group.address} sets ${parameterName} to "${asString(value.value)}", so ${db.address} accepts unencrypted connections.` })];
    };
    const judged = judgedOnAll(groups, judgeGroup, name ?? db, `${db.address}: its parameter group`);
    // An expired CA already fails the database: a passing group adds no pass beside it.
    if (outcomes.length > 0 && judged.every((o) => o.status === 'pass')) return outcomes;
    return [...outcomes, ...judged];
  },
  examples: {
    terraform: {
      bad: ['resource "aws_db_instance" "phi" {\n  engine         = "mysql"\n  engine_version = "8.0"\n  instance_class = "db.t3.micro"\n}\n'],
      good: [
        'resource "aws_db_parameter_group" "tls" {\n  name   = "mysql-require-tls"\n  family = "mysql8.0"\n\n  parameter {\n    name  = "require_secure_transport"\n    value = "ON"\n  }\n}\n\nresource "aws_db_instance" "phi" {\n  engine               = "mysql"\n  engine_version       = "8.0"\n  instance_class       = "db.t3.micro"\n  parameter_group_name = aws_db_parameter_group.tls.name\n}\n',
      ],
    },
  },
});
