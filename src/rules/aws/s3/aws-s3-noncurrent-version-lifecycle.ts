import { s3Buckets, type S3BucketView } from '../../../adapters/aws/s3.js';
import type { NestedBlock } from '../../../model/resource.js';
import { asBoolean, asString, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

/** A rule is on when status = "Enabled" (split resource) or enabled = true (legacy inline lifecycle_rule). */
function ruleOn(rule: NestedBlock): boolean | 'unknown' {
  const status = rule.attributes.get('status') ?? rule.attributes.get('enabled');
  if (status && isApplyTime(status)) return 'unknown';
  return asString(status?.value) === 'Enabled' || asBoolean(status?.value) === true;
}

const NONCURRENT = ['noncurrent_version_expiration', 'noncurrent_version_transition'];

export default defineRule<S3BucketView>({
  id: 'aws-s3-noncurrent-version-lifecycle',
  title: 'Versioned S3 buckets manage noncurrent versions',
  severity: 'low',
  controls: ['164.310(d)(2)(iv)', '164.308(a)(7)(ii)(A)'],
  kind: 'graph',
  why: 'Without a noncurrent-version rule, old copies of ePHI objects pile up forever, beyond the retention policy and beyond what anyone tracks or deletes on request.',
  howToFix: 'Add an Enabled rule to aws_s3_bucket_lifecycle_configuration with noncurrent_version_expiration { noncurrent_days = N } (and optionally noncurrent_version_transition) matching the retention policy.',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-configuration-examples.html'],
  references: { awsConfig: ['s3-version-lifecycle-policy-check', 's3-lifecycle-policy-check'], checkov: ['CKV2_AWS_61', 'CKV_AWS_300'] },
  targets: (model) => s3Buckets(model).filter((v) => v.versioning !== undefined && asBoolean(v.versioning.enabled.value) !== false),
  check(view) {
    const enabled = view.versioning!.enabled;
    if (isApplyTime(enabled)) return unknown(enabled, `${view.address}: the versioning status is known only at apply time (${reasonOf(enabled)}).`);
    const lifecycle = view.lifecycle;
    if (!lifecycle) return fail(view.bucket, { message: `${view.address} is versioned but has no lifecycle configuration, so noncurrent versions are kept forever.` });
    let pending = false;
    for (const rule of lifecycle.rules) {
      const on = ruleOn(rule);
      if (on === 'unknown') {
        pending = true;
        continue;
      }
      if (on && NONCURRENT.some((n) => blocksOf(rule, n).length > 0)) return pass(rule);
    }
    if (pending) return unknown({ span: lifecycle.span }, `${view.address}: a lifecycle rule status is known only at apply time.`);
    return fail({ span: lifecycle.span }, { message: `${view.address} is versioned but no enabled lifecycle rule expires or transitions noncurrent versions.` });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_s3_bucket" "phi" {\n  bucket = "patient-records"\n}\n\nresource "aws_s3_bucket_versioning" "phi" {\n  bucket = aws_s3_bucket.phi.id\n\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n',
      ],
      good: [
        'resource "aws_s3_bucket" "phi" {\n  bucket = "patient-records"\n}\n\nresource "aws_s3_bucket_versioning" "phi" {\n  bucket = aws_s3_bucket.phi.id\n\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n\nresource "aws_s3_bucket_lifecycle_configuration" "phi" {\n  bucket = aws_s3_bucket.phi.id\n\n  rule {\n    id     = "noncurrent"\n    status = "Enabled"\n\n    filter {}\n\n    noncurrent_version_expiration {\n      noncurrent_days = 365\n    }\n  }\n}\n',
      ],
    },
  },
});
