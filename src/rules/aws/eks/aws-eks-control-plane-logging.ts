import type { Resource } from '../../../model/resource.js';
import { asList, asString, attr, isUnresolved } from '../../../model/read.js';
import { containsUnknown } from '../../../model/value.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';

const REQUIRED = ['api', 'audit', 'authenticator'];

export default defineRule<Resource>({
  id: 'aws-eks-control-plane-logging',
  title: 'EKS clusters log api, audit and authenticator events',
  severity: 'medium',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  kind: 'attr',
  why: 'The Kubernetes audit and authenticator logs are the record of who read Secrets, exec-ed into pods or changed workloads that process ePHI; EKS does not keep them unless enabled.',
  howToFix: 'Set enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"] on the aws_eks_cluster.',
  links: ['https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html'],
  references: { awsConfig: ['eks-cluster-logging-enabled'], checkov: ['CKV_AWS_37'], trivy: ['AVD-AWS-0038', 'aws-eks-enable-control-plane-logging'] },
  targets: (model) => model.ofType('aws_eks_cluster'),
  check(cluster) {
    const types = attr(cluster, 'enabled_cluster_log_types');
    if (types && (isUnresolved(types) || containsUnknown(types.value))) return unknown(types, `${cluster.address}: enabled_cluster_log_types depends on ${applyTimeReason(types)}.`);
    const enabled = new Set(asList(types?.value).map((v) => asString(v) ?? ''));
    const missing = REQUIRED.filter((t) => !enabled.has(t));
    if (missing.length === 0) return pass(types!, `${cluster.address} logs api, audit and authenticator events.`);
    return fail(types ?? cluster, {
      message: types ? `${cluster.address} does not enable the ${missing.join(', ')} control-plane log types.` : `${cluster.address} does not set enabled_cluster_log_types, so no control-plane logs are kept.`,
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_eks_cluster" "care" {\n  name     = "care-platform"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n\n  vpc_config {\n    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]\n  }\n}\n'],
      good: [
        'resource "aws_eks_cluster" "care" {\n  name                      = "care-platform"\n  role_arn                  = "arn:aws:iam::123456789012:role/eks"\n  enabled_cluster_log_types = ["api", "audit", "authenticator"]\n\n  vpc_config {\n    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]\n  }\n}\n',
      ],
    },
  },
});
