import type { InfraModel } from '../../../model/infra-model.js';
import type { ModelBody, Resource } from '../../../model/resource.js';
import { asString, attr, attrOr, blockOf, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { phiCustomerKeyOutcome } from '../kms/phi-customer-key.js';
import { phiClassOf } from '../phi-scope.js';
import { requireFlag } from '../require-setting.js';

/**
 * PHI delivery streams on a customer-managed key, as every other PHI store (phi-customer-key.ts).
 * Firehose SSE takes key_type "AWS_OWNED_CMK" unless told otherwise, and key_arn only with
 * "CUSTOMER_MANAGED_CMK" (provider docs for kinesis_firehose_delivery_stream server_side_encryption;
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_DeliveryStreamEncryptionConfigurationInput.html):
 * enabled = true alone is an AWS-owned key.
 */
function firehosePhiKey(model: InfraModel, stream: Resource, sse: ModelBody): Outcome {
  const keyType = attrOr(sse, 'key_type', 'AWS_OWNED_CMK');
  if (isUnresolved(keyType)) return unknown(keyType, `${stream.address}: server_side_encryption.key_type depends on ${applyTimeReason(keyType)}.`);
  const type = asString(keyType.value) ?? '';
  if (type !== 'CUSTOMER_MANAGED_CMK') {
    return fail(keyType, {
      message: `${stream.address} is classified PHI but server_side_encryption.key_type is "${type}"${keyType.provenance === 'default' ? ' (the default)' : ''}, so buffered records are encrypted with an AWS-owned key, not a customer-managed key.`,
    });
  }
  return phiCustomerKeyOutcome(model, stream, attr(sse, 'key_arn'), 'server_side_encryption.key_arn', sse.span)!;
}

export default defineRule<Resource>({
  id: 'aws-kinesis-stream-encrypted',
  title: 'Kinesis streams and Firehose delivery streams encrypt data at rest',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Streams buffer records (device telemetry, clinical events) for up to a year; without KMS encryption that ePHI is stored in clear in the stream shards and Firehose buffers.',
  howToFix: 'Set encryption_type = "KMS" and kms_key_id on aws_kinesis_stream; add server_side_encryption { enabled = true } to aws_kinesis_firehose_delivery_stream (key_type = "CUSTOMER_MANAGED_CMK" with key_arn for PHI).',
  links: ['https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html', 'https://docs.aws.amazon.com/firehose/latest/dev/encryption.html'],
  references: {
    awsConfig: ['kinesis-stream-encrypted'],
    checkov: ['CKV_AWS_43', 'CKV_AWS_185', 'CKV_AWS_240', 'CKV_AWS_241'],
    trivy: ['AVD-AWS-0064', 'aws-kinesis-enable-in-transit-encryption'],
  },
  // A Firehose fed by a Kinesis stream cannot enable its own SSE: the source stream's encryption applies (judged on the stream).
  targets: (model) => [
    ...model.ofType('aws_kinesis_stream'),
    ...model.ofType('aws_kinesis_firehose_delivery_stream').filter((f) => !blockOf(f, 'kinesis_source_configuration') && !blockOf(f, 'msk_source_configuration')),
  ],
  check(resource, { model }) {
    if (resource.type === 'aws_kinesis_stream') {
      const type = attrOr(resource, 'encryption_type', 'NONE');
      if (isUnresolved(type)) return unknown(type, `${resource.address}: encryption_type depends on ${applyTimeReason(type)}.`);
      if (asString(type.value) === 'KMS') {
        // PHI streams on a customer-managed key, as every other PHI store (phi-customer-key.ts).
        const cmk = phiCustomerKeyOutcome(model, resource, attr(resource, 'kms_key_id'), 'kms_key_id', resource.span);
        return cmk ? [pass(type, `${resource.address} encrypts records with KMS.`), cmk] : pass(type, `${resource.address} encrypts records with KMS.`);
      }
      return fail(type, {
        message: type.provenance === 'default' ? `${resource.address} does not set encryption_type, so records are stored unencrypted (NONE).` : `${resource.address} sets encryption_type to "${asString(type.value) ?? ''}", so records are stored unencrypted.`,
        fix: {
          description: 'Encrypt the stream with the AWS-managed Kinesis key (replace kms_key_id with a customer-managed key for PHI)',
          safety: 'safe',
          terraform: (edit) => [edit.setAttribute(resource.span, 'encryption_type', '"KMS"'), edit.setAttribute(resource.span, 'kms_key_id', '"alias/aws/kinesis"')],
        },
      });
    }
    const sse = blockOf(resource, 'server_side_encryption');
    if (!sse) {
      return fail(resource, {
        message: `${resource.address} does not declare server_side_encryption, so buffered records are not encrypted with KMS.`,
        fix: { description: 'Enable server-side encryption', safety: 'safe', terraform: (edit) => edit.insertBlock(resource.span, 'server_side_encryption {\n  enabled = true\n}') },
      });
    }
    const judged = requireFlag(resource, sse, 'enabled', {
      providerDefault: false,
      label: `${resource.address} server_side_encryption`,
      consequence: 'buffered records are not encrypted with KMS',
      fix: { description: 'Enable server-side encryption', safety: 'safe' },
    });
    if (!judged.on || phiClassOf(resource) !== 'phi') return judged.outcome;
    return [judged.outcome, firehosePhiKey(model, resource, sse)];
  },
  examples: {
    terraform: {
      bad: ['resource "aws_kinesis_stream" "vitals" {\n  name             = "patient-vitals"\n  shard_count      = 1\n  retention_period = 24\n}\n'],
      good: [
        'resource "aws_kinesis_stream" "vitals" {\n  name             = "patient-vitals"\n  shard_count      = 1\n  retention_period = 24\n  encryption_type  = "KMS"\n  kms_key_id       = "alias/aws/kinesis"\n}\n',
      ],
    },
  },
});
