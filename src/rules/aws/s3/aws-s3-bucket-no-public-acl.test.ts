import rule from './aws-s3-bucket-no-public-acl.js';
import { testRule } from '../../../testing/rule-tester.js';

const bucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-records"\n}\n';

testRule(rule, {
  pass: [
    { name: 'no ACL at all', terraform: bucket },
    { name: 'a canned ACL whose known text rules out every public one', terraform: `${bucket}variable "who" {\n  type = string\n}\nresource "aws_s3_bucket_acl" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  acl    = "bucket-owner-\${var.who}"\n}\n` },
    { name: 'grant to a canonical user', terraform: `${bucket}resource "aws_s3_bucket_acl" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  access_control_policy {\n    grant {\n      grantee {\n        id   = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"\n        type = "CanonicalUser"\n      }\n      permission = "READ"\n    }\n    owner {\n      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"\n    }\n  }\n}\n` },
  ],
  fail: [
    {
      name: 'an object uploaded with a public-read ACL',
      terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "phi-exports"\n}\n\nresource "aws_s3_object" "report" {\n  bucket = aws_s3_bucket.b.id\n  key    = "reports/latest.csv"\n  source = "latest.csv"\n  acl    = "public-read"\n}\n',
      findings: [{ line: 9, message: /aws_s3_object\.report uploads its object to aws_s3_bucket\.b with the canned ACL "public-read"/ }],
    },
    {
      name: 'a canned ACL known only in part that can only be public',
      terraform: `${bucket}variable "mode" {\n  type = string\n}\nresource "aws_s3_bucket_acl" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  acl    = "public-\${var.mode}"\n}\n`,
      findings: [{ line: 9, message: /can only be "public-read" or "public-read-write"/ }],
    },
    { name: 'legacy inline canned ACL', terraform: 'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-records"\n  acl    = "public-read-write"\n}\n', findings: [{ line: 3, message: /read and write/ }] },
    { name: 'grant to AllUsers', terraform: `${bucket}resource "aws_s3_bucket_acl" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  access_control_policy {\n    grant {\n      grantee {\n        type = "Group"\n        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"\n      }\n      permission = "READ"\n    }\n    owner {\n      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"\n    }\n  }\n}\n`, findings: [{ line: 7, message: /AllUsers group/ }] },
  ],
  unknown: [
    { name: 'canned ACL from a variable', terraform: `${bucket}variable "acl" {\n  type = string\n}\nresource "aws_s3_bucket_acl" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  acl    = var.acl\n}\n` },
  ],
});
