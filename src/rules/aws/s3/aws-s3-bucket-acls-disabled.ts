import { s3Buckets, type S3BucketView } from '../../../adapters/aws/s3.js';
import { asString, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import type { Span } from '../../../source/span.js';
import type { FixBuilder } from '../../../fixes/fix.js';

/**
 * The first ACL setting that grants access beyond the owner: a canned ACL other than `private` (or
 * `bucket-owner-full-control`, which ACLs-disabled buckets accept), or grant blocks. 'unknown' for an
 * ACL known only at apply time.
 */
function aclGrants(bucket: S3BucketView): { readonly where: { readonly span: Span }; readonly what: string } | 'unknown' | undefined {
  for (const a of bucket.acls) {
    if (a.acl !== undefined) {
      if (isApplyTime(a.acl)) return 'unknown';
      const acl = asString(a.acl.value);
      if (acl !== undefined && acl !== 'private' && acl !== 'bucket-owner-full-control') return { where: a.acl, what: `acl = "${acl}"` };
    }
    if (a.grants.length > 0) return { where: a.grants[0]!, what: 'a grant block' };
  }
  return undefined;
}

export default defineRule<S3BucketView>({
  id: 'aws-s3-bucket-acls-disabled',
  title: 'S3 buckets disable ACLs (object ownership BucketOwnerEnforced)',
  severity: 'medium',
  controls: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)'],
  kind: 'attr',
  why: 'With ACLs enabled, an object ACL written by any uploader can grant access outside the bucket policy, so who can read an ePHI object is no longer decided in one reviewable place.',
  howToFix: 'Set object_ownership = "BucketOwnerEnforced" in aws_s3_bucket_ownership_controls (or remove the resource: new buckets default to it since April 2023) and express access in the bucket policy.',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html'],
  references: { awsConfig: ['s3-bucket-acl-prohibited'], checkov: ['CKV2_AWS_65'] },
  targets: (model) => s3Buckets(model),
  check(bucket) {
    const controls = bucket.ownershipControls;
    if (!controls) {
      // Without ownership controls a new bucket has ACLs disabled, unless the configuration grants by ACL:
      // then it relies on ACLs (an older bucket keeps them; on a new one the apply fails, AccessControlListNotSupported).
      const granting = aclGrants(bucket);
      if (granting === 'unknown') return unknown(bucket, `${bucket.address} sets an ACL known only at apply time, so whether it relies on ACLs is not known.`);
      if (granting !== undefined) {
        return fail(granting.where, {
          message: `${granting.what[0]!.toUpperCase()}${granting.what.slice(1)} on ${bucket.address} grants access by ACL, so the bucket relies on ACLs being enabled: one created before April 2023 keeps them, and on a newer one (ACLs disabled by default) the apply fails with AccessControlListNotSupported.`,
        });
      }
      return pass(bucket, `${bucket.address} has no ownership controls and grants nothing by ACL, so new buckets default to BucketOwnerEnforced (ACLs disabled).`);
    }
    const rule = blockOf(controls, 'rule');
    const ownership = rule?.attributes.get('object_ownership');
    if (!rule || !ownership) return pass(controls, `${controls.address} does not set object_ownership.`);
    if (isApplyTime(ownership)) return unknown(ownership, `${controls.address}: object_ownership is known only at apply time (${reasonOf(ownership)}).`);
    const value = asString(ownership.value);
    if (value === 'BucketOwnerEnforced') return pass(ownership, `${controls.address} enforces bucket-owner ownership, so ACLs are disabled.`);
    // A bucket that grants by ACL (CloudFront standard logging's log-delivery grant) cannot simply switch:
    // AWS refuses the grants once ACLs are disabled (AccessControlListNotSupported), so no automatic fix then.
    const granting = aclGrants(bucket);
    return fail(ownership, {
      message: `${controls.address} sets object_ownership to "${value}", so ACLs stay enabled on ${bucket.address}${granting !== undefined && granting !== 'unknown' ? `, and ${granting.what} grants access by ACL: move that access to the bucket policy before disabling ACLs (AWS refuses ACL grants then)` : ''}.`,
      ...(granting === undefined
        ? { fix: { description: 'Disable ACLs with BucketOwnerEnforced', safety: 'unsafe' as const, terraform: (edit: FixBuilder) => edit.setAttribute(rule.span, 'object_ownership', '"BucketOwnerEnforced"') } }
        : {}),
    });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-records"\n}\n\nresource "aws_s3_bucket_ownership_controls" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    object_ownership = "ObjectWriter"\n  }\n}\n',
      ],
      good: [
        'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-records"\n}\n\nresource "aws_s3_bucket_ownership_controls" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    object_ownership = "BucketOwnerEnforced"\n  }\n}\n',
      ],
    },
  },
});
