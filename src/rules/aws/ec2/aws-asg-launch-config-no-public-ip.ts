import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { requireBoolean } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-asg-launch-config-no-public-ip',
  title: 'Auto Scaling launch configurations do not assign public IP addresses',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)', '164.312(e)(1)'],
  kind: 'attr',
  why: 'Every instance an Auto Scaling group launches from this configuration would get an internet-routable address, exposing the ePHI workloads it runs.',
  howToFix: 'Set associate_public_ip_address = false (or leave it unset and use private subnets), and publish services through a load balancer.',
  links: ['https://docs.aws.amazon.com/autoscaling/ec2/userguide/create-launch-config.html'],
  references: { awsConfig: ['autoscaling-launch-config-public-ip-disabled'], checkov: ['CKV_AWS_389'], trivy: ['AVD-AWS-0009', 'aws-ec2-no-public-ip'] },
  targets: (model) => model.ofType('aws_launch_configuration'),
  check: (config) =>
    requireBoolean(config.address, config, 'associate_public_ip_address', false, {
      providerDefault: false,
      consequence: 'instances launched from it get public IP addresses',
      fix: { description: 'Do not assign public IPs (the configuration will be replaced)', safety: 'unsafe', fixValue: 'false' },
    }),
  examples: {
    terraform: {
      bad: ['resource "aws_launch_configuration" "app" {\n  image_id                    = "ami-0123456789abcdef0"\n  instance_type               = "t3.micro"\n  associate_public_ip_address = true\n}\n'],
      good: ['resource "aws_launch_configuration" "app" {\n  image_id      = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n'],
    },
  },
});
