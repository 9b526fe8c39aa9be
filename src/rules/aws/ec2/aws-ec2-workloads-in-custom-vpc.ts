import type { Resource } from '../../../model/resource.js';
import { blockOf } from '../../../model/read.js';
import { defineRule, fail, pass } from '../../define-rule.js';

/** Resources that adopt a default VPC or subnet to lock it down rather than to run workloads in it. */
const HARDENING_TYPES = new Set(['aws_default_security_group', 'aws_default_network_acl', 'aws_default_route_table', 'aws_flow_log', 'aws_default_subnet', 'aws_default_vpc']);

export default defineRule<Resource>({
  id: 'aws-ec2-workloads-in-custom-vpc',
  title: 'Workloads run in managed VPC subnets, not the default VPC',
  severity: 'low',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)'],
  kind: 'attr',
  why: 'The default VPC has public subnets and permissive defaults that were not designed for ePHI; workloads placed there escape the network isolation you reviewed.',
  howToFix: 'Give every aws_instance an explicit subnet_id in a VPC you declare, and adopt aws_default_vpc only to lock it down (flow logs, closed default security group), never to place workloads.',
  links: ['https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html'],
  references: { awsConfig: ['ec2-instances-in-vpc'], checkov: ['CKV_AWS_148'], trivy: ['AVD-AWS-0101', 'aws-ec2-no-default-vpc'] },
  targets: (model) => [...model.ofType('aws_instance'), ...model.ofType('aws_default_vpc'), ...model.ofType('aws_default_subnet')],
  check(target, { model }) {
    if (target.type === 'aws_instance') {
      if (target.attributes.has('subnet_id') || blockOf(target, 'network_interface') || blockOf(target, 'primary_network_interface')) {
        return pass(target, `${target.address} names its subnet or network interface.`);
      }
      return fail(target, { message: `${target.address} does not set subnet_id, so it launches in the default VPC.` });
    }
    const workloads = model.referrers(target).filter((r) => !HARDENING_TYPES.has(r.type));
    if (workloads.length === 0) return pass(target, `${target.address} is adopted only to manage the default VPC.`);
    return fail(target, {
      message: `${target.address} is used by ${workloads.map((w) => w.address).join(', ')}, so workloads run in the default VPC.`,
      related: workloads.map((w) => ({ span: w.span, message: `${w.address} uses the default VPC` })),
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n'],
      good: ['resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  subnet_id     = "subnet-0123456789abcdef0"\n}\n'],
    },
  },
});
