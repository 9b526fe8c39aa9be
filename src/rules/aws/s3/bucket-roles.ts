// What a bucket is for, read from the resources that use it: audit-evidence destinations (CloudTrail
// trails and AWS Config delivery channels write there) and S3 server access-log targets. Rules scope
// integrity and contingency checks with these roles (catalog rows s3-object-lock, s3-mfa-delete).
import { s3BucketsAt, s3BucketsNamed, type S3BucketView } from '../../../adapters/aws/s3.js';
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asString, blockOf } from '../../../model/read.js';
import { isUnknown } from '../../../model/value.js';
import { leadCause } from '../../../model/unknown-cause.js';

const ARN_PREFIX = 'arn:aws:s3:::';

/**
 * The buckets `owner` names in `attribute`: by literal name or bucket ARN (a global name, which any
 * root module may declare), or else by reference, to a bucket of the owner's own root module (two
 * root modules may share an address).
 */
function bucketsNamedBy(model: InfraModel, owner: Resource, attribute: string): readonly Resource[] {
  const literal = asString(owner.attributes.get(attribute)?.value);
  if (literal !== undefined) return [...s3BucketsNamed(model, literal), ...(literal.startsWith(ARN_PREFIX) ? s3BucketsNamed(model, literal.slice(ARN_PREFIX.length)) : [])].map((v) => v.bucket);
  return owner.references.flatMap((ref) => model.resolve(owner, ref)).filter((r) => r.type === 'aws_s3_bucket');
}

const auditCache = new WeakMap<InfraModel, ReadonlySet<Resource>>();

/** Buckets that receive CloudTrail or AWS Config deliveries (resources, not addresses: two root modules may share an address). */
export function auditEvidenceBuckets(model: InfraModel): ReadonlySet<Resource> {
  let out = auditCache.get(model);
  if (!out) {
    const set = new Set<Resource>();
    for (const owner of [...model.ofType('aws_cloudtrail'), ...model.ofType('aws_config_delivery_channel')]) {
      for (const bucket of bucketsNamedBy(model, owner, 's3_bucket_name')) set.add(bucket);
    }
    out = set;
    auditCache.set(model, out);
  }
  return out;
}

const logCache = new WeakMap<InfraModel, ReadonlySet<Resource>>();

/**
 * The buckets a target_bucket value of `owner` names: by literal name, or, when computed, by the
 * address in its apply-time reason, in the owner's root module.
 */
function targetsOf(model: InfraModel, owner: Resource, value: Sourced | undefined): readonly S3BucketView[] {
  if (!value) return [];
  const literal = asString(value.value);
  if (literal !== undefined) return s3BucketsNamed(model, literal);
  // The bucket whose attribute the value is (computed by the provider, or set to null and so computed).
  const cause = isUnknown(value.value) && value.value.cause !== undefined ? leadCause(value.value.cause) : undefined;
  if (cause?.kind !== 'attribute') return [];
  return s3BucketsAt(model, cause.address, 'address').filter((v) => v.bucket.root === owner.root);
}

/**
 * Buckets that receive S3 server access logs. AWS delivers those logs only to buckets
 * without an Object Lock default retention
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).
 */
export function accessLogTargets(model: InfraModel): ReadonlySet<Resource> {
  let out = logCache.get(model);
  if (!out) {
    const set = new Set<Resource>();
    const values = [
      ...model.ofType('aws_s3_bucket_logging').map((l) => [l, l.attributes.get('target_bucket')] as const),
      ...model.ofType('aws_s3_bucket').map((b) => [b, blockOf(b, 'logging')?.attributes.get('target_bucket')] as const),
    ];
    for (const [owner, value] of values) for (const v of targetsOf(model, owner, value)) set.add(v.bucket);
    out = set;
    logCache.set(model, out);
  }
  return out;
}
