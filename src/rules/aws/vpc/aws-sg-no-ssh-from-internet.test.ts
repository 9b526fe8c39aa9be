import rule from './aws-sg-no-ssh-from-internet.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'https only from the internet', terraform: 'resource "aws_security_group" "web" {\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n' },
    { name: 'ssh from a bastion security group', terraform: 'resource "aws_security_group_rule" "ssh" {\n  type                     = "ingress"\n  security_group_id        = "sg-0123456789abcdef0"\n  from_port                = 22\n  to_port                  = 22\n  protocol                 = "tcp"\n  source_security_group_id = "sg-0fedcba9876543210"\n}\n' },
    { name: 'egress rule is not judged as ingress', terraform: 'resource "aws_security_group" "web" {\n  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n' },
  ],
  fail: [
    {
      name: 'a managed prefix list holding 0.0.0.0/0 (its entry a separate resource)',
      terraform:
        'resource "aws_ec2_managed_prefix_list" "anywhere" {\n  name           = "anywhere"\n  address_family = "IPv4"\n  max_entries    = 2\n  entry {\n    cidr = "10.0.0.0/8"\n  }\n}\n\nresource "aws_ec2_managed_prefix_list" "open" {\n  name           = "open"\n  address_family = "IPv4"\n  max_entries    = 1\n}\n\nresource "aws_ec2_managed_prefix_list_entry" "all" {\n  prefix_list_id = aws_ec2_managed_prefix_list.open.id\n  cidr           = "0.0.0.0/0"\n}\n\nresource "aws_vpc_security_group_ingress_rule" "ssh" {\n  security_group_id = "sg-12345678"\n  ip_protocol       = "tcp"\n  from_port         = 22\n  to_port           = 22\n  prefix_list_id    = aws_ec2_managed_prefix_list.open.id\n}\n',
      findings: [{ line: 21, message: /0\.0\.0\.0\/0 \(prefix list aws_ec2_managed_prefix_list\.open\)/ }],
    },
    // The AWS provider's "attributes as blocks" form (Checkov's inline_rules example): the same rules as ingress blocks.
    { name: 'ingress written as a list argument', terraform: 'resource "aws_security_group" "open" {\n  name = "open"\n  ingress = [{\n    description      = "all"\n    from_port        = 0\n    to_port          = 0\n    protocol         = "-1"\n    cidr_blocks      = ["0.0.0.0/0"]\n    ipv6_cidr_blocks = []\n    prefix_list_ids  = []\n    security_groups  = []\n    self             = false\n  }]\n}\n', findings: [{ line: 3, message: /all protocols and ports from 0\.0\.0\.0\/0/ }] },
    {
      name: 'a /0 network whose address is known only at apply time',
      terraform: 'variable "network" {\n  type = string\n}\n\nresource "aws_vpc_security_group_ingress_rule" "ssh" {\n  security_group_id = "sg-0123456789abcdef0"\n  ip_protocol       = "tcp"\n  from_port         = 22\n  to_port           = 22\n  cidr_ipv4         = "${var.network}/0"\n}\n',
      findings: [{ line: 5, message: /<address known at apply time>\/0/ }],
    },
    { name: 'all protocols from IPv6 anywhere', terraform: 'resource "aws_security_group" "web" {\n  ingress {\n    from_port        = 0\n    to_port          = 0\n    protocol         = "-1"\n    ipv6_cidr_blocks = ["::/0"]\n  }\n}\n', findings: [{ line: 2, message: /all protocols and ports from ::\/0/ }] },
    { name: 'port range covering 22 in a standalone rule', terraform: 'resource "aws_vpc_security_group_ingress_rule" "range" {\n  security_group_id = "sg-0123456789abcdef0"\n  ip_protocol       = "tcp"\n  from_port         = 20\n  to_port           = 25\n  cidr_ipv4         = "0.0.0.0/0"\n}\n', findings: [{ line: 1, message: /ports 20-25/ }] },
    { name: 'dynamic ingress block', terraform: 'resource "aws_security_group" "web" {\n  dynamic "ingress" {\n    for_each = [22, 443]\n    content {\n      from_port   = ingress.value\n      to_port     = ingress.value\n      protocol    = "tcp"\n      cidr_blocks = ["0.0.0.0/0"]\n    }\n  }\n}\n', findings: [{ line: 4 }] },
  ],
  unknown: [
    // It passed: a rule with an unknown type was read as not ingress.
    { name: 'an aws_security_group_rule whose type (ingress or egress) is a variable without a default', terraform: 'variable "direction" {\n  type = string\n}\nresource "aws_security_group_rule" "r" {\n  type              = var.direction\n  security_group_id = "sg-0123456789abcdef0"\n  from_port         = 22\n  to_port           = 22\n  protocol          = "tcp"\n  cidr_blocks       = ["0.0.0.0/0"]\n}\n' },
    {
      name: 'a /16 network whose address is known only at apply time',
      terraform: 'variable "network" {\n  type = string\n}\n\nresource "aws_security_group" "web" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["${var.network}/16"]\n  }\n}\n',
    },
    { name: 'cidr from a variable without a value', terraform: 'variable "admin_cidr" {\n  type = string\n}\nresource "aws_security_group" "web" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = [var.admin_cidr]\n  }\n}\n' },
  ],
});
