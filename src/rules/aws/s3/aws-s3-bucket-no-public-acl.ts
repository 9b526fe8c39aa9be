import { s3Buckets, type S3BucketView } from '../../../adapters/aws/s3.js';
import type { NestedBlock } from '../../../model/resource.js';
import { UNKNOWN_TEXT, knownText } from '../../../model/value.js';
import { asString, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

const PUBLIC_CANNED = new Set(['public-read', 'public-read-write', 'authenticated-read']);
/** Every canned ACL S3 accepts. */
const CANNED_ACLS = ['private', 'public-read', 'public-read-write', 'aws-exec-read', 'authenticated-read', 'bucket-owner-read', 'bucket-owner-full-control', 'log-delivery-write'];

/** The canned ACLs a value known only in part could be ("public-${var.mode}": public-read or public-read-write). */
function cannedAclsMatching(text: string): string[] {
  const pattern = new RegExp(`^${text.split(UNKNOWN_TEXT).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return CANNED_ACLS.filter((acl) => pattern.test(acl));
}
/** Objects the configuration uploads, each with its own ACL. */
const OBJECT_TYPES = ['aws_s3_object', 'aws_s3_bucket_object'];
const PUBLIC_GROUPS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/i;

/** The grantee URI of a grant: inline `grant { uri }` or split `grant { grantee { uri } }`. */
function granteeUri(grant: NestedBlock): { value?: string; applyTime: boolean } {
  const holder = blockOf(grant, 'grantee') ?? grant;
  const uri = holder.attributes.get('uri');
  if (!uri) return { applyTime: false };
  if (isApplyTime(uri)) return { applyTime: true };
  const value = asString(uri.value);
  return value === undefined ? { applyTime: false } : { value, applyTime: false };
}

export default defineRule<S3BucketView>({
  id: 'aws-s3-bucket-no-public-acl',
  title: 'S3 bucket and object ACLs do not grant access to everyone',
  severity: 'critical',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)'],
  kind: 'attr',
  why: 'A public-read, public-read-write or authenticated-read ACL (or a grant to AllUsers/AuthenticatedUsers) lets anyone with an AWS account, or anyone at all, read or overwrite ePHI objects.',
  howToFix: 'Remove the public canned ACL and AllUsers/AuthenticatedUsers grants (use acl = "private" or, better, aws_s3_bucket_ownership_controls with BucketOwnerEnforced so ACLs are ignored).',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html'],
  references: {
    awsConfig: ['s3-bucket-public-read-prohibited', 's3-bucket-public-write-prohibited'],
    checkov: ['CKV_AWS_20', 'CKV_AWS_57', 'CKV2_AWS_43', 'CKV_AWS_375'],
    trivy: ['AVD-AWS-0092', 'aws-s3-no-public-access-with-acl'],
  },
  targets: (model) => s3Buckets(model),
  check(bucket, { model }) {
    const outcomes: Outcome[] = [];
    for (const entry of bucket.acls) {
      const owner = entry.resource?.address ?? bucket.address;
      const acl = entry.acl;
      if (acl) {
        if (isApplyTime(acl)) {
          // Its known text may decide: "public-${var.mode}" is public whatever the mode, and
          // "bucket-owner-${var.x}" never is.
          const candidates = cannedAclsMatching(knownText(acl.value) ?? UNKNOWN_TEXT);
          if (candidates.length > 0 && candidates.every((c) => PUBLIC_CANNED.has(c))) {
            outcomes.push(fail(acl, { message: `${owner} sets a canned ACL known only in part, which can only be ${candidates.map((c) => `"${c}"`).join(' or ')}: public, so objects in ${bucket.address} are readable beyond the account.` }));
          } else if (candidates.some((c) => PUBLIC_CANNED.has(c))) {
            outcomes.push(unknown(acl, `${owner}: the canned ACL is known only at apply time (${reasonOf(acl)}).`));
          }
        } else {
          const name = asString(acl.value);
          if (name && PUBLIC_CANNED.has(name)) {
            outcomes.push(
              fail(acl, {
                message: `${owner} sets the canned ACL "${name}", so ${name === 'authenticated-read' ? 'any AWS account' : 'anyone on the internet'} can ${name === 'public-read-write' ? 'read and write' : 'read'} objects in ${bucket.address}.`,
                fix: { description: 'Make the bucket ACL private', safety: 'unsafe', terraform: (edit) => edit.setAttribute(entry.span, 'acl', '"private"') },
              }),
            );
          }
        }
      }
      for (const grant of entry.grants) {
        const uri = granteeUri(grant);
        if (uri.applyTime) outcomes.push(unknown(grant, `${owner}: a grant's grantee is known only at apply time.`));
        else if (uri.value && PUBLIC_GROUPS.test(uri.value)) {
          const group = PUBLIC_GROUPS.exec(uri.value)![1];
          outcomes.push(fail(grant, { message: `${owner} grants access to the ${group} group, so ${group === 'AllUsers' ? 'anyone on the internet' : 'any AWS account'} can reach objects in ${bucket.address}.` }));
        }
      }
    }
    // An object's own canned ACL makes that object public whatever the bucket's ACL says.
    for (const object of OBJECT_TYPES.flatMap((t) => model.related(bucket.bucket, t))) {
      const acl = object.attributes.get('acl');
      const name = acl && !isApplyTime(acl) ? asString(acl.value) : undefined;
      if (acl && name && PUBLIC_CANNED.has(name)) {
        outcomes.push(fail(acl, { message: `${object.address} uploads its object to ${bucket.address} with the canned ACL "${name}", so ${name === 'authenticated-read' ? 'any AWS account' : 'anyone on the internet'} can ${name === 'public-read-write' ? 'read and write' : 'read'} it.` }));
      } else if (acl && isApplyTime(acl)) {
        outcomes.push(unknown(acl, `${object.address}: the object's canned ACL is known only at apply time (${reasonOf(acl)}).`));
      }
    }
    return outcomes.length > 0 ? outcomes : pass(bucket, `${bucket.address} has no public ACL or public grant.`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-records"\n}\n\nresource "aws_s3_bucket_acl" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  acl    = "public-read"\n}\n',
      ],
      good: [
        'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-records"\n}\n\nresource "aws_s3_bucket_acl" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  acl    = "private"\n}\n',
      ],
    },
  },
});
