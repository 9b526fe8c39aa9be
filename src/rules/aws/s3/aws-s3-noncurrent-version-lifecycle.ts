import { s3Buckets, type S3BucketView } from '../../../adapters/aws/s3.js';
import type { NestedBlock } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
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

/** True when a filter value narrows the rule: a non-empty prefix or tag map, any size bound. */
function narrows(name: string, value: Sourced): boolean {
  if (name === 'prefix') return (asString(value.value) ?? '') !== '';
  if (name === 'tags') return value.value !== null && typeof value.value === 'object' && Object.keys(value.value).length > 0;
  return value.value !== null; // object_size_greater_than / object_size_less_than
}

const FILTER_VALUES = ['prefix', 'tags', 'object_size_greater_than', 'object_size_less_than'];

/**
 * Whether a lifecycle rule applies to every object of the bucket: one with no filter, an empty
 * filter or an empty prefix does; a prefix, tag or object-size filter limits it to some keys
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-filters.html). Read from
 * the rule's own prefix/tags (legacy inline lifecycle_rule, deprecated top-level prefix) and from
 * filter, filter.tag and filter.and. Returns what limits it (a quoted prefix, or a description),
 * 'unknown', or undefined (every key).
 */
function limitOf(rule: NestedBlock): string | 'unknown' | undefined {
  const bodies = [rule, ...blocksOf(rule, 'filter'), ...blocksOf(rule, 'filter').flatMap((f) => blocksOf(f, 'and'))];
  for (const body of bodies) {
    for (const name of FILTER_VALUES) {
      const value = body.attributes.get(name);
      if (!value) continue;
      if (isApplyTime(value)) return 'unknown';
      if (narrows(name, value)) return name === 'prefix' ? `"${asString(value.value)}"` : name === 'tags' ? 'tagged objects' : 'objects of some sizes';
    }
    if (body !== rule && blocksOf(body, 'tag').length > 0) return 'tagged objects';
  }
  return undefined;
}

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
    const limited: string[] = [];
    for (const rule of lifecycle.rules) {
      const on = ruleOn(rule);
      if (on === 'unknown') {
        pending = true;
        continue;
      }
      if (!on || !NONCURRENT.some((n) => blocksOf(rule, n).length > 0)) continue;
      // Only a rule over every key manages the bucket's noncurrent versions: one limited to a
      // prefix (tmp/, exports/) keeps every other key's old versions forever.
      const limit = limitOf(rule);
      if (limit === undefined) return pass(rule);
      if (limit === 'unknown') pending = true;
      else limited.push(limit);
    }
    if (pending) return unknown({ span: lifecycle.span }, `${view.address}: a lifecycle rule's status or filter is known only at apply time.`);
    if (limited.length > 0) {
      const distinct = [...new Set(limited)];
      const prefixes = distinct.filter((l) => l.startsWith('"'));
      const scope = [...(prefixes.length > 0 ? [`the prefix${prefixes.length > 1 ? 'es' : ''} ${prefixes.join(', ')}`] : []), ...distinct.filter((l) => !l.startsWith('"'))].join(' and ');
      return fail({ span: lifecycle.span }, { message: `${view.address} is versioned, but its noncurrent-version lifecycle rules apply only to ${scope}, so other objects' noncurrent versions are kept forever.` });
    }
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
