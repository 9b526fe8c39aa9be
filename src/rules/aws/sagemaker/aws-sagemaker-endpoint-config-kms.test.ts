import rule from './aws-sagemaker-endpoint-config-kms.js';
import { testRule } from '../../../testing/rule-tester.js';

const config = (extra: string, instanceType = 'ml.m5.large'): string =>
  `resource "aws_sagemaker_endpoint_configuration" "ec" {\n  name = "triage"\n${extra}  production_variants {\n    variant_name           = "primary"\n    model_name             = "triage"\n    initial_instance_count = 1\n    instance_type          = "${instanceType}"\n  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'literal key ARN', terraform: config('  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n') },
    // CreateEndpointConfig refuses a KMS key for instance types with local NVMe storage.
    { name: 'GPU instance with local NVMe storage', terraform: config('', 'ml.g4dn.xlarge') },
    { name: 'instance family with a d suffix', terraform: config('', 'ml.m5d.large') },
    { name: 'g5 instance store', terraform: config('  tags = { DataClassification = "phi" }\n', 'ml.g5.2xlarge') },
  ],
  fail: [
    { name: 'no key on an EBS-backed instance', terraform: config(''), findings: [{ line: 1, message: /does not set kms_key_arn/ }] },
    { name: 'no key on an EBS-backed GPU instance', terraform: config('', 'ml.p3.2xlarge'), findings: [{ line: 1, message: /does not set kms_key_arn/ }] },{ name: 'PHI endpoint on an AWS-managed alias', terraform: config('  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:alias/aws/sagemaker"\n  tags        = { DataClassification = "phi" }\n'), findings: [{ line: 3, message: /AWS-managed key alias\/aws\/sagemaker/ }] }],
  unknown: [{ name: 'key from a variable without a value', terraform: `variable "key" {\n  type = string\n}\n\n${config('  kms_key_arn = var.key\n')}` }],
});
