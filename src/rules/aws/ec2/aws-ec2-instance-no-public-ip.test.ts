import rule from './aws-ec2-instance-no-public-ip.js';
import { testRule } from '../../../testing/rule-tester.js';

const privateSubnet = 'resource "aws_subnet" "private" {\n  vpc_id     = "vpc-0123456789abcdef0"\n  cidr_block = "10.0.1.0/24"\n}\n';
const privateInstance = `${privateSubnet}resource "aws_instance" "app" {\n  ami                         = "ami-0123456789abcdef0"\n  instance_type               = "t3.micro"\n  subnet_id                   = aws_subnet.private.id\n  associate_public_ip_address = false\n}\n`;
const templateInstance = 'resource "aws_instance" "app" {\n  launch_template {\n    id      = aws_launch_template.app.id\n    version = "$Latest"\n  }\n}\n';
const publicSubnet = 'resource "aws_subnet" "public" {\n  vpc_id                  = "vpc-0123456789abcdef0"\n  cidr_block              = "10.0.0.0/24"\n  map_public_ip_on_launch = true\n}\n';

testRule(rule, {
  pass: [
    { name: 'an instance in one of two counted subnets, neither of which maps public IPs', terraform: 'resource "aws_subnet" "a" {\n  count                   = 2\n  vpc_id                  = "vpc-0123456789abcdef0"\n  cidr_block              = cidrsubnet("10.0.0.0/16", 8, count.index)\n  map_public_ip_on_launch = false\n}\nresource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  subnet_id     = element(aws_subnet.a[*].id, 1)\n}\n' },
    { name: 'explicitly no public ip in a public subnet', terraform: `${publicSubnet}resource "aws_instance" "app" {\n  ami                         = "ami-0123456789abcdef0"\n  instance_type               = "t3.micro"\n  subnet_id                   = aws_subnet.public.id\n  associate_public_ip_address = false\n}\n` },
    { name: 'launch template without public ip', terraform: 'resource "aws_launch_template" "lt" {\n  image_id = "ami-0123456789abcdef0"\n  network_interfaces {\n    associate_public_ip_address = "false"\n  }\n}\n' },
    {
      name: 'instance judged from its launch template\'s interface (private subnet, no public ip)',
      terraform: `${privateSubnet}resource "aws_launch_template" "app" {\n  image_id = "ami-0123456789abcdef0"\n  network_interfaces {\n    associate_public_ip_address = false\n    subnet_id                   = aws_subnet.private.id\n  }\n}\n${templateInstance}`,
    },
    {
      name: 'instance judged from the subnet its launch template names',
      terraform: `${privateSubnet}resource "aws_launch_template" "app" {\n  image_id = "ami-0123456789abcdef0"\n  network_interfaces {\n    subnet_id = aws_subnet.private.id\n  }\n}\n${templateInstance}`,
    },
    {
      name: 'a declared network interface without an Elastic IP; another interface has one',
      terraform: `${privateSubnet}resource "aws_network_interface" "app" {\n  subnet_id = aws_subnet.private.id\n}\nresource "aws_network_interface" "other" {\n  subnet_id = aws_subnet.private.id\n}\nresource "aws_eip" "other" {\n  domain            = "vpc"\n  network_interface = aws_network_interface.other.id\n}\nresource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  network_interface {\n    network_interface_id = aws_network_interface.app.id\n    device_index         = 0\n  }\n}\n`,
    },
  ],
  fail: [
    { name: 'an instance in one of two counted subnets, both of which map public IPs', terraform: 'resource "aws_subnet" "a" {\n  count                   = 2\n  vpc_id                  = "vpc-0123456789abcdef0"\n  cidr_block              = cidrsubnet("10.0.0.0/16", 8, count.index)\n  map_public_ip_on_launch = true\n}\nresource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  subnet_id     = element(aws_subnet.a[*].id, 1)\n}\n', findings: [{ line: 7, message: /maps public IPs on launch/ }] },
    { name: 'an Elastic IP on an instance in a private subnet', terraform: `${privateInstance}resource "aws_eip" "app" {\n  instance = aws_instance.app.id\n  domain   = "vpc"\n}\n`, findings: [{ line: 5, message: /Elastic IP aws_eip\.app associated/ }] },
    {
      name: 'an Elastic IP associated through aws_eip_association',
      terraform: `${privateInstance}resource "aws_eip" "ip" {\n  domain = "vpc"\n}\nresource "aws_eip_association" "app" {\n  instance_id   = aws_instance.app.id\n  allocation_id = aws_eip.ip.id\n}\n`,
      findings: [{ line: 5, message: /Elastic IP aws_eip_association\.app associated/ }],
    },
    {
      // It passed as "uses a declared network interface" (probe ec1).
      name: 'an Elastic IP on the declared network interface the instance launches with',
      terraform: `${privateSubnet}resource "aws_network_interface" "app" {\n  subnet_id = aws_subnet.private.id\n}\nresource "aws_eip" "app" {\n  domain            = "vpc"\n  network_interface = aws_network_interface.app.id\n}\nresource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  network_interface {\n    network_interface_id = aws_network_interface.app.id\n    device_index         = 0\n  }\n}\n`,
      findings: [{ line: 12, message: /Elastic IP aws_eip\.app associated \(on its network interface aws_network_interface\.app\)/ }],
    },
    {
      name: 'an Elastic IP associated with the primary_network_interface (provider v6) through aws_eip_association',
      terraform: `${privateSubnet}resource "aws_network_interface" "app" {\n  subnet_id = aws_subnet.private.id\n}\nresource "aws_eip" "ip" {\n  domain = "vpc"\n}\nresource "aws_eip_association" "app" {\n  network_interface_id = aws_network_interface.app.id\n  allocation_id        = aws_eip.ip.id\n}\nresource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  primary_network_interface {\n    network_interface_id = aws_network_interface.app.id\n  }\n}\n`,
      findings: [{ line: 15, message: /Elastic IP aws_eip_association\.app associated/ }],
    },
    {
      name: 'an Elastic IP on a second interface attached with aws_network_interface_attachment',
      terraform: `${privateInstance}resource "aws_network_interface" "second" {\n  subnet_id = aws_subnet.private.id\n}\nresource "aws_network_interface_attachment" "second" {\n  instance_id          = aws_instance.app.id\n  network_interface_id = aws_network_interface.second.id\n  device_index         = 1\n}\nresource "aws_eip" "second" {\n  domain            = "vpc"\n  network_interface = aws_network_interface.second.id\n}\n`,
      findings: [{ line: 5, message: /Elastic IP aws_eip\.second associated \(on its network interface aws_network_interface\.second\)/ }],
    },
    {
      name: 'launch template subnet maps public IPs',
      terraform: `${publicSubnet}resource "aws_launch_template" "app" {\n  image_id = "ami-0123456789abcdef0"\n  network_interfaces {\n    subnet_id = aws_subnet.public.id\n  }\n}\n${templateInstance}`,
      findings: [{ line: 12, message: /its subnet aws_subnet\.public maps public IPs/ }],
    },
    { name: 'inherits auto-assign from its subnet', terraform: `${publicSubnet}resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  subnet_id     = aws_subnet.public.id\n}\n`, findings: [{ line: 6, message: /maps public IPs on launch/ }] },
    { name: 'no subnet at all: default subnet', terraform: 'resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n', findings: [{ line: 1, message: /default subnet/ }] },
    { name: 'launch template requests a public ip', terraform: 'resource "aws_launch_template" "lt" {\n  image_id = "ami-0123456789abcdef0"\n  network_interfaces {\n    associate_public_ip_address = true\n  }\n}\n', findings: [{ line: 4 }] },
    {
      // element() at a known position names that subnet, as Terraform evaluates it: the public a[1]. It
      // was linked to both (the first, private, one was judged and passed; then unknown).
      name: 'an instance in the public one of two counted subnets, picked by element()',
      terraform: 'resource "aws_subnet" "a" {\n  count                   = 2\n  vpc_id                  = "vpc-0123456789abcdef0"\n  cidr_block              = cidrsubnet("10.0.0.0/16", 8, count.index)\n  map_public_ip_on_launch = count.index == 1\n}\nresource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  subnet_id     = element(aws_subnet.a[*].id, 1)\n}\n',
      findings: [{ line: 7, message: /its subnet aws_subnet\.a\[1\] maps public IPs on launch/ }],
    },
  ],
  unknown: [
    // At a position the scan does not know: both subnets are linked. (It was `aws_subnet.a[*].id[1]`,
    // which indexes each id, a string: terraform plan 1.11.4 refuses it, "Invalid index", and so does
    // the evaluator now that a resource's id is a string.)
    { name: 'an instance in one of two counted subnets picked from a splat', terraform: 'variable "i" {\n  type = number\n}\nresource "aws_subnet" "a" {\n  count                   = 2\n  vpc_id                  = "vpc-0123456789abcdef0"\n  cidr_block              = cidrsubnet("10.0.0.0/16", 8, count.index)\n  map_public_ip_on_launch = count.index == 1\n}\nresource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  subnet_id     = element(aws_subnet.a[*].id, var.i)\n}\n' },
    { name: 'launch template not in the scan', terraform: 'variable "template_id" {\n  type = string\n}\nresource "aws_instance" "app" {\n  launch_template {\n    id = var.template_id\n  }\n}\n' },
    { name: 'subnet id from a variable', terraform: 'variable "subnet_id" {\n  type = string\n}\nresource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  subnet_id     = var.subnet_id\n}\n' },
    { name: 'subnet declared elsewhere', terraform: 'resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  subnet_id     = "subnet-0123456789abcdef0"\n}\n' },
  ],
});
