import rule from './aws-s3-bucket-acls-disabled.js';
import { testRule } from '../../../testing/rule-tester.js';

const bucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-records"\n}\n';

testRule(rule, {
  pass: [{ name: 'no ownership controls: new-bucket default', terraform: bucket }],
  fail: [
    { name: 'BucketOwnerPreferred keeps ACLs', terraform: `${bucket}resource "aws_s3_bucket_ownership_controls" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    object_ownership = "BucketOwnerPreferred"\n  }\n}\n`, findings: [{ line: 7, message: /BucketOwnerPreferred/ }] },
  ],
  unknown: [
    { name: 'ownership from a variable', terraform: `${bucket}variable "ownership" {\n  type = string\n}\nresource "aws_s3_bucket_ownership_controls" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    object_ownership = var.ownership\n  }\n}\n` },
  ],
});
