import rule from './aws-s3-bucket-encryption-at-rest.js';
import { testRule } from '../../../testing/rule-tester.js';

const bucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n}\n';

testRule(rule, {
  pass: [
    {
      name: 'split SSE-KMS configuration',
      terraform: `${bucket}\nresource "aws_s3_bucket_server_side_encryption_configuration" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}\n`,
    },
    {
      name: 'legacy inline configuration',
      terraform:
        'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  server_side_encryption_configuration {\n    rule {\n      apply_server_side_encryption_by_default {\n        sse_algorithm = "AES256"\n      }\n    }\n  }\n}\n',
    },
  ],
  fail: [
    { name: 'no encryption configuration points at the bucket', terraform: bucket, findings: [{ line: 1, column: 1, message: /does not declare default encryption/ }] },
  ],
  unknown: [
    {
      name: 'algorithm from a variable without a value',
      terraform: `variable "algorithm" {\n  type = string\n}\n\n${bucket}\nresource "aws_s3_bucket_server_side_encryption_configuration" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = var.algorithm\n    }\n  }\n}\n`,
    },
  ],
});
