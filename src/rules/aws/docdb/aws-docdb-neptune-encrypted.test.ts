import rule from './aws-docdb-neptune-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

const docdb = (extra: string): string => `resource "aws_docdb_cluster" "primary" {\n  cluster_identifier          = "primary"\n  engine                      = "docdb"\n  master_username             = "docdbadmin"\n  manage_master_user_password = true\n${extra}}\n`;
const globalFrom = (source: string): string => `resource "aws_docdb_global_cluster" "g" {\n  global_cluster_identifier    = "g"\n  source_db_cluster_identifier = ${source}\n}\n`;

testRule(rule, {
  pass: [
    { name: 'DocumentDB global cluster encrypted', terraform: 'resource "aws_docdb_global_cluster" "g" {\n  global_cluster_identifier = "records"\n  engine                    = "docdb"\n  storage_encrypted         = true\n}\n' },
    { name: 'global cluster created from an encrypted cluster', terraform: docdb('  storage_encrypted           = true\n') + globalFrom('aws_docdb_cluster.primary.arn') },
    {
      name: 'a member of an encrypted global cluster takes its encryption',
      terraform:
        'resource "aws_docdb_global_cluster" "g" {\n  global_cluster_identifier = "records"\n  engine                    = "docdb"\n  storage_encrypted         = true\n}\n\n' +
        'resource "aws_docdb_cluster" "secondary" {\n  cluster_identifier        = "secondary"\n  global_cluster_identifier = aws_docdb_global_cluster.g.id\n}\n',
    },
  ],
  fail: [
    { name: 'Neptune without the flag', terraform: 'resource "aws_neptune_cluster" "graph" {\n  cluster_identifier = "care-graph"\n}\n', findings: [{ line: 1, column: 1, message: /does not set storage_encrypted/ }] },
    {
      name: 'global cluster created from an unencrypted cluster',
      terraform: docdb('') + globalFrom('aws_docdb_cluster.primary.arn'),
      findings: [{ line: 1, message: /does not set storage_encrypted/ }, { line: 9, message: /inherits unencrypted storage from aws_docdb_cluster.primary/ }],
    },
    {
      name: 'a Neptune read replica of an unencrypted cluster',
      terraform:
        'resource "aws_neptune_cluster" "source" {\n  cluster_identifier = "source"\n}\n\n' +
        'resource "aws_neptune_cluster" "replica" {\n  cluster_identifier            = "replica"\n  replication_source_identifier = aws_neptune_cluster.source.arn\n}\n',
      findings: [{ line: 1, message: /does not set storage_encrypted/ }, { line: 7, message: /replica inherits unencrypted storage from aws_neptune_cluster.source/ }],
    },
    { name: 'PHI Neptune on the AWS-managed key', terraform: 'resource "aws_neptune_cluster" "graph" {\n  cluster_identifier = "care-graph"\n  storage_encrypted  = true\n  tags               = { DataClassification = "phi" }\n}\n', findings: [{ line: 1, message: /kms_key_arn/ }] },
  ],
  unknown: [
    { name: 'a DocumentDB cluster restored from a snapshot takes the snapshot\'s encryption', terraform: 'resource "aws_docdb_cluster" "restored" {\n  cluster_identifier  = "restored"\n  snapshot_identifier = "arn:aws:rds:us-east-1:111122223333:cluster-snapshot:records-final"\n}\n' },
    { name: 'a Neptune cluster restored from a snapshot takes the snapshot\'s encryption', terraform: 'resource "aws_neptune_cluster" "restored" {\n  cluster_identifier  = "restored"\n  snapshot_identifier = "care-graph-final"\n}\n' },
    { name: 'flag from a variable without a value', terraform: 'variable "on" {\n  type = bool\n}\n\nresource "aws_neptune_cluster" "graph" {\n  cluster_identifier = "care-graph"\n  storage_encrypted  = var.on\n}\n' },
    { name: 'global cluster created from a cluster not in the configuration', terraform: globalFrom('"arn:aws:rds:us-east-1:123456789012:cluster:legacy"') },
  ],
});
