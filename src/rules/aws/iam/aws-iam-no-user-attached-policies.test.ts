import rule from './aws-iam-no-user-attached-policies.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'shared attachment to groups only', terraform: 'resource "aws_iam_policy_attachment" "ro" {\n  name       = "ro"\n  groups     = ["analysts"]\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n' },
  ],
  fail: [
    { name: 'an exclusive attachment of managed policies to a user (provider 5.71+)', terraform: 'resource "aws_iam_user_policy_attachments_exclusive" "alice" {\n  user_name   = "alice"\n  policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]\n}\n', findings: [{ line: 1, message: /attaches a policy directly to a user/ }] },
    { name: 'inline user policy', terraform: 'resource "aws_iam_user" "alice" {\n  name = "alice"\n}\nresource "aws_iam_user_policy" "alice" {\n  name   = "alice"\n  user   = aws_iam_user.alice.name\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })\n}\n', findings: [{ line: 4, message: /inline policy directly on a user/ }] },
    { name: 'shared attachment listing users', terraform: 'resource "aws_iam_policy_attachment" "ro" {\n  name       = "ro"\n  users      = ["alice"]\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n', findings: [{ line: 3 }] },
  ],
  unknown: [
    { name: 'users from a variable', terraform: 'variable "users" {\n  type = list(string)\n}\nresource "aws_iam_policy_attachment" "ro" {\n  name       = "ro"\n  users      = var.users\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n' },
  ],
});
