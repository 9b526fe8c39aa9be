import { actionMatches, type PolicyStatement } from '../../../adapters/aws/iam-policy.js';
import { s3Buckets, type S3BucketView } from '../../../adapters/aws/s3.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';

const UNKNOWN = '${unknown}';

/** A Deny for everyone on all S3 actions when aws:SecureTransport is false. */
function deniesPlainText(s: PolicyStatement): boolean | 'unknown' {
  if (s.effect !== 'Deny') return false;
  const condition = s.conditions.find((c) => c.key.toLowerCase() === 'aws:securetransport');
  if (!condition) return false;
  if (!/^Bool(IfExists)?$/i.test(condition.operator)) return false;
  if (!condition.values.some((v) => v.toLowerCase() === 'false')) return condition.values.includes(UNKNOWN) ? 'unknown' : false;
  if (!s.principalIsWildcard) return s.principals.some((p) => p.ids.includes(UNKNOWN)) ? 'unknown' : false;
  const allActions = s.actions.some((a) => actionMatches(a, 's3:GetObject') && actionMatches(a, 's3:PutObject') && actionMatches(a, 's3:ListBucket'));
  if (!allActions) return s.actions.includes(UNKNOWN) ? 'unknown' : false;
  // Resources must cover the bucket and its objects; an apply-time ARN (this bucket's) counts.
  const objects = s.resources.some((r) => r === '*' || r.endsWith('/*') || r === UNKNOWN);
  const bucket = s.resources.some((r) => r === '*' || !r.includes('/'));
  return objects && bucket;
}

export default defineRule<S3BucketView>({
  id: 'aws-s3-bucket-tls-only',
  title: 'S3 bucket policies deny requests not made over TLS',
  severity: 'high',
  controls: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)', '164.312(c)(2)'],
  kind: 'graph',
  why: 'S3 accepts plain HTTP unless the bucket policy refuses it, so a misconfigured client or SDK can move ePHI objects across the network unencrypted.',
  howToFix:
    'Add a bucket policy statement: Effect "Deny", Principal "*", Action "s3:*", Resource [bucket ARN, "bucket ARN/*"], Condition Bool aws:SecureTransport = "false" (optionally also NumericLessThan s3:TlsVersion 1.2).',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit'],
  references: { awsConfig: ['s3-bucket-ssl-requests-only'], checkov: ['CKV_AWS_379'] },
  targets: (model) => s3Buckets(model),
  check(view) {
    if (view.policies.length === 0) {
      return fail(view.bucket, { message: `${view.address} has no bucket policy, so requests over plain HTTP are accepted.` });
    }
    let pending: (typeof view.policies)[number] | undefined;
    for (const policy of view.policies) {
      if (policy.document === 'unknown') {
        pending ??= policy;
        continue;
      }
      for (const statement of policy.document?.statements ?? []) {
        const verdict = deniesPlainText(statement);
        if (verdict === true) return pass(policy.raw);
        if (verdict === 'unknown') pending ??= policy;
      }
    }
    if (pending) return unknown(pending.raw, `${view.address}: the bucket policy is known only at apply time, so whether it denies plain HTTP cannot be judged.`);
    return fail(view.policies[0]!.raw, {
      message: `${view.address}'s bucket policy has no Deny for requests where aws:SecureTransport is false, so plain HTTP is accepted.`,
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_s3_bucket" "phi" {\n  bucket = "patient-records"\n}\n'],
      good: [
        `resource "aws_s3_bucket" "phi" {
  bucket = "patient-records"
}

data "aws_iam_policy_document" "tls_only" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.phi.arn, "\${aws_s3_bucket.phi.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "phi" {
  bucket = aws_s3_bucket.phi.id
  policy = data.aws_iam_policy_document.tls_only.json
}
`,
      ],
    },
  },
});
