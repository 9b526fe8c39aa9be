import rule from './aws-subnet-no-auto-public-ip.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'explicitly off', terraform: 'resource "aws_subnet" "a" {\n  vpc_id                  = "vpc-0123456789abcdef0"\n  cidr_block              = "10.0.1.0/24"\n  map_public_ip_on_launch = false\n}\n' },
    { name: 'public subnet allow-listed by tag', params: { allowedPublicSubnets: ['Tier=public'] }, terraform: 'resource "aws_subnet" "lb" {\n  vpc_id                  = "vpc-0123456789abcdef0"\n  cidr_block              = "10.0.0.0/24"\n  map_public_ip_on_launch = true\n  tags = {\n    Tier = "public"\n  }\n}\n' },
  ],
  fail: [
    { name: 'default subnet adopted with its default', terraform: 'resource "aws_default_subnet" "a" {\n  availability_zone = "us-east-1a"\n}\n', findings: [{ line: 1, message: /does not set map_public_ip_on_launch \(default true\)/ }] },
  ],
  unknown: [
    { name: 'flag from a variable', terraform: 'variable "public" {\n  type = bool\n}\nresource "aws_subnet" "a" {\n  vpc_id                  = "vpc-0123456789abcdef0"\n  cidr_block              = "10.0.1.0/24"\n  map_public_ip_on_launch = var.public\n}\n' },
  ],
});
