import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { carriesTcp, coversPort, describePorts, ingressTargets, internetExposure, judgeIngress } from './ingress-rules.js';

export default defineRule<Resource>({
  id: 'aws-sg-no-ssh-from-internet',
  title: 'Security groups do not allow SSH from the internet',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(1)(ii)(B)'],
  kind: 'attr',
  why: 'SSH open to 0.0.0.0/0 lets anyone on the internet try to log in to hosts that process ePHI; brute force and leaked keys then reach the data directly.',
  howToFix: 'Remove 0.0.0.0/0 and ::/0 from ingress on port 22: reach hosts through SSM Session Manager, or allow only a bastion security group or a corporate CIDR.',
  links: ['https://docs.aws.amazon.com/config/latest/developerguide/restricted-ssh.html'],
  references: { awsConfig: ['restricted-ssh'], checkov: ['CKV_AWS_24'], trivy: ['AVD-AWS-0107', 'aws-ec2-no-public-ingress-sgr'] },
  targets: (model) => ingressTargets(model),
  check: (target, { model }) =>
    judgeIngress(
      target,
      (rule) => {
        const exposure = internetExposure(rule);
        if (exposure === 'closed') return { kind: 'ok' };
        const tcp = carriesTcp(rule.protocol);
        const port = coversPort(rule, 22);
        if (tcp === false || port === false) return { kind: 'ok' };
        if (tcp === undefined || port === undefined) {
          return exposure === 'open'
            ? { kind: 'unknown', message: `${rule.label} is open to the internet on a protocol or port known only at apply time, so SSH exposure cannot be judged.` }
            : { kind: 'ok' };
        }
        if (exposure === 'unknown') return { kind: 'unknown', message: `${rule.label} allows SSH (port 22) from a CIDR known only at apply time.` };
        return { kind: 'fail', message: `${rule.label} allows ${describePorts(rule)} from ${rule.internetSources.join(' and ')}, which opens SSH (port 22) to the internet.` };
      },
      'No ingress rule opens SSH (port 22) to the internet.',
      model,
    ),
  examples: {
    terraform: {
      bad: [
        'resource "aws_security_group" "app" {\n  name = "app"\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n',
      ],
      good: [
        'resource "aws_security_group" "app" {\n  name = "app"\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/16"]\n  }\n}\n',
      ],
    },
  },
});
