import rule from './aws-s3-bucket-tls-only.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRuleOn, testRule } from '../../../testing/rule-tester.js';
import type { AnyRule } from '../../define-rule.js';

const bucket = 'resource "aws_s3_bucket" "b" {\n  bucket = "phi-data"\n}\n';
const policy = (statement: string): string =>
  `resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [${statement}]\n  })\n}\n`;

testRule(rule, {
  pass: [
    {
      name: 'literal ARNs in jsonencode',
      terraform: bucket + policy('{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::phi-data", "arn:aws:s3:::phi-data/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }'),
    },
    {
      // terraform-aws-s3-bucket's way: a policy template whose placeholders replace() fills with the bucket's apply-time id.
      name: 'a policy template filled in by replace() with the bucket id',
      terraform:
        'resource "aws_s3_bucket" "b" {\n  bucket_prefix = "phi-"\n}\n\ndata "aws_iam_policy_document" "tls" {\n  statement {\n    effect    = "Deny"\n    actions   = ["s3:*"]\n    resources = ["arn:aws:s3:::_BUCKET_ID_", "arn:aws:s3:::_BUCKET_ID_/*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test     = "Bool"\n      variable = "aws:SecureTransport"\n      values   = ["false"]\n    }\n  }\n}\n\nresource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = replace(data.aws_iam_policy_document.tls.json, "_BUCKET_ID_", aws_s3_bucket.b.id)\n}\n',
    },
    // A `*` ending the bucket part matches the slash and every key after it (IAM User Guide, Resource element).
    { name: 'deny on every bucket and object (arn:aws:s3:::*)', terraform: bucket + policy('{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "arn:aws:s3:::*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }') },
    { name: 'deny on the bucket name followed by a wildcard', terraform: bucket + policy('{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "${aws_s3_bucket.b.arn}*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }') },
  ],
  fail: [
    { name: 'no policy', terraform: bucket, findings: [{ line: 1, message: /no bucket policy/ }] },
    {
      name: 'deny only on GetObject',
      terraform: bucket + policy('{ Effect = "Deny", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::phi-data/*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }'),
      findings: [{ line: 6, message: /no Deny/ }],
    },
    {
      name: 'deny only on a prefix of the objects',
      terraform: bucket + policy('{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/exports/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }'),
      findings: [{ line: 6, message: /denies plain HTTP for only the objects matching …\/exports\/\*/ }],
    },
    {
      name: 'deny on this bucket and another bucket\'s objects',
      terraform: bucket + policy('{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::phi-data", "arn:aws:s3:::other-bucket/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }'),
      findings: [{ line: 6, message: /the bucket but none of its objects/ }],
    },
    {
      name: 'deny narrowed by another condition (one account\'s callers)',
      terraform: bucket + policy('{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::phi-data", "arn:aws:s3:::phi-data/*"], Condition = { Bool = { "aws:SecureTransport" = "false" }, StringEquals = { "aws:PrincipalAccount" = "111122223333" } } }'),
      findings: [{ line: 6, message: /only requests that also match StringEquals aws:PrincipalAccount/ }],
    },
  ],
  unknown: [
    {
      // It may narrow the Deny to some requests, or be empty: it was dropped, and the Deny judged whole (a pass).
      name: 'the TLS deny with another condition operator known only at apply time',
      terraform: `variable "scope" {\n  type = map(string)\n}\n${bucket}${policy('{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::phi-data", "arn:aws:s3:::phi-data/*"], Condition = { Bool = { "aws:SecureTransport" = "false" }, StringEquals = var.scope } }')}`,
    },
    {
      name: 'the TLS deny with an Effect known only at apply time',
      terraform: `variable "effect" {\n  type = string\n}\n${bucket}${policy('{ Effect = var.effect, Principal = "*", Action = "s3:*", Resource = [aws_s3_bucket.b.arn, "\${aws_s3_bucket.b.arn}/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }')}`,
    },
    { name: 'policy from a variable', terraform: `variable "doc" {\n  type = string\n}\n${bucket}resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = var.doc\n}\n` },
  ],
});

test('an undecided TLS Deny names the part known only at apply time, not the whole policy', () => {
  const cases: [string, RegExp][] = [
    [
      `variable "scope" {\n  type = map(string)\n}\n${bucket}${policy('{ Sid = "TLS", Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::phi-data", "arn:aws:s3:::phi-data/*"], Condition = { Bool = { "aws:SecureTransport" = "false" }, StringEquals = var.scope } }')}`,
      /in the bucket policy's statement "TLS", the StringEquals condition beside aws:SecureTransport is not known to the scan \(var\.scope is a required variable/,
    ],
    [
      `variable "effect" {\n  type = string\n}\n${bucket}${policy('{ Effect = var.effect, Principal = "*", Action = "s3:*", Resource = [aws_s3_bucket.b.arn, "\${aws_s3_bucket.b.arn}/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }')}`,
      /in the bucket policy's statement 1, the Effect is not known to the scan/,
    ],
    [`variable "doc" {\n  type = string\n}\n${bucket}resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = var.doc\n}\n`, /the bucket policy is not known to the scan|the bucket policy is known only at apply time/],
  ];
  for (const [terraform, message] of cases) {
    const run = runRuleOn(rule as unknown as AnyRule, terraform);
    assert.equal(run.findings[0]?.status, 'unknown');
    assert.match(run.findings[0]!.message, message);
  }
});
