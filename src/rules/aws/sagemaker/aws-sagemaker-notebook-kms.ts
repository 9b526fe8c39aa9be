import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { requireKmsKey } from '../kms/require-kms-key.js';

export default defineRule<Resource>({
  id: 'aws-sagemaker-notebook-kms',
  title: 'SageMaker notebook instances and domains encrypt storage with a KMS key',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Data scientists copy ePHI extracts onto notebook and Studio storage volumes; without a KMS key you control, those volumes use an AWS-owned key you cannot restrict or audit.',
  howToFix: 'Set kms_key_id = aws_kms_key.<key>.arn on aws_sagemaker_notebook_instance and aws_sagemaker_domain.',
  links: ['https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html'],
  references: { awsConfig: ['sagemaker-notebook-instance-kms-key-configured'], checkov: ['CKV_AWS_22', 'CKV_AWS_187'] },
  targets: (model) => [...model.ofType('aws_sagemaker_notebook_instance'), ...model.ofType('aws_sagemaker_domain')],
  check(resource, { model }) {
    return requireKmsKey(model, resource, resource, 'kms_key_id', {
      strength: 'customer-for-phi',
      missing: resource.type === 'aws_sagemaker_domain' ? "the domain's EFS volume is encrypted with an AWS-owned key, not a KMS key you control" : 'its storage volume is encrypted with an AWS-owned key, not a KMS key you control',
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_sagemaker_notebook_instance" "research" {\n  name          = "cohort-analysis"\n  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"\n  instance_type = "ml.t3.medium"\n}\n'],
      good: [
        'resource "aws_kms_key" "ml" {\n  enable_key_rotation = true\n}\n\nresource "aws_sagemaker_notebook_instance" "research" {\n  name          = "cohort-analysis"\n  role_arn      = "arn:aws:iam::123456789012:role/sagemaker"\n  instance_type = "ml.t3.medium"\n  kms_key_id    = aws_kms_key.ml.arn\n}\n',
      ],
    },
  },
});
