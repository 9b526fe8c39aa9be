import rule from './aws-iam-humans-via-federation.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'a login profile of the first of two users, picked by element(), allow-listed', params: { breakGlassUsers: ['breakglass'] }, terraform: 'resource "aws_iam_user" "bg" {\n  name = "breakglass"\n}\nresource "aws_iam_user" "alice" {\n  name = "alice"\n}\nresource "aws_iam_user_login_profile" "p" {\n  user = element([aws_iam_user.bg.name, aws_iam_user.alice.name], 0)\n}\n' },
    { name: 'break-glass user allow-listed', params: { breakGlassUsers: ['breakglass'] }, terraform: 'resource "aws_iam_user" "bg" {\n  name = "breakglass"\n}\nresource "aws_iam_user_login_profile" "bg" {\n  user = aws_iam_user.bg.name\n}\n' },
  ],
  fail: [
    // The login profile is alice's (element index 1): it passed as the first linked user's, breakglass.
    { name: 'a login profile of the second of two users, picked by element(), not allow-listed', params: { breakGlassUsers: ['breakglass'] }, terraform: 'resource "aws_iam_user" "bg" {\n  name = "breakglass"\n}\nresource "aws_iam_user" "alice" {\n  name = "alice"\n}\nresource "aws_iam_user_login_profile" "p" {\n  user = element([aws_iam_user.bg.name, aws_iam_user.alice.name], 1)\n}\n', findings: [{ line: 7, message: /aws_iam_user\.alice/ }] },
    { name: 'access key for a user named literally', terraform: 'resource "aws_iam_access_key" "ci" {\n  user = "ci-deployer"\n}\n', findings: [{ line: 1, message: /long-lived access key for user "ci-deployer"/ }] },
  ],
  unknown: [
    { name: 'user from a variable with a break-glass list', params: { breakGlassUsers: ['breakglass'] }, terraform: 'variable "user" {\n  type = string\n}\nresource "aws_iam_access_key" "k" {\n  user = var.user\n}\n' },
  ],
});
