import rule from './aws-elasticache-encrypted-at-rest.js';
import { testRule } from '../../../testing/rule-tester.js';

const group = (extra: string): string => `resource "aws_elasticache_replication_group" "rg" {\n  replication_group_id = "sessions"\n  description          = "sessions"\n  node_type            = "cache.t4g.small"\n${extra}}\n`;
const cacheCluster = (engine: string): string =>
  `resource "aws_elasticache_cluster" "c" {\n  cluster_id      = "c"\n  engine          = "${engine}"\n  node_type       = "cache.t3.micro"\n  num_cache_nodes = 1\n}\n`;
// A global datastore: its primary group, and a secondary that takes the primary's encryption (the
// provider refuses at_rest_encryption_enabled beside global_replication_group_id).
const globalDatastore = (primaryAtRest: string): string =>
  `resource "aws_elasticache_replication_group" "primary" {\n  replication_group_id = "primary"\n  description          = "primary"\n  node_type            = "cache.m5.large"\n${primaryAtRest}}\n\n` +
  'resource "aws_elasticache_global_replication_group" "g" {\n  global_replication_group_id_suffix = "g"\n  primary_replication_group_id       = aws_elasticache_replication_group.primary.id\n}\n\n' +
  'resource "aws_elasticache_replication_group" "secondary" {\n  replication_group_id        = "secondary"\n  description                 = "secondary"\n  global_replication_group_id = aws_elasticache_global_replication_group.g.global_replication_group_id\n}\n';

testRule(rule, {
  pass: [
    { name: 'Valkey defaults to encrypted', terraform: group('  engine = "valkey"\n') },
    { name: 'a serverless cache always encrypts', terraform: 'resource "aws_elasticache_serverless_cache" "s" {\n  engine = "valkey"\n  name   = "sessions"\n}\n' },
    { name: 'MemoryDB always encrypts', terraform: 'resource "aws_memorydb_cluster" "db" {\n  name       = "sessions"\n  node_type  = "db.t4g.small"\n  acl_name   = "open-access"\n}\n' },
    { name: 'a global datastore secondary takes the encrypted primary\'s setting', terraform: globalDatastore('  at_rest_encryption_enabled = true\n') },
    {
      name: 'a cache cluster in a replication group is judged on the group',
      terraform: `${group('  at_rest_encryption_enabled = true\n')}\nresource "aws_elasticache_cluster" "member" {\n  cluster_id           = "m"\n  replication_group_id = aws_elasticache_replication_group.rg.id\n}\n`,
    },
  ],
  fail: [
    { name: 'explicitly off', terraform: group('  engine                     = "redis"\n  at_rest_encryption_enabled = false\n'), findings: [{ line: 6, message: /sets at_rest_encryption_enabled to false/ }] },
    {
      name: 'a PHI serverless cache without a customer-managed key',
      terraform: 'resource "aws_elasticache_serverless_cache" "s" {\n  engine = "valkey"\n  name   = "sessions"\n  tags   = { DataClassification = "phi" }\n}\n',
      findings: [{ line: 1, message: /classified PHI but does not set kms_key_id/ }],
    },
    { name: 'standalone Redis OSS cache cluster cannot encrypt at rest', terraform: cacheCluster('redis'), findings: [{ line: 3, message: /standalone Redis OSS cache cluster, which ElastiCache cannot encrypt at rest/ }] },
    { name: 'standalone Valkey cache cluster cannot encrypt at rest', terraform: cacheCluster('valkey'), findings: [{ line: 3, message: /standalone Valkey cache cluster/ }] },
    {
      name: 'a global datastore secondary of an unencrypted primary',
      terraform: globalDatastore(''),
      // The primary fails on its own, the secondary for what it takes from it.
      findings: [{ line: 1, message: /does not set at_rest_encryption_enabled/ }, { line: 15, message: /secondary of the global datastore of aws_elasticache_replication_group\.primary/ }],
    },
  ],
  unknown: [
    { name: 'flag from a variable without a value', terraform: `variable "on" {\n  type = bool\n}\n\n${group('  at_rest_encryption_enabled = var.on\n')}` },
    { name: 'a global datastore secondary whose primary is not in the scan', terraform: group('  global_replication_group_id = "ldgnf-global-sessions"\n') },
    { name: 'cache cluster engine from a variable', terraform: `variable "e" {\n  type = string\n}\n${cacheCluster('x').replace('"x"', 'var.e')}` },
  ],
});
