import type { Resource } from '../../../model/resource.js';
import { asBoolean, attr, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { requireKmsKey } from '../kms/require-kms-key.js';
import { phiClassOf } from '../phi-scope.js';
import { awsProviderBefore } from '../provider-version.js';

export default defineRule<Resource>({
  id: 'aws-sqs-queue-encrypted',
  title: 'SQS queues use server-side encryption',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Queued messages (intake forms, HL7/FHIR payloads, claims) wait on disk until consumed; server-side encryption keeps that ePHI encrypted at rest, and a customer-managed key controls who can read it.',
  howToFix: 'Set kms_master_key_id to a customer-managed key (required for queues classified PHI), or leave SQS-managed encryption on (sqs_managed_sse_enabled = true, the default for new queues); never set sqs_managed_sse_enabled = false without a key.',
  links: ['https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html'],
  references: {
    checkov: ['CKV_AWS_27', 'CKV2_AWS_73'],
    trivy: ['AVD-AWS-0096', 'aws-sqs-enable-queue-encryption', 'AVD-AWS-0135', 'aws-sqs-queue-encryption-use-cmk'],
  },
  targets: (model) => model.ofType('aws_sqs_queue'),
  check(queue, { model }) {
    // An empty key (a module's `kms_master_key_id = var.kms_key` with default "") sends no key to AWS.
    const key = attr(queue, 'kms_master_key_id');
    if ((key !== undefined && key.value !== '') || phiClassOf(queue) === 'phi') {
      return requireKmsKey(model, queue, queue, 'kms_master_key_id', {
        strength: 'customer-for-phi',
        missing: 'a queue classified PHI is not encrypted with a customer-managed KMS key',
      });
    }
    const managed = attr(queue, 'sqs_managed_sse_enabled');
    if (!managed) {
      // Since October 2022 SQS creates every new queue with SSE-SQS (an SQS-owned key) unless the
      // request says otherwise, and AWS provider 4.36.0 made sqs_managed_sse_enabled Computed, so an
      // unset argument leaves that default alone (provider CHANGELOG 4.36.0, #26843 and #27335).
      // Earlier providers defaulted the argument to false and would set it back to false on a later
      // apply; which one runs is known only from the lock file or the version constraint. Whether a
      // customer-managed key is needed is judged above for queues classified PHI.
      if (awsProviderBefore(model, queue, 4, 36)) {
        return unknown(queue, `${queue.address} does not set kms_master_key_id or sqs_managed_sse_enabled; SQS encrypts new queues with SSE-SQS by default, but the AWS provider this root runs (before 4.36) defaults sqs_managed_sse_enabled to false and may set it so on a later apply.`);
      }
      return pass(queue, `${queue.address} does not set kms_master_key_id or sqs_managed_sse_enabled, so SQS encrypts it at rest with SSE-SQS (an SQS-owned key), its default for queues created since October 2022.`);
    }
    if (isUnresolved(managed)) return unknown(managed, `${queue.address}: sqs_managed_sse_enabled depends on ${applyTimeReason(managed)}.`);
    if (asBoolean(managed.value) === true) return pass(managed, `${queue.address} uses SQS-managed server-side encryption.`);
    return fail(managed, {
      message: `${queue.address} sets sqs_managed_sse_enabled to false and names no KMS key, so its messages are unencrypted at rest.`,
      fix: { description: 'Enable SQS-managed server-side encryption', safety: 'safe', terraform: (edit) => edit.setAttribute(queue.span, 'sqs_managed_sse_enabled', 'true') },
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_sqs_queue" "intake" {\n  name                    = "intake"\n  sqs_managed_sse_enabled = false\n}\n'],
      good: ['resource "aws_sqs_queue" "intake" {\n  name                    = "intake"\n  sqs_managed_sse_enabled = true\n}\n'],
    },
  },
});
