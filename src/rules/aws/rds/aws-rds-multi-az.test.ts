import rule from './aws-rds-multi-az.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'multi_az on', terraform: 'resource "aws_db_instance" "d" {\n  engine = "mysql"\n  multi_az = true\n}\n' }],
  fail: [
    { name: 'explicitly single-AZ', terraform: 'resource "aws_db_instance" "d" {\n  engine = "mysql"\n  multi_az = false\n}\n', findings: [{ line: 3, message: /sets multi_az to false/ }] },
    // Express cannot run Multi-AZ: the finding names the edition, at the engine, with no multi_az = true fix RDS would refuse.
    { name: 'SQL Server Express', terraform: 'resource "aws_db_instance" "d" {\n  engine = "sqlserver-ex"\n}\n', findings: [{ line: 2, message: /SQL Server Express edition .* cannot run Multi-AZ.*Standard, Enterprise or Web edition/ }] },
    { name: 'SQL Server Web edition, single-AZ', terraform: 'resource "aws_db_instance" "d" {\n  engine = "sqlserver-web"\n}\n', findings: [{ line: 1, message: /multi_az/ }] },
  ],
  unknown: [{ name: 'from a variable', terraform: 'variable "m" {\n  type = bool\n}\nresource "aws_db_instance" "d" {\n  engine = "mysql"\n  multi_az = var.m\n}\n' }],
});
