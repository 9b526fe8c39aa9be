import rule from './aws-iam-no-service-wildcard-actions.js';
import { testRule } from '../../../testing/rule-tester.js';

const policy = (statement: string): string => `resource "aws_iam_policy" "p" {\n  name = "p"\n  policy = jsonencode({\n    Statement = [${statement}]\n  })\n}\n`;

testRule(rule, {
  pass: [
    { name: "an attachment of the configuration's own policy (its ARN computed at apply time) is judged with that policy's document", terraform: 'resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::phi/*" }] })\n}\nresource "aws_iam_role_policy_attachment" "a" {\n  role       = "app"\n  policy_arn = aws_iam_policy.p.arn\n}\n' },
    { name: 'PassRole on a computed role ARN', terraform: 'resource "aws_iam_role" "app" {\n  name               = "app"\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })\n}\ndata "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["iam:PassRole"]\n    resources = [aws_iam_role.app.arn]\n  }\n}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = data.aws_iam_policy_document.p.json\n}\n' },
    { name: 'prefix wildcard on a specific resource', terraform: policy('{ Effect = "Allow", Action = ["s3:Get*", "s3:List*"], Resource = "arn:aws:s3:::phi-records/*" }') },
    { name: 'reads of one bucket, PassRole on one role path, parameter reads on documents', terraform: policy('{ Effect = "Allow", Action = ["s3:GetObject", "iam:PassRole", "ssm:GetParameter", "ssm:GetDocument"], Resource = ["arn:aws:s3:::my-bucket/*", "arn:aws:iam::*:role/service-role/*", "arn:aws:ssm:*:*:document/*"] }') },
    { name: 'bucket policy writes on every object ARN (objects are not buckets)', terraform: policy('{ Effect = "Allow", Action = "s3:PutBucketPolicy", Resource = "arn:aws:s3:::*/*" }') },
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
    {
      name: 'every object, parameter and role by ARN pattern, as in a policy document',
      terraform: 'data "aws_iam_policy_document" "app" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::*/*"]\n  }\n  statement {\n    actions   = ["ssm:GetParameter", "ssm:GetParametersByPath"]\n    resources = ["arn:aws:ssm:*:*:parameter/*"]\n  }\n  statement {\n    actions   = ["iam:PassRole"]\n    resources = ["arn:aws:iam::*:role/*"]\n  }\n}\nresource "aws_iam_role_policy" "app" {\n  name   = "app"\n  role   = "app"\n  policy = data.aws_iam_policy_document.app.json\n}\n',
      findings: [
        { line: 18, message: /statement 1 allows s3:GetObject on Resource "arn:aws:s3:::\*\/\*", every resource of its type/ },
        { line: 18, message: /statement 2 allows ssm:GetParameter, ssm:GetParametersByPath on Resource "arn:aws:ssm:\*:\*:parameter\/\*"/ },
        { line: 18, message: /statement 3 allows iam:PassRole on Resource "arn:aws:iam::\*:role\/\*"/ },
      ],
    },
    { name: 'every secret by ARN pattern', terraform: policy('{ Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = "arn:aws:secretsmanager:*:*:secret:*" }'), findings: [{ line: 3, message: /secretsmanager:GetSecretValue on Resource "arn:aws:secretsmanager:\*:\*:secret:\*"/ }] },
    { name: 'every parameter of the account in one Region, next to a specific bucket', terraform: policy('{ Effect = "Allow", Action = ["ssm:GetParameters", "s3:GetObject"], Resource = ["arn:aws:s3:::my-bucket/*", "arn:aws:ssm:us-east-1:123456789012:parameter/*"] }'), findings: [{ line: 3, message: /allows ssm:GetParameters on Resource "arn:aws:ssm:us-east-1:123456789012:parameter\/\*"/ }] },
    { name: 'Allow with NotAction', terraform: policy('{ Effect = "Allow", NotAction = "iam:*", Resource = "*" }'), findings: [{ line: 3, message: /NotAction/ }] },
  ],
  unknown: [
    { name: 'an action known only at apply time may be "*"', terraform: `variable "action" {\n  type = string\n}\n${policy('{ Effect = "Allow", Action = var.action, Resource = "*" }')}` },
    { name: 'an Effect known only at apply time may be Deny', terraform: `variable "effect" {\n  type = string\n}\n${policy('{ Effect = var.effect, Action = "s3:*", Resource = "*" }')}` },
    { name: 'resource from a variable without a value', terraform: 'variable "target" {\n  type = string\n}\ndata "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["iam:PassRole"]\n    resources = [var.target]\n  }\n}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = data.aws_iam_policy_document.p.json\n}\n' },
  ],
});
