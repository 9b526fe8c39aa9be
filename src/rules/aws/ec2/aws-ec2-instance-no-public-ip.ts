import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asBoolean, attrOr, blockOf, blocksOf, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

/** Where an instance without associate_public_ip_address gets its answer: the subnet's auto-assign setting. */
function fromSubnet(model: InfraModel, instance: Resource): Outcome {
  const subnetId = instance.attributes.get('subnet_id');
  if (!subnetId) {
    return fail(instance, {
      message: `${instance.address} sets neither subnet_id nor associate_public_ip_address, so it launches in a default subnet, which assigns a public IP.`,
      fix: { description: 'Do not request a public IP', safety: 'unsafe', terraform: (edit) => edit.setAttribute(instance.span, 'associate_public_ip_address', 'false') },
    });
  }
  const subnet = [...model.related(instance, 'aws_subnet'), ...model.related(instance, 'aws_default_subnet')][0];
  if (!subnet) {
    if (isApplyTime(subnetId)) return unknown(subnetId, `${instance.address}: its subnet is known only at apply time (${reasonOf(subnetId)}), so whether it gets a public IP cannot be judged.`);
    return unknown(subnetId, `${instance.address}: its subnet is not declared in the scanned code, so whether it auto-assigns a public IP cannot be judged.`);
  }
  const mapPublic = attrOr(subnet, 'map_public_ip_on_launch', subnet.type === 'aws_default_subnet');
  if (isUnresolved(mapPublic)) return unknown(mapPublic, `${subnet.address}: map_public_ip_on_launch is known only at apply time (${reasonOf(mapPublic)}).`);
  if (asBoolean(mapPublic.value) === true) {
    return fail(instance, {
      message: `${instance.address} does not set associate_public_ip_address and its subnet ${subnet.address} maps public IPs on launch, so it gets a public IP.`,
      related: [{ span: mapPublic.span, message: `${subnet.address} auto-assigns public IPs` }],
      fix: { description: 'Do not request a public IP', safety: 'unsafe', terraform: (edit) => edit.setAttribute(instance.span, 'associate_public_ip_address', 'false') },
    });
  }
  return pass(instance, `${instance.address} sits in ${subnet.address}, which does not assign public IPs.`);
}

function judgeInstance(model: InfraModel, instance: Resource): Outcome {
  const explicit = instance.attributes.get('associate_public_ip_address');
  if (explicit) {
    if (isApplyTime(explicit)) return unknown(explicit, `${instance.address}: associate_public_ip_address is known only at apply time (${reasonOf(explicit)}).`);
    if (asBoolean(explicit.value) === true) {
      return fail(explicit, {
        message: `${instance.address} sets associate_public_ip_address to true, so it gets a public IP address.`,
        fix: { description: 'Do not request a public IP (the instance will be replaced)', safety: 'unsafe', terraform: (edit) => edit.setAttribute(instance.span, 'associate_public_ip_address', 'false') },
      });
    }
    return pass(explicit);
  }
  // An instance whose primary interface is a separate aws_network_interface takes no public IP from this resource.
  if (blockOf(instance, 'network_interface') || blockOf(instance, 'primary_network_interface')) return pass(instance, `${instance.address} uses a declared network interface.`);
  return fromSubnet(model, instance);
}

function judgeLaunchTemplate(template: Resource): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const nic of blocksOf(template, 'network_interfaces')) {
    const v = nic.attributes.get('associate_public_ip_address');
    if (!v) continue;
    if (isApplyTime(v)) outcomes.push(unknown(v, `${template.address}: associate_public_ip_address is known only at apply time (${reasonOf(v)}).`));
    else if (asBoolean(v.value) === true) {
      outcomes.push(
        fail(v, {
          message: `${template.address} sets associate_public_ip_address to true, so instances launched from it get public IP addresses.`,
          fix: { description: 'Do not request public IPs', safety: 'safe', terraform: (edit) => edit.setAttribute(nic.span, 'associate_public_ip_address', '"false"') },
        }),
      );
    }
  }
  return outcomes.length > 0 ? outcomes : [pass(template, `${template.address} does not request public IP addresses.`)];
}

export default defineRule<Resource>({
  id: 'aws-ec2-instance-no-public-ip',
  title: 'EC2 instances and launch templates do not get public IP addresses',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)', '164.312(e)(1)'],
  kind: 'graph',
  why: 'An instance with a public IP is directly reachable from the internet; one open security-group rule is then enough to expose the ePHI it processes.',
  howToFix:
    'Set associate_public_ip_address = false (launch templates: in network_interfaces) and place instances in private subnets with map_public_ip_on_launch = false; publish services through a load balancer.',
  links: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses'],
  references: { awsConfig: ['ec2-instance-no-public-ip', 'ec2-launch-template-public-ip-disabled'], checkov: ['CKV_AWS_88'] },
  targets: (model) => [...model.ofType('aws_instance'), ...model.ofType('aws_launch_template')],
  check: (target, { model }) => (target.type === 'aws_launch_template' ? judgeLaunchTemplate(target) : judgeInstance(model, target)),
  examples: {
    terraform: {
      bad: ['resource "aws_instance" "app" {\n  ami                         = "ami-0123456789abcdef0"\n  instance_type               = "t3.micro"\n  subnet_id                   = "subnet-0123456789abcdef0"\n  associate_public_ip_address = true\n}\n'],
      good: [
        'resource "aws_subnet" "private" {\n  vpc_id     = "vpc-0123456789abcdef0"\n  cidr_block = "10.0.1.0/24"\n}\n\nresource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  subnet_id     = aws_subnet.private.id\n}\n',
      ],
    },
  },
});
