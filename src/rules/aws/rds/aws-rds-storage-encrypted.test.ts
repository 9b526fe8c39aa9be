import rule from './aws-rds-storage-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

const cluster = (name: string, extra: string): string => `resource "aws_rds_cluster" "${name}" {\n  cluster_identifier = "${name}"\n  engine             = "aurora-postgresql"\n${extra}}\n`;
const pitr = (attribute: string, source: string): string => `  restore_to_point_in_time {\n    ${attribute} = ${source}\n    use_latest_restorable_time = true\n  }\n`;
const db = (extra: string, name = 'phi'): string => `resource "aws_db_instance" "${name}" {\n  identifier        = "${name}-db"\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n${extra}}\n`;

testRule(rule, {
  pass: [
    { name: 'replica inherits from an encrypted source', terraform: `${db('  storage_encrypted = true\n')}\nresource "aws_db_instance" "replica" {\n  identifier          = "phi-replica"\n  instance_class      = "db.t3.micro"\n  replicate_source_db = aws_db_instance.phi.identifier\n}\n` },
    {
      name: 'a PHI replica inherits its source customer-managed key',
      terraform: `resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n\n${db('  storage_encrypted = true\n  kms_key_id        = aws_kms_key.k.arn\n  tags              = { DataClassification = "phi" }\n')}\nresource "aws_db_instance" "replica" {\n  identifier          = "phi-replica"\n  instance_class      = "db.t3.micro"\n  replicate_source_db = aws_db_instance.phi.identifier\n  tags                = { DataClassification = "phi" }\n}\n`,
    },
    {
      name: 'a cluster restored to a point in time inherits from an encrypted source',
      terraform: cluster('src', '  storage_encrypted = true\n') + cluster('restored', pitr('source_cluster_identifier', 'aws_rds_cluster.src.cluster_identifier')),
    },
    {
      name: 'an instance restored to a point in time inherits from an encrypted source',
      terraform: `${db('  storage_encrypted = true\n')}\nresource "aws_db_instance" "restored" {\n  instance_class = "db.t3.micro"\n${pitr('source_db_instance_identifier', '"phi-db"')}}\n`,
    },
    { name: 'Aurora Serverless v1 is always encrypted', terraform: 'resource "aws_rds_cluster" "app" {\n  cluster_identifier = "app"\n  engine             = "aurora-postgresql"\n  engine_mode        = "serverless"\n}\n' },
    { name: 'PHI database with a customer-managed key', terraform: `resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n\n${db('  storage_encrypted = true\n  kms_key_id        = aws_kms_key.k.arn\n  tags              = { DataClassification = "phi" }\n')}` },
  ],
  fail: [
    { name: 'explicit false points at the attribute', terraform: db('  storage_encrypted = false\n'), findings: [{ line: 6, column: 3, message: /sets storage_encrypted to false/ }] },
    { name: 'Aurora cluster without the flag', terraform: 'resource "aws_rds_cluster" "app" {\n  cluster_identifier = "app"\n  engine             = "aurora-postgresql"\n}\n', findings: [{ line: 1, message: /does not set storage_encrypted/ }] },
    { name: 'replica of an unencrypted source', terraform: `${db('')}\nresource "aws_db_instance" "replica" {\n  identifier          = "phi-replica"\n  instance_class      = "db.t3.micro"\n  replicate_source_db = aws_db_instance.phi.identifier\n}\n`, findings: [{ line: 1, message: /does not set storage_encrypted/ }, { line: 8, message: /inherits unencrypted storage/ }] },
    {
      name: 'a cluster restored to a point in time from an unencrypted source',
      terraform: cluster('src', '') + cluster('restored', pitr('source_cluster_identifier', 'aws_rds_cluster.src.cluster_identifier')),
      findings: [{ line: 1, message: /does not set storage_encrypted/ }, { line: 5, message: /restored inherits unencrypted storage from aws_rds_cluster.src/ }],
    },
    { name: 'PHI database on the AWS-managed key', terraform: db('  storage_encrypted = true\n  tags              = { DataClassification = "phi" }\n'), findings: [{ line: 1, message: /classified PHI but does not set kms_key_id/ }] },
  ],
  unknown: [
    { name: 'flag from a variable without a value', terraform: `variable "encrypted" {\n  type = bool\n}\n\n${db('  storage_encrypted = var.encrypted\n')}` },
    { name: 'restored from a snapshot', terraform: db('  snapshot_identifier = "phi-db-final"\n') },
    { name: 'an instance restored to a point in time from a database not in the configuration', terraform: db(pitr('source_db_instance_identifier', '"legacy-db"')) },
    { name: 'a cluster restored to a point in time from a cluster not in the configuration', terraform: cluster('restored', pitr('source_cluster_identifier', '"legacy"')) },
  ],
});
