import rule from './aws-ec2-workloads-in-custom-vpc.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'default vpc adopted only to lock it down', terraform: 'resource "aws_default_vpc" "default" {}\n\nresource "aws_default_security_group" "default" {\n  vpc_id = aws_default_vpc.default.id\n}\n' },
    { name: 'instance on a declared interface', terraform: 'resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  network_interface {\n    network_interface_id = "eni-0123456789abcdef0"\n    device_index         = 0\n  }\n}\n' },
  ],
  fail: [
    { name: 'subnet carved out of the default vpc', terraform: 'resource "aws_default_vpc" "default" {}\n\nresource "aws_subnet" "app" {\n  vpc_id     = aws_default_vpc.default.id\n  cidr_block = "172.31.200.0/24"\n}\n', findings: [{ line: 1, message: /used by aws_subnet\.app/ }] },
  ],
  unknown: [],
});
