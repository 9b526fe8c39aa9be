import type { Resource } from '../../../model/resource.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { literalOnAllowList, matchesAllowList } from './allow-list.js';
import { vpcsOf } from './vpc-links.js';

export default defineRule<Resource, { authorizedVpcs: readonly string[] }>({
  id: 'aws-igw-attached-to-authorized-vpc-only',
  title: 'Internet gateways attach only to authorized VPCs',
  severity: 'medium',
  controls: ['164.312(a)(1)', '164.308(a)(1)(ii)(B)'],
  kind: 'graph',
  why: 'An internet gateway makes a VPC reachable from the internet; VPCs that hold ePHI should have none unless the exposure is deliberate and reviewed.',
  howToFix:
    'Remove the internet gateway from VPCs that hold ePHI (use VPC endpoints and NAT in a separate egress VPC), or list the VPC in the authorizedVpcs parameter (address, vpc id, Name tag or Key=Value tag).',
  links: ['https://docs.aws.amazon.com/config/latest/developerguide/internet-gateway-authorized-vpc-only.html'],
  references: { awsConfig: ['internet-gateway-authorized-vpc-only'] },
  params: { authorizedVpcs: [] },
  targets: (model) => [...model.ofType('aws_internet_gateway'), ...model.ofType('aws_internet_gateway_attachment')],
  check(igw, { model, params }) {
    const vpcId = igw.attributes.get('vpc_id');
    if (!vpcId) return pass(igw, `${igw.address} is not attached to a VPC.`);
    const vpcs = vpcsOf(model, igw);
    if (vpcs.length > 1) {
      // One of several VPCs, which one not known to the scan: authorized or not only when all agree.
      const authorized = vpcs.filter((v) => matchesAllowList(v, params.authorizedVpcs));
      if (authorized.length === vpcs.length) return pass(vpcId, `${igw.address} attaches to one of ${vpcs.map((v) => v.address).join(', ')}, all authorized.`);
      if (authorized.length > 0) {
        return unknown(vpcId, `${igw.address} attaches to one of ${vpcs.map((v) => v.address).join(', ')} (which one is not known to the scan), and ${vpcs.find((v) => !authorized.includes(v))!.address} is not on the authorizedVpcs list.`);
      }
    }
    const vpc = vpcs[0];
    if (vpc) {
      if (matchesAllowList(vpc, params.authorizedVpcs)) return pass(vpcId, `${igw.address} attaches to ${vpc.address}, which is authorized.`);
      return fail(vpcId, {
        message: `${igw.address} attaches an internet gateway to ${vpc.address}, which is not on the authorizedVpcs list.`,
        related: [{ span: vpc.span, message: `${vpc.address} is declared here` }],
      });
    }
    if (isApplyTime(vpcId)) return unknown(vpcId, `${igw.address}: the VPC it attaches to is known only at apply time (${reasonOf(vpcId)}).`);
    if (literalOnAllowList(vpcId.value, params.authorizedVpcs)) return pass(vpcId, `${igw.address} attaches to an authorized VPC.`);
    return fail(vpcId, { message: `${igw.address} attaches an internet gateway to VPC ${String(vpcId.value)}, which is not on the authorizedVpcs list.` });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_vpc" "phi" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_internet_gateway" "gw" {\n  vpc_id = aws_vpc.phi.id\n}\n'],
      good: ['resource "aws_vpc" "phi" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_internet_gateway" "gw" {}\n'],
    },
  },
});
