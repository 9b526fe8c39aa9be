import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { carriesTcp, describePorts, ingressTargets, internetExposure, judgeIngress } from './ingress-rules.js';

/** The HIPAA pack's restricted-common-ports defaults (20, 21, 3389, 3306, 4333) plus common database ports. */
const DEFAULT_BLOCKED_PORTS: readonly number[] = [20, 21, 3389, 3306, 4333, 1433, 5432, 1521, 27017, 6379, 9200];

export default defineRule<Resource, { blockedPorts: readonly number[] }>({
  id: 'aws-sg-no-risky-ports-from-internet',
  title: 'Security groups do not open administrative or database ports to the internet',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(1)(ii)(B)'],
  kind: 'attr',
  why: 'FTP, RDP and database ports open to 0.0.0.0/0 expose ePHI stores and admin consoles to internet-wide scanning and credential attacks.',
  howToFix: 'Remove 0.0.0.0/0 and ::/0 from ingress on these ports; allow only the application security group or a private CIDR, and reach databases through the VPC.',
  links: ['https://docs.aws.amazon.com/config/latest/developerguide/restricted-common-ports.html'],
  references: { awsConfig: ['restricted-common-ports'], checkov: ['CKV_AWS_25', 'CKV_AWS_260'], trivy: ['AVD-AWS-0107', 'aws-ec2-no-public-ingress-sgr'] },
  params: { blockedPorts: DEFAULT_BLOCKED_PORTS },
  targets: (model) => ingressTargets(model),
  check: (target, { model, params }) =>
    judgeIngress(
      target,
      (rule) => {
        const exposure = internetExposure(rule);
        if (exposure === 'closed') return { kind: 'ok' };
        const tcp = carriesTcp(rule.protocol);
        if (tcp === false) return { kind: 'ok' };
        if (tcp === undefined || !rule.ports) {
          return exposure === 'open'
            ? { kind: 'unknown', message: `${rule.label} is open to the internet on a protocol or port known only at apply time, so exposure of ${params.blockedPorts.join(', ')} cannot be judged.` }
            : { kind: 'ok' };
        }
        const hit = params.blockedPorts.filter((p) => rule.ports!.from <= p && p <= rule.ports!.to);
        if (hit.length === 0) return { kind: 'ok' };
        if (exposure === 'unknown') return { kind: 'unknown', message: `${rule.label} allows port ${hit.join(', ')} from a CIDR known only at apply time.` };
        return {
          kind: 'fail',
          message: `${rule.label} allows ${describePorts(rule)} from ${rule.internetSources.join(' and ')}, which opens blocked port${hit.length > 1 ? 's' : ''} ${hit.join(', ')} to the internet.`,
        };
      },
      'No ingress rule opens a blocked administrative or database port to the internet.',
      model,
    ),
  examples: {
    terraform: {
      bad: [
        'resource "aws_security_group_rule" "postgres" {\n  type              = "ingress"\n  security_group_id = "sg-0123456789abcdef0"\n  from_port         = 5432\n  to_port           = 5432\n  protocol          = "tcp"\n  cidr_blocks       = ["0.0.0.0/0"]\n}\n',
      ],
      good: [
        'resource "aws_security_group_rule" "postgres" {\n  type              = "ingress"\n  security_group_id = "sg-0123456789abcdef0"\n  from_port         = 5432\n  to_port           = 5432\n  protocol          = "tcp"\n  cidr_blocks       = ["10.0.0.0/16"]\n}\n',
      ],
    },
  },
});
