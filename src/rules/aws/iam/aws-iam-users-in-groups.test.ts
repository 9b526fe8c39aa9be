import rule from './aws-iam-users-in-groups.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'group membership resource listing users by reference', terraform: 'resource "aws_iam_user" "alice" {\n  name = "alice"\n}\nresource "aws_iam_group" "analysts" {\n  name = "analysts"\n}\nresource "aws_iam_group_membership" "analysts" {\n  name  = "analysts"\n  group = aws_iam_group.analysts.name\n  users = [aws_iam_user.alice.name]\n}\n' },
  ],
  fail: [
    { name: 'empty group', terraform: 'resource "aws_iam_group" "analysts" {\n  name = "analysts"\n}\n', findings: [{ line: 1, message: /has no members/ }] },
  ],
  unknown: [],
});
