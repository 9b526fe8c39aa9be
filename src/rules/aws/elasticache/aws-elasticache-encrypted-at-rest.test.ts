import rule from './aws-elasticache-encrypted-at-rest.js';
import { testRule } from '../../../testing/rule-tester.js';

const group = (extra: string): string => `resource "aws_elasticache_replication_group" "rg" {\n  replication_group_id = "sessions"\n  description          = "sessions"\n  node_type            = "cache.t4g.small"\n${extra}}\n`;

testRule(rule, {
  pass: [
    { name: 'Valkey defaults to encrypted', terraform: group('  engine = "valkey"\n') },
    { name: 'MemoryDB always encrypts', terraform: 'resource "aws_memorydb_cluster" "db" {\n  name       = "sessions"\n  node_type  = "db.t4g.small"\n  acl_name   = "open-access"\n}\n' },
  ],
  fail: [{ name: 'explicitly off', terraform: group('  engine                     = "redis"\n  at_rest_encryption_enabled = false\n'), findings: [{ line: 6, message: /sets at_rest_encryption_enabled to false/ }] }],
  unknown: [{ name: 'flag from a variable without a value', terraform: `variable "on" {\n  type = bool\n}\n\n${group('  at_rest_encryption_enabled = var.on\n')}` }],
});
