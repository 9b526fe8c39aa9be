import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { requireBoolean } from '../judge-setting.js';
import { LB_TYPES } from './listener-facts.js';

export default defineRule<Resource>({
  id: 'aws-elb-deletion-protection',
  title: 'Load balancers have deletion protection',
  severity: 'low',
  controls: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(C)'],
  kind: 'attr',
  why: 'Deleting the load balancer in front of a PHI application takes it offline for clinicians and patients; deletion protection makes that a deliberate two-step act.',
  howToFix: 'Set enable_deletion_protection = true on the aws_lb.',
  links: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection'],
  references: { awsConfig: ['elb-deletion-protection-enabled'], checkov: ['CKV_AWS_150'] },
  targets: (model) => LB_TYPES.flatMap((t) => model.ofType(t)),
  check: (lb) =>
    requireBoolean(lb.address, lb, 'enable_deletion_protection', true, {
      providerDefault: false,
      consequence: 'a single API call or terraform destroy can delete it',
      fix: { description: 'Enable deletion protection', safety: 'safe', fixValue: 'true' },
    }),
  examples: {
    terraform: {
      bad: ['resource "aws_lb" "portal" {\n  name    = "portal"\n  subnets = ["subnet-1", "subnet-2"]\n}\n'],
      good: ['resource "aws_lb" "portal" {\n  name                       = "portal"\n  subnets                    = ["subnet-1", "subnet-2"]\n  enable_deletion_protection = true\n}\n'],
    },
  },
});
