import type { Resource } from '../../../model/resource.js';
import { asList, asString, attr, blockOf, blocksOf, isUnresolved } from '../../../model/read.js';
import { containsUnknown } from '../../../model/value.js';
import { defineRule, fail, unknown } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { requireKmsKey } from '../kms/require-kms-key.js';

export default defineRule<Resource>({
  id: 'aws-eks-secrets-encrypted',
  title: 'EKS clusters envelope-encrypt Kubernetes Secrets with a customer-managed KMS key',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Kubernetes Secrets hold database passwords and API keys for ePHI systems. EKS 1.28 and later envelope-encrypt all API data with an AWS-owned key, which you can neither control, rotate nor audit in CloudTrail (older clusters keep Secrets only base64-encoded in etcd); a customer-managed key puts access to them under your key policy.',
  howToFix: 'Add encryption_config { resources = ["secrets"] provider { key_arn = aws_kms_key.<key>.arn } } to the aws_eks_cluster.',
  links: ['https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html'],
  references: { awsConfig: ['eks-secrets-encrypted'], checkov: ['CKV_AWS_58'], trivy: ['AVD-AWS-0039', 'aws-eks-encrypt-secrets'] },
  targets: (model) => model.ofType('aws_eks_cluster'),
  check(cluster, { model }) {
    const configs = blocksOf(cluster, 'encryption_config');
    if (configs.length === 0) {
      return fail(cluster, { message: `${cluster.address} does not declare encryption_config, so Kubernetes Secrets are not envelope-encrypted with a customer-managed KMS key (EKS 1.28 and later use an AWS-owned key; older versions none).` });
    }
    for (const config of configs) {
      const resources = attr(config, 'resources');
      if (!resources) continue;
      if (isUnresolved(resources) || containsUnknown(resources.value)) return unknown(resources, `${cluster.address}: encryption_config.resources depends on ${applyTimeReason(resources)}.`);
      if (!asList(resources.value).some((r) => asString(r) === 'secrets')) continue;
      const provider = blockOf(config, 'provider');
      const keyArn = provider?.attributes.get('key_arn');
      if (!provider || !keyArn) return fail(config, { message: `${cluster.address} encryption_config names no provider.key_arn, so Secrets are not envelope-encrypted.` });
      // The key is judged as every other key reference (kms-key-reference.ts): a variable without a
      // value is unknown, not a key; an empty one or an AWS-managed alias is no customer-managed key.
      return requireKmsKey(model, cluster, provider, 'key_arn', {
        strength: 'customer',
        label: `${cluster.address} encryption_config`,
        missing: 'Secrets are not envelope-encrypted with a customer-managed KMS key',
      });
    }
    return fail(configs[0]!, { message: `${cluster.address} encryption_config does not list "secrets" in resources, so Kubernetes Secrets are not envelope-encrypted.` });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_eks_cluster" "care" {\n  name     = "care-platform"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n\n  vpc_config {\n    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]\n  }\n}\n'],
      good: [
        'resource "aws_kms_key" "eks" {\n  enable_key_rotation = true\n}\n\nresource "aws_eks_cluster" "care" {\n  name     = "care-platform"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n\n  vpc_config {\n    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]\n  }\n\n  encryption_config {\n    resources = ["secrets"]\n    provider {\n      key_arn = aws_kms_key.eks.arn\n    }\n  }\n}\n',
      ],
    },
  },
});
