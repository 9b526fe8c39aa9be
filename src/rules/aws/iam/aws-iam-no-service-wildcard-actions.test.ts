import rule from './aws-iam-no-service-wildcard-actions.js';
import { testRule } from '../../../testing/rule-tester.js';

const policy = (statement: string): string => `resource "aws_iam_policy" "p" {\n  name = "p"\n  policy = jsonencode({\n    Statement = [${statement}]\n  })\n}\n`;

testRule(rule, {
  pass: [
    { name: "an attachment of the configuration's own policy (its ARN computed at apply time) is judged with that policy's document", terraform: 'resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::phi/*" }] })\n}\nresource "aws_iam_role_policy_attachment" "a" {\n  role       = "app"\n  policy_arn = aws_iam_policy.p.arn\n}\n' },
    { name: 'PassRole on a computed role ARN', terraform: 'resource "aws_iam_role" "app" {\n  name               = "app"\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })\n}\ndata "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["iam:PassRole"]\n    resources = [aws_iam_role.app.arn]\n  }\n}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = data.aws_iam_policy_document.p.json\n}\n' },
    { name: 'prefix wildcard on a specific resource', terraform: policy('{ Effect = "Allow", Action = ["s3:Get*", "s3:List*"], Resource = "arn:aws:s3:::phi-records/*" }') },
    { name: 'PassRole scoped to one role', terraform: policy('{ Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::123456789012:role/app" }') },
  ],
  fail: [
    { name: 'ReadOnlyAccess in an exclusive attachment (provider 5.71+)', terraform: 'resource "aws_iam_role_policy_attachments_exclusive" "app" {\n  role_name   = "app"\n  policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]\n}\n', findings: [{ line: 3, message: /lists in policy_arns the AWS managed ReadOnlyAccess/ }] },
    { name: 'an AWS managed policy named through the partition (arn:${partition}:iam::aws:policy/…)', terraform: 'data "aws_partition" "current" {}\nresource "aws_iam_role_policy_attachment" "a" {\n  role       = "app"\n  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonS3ReadOnlyAccess"\n}\n', findings: [{ line: 4, message: /AmazonS3ReadOnlyAccess/ }] },
    { name: 'the AWS managed ReadOnlyAccess policy attached to a role (it reads every S3 object and DynamoDB item)', terraform: 'resource "aws_iam_role" "scanner" {\n  name               = "scanner"\n  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })\n}\nresource "aws_iam_role_policy_attachment" "ro" {\n  role       = aws_iam_role.scanner.name\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n', findings: [{ line: 7, message: /AWS managed ReadOnlyAccess policy/ }] },
    { name: 'AmazonS3FullAccess in managed_policy_arns', terraform: 'resource "aws_iam_role" "r" {\n  name                = "r"\n  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })\n  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonS3FullAccess"]\n}\n', findings: [{ line: 4, message: /AmazonS3FullAccess policy, which allows s3:\* on Resource "\*"/ }] },
    { name: 'PassRole on every role', terraform: policy('{ Effect = "Allow", Action = ["iam:PassRole", "ec2:RunInstances"], Resource = "*" }'), findings: [{ line: 3, message: /iam:PassRole on Resource "\*"/ }] },
    {
      name: 'every action of a service known only at apply time',
      terraform: `variable "svc" {\n  type = string\n}\n${policy('{ Effect = "Allow", Action = "${var.svc}:*", Resource = "*" }')}`,
      findings: [{ line: 6, message: /"<service>:\*" \(the service is known only at apply time\)/ }],
    },
    { name: 'Allow with NotAction', terraform: policy('{ Effect = "Allow", NotAction = "iam:*", Resource = "*" }'), findings: [{ line: 3, message: /NotAction/ }] },
  ],
  unknown: [
    { name: 'an action known only at apply time may be "*"', terraform: `variable "action" {\n  type = string\n}\n${policy('{ Effect = "Allow", Action = var.action, Resource = "*" }')}` },
    { name: 'an Effect known only at apply time may be Deny', terraform: `variable "effect" {\n  type = string\n}\n${policy('{ Effect = var.effect, Action = "s3:*", Resource = "*" }')}` },
    { name: 'resource from a variable without a value', terraform: 'variable "target" {\n  type = string\n}\ndata "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["iam:PassRole"]\n    resources = [var.target]\n  }\n}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = data.aws_iam_policy_document.p.json\n}\n' },
  ],
});
