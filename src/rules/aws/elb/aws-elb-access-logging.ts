import type { Resource } from '../../../model/resource.js';
import { asString, attr, attrOr, blockOf } from '../../../model/read.js';
import { defineRule, fail } from '../../define-rule.js';
import { requireFlag } from '../require-setting.js';

export default defineRule<Resource>({
  id: 'aws-elb-access-logging',
  title: 'Load balancers write access logs to S3',
  severity: 'medium',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)', '164.308(a)(6)(ii)'],
  kind: 'attr',
  why: 'Load balancer access logs record every request (client, path, status) to the applications that serve ePHI, which access reviews and incident response depend on.',
  howToFix: 'Add access_logs { bucket = <log bucket>, enabled = true } to aws_lb/aws_alb (aws_elb: access_logs { bucket = ... }).',
  links: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html'],
  references: { awsConfig: ['elb-logging-enabled'], checkov: ['CKV_AWS_91', 'CKV_AWS_92'] },
  // Gateway Load Balancers have no access logs.
  targets: (model) => [...model.ofType('aws_lb'), ...model.ofType('aws_alb'), ...model.ofType('aws_elb')].filter((lb) => asString(attrOr(lb, 'load_balancer_type', 'application').value) !== 'gateway'),
  check(lb) {
    const logs = blockOf(lb, 'access_logs');
    if (!logs) {
      return fail(lb, { message: `${lb.address} does not declare access_logs, so requests to it are not logged.` });
    }
    if (!attr(logs, 'bucket')) return fail(logs, { message: `${lb.address} access_logs names no bucket.` });
    // aws_lb's access_logs.enabled defaults to false even with a bucket; classic ELB's defaults to true.
    return requireFlag(lb, logs, 'enabled', {
      providerDefault: lb.type === 'aws_elb',
      label: `${lb.address} access_logs`,
      consequence: 'requests are not logged',
      fix: { description: 'Enable access logs', safety: 'safe' },
    }).outcome;
  },
  examples: {
    terraform: {
      bad: ['resource "aws_lb" "portal" {\n  name               = "patient-portal"\n  load_balancer_type = "application"\n  subnets            = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]\n}\n'],
      good: [
        'resource "aws_lb" "portal" {\n  name               = "patient-portal"\n  load_balancer_type = "application"\n  subnets            = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]\n\n  access_logs {\n    bucket  = "example-lb-logs"\n    prefix  = "portal"\n    enabled = true\n  }\n}\n',
      ],
    },
  },
});
