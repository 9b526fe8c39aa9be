import rule from './aws-iam-no-inline-policies.js';
import { testRule } from '../../../testing/rule-tester.js';

const trust = 'jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })';

testRule(rule, {
  pass: [
    { name: 'empty inline_policy block removes inline policies', terraform: `resource "aws_iam_role" "app" {\n  name               = "app"\n  assume_role_policy = ${trust}\n  inline_policy {}\n}\n` },
  ],
  fail: [
    { name: 'role with an inline_policy block', terraform: `resource "aws_iam_role" "app" {\n  name               = "app"\n  assume_role_policy = ${trust}\n  inline_policy {\n    name   = "s3"\n    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })\n  }\n}\n`, findings: [{ line: 4, message: /declares an inline_policy/ }] },
    { name: 'group policy', terraform: 'resource "aws_iam_group_policy" "g" {\n  name   = "g"\n  group  = "analysts"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })\n}\n', findings: [{ line: 1 }] },
  ],
  unknown: [],
});
