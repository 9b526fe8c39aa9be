import type { Resource } from '../../../model/resource.js';
import { defineRule, unknown, type Outcome } from '../../define-rule.js';
import { requireBoolean, requireOneOf } from '../judge-setting.js';
import { LB_TYPES, loadBalancerType } from './listener-facts.js';

export default defineRule<Resource>({
  id: 'aws-elb-drop-invalid-headers',
  title: 'Application Load Balancers drop invalid headers and mitigate desync',
  severity: 'medium',
  controls: ['164.312(e)(2)(i)', '164.312(e)(1)'],
  kind: 'attr',
  why: 'Malformed headers passed through to back ends enable HTTP request smuggling, which lets an attacker ride another user\'s session to their ePHI.',
  howToFix: 'Set drop_invalid_header_fields = true on the aws_lb and keep desync_mitigation_mode at "defensive" or "strictest".',
  links: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes'],
  references: {
    awsConfig: ['alb-http-drop-invalid-header-enabled', 'alb-desync-mode-check'],
    checkov: ['CKV_AWS_131', 'CKV_AWS_328'],
    trivy: ['AVD-AWS-0052', 'aws-elb-drop-invalid-headers'],
  },
  targets: (model) => LB_TYPES.flatMap((t) => model.ofType(t)).filter((lb) => loadBalancerType(lb) !== 'network' && loadBalancerType(lb) !== 'gateway'),
  check(lb): Outcome[] {
    if (loadBalancerType(lb) === undefined) return [unknown(lb.attributes.get('load_balancer_type')!, `${lb.address}: the load balancer type is known only at apply time.`)];
    const drop = requireBoolean(lb.address, lb, 'drop_invalid_header_fields', true, {
      providerDefault: false,
      consequence: 'requests with malformed headers reach the back end',
      fix: { description: 'Drop invalid header fields', safety: 'safe', fixValue: 'true' },
    });
    const desync = requireOneOf(lb.address, lb, 'desync_mitigation_mode', ['defensive', 'strictest'], {
      providerDefault: 'defensive',
      consequence: 'requests that can cause HTTP desync are passed to the back end',
    });
    return desync.status === 'pass' ? [drop] : [drop, desync].filter((o) => o.status !== 'pass');
  },
  examples: {
    terraform: {
      bad: ['resource "aws_lb" "portal" {\n  name               = "portal"\n  load_balancer_type = "application"\n  subnets            = ["subnet-1", "subnet-2"]\n}\n'],
      good: ['resource "aws_lb" "portal" {\n  name                       = "portal"\n  load_balancer_type         = "application"\n  subnets                    = ["subnet-1", "subnet-2"]\n  drop_invalid_header_fields = true\n}\n'],
    },
  },
});
