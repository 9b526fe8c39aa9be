import rule from './aws-rds-snapshot-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

const db = (encrypted: string): string => `resource "aws_db_instance" "phi" {\n  identifier        = "phi-db"\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n  storage_encrypted = ${encrypted}\n}\n`;

const cluster = (encrypted: string): string =>
  `resource "aws_rds_cluster" "app" {\n  cluster_identifier = "app"\n  engine             = "aurora-postgresql"\n  storage_encrypted  = ${encrypted}\n}\n\nresource "aws_db_cluster_snapshot" "s" {\n  db_cluster_identifier          = aws_rds_cluster.app.id\n  db_cluster_snapshot_identifier = "app-snap"\n}\n`;
const clusterCopy = (extra: string): string =>
  `\nresource "aws_rds_cluster_snapshot_copy" "c" {\n  source_db_cluster_snapshot_identifier = aws_db_cluster_snapshot.s.db_cluster_snapshot_arn\n  target_db_cluster_snapshot_identifier = "app-snap-copy"\n${extra}}\n`;

testRule(rule, {
  pass: [
    {
      name: 'copy re-encrypted with a customer-managed key',
      terraform: `${db('true')}\nresource "aws_kms_key" "k" {}\n\nresource "aws_db_snapshot" "s" {\n  db_instance_identifier = aws_db_instance.phi.identifier\n  db_snapshot_identifier = "phi-snap"\n}\n\nresource "aws_db_snapshot_copy" "c" {\n  source_db_snapshot_identifier = aws_db_snapshot.s.db_snapshot_arn\n  target_db_snapshot_identifier = "phi-snap-copy"\n  kms_key_id                    = aws_kms_key.k.arn\n}\n`,
    },
    { name: 'cluster snapshot copy with a customer-managed key', terraform: `resource "aws_kms_key" "k" {}\n\n${cluster('true')}${clusterCopy('  kms_key_id = aws_kms_key.k.arn\n')}` },
    { name: 'cluster snapshot of an encrypted cluster', terraform: 'resource "aws_rds_cluster" "app" {\n  cluster_identifier = "app"\n  engine             = "aurora-postgresql"\n  storage_encrypted  = true\n}\n\nresource "aws_db_cluster_snapshot" "s" {\n  db_cluster_identifier          = aws_rds_cluster.app.id\n  db_cluster_snapshot_identifier = "app-snap"\n}\n' },
  ],
  fail: [
    { name: 'copy without a key', terraform: `${db('true')}\nresource "aws_db_snapshot" "s" {\n  db_instance_identifier = aws_db_instance.phi.identifier\n  db_snapshot_identifier = "phi-snap"\n}\n\nresource "aws_db_snapshot_copy" "c" {\n  source_db_snapshot_identifier = aws_db_snapshot.s.db_snapshot_arn\n  target_db_snapshot_identifier = "phi-snap-copy"\n}\n`, findings: [{ line: 14, message: /does not set kms_key_id/ }] },
    { name: 'cluster snapshot copy without a key', terraform: cluster('true') + clusterCopy(''), findings: [{ line: 12, message: /aws_rds_cluster_snapshot_copy.c does not set kms_key_id/ }] },
    {
      name: 'cluster snapshot copy of an unencrypted cluster',
      terraform: cluster('false') + clusterCopy('  kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"\n'),
      findings: [{ line: 7, message: /whose storage is unencrypted/ }, { line: 12, message: /taken from aws_rds_cluster.app, whose storage is unencrypted/ }],
    },
    { name: 'backup replication of an unencrypted database', terraform: `${db('false')}\nresource "aws_db_instance_automated_backups_replication" "dr" {\n  source_db_instance_arn = aws_db_instance.phi.arn\n}\n`, findings: [{ line: 9, message: /whose storage is unencrypted/ }] },
  ],
  unknown: [
    { name: 'source database not in the scan', terraform: 'resource "aws_db_snapshot" "s" {\n  db_instance_identifier = "legacy-db"\n  db_snapshot_identifier = "legacy-snap"\n}\n' },
    { name: 'source encryption from a variable without a value', terraform: `variable "encrypted" {\n  type = bool\n}\n\n${db('var.encrypted')}\nresource "aws_db_snapshot" "s" {\n  db_instance_identifier = aws_db_instance.phi.identifier\n  db_snapshot_identifier = "phi-snap"\n}\n` },
  ],
});
