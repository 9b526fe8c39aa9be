import rule from './aws-sg-no-risky-ports-from-internet.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'https from the internet', terraform: 'resource "aws_security_group" "web" {\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n' },
    { name: 'RDP only from a private range', terraform: 'resource "aws_security_group" "win" {\n  ingress {\n    from_port   = 3389\n    to_port     = 3389\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/8"]\n  }\n}\n' },
  ],
  fail: [
    {
      name: 'the internet written as two halves',
      terraform: 'resource "aws_security_group" "db" {\n  ingress {\n    from_port   = 5432\n    to_port     = 5432\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/1", "128.0.0.0/1"]\n  }\n}\n',
      findings: [{ line: 2, message: /from 0\.0\.0\.0\/1 and 128\.0\.0\.0\/1/ }],
    },
    { name: 'RDP from anywhere', terraform: 'resource "aws_security_group" "win" {\n  ingress {\n    from_port   = 3389\n    to_port     = 3389\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n', findings: [{ line: 2, message: /3389/ }] },
    { name: 'a custom blocked port list', params: { blockedPorts: [8080] }, terraform: 'resource "aws_vpc_security_group_ingress_rule" "alt" {\n  security_group_id = "sg-0123456789abcdef0"\n  ip_protocol       = "tcp"\n  from_port         = 8080\n  to_port           = 8080\n  cidr_ipv4         = "0.0.0.0/0"\n}\n' },
  ],
  unknown: [
    // It passed: a rule with an unknown type was read as not ingress.
    { name: 'an aws_security_group_rule whose type (ingress or egress) is a variable without a default', terraform: 'variable "direction" {\n  type = string\n}\nresource "aws_security_group_rule" "r" {\n  type              = var.direction\n  security_group_id = "sg-0123456789abcdef0"\n  from_port         = 5432\n  to_port           = 5432\n  protocol          = "tcp"\n  cidr_blocks       = ["0.0.0.0/0"]\n}\n' },
    { name: 'port from a variable', terraform: 'variable "port" {\n  type = number\n}\nresource "aws_security_group_rule" "db" {\n  type              = "ingress"\n  security_group_id = "sg-0123456789abcdef0"\n  from_port         = var.port\n  to_port           = var.port\n  protocol          = "tcp"\n  cidr_blocks       = ["0.0.0.0/0"]\n}\n' },
  ],
});
