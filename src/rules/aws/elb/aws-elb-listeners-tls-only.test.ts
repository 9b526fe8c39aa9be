import rule from './aws-elb-listeners-tls-only.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'classic ELB with an SSL listener', terraform: 'resource "aws_elb" "e" {\n  name = "e"\n  availability_zones = ["us-east-1a"]\n  listener {\n    instance_port = 443\n    instance_protocol = "https"\n    lb_port = 443\n    lb_protocol = "https"\n    ssl_certificate_id = "arn:aws:acm:us-east-1:1:certificate/x"\n  }\n}\n' },
    { name: 'PHI target group over HTTPS', terraform: 'resource "aws_lb_target_group" "t" {\n  name = "t"\n  port = 443\n  protocol = "HTTPS"\n  vpc_id = "vpc-1"\n  tags = { DataClassification = "PHI" }\n}\n' },
  ],
  fail: [
    { name: 'classic ELB with an HTTP listener', terraform: 'resource "aws_elb" "e" {\n  name = "e"\n  availability_zones = ["us-east-1a"]\n  listener {\n    instance_port = 80\n    instance_protocol = "http"\n    lb_port = 80\n    lb_protocol = "http"\n  }\n}\n', findings: [{ line: 8, message: /lb_protocol "http"/ }] },
    { name: 'PHI target group over HTTP', terraform: 'resource "aws_lb_target_group" "t" {\n  name = "t"\n  port = 80\n  protocol = "HTTP"\n  vpc_id = "vpc-1"\n  tags = { DataClassification = "PHI" }\n}\n', findings: [{ line: 4 }] },
    { name: 'any target group when the parameter says all', params: { targetGroups: 'all' }, terraform: 'resource "aws_lb_target_group" "t" {\n  name = "t"\n  port = 80\n  protocol = "HTTP"\n  vpc_id = "vpc-1"\n}\n', findings: [{ line: 4 }] },
  ],
  unknown: [
    // TCP passes traffic through: TLS terminated by the targets or plain text, the configuration does not say.
    // The classic listener failed and the NLB's passed; both are unknown.
    { name: 'classic ELB with a TCP listener', terraform: 'resource "aws_elb" "e" {\n  availability_zones = ["us-east-1a"]\n  listener {\n    lb_port           = 443\n    lb_protocol       = "tcp"\n    instance_port     = 443\n    instance_protocol = "tcp"\n  }\n}\n' },
    { name: 'NLB listener on TCP', terraform: 'resource "aws_lb_listener" "l" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/n/abc"\n  port              = 443\n  protocol          = "TCP"\n\n  default_action {\n    type             = "forward"\n    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/def"\n  }\n}\n' },
    { name: 'PHI target group on TCP', terraform: 'resource "aws_lb_target_group" "t" {\n  name     = "t"\n  port     = 443\n  protocol = "TCP"\n  vpc_id   = "vpc-12345678"\n  tags = {\n    data_classification = "phi"\n  }\n}\n' },
    { name: 'listener protocol from a variable', terraform: 'variable "p" {\n  type = string\n}\nresource "aws_lb_listener" "l" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/a/b"\n  port = 443\n  protocol = var.p\n  default_action {\n    type = "forward"\n    target_group_arn = "x"\n  }\n}\n' }],
});
