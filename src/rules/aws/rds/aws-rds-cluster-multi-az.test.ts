import rule from './aws-rds-cluster-multi-az.js';
import { testRule } from '../../../testing/rule-tester.js';

const cluster = 'resource "aws_rds_cluster" "c" {\n  cluster_identifier = "c"\n  engine = "aurora-mysql"\n}\n';
const instance = (name: string, az: string): string => `resource "aws_rds_cluster_instance" "${name}" {\n  cluster_identifier = aws_rds_cluster.c.id\n  instance_class = "db.r6g.large"\n  availability_zone = ${az}\n}\n`;

testRule(rule, {
  pass: [
    { name: 'two zones', terraform: cluster + instance('a', '"us-east-1a"') + instance('b', '"us-east-1b"') },
    { name: 'Multi-AZ DB cluster', terraform: 'resource "aws_rds_cluster" "m" {\n  cluster_identifier = "m"\n  engine = "postgres"\n  db_cluster_instance_class = "db.m6gd.large"\n}\n' },
  ],
  fail: [
    { name: 'same zone twice', terraform: cluster + instance('a', '"us-east-1a"') + instance('b', '"us-east-1a"'), findings: [{ line: 8, message: /all 2 instances in us-east-1a/ }] },
    { name: 'no instances', terraform: cluster, findings: [{ line: 1 }] },
  ],
  unknown: [{ name: 'zone from a variable', terraform: `variable "az" {\n  type = string\n}\n${cluster}${instance('a', 'var.az')}${instance('b', '"us-east-1b"')}` }],
});
