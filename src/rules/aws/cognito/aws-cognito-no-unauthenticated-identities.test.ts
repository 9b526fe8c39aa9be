import rule from './aws-cognito-no-unauthenticated-identities.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'identity pool default refuses guests', terraform: 'resource "aws_cognito_identity_pool" "p" {\n  identity_pool_name = "p"\n}\n' }],
  fail: [
    { name: 'guests allowed', terraform: 'resource "aws_cognito_identity_pool" "p" {\n  identity_pool_name = "p"\n  allow_unauthenticated_identities = true\n}\n', findings: [{ line: 3, message: /without signing in/ }] },
    { name: 'optional MFA', terraform: 'resource "aws_cognito_user_pool" "u" {\n  name = "u"\n  mfa_configuration = "OPTIONAL"\n}\n', findings: [{ line: 3, message: /"OPTIONAL"/ }] },
  ],
  unknown: [{ name: 'MFA setting from a variable', terraform: 'variable "mfa" {\n  type = string\n}\nresource "aws_cognito_user_pool" "u" {\n  name = "u"\n  mfa_configuration = var.mfa\n}\n' }],
});
