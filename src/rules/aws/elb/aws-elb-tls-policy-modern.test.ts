import rule from './aws-elb-tls-policy-modern.js';
import { testRule } from '../../../testing/rule-tester.js';

const listener = (extra: string): string => `resource "aws_lb_listener" "l" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/net/n/b"\n  port = 443\n  protocol = "TLS"\n  certificate_arn = "arn:aws:acm:us-east-1:1:certificate/x"\n${extra}  default_action {\n    type = "forward"\n    target_group_arn = "x"\n  }\n}\n`;
const classic = 'resource "aws_elb" "e" {\n  name = "e"\n  availability_zones = ["us-east-1a"]\n  listener {\n    instance_port = 443\n    instance_protocol = "https"\n    lb_port = 443\n    lb_protocol = "https"\n    ssl_certificate_id = "arn:aws:acm:us-east-1:1:certificate/x"\n  }\n}\n';
const classicPolicy = (reference: string): string => `resource "aws_load_balancer_policy" "p" {\n  load_balancer_name = aws_elb.e.name\n  policy_name = "tls12"\n  policy_type_name = "SSLNegotiationPolicyType"\n  policy_attribute {\n    name = "Reference-Security-Policy"\n    value = "${reference}"\n  }\n}\nresource "aws_load_balancer_listener_policy" "lp" {\n  load_balancer_name = aws_elb.e.name\n  load_balancer_port = 443\n  policy_names = [aws_load_balancer_policy.p.policy_name]\n}\n`;

const negotiation = (reference: string): string => `resource "aws_lb_ssl_negotiation_policy" "n" {\n  name = "tls12"\n  load_balancer = aws_elb.e.id\n  lb_port = 443\n  attribute {\n    name = "Reference-Security-Policy"\n    value = "${reference}"\n  }\n}\n`;
const secondListener = 'resource "aws_elb" "e" {\n  name = "e"\n  availability_zones = ["us-east-1a"]\n  listener {\n    instance_port = 443\n    instance_protocol = "https"\n    lb_port = 443\n    lb_protocol = "https"\n    ssl_certificate_id = "arn:aws:acm:us-east-1:1:certificate/x"\n  }\n  listener {\n    instance_port = 8443\n    instance_protocol = "https"\n    lb_port = 8443\n    lb_protocol = "https"\n    ssl_certificate_id = "arn:aws:acm:us-east-1:1:certificate/x"\n  }\n}\n';
const stickinessOnly = 'resource "aws_lb_cookie_stickiness_policy" "sticky" {\n  name = "sticky"\n  load_balancer = aws_elb.e.id\n  lb_port = 443\n  cookie_expiration_period = 600\n}\nresource "aws_load_balancer_listener_policy" "lp" {\n  load_balancer_name = aws_elb.e.name\n  load_balancer_port = 443\n  policy_names = [aws_lb_cookie_stickiness_policy.sticky.name]\n}\n';

testRule(rule, {
  pass: [
    { name: 'NLB TLS listener with FS 1.2 policy', terraform: listener('  ssl_policy = "ELBSecurityPolicy-FS-1-2-Res-2020-10"\n') },
    { name: 'classic ELB with a TLS 1.2 reference policy', terraform: classic + classicPolicy('ELBSecurityPolicy-TLS-1-2-2017-01') },
    { name: 'classic ELB with an aws_lb_ssl_negotiation_policy on its port', terraform: classic + negotiation('ELBSecurityPolicy-TLS-1-2-2017-01') },
  ],
  fail: [
    { name: 'ssl_policy missing', terraform: listener(''), findings: [{ line: 1, message: /does not set ssl_policy/ }] },
    { name: 'classic ELB without listener policy', terraform: classic, findings: [{ line: 4, message: /port 443 has no SSL negotiation policy .* ELBSecurityPolicy-2016-08/ }] },
    { name: 'classic ELB with a TLS 1.2 policy on one listener of two', terraform: secondListener + classicPolicy('ELBSecurityPolicy-TLS-1-2-2017-01'), findings: [{ line: 11, message: /port 8443 has no SSL negotiation policy/ }] },
    { name: 'classic ELB listener policy with only a stickiness policy', terraform: classic + stickinessOnly, findings: [{ line: 4, message: /port 443 has no SSL negotiation policy/ }] },
    { name: 'aws_lb_ssl_negotiation_policy referencing an old policy', terraform: classic + negotiation('ELBSecurityPolicy-2016-08'), findings: [{ line: 18, message: /references ELBSecurityPolicy-2016-08/ }] },
    { name: 'classic policy referencing an old policy', terraform: classic + classicPolicy('ELBSecurityPolicy-2016-08'), findings: [{ line: 18 }] },
  ],
  unknown: [{ name: 'policy from a variable', terraform: `variable "pol" {\n  type = string\n}\n${listener('  ssl_policy = var.pol\n')}` }],
});
