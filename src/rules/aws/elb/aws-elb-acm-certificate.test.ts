import rule from './aws-elb-acm-certificate.js';
import { testRule } from '../../../testing/rule-tester.js';

const listener = (cert: string): string => `resource "aws_lb_listener" "l" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/a/b"\n  port = 443\n  protocol = "HTTPS"\n  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n  certificate_arn = ${cert}\n  default_action {\n    type = "forward"\n    target_group_arn = "x"\n  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'reference to an ACM certificate resource', terraform: `resource "aws_acm_certificate" "c" {\n  domain_name = "portal.example.com"\n  validation_method = "DNS"\n}\n${listener('aws_acm_certificate.c.arn')}` },
    { name: 'an ACM certificate ARN whose id is known only at apply time', terraform: `variable "cert_id" {\n  type = string\n}\n${listener('"arn:aws:acm:us-east-1:123456789012:certificate/${var.cert_id}"')}` },
  ],
  fail: [
    { name: 'reference to an IAM server certificate', terraform: `resource "aws_iam_server_certificate" "c" {\n  name = "c"\n  certificate_body = "x"\n  private_key = "y"\n}\n${listener('aws_iam_server_certificate.c.arn')}`, findings: [{ line: 11, message: /IAM server certificate/ }] },
  ],
  unknown: [{ name: 'certificate from a variable', terraform: `variable "cert" {\n  type = string\n}\n${listener('var.cert')}` }],
});
