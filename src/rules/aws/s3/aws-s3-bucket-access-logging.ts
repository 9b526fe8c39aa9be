import { s3Buckets, type S3BucketView } from '../../../adapters/aws/s3.js';
import { asString } from '../../../model/read.js';
import type { Sourced } from '../../../model/sourced.js';
import { isUnknown } from '../../../model/value.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { applyTimeReason, computedFrom } from '../apply-time.js';
import { inPhiScope } from '../phi-scope.js';

/**
 * Which bucket a target_bucket names: a literal name (bucket names are global, so it may be another
 * stack's bucket), or an address in the logging bucket's root module (`root`; another root may reuse
 * the address); undefined when unknowable.
 */
function targetOf(target: Sourced, root: string | undefined): { address?: string; root?: string | undefined; name?: string } | undefined {
  const name = asString(target.value);
  if (name !== undefined) return { name };
  const address = computedFrom(target);
  return address ? { address, root } : undefined;
}

function isTarget(view: S3BucketView, target: { address?: string; root?: string | undefined; name?: string }): boolean {
  if (target.address !== undefined) return target.address === view.address && target.root === view.bucket.root;
  const name = view.name ? asString(view.name.value) : undefined;
  return name !== undefined && name === target.name;
}

export default defineRule<S3BucketView, { scope: string }>({
  id: 'aws-s3-bucket-access-logging',
  title: 'PHI buckets have server access logging to a separate bucket',
  severity: 'medium',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)', '164.308(a)(6)(ii)'],
  kind: 'graph',
  why: 'Server access logs record every request against the bucket, including anonymous and denied ones that CloudTrail data events may miss; they are the access report for ePHI objects.',
  howToFix: 'Add an aws_s3_bucket_logging with target_bucket set to a dedicated log bucket (not the bucket itself) and a target_prefix.',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html'],
  references: { awsConfig: ['s3-bucket-logging-enabled'], checkov: ['CKV_AWS_18'], trivy: ['AVD-AWS-0089', 'aws-s3-enable-logging', 'aws-s3-enable-bucket-logging'] },
  // 'phi': buckets classified PHI; 'all': every bucket except those that receive other buckets' logs.
  params: { scope: 'phi' },
  targets: (model, params) => {
    const views = s3Buckets(model);
    const targets = views.flatMap((v) => (v.logging?.targetBucket ? [targetOf(v.logging.targetBucket, v.bucket.root)] : [])).filter((t) => t !== undefined);
    const isLogSink = (view: S3BucketView): boolean => targets.some((t) => isTarget(view, t!));
    return views.filter((view) => inPhiScope(view.bucket, params.scope) && (params.scope === 'phi' || !isLogSink(view)));
  },
  check(view) {
    const logging = view.logging;
    if (!logging) return fail(view, { message: `${view.address} has no server access logging (no aws_s3_bucket_logging), so requests to its objects are not recorded.` });
    const target = logging.targetBucket;
    if (!target) return fail(logging.span, { message: `${view.address} declares logging without a target_bucket.` });
    const resolved = targetOf(target, view.bucket.root);
    if (!resolved) {
      if (isUnknown(target.value)) return unknown(target, `${view.address}: the log target bucket depends on ${applyTimeReason(target)}.`);
      return unknown(target, `${view.address}: the log target bucket cannot be determined here.`);
    }
    if (isTarget(view, resolved)) return fail(target, { message: `${view.address} delivers its access logs to itself, which loops log writes and mixes audit records with ePHI.` });
    return pass(target, `${view.address} delivers server access logs to ${resolved.name ?? resolved.address}.`);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  tags   = { DataClassification = "phi" }\n}\n'],
      good: [
        'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  tags   = { DataClassification = "phi" }\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "example-access-logs"\n}\n\nresource "aws_s3_bucket_logging" "phi" {\n  bucket        = aws_s3_bucket.phi.id\n  target_bucket = aws_s3_bucket.logs.id\n  target_prefix = "phi-records/"\n}\n',
      ],
    },
  },
});
