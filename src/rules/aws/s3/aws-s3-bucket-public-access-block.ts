import { s3Buckets, type S3BucketView } from '../../../adapters/aws/s3.js';
import type { Resource } from '../../../model/resource.js';
import type { Span } from '../../../source/span.js';
import type { Sourced } from '../../../model/sourced.js';
import { asBoolean, attrOr, isUnresolved } from '../../../model/read.js';
import type { FixOperation } from '../../../fixes/fix.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { reasonOf } from '../judge-setting.js';
import { accountOf } from '../account.js';
import { S3_BUCKET_READS } from '../across-roots-types.js';

export const PUBLIC_ACCESS_FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

/** The four flags of a public-access block (each defaults to false): which are off, which unknown. */
export function judgeFlags(block: Resource): { off: string[]; unknown: string[]; offValues: Sourced[] } {
  const off: string[] = [];
  const offValues: Sourced[] = [];
  const unknownFlags: string[] = [];
  for (const flag of PUBLIC_ACCESS_FLAGS) {
    const v = attrOr(block, flag, false);
    if (isUnresolved(v)) unknownFlags.push(`${flag} (${reasonOf(v)})`);
    else if (asBoolean(v.value) !== true) {
      off.push(flag);
      offValues.push(v);
    }
  }
  return { off, unknown: unknownFlags, offValues };
}

/**
 * What is off, in words (`sets block_public_policy to false and leaves ignore_public_acls unset,
 * which is false`), and where: the first flag written false, else the block.
 */
export function offFlags(block: Resource, judged: { off: readonly string[]; offValues: readonly Sourced[] }): { words: string; where: Resource | Sourced; related: { span: Span; message: string }[] } {
  const set = judged.off.filter((_, i) => judged.offValues[i]!.provenance !== 'default');
  const unset = judged.off.filter((_, i) => judged.offValues[i]!.provenance === 'default');
  const parts = [...(set.length > 0 ? [`sets ${set.join(', ')} to false`] : []), ...(unset.length > 0 ? [`leaves ${unset.join(', ')} unset, which is false`] : [])];
  const first = judged.offValues.find((v) => v.provenance !== 'default');
  // Where every other setting's value came from too (the first's is the finding's own): the fix changes
  // each variable where it is set, not only the first, and the reader sees every line to change.
  const related = judged.offValues.filter((v) => v !== first).flatMap((v) => v.via.map((span) => ({ span, message: 'value comes from here' })));
  return { words: parts.join(' and '), where: first ?? block, related };
}

function pabText(bucket: S3BucketView): string {
  const name = bucket.bucket.name;
  return `resource "aws_s3_bucket_public_access_block" "${name}" {\n  bucket = aws_s3_bucket.${name}.id\n\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}`;
}

export default defineRule<S3BucketView>({
  id: 'aws-s3-bucket-public-access-block',
  title: 'S3 buckets have a public-access block with all four settings on',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)'],
  kind: 'graph',
  why: 'Without a complete public-access block, one permissive ACL or bucket policy (a typo, a copied example) is enough to publish ePHI objects to the internet.',
  howToFix:
    'Add aws_s3_bucket_public_access_block for the bucket with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all set to true.',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html'],
  references: {
    awsConfig: ['s3-bucket-level-public-access-prohibited'],
    checkov: ['CKV2_AWS_6', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
    trivy: [
      'AVD-AWS-0094', 'aws-s3-specify-public-access-block',
      'AVD-AWS-0086', 'aws-s3-block-public-acls',
      'AVD-AWS-0087', 'aws-s3-block-public-policy',
      'AVD-AWS-0091', 'aws-s3-ignore-public-acls',
      'AVD-AWS-0093', 'aws-s3-no-public-buckets',
    ],
  },
  targets: (model) => s3Buckets(model),
  check(bucket, { model }) {
    const block = bucket.publicAccessBlock;
    if (!block) {
      // The account's block (when the configuration has one) guards it today; the bucket's own keeps it guarded
      // if that changes or the bucket moves (AWS Config's bucket-level check asks for it either way).
      // Named only when it is the bucket's own account's for sure (the same account named, or neither naming one).
      const account = model.ofType('aws_s3_account_public_access_block').filter((a) => accountOf(a) === accountOf(bucket.bucket)).find((a) => judgeFlags(a).off.length === 0 && judgeFlags(a).unknown.length === 0);
      return fail(bucket, {
        message:
          account !== undefined
            ? `${bucket.address} has no aws_s3_bucket_public_access_block of its own; ${account.address} blocks public access account-wide today, but the bucket is not protected if that block is changed or the bucket moves to another account.`
            : `${bucket.address} has no aws_s3_bucket_public_access_block, so a public ACL or bucket policy would expose its objects.`,
        fix: {
          description: 'Add a public-access block with all four settings on',
          safety: 'unsafe', // removes any public access the bucket relies on today
          terraform: (edit) => edit.insertAfter(bucket.span, pabText(bucket)),
        },
      });
    }
    const judged = judgeFlags(block);
    const { off, unknown: unknownFlags } = judged;
    if (off.length > 0) {
      const { words, where, related } = offFlags(block, judged);
      return fail(where, {
        message: `${block.address} ${words}, so ${bucket.address} can still be made public.`,
        related,
        fix: {
          description: 'Turn on every public-access block setting',
          safety: 'unsafe',
          terraform: (edit) => off.map((flag): FixOperation => edit.setAttribute(block.span, flag, 'true')),
        },
      });
    }
    if (unknownFlags.length > 0) return unknown(block, `${block.address}: ${unknownFlags.join(', ')} known only at apply time.`);
    return pass(block, `${block.address} turns on all four public-access block settings for ${bucket.address}.`);
  },
  acrossRoots: {
    why: 'the account-wide public access block of any stack of the bucket\'s account covers it',
    reads: [...S3_BUCKET_READS, 'aws_s3_account_public_access_block'],
  },
  examples: {
    terraform: {
      bad: ['resource "aws_s3_bucket" "phi" {\n  bucket = "phi-records"\n}\n'],
      good: [
        'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-records"\n}\n\nresource "aws_s3_bucket_public_access_block" "phi" {\n  bucket                  = aws_s3_bucket.phi.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n',
      ],
    },
  },
});
