import rule from './aws-ec2-instance-profile-attached.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'profile from a declared resource', terraform: 'resource "aws_iam_instance_profile" "app" {\n  name = "app"\n  role = "app"\n}\n\nresource "aws_instance" "app" {\n  ami                  = "ami-0123456789abcdef0"\n  instance_type        = "t3.micro"\n  iam_instance_profile = aws_iam_instance_profile.app.name\n}\n' }],
  fail: [{ name: 'no profile', terraform: 'resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n', findings: [{ line: 1, message: /does not set iam_instance_profile/ }] }],
  unknown: [],
});
