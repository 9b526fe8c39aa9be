import rule from './aws-sg-open-only-authorized-ports.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'port 80 on a load balancer whose HTTP listener only redirects to HTTPS (CMS Appian module)', terraform: 'resource "aws_security_group" "lb" {\n  name = "lb"\n  ingress {\n    from_port   = 80\n    to_port     = 80\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\nresource "aws_lb" "public" {\n  name            = "public"\n  security_groups = [aws_security_group.lb.id]\n  subnets         = ["subnet-1", "subnet-2"]\n}\nresource "aws_lb_listener" "http" {\n  load_balancer_arn = aws_lb.public.arn\n  port              = 80\n  protocol          = "HTTP"\n  default_action {\n    type = "redirect"\n    redirect {\n      port        = "443"\n      protocol    = "HTTPS"\n      status_code = "HTTP_301"\n    }\n  }\n}\n' },
    { name: 'https from the internet', terraform: 'resource "aws_security_group" "web" {\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n' },
    { name: 'http allowed by parameter', params: { authorizedTcpPorts: [80, 443] }, terraform: 'resource "aws_security_group" "web" {\n  ingress {\n    from_port   = 80\n    to_port     = 80\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n' },
    { name: 'anything from inside the VPC', terraform: 'resource "aws_security_group" "app" {\n  ingress {\n    from_port   = 0\n    to_port     = 65535\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/16"]\n  }\n}\n' },
  ],
  fail: [
    { name: 'port 80 on a load balancer that serves HTTP', terraform: 'resource "aws_security_group" "lb" {\n  name = "lb"\n  ingress {\n    from_port   = 80\n    to_port     = 80\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\nresource "aws_lb" "public" {\n  name            = "public"\n  security_groups = [aws_security_group.lb.id]\n  subnets         = ["subnet-1", "subnet-2"]\n}\nresource "aws_lb_listener" "http" {\n  load_balancer_arn = aws_lb.public.arn\n  port              = 80\n  protocol          = "HTTP"\n  default_action {\n    type = "forward"\n    redirect {\n      port        = "443"\n      protocol    = "HTTPS"\n      status_code = "HTTP_301"\n    }\n  }\n}\n', findings: [{ line: 3, message: /TCP port 80/ }] },
    {
      name: 'a protocol given by number is named',
      terraform: 'resource "aws_security_group" "rdp" {\n  ingress {\n    from_port   = 3389\n    to_port     = 3389\n    protocol    = "6"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n',
      findings: [{ line: 2, message: /allows TCP port 3389 from 0\.0\.0\.0\/0/ }],
    },
    {
      name: 'ICMP has no ports',
      terraform: 'resource "aws_security_group" "ping" {\n  ingress {\n    from_port   = -1\n    to_port     = -1\n    protocol    = "icmp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n',
      findings: [{ line: 2, message: /allows ICMP from 0\.0\.0\.0\/0/ }],
    },
    { name: 'http from the internet', terraform: 'resource "aws_security_group" "web" {\n  ingress {\n    from_port   = 80\n    to_port     = 80\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n', findings: [{ line: 2, message: /TCP port 80/ }] },
    { name: 'a wide port range', terraform: 'resource "aws_security_group_rule" "wide" {\n  type              = "ingress"\n  security_group_id = "sg-0123456789abcdef0"\n  from_port         = 0\n  to_port           = 65535\n  protocol          = "tcp"\n  cidr_blocks       = ["0.0.0.0/0"]\n}\n' },
  ],
  unknown: [
    // It passed: a rule with an unknown type was read as not ingress.
    { name: 'an aws_security_group_rule whose type (ingress or egress) is a variable without a default', terraform: 'variable "direction" {\n  type = string\n}\nresource "aws_security_group_rule" "r" {\n  type              = var.direction\n  security_group_id = "sg-0123456789abcdef0"\n  from_port         = 8080\n  to_port           = 8080\n  protocol          = "tcp"\n  cidr_blocks       = ["0.0.0.0/0"]\n}\n' },
    { name: 'protocol from a variable', terraform: 'variable "proto" {\n  type = string\n}\nresource "aws_security_group" "web" {\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = var.proto\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n' },
  ],
});
