import rule from './aws-s3-bucket-policy-no-public-principal.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRuleOn, testRule } from '../../../testing/rule-tester.js';
import type { AnyRule } from '../../define-rule.js';

const bucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "phi-records"\n}\n';

testRule(rule, {
  pass: [
    { name: 'account principal via a policy document', terraform: `${bucket}data "aws_iam_policy_document" "p" {\n  statement {\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::123456789012:role/reader"]\n    }\n    actions   = ["s3:GetObject"]\n    resources = ["\${aws_s3_bucket.phi.arn}/*"]\n  }\n}\nresource "aws_s3_bucket_policy" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  policy = data.aws_iam_policy_document.p.json\n}\n` },
    { name: "the caller's account id (policy document) is that account, never anyone", terraform: `${bucket}data "aws_caller_identity" "current" {}\ndata "aws_iam_policy_document" "p" {\n  statement {\n    principals {\n      type        = "AWS"\n      identifiers = [data.aws_caller_identity.current.account_id]\n    }\n    actions   = ["s3:GetObject"]\n    resources = ["\${aws_s3_bucket.phi.arn}/*"]\n  }\n}\nresource "aws_s3_bucket_policy" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  policy = data.aws_iam_policy_document.p.json\n}\n` },
    { name: "the caller identity's id (the provider sets it to the account id) is that account too", terraform: `${bucket}data "aws_caller_identity" "current" {}\ndata "aws_iam_policy_document" "p" {\n  statement {\n    principals {\n      type        = "AWS"\n      identifiers = [data.aws_caller_identity.current.id]\n    }\n    actions   = ["s3:GetObject"]\n    resources = ["\${aws_s3_bucket.phi.arn}/*"]\n  }\n}\nresource "aws_s3_bucket_policy" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  policy = data.aws_iam_policy_document.p.json\n}\n` },
    { name: "the caller's account id (jsonencode, through a local) and its root ARN", terraform: `${bucket}data "aws_caller_identity" "current" {}\ndata "aws_partition" "current" {}\nlocals {\n  account = data.aws_caller_identity.current.account_id\n}\nresource "aws_s3_bucket_policy" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  policy = jsonencode({\n    Statement = [\n      { Effect = "Allow", Principal = { AWS = local.account }, Action = "s3:GetObject", Resource = "\${aws_s3_bucket.phi.arn}/*" },\n      { Effect = "Allow", Principal = { AWS = ["arn:\${data.aws_partition.current.partition}:iam::\${data.aws_caller_identity.current.account_id}:root"] }, Action = "s3:GetObject", Resource = "\${aws_s3_bucket.phi.arn}/*" },\n    ]\n  })\n}\n` },
    { name: 'deny-only TLS policy for everyone', terraform: 'resource "aws_s3_bucket_policy" "phi" {\n  bucket = "phi-records"\n  policy = jsonencode({\n    Statement = [{\n      Effect    = "Deny"\n      Principal = "*"\n      Action    = "s3:*"\n      Resource  = "arn:aws:s3:::phi-records/*"\n      Condition = { Bool = { "aws:SecureTransport" = "false" } }\n    }]\n  })\n}\n' },
    // S3's recommended delegation to access points: only requests through the account's access points, whose policies decide.
    { name: 'access control delegated to the account\'s access points', terraform: 'resource "aws_s3_bucket_policy" "p" {\n  bucket = "phi-records"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "*", Resource = ["arn:aws:s3:::phi-records", "arn:aws:s3:::phi-records/*"], Condition = { StringEquals = { "s3:DataAccessPointAccount" = "123456789012" } } }]\n  })\n}\n' },
    // Reachable from its VPC only: S3 never counts such an access point public.
    { name: 'an access point with a VPC network origin', terraform: 'resource "aws_s3_access_point" "ap" {\n  bucket = "phi-records"\n  name   = "phi-ap"\n  vpc_configuration {\n    vpc_id = "vpc-0123456789abcdef0"\n  }\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:us-east-1:123456789012:accesspoint/phi-ap/object/*" }]\n  })\n}\n' },
  ],
  fail: [
    // S3 counts a policy public by what its Allow statements grant: a Deny outside the endpoint takes
    // nothing back in that test (block_public_policy refuses the policy), and the finding says so.
    {
      name: 'Allow to anyone with a separate Deny outside a VPC endpoint',
      terraform:
        'resource "aws_s3_bucket_policy" "p" {\n  bucket = "phi-records"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n      {\n        Sid       = "AllowGet"\n        Effect    = "Allow"\n        Principal = "*"\n        Action    = "s3:GetObject"\n        Resource  = "arn:aws:s3:::phi-records/*"\n      },\n      {\n        Sid       = "DenyOutsideVpce"\n        Effect    = "Deny"\n        Principal = "*"\n        Action    = "s3:*"\n        Resource  = "arn:aws:s3:::phi-records/*"\n        Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-0123456789abcdef0" } }\n      },\n    ]\n  })\n}\n',
      findings: [{ line: 3, message: /statement "AllowGet" allows s3:GetObject to Principal "\*".* The statement "DenyOutsideVpce" denies requests without aws:SourceVpce, but S3 judges a policy public by what its Allow statements grant.*block_public_policy = true makes S3 refuse it; put StringEquals aws:SourceVpce on the Allow statement instead\./ }],
    },
    { name: 'access delegated to the access points of any account', terraform: 'resource "aws_s3_bucket_policy" "p" {\n  bucket = "phi-records"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::phi-records/*", Condition = { StringLike = { "s3:DataAccessPointArn" = "arn:aws:s3:*:*:accesspoint/*" } } }]\n  })\n}\n', findings: [{ line: 3 }] },
    { name: 'an access point policy open to anyone', terraform: 'resource "aws_s3_access_point" "ap" {\n  bucket = "phi-records"\n  name   = "phi-ap"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:us-east-1:123456789012:accesspoint/phi-ap/object/*" }]\n  })\n}\n', findings: [{ line: 4, message: /s3:GetObject to Principal "\*"/ }] },
    { name: 'a separate access point policy open to anyone', terraform: 'resource "aws_s3_access_point" "ap" {\n  bucket = "phi-records"\n  name   = "phi-ap"\n}\n\nresource "aws_s3control_access_point_policy" "ap" {\n  access_point_arn = aws_s3_access_point.ap.arn\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_access_point.ap.arn}/object/*" }]\n  })\n}\n', findings: [{ line: 8 }] },
    // aws:username is not in S3's list of fixed values: the user "deploy" of any account matches.
    { name: 'a user name condition matches that user name in every account', terraform: 'resource "aws_s3_bucket_policy" "p" {\n  bucket = "phi"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::phi/*", Condition = { StringEquals = { "aws:username" = "deploy" } } }]\n  })\n}\n', findings: [{ line: 3, message: /no condition restricting the caller/ }] },
    { name: 'an IPv6 internet condition spelt ::0/0 restricts nothing', terraform: 'resource "aws_s3_bucket_policy" "p" {\n  bucket = "phi"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = "*"\n      Action    = "s3:GetObject"\n      Resource  = "arn:aws:s3:::phi/*"\n      Condition = { IpAddress = { "aws:SourceIp" = ["::0/0"] } }\n    }]\n  })\n}\n', findings: [{ line: 3 }] },
    { name: 'a wildcard principal ARN condition (Checkov fail_w_condition)', terraform: 'resource "aws_s3_bucket_policy" "p" {\n  bucket = "phi"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { AWS = "*" }\n      Action    = "s3:GetObject"\n      Resource  = "arn:aws:s3:::phi/*"\n      Condition = { ArnEquals = { "aws:PrincipalArn" = "arn:aws:iam::*" } }\n    }]\n  })\n}\n', findings: [{ line: 3 }] },
    { name: 'public principal in jsonencode whose resource is computed', terraform: `${bucket}resource "aws_s3_bucket_policy" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = aws_s3_bucket.phi.arn }]\n  })\n}\n` },
    { name: 'public principal in a policy document whose resource is computed', terraform: `${bucket}data "aws_iam_policy_document" "p" {\n  statement {\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    actions   = ["s3:GetObject"]\n    resources = ["\${aws_s3_bucket.phi.arn}/*"]\n  }\n}\nresource "aws_s3_bucket_policy" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  policy = data.aws_iam_policy_document.p.json\n}\n`, findings: [{ line: 16, message: /Principal "\*"/ }] },
    { name: 'AWS star principal with a condition that restricts nothing', terraform: 'resource "aws_s3_bucket_policy" "phi" {\n  bucket = "phi-records"\n  policy = jsonencode({\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { AWS = "*" }\n      Action    = "s3:PutObject"\n      Resource  = "arn:aws:s3:::phi-records/*"\n      Condition = { StringEquals = { "s3:x-amz-acl" = "bucket-owner-full-control" } }\n    }]\n  })\n}\n' },
  ],
  unknown: [
    { name: "another caller attribute (user_id) is no account: still undecided", terraform: `${bucket}data "aws_caller_identity" "current" {}\nresource "aws_s3_bucket_policy" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = data.aws_caller_identity.current.user_id }, Action = "s3:GetObject", Resource = "arn:aws:s3:::phi-records/*" }]\n  })\n}\n` },
    { name: 'principal from a variable without a value', terraform: `${bucket}variable "reader" {}\nresource "aws_s3_bucket_policy" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = var.reader }, Action = "s3:GetObject", Resource = "arn:aws:s3:::phi-records/*" }]\n  })\n}\n` },
  ],
});

test('an undecided statement names why: a variable without a value can be given one', () => {
  const run = runRuleOn(
    rule as unknown as AnyRule,
    'variable "reader_arns" {\n  type = list(string)\n}\n\nresource "aws_s3_bucket_policy" "p" {\n  bucket = "b"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Sid = "Read", Effect = "Allow", Principal = { AWS = var.reader_arns }, Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }]\n  })\n}\n',
  );
  assert.equal(run.findings[0]?.status, 'unknown');
  assert.match(run.findings[0]!.message, /var\.reader_arns is a required variable not given to the scan\).*--var, --var-file or TF_VAR_reader_arns/);
});

test("an undecided principal names the principal's cause, not an apply-time Resource", () => {
  const run = runRuleOn(
    rule as unknown as AnyRule,
    'variable "reader" {\n  type = string\n}\n\nresource "random_pet" "suffix" {}\n\nresource "aws_s3_bucket_policy" "p" {\n  bucket = "b"\n  policy = jsonencode({\n    Statement = [{ Sid = "Read", Effect = "Allow", Resource = "arn:aws:s3:::b-${random_pet.suffix.id}/*", Action = "s3:GetObject", Principal = { AWS = var.reader } }]\n  })\n}\n',
  );
  assert.equal(run.findings.length, 1);
  assert.equal(run.findings[0]?.status, 'unknown');
  assert.match(run.findings[0]!.message, /statement "Read": its principal, which may be "\*", is not known to the scan \(var\.reader is a required variable/);
  assert.doesNotMatch(run.findings[0]!.message, /random_pet/);
});
