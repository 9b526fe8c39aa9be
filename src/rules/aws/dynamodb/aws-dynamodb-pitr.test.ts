import rule from './aws-dynamodb-pitr.js';
import { testRule } from '../../../testing/rule-tester.js';

const table = (pitr: string): string => `resource "aws_dynamodb_table" "t" {\n  name = "t"\n  hash_key = "id"\n  attribute {\n    name = "id"\n    type = "S"\n  }\n${pitr}}\n`;

const on = '  point_in_time_recovery {\n    enabled = true\n  }\n';
const replica = (extra: string): string => `  replica {\n    region_name = "us-west-2"\n${extra}  }\n`;
const standaloneReplica = (extra: string): string => `resource "aws_dynamodb_table_replica" "west" {\n  global_table_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/t"\n${extra}}\n`;

testRule(rule, {
  pass: [
    { name: 'enabled', terraform: table('  point_in_time_recovery {\n    enabled = true\n  }\n') },
    { name: 'enabled, recovery period 7 days', terraform: table('  point_in_time_recovery {\n    enabled = true\n    recovery_period_in_days = 7\n  }\n') },
    { name: 'enabled on the table and its replica', terraform: table(`${on}${replica('    point_in_time_recovery = true\n')}`) },
    { name: 'aws_dynamodb_table_replica with point_in_time_recovery', terraform: standaloneReplica('  point_in_time_recovery = true\n') },
    { name: 'enabled, recovery period null (AWS keeps 35 days)', terraform: table('  point_in_time_recovery {\n    enabled = true\n    recovery_period_in_days = null\n  }\n') },
  ],
  fail: [
    { name: 'block without enabled', terraform: table('  point_in_time_recovery {\n  }\n'), findings: [{ line: 8, message: /does not set point_in_time_recovery.enabled/ }] },
    { name: 'enabled, recovery period 1 day (probe h3-c1)', terraform: table('  point_in_time_recovery {\n    enabled = true\n    recovery_period_in_days = 1\n  }\n'), findings: [{ line: 10, message: /sets point_in_time_recovery.recovery_period_in_days to 1, so point-in-time restores reach back fewer than 7 days/ }] },
    { name: 'replica without PITR while the primary has it (probe: replicas not judged)', terraform: table(`${on}${replica('')}`), findings: [{ line: 11, message: /aws_dynamodb_table.t replica in us-west-2 does not set point_in_time_recovery \(default false\), so that Region's replica table cannot be restored/ }] },
    { name: 'replica with PITR off', terraform: table(`${on}${replica('    point_in_time_recovery = false\n')}`), findings: [{ line: 13, message: /replica in us-west-2 sets point_in_time_recovery to false/ }] },
    { name: 'aws_dynamodb_table_replica without PITR', terraform: standaloneReplica(''), findings: [{ line: 1, message: /aws_dynamodb_table_replica.west does not set point_in_time_recovery \(default false\)/ }] },
  ],
  unknown: [
    { name: 'from a variable', terraform: `variable "p" {\n  type = bool\n}\n${table('  point_in_time_recovery {\n    enabled = var.p\n  }\n')}` },
    { name: 'recovery period from a variable', terraform: `variable "d" {\n  type = number\n}\n${table('  point_in_time_recovery {\n    enabled = true\n    recovery_period_in_days = var.d\n  }\n')}` },
  ],
});
