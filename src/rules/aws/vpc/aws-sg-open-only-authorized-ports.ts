import type { InfraModel } from '../../../model/infra-model.js';
import { asNumber, asString, blockOf, blocksOf } from '../../../model/read.js';
import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { describePorts, ingressTargets, protocolName, internetExposure, judgeIngress } from './ingress-rules.js';
import { ownFirst } from '../linked.js';

export default defineRule<Resource, { authorizedTcpPorts: readonly number[]; authorizedUdpPorts: readonly number[] }>({
  id: 'aws-sg-open-only-authorized-ports',
  title: 'Security group rules open to the internet use only authorized ports',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(1)(ii)(B)'],
  kind: 'attr',
  why: 'Every port open to 0.0.0.0/0 is a way into the network that holds ePHI; only deliberately public services (normally HTTPS) should be reachable from the internet.',
  howToFix: 'Limit internet-facing ingress to the authorized ports (default TCP 443; port 80 too on a load balancer whose HTTP listeners only redirect to HTTPS) and never open all ports or protocol -1 to 0.0.0.0/0 or ::/0; put other services behind a load balancer or VPN.',
  links: ['https://docs.aws.amazon.com/config/latest/developerguide/vpc-sg-open-only-to-authorized-ports.html'],
  references: { awsConfig: ['vpc-sg-open-only-to-authorized-ports'], checkov: ['CKV_AWS_277'], trivy: ['AVD-AWS-0107', 'aws-ec2-no-public-ingress-sgr'] },
  // The HIPAA conformance pack's default parameter: authorizedTcpPorts = 443.
  params: { authorizedTcpPorts: [443], authorizedUdpPorts: [] },
  targets: (model) => ingressTargets(model),
  check: (target, { model, params }) =>
    judgeIngress(
      target,
      (rule) => {
        const exposure = internetExposure(rule);
        if (exposure === 'closed') return { kind: 'ok' };
        const p = rule.protocol;
        if (p === undefined || (!rule.ports && p !== 'icmp' && p !== '1' && p !== 'icmpv6' && p !== '58')) {
          return exposure === 'open' ? { kind: 'unknown', message: `${rule.label} is open to the internet on a protocol or port known only at apply time.` } : { kind: 'ok' };
        }
        let allowed: readonly number[] | undefined;
        if (p === 'tcp' || p === '6') allowed = params.authorizedTcpPorts;
        else if (p === 'udp' || p === '17') allowed = params.authorizedUdpPorts;
        const ports = rule.ports;
        const within = allowed !== undefined && ports !== undefined && ports.to - ports.from < 1024 && rangeWithin(ports.from, ports.to, allowed);
        if (within) return { kind: 'ok' };
        if ((p === 'tcp' || p === '6') && ports?.from === 80 && ports.to === 80 && onlyRedirectsToHttps(model, rule.owner)) return { kind: 'ok' };
        if (exposure === 'unknown') return { kind: 'unknown', message: `${rule.label} allows ${describePorts(rule)} from a CIDR known only at apply time.` };
        const described = describePorts(rule);
        const what = p === 'all' ? 'all protocols and ports' : described.startsWith('ICMP') ? described : `${protocolName(p)} ${described}`;
        return { kind: 'fail', message: `${rule.label} allows ${what} from ${rule.internetSources.join(' and ')}, which is not on the authorized list.` };
      },
      'Every ingress rule open to the internet uses an authorized port.',
      model,
    ),
  examples: {
    terraform: {
      bad: [
        'resource "aws_vpc_security_group_ingress_rule" "all" {\n  security_group_id = "sg-0123456789abcdef0"\n  ip_protocol       = "-1"\n  cidr_ipv4         = "0.0.0.0/0"\n}\n',
      ],
      good: [
        'resource "aws_vpc_security_group_ingress_rule" "https" {\n  security_group_id = "sg-0123456789abcdef0"\n  ip_protocol       = "tcp"\n  from_port         = 443\n  to_port           = 443\n  cidr_ipv4         = "0.0.0.0/0"\n}\n',
      ],
    },
  },
});

const LB_TYPES = ['aws_lb', 'aws_alb'];
const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];
/** What may use a load balancer's security group besides load balancers: its own rules. */
const RULE_TYPES = new Set(['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule']);

/**
 * Port 80 on the security group of load balancers whose every port-80 listener only redirects to
 * HTTPS: the usual public front door, which serves nothing over HTTP (aws-alb-http-redirects-to-https
 * judges the listeners). The group must serve nothing else.
 */
function onlyRedirectsToHttps(model: InfraModel, owner: Resource): boolean {
  // A rule of one of several groups (security_group_id = element([...], 1)): exempt only when every one it may open is.
  const groups = owner.type === 'aws_security_group' ? [owner] : ownFirst(owner, model.related(owner, 'aws_security_group'));
  if (groups.length === 0) return false;
  return groups.every((group) => groupOnlyRedirects(model, group));
}

function groupOnlyRedirects(model: InfraModel, group: Resource): boolean {
  const users = model.referrers(group).filter((r) => !RULE_TYPES.has(r.type));
  if (users.length === 0 || !users.every((r) => LB_TYPES.includes(r.type))) return false;
  for (const lb of users) {
    const listeners = LISTENER_TYPES.flatMap((t) => model.related(lb, t)).filter((l) => asNumber(l.attributes.get('port')?.value) === 80);
    for (const listener of listeners) {
      const action = blocksOf(listener, 'default_action')[0];
      const redirect = action ? blockOf(action, 'redirect') : undefined;
      if (asString(action?.attributes.get('type')?.value) !== 'redirect' || asString(redirect?.attributes.get('protocol')?.value)?.toUpperCase() !== 'HTTPS') return false;
    }
  }
  return true;
}

function rangeWithin(from: number, to: number, allowed: readonly number[]): boolean {
  for (let port = from; port <= to; port++) if (!allowed.includes(port)) return false;
  return true;
}
