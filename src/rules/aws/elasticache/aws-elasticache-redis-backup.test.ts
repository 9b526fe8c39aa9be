import rule from './aws-elasticache-redis-backup.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'standalone redis cluster kept 20 days; memcached ignored', terraform: 'resource "aws_elasticache_cluster" "r" {\n  cluster_id = "r"\n  engine = "redis"\n  snapshot_retention_limit = 20\n}\nresource "aws_elasticache_cluster" "m" {\n  cluster_id = "m"\n  engine = "memcached"\n}\n' }],
  fail: [{ name: 'one week', terraform: 'resource "aws_elasticache_cluster" "r" {\n  cluster_id = "r"\n  engine = "redis"\n  snapshot_retention_limit = 7\n}\n', findings: [{ line: 4, message: /kept fewer than 15 days/ }] }],
  unknown: [{ name: 'from a variable', terraform: 'variable "n" {\n  type = number\n}\nresource "aws_elasticache_replication_group" "g" {\n  replication_group_id = "g"\n  description = "g"\n  snapshot_retention_limit = var.n\n}\n' }],
});
