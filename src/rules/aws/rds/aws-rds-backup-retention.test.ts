import rule from './aws-rds-backup-retention.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'DocumentDB cluster with 35 days', terraform: 'resource "aws_docdb_cluster" "d" {\n  cluster_identifier = "d"\n  backup_retention_period = 35\n}\n' }],
  fail: [
    { name: 'Neptune default of 1 day', terraform: 'resource "aws_neptune_cluster" "n" {\n  cluster_identifier = "n"\n}\n', findings: [{ line: 1, message: /does not set backup_retention_period/ }] },
    { name: 'below a raised minimum', params: { minRetentionDays: 30 }, terraform: 'resource "aws_rds_cluster" "c" {\n  engine = "aurora-mysql"\n  backup_retention_period = 14\n}\n', findings: [{ line: 3 }] },
  ],
  unknown: [{ name: 'from a variable', terraform: 'variable "days" {\n  type = number\n}\nresource "aws_db_instance" "d" {\n  engine = "mysql"\n  backup_retention_period = var.days\n}\n' }],
});
