import rule from './aws-rds-iam-authentication.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'aurora cluster with IAM auth', terraform: 'resource "aws_rds_cluster" "c" {\n  engine = "aurora-postgresql"\n  iam_database_authentication_enabled = true\n}\n' },
    { name: 'neptune cluster with IAM auth', terraform: 'resource "aws_neptune_cluster" "n" {\n  iam_database_authentication_enabled = true\n}\n' },
  ],
  fail: [
    { name: 'cluster with default engine, attribute missing', terraform: 'resource "aws_rds_cluster" "c" {\n  cluster_identifier = "c"\n}\n', findings: [{ line: 1, message: /does not set iam_database_authentication_enabled/ }] },
    { name: 'MariaDB 10.11, which has IAM authentication, without it', terraform: 'resource "aws_db_instance" "m" {\n  engine         = "mariadb"\n  engine_version = "10.11.8"\n  instance_class = "db.m5.large"\n}\n\nresource "aws_db_instance" "legacy" {\n  engine         = "mariadb"\n  engine_version = "10.6.14"\n  instance_class = "db.m5.large"\n}\n', findings: [{ line: 1, message: /aws_db_instance\.m / }] },
    { name: 'mysql instance explicitly off', terraform: 'resource "aws_db_instance" "d" {\n  engine = "mysql"\n  iam_database_authentication_enabled = false\n}\n', findings: [{ line: 3 }] },
  ],
  unknown: [
    { name: 'flag from a variable', terraform: 'variable "iam" {\n  type = bool\n}\nresource "aws_db_instance" "d" {\n  engine = "mysql"\n  iam_database_authentication_enabled = var.iam\n}\n' },
  ],
});
