import rule from './aws-ec2-ami-not-public.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'shared with an organization', terraform: 'resource "aws_ami_launch_permission" "app" {\n  image_id         = "ami-0123456789abcdef0"\n  organization_arn = "arn:aws:organizations::123456789012:organization/o-exampleorg1"\n}\n' },
    { name: 'group set to null', terraform: 'resource "aws_ami_launch_permission" "app" {\n  image_id   = "ami-0123456789abcdef0"\n  account_id = "123456789012"\n  group      = null\n}\n' },
  ],
  fail: [
    {
      name: 'an image built here, shared with all',
      terraform: 'resource "aws_ami_from_instance" "app" {\n  name               = "app"\n  source_instance_id = "i-0123456789abcdef0"\n}\n\nresource "aws_ami_launch_permission" "app" {\n  image_id = aws_ami_from_instance.app.id\n  group    = "all"\n}\n',
      findings: [{ line: 8, message: /sets group = "all", so every AWS account can launch or copy the image/ }],
    },
  ],
  unknown: [{ name: 'group from a variable without a value', terraform: 'variable "group" {\n  type = string\n}\n\nresource "aws_ami_launch_permission" "app" {\n  image_id = "ami-0123456789abcdef0"\n  group    = var.group\n}\n' }],
});
