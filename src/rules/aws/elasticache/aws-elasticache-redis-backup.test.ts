import rule from './aws-elasticache-redis-backup.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'standalone redis cluster kept 20 days; memcached ignored', terraform: 'resource "aws_elasticache_cluster" "r" {\n  cluster_id = "r"\n  engine = "redis"\n  snapshot_retention_limit = 20\n}\nresource "aws_elasticache_cluster" "m" {\n  cluster_id = "m"\n  engine = "memcached"\n}\n' },
    { name: 'serverless Valkey kept 35 days; serverless Memcached ignored', terraform: 'resource "aws_elasticache_serverless_cache" "v" {\n  name = "v"\n  engine = "valkey"\n  snapshot_retention_limit = 35\n}\nresource "aws_elasticache_serverless_cache" "m" {\n  name = "m"\n  engine = "memcached"\n}\n' },
  ],
  fail: [
    { name: 'one week', terraform: 'resource "aws_elasticache_cluster" "r" {\n  cluster_id = "r"\n  engine = "redis"\n  snapshot_retention_limit = 7\n}\n', findings: [{ line: 4, message: /kept fewer than 15 days/ }] },
    { name: 'serverless Valkey with snapshots off (probe h3-c2)', terraform: 'resource "aws_elasticache_serverless_cache" "s" {\n  name = "s"\n  engine = "valkey"\n  snapshot_retention_limit = 0\n}\n', findings: [{ line: 4, message: /sets snapshot_retention_limit to 0/ }] },
    { name: 'serverless Redis without snapshot_retention_limit', terraform: 'resource "aws_elasticache_serverless_cache" "s" {\n  name = "s"\n  engine = "redis"\n}\n', findings: [{ line: 1, message: /does not set snapshot_retention_limit \(default 0\)/ }] },
  ],
  unknown: [{ name: 'from a variable', terraform: 'variable "n" {\n  type = number\n}\nresource "aws_elasticache_replication_group" "g" {\n  replication_group_id = "g"\n  description = "g"\n  snapshot_retention_limit = var.n\n}\n' }],
});
