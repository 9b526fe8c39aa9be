import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { describePorts, ingressTargets, protocolName, internetExposure, judgeIngress } from './ingress-rules.js';

export default defineRule<Resource, { authorizedTcpPorts: readonly number[]; authorizedUdpPorts: readonly number[] }>({
  id: 'aws-sg-open-only-authorized-ports',
  title: 'Security group rules open to the internet use only authorized ports',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(1)(ii)(B)'],
  kind: 'attr',
  why: 'Every port open to 0.0.0.0/0 is a way into the network that holds ePHI; only deliberately public services (normally HTTPS) should be reachable from the internet.',
  howToFix: 'Limit internet-facing ingress to the authorized ports (default TCP 443) and never open all ports or protocol -1 to 0.0.0.0/0 or ::/0; put other services behind a load balancer or VPN.',
  links: ['https://docs.aws.amazon.com/config/latest/developerguide/vpc-sg-open-only-to-authorized-ports.html'],
  references: { awsConfig: ['vpc-sg-open-only-to-authorized-ports'], checkov: ['CKV_AWS_277'], trivy: ['AVD-AWS-0107', 'aws-ec2-no-public-ingress-sgr'] },
  // The HIPAA conformance pack's default parameter: authorizedTcpPorts = 443.
  params: { authorizedTcpPorts: [443], authorizedUdpPorts: [] },
  targets: (model) => ingressTargets(model),
  check: (target, { params }) =>
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
        if (exposure === 'unknown') return { kind: 'unknown', message: `${rule.label} allows ${describePorts(rule)} from a CIDR known only at apply time.` };
        const described = describePorts(rule);
        const what = p === 'all' ? 'all protocols and ports' : described.startsWith('ICMP') ? described : `${protocolName(p)} ${described}`;
        return { kind: 'fail', message: `${rule.label} allows ${what} from ${rule.internetSources.join(' and ')}, which is not on the authorized list.` };
      },
      'Every ingress rule open to the internet uses an authorized port.',
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

function rangeWithin(from: number, to: number, allowed: readonly number[]): boolean {
  for (let port = from; port <= to; port++) if (!allowed.includes(port)) return false;
  return true;
}
