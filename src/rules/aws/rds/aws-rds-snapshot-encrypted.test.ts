import rule from './aws-rds-snapshot-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

const db = (encrypted: string): string => `resource "aws_db_instance" "phi" {\n  identifier        = "phi-db"\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n  storage_encrypted = ${encrypted}\n}\n`;

testRule(rule, {
  pass: [
    {
      name: 'copy re-encrypted with a customer-managed key',
      terraform: `${db('true')}\nresource "aws_kms_key" "k" {}\n\nresource "aws_db_snapshot" "s" {\n  db_instance_identifier = aws_db_instance.phi.identifier\n  db_snapshot_identifier = "phi-snap"\n}\n\nresource "aws_db_snapshot_copy" "c" {\n  source_db_snapshot_identifier = aws_db_snapshot.s.db_snapshot_arn\n  target_db_snapshot_identifier = "phi-snap-copy"\n  kms_key_id                    = aws_kms_key.k.arn\n}\n`,
    },
    { name: 'cluster snapshot of an encrypted cluster', terraform: 'resource "aws_rds_cluster" "app" {\n  cluster_identifier = "app"\n  engine             = "aurora-postgresql"\n  storage_encrypted  = true\n}\n\nresource "aws_db_cluster_snapshot" "s" {\n  db_cluster_identifier          = aws_rds_cluster.app.id\n  db_cluster_snapshot_identifier = "app-snap"\n}\n' },
  ],
  fail: [
    { name: 'copy without a key', terraform: `${db('true')}\nresource "aws_db_snapshot" "s" {\n  db_instance_identifier = aws_db_instance.phi.identifier\n  db_snapshot_identifier = "phi-snap"\n}\n\nresource "aws_db_snapshot_copy" "c" {\n  source_db_snapshot_identifier = aws_db_snapshot.s.db_snapshot_arn\n  target_db_snapshot_identifier = "phi-snap-copy"\n}\n`, findings: [{ line: 14, message: /does not set kms_key_id/ }] },
    { name: 'backup replication of an unencrypted database', terraform: `${db('false')}\nresource "aws_db_instance_automated_backups_replication" "dr" {\n  source_db_instance_arn = aws_db_instance.phi.arn\n}\n`, findings: [{ line: 9, message: /whose storage is unencrypted/ }] },
  ],
  unknown: [
    { name: 'source database not in the scan', terraform: 'resource "aws_db_snapshot" "s" {\n  db_instance_identifier = "legacy-db"\n  db_snapshot_identifier = "legacy-snap"\n}\n' },
    { name: 'source encryption from a variable without a value', terraform: `variable "encrypted" {\n  type = bool\n}\n\n${db('var.encrypted')}\nresource "aws_db_snapshot" "s" {\n  db_instance_identifier = aws_db_instance.phi.identifier\n  db_snapshot_identifier = "phi-snap"\n}\n` },
  ],
});
