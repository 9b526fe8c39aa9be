import type { Resource } from '../../../model/resource.js';
import { asList } from '../../../model/read.js';
import { defineRule } from '../../define-rule.js';
import { requireOneOf } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-asg-elb-health-check',
  title: 'Auto Scaling groups behind a load balancer use ELB health checks',
  severity: 'low',
  controls: ['164.308(a)(7)(ii)(C)', '164.308(a)(7)(i)'],
  kind: 'attr',
  why: 'With EC2 health checks an instance whose application has failed keeps running and taking traffic, so users of the ePHI service get errors instead of a replacement instance.',
  howToFix: 'Set health_check_type = "ELB" (with a health_check_grace_period) on Auto Scaling groups that use load_balancers or target_group_arns.',
  links: ['https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html'],
  references: { awsConfig: ['autoscaling-group-elb-healthcheck-required'], checkov: ['CKV2_AWS_15'] },
  targets: (model) =>
    model.ofType('aws_autoscaling_group').filter(
      (g) =>
        asList(g.attributes.get('load_balancers')?.value).length > 0 ||
        asList(g.attributes.get('target_group_arns')?.value).length > 0 ||
        model.related(g, 'aws_autoscaling_attachment').length > 0 ||
        model.related(g, 'aws_autoscaling_traffic_source_attachment').length > 0,
    ),
  check: (group) =>
    requireOneOf(group.address, group, 'health_check_type', ['ELB'], {
      providerDefault: 'EC2',
      consequence: 'instances failing the load balancer health check are not replaced',
      fix: { description: 'Use ELB health checks', safety: 'safe', fixValue: '"ELB"' },
    }),
  examples: {
    terraform: {
      bad: ['resource "aws_autoscaling_group" "app" {\n  name              = "app"\n  min_size          = 2\n  max_size          = 4\n  target_group_arns = ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/abc"]\n}\n'],
      good: [
        'resource "aws_autoscaling_group" "app" {\n  name                      = "app"\n  min_size                  = 2\n  max_size                  = 4\n  target_group_arns         = ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/abc"]\n  health_check_type         = "ELB"\n  health_check_grace_period = 300\n}\n',
      ],
    },
  },
});
