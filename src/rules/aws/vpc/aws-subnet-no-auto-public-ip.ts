import type { Resource } from '../../../model/resource.js';
import { defineRule, pass } from '../../define-rule.js';
import { requireBoolean } from '../judge-setting.js';
import { matchesAllowList } from './allow-list.js';

export default defineRule<Resource, { allowedPublicSubnets: readonly string[] }>({
  id: 'aws-subnet-no-auto-public-ip',
  title: 'Subnets do not auto-assign public IP addresses',
  severity: 'medium',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)', '164.312(e)(1)'],
  kind: 'attr',
  why: 'A subnet that maps public IPs on launch gives every instance started in it an internet-routable address, so a workload holding ePHI can become reachable by accident.',
  howToFix:
    'Set map_public_ip_on_launch = false (the default for aws_subnet). Subnets that must be public (load balancers, NAT) can be listed in the allowedPublicSubnets parameter by address, Name tag or Key=Value tag.',
  links: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html'],
  references: { awsConfig: ['subnet-auto-assign-public-ip-disabled'], checkov: ['CKV_AWS_130'], trivy: ['AVD-AWS-0164', 'aws-ec2-no-public-ip-subnet'] },
  params: { allowedPublicSubnets: [] },
  targets: (model) => [...model.ofType('aws_subnet'), ...model.ofType('aws_default_subnet')],
  check(subnet, { params }) {
    if (matchesAllowList(subnet, params.allowedPublicSubnets)) return pass(subnet, `${subnet.address} is on the allowedPublicSubnets list.`);
    return requireBoolean(subnet.address, subnet, 'map_public_ip_on_launch', false, {
      // Default subnets (aws_default_subnet) map public IPs on launch; new subnets do not.
      providerDefault: subnet.type === 'aws_default_subnet',
      consequence: 'instances launched in it get public IP addresses',
      fix: { description: 'Stop auto-assigning public IPs', safety: 'safe', fixValue: 'false' },
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_subnet" "app" {\n  vpc_id                  = "vpc-0123456789abcdef0"\n  cidr_block              = "10.0.1.0/24"\n  map_public_ip_on_launch = true\n}\n'],
      good: ['resource "aws_subnet" "app" {\n  vpc_id     = "vpc-0123456789abcdef0"\n  cidr_block = "10.0.1.0/24"\n}\n'],
    },
  },
});
