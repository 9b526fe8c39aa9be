import type { Resource } from '../../../model/resource.js';
import { asString, attr, blocksOf } from '../../../model/read.js';
import type { Sourced } from '../../../model/sourced.js';
import { defineRule, pass } from '../../define-rule.js';
import { requireKmsKey } from '../kms/require-kms-key.js';

/**
 * Instance families whose storage is local NVMe instance store (EC2 instance types, "Instance store
 * volumes"): those with a d in their suffix (m5d, c5d, r5d, m6id, g4dn, p3dn, p4d, p4de, ...) and
 * these GPU and accelerator families.
 */
const LOCAL_STORAGE_FAMILIES = new Set(['g5', 'g6', 'g6e', 'gr6', 'p5', 'p5e', 'p5en', 'dl1', 'trn1', 'trn1n', 'trn2']);

function hasLocalStorage(instanceType: string): boolean {
  const family = /^ml\.([a-z0-9-]+)\./.exec(instanceType)?.[1];
  return family !== undefined && (/^[a-z]+\d+[a-z]*d[a-z]*$/.test(family) || LOCAL_STORAGE_FAMILIES.has(family));
}

/** The instance_type of a variant that runs on local instance storage, if any. */
function localStorageVariant(resource: Resource): Sourced | undefined {
  for (const variant of [...blocksOf(resource, 'production_variants'), ...blocksOf(resource, 'shadow_production_variants')]) {
    const type = attr(variant, 'instance_type');
    const name = asString(type?.value);
    if (type && name !== undefined && hasLocalStorage(name)) return type;
  }
  return undefined;
}

export default defineRule<Resource>({
  id: 'aws-sagemaker-endpoint-config-kms',
  title: 'SageMaker endpoint configurations encrypt the endpoint storage with a KMS key',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Inference endpoints attach ML storage volumes that can hold models trained on ePHI and captured request payloads; kms_key_arn puts them under a key you control.',
  howToFix: 'Set kms_key_arn = aws_kms_key.<key>.arn on the aws_sagemaker_endpoint_configuration (Terraform replaces it).',
  links: ['https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html'],
  references: { awsConfig: ['sagemaker-endpoint-configuration-kms-key-configured'], checkov: ['CKV_AWS_98'] },
  targets: (model) => model.ofType('aws_sagemaker_endpoint_configuration'),
  check(resource, { model }) {
    // CreateEndpointConfig: "Local storage volumes are encrypted using a hardware module on the
    // instance. You can't request a KmsKeyId when using an instance type with local storage" (the
    // call fails if any variant has it), so kms_key_arn cannot be asked of these configurations.
    const local = attr(resource, 'kms_key_arn') ? undefined : localStorageVariant(resource);
    if (local) {
      return pass(
        local,
        `${resource.address} runs on ${asString(local.value)}, whose storage is the instance store: local NVMe volumes encrypted by a hardware module on the instance, which cannot take a KMS key.`,
      );
    }
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
