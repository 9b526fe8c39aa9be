import rule from './aws-rds-enhanced-monitoring.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'Aurora instance with monitoring', terraform: 'resource "aws_rds_cluster_instance" "one" {\n  cluster_identifier  = "app"\n  instance_class      = "db.r6g.large"\n  engine              = "aurora-postgresql"\n  monitoring_interval = 15\n  monitoring_role_arn = "arn:aws:iam::123456789012:role/rds-monitoring"\n}\n' }],
  fail: [
    { name: 'interval 0', terraform: 'resource "aws_db_instance" "app" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  allocated_storage   = 20\n  monitoring_interval = 0\n}\n', findings: [{ line: 5, message: /sets monitoring_interval to 0/ }] },
    { name: 'interval without a role', terraform: 'resource "aws_db_instance" "app" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  allocated_storage   = 20\n  monitoring_interval = 60\n}\n', findings: [{ line: 5, message: /no monitoring_role_arn/ }] },
  ],
  unknown: [{ name: 'interval from a variable without a value', terraform: 'variable "interval" {\n  type = number\n}\n\nresource "aws_db_instance" "app" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  allocated_storage   = 20\n  monitoring_interval = var.interval\n}\n' }],
});
