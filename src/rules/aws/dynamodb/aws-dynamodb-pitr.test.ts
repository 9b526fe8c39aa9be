import rule from './aws-dynamodb-pitr.js';
import { testRule } from '../../../testing/rule-tester.js';

const table = (pitr: string): string => `resource "aws_dynamodb_table" "t" {\n  name = "t"\n  hash_key = "id"\n  attribute {\n    name = "id"\n    type = "S"\n  }\n${pitr}}\n`;

testRule(rule, {
  pass: [
    { name: 'enabled', terraform: table('  point_in_time_recovery {\n    enabled = true\n  }\n') },
    { name: 'enabled, recovery period 7 days', terraform: table('  point_in_time_recovery {\n    enabled = true\n    recovery_period_in_days = 7\n  }\n') },
    { name: 'enabled, recovery period null (AWS keeps 35 days)', terraform: table('  point_in_time_recovery {\n    enabled = true\n    recovery_period_in_days = null\n  }\n') },
  ],
  fail: [
    { name: 'block without enabled', terraform: table('  point_in_time_recovery {\n  }\n'), findings: [{ line: 8, message: /does not set point_in_time_recovery.enabled/ }] },
    { name: 'enabled, recovery period 1 day (probe h3-c1)', terraform: table('  point_in_time_recovery {\n    enabled = true\n    recovery_period_in_days = 1\n  }\n'), findings: [{ line: 10, message: /sets point_in_time_recovery.recovery_period_in_days to 1, so point-in-time restores reach back fewer than 7 days/ }] },
  ],
  unknown: [
    { name: 'from a variable', terraform: `variable "p" {\n  type = bool\n}\n${table('  point_in_time_recovery {\n    enabled = var.p\n  }\n')}` },
    { name: 'recovery period from a variable', terraform: `variable "d" {\n  type = number\n}\n${table('  point_in_time_recovery {\n    enabled = true\n    recovery_period_in_days = var.d\n  }\n')}` },
  ],
});
