import type { Resource } from '../../../model/resource.js';
import { asString, attr, blockOf, blocksOf, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { isApplyTime, reasonOf, requireBoolean, requireOneOf } from '../judge-setting.js';
import { globalDatastoreOf, inheritedFromPrimary } from './global-datastore.js';

/** A replication group's own in-transit setting (and, when on, its transit_encryption_mode). */
function groupTransit(group: Resource): Outcome {
  const enabled = requireBoolean(group.address, group, 'transit_encryption_enabled', true, {
    providerDefault: false,
    consequence: 'Redis traffic, including cached ePHI, crosses the network unencrypted',
    fix: { description: 'Enable in-transit encryption', safety: 'unsafe', fixValue: 'true' },
  });
  return enabled.status === 'pass' ? transitMode(group) ?? enabled : enabled;
}

const TYPES = ['aws_elasticache_replication_group', 'aws_elasticache_cluster', 'aws_memorydb_cluster', 'aws_dax_cluster', 'aws_msk_cluster', 'aws_ecs_task_definition'];

/**
 * A standalone aws_elasticache_cluster (no replication_group_id: a member takes its group's
 * setting, judged on the group). Memcached 1.6.12+ encrypts in transit only with
 * transit_encryption_enabled = true (default false); a Redis OSS or Valkey cache cluster cannot
 * encrypt in transit at all, which only a replication group does (provider docs for
 * elasticache_cluster transit_encryption_enabled: "Supported only with Memcached versions 1.6.12
 * and later ... For Redis or Valkey transit encryption, use aws_elasticache_replication_group";
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html).
 */
function cacheClusterOutcome(cluster: Resource): Outcome | Outcome[] {
  const engine = cluster.attributes.get('engine');
  if (engine && isApplyTime(engine)) return unknown(engine, `${cluster.address}: the engine is known only at apply time (${reasonOf(engine)}).`);
  const name = (asString(engine?.value) ?? '').toLowerCase();
  if (name === 'memcached') {
    return requireBoolean(cluster.address, cluster, 'transit_encryption_enabled', true, {
      providerDefault: false,
      consequence: 'Memcached traffic, including cached ePHI, crosses the network unencrypted',
      fix: { description: 'Enable in-transit encryption (Terraform replaces the cluster)', safety: 'unsafe', fixValue: 'true' },
    });
  }
  if (name === 'redis' || name === 'valkey') {
    return fail(engine!, {
      message: `${cluster.address} is a standalone ${name === 'redis' ? 'Redis OSS' : 'Valkey'} cache cluster, which ElastiCache cannot encrypt in transit (only a replication group with transit_encryption_enabled can), so its traffic, including cached ePHI, is unencrypted.`,
    });
  }
  return [];
}

function mskOutcomes(cluster: Resource): Outcome[] {
  const info = blockOf(cluster, 'encryption_info');
  const transit = info ? blockOf(info, 'encryption_in_transit') : undefined;
  if (!transit) return [pass(cluster)]; // defaults: client_broker "TLS", in_cluster true
  const label = `${cluster.address} encryption_in_transit`;
  const outcomes = [
    requireOneOf(label, transit, 'client_broker', ['TLS'], { providerDefault: 'TLS', consequence: 'clients can produce and consume records over plaintext connections' }),
    requireBoolean(label, transit, 'in_cluster', true, { providerDefault: true, consequence: 'brokers replicate records to each other unencrypted' }),
  ];
  const notPassing = outcomes.filter((o) => o.status !== 'pass');
  return notPassing.length > 0 ? notPassing : [outcomes[0]!];
}

function ecsOutcomes(task: Resource): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const volume of blocksOf(task, 'volume')) {
    const efs = blockOf(volume, 'efs_volume_configuration');
    if (!efs) continue;
    const name = asString(volume.attributes.get('name')?.value) ?? 'an EFS volume';
    outcomes.push(
      requireOneOf(`${task.address} volume "${name}"`, efs, 'transit_encryption', ['ENABLED'], {
        providerDefault: 'DISABLED',
        consequence: 'files travel between the task and EFS unencrypted',
        fix: { description: 'Encrypt EFS traffic in transit', safety: 'unsafe', fixValue: '"ENABLED"' },
      }),
    );
  }
  return outcomes;
}

export default defineRule<Resource>({
  id: 'aws-cache-and-stream-tls',
  title: 'Caches, streams and EFS mounts encrypt data in transit',
  severity: 'high',
  controls: ['164.312(e)(1)', '164.312(e)(2)(ii)', '164.312(e)(2)(i)'],
  kind: 'attr',
  why: 'Caches, Kafka streams and shared file systems carry ePHI between services inside the VPC; without TLS anyone who can capture that traffic can read it.',
  howToFix:
    'Set transit_encryption_enabled = true (ElastiCache replication groups and Memcached clusters; a Redis OSS or Valkey cache needs a replication group), tls_enabled = true (MemoryDB), cluster_endpoint_encryption_type = "TLS" (DAX), encryption_in_transit { client_broker = "TLS", in_cluster = true } (MSK) and efs_volume_configuration { transit_encryption = "ENABLED" } (ECS).',
  links: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/in-transit-encryption.html'],
  references: {
    awsConfig: ['dax-tls-endpoint-encryption', 'msk-in-cluster-node-require-tls'],
    checkov: ['CKV_AWS_30', 'CKV_AWS_202', 'CKV_AWS_239', 'CKV_AWS_81', 'CKV_AWS_97'],
    trivy: [
      'AVD-AWS-0051',
      'aws-elasticache-enable-in-transit-encryption',
      'AVD-AWS-0073',
      'aws-msk-enable-in-transit-encryption',
      'AVD-AWS-0035',
      'aws-ecs-enable-in-transit-encryption',
    ],
  },
  targets: (model) =>
    TYPES.flatMap((t) => model.ofType(t)).filter((r) => {
      if (r.type === 'aws_ecs_task_definition') return blocksOf(r, 'volume').some((v) => blockOf(v, 'efs_volume_configuration') !== undefined);
      // A member of a replication group takes the group's in-transit setting: the group is judged.
      if (r.type === 'aws_elasticache_cluster') return !r.attributes.has('replication_group_id');
      return true;
    }),
  check(target, { model }): Outcome | Outcome[] {
    switch (target.type) {
      case 'aws_elasticache_replication_group': {
        // A secondary of a global datastore cannot set transit_encryption_enabled: it takes the primary's.
        const datastore = globalDatastoreOf(model, target);
        return datastore.kind === 'none' ? groupTransit(target) : inheritedFromPrimary(target, datastore, 'encryption in transit', groupTransit);
      }
      case 'aws_elasticache_cluster':
        return cacheClusterOutcome(target);
      case 'aws_memorydb_cluster':
        return requireBoolean(target.address, target, 'tls_enabled', true, {
          providerDefault: true,
          consequence: 'Redis traffic crosses the network unencrypted',
          fix: { description: 'Enable TLS', safety: 'unsafe', fixValue: 'true' },
        });
      case 'aws_dax_cluster':
        return requireOneOf(target.address, target, 'cluster_endpoint_encryption_type', ['TLS'], {
          providerDefault: 'NONE',
          consequence: 'DynamoDB items cross the network between clients and the cache unencrypted',
          fix: { description: 'Use a TLS endpoint (Terraform replaces the cluster)', safety: 'unsafe', fixValue: '"TLS"' },
        });
      case 'aws_msk_cluster':
        return mskOutcomes(target);
      default:
        return ecsOutcomes(target);
    }
  },
  examples: {
    terraform: {
      bad: ['resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id = "sessions"\n  description          = "session cache"\n  node_type            = "cache.t3.micro"\n}\n'],
      good: [
        'resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id       = "sessions"\n  description                = "session cache"\n  node_type                  = "cache.t3.micro"\n  transit_encryption_enabled = true\n}\n',
      ],
    },
  },
});

/**
 * transit_encryption_mode "preferred" (the step of migrating a group to TLS) accepts plaintext
 * connections beside TLS ones; only "required" (the default once enabled) refuses them.
 */
function transitMode(group: Resource): Outcome | undefined {
  const mode = attr(group, 'transit_encryption_mode');
  if (!mode || mode.value === null) return undefined;
  if (isUnresolved(mode)) return unknown(mode, `${group.address}: transit_encryption_mode depends on ${applyTimeReason(mode)}.`);
  if (asString(mode.value)?.toLowerCase() !== 'preferred') return undefined;
  return fail(mode, {
    message: `${group.address} sets transit_encryption_mode to "preferred", so clients can still connect without TLS and read cached ePHI in clear text.`,
    fix: { description: 'Require TLS (clients without TLS are refused)', safety: 'unsafe', terraform: (edit) => edit.setAttribute(group.span, 'transit_encryption_mode', '"required"') },
  });
}
