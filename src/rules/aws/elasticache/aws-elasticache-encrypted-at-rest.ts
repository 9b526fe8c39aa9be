import type { Resource } from '../../../model/resource.js';
import { asString, attr, attrOr } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { isApplyTime } from '../judge-setting.js';
import { phiCustomerKeyOutcome } from '../kms/phi-customer-key.js';
import { requireFlag } from '../require-setting.js';
import { globalDatastoreOf, inheritedFromPrimary } from './global-datastore.js';

const AT_REST_CONSEQUENCE = 'cached data and backups are unencrypted at rest';

/** A replication group's own at-rest setting: Valkey groups are encrypted at rest by default, Redis OSS ones are not. */
function ownAtRest(group: Resource): { outcome: Outcome; on: boolean } {
  const engine = asString(attrOr(group, 'engine', 'redis').value);
  return requireFlag(group, group, 'at_rest_encryption_enabled', {
    providerDefault: engine === 'valkey',
    consequence: AT_REST_CONSEQUENCE,
    fix: { description: 'Enable at-rest encryption (Terraform replaces the replication group)', safety: 'unsafe' },
  });
}

/**
 * A standalone aws_elasticache_cluster (no replication_group_id) running Redis OSS or Valkey cannot
 * be encrypted at rest: CreateCacheCluster has no AtRestEncryptionEnabled and the resource no such
 * argument; only a replication group (of one node if need be) encrypts at rest (provider issue
 * hashicorp/terraform-provider-aws#12592, "the AWS API used by aws_elasticache_cluster does not
 * support at-rest encryption"; https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html).
 * Memcached keeps its data in memory only (no backups, no persistence), so there is nothing at rest.
 */
function cacheClusterOutcome(cluster: Resource): Outcome | Outcome[] {
  const engine = cluster.attributes.get('engine');
  if (engine && isApplyTime(engine)) return unknown(engine, `${cluster.address}: the engine depends on ${applyTimeReason(engine)}.`);
  const name = (asString(engine?.value) ?? '').toLowerCase();
  if (name !== 'redis' && name !== 'valkey') return [];
  return fail(engine!, {
    message: `${cluster.address} is a standalone ${name === 'redis' ? 'Redis OSS' : 'Valkey'} cache cluster, which ElastiCache cannot encrypt at rest (only a replication group with at_rest_encryption_enabled can), so its backups and swap hold cached ePHI unencrypted.`,
  });
}

export default defineRule<Resource>({
  id: 'aws-elasticache-encrypted-at-rest',
  title: 'ElastiCache caches and MemoryDB clusters encrypt data at rest',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Caches hold session data and query results that include ePHI; without at-rest encryption, swap, backups and snapshots keep it in clear.',
  howToFix:
    'Set at_rest_encryption_enabled = true (with kms_key_id for PHI) on aws_elasticache_replication_group; a Redis OSS or Valkey aws_elasticache_cluster cannot encrypt at rest, so replace it with a replication group; MemoryDB and serverless caches always encrypt, set kms_key_arn (kms_key_id) for PHI.',
  links: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html'],
  references: {
    checkov: ['CKV_AWS_29', 'CKV_AWS_191', 'CKV_AWS_201'],
    trivy: ['AVD-AWS-0045', 'aws-elasticache-enable-at-rest-encryption'],
  },
  targets: (model) => [
    ...model.ofType('aws_elasticache_replication_group'),
    ...model.ofType('aws_memorydb_cluster'),
    ...model.ofType('aws_elasticache_serverless_cache'),
    // A member of a replication group takes the group's setting: the group is judged.
    ...model.ofType('aws_elasticache_cluster').filter((c) => !c.attributes.has('replication_group_id')),
  ],
  check(resource, { model }) {
    if (resource.type === 'aws_elasticache_cluster') return cacheClusterOutcome(resource);
    if (resource.type === 'aws_memorydb_cluster') {
      const outcomes: Outcome[] = [pass(resource, `${resource.address} is a MemoryDB cluster, which always encrypts data at rest.`)];
      const cmk = phiCustomerKeyOutcome(model, resource, attr(resource, 'kms_key_arn'), 'kms_key_arn', resource.span);
      if (cmk) outcomes.push(cmk);
      return outcomes;
    }
    // At-rest encryption "is always enabled on a serverless cache" (at-rest-encryption.html); a PHI
    // cache still needs kms_key_id, as every other PHI store, or it is under a service-owned key.
    if (resource.type === 'aws_elasticache_serverless_cache') {
      const outcomes: Outcome[] = [pass(resource, `${resource.address} is a serverless cache, which always encrypts data at rest.`)];
      const cmk = phiCustomerKeyOutcome(model, resource, attr(resource, 'kms_key_id'), 'kms_key_id', resource.span);
      if (cmk) outcomes.push(cmk);
      return outcomes;
    }
    // A secondary of a global datastore cannot set at_rest_encryption_enabled: it takes the primary's.
    const datastore = globalDatastoreOf(model, resource);
    const judged =
      datastore.kind === 'none'
        ? ownAtRest(resource)
        : (() => {
            const outcome = inheritedFromPrimary(resource, datastore, 'encryption at rest', (primary) => ownAtRest(primary).outcome);
            return { outcome, on: outcome.status === 'pass' };
          })();
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
