import rule from './aws-ec2-instance-no-public-ip.js';
import { testRule } from '../../../testing/rule-tester.js';

const publicSubnet = 'resource "aws_subnet" "public" {\n  vpc_id                  = "vpc-0123456789abcdef0"\n  cidr_block              = "10.0.0.0/24"\n  map_public_ip_on_launch = true\n}\n';

testRule(rule, {
  pass: [
    { name: 'explicitly no public ip in a public subnet', terraform: `${publicSubnet}resource "aws_instance" "app" {\n  ami                         = "ami-0123456789abcdef0"\n  instance_type               = "t3.micro"\n  subnet_id                   = aws_subnet.public.id\n  associate_public_ip_address = false\n}\n` },
    { name: 'launch template without public ip', terraform: 'resource "aws_launch_template" "lt" {\n  image_id = "ami-0123456789abcdef0"\n  network_interfaces {\n    associate_public_ip_address = "false"\n  }\n}\n' },
  ],
  fail: [
    { name: 'inherits auto-assign from its subnet', terraform: `${publicSubnet}resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  subnet_id     = aws_subnet.public.id\n}\n`, findings: [{ line: 6, message: /maps public IPs on launch/ }] },
    { name: 'no subnet at all: default subnet', terraform: 'resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n', findings: [{ line: 1, message: /default subnet/ }] },
    { name: 'launch template requests a public ip', terraform: 'resource "aws_launch_template" "lt" {\n  image_id = "ami-0123456789abcdef0"\n  network_interfaces {\n    associate_public_ip_address = true\n  }\n}\n', findings: [{ line: 4 }] },
  ],
  unknown: [
    { name: 'subnet id from a variable', terraform: 'variable "subnet_id" {\n  type = string\n}\nresource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  subnet_id     = var.subnet_id\n}\n' },
    { name: 'subnet declared elsewhere', terraform: 'resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  subnet_id     = "subnet-0123456789abcdef0"\n}\n' },
  ],
});
