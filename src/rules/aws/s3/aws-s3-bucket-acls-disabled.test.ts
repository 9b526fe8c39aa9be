import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from './aws-s3-bucket-acls-disabled.js';
import { runRuleOn, testRule } from '../../../testing/rule-tester.js';
import type { AnyRule } from '../../define-rule.js';

const bucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-records"\n}\n';

testRule(rule, {
  pass: [
    { name: 'no ownership controls: new-bucket default', terraform: bucket },
    { name: 'a private canned ACL grants nothing beyond the owner', terraform: `${bucket}resource "aws_s3_bucket_acl" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  acl    = "private"\n}\n` },
  ],
  fail: [
    // A real log-bucket module (provider v3 style, and v4 split): the bucket relies on ACLs, which no ownership controls enable.
    { name: 'log-delivery-write ACL inline, no ownership controls', terraform: 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n  acl    = "log-delivery-write"\n}\n', findings: [{ line: 3, message: /relies on ACLs.*AccessControlListNotSupported/ }] },
    { name: 'a grant in aws_s3_bucket_acl, no ownership controls', terraform: `${bucket}resource "aws_s3_bucket_acl" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  access_control_policy {\n    grant {\n      grantee {\n        type = "Group"\n        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"\n      }\n      permission = "WRITE"\n    }\n    owner {\n      id = "abc"\n    }\n  }\n}\n`, findings: [{ line: 7, message: /grant block/i }] },
    { name: 'BucketOwnerPreferred keeps ACLs', terraform: `${bucket}resource "aws_s3_bucket_ownership_controls" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    object_ownership = "BucketOwnerPreferred"\n  }\n}\n`, findings: [{ line: 7, message: /BucketOwnerPreferred/ }] },
  ],
  unknown: [
    { name: 'ownership from a variable', terraform: `${bucket}variable "ownership" {\n  type = string\n}\nresource "aws_s3_bucket_ownership_controls" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    object_ownership = var.ownership\n  }\n}\n` },
  ],
});

test('ObjectWriter with an ACL grant (CloudFront log delivery): no automatic fix, which AWS would refuse, and the message says to move the grant first', () => {
  const tf = `${bucket}resource "aws_s3_bucket_ownership_controls" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    object_ownership = "ObjectWriter"\n  }\n}\n\nresource "aws_s3_bucket_acl" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  acl    = "log-delivery-write"\n}\n`;
  const [finding] = runRuleOn(rule as unknown as AnyRule, tf).findings.filter((f) => f.status === 'fail');
  assert.ok(finding);
  assert.equal(finding.fix, undefined);
  assert.match(finding.message, /grants access by ACL: move that access to the bucket policy/);
  const [plain] = runRuleOn(rule as unknown as AnyRule, `${bucket}resource "aws_s3_bucket_ownership_controls" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    object_ownership = "ObjectWriter"\n  }\n}\n`).findings.filter((f) => f.status === 'fail');
  assert.ok(plain?.fix, 'without grants the fix is offered');
});
