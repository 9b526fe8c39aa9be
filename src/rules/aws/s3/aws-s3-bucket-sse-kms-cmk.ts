import { s3Buckets, severalEncryptionsLead, type S3BucketView, type S3DefaultEncryption } from '../../../adapters/aws/s3.js';
import type { InfraModel } from '../../../model/infra-model.js';
import type { Sourced } from '../../../model/sourced.js';
import type { Span } from '../../../source/span.js';
import { asString, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { judgeKmsKey } from '../kms/kms-key-reference.js';
import { inPhiScope } from '../phi-scope.js';

const KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);

interface Verdict {
  readonly verdict: 'pass' | 'fail' | 'unknown';
  readonly where: Sourced | Span;
  /** What the configuration does, after the bucket's address or the configuration's label. */
  readonly text: string;
}

function judgeOne(model: InfraModel, view: S3BucketView, encryption: S3DefaultEncryption): Verdict {
  const algorithm = encryption.algorithm;
  if (isUnresolved(algorithm)) return { verdict: 'unknown', where: algorithm, text: `has a default encryption algorithm that depends on ${applyTimeReason(algorithm)}.` };
  const value = asString(algorithm.value) ?? '';
  if (!KMS_ALGORITHMS.has(value)) return { verdict: 'fail', where: algorithm, text: `sets sse_algorithm to "${value}", so objects are not encrypted with a customer-managed KMS key.` };
  const owner = encryption.resource ?? view.bucket;
  const key = judgeKmsKey(model, owner, encryption.kmsKeyId);
  const where = encryption.kmsKeyId ?? algorithm;
  switch (key.kind) {
    case 'customer-managed':
      return { verdict: 'pass', where, text: `uses ${value} with a customer-managed key.` };
    case 'unknown':
      return { verdict: 'unknown', where, text: `uses ${value}, but whether kms_master_key_id names a customer-managed key depends on ${key.reason}.` };
    case 'aws-managed':
      return { verdict: 'fail', where, text: `sets kms_master_key_id to the AWS-managed key ${key.alias}, not a customer-managed key.` };
    case 'missing':
      return { verdict: 'fail', where: encryption.span, text: `uses ${value} without kms_master_key_id, so S3 uses the AWS-managed aws/s3 key, not a customer-managed key.` };
  }
}

export default defineRule<S3BucketView, { scope: string }>({
  id: 'aws-s3-bucket-sse-kms-cmk',
  title: 'PHI buckets use SSE-KMS with a customer-managed key',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'graph',
  why: 'With SSE-S3 or the AWS-managed aws/s3 key anyone allowed s3:GetObject reads ePHI in clear; a customer-managed key adds a key policy that must also allow decryption, and every use is logged in CloudTrail.',
  howToFix:
    'In the bucket\'s aws_s3_bucket_server_side_encryption_configuration set sse_algorithm = "aws:kms" (or "aws:kms:dsse") and kms_master_key_id to an aws_kms_key you manage.',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html'],
  references: {
    awsConfig: ['s3-default-encryption-kms'],
    checkov: ['CKV_AWS_145'],
    trivy: ['AVD-AWS-0132', 'aws-s3-encryption-customer-key'],
  },
  // 'phi': buckets classified PHI (DataClassification tag); 'all': every bucket.
  params: { scope: 'phi' },
  targets: (model, params) => s3Buckets(model).filter((view) => inPhiScope(view.bucket, params.scope)),
  check(view, { model }) {
    const encryption = view.encryption;
    if (!encryption) {
      return fail(view, { message: `${view.address} does not declare default encryption, so objects get SSE-S3 (S3-managed keys), not a customer-managed KMS key.` });
    }
    const verdicts = view.encryptions.map((e) => ({ e, ...judgeOne(model, view, e) }));
    if (verdicts.length === 1) {
      const [{ verdict, where, text }] = verdicts as [(typeof verdicts)[number]];
      const message = `${view.address} ${text}`;
      return verdict === 'pass' ? pass(where, message) : verdict === 'unknown' ? unknown(where, message) : fail(where, { message });
    }
    // Several configurations: S3 keeps the one applied last, so the weakest is what the bucket may get.
    const lead = severalEncryptionsLead(view);
    const weak = verdicts.find((v) => v.verdict === 'fail') ?? verdicts.find((v) => v.verdict === 'unknown');
    if (!weak) return pass(verdicts[0]!.where, `${lead}; each uses a customer-managed key.`);
    const message = `${lead}: ${weak.e.label} ${weak.text}`;
    if (weak.verdict === 'unknown') return unknown(weak.where, message);
    const related = verdicts.filter((v) => v !== weak).map((v) => ({ span: v.e.span, message: `${v.e.label} also sets the bucket's default encryption.` }));
    return fail(weak.where, { message, related });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  tags   = { DataClassification = "phi" }\n}\n\nresource "aws_s3_bucket_server_side_encryption_configuration" "phi" {\n  bucket = aws_s3_bucket.phi.id\n\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "AES256"\n    }\n  }\n}\n',
      ],
      good: [
        'resource "aws_kms_key" "phi" {\n  enable_key_rotation = true\n}\n\nresource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  tags   = { DataClassification = "phi" }\n}\n\nresource "aws_s3_bucket_server_side_encryption_configuration" "phi" {\n  bucket = aws_s3_bucket.phi.id\n\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.phi.arn\n    }\n    bucket_key_enabled = true\n  }\n}\n',
      ],
    },
  },
});
