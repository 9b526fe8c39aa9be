import type { Resource } from '../../../model/resource.js';
import { asString, attr, attrOr } from '../../../model/read.js';
import { defineRule, pass, type Outcome } from '../../define-rule.js';
import { phiCustomerKeyOutcome } from '../kms/phi-customer-key.js';
import { requireFlag } from '../require-setting.js';

export default defineRule<Resource>({
  id: 'aws-elasticache-encrypted-at-rest',
  title: 'ElastiCache replication groups and MemoryDB clusters encrypt data at rest',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Caches hold session data and query results that include ePHI; without at-rest encryption, swap, backups and snapshots keep it in clear.',
  howToFix: 'Set at_rest_encryption_enabled = true (with kms_key_id for PHI) on aws_elasticache_replication_group; MemoryDB always encrypts, set kms_key_arn for PHI.',
  links: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html'],
  references: {
    checkov: ['CKV_AWS_29', 'CKV_AWS_191', 'CKV_AWS_201'],
    trivy: ['AVD-AWS-0045', 'aws-elasticache-enable-at-rest-encryption'],
  },
  targets: (model) => [...model.ofType('aws_elasticache_replication_group'), ...model.ofType('aws_memorydb_cluster')],
  check(resource, { model }) {
    if (resource.type === 'aws_memorydb_cluster') {
      const outcomes: Outcome[] = [pass(resource, `${resource.address} is a MemoryDB cluster, which always encrypts data at rest.`)];
      const cmk = phiCustomerKeyOutcome(model, resource, attr(resource, 'kms_key_arn'), 'kms_key_arn', resource.span);
      if (cmk) outcomes.push(cmk);
      return outcomes;
    }
    // Valkey replication groups are encrypted at rest by default; Redis OSS ones are not.
    const engine = asString(attrOr(resource, 'engine', 'redis').value);
    const judged = requireFlag(resource, resource, 'at_rest_encryption_enabled', {
      providerDefault: engine === 'valkey',
      consequence: 'cached data and backups are unencrypted at rest',
      fix: { description: 'Enable at-rest encryption (Terraform replaces the replication group)', safety: 'unsafe' },
    });
    const outcomes: Outcome[] = [judged.outcome];
    if (judged.on) {
      const cmk = phiCustomerKeyOutcome(model, resource, attr(resource, 'kms_key_id'), 'kms_key_id', resource.span);
      if (cmk) outcomes.push(cmk);
    }
    return outcomes;
  },
  examples: {
    terraform: {
      bad: ['resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id = "sessions"\n  description          = "Portal sessions"\n  node_type            = "cache.t4g.small"\n  engine               = "redis"\n}\n'],
      good: [
        'resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id       = "sessions"\n  description                = "Portal sessions"\n  node_type                  = "cache.t4g.small"\n  engine                     = "redis"\n  at_rest_encryption_enabled = true\n}\n',
      ],
    },
  },
});
