import rule from './aws-iam-humans-via-federation.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'break-glass user allow-listed', params: { breakGlassUsers: ['breakglass'] }, terraform: 'resource "aws_iam_user" "bg" {\n  name = "breakglass"\n}\nresource "aws_iam_user_login_profile" "bg" {\n  user = aws_iam_user.bg.name\n}\n' },
  ],
  fail: [
    { name: 'access key for a user named literally', terraform: 'resource "aws_iam_access_key" "ci" {\n  user = "ci-deployer"\n}\n', findings: [{ line: 1, message: /long-lived access key for user "ci-deployer"/ }] },
  ],
  unknown: [
    { name: 'user from a variable with a break-glass list', params: { breakGlassUsers: ['breakglass'] }, terraform: 'variable "user" {\n  type = string\n}\nresource "aws_iam_access_key" "k" {\n  user = var.user\n}\n' },
  ],
});
