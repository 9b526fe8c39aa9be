import type { Resource } from '../../../model/resource.js';
import { asBoolean, asList, attrOr, blockOf, isUnresolved } from '../../../model/read.js';
import { isUnknown } from '../../../model/value.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { reasonOf } from '../judge-setting.js';
import { isInternetCidr } from '../vpc/ingress-rules.js';

export default defineRule<Resource>({
  id: 'aws-eks-endpoint-restricted',
  title: 'EKS API endpoints are private or limited to allow-listed CIDRs',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.312(e)(1)'],
  kind: 'attr',
  why: 'A Kubernetes API open to 0.0.0.0/0 lets anyone on the internet probe and attack the control plane of clusters that run ePHI workloads.',
  howToFix: 'In vpc_config set endpoint_public_access = false (with endpoint_private_access = true), or set public_access_cidrs to your office/VPN CIDRs.',
  links: ['https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html'],
  references: {
    awsConfig: ['eks-endpoint-no-public-access'],
    checkov: ['CKV_AWS_38', 'CKV_AWS_39'],
    trivy: ['AVD-AWS-0040', 'aws-eks-no-public-cluster-access', 'AVD-AWS-0041', 'aws-eks-no-public-cluster-access-to-cidr'],
  },
  targets: (model) => model.ofType('aws_eks_cluster'),
  check(cluster) {
    const vpc = blockOf(cluster, 'vpc_config') ?? cluster;
    const publicAccess = attrOr(vpc, 'endpoint_public_access', true);
    if (isUnresolved(publicAccess)) return unknown(publicAccess, `${cluster.address}: endpoint_public_access is known only at apply time (${reasonOf(publicAccess)}).`);
    if (asBoolean(publicAccess.value) === false) return pass(publicAccess, `${cluster.address} has a private API endpoint only.`);
    const cidrs = attrOr(vpc, 'public_access_cidrs', ['0.0.0.0/0']);
    if (isUnresolved(cidrs)) return unknown(cidrs, `${cluster.address}: public_access_cidrs is known only at apply time (${reasonOf(cidrs)}).`);
    const list = asList(cidrs.value);
    // An empty list sends no CIDRs, and EKS then applies its default, 0.0.0.0/0.
    if (list.length === 0) return fail(cidrs, { message: `${cluster.address} sets public_access_cidrs to an empty list, which EKS reads as unset: the public API endpoint is open to 0.0.0.0/0.` });
    // Any spelling of the internet, or a range of half of it or more (`0.0.0.0/1` with `128.0.0.0/1`).
    const open = list.filter((c): c is string => typeof c === 'string' && isInternetCidr(c));
    if (open.length > 0) {
      return fail(cidrs, {
        message:
          cidrs.provenance === 'default'
            ? `${cluster.address} keeps the public API endpoint (endpoint_public_access defaults to true) without public_access_cidrs, so it is open to 0.0.0.0/0.`
            : `${cluster.address} allows the public API endpoint from ${open.join(' and ')}.`,
      });
    }
    if (list.some((c) => isUnknown(c))) return unknown(cidrs, `${cluster.address}: some public_access_cidrs are known only at apply time.`);
    return pass(cidrs, `${cluster.address} limits the public API endpoint to ${list.join(', ')}.`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_eks_cluster" "main" {\n  name     = "main"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  vpc_config {\n    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]\n  }\n}\n',
      ],
      good: [
        'resource "aws_eks_cluster" "main" {\n  name     = "main"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  vpc_config {\n    subnet_ids              = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]\n    endpoint_private_access = true\n    endpoint_public_access  = false\n  }\n}\n',
      ],
    },
  },
});
