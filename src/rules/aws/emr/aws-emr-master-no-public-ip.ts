import type { Resource } from '../../../model/resource.js';
import { asBoolean, asList, attrOr, blockOf, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf, requireBoolean } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-emr-master-no-public-ip',
  title: 'EMR clusters run in private subnets with block public access on',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)', '164.312(e)(1)'],
  kind: 'graph',
  why: 'EMR nodes in a subnet that assigns public IPs, or security groups that open ports to the internet, expose the cluster and the ePHI it processes.',
  howToFix:
    'Set ec2_attributes.subnet_id to a private subnet (map_public_ip_on_launch = false) and keep aws_emr_block_public_access_configuration with block_public_security_group_rules = true.',
  links: ['https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-block-public-access.html'],
  references: { awsConfig: ['emr-master-no-public-ip', 'emr-block-public-access'], checkov: ['CKV_AWS_390', 'CKV2_AWS_7'] },
  targets: (model) => [...model.ofType('aws_emr_cluster'), ...model.ofType('aws_emr_block_public_access_configuration')],
  check(target, { model }) {
    if (target.type === 'aws_emr_block_public_access_configuration') {
      return requireBoolean(target.address, target, 'block_public_security_group_rules', true, {
        providerDefault: false,
        consequence: 'EMR clusters may be launched with security groups open to the internet',
        fix: { description: 'Turn on EMR block public access', safety: 'safe', fixValue: 'true' },
      });
    }
    const attributes = blockOf(target, 'ec2_attributes');
    const subnetId = attributes?.attributes.get('subnet_id') ?? attributes?.attributes.get('subnet_ids');
    if (!attributes || !subnetId) {
      return fail(attributes ?? target, { message: `${target.address} does not set ec2_attributes.subnet_id, so its nodes launch in a default subnet, which assigns public IPs.` });
    }
    // With instance fleets EMR picks one of subnet_ids at launch, so every listed subnet must be private.
    const subnets = [...model.related(target, 'aws_subnet'), ...model.related(target, 'aws_default_subnet')];
    if (subnets.length === 0) {
      if (isApplyTime(subnetId)) return unknown(subnetId, `${target.address}: its subnet is known only at apply time (${reasonOf(subnetId)}).`);
      return unknown(subnetId, `${target.address}: its subnet is not declared in the scanned code, so whether nodes get public IPs cannot be judged.`);
    }
    let undecided: Outcome | undefined;
    for (const subnet of subnets) {
      const mapPublic = attrOr(subnet, 'map_public_ip_on_launch', subnet.type === 'aws_default_subnet');
      if (isUnresolved(mapPublic)) {
        undecided ??= unknown(mapPublic, `${subnet.address}: map_public_ip_on_launch is known only at apply time (${reasonOf(mapPublic)}).`);
      } else if (asBoolean(mapPublic.value) === true) {
        return fail(subnetId, {
          message: `${target.address} runs in ${subnet.address}, which maps public IPs on launch, so the master node gets a public IP.`,
          related: [{ span: mapPublic.span, message: `${subnet.address} auto-assigns public IPs` }],
        });
      }
    }
    if (undecided) return undecided;
    const listed = subnetId === attributes.attributes.get('subnet_ids') ? asList(subnetId.value).length : 1;
    if (subnets.length < listed) {
      return unknown(subnetId, `${target.address}: not all of its subnets are declared in the scanned code, so whether nodes get public IPs cannot be judged.`);
    }
    return pass(subnetId, `${target.address} runs in the private subnet${subnets.length > 1 ? 's' : ''} ${subnets.map((s) => s.address).join(', ')}.`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_subnet" "public" {\n  vpc_id                  = "vpc-0123456789abcdef0"\n  cidr_block              = "10.0.0.0/24"\n  map_public_ip_on_launch = true\n}\n\nresource "aws_emr_cluster" "etl" {\n  name          = "etl"\n  release_label = "emr-7.0.0"\n  service_role  = "EMR_DefaultRole"\n  ec2_attributes {\n    subnet_id        = aws_subnet.public.id\n    instance_profile = "EMR_EC2_DefaultRole"\n  }\n}\n',
      ],
      good: [
        'resource "aws_subnet" "private" {\n  vpc_id     = "vpc-0123456789abcdef0"\n  cidr_block = "10.0.1.0/24"\n}\n\nresource "aws_emr_cluster" "etl" {\n  name          = "etl"\n  release_label = "emr-7.0.0"\n  service_role  = "EMR_DefaultRole"\n  ec2_attributes {\n    subnet_id        = aws_subnet.private.id\n    instance_profile = "EMR_EC2_DefaultRole"\n  }\n}\n',
      ],
    },
  },
});
