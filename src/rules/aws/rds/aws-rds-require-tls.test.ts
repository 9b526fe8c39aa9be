import rule from './aws-rds-require-tls.js';
import { testRule } from '../../../testing/rule-tester.js';

const clusterGroup = (value: string): string => `resource "aws_rds_cluster_parameter_group" "p" {\n  name = "pg-tls"\n  family = "aurora-postgresql15"\n  parameter {\n    name = "rds.force_ssl"\n    value = ${value}\n  }\n}\nresource "aws_rds_cluster" "c" {\n  engine = "aurora-postgresql"\n  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.p.name\n}\n`;

// Two MySQL parameter groups, grp-a and grp-b, with require_secure_transport `a` and `b`; the
// database takes one of them by `pick`. The first linked group was judged, whichever one was used.
// `name` false: they are named by name_prefix, so which one `pick` gives is known only at apply time.
const twoGroups = (a: string, b: string, pick: string, name = true): string =>
  `resource "aws_db_parameter_group" "a" {\n  ${name ? 'name  ' : 'name_prefix'} = "grp-a"\n  family = "mysql8.0"\n  parameter {\n    name  = "require_secure_transport"\n    value = "${a}"\n  }\n}\nresource "aws_db_parameter_group" "b" {\n  ${name ? 'name  ' : 'name_prefix'} = "grp-b"\n  family = "mysql8.0"\n  parameter {\n    name  = "require_secure_transport"\n    value = "${b}"\n  }\n}\nresource "aws_db_instance" "phi" {\n  engine               = "mysql"\n  engine_version       = "8.0"\n  instance_class       = "db.t3.micro"\n  parameter_group_name = ${pick}\n}\n`;
const second = 'element([aws_db_parameter_group.a.name, aws_db_parameter_group.b.name], 1)';

// Two counted groups named only at apply time: pg[0] does not force TLS, pg[1] does. A known position
// in their splat names one of them, as Terraform evaluates it; every instance was linked, and unknown.
const countedGroups = (pick: string): string =>
  `variable "i" {\n  type = number\n}\nresource "aws_db_parameter_group" "pg" {\n  count       = 2\n  name_prefix = "pg-\${count.index}-"\n  family      = "postgres14"\n  parameter {\n    name  = "rds.force_ssl"\n    value = count.index\n  }\n}\nresource "aws_db_instance" "phi" {\n  engine               = "postgres"\n  engine_version       = "14.10"\n  instance_class       = "db.t3.micro"\n  parameter_group_name = ${pick}\n}\n`;
// A DocumentDB cluster on a cluster parameter group setting tls to `value`.
const docdb = (value: string): string =>
  `resource "aws_docdb_cluster_parameter_group" "p" {\n  name   = "docdb-tls"\n  family = "docdb5.0"\n  parameter {\n    name  = "tls"\n    value = ${value}\n  }\n}\nresource "aws_docdb_cluster" "d" {\n  cluster_identifier              = "d"\n  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.p.name\n}\n`;

testRule(rule, {
  pass: [
    { name: 'DocumentDB cluster with tls1.2+', terraform: docdb('"tls1.2+"') },
    { name: 'DocumentDB cluster with FIPS 140-3 TLS', terraform: docdb('"fips-140-3"') },
    { name: 'the second of two groups, picked by element(), forces TLS (the first does not)', terraform: twoGroups('0', '1', second) },
    { name: 'the second of two groups, picked from concat(), forces TLS', terraform: twoGroups('0', '1', 'concat([aws_db_parameter_group.a.name], [aws_db_parameter_group.b.name])[1]') },
    { name: 'the second of two groups named only at apply time, both forcing TLS', terraform: twoGroups('1', '1', second, false) },
    { name: 'the second of two counted groups named at apply time, picked by element() of their splat, forces TLS', terraform: countedGroups('element(aws_db_parameter_group.pg[*].name, 1)') },
    { name: 'the second of two counted groups, picked by an index after their splat, forces TLS', terraform: countedGroups('(aws_db_parameter_group.pg[*].name)[1]') },
    { name: 'PostgreSQL without engine_version: RDS creates a current version (15 or later), which forces TLS by default', terraform: 'resource "aws_db_instance" "pg" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n}\n' },
    { name: 'aurora postgres cluster forcing TLS', terraform: clusterGroup('"1"') },
    { name: 'RDS MariaDB 11.8 default group forces TLS (require_secure_transport ON from 11.8)', terraform: 'resource "aws_db_instance" "d" {\n  engine         = "mariadb"\n  engine_version = "11.8.3"\n  instance_class = "db.t3.micro"\n}\n' },
    { name: 'RDS MySQL 9.7 default group forces TLS', terraform: 'resource "aws_db_instance" "d" {\n  engine         = "mysql"\n  engine_version = "9.7.0"\n  instance_class = "db.t3.micro"\n}\n' },
    { name: 'RDS PostgreSQL 16 default group forces TLS', terraform: 'resource "aws_db_instance" "d" {\n  engine = "postgres"\n  engine_version = "16.3"\n  instance_class = "db.t3.micro"\n}\n' },
  ],
  fail: [
    { name: 'DocumentDB cluster with tls disabled', terraform: docdb('"disabled"'), findings: [{ line: 6, message: /sets tls to "disabled", so clients connect without TLS/ }] },
    { name: 'DocumentDB cluster with tls enabled (TLS 1.0 to 1.3)', terraform: docdb('"enabled"'), findings: [{ line: 6, message: /sets tls to "enabled", so clients can still negotiate TLS 1\.0 and 1\.1/ }] },
    { name: 'DocumentDB cluster on the default cluster parameter group', terraform: 'resource "aws_docdb_cluster" "d" {\n  cluster_identifier = "d"\n}\n', findings: [{ line: 1, message: /default cluster parameter group leaves tls at "enabled"/ }] },
    { name: 'the second of two groups, picked by element(), does not force TLS (the first does)', terraform: twoGroups('1', '0', second), findings: [{ line: 14, message: /aws_db_parameter_group\.b sets require_secure_transport to "0"/ }] },
    { name: 'a cross-region read replica runs its source\'s engine (it sets none) on the default parameter group', terraform: 'provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "dr"\n  region = "us-west-2"\n}\nresource "aws_db_instance" "primary" {\n  identifier        = "phi"\n  engine            = "mysql"\n  engine_version    = "8.0"\n  instance_class    = "db.t3.micro"\n  storage_encrypted = true\n}\nresource "aws_db_instance" "replica" {\n  provider            = aws.dr\n  identifier          = "phi-dr"\n  replicate_source_db = aws_db_instance.primary.arn\n  instance_class      = "db.t3.micro"\n  storage_encrypted   = true\n}\n', findings: [{ line: 8 }, { line: 15, message: /replica does not set parameter_group_name/ }] },
    { name: 'element() wraps around: index 2 of two counted groups is the first, which does not force TLS', terraform: countedGroups('element(aws_db_parameter_group.pg[*].name, 2)'), findings: [{ line: 10, message: /aws_db_parameter_group\.pg\[0\] sets rds.force_ssl to "0"/ }] },
    { name: 'RDS MariaDB 11.4 default group does not force TLS', terraform: 'resource "aws_db_instance" "d" {\n  engine         = "mariadb"\n  engine_version = "11.4.5"\n  instance_class = "db.t3.micro"\n}\n', findings: [{ line: 1, message: /require_secure_transport is off/ }] },
    { name: 'RDS MySQL 8.4 default group does not force TLS', terraform: 'resource "aws_db_instance" "d" {\n  engine         = "mysql"\n  engine_version = "8.4.5"\n  instance_class = "db.t3.micro"\n}\n', findings: [{ line: 1, message: /require_secure_transport is off/ }] },
    {
      name: 'a MariaDB 11.8 group that turns require_secure_transport off',
      terraform: 'resource "aws_db_parameter_group" "p" {\n  name   = "maria"\n  family = "mariadb11.8"\n  parameter {\n    name  = "require_secure_transport"\n    value = "0"\n  }\n}\nresource "aws_db_instance" "d" {\n  engine               = "mariadb"\n  engine_version       = "11.8.3"\n  instance_class       = "db.t3.micro"\n  parameter_group_name = aws_db_parameter_group.p.name\n}\n',
      findings: [{ line: 6, message: /sets require_secure_transport to "0"/ }],
    },
    { name: 'force_ssl 0', terraform: clusterGroup('"0"'), findings: [{ line: 6, message: /rds.force_ssl to "0"/ }] },
    { name: 'expired CA and default group', terraform: 'resource "aws_db_instance" "d" {\n  engine = "postgres"\n  engine_version = "14.9"\n  ca_cert_identifier = "rds-ca-2019"\n}\n', findings: [{ line: 1, message: /default parameter group/ }, { line: 4, message: /expired certificate authority/ }] },
  ],
  unknown: [
    { name: 'DocumentDB tls from a variable', terraform: `variable "t" {\n  type = string\n}\n${docdb('var.t')}` },
    { name: 'the second of two groups named only at apply time, only the first forcing TLS', terraform: twoGroups('1', '0', second, false) },
    { name: 'the second of two groups named only at apply time, only the second forcing TLS', terraform: twoGroups('0', '1', second, false) },
    { name: 'one of two counted groups at a position known only at apply time, and they differ', terraform: countedGroups('element(aws_db_parameter_group.pg[*].name, var.i)') },
    { name: 'parameter value from a variable', terraform: `variable "f" {\n  type = string\n}\n${clusterGroup('var.f')}` },
    {
      name: 'MariaDB engine_version from a variable without a value (11.8 and later force TLS by default)',
      terraform: 'variable "v" {\n  type = string\n}\nresource "aws_db_instance" "d" {\n  engine         = "mariadb"\n  engine_version = var.v\n  instance_class = "db.t3.micro"\n}\n',
    },
    // PostgreSQL forces TLS by default from 15: a version from a variable without a value is undecided.
    {
      name: 'PostgreSQL engine_version from a variable without a value',
      terraform: 'variable "pg_version" {\n  type = string\n}\n\nresource "aws_db_instance" "d" {\n  engine         = "postgres"\n  engine_version = var.pg_version\n  instance_class = "db.t3.micro"\n}\n',
    },
  ],
});
