import rule from './aws-cache-and-stream-tls.js';
import { testRule } from '../../../testing/rule-tester.js';

const cacheCluster = (engine: string, extra: string): string =>
  `resource "aws_elasticache_cluster" "c" {\n  cluster_id      = "c"\n  engine          = "${engine}"\n  node_type       = "cache.t3.micro"\n  num_cache_nodes = 1\n${extra}}\n`;
const task = (mode: string): string => `resource "aws_ecs_task_definition" "t" {\n  family = "t"\n  container_definitions = "[]"\n  volume {\n    name = "records"\n    efs_volume_configuration {\n      file_system_id = "fs-1"\n${mode}    }\n  }\n}\n`;

// A global datastore: its primary group, and a secondary that takes the primary's in-transit setting
// (the provider refuses transit_encryption_enabled beside global_replication_group_id).
const globalDatastore = (primaryTransit: string): string =>
  `resource "aws_elasticache_replication_group" "primary" {\n  replication_group_id = "primary"\n  description          = "primary"\n${primaryTransit}}\n\n` +
  'resource "aws_elasticache_global_replication_group" "g" {\n  global_replication_group_id_suffix = "g"\n  primary_replication_group_id       = aws_elasticache_replication_group.primary.id\n}\n\n' +
  'resource "aws_elasticache_replication_group" "secondary" {\n  replication_group_id        = "secondary"\n  description                 = "secondary"\n  global_replication_group_id = aws_elasticache_global_replication_group.g.global_replication_group_id\n}\n';

testRule(rule, {
  pass: [
    { name: 'a global datastore secondary takes the primary\'s in-transit encryption', terraform: globalDatastore('  transit_encryption_enabled = true\n') },
    { name: 'MemoryDB default TLS', terraform: 'resource "aws_memorydb_cluster" "m" {\n  name = "m"\n  node_type = "db.t4g.small"\n  acl_name = "open-access"\n}\n' },
    { name: 'DAX TLS endpoint', terraform: 'resource "aws_dax_cluster" "d" {\n  cluster_name = "d"\n  iam_role_arn = "arn:aws:iam::1:role/d"\n  node_type = "dax.r5.large"\n  replication_factor = 1\n  cluster_endpoint_encryption_type = "TLS"\n}\n' },
    { name: 'ECS EFS volume encrypted', terraform: task('      transit_encryption = "ENABLED"\n') },
    { name: 'Memcached cache cluster with in-transit encryption', terraform: cacheCluster('memcached', '  transit_encryption_enabled = true\n') },
    {
      name: 'a cache cluster in a replication group is judged on the group',
      terraform:
        'resource "aws_elasticache_replication_group" "g" {\n  replication_group_id       = "g"\n  description                = "g"\n  transit_encryption_enabled = true\n}\nresource "aws_elasticache_cluster" "member" {\n  cluster_id           = "m"\n  replication_group_id = aws_elasticache_replication_group.g.id\n}\n',
    },
  ],
  fail: [
    {
      name: 'a global datastore secondary of a primary without in-transit encryption',
      terraform: globalDatastore(''),
      findings: [{ line: 1, message: /does not set transit_encryption_enabled/ }, { line: 14, message: /secondary of the global datastore of aws_elasticache_replication_group\.primary/ }],
    },
    {
      name: 'ElastiCache in transit encryption mode preferred (plaintext still accepted)',
      terraform: 'resource "aws_elasticache_replication_group" "r" {\n  replication_group_id       = "r"\n  description                = "r"\n  transit_encryption_enabled = true\n  transit_encryption_mode    = "preferred"\n}\n',
      findings: [{ line: 5, column: 3, message: /"preferred", so clients can still connect without TLS/ }],
    },
    { name: 'MSK plaintext clients', terraform: 'resource "aws_msk_cluster" "k" {\n  cluster_name = "k"\n  kafka_version = "3.6.0"\n  number_of_broker_nodes = 3\n  encryption_info {\n    encryption_in_transit {\n      client_broker = "TLS_PLAINTEXT"\n    }\n  }\n}\n', findings: [{ line: 7, message: /plaintext/ }] },
    { name: 'ECS EFS volume default', terraform: task(''), findings: [{ line: 6, message: /does not set transit_encryption/ }] },
    { name: 'Memcached cache cluster without in-transit encryption (default false)', terraform: cacheCluster('memcached', ''), findings: [{ line: 1, message: /does not set transit_encryption_enabled \(default false\), so Memcached traffic/ }] },
    { name: 'Memcached cache cluster with in-transit encryption off', terraform: cacheCluster('memcached', '  transit_encryption_enabled = false\n'), findings: [{ line: 6, message: /sets transit_encryption_enabled to false/ }] },
    { name: 'standalone Redis OSS cache cluster cannot encrypt in transit', terraform: cacheCluster('redis', ''), findings: [{ line: 3, message: /standalone Redis OSS cache cluster, which ElastiCache cannot encrypt in transit/ }] },
    { name: 'standalone Valkey cache cluster cannot encrypt in transit', terraform: cacheCluster('valkey', ''), findings: [{ line: 3, message: /standalone Valkey cache cluster/ }] },
    { name: 'DAX default endpoint', terraform: 'resource "aws_dax_cluster" "d" {\n  cluster_name = "d"\n  iam_role_arn = "arn:aws:iam::1:role/d"\n  node_type = "dax.r5.large"\n  replication_factor = 1\n}\n', findings: [{ line: 1 }] },
  ],
  unknown: [
    { name: 'a global datastore secondary whose primary is not in the scan', terraform: 'resource "aws_elasticache_replication_group" "s" {\n  replication_group_id        = "s"\n  description                 = "s"\n  global_replication_group_id = "ldgnf-global-sessions"\n}\n' },
    { name: 'cache cluster engine from a variable', terraform: `variable "e" {\n  type = string\n}\n${cacheCluster('x', '').replace('"x"', 'var.e')}` },
    { name: 'replication group flag from a variable', terraform: 'variable "t" {\n  type = bool\n}\nresource "aws_elasticache_replication_group" "g" {\n  replication_group_id = "g"\n  description = "g"\n  transit_encryption_enabled = var.t\n}\n' },
  ],
});
