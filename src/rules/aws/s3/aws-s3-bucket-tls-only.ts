import { asString } from '../../../model/read.js';
import { s3Buckets, type S3BucketView } from '../../../adapters/aws/s3.js';
import type { FixRequest } from '../../../fixes/fix.js';
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { UNKNOWN_TEXT } from '../../../model/value.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { deniesPlainText, tlsUnknownPart } from './tls-deny.js';

/** The TLS-only statement for `bucket`, as an aws_iam_policy_document `statement` block. */
function statementFor(bucket: Resource): string {
  const arn = `aws_s3_bucket.${bucket.name}.arn`;
  return `statement {
  sid       = "DenyInsecureTransport"
  effect    = "Deny"
  actions   = ["s3:*"]
  resources = [${arn}, "\${${arn}}/*"]

  principals {
    type        = "*"
    identifiers = ["*"]
  }

  condition {
    test     = "Bool"
    variable = "aws:SecureTransport"
    values   = ["false"]
  }
}`;
}

// Re-permissions a live bucket: a client still using plain HTTP is refused from the next apply.
const FIX_SAFETY = 'unsafe';

/**
 * A policy built with an aws_iam_policy_document data source (in the bucket's module) gets the
 * statement merged in as a new `statement` block; a bucket without any policy gets a document and
 * an aws_s3_bucket_policy wired to it. Literal JSON or jsonencode policies are left to the author.
 * A bucket with count/for_each is left alone too: the reference would need its instance key.
 */
function tlsFix(model: InfraModel, view: S3BucketView): FixRequest | undefined {
  const bucket = view.bucket;
  if (bucket.instanceKey !== undefined) return undefined;
  if (view.policies.length === 0) {
    const name = bucket.name;
    return {
      description: 'Add a bucket policy that denies requests not made over TLS',
      safety: FIX_SAFETY,
      terraform: (edit) =>
        edit.insertAfter(
          bucket.span,
          `data "aws_iam_policy_document" "${name}_tls_only" {\n${statementFor(bucket).replace(/^/gm, '  ')}\n}\n\nresource "aws_s3_bucket_policy" "${name}" {\n  bucket = aws_s3_bucket.${name}.id\n  policy = data.aws_iam_policy_document.${name}_tls_only.json\n}`,
        ),
    };
  }
  for (const policy of view.policies) {
    const documents = policy.resource.references
      .filter((ref) => ref.startsWith('data.aws_iam_policy_document.'))
      .flatMap((ref) => model.resolve(policy.resource, ref))
      .filter((d) => d.modulePath === bucket.modulePath && d.instanceKey === undefined && d.root === bucket.root);
    const document = documents[0];
    if (documents.length === 1 && document) {
      return { description: `Add a DenyInsecureTransport statement to data.aws_iam_policy_document.${document.name}`, safety: FIX_SAFETY, terraform: (edit) => edit.appendBlock(document.span, statementFor(bucket)) };
    }
  }
  return undefined;
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
  check(view, { model }) {
    const withFix = (): { fix?: FixRequest } => {
      const fix = tlsFix(model, view);
      return fix ? { fix } : {};
    };
    if (view.policies.length === 0) {
      return fail(view.bucket, { message: `${view.address} has no bucket policy, so requests over plain HTTP are accepted.`, ...withFix() });
    }
    let pending: (typeof view.policies)[number] | undefined;
    // Which part of which statement is known only at apply time, when the policy itself is known.
    let undecided: string | undefined;
    let partial: string | undefined;
    for (const policy of view.policies) {
      if (policy.document === 'unknown') {
        pending ??= policy;
        continue;
      }
      for (const statement of policy.document?.statements ?? []) {
        const verdict = deniesPlainText(statement, asString(view.name?.value));
        if (verdict === true) return pass(policy.raw);
        if (verdict === 'unknown') {
          if (!pending) {
            const { part, why } = tlsUnknownPart(statement, asString(view.name?.value));
            const statements = policy.document!.statements;
            const label = statement.sid !== undefined && statement.sid !== '' && !statement.sid.includes(UNKNOWN_TEXT) ? `statement "${statement.sid}"` : `statement ${statements.indexOf(statement) + 1}`;
            undecided = `in the bucket policy's ${label}, ${part} is known only at apply time${why !== undefined ? ` (${why})` : ''}`;
          }
          pending ??= policy;
        } else if (typeof verdict === 'object') partial ??= verdict.partial;
      }
    }
    if (pending) {
      // The whole policy, or one part of a statement that would be the TLS Deny: named, not "the policy".
      return unknown(pending.raw, `${view.address}: ${undecided ?? 'the bucket policy is known only at apply time'}, so whether it denies plain HTTP cannot be judged.`);
    }
    return fail(view.policies[0]!.raw, {
      message:
        partial !== undefined
          ? `${view.address}'s bucket policy denies plain HTTP for ${partial}, so other requests over plain HTTP are accepted.`
          : `${view.address}'s bucket policy has no Deny for requests where aws:SecureTransport is false, so plain HTTP is accepted.`,
      ...withFix(),
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
