import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { requireKmsKey } from '../kms/require-kms-key.js';

export default defineRule<Resource>({
  id: 'aws-sns-topic-kms',
  title: 'SNS topics encrypt messages with KMS',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Notifications about appointments, results or claims can carry ePHI; without server-side encryption SNS stores undelivered messages unencrypted.',
  howToFix: 'Set kms_master_key_id on the aws_sns_topic: a customer-managed key for topics classified PHI (alias/aws/sns otherwise).',
  links: ['https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html'],
  references: {
    awsConfig: ['sns-encrypted-kms'],
    checkov: ['CKV_AWS_26'],
    trivy: ['AVD-AWS-0095', 'aws-sns-enable-topic-encryption', 'AVD-AWS-0136', 'aws-sns-topic-encryption-use-cmk'],
  },
  targets: (model) => model.ofType('aws_sns_topic'),
  check(topic, { model }) {
    return requireKmsKey(model, topic, topic, 'kms_master_key_id', { strength: 'customer-for-phi', missing: 'messages are stored unencrypted' });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_sns_topic" "results" {\n  name = "lab-results"\n}\n'],
      good: ['resource "aws_sns_topic" "results" {\n  name              = "lab-results"\n  kms_master_key_id = "alias/aws/sns"\n}\n'],
    },
  },
});
