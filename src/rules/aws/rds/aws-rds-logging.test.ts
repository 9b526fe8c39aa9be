import rule from './aws-rds-logging.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'MySQL with audit and error', terraform: 'resource "aws_db_instance" "app" {\n  engine                          = "mysql"\n  instance_class                  = "db.t3.micro"\n  allocated_storage               = 20\n  enabled_cloudwatch_logs_exports = ["audit", "error", "general", "slowquery"]\n}\n' },
    { name: 'Aurora PostgreSQL cluster', terraform: 'resource "aws_rds_cluster" "app" {\n  cluster_identifier              = "app"\n  engine                          = "aurora-postgresql"\n  storage_encrypted               = true\n  enabled_cloudwatch_logs_exports = ["postgresql"]\n}\n' },
  ],
  fail: [
    { name: 'MySQL without the audit log', terraform: 'resource "aws_db_instance" "app" {\n  engine                          = "mysql"\n  instance_class                  = "db.t3.micro"\n  allocated_storage               = 20\n  enabled_cloudwatch_logs_exports = ["error"]\n}\n', findings: [{ line: 5, message: /does not export the audit log for mysql/ }] },
    { name: 'no exports at all', terraform: 'resource "aws_db_instance" "app" {\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n}\n', findings: [{ line: 1, message: /does not set enabled_cloudwatch_logs_exports/ }] },
  ],
  unknown: [{ name: 'exports from a variable without a value', terraform: 'variable "exports" {\n  type = list(string)\n}\n\nresource "aws_db_instance" "app" {\n  engine                          = "postgres"\n  instance_class                  = "db.t3.micro"\n  allocated_storage               = 20\n  enabled_cloudwatch_logs_exports = var.exports\n}\n' }],
});
