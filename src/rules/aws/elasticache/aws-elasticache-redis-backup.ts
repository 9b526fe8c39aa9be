import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { defineRule, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf, requireNumber } from '../judge-setting.js';

interface Params {
  readonly minRetentionDays: number;
  [key: string]: number;
}

export default defineRule<Resource, Params>({
  id: 'aws-elasticache-redis-backup',
  title: 'ElastiCache Redis keeps automatic backups',
  severity: 'medium',
  controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(i)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)', '164.312(a)(2)(ii)'],
  kind: 'attr',
  why: 'When Redis holds session state or records that exist nowhere else, a node failure without snapshots loses that ePHI.',
  howToFix: 'Set snapshot_retention_limit to at least 15 days (and a snapshot_window, or daily_snapshot_time on a serverless cache) on the Redis or Valkey cluster, replication group or serverless cache.',
  links: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/backups-automatic.html'],
  references: {
    awsConfig: ['elasticache-redis-cluster-automatic-backup-check'],
    checkov: ['CKV_AWS_134'],
    trivy: ['AVD-AWS-0050', 'aws-elasticache-enable-backup-retention'],
  },
  params: { minRetentionDays: 15 },
  targets: (model) => [
    // Standalone clusters only: members of a replication group take its setting.
    ...model.ofType('aws_elasticache_cluster').filter((c) => !c.attributes.has('replication_group_id')),
    ...model.ofType('aws_elasticache_replication_group'),
    // A serverless Redis or Valkey cache keeps automatic snapshots only with snapshot_retention_limit
    // (none by default, as the API has it): it was judged by no rule.
    ...model.ofType('aws_elasticache_serverless_cache'),
  ],
  check(cache, { params }) {
    if (cache.type === 'aws_elasticache_cluster' || cache.type === 'aws_elasticache_serverless_cache') {
      const engine = cache.attributes.get('engine');
      if (engine && isApplyTime(engine)) return unknown(engine, `${cache.address}: the engine is known only at apply time (${reasonOf(engine)}).`);
      if (!/^(redis|valkey)$/i.test(asString(engine?.value) ?? '')) return [];
    }
    return requireNumber(cache.address, cache, 'snapshot_retention_limit', (n) => n >= params.minRetentionDays, {
      providerDefault: 0,
      consequence: `automatic backups are kept fewer than ${params.minRetentionDays} days (0 turns them off)`,
      fix: { description: `Keep snapshots for ${params.minRetentionDays} days`, safety: 'safe', fixValue: String(params.minRetentionDays) },
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id = "sessions"\n  description          = "session cache"\n  node_type            = "cache.t3.micro"\n}\n'],
      good: ['resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id     = "sessions"\n  description              = "session cache"\n  node_type                = "cache.t3.micro"\n  snapshot_retention_limit = 15\n  snapshot_window          = "03:00-05:00"\n}\n'],
    },
  },
});
