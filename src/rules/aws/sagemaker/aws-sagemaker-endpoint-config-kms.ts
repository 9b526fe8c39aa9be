import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { requireKmsKey } from '../kms/require-kms-key.js';

export default defineRule<Resource>({
  id: 'aws-sagemaker-endpoint-config-kms',
  title: 'SageMaker endpoint configurations encrypt the endpoint storage with a KMS key',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  kind: 'attr',
  why: 'Inference endpoints attach ML storage volumes that can hold models trained on ePHI and captured request payloads; kms_key_arn puts them under a key you control.',
  howToFix: 'Set kms_key_arn = aws_kms_key.<key>.arn on the aws_sagemaker_endpoint_configuration (Terraform replaces it).',
  links: ['https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html'],
  references: { awsConfig: ['sagemaker-endpoint-configuration-kms-key-configured'], checkov: ['CKV_AWS_98'] },
  targets: (model) => model.ofType('aws_sagemaker_endpoint_configuration'),
  check(resource, { model }) {
    return requireKmsKey(model, resource, resource, 'kms_key_arn', {
      strength: 'customer-for-phi',
      missing: 'the endpoint storage volumes are not encrypted with a KMS key you control',
    });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_sagemaker_endpoint_configuration" "triage" {\n  name = "triage-model"\n\n  production_variants {\n    variant_name           = "primary"\n    model_name             = "triage-model"\n    initial_instance_count = 1\n    instance_type          = "ml.m5.large"\n  }\n}\n',
      ],
      good: [
        'resource "aws_kms_key" "ml" {\n  enable_key_rotation = true\n}\n\nresource "aws_sagemaker_endpoint_configuration" "triage" {\n  name        = "triage-model"\n  kms_key_arn = aws_kms_key.ml.arn\n\n  production_variants {\n    variant_name           = "primary"\n    model_name             = "triage-model"\n    initial_instance_count = 1\n    instance_type          = "ml.m5.large"\n  }\n}\n',
      ],
    },
  },
});
