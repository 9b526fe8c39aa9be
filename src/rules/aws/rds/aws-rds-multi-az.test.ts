import rule from './aws-rds-multi-az.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'multi_az on', terraform: 'resource "aws_db_instance" "d" {\n  engine = "mysql"\n  multi_az = true\n}\n' }],
  fail: [{ name: 'explicitly single-AZ', terraform: 'resource "aws_db_instance" "d" {\n  engine = "mysql"\n  multi_az = false\n}\n', findings: [{ line: 3, message: /sets multi_az to false/ }] }],
  unknown: [{ name: 'from a variable', terraform: 'variable "m" {\n  type = bool\n}\nresource "aws_db_instance" "d" {\n  engine = "mysql"\n  multi_az = var.m\n}\n' }],
});
