import rule from './aws-default-security-group-closed.js';
import { testRule } from '../../../testing/rule-tester.js';

const vpc = 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n';

testRule(rule, {
  pass: [
    {
      name: 'a rule on another of the VPC\'s attributes is not on its default group',
      terraform: `${vpc}resource "aws_default_security_group" "d" {\n  vpc_id = aws_vpc.main.id\n}\nresource "aws_security_group" "app" {\n  vpc_id = aws_vpc.main.id\n}\nresource "aws_vpc_security_group_egress_rule" "out" {\n  security_group_id = aws_security_group.app.id\n  ip_protocol       = "-1"\n  cidr_ipv4         = aws_vpc.main.cidr_block\n}\n`,
    },
    { name: 'default security group adopted with no rules', terraform: `${vpc}resource "aws_default_security_group" "d" {\n  vpc_id = aws_vpc.main.id\n}\n` },
    { name: 'rules removed with empty list arguments', terraform: `${vpc}resource "aws_default_security_group" "d" {\n  vpc_id  = aws_vpc.main.id\n  ingress = []\n  egress  = []\n}\n` },
  ],
  fail: [
    { name: 'rules written as a list argument', terraform: `${vpc}resource "aws_default_security_group" "d" {\n  vpc_id = aws_vpc.main.id\n  egress = [{ from_port = 0, to_port = 0, protocol = "-1", cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = [], prefix_list_ids = [], security_groups = [], self = false, description = "" }]\n}\n`, findings: [{ line: 6, message: /declares 1 ingress\/egress rule/ }] },
    { name: 'adopted default vpc without its default group', terraform: 'resource "aws_default_vpc" "default" {}\n', findings: [{ line: 1, message: /aws_default_vpc\.default has no aws_default_security_group/ }] },
    { name: 'vpc without an adopted default group', terraform: vpc, findings: [{ line: 1, message: /has no aws_default_security_group/ }] },
    { name: 'adopted default group keeps an ingress rule', terraform: `${vpc}resource "aws_default_security_group" "d" {\n  vpc_id = aws_vpc.main.id\n  ingress {\n    protocol  = -1\n    self      = true\n    from_port = 0\n    to_port   = 0\n  }\n}\n`, findings: [{ line: 6, message: /declares 1 ingress\/egress rule/ }] },
    { name: 'a separate rule added to the default group', terraform: `${vpc}resource "aws_default_security_group" "d" {\n  vpc_id = aws_vpc.main.id\n}\nresource "aws_vpc_security_group_egress_rule" "out" {\n  security_group_id = aws_default_security_group.d.id\n  ip_protocol       = "-1"\n  cidr_ipv4         = "0.0.0.0/0"\n}\n`, findings: [{ line: 7, message: /adds a rule to the default security group/ }] },
    {
      name: "rules added through the VPC's default_security_group_id, to the group adopted with no rules",
      terraform: `${vpc}resource "aws_default_security_group" "d" {\n  vpc_id = aws_vpc.main.id\n}\nresource "aws_security_group_rule" "all" {\n  type              = "egress"\n  security_group_id = aws_vpc.main.default_security_group_id\n  cidr_blocks       = ["0.0.0.0/0"]\n  protocol          = "-1"\n  from_port         = 0\n  to_port           = 0\n}\nresource "aws_vpc_security_group_ingress_rule" "in" {\n  security_group_id = aws_vpc.main.default_security_group_id\n  ip_protocol       = "-1"\n  cidr_ipv4         = "10.0.0.0/8"\n}\n`,
      findings: [{ line: 7, message: /aws_security_group_rule\.all adds a rule to the default security group aws_default_security_group\.d/ }],
    },
  ],
  unknown: [],
});
