import rule from './aws-asg-launch-config-no-public-ip.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'explicitly false', terraform: 'resource "aws_launch_configuration" "lc" {\n  image_id                    = "ami-0123456789abcdef0"\n  instance_type               = "t3.micro"\n  associate_public_ip_address = false\n}\n' }],
  fail: [{ name: 'true as a string', terraform: 'resource "aws_launch_configuration" "lc" {\n  image_id                    = "ami-0123456789abcdef0"\n  instance_type               = "t3.micro"\n  associate_public_ip_address = "true"\n}\n', findings: [{ line: 4 }] }],
  unknown: [{ name: 'from a variable', terraform: 'variable "public" {\n  type = bool\n}\nresource "aws_launch_configuration" "lc" {\n  image_id                    = "ami-0123456789abcdef0"\n  instance_type               = "t3.micro"\n  associate_public_ip_address = var.public\n}\n' }],
});
