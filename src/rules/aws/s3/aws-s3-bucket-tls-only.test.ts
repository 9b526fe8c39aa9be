import rule from './aws-s3-bucket-tls-only.js';
import { testRule } from '../../../testing/rule-tester.js';

const bucket = 'resource "aws_s3_bucket" "b" {\n  bucket = "phi-data"\n}\n';
const policy = (statement: string): string =>
  `resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [${statement}]\n  })\n}\n`;

testRule(rule, {
  pass: [
    {
      name: 'literal ARNs in jsonencode',
      terraform: bucket + policy('{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::phi-data", "arn:aws:s3:::phi-data/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }'),
    },
  ],
  fail: [
    { name: 'no policy', terraform: bucket, findings: [{ line: 1, message: /no bucket policy/ }] },
    {
      name: 'deny only on GetObject',
      terraform: bucket + policy('{ Effect = "Deny", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::phi-data/*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }'),
      findings: [{ line: 6, message: /no Deny/ }],
    },
  ],
  unknown: [{ name: 'policy from a variable', terraform: `variable "doc" {\n  type = string\n}\n${bucket}resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = var.doc\n}\n` }],
});
