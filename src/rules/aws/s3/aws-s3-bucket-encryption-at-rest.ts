import { s3Buckets, severalEncryptionsLead, type S3BucketView, type S3DefaultEncryption } from '../../../adapters/aws/s3.js';
import { asString, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { awsProviderBefore4 } from '../provider-version.js';
import { accessLogTargets } from './bucket-roles.js';

const ACCEPTED = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

function encryptionResource(view: S3BucketView, algorithm: 'aws:kms' | 'AES256'): string {
  const name = view.bucket.name;
  return [
    `resource "aws_s3_bucket_server_side_encryption_configuration" "${name}" {`,
    `  bucket = aws_s3_bucket.${name}.id`,
    '',
    '  rule {',
    '    apply_server_side_encryption_by_default {',
    `      sse_algorithm = "${algorithm}"`,
    '    }',
    ...(algorithm === 'aws:kms' ? ['    bucket_key_enabled = true'] : []),
    '  }',
    '}',
  ].join('\n');
}

/**
 * Several default-encryption configurations for one bucket (two split resources, the inline block
 * and a split resource, or two rules): S3 keeps one configuration per bucket, each apply puts its own
 * and the last one wins, so the weakest of them is what the bucket may end up with. Each is judged
 * and the finding names all of them.
 */
function judgeSeveral(view: S3BucketView, all: readonly S3DefaultEncryption[]): Outcome {
  const lead = severalEncryptionsLead(view);
  const related = (except: S3DefaultEncryption) => all.filter((e) => e !== except).map((e) => ({ span: e.span, message: `${e.label} also sets the bucket's default encryption.` }));
  for (const e of all) {
    const value = isUnresolved(e.algorithm) ? undefined : asString(e.algorithm.value);
    if (!isUnresolved(e.algorithm) && (value === undefined || !ACCEPTED.has(value))) {
      return fail(e.algorithm, { message: `${lead}: ${e.label} sets sse_algorithm to "${value ?? ''}", which is not AES256, aws:kms or aws:kms:dsse.`, related: related(e) });
    }
  }
  const open = all.find((e) => isUnresolved(e.algorithm));
  if (open) return unknown(open.algorithm, `${lead}: the algorithm of ${open.label} depends on ${applyTimeReason(open.algorithm)}.`);
  const algorithms = [...new Set(all.map((e) => asString(e.algorithm.value)))].join(' or ');
  return pass(all[0]!.algorithm, `${lead}; each encrypts objects by default (${algorithms}), so the bucket is encrypted whichever wins.`);
}

export default defineRule<S3BucketView>({
  id: 'aws-s3-bucket-encryption-at-rest',
  title: 'S3 buckets declare default encryption at rest',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'graph',
  why: 'S3 has applied SSE-S3 to new objects by default since January 2023, but without a declared encryption configuration nothing in the code evidences or pins encryption of the ePHI stored in the bucket.',
  howToFix:
    'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket with sse_algorithm "aws:kms" (or "AES256"), or the legacy inline server_side_encryption_configuration block.',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html'],
  references: {
    awsConfig: ['s3-bucket-server-side-encryption-enabled'],
    checkov: ['CKV_AWS_19'],
    trivy: ['AVD-AWS-0088', 'aws-s3-enable-bucket-encryption'],
  },
  targets: (model) => s3Buckets(model),
  check(view, { model }) {
    const encryption = view.encryption;
    if (!encryption) {
      // A server access log target takes SSE-S3 only: S3 cannot deliver its logs into SSE-KMS default encryption.
      const algorithm = accessLogTargets(model).has(view.bucket) ? 'AES256' : 'aws:kms';
      return fail(view, {
        message: `${view.address} does not declare default encryption (no aws_s3_bucket_server_side_encryption_configuration), so encryption at rest is not evidenced.`,
        ...(view.bucket.instanceKey === undefined && view.bucket.modulePath === ''
          ? {
              // The split resource came with AWS provider 4.0: on 3.x the bucket's own block does it.
              fix: awsProviderBefore4(model, view.bucket)
                ? {
                    description: `Add ${algorithm === 'AES256' ? 'SSE-S3' : 'SSE-KMS'} default encryption in the bucket (AWS provider 3.x)`,
                    safety: 'safe' as const,
                    terraform: (edit) => edit.insertBlock(view.bucket.span, `server_side_encryption_configuration {\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "${algorithm}"\n    }${algorithm === 'aws:kms' ? '\n    bucket_key_enabled = true' : ''}\n  }\n}`),
                  }
                : {
                    description: algorithm === 'AES256' ? 'Add an SSE-S3 default encryption configuration (the bucket receives server access logs, which SSE-KMS would stop)' : 'Add an SSE-KMS default encryption configuration for the bucket',
                    safety: 'safe' as const,
                    terraform: (edit) => edit.insertAfter(view.span, encryptionResource(view, algorithm)),
                  },
            }
          : {}),
      });
    }
    if (view.encryptions.length > 1) return judgeSeveral(view, view.encryptions);
    const algorithm = encryption.algorithm;
    if (isUnresolved(algorithm)) return unknown(algorithm, `${view.address}: the default encryption algorithm depends on ${applyTimeReason(algorithm)}.`);
    const value = asString(algorithm.value);
    if (value !== undefined && ACCEPTED.has(value)) return pass(algorithm, `${view.address} encrypts objects by default with ${value}.`);
    return fail(algorithm, { message: `${view.address} sets sse_algorithm to "${value ?? ''}", which is not AES256, aws:kms or aws:kms:dsse.` });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n}\n'],
      good: [
        'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n}\n\nresource "aws_s3_bucket_server_side_encryption_configuration" "phi" {\n  bucket = aws_s3_bucket.phi.id\n\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "AES256"\n    }\n  }\n}\n',
      ],
    },
  },
});
