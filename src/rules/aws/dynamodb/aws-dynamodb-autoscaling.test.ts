import rule from './aws-dynamodb-autoscaling.js';
import { testRule } from '../../../testing/rule-tester.js';

const table = 'resource "aws_dynamodb_table" "t" {\n  name = "patients"\n  hash_key = "id"\n  billing_mode = "PROVISIONED"\n  read_capacity = 5\n  write_capacity = 5\n  attribute {\n    name = "id"\n    type = "S"\n  }\n}\n';
const target = (dimension: string, resourceId: string): string => `resource "aws_appautoscaling_target" "${dimension}" {\n  service_namespace = "dynamodb"\n  resource_id = ${resourceId}\n  scalable_dimension = "dynamodb:table:${dimension}CapacityUnits"\n  min_capacity = 5\n  max_capacity = 100\n}\n`;

testRule(rule, {
  pass: [{ name: 'read and write targets', terraform: table + target('Read', '"table/${aws_dynamodb_table.t.name}"') + target('Write', '"table/patients"') }],
  fail: [{ name: 'only reads scale', terraform: table + target('Read', '"table/patients"'), findings: [{ line: 4, message: /without write auto scaling/ }] }],
  unknown: [{ name: 'billing mode from a variable', terraform: 'variable "m" {\n  type = string\n}\nresource "aws_dynamodb_table" "t" {\n  name = "t"\n  hash_key = "id"\n  billing_mode = var.m\n  attribute {\n    name = "id"\n    type = "S"\n  }\n}\n' }],
});
