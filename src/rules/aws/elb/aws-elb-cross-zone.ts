import type { Resource } from '../../../model/resource.js';
import { defineRule, unknown } from '../../define-rule.js';
import { requireBoolean } from '../judge-setting.js';
import { LB_TYPES, loadBalancerType } from './listener-facts.js';

export default defineRule<Resource>({
  id: 'aws-elb-cross-zone',
  title: 'Load balancers balance across Availability Zones',
  severity: 'low',
  controls: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(C)'],
  kind: 'attr',
  why: 'Without cross-zone load balancing, losing the targets in one Availability Zone drops the share of traffic sent there, interrupting access to ePHI services.',
  howToFix: 'Set cross_zone_load_balancing = true on aws_elb, and enable_cross_zone_load_balancing = true on Network and Gateway Load Balancers (Application Load Balancers always balance across zones).',
  links: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#cross-zone-load-balancing'],
  references: { awsConfig: ['elb-cross-zone-load-balancing-enabled', 'nlb-cross-zone-load-balancing-enabled'], checkov: ['CKV_AWS_138', 'CKV_AWS_152'] },
  targets: (model) => [
    ...model.ofType('aws_elb'),
    ...LB_TYPES.flatMap((t) => model.ofType(t)).filter((lb) => loadBalancerType(lb) !== 'application'),
  ],
  check(lb) {
    if (lb.type === 'aws_elb') {
      return requireBoolean(lb.address, lb, 'cross_zone_load_balancing', true, {
        providerDefault: true,
        consequence: 'each zone only serves its own targets',
        fix: { description: 'Enable cross-zone load balancing', safety: 'safe', fixValue: 'true' },
      });
    }
    if (loadBalancerType(lb) === undefined) return unknown(lb.attributes.get('load_balancer_type')!, `${lb.address}: the load balancer type is known only at apply time.`);
    return requireBoolean(lb.address, lb, 'enable_cross_zone_load_balancing', true, {
      providerDefault: false,
      consequence: 'each zone only serves its own targets',
      fix: { description: 'Enable cross-zone load balancing', safety: 'safe', fixValue: 'true' },
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_lb" "ingest" {\n  name               = "ingest"\n  load_balancer_type = "network"\n  subnets            = ["subnet-1", "subnet-2"]\n}\n'],
      good: ['resource "aws_lb" "ingest" {\n  name                             = "ingest"\n  load_balancer_type               = "network"\n  subnets                          = ["subnet-1", "subnet-2"]\n  enable_cross_zone_load_balancing = true\n}\n'],
    },
  },
});
