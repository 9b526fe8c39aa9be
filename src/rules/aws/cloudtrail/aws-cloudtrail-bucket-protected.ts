import { s3BucketsAt, s3BucketsNamed, type S3BucketView } from '../../../adapters/aws/s3.js';
import type { InfraModel } from '../../../model/infra-model.js';
import type { NestedBlock, Resource } from '../../../model/resource.js';
import { asBoolean, asNumber, asString, attr, attrOr, blockOf, blocksOf, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { applyTimeReason, computedFrom } from '../apply-time.js';
import { ofTypeFor } from '../account.js';
import { linkedBack } from '../linked.js';
import { S3_BUCKET_READS } from '../across-roots-types.js';

const PAB_FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);

/** The bucket the trail writes to: by literal bucket name, or by the reference the evaluator could not resolve yet. */
function trailBucket(model: InfraModel, trail: Resource): S3BucketView | 'unknown' | undefined {
  const name = attr(trail, 's3_bucket_name');
  if (!name) return undefined;
  const literal = asString(name.value);
  // A literal name may name a bucket of another root module, but one of the trail's own root wins;
  // a reference always stays in the trail's root (another root may reuse the address).
  const sameRoot = (v: S3BucketView): boolean => v.bucket.root === trail.root;
  if (literal !== undefined) {
    const named = s3BucketsNamed(model, literal);
    return named.find(sameRoot) ?? named[0];
  }
  const address = computedFrom(name);
  if (address) return s3BucketsAt(model, address, 'address').find(sameRoot);
  return 'unknown';
}

/** A known number attribute of a block, else undefined (unset, apply-time or not a number). */
function knownNumber(body: NestedBlock | undefined, name: string): number | undefined {
  const value = body ? attr(body, name) : undefined;
  return value && !isUnresolved(value) ? asNumber(value.value) : undefined;
}

/**
 * Whether a lifecycle rule is on and reaches the trail's log files, which CloudTrail writes under
 * "<s3_key_prefix>/AWSLogs/" ("AWSLogs/" without a prefix). A tag filter never matches them (CloudTrail
 * tags no object); a prefix must overlap theirs. Undecidable rules (apply-time values) are left out,
 * so no failure rests on a guess.
 */
function reachesTrailLogs(rule: NestedBlock, logPrefix: string | undefined): boolean {
  const status = rule.attributes.get('status') ?? rule.attributes.get('enabled');
  if (!status || isUnresolved(status) || (asString(status.value) !== 'Enabled' && asBoolean(status.value) !== true)) return false;
  const bodies = [rule, ...blocksOf(rule, 'filter'), ...blocksOf(rule, 'filter').flatMap((f) => blocksOf(f, 'and'))];
  for (const body of bodies) {
    const tags = body.attributes.get('tags');
    if (blocksOf(body, 'tag').length > 0 || (tags && (isUnresolved(tags) || (typeof tags.value === 'object' && tags.value !== null && Object.keys(tags.value).length > 0)))) return false;
    const prefix = body.attributes.get('prefix');
    if (!prefix) continue;
    if (isUnresolved(prefix)) return false;
    const text = asString(prefix.value) ?? '';
    if (text === '') continue;
    if (logPrefix === undefined || !(logPrefix.startsWith(text) || text.startsWith(logPrefix))) return false;
  }
  return true;
}

/**
 * After how many days lifecycle rules delete the trail's log files, when sooner than `minimum`:
 * `expiration.days` on an unversioned bucket; on a versioned one expiration only hides the current
 * version, which noncurrent_version_expiration then deletes (the two periods add up). An Object Lock
 * default retention keeps each version at least that long. Undefined when no rule deletes them sooner.
 */
function expiresSooner(model: InfraModel, view: S3BucketView, trail: Resource, minimum: number): { readonly days: number; readonly rule: NestedBlock } | undefined {
  const rules = view.lifecycle?.rules ?? [];
  if (rules.length === 0) return undefined;
  const keyPrefix = attr(trail, 's3_key_prefix');
  const logPrefix = !keyPrefix ? 'AWSLogs/' : isUnresolved(keyPrefix) ? undefined : `${asString(keyPrefix.value) ?? ''}/AWSLogs/`.replace(/^\//, '');
  const applying = rules.filter((r) => reachesTrailLogs(r, logPrefix));
  const versioned = view.versioning !== undefined && asBoolean(view.versioning.enabled.value) === true;
  const noncurrent = applying.map((r) => knownNumber(blockOf(r, 'noncurrent_version_expiration'), 'noncurrent_days')).filter((d) => d !== undefined);
  const lockConfig =
    view.objectLock && asBoolean(view.objectLock.enabled.value) === true
      ? (linkedBack(model, view.bucket, 'aws_s3_bucket_object_lock_configuration', 'bucket').sure[0] ?? blockOf(view.bucket, 'object_lock_configuration'))
      : undefined;
  const lockRule = lockConfig ? blockOf(lockConfig, 'rule') : undefined;
  const retention = lockRule ? blockOf(lockRule, 'default_retention') : undefined;
  const locked = (knownNumber(retention, 'days') ?? 0) + (knownNumber(retention, 'years') ?? 0) * 365;
  let sooner: { days: number; rule: NestedBlock } | undefined;
  for (const rule of applying) {
    const expiration = knownNumber(blockOf(rule, 'expiration'), 'days');
    if (expiration === undefined || expiration <= 0) continue;
    let days = expiration;
    if (versioned) {
      if (noncurrent.length === 0) continue;
      days += Math.min(...noncurrent);
    }
    days = Math.max(days, locked);
    if (days < minimum && (sooner === undefined || days < sooner.days)) sooner = { days, rule };
  }
  return sooner;
}

/** True when all four flags of a public-access block are on; 'unknown' when one is apply-time. */
function blocksAll(block: Resource | undefined): boolean | 'unknown' {
  if (!block) return false;
  let result: boolean | 'unknown' = true;
  for (const flag of PAB_FLAGS) {
    const value = attrOr(block, flag, false);
    if (isUnresolved(value)) result = 'unknown';
    else if (asBoolean(value.value) !== true) return false;
  }
  return result;
}

export default defineRule<Resource, { minRetentionDays: number }>({
  id: 'aws-cloudtrail-bucket-protected',
  title: 'The CloudTrail bucket is private and access-logged',
  severity: 'medium',
  controls: ['164.312(b)', '164.312(c)(1)'],
  kind: 'graph',
  why: 'The trail bucket is the audit record itself: if it can be made public or read without a trace, the evidence of who touched ePHI can leak or be quietly altered.',
  howToFix:
    'Give the trail bucket an aws_s3_bucket_public_access_block with all four flags true (or an account-level block), no public ACL, server access logging to a separate bucket, no lifecycle expiration of its log files sooner than the retention minimum (default 365 days), and ideally S3 Object Lock.',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html'],
  references: {
    awsConfig: ['cloudtrail-s3-bucket-public-access-prohibited', 'cloudtrail-s3-bucket-access-logging'],
    trivy: ['AVD-AWS-0161', 'aws-cloudtrail-no-public-log-access', 'AVD-AWS-0163', 'aws-cloudtrail-require-bucket-access-logging'],
  },
  // As aws-cloudwatch-log-retention's: the trail's log files must outlive it too.
  params: { minRetentionDays: 365 },
  targets: (model) => model.ofType('aws_cloudtrail'),
  check(trail, { model, params }) {
    const view = trailBucket(model, trail);
    const name = attr(trail, 's3_bucket_name');
    if (view === 'unknown') return unknown(name ?? trail, `${trail.address}: s3_bucket_name depends on ${applyTimeReason(name)}.`);
    if (!view) return unknown(name ?? trail, `${trail.address} writes to a bucket that is not in the scanned configuration, so its protection is not evidenced.`);
    // The bucket's own account's block (account.ts): a central log bucket is often in another account than the trail.
    const account = ofTypeFor(model, view.bucket, 'aws_s3_account_public_access_block')[0];
    const pab = blocksAll(view.publicAccessBlock);
    const accountPab = blocksAll(account);
    const problems: string[] = [];
    if (pab !== true && accountPab !== true) {
      if (pab === 'unknown' || accountPab === 'unknown') return unknown(view, `${view.address}: its public-access block depends on values known only at apply time.`);
      problems.push(view.publicAccessBlock ? 'its public-access block does not turn on all four flags' : 'it has no public-access block');
    }
    const publicAcl = view.acls.map((a) => (a.acl ? asString(a.acl.value) : undefined)).find((acl) => acl !== undefined && PUBLIC_ACLS.has(acl));
    if (publicAcl) problems.push(`it has the ${publicAcl} ACL`);
    if (!view.logging) problems.push('it has no server access logging');
    // A lifecycle expiration on the trail bucket deletes the audit record itself.
    const expiry = expiresSooner(model, view, trail, params.minRetentionDays);
    if (expiry) {
      const id = asString(expiry.rule.attributes.get('id')?.value);
      problems.push(`its lifecycle rule${id ? ` "${id}"` : ''} deletes the trail's log files after ${expiry.days} days, sooner than the ${params.minRetentionDays}-day minimum`);
    }
    if (problems.length > 0) {
      return fail(view, { message: `${trail.address} writes to ${view.address}, but ${problems.join(', ')}.`, related: [{ span: (name ?? trail).span, message: 'the trail names its bucket here' }] });
    }
    const locked = view.objectLock && asBoolean(view.objectLock.enabled.value) === true;
    return pass(view, `${trail.address} writes to ${view.address}, which is private and access-logged${locked ? ' and object-locked' : ''}.`);
  },
  acrossRoots: {
    why: 'a trail names its bucket by its global name, which any stack may declare',
    reads: ['aws_cloudtrail', 'aws_s3_account_public_access_block', ...S3_BUCKET_READS],
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_s3_bucket" "audit" {\n  bucket = "example-audit-logs"\n}\n\nresource "aws_cloudtrail" "main" {\n  name           = "account-trail"\n  s3_bucket_name = aws_s3_bucket.audit.id\n}\n',
        // Private and access-logged, but a lifecycle rule deletes the audit record after 90 days.
        'resource "aws_s3_bucket" "audit" {\n  bucket = "example-audit-logs"\n}\n\nresource "aws_s3_bucket" "access_logs" {\n  bucket = "example-access-logs"\n}\n\nresource "aws_s3_bucket_public_access_block" "audit" {\n  bucket                  = aws_s3_bucket.audit.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n\nresource "aws_s3_bucket_logging" "audit" {\n  bucket        = aws_s3_bucket.audit.id\n  target_bucket = aws_s3_bucket.access_logs.id\n  target_prefix = "audit/"\n}\n\nresource "aws_cloudtrail" "main" {\n  name           = "account-trail"\n  s3_bucket_name = aws_s3_bucket.audit.id\n}\n\nresource "aws_s3_bucket_lifecycle_configuration" "audit" {\n  bucket = aws_s3_bucket.audit.id\n\n  rule {\n    id     = "expire-logs"\n    status = "Enabled"\n\n    filter {}\n\n    expiration {\n      days = 90\n    }\n  }\n}\n',
      ],
      good: [
        'resource "aws_s3_bucket" "audit" {\n  bucket = "example-audit-logs"\n}\n\nresource "aws_s3_bucket" "access_logs" {\n  bucket = "example-access-logs"\n}\n\nresource "aws_s3_bucket_public_access_block" "audit" {\n  bucket                  = aws_s3_bucket.audit.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n\nresource "aws_s3_bucket_logging" "audit" {\n  bucket        = aws_s3_bucket.audit.id\n  target_bucket = aws_s3_bucket.access_logs.id\n  target_prefix = "audit/"\n}\n\nresource "aws_cloudtrail" "main" {\n  name           = "account-trail"\n  s3_bucket_name = aws_s3_bucket.audit.id\n}\n',
      ],
    },
  },
});
