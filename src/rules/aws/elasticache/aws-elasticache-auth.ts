import type { Resource } from '../../../model/resource.js';
import { asBoolean, asList } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-elasticache-auth',
  title: 'ElastiCache Redis requires AUTH or RBAC over TLS',
  severity: 'medium',
  controls: ['164.312(d)'],
  kind: 'attr',
  why: 'Without AUTH or RBAC user groups any host that reaches the Redis port can read or change cached ePHI; AWS only allows AUTH together with in-transit encryption.',
  howToFix: 'Set transit_encryption_enabled = true and either auth_token (from a secret) or user_group_ids on the aws_elasticache_replication_group.',
  links: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/auth.html'],
  references: { checkov: ['CKV_AWS_31'] },
  targets: (model) => model.ofType('aws_elasticache_replication_group'),
  check(group) {
    const transit = group.attributes.get('transit_encryption_enabled');
    if (transit && isApplyTime(transit)) return unknown(transit, `${group.address}: transit_encryption_enabled is known only at apply time (${reasonOf(transit)}).`);
    const token = group.attributes.get('auth_token');
    const userGroups = group.attributes.get('user_group_ids');
    // A token from a variable without a value is still a token: only its presence matters here.
    const hasToken = token !== undefined && token.value !== null && token.value !== '';
    if (!hasToken && userGroups && isApplyTime(userGroups)) return unknown(userGroups, `${group.address}: user_group_ids is known only at apply time (${reasonOf(userGroups)}).`);
    const hasUserGroups = userGroups !== undefined && asList(userGroups.value).length > 0;
    if (!hasToken && !hasUserGroups) {
      return fail(group, { message: `${group.address} sets neither auth_token nor user_group_ids, so clients connect to Redis without authenticating.` });
    }
    if (asBoolean(transit?.value) !== true) {
      return fail(transit ?? group, {
        message: transit
          ? `${group.address} sets transit_encryption_enabled to false, so AUTH credentials would cross the network in clear text.`
          : `${group.address} does not set transit_encryption_enabled (default false), so AUTH credentials would cross the network in clear text.`,
      });
    }
    return pass((hasToken ? token : userGroups) ?? group);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id = "sessions"\n  description          = "session cache"\n  node_type            = "cache.t3.micro"\n}\n'],
      good: [
        'variable "redis_auth_token" {\n  type      = string\n  sensitive = true\n}\n\nresource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id       = "sessions"\n  description                = "session cache"\n  node_type                  = "cache.t3.micro"\n  transit_encryption_enabled = true\n  auth_token                 = var.redis_auth_token\n}\n',
      ],
    },
  },
});
