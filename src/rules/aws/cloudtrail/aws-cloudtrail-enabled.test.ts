import rule from './aws-cloudtrail-enabled.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'one of two trails logs', terraform: 'resource "aws_cloudtrail" "old" {\n  name           = "old"\n  s3_bucket_name = "example-audit-logs"\n  enable_logging = false\n}\n\nresource "aws_cloudtrail" "org" {\n  name                  = "org"\n  s3_bucket_name        = "example-audit-logs"\n  is_organization_trail = true\n}\n' }],
  fail: [{ name: 'the only trail is switched off', terraform: 'resource "aws_cloudtrail" "main" {\n  name           = "main"\n  s3_bucket_name = "example-audit-logs"\n  enable_logging = false\n}\n', findings: [{ line: 4, column: 3, message: /sets enable_logging to false/ }] }],
  unknown: [
    { name: 'baseline not in scope', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "example"\n}\n' },
    { name: 'logging from a variable without a value', terraform: 'variable "on" {\n  type = bool\n}\n\nresource "aws_cloudtrail" "main" {\n  name           = "main"\n  s3_bucket_name = "example-audit-logs"\n  enable_logging = var.on\n}\n' },
  ],
});
