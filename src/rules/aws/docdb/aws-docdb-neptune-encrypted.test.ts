import rule from './aws-docdb-neptune-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'DocumentDB global cluster encrypted', terraform: 'resource "aws_docdb_global_cluster" "g" {\n  global_cluster_identifier = "records"\n  engine                    = "docdb"\n  storage_encrypted         = true\n}\n' }],
  fail: [
    { name: 'Neptune without the flag', terraform: 'resource "aws_neptune_cluster" "graph" {\n  cluster_identifier = "care-graph"\n}\n', findings: [{ line: 1, column: 1, message: /does not set storage_encrypted/ }] },
    { name: 'PHI Neptune on the AWS-managed key', terraform: 'resource "aws_neptune_cluster" "graph" {\n  cluster_identifier = "care-graph"\n  storage_encrypted  = true\n  tags               = { DataClassification = "phi" }\n}\n', findings: [{ line: 1, message: /kms_key_arn/ }] },
  ],
  unknown: [{ name: 'flag from a variable without a value', terraform: 'variable "on" {\n  type = bool\n}\n\nresource "aws_neptune_cluster" "graph" {\n  cluster_identifier = "care-graph"\n  storage_encrypted  = var.on\n}\n' }],
});
