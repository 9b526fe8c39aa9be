import rule from './aws-iam-no-admin-star-policy.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'policy document with scoped actions', terraform: 'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::phi-records/*"]\n  }\n}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = data.aws_iam_policy_document.p.json\n}\n' },
    { name: 'read-only managed policy attached', terraform: 'resource "aws_iam_role_policy_attachment" "ro" {\n  role       = "auditor"\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n' },
    {
      name: 'read-only managed policy in a partition read from a data source',
      terraform: 'data "aws_partition" "current" {}\n\nresource "aws_iam_role_policy_attachment" "ro" {\n  role       = "auditor"\n  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess"\n}\n',
    },
    { name: 'deny star is fine', terraform: 'resource "aws_iam_policy" "guard" {\n  name = "guard"\n  policy = jsonencode({\n    Statement = [{ Effect = "Deny", Action = "*", Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } } }]\n  })\n}\n' },
    { name: 'iam:* on one role path only', terraform: 'resource "aws_iam_policy" "p" {\n  name = "p"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "arn:aws:iam::123456789012:role/app/*" }]\n  })\n}\n' },
    { name: 'Action "*" on every S3 resource is not administrator access', terraform: 'resource "aws_iam_policy" "p" {\n  name = "p"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::*" }]\n  })\n}\n' },
  ],
  fail: [
    { name: 'iam:* on every resource (it can attach AdministratorAccess to itself)', terraform: 'resource "aws_iam_policy" "deploy" {\n  name = "deploy"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ["iam:*", "s3:GetObject"], Resource = "*" }]\n  })\n}\n', findings: [{ line: 3, message: /"iam:\*" on Resource "\*"/ }] },
    { name: 'iam:* on every IAM resource of every account (arn:aws:iam::*:*)', terraform: 'resource "aws_iam_policy" "deploy" {\n  name = "deploy"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "arn:aws:iam::*:*" }]\n  })\n}\n', findings: [{ line: 3, message: /"iam:\*" on Resource "arn:aws:iam::\*:\*", every IAM resource/ }] },
    {
      name: 'Allow with NotAction on every resource (PowerUserAccess)',
      terraform: 'resource "aws_iam_policy" "power" {\n  name = "power"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", NotAction = ["iam:*", "organizations:*"], Resource = "*" }]\n  })\n}\n',
      findings: [{ line: 3, message: /every action except "iam:\*", "organizations:\*" \(NotAction\)/ }],
    },
    {
      name: 'AdministratorAccess in a partition read from a data source',
      terraform: 'data "aws_partition" "current" {}\n\nresource "aws_iam_role_policy_attachment" "admin" {\n  role       = "ops"\n  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"\n}\n',
      findings: [{ line: 5, message: /AdministratorAccess/ }],
    },
    { name: 'AdministratorAccess attached to a group', terraform: 'resource "aws_iam_group_policy_attachment" "admins" {\n  group      = "developers"\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n', findings: [{ line: 3, message: /AdministratorAccess/ }] },
    { name: 'role inline_policy with star', terraform: 'resource "aws_iam_role" "ops" {\n  name = "ops"\n  assume_role_policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]\n  })\n  inline_policy {\n    name   = "all"\n    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["*"], Resource = ["*"] }] })\n  }\n}\n', findings: [{ line: 8, message: /full administrator access/ }] },
    { name: 'AdministratorAccess in managed_policy_arns', terraform: 'resource "aws_iam_role" "ops" {\n  name                = "ops"\n  assume_role_policy  = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })\n  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]\n}\n', findings: [{ line: 4 }] },
    { name: 'AdministratorAccess in an exclusive attachment (provider 5.71+)', terraform: 'resource "aws_iam_role_policy_attachments_exclusive" "app" {\n  role_name   = "app"\n  policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]\n}\n', findings: [{ line: 3, message: /lists in policy_arns the AWS managed AdministratorAccess/ }] },
    { name: 'AdministratorAccess read by a data source and attached by its arn', terraform: 'data "aws_iam_policy" "admin" {\n  name = "AdministratorAccess"\n}\n\nresource "aws_iam_role_policy_attachment" "a" {\n  role       = "app"\n  policy_arn = data.aws_iam_policy.admin.arn\n}\n', findings: [{ line: 7, message: /attaches the AWS managed AdministratorAccess/ }] },
    { name: 'IAMFullAccess and PowerUserAccess, as their inline equivalents fail', terraform: 'resource "aws_iam_role_policy_attachment" "i" {\n  role       = "app"\n  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"\n}\n\nresource "aws_iam_group_policy_attachment" "p" {\n  group      = "devs"\n  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"\n}\n', findings: [{ line: 3, message: /IAMFullAccess policy, which allows iam:\*/ }, { line: 8, message: /PowerUserAccess policy/ }] },
  ],
  unknown: [
    { name: 'a data source read by a name from a variable', terraform: 'variable "n" {\n  type = string\n}\ndata "aws_iam_policy" "x" {\n  name = var.n\n}\n\nresource "aws_iam_role_policy_attachment" "a" {\n  role       = "app"\n  policy_arn = data.aws_iam_policy.x.arn\n}\n' },
    { name: 'policy arn from a variable', terraform: 'variable "arn" {\n  type = string\n}\nresource "aws_iam_user_policy_attachment" "u" {\n  user       = "alice"\n  policy_arn = var.arn\n}\n' },
  ],
});
