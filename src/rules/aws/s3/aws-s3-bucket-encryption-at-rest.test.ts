import rule from './aws-s3-bucket-encryption-at-rest.js';
import { testRule } from '../../../testing/rule-tester.js';

const bucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n}\n';
const sseNamed = (name: string, algorithm: string): string =>
  `resource "aws_s3_bucket_server_side_encryption_configuration" "${name}" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = ${algorithm}\n    }\n  }\n}\n`;

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
    { name: 'two configurations, both accepted: encrypted whichever wins', terraform: `${bucket}\n${sseNamed('a', '"aws:kms"')}\n${sseNamed('b', '"AES256"')}` },
  ],
  fail: [
    // S3 keeps one configuration per bucket, the one applied last: each is judged, the finding names all.
    {
      name: 'a second configuration with an algorithm S3 does not encrypt with',
      terraform: `${bucket}\n${sseNamed('a', '"aws:kms"')}\n${sseNamed('b', '"none"')}`,
      findings: [{ line: 18, message: /has 2 default-encryption configurations \(aws_s3_bucket_server_side_encryption_configuration\.a, aws_s3_bucket_server_side_encryption_configuration\.b\).*: aws_s3_bucket_server_side_encryption_configuration\.b sets sse_algorithm to "none"/ }],
    },
    { name: 'no encryption configuration points at the bucket', terraform: bucket, findings: [{ line: 1, column: 1, message: /does not declare default encryption/ }] },
  ],
  unknown: [
    {
      name: 'two configurations, the second with an apply-time algorithm',
      terraform: `variable "algorithm" {\n  type = string\n}\n\n${bucket}\n${sseNamed('a', '"AES256"')}\n${sseNamed('b', 'var.algorithm')}`,
    },
    {
      name: 'algorithm from a variable without a value',
      terraform: `variable "algorithm" {\n  type = string\n}\n\n${bucket}\nresource "aws_s3_bucket_server_side_encryption_configuration" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = var.algorithm\n    }\n  }\n}\n`,
    },
  ],
});
