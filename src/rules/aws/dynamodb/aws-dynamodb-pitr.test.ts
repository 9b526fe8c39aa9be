import rule from './aws-dynamodb-pitr.js';
import { testRule } from '../../../testing/rule-tester.js';

const table = (pitr: string): string => `resource "aws_dynamodb_table" "t" {\n  name = "t"\n  hash_key = "id"\n  attribute {\n    name = "id"\n    type = "S"\n  }\n${pitr}}\n`;

testRule(rule, {
  pass: [{ name: 'enabled', terraform: table('  point_in_time_recovery {\n    enabled = true\n  }\n') }],
  fail: [{ name: 'block without enabled', terraform: table('  point_in_time_recovery {\n  }\n'), findings: [{ line: 8, message: /does not set point_in_time_recovery.enabled/ }] }],
  unknown: [{ name: 'from a variable', terraform: `variable "p" {\n  type = bool\n}\n${table('  point_in_time_recovery {\n    enabled = var.p\n  }\n')}` }],
});
