import rule from './aws-elasticache-auth.js';
import { testRule } from '../../../testing/rule-tester.js';

const group = (extra: string): string => `resource "aws_elasticache_replication_group" "g" {\n  replication_group_id = "g"\n  description = "g"\n${extra}}\n`;

testRule(rule, {
  pass: [{ name: 'RBAC user groups with TLS', terraform: group('  transit_encryption_enabled = true\n  user_group_ids = ["clinic-users"]\n') }],
  fail: [
    { name: 'no authentication', terraform: group('  transit_encryption_enabled = true\n'), findings: [{ line: 1, message: /neither auth_token nor user_group_ids/ }] },
    { name: 'token without TLS', terraform: group('  auth_token = "example-token-value-123"\n  transit_encryption_enabled = false\n'), findings: [{ line: 5, message: /clear text/ }] },
  ],
  unknown: [{ name: 'TLS flag from a variable', terraform: `variable "tls" {\n  type = bool\n}\n${group('  transit_encryption_enabled = var.tls\n  user_group_ids = ["u"]\n')}` }],
});
