import { defineRule, fail, pass, unknown, type Outcome, type Subject } from '../../define-rule.js';
import type { FixOperation } from '../../../fixes/fix.js';
import { accountBaselineInScope, accountScope, baselineSubjects, baselineWords } from '../account-baseline.js';
import { judgeFlags, offFlags } from './aws-s3-bucket-public-access-block.js';
import { BASELINE_READS } from '../across-roots-types.js';

export default defineRule<Subject>({
  id: 'aws-s3-account-public-access-block',
  title: 'The account blocks public access to S3',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)'],
  kind: 'presence',
  why: 'The account-level public-access block covers every bucket, including ones created outside this code, so no single bucket can be made public by mistake.',
  howToFix:
    'In the account baseline add resource "aws_s3_account_public_access_block" with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all set to true.',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html'],
  references: { awsConfig: ['s3-account-level-public-access-blocks-periodic'] },
  targets: (model) => baselineSubjects(model),
  check(subject, { model: whole }) {
    // Each account on its own (account-baseline.ts): the block covers its own account's buckets only.
    const model = accountScope(whole, subject);
    const blocks = model.ofType('aws_s3_account_public_access_block');
    if (blocks.length === 0) {
      if (!accountBaselineInScope(model)) return unknown(subject, `The account-level S3 public-access block is not evidenced: ${baselineWords(subject)} is not in the scanned scope.`);
      return fail(subject, {
        message: `${baselineWords(subject, true)} does not declare aws_s3_account_public_access_block, so each bucket alone decides whether it can be public.`,
        fix: {
          description: 'Block public access to S3 for the whole account',
          safety: 'unsafe', // removes public access any existing bucket relies on
          terraform: (edit) =>
            edit.insertAfter(
              subject.span,
              'resource "aws_s3_account_public_access_block" "this" {\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}',
            ),
        },
      });
    }
    return blocks.map((block): Outcome => {
      const judged = judgeFlags(block);
      const { off, unknown: unknownFlags } = judged;
      if (off.length > 0) {
        const { words, where, related } = offFlags(block, judged);
        return fail(where, {
          message: `${block.address} ${words}, so buckets in the account can still be made public.`,
          related,
          fix: { description: 'Turn on every account public-access block setting', safety: 'unsafe', terraform: (edit) => off.map((f): FixOperation => edit.setAttribute(block.span, f, 'true')) },
        });
      }
      if (unknownFlags.length > 0) return unknown(block, `${block.address}: ${unknownFlags.join(', ')} known only at apply time.`);
      return pass(block, `${block.address} blocks public access for the whole account.`);
    });
  },
  acrossRoots: {
    why: 'root modules naming no AWS account are judged as one account, and an account\'s baseline may live in any of its stacks (account.ts)',
    reads: [...BASELINE_READS],
  },
  examples: {
    terraform: {
      bad: ['resource "aws_guardduty_detector" "main" {\n  enable = true\n}\n\nresource "aws_securityhub_account" "main" {}\n'],
      good: [
        'resource "aws_s3_account_public_access_block" "this" {\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n',
      ],
    },
  },
});
