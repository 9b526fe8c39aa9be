import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import type { Span } from '../../../source/span.js';
import type { FixBuilder } from '../../../fixes/fix.js';
import { asBoolean, attrOr, blockOf, blocksOf, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { launchTemplateOf, primaryTemplateInterface } from './launch-template.js';
import { judgedOnAll } from '../linked.js';

const NO_PUBLIC_IP_FIX = 'Do not request a public IP';

/**
 * Where an instance without associate_public_ip_address gets its answer: the auto-assign setting of
 * its subnet, which `owner` names in `subnetId` (the instance, or its launch template's interface).
 */
function fromSubnet(model: InfraModel, instance: Resource, owner: Resource, subnetId: Sourced | undefined, fixAt: Span): Outcome {
  const fix = { description: NO_PUBLIC_IP_FIX, safety: 'unsafe' as const, terraform: (edit: FixBuilder) => edit.setAttribute(fixAt, 'associate_public_ip_address', owner === instance ? 'false' : '"false"') };
  if (!subnetId) {
    return fail(instance, {
      message: `${instance.address} sets neither subnet_id nor associate_public_ip_address, so it launches in a default subnet, which assigns a public IP.`,
      fix,
    });
  }
  const subnets = [...model.related(owner, 'aws_subnet'), ...model.related(owner, 'aws_default_subnet')];
  const subnet = subnets[0];
  if (!subnet) {
    if (isApplyTime(subnetId)) return unknown(subnetId, `${instance.address}: its subnet is known only at apply time (${reasonOf(subnetId)}), so whether it gets a public IP cannot be judged.`);
    return unknown(subnetId, `${instance.address}: its subnet is not declared in the scanned code, so whether it auto-assigns a public IP cannot be judged.`);
  }
  // Several subnets are linked when the instance takes one of them whole (`element(aws_subnet.a[*].id, 1)`,
  // `aws_subnet.a[*].id[1]`): the first was judged, and a[0] private passed an instance in public a[1].
  // Judged alike only when every one of them gives the same answer.
  if (subnets.length > 1) {
    const maps = subnets.map((s) => attrOr(s, 'map_public_ip_on_launch', s.type === 'aws_default_subnet'));
    const publicOne = maps.findIndex((m) => !isUnresolved(m) && asBoolean(m.value) === true);
    const allPrivate = maps.every((m) => !isUnresolved(m) && asBoolean(m.value) !== true);
    const allPublic = maps.every((m) => !isUnresolved(m) && asBoolean(m.value) === true);
    if (!allPrivate && !allPublic) {
      const names = subnets.map((s) => s.address).join(', ');
      const why = publicOne >= 0 ? `${subnets[publicOne]!.address} maps public IPs on launch` : 'whether they map public IPs on launch is known only at apply time';
      return unknown(subnetId, `${instance.address}: its subnet is one of ${names} (which one is not known to the scan), and ${why}, so whether it gets a public IP cannot be judged.`);
    }
  }
  const mapPublic = attrOr(subnet, 'map_public_ip_on_launch', subnet.type === 'aws_default_subnet');
  if (isUnresolved(mapPublic)) return unknown(mapPublic, `${subnet.address}: map_public_ip_on_launch is known only at apply time (${reasonOf(mapPublic)}).`);
  if (asBoolean(mapPublic.value) === true) {
    return fail(instance, {
      message: `${instance.address} does not set associate_public_ip_address and its subnet ${subnet.address} maps public IPs on launch, so it gets a public IP.`,
      related: [{ span: mapPublic.span, message: `${subnet.address} auto-assigns public IPs` }],
      fix,
    });
  }
  return pass(instance, `${instance.address} sits in ${subnet.address}, which does not assign public IPs.`);
}

/**
 * An Elastic IP associated with the instance (aws_eip instance, or aws_eip_association instance_id):
 * it is the instance's public IPv4 address whatever the subnet or associate_public_ip_address say
 * (AWS Config ec2-instance-no-public-ip: NON_COMPLIANT when the publicIp field is present).
 */
function elasticIpOf(model: InfraModel, instance: Resource): { readonly address: string; readonly span: Span; readonly via?: string } | undefined {
  for (const [type, argument] of [['aws_eip', 'instance'], ['aws_eip_association', 'instance_id']] as const) {
    for (const r of model.related(instance, type)) {
      const link = r.attributes.get(argument);
      if (link && r.references.includes(instance.configAddress)) return { address: r.address, span: link.span };
    }
  }
  // An Elastic IP on a network interface of the instance (aws_eip network_interface, aws_eip_association
  // network_interface_id) is a public address of the instance too. An instance whose interface is a
  // declared aws_network_interface passed as "uses a declared network interface" with one on it.
  for (const eni of attachedInterfaces(model, instance)) {
    for (const [type, argument] of [['aws_eip', 'network_interface'], ['aws_eip_association', 'network_interface_id']] as const) {
      for (const r of model.related(eni, type)) {
        const link = r.attributes.get(argument);
        if (link && r.references.includes(eni.configAddress)) return { address: r.address, span: link.span, via: eni.address };
      }
    }
  }
  return undefined;
}

/**
 * The aws_network_interface resources attached to an instance: named in its network_interface or
 * primary_network_interface blocks, or attaching themselves (an `attachment` block's instance, or an
 * aws_network_interface_attachment).
 */
function attachedInterfaces(model: InfraModel, instance: Resource): Resource[] {
  const out = new Set<Resource>();
  const named = [...blocksOf(instance, 'network_interface'), ...blocksOf(instance, 'primary_network_interface')].some((b) => b.attributes.has('network_interface_id'));
  for (const eni of model.related(instance, 'aws_network_interface')) {
    const attaches = blocksOf(eni, 'attachment').some((b) => b.attributes.has('instance')) && eni.references.includes(instance.configAddress);
    if ((named && instance.references.includes(eni.configAddress)) || attaches) out.add(eni);
  }
  for (const attachment of model.related(instance, 'aws_network_interface_attachment')) {
    if (!attachment.references.includes(instance.configAddress)) continue;
    for (const eni of model.related(attachment, 'aws_network_interface')) if (attachment.references.includes(eni.configAddress)) out.add(eni);
  }
  return [...out];
}

/** An instance launched from a template without these arguments of its own takes the template's primary interface. */
function fromLaunchTemplate(model: InfraModel, instance: Resource, template: Resource): Outcome {
  const nic = primaryTemplateInterface(template);
  const requested = nic?.attributes.get('associate_public_ip_address');
  if (nic && requested) {
    if (isApplyTime(requested)) return unknown(requested, `${template.address}: associate_public_ip_address is known only at apply time (${reasonOf(requested)}).`);
    if (asBoolean(requested.value) === true) {
      return fail(instance, {
        message: `${instance.address} launches from ${template.address}, whose network interface sets associate_public_ip_address to true, so it gets a public IP address.`,
        related: [{ span: requested.span, message: `${template.address} requests a public IP` }],
      });
    }
    return pass(instance, `${instance.address} launches from ${template.address}, whose network interface does not request a public IP.`);
  }
  const ownSubnet = instance.attributes.get('subnet_id');
  if (!ownSubnet && nic?.attributes.get('subnet_id')) return fromSubnet(model, instance, template, nic.attributes.get('subnet_id'), nic.span);
  return fromSubnet(model, instance, instance, ownSubnet, instance.span);
}

function judgeInstance(model: InfraModel, instance: Resource): Outcome {
  const eip = elasticIpOf(model, instance);
  if (eip) {
    return fail(instance, {
      message: `${instance.address} has the Elastic IP ${eip.address} associated${eip.via ? ` (on its network interface ${eip.via})` : ''}, so it has a public IP address.`,
      related: [{ span: eip.span, message: `${eip.address} is associated with ${eip.via ?? instance.address}` }],
    });
  }
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
  const launchTemplate = launchTemplateOf(model, instance);
  if (launchTemplate.kind === 'declared') return fromLaunchTemplate(model, instance, launchTemplate.template);
  if (launchTemplate.kind === 'oneOf') {
    // One of several templates, which one known only at apply time: judged alike only when all agree.
    return judgedOnAll(launchTemplate.templates, (t) => [fromLaunchTemplate(model, instance, t)], launchTemplate.block, `${instance.address}: its launch template`)[0]!;
  }
  if (launchTemplate.kind === 'elsewhere' && !instance.attributes.get('subnet_id')) {
    return unknown(launchTemplate.block, `${instance.address} launches from a launch template not declared in the scanned code, which may set its network interface and subnet.`);
  }
  return fromSubnet(model, instance, instance, instance.attributes.get('subnet_id'), instance.span);
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
