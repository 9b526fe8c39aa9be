import rule from './aws-rds-instance-not-public.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'attribute absent: default false', terraform: 'resource "aws_db_instance" "phi" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n}\n' },
    { name: 'aurora instance explicitly private', terraform: 'resource "aws_rds_cluster_instance" "i" {\n  cluster_identifier  = "phi"\n  instance_class      = "db.r6g.large"\n  engine              = "aurora-postgresql"\n  publicly_accessible = false\n}\n' },
  ],
  fail: [
    { name: 'cluster instance public', terraform: 'resource "aws_rds_cluster_instance" "i" {\n  cluster_identifier  = "phi"\n  instance_class      = "db.r6g.large"\n  engine              = "aurora-postgresql"\n  publicly_accessible = true\n}\n', findings: [{ line: 5, message: /sets publicly_accessible to true/ }] },
  ],
  unknown: [
    { name: 'flag from a variable', terraform: 'variable "public" {\n  type = bool\n}\nresource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  publicly_accessible = var.public\n}\n' },
  ],
});
