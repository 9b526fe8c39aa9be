import rule from './aws-datastore-deletion-protection.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'DynamoDB table protected', terraform: 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n  hash_key = "id"\n  deletion_protection_enabled = true\n  attribute {\n    name = "id"\n    type = "S"\n  }\n}\n' },
    { name: 'QLDB default on', terraform: 'resource "aws_qldb_ledger" "l" {\n  name = "l"\n  permissions_mode = "STANDARD"\n}\n' },
  ],
  fail: [{ name: 'DocumentDB unprotected', terraform: 'resource "aws_docdb_cluster" "d" {\n  cluster_identifier = "d"\n}\n', findings: [{ line: 1, message: /does not set deletion_protection/ }] }],
  unknown: [{ name: 'from a variable', terraform: 'variable "p" {\n  type = bool\n}\nresource "aws_db_instance" "d" {\n  engine = "postgres"\n  deletion_protection = var.p\n}\n' }],
});
