import rule from './aws-s3-bucket-replication.js';
import { testRule } from '../../../testing/rule-tester.js';

// The destination is in another region (a provider alias): a replica in the source's region and account is judged apart.
const buckets = 'provider "aws" {\n  alias = "dr"\n  region = "us-west-2"\n}\nresource "aws_s3_bucket" "src" {\n  bucket = "src"\n  tags = { DataClassification = "PHI" }\n}\nresource "aws_s3_bucket" "dst" {\n  provider = aws.dr\n  bucket = "dst"\n  tags = { DataClassification = "PHI" }\n}\n';
/** Both buckets under the one default provider: one region, one account. */
const localBuckets = 'resource "aws_s3_bucket" "src" {\n  bucket = "src"\n  tags = { DataClassification = "PHI" }\n}\nresource "aws_s3_bucket" "dst" {\n  bucket = "dst"\n  tags = { DataClassification = "PHI" }\n}\n';
const replication = (status: string): string => `resource "aws_s3_bucket_replication_configuration" "r" {\n  bucket = aws_s3_bucket.src.id\n  role = "arn:aws:iam::1:role/r"\n  rule {\n    id = "all"\n    status = ${status}\n    destination {\n      bucket = "arn:aws:s3:::dst"\n    }\n  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'destination named by literal ARN is not judged', terraform: buckets + replication('"Enabled"') },
    {
      name: 'destination in another account (destination.account), same provider',
      terraform: `${localBuckets}resource "aws_s3_bucket_replication_configuration" "r" {\n  bucket = aws_s3_bucket.src.id\n  role = "arn:aws:iam::1:role/r"\n  rule {\n    id = "all"\n    status = "Enabled"\n    destination {\n      bucket = "arn:aws:s3:::dst"\n      account = "210987654321"\n    }\n  }\n}\n`,
    },
    { name: 'destination bucket not in the scan (its region is not known)', terraform: 'resource "aws_s3_bucket" "src" {\n  bucket = "src"\n  tags = { DataClassification = "PHI" }\n}\n' + replication('"Enabled"') },
  ],
  fail: [
    { name: 'rule disabled', terraform: buckets + replication('"Disabled"'), findings: [{ line: 14, message: /without an Enabled rule/ }] },
    { name: 'destination in the same region and account (probe h3-d1)', terraform: localBuckets + replication('"Enabled"'), findings: [{ line: 15, message: /replicates only to aws_s3_bucket\.dst, in the same region and account/ }] },
    {
      name: 'destination under another alias of the same region and account',
      terraform: `provider "aws" {\n  region = "us-east-1"\n  allowed_account_ids = ["123456789012"]\n}\nprovider "aws" {\n  alias = "b"\n  region = "us-east-1"\n  allowed_account_ids = ["123456789012"]\n}\n${localBuckets.replace('bucket = "dst"', 'provider = aws.b\n  bucket = "dst"')}${replication('"Enabled"')}`,
      findings: [{ line: 25, message: /same region and account/ }],
    },
    {
      // Stack a replicates its source bucket (named by reference); stack b has a source bucket at the same address and no replication.
      name: "a source bucket at the address another stack's replication references is judged, not taken for a destination",
      terraform: { 'a/main.tf': rule.examples.terraform!.good[0]!, 'b/main.tf': rule.examples.terraform!.bad[0]! },
      findings: [{ file: 'b/main.tf', line: 1, message: /no replication configuration/ }],
    },
    {
      name: 'a destination named by reference is a bucket of the same root module (the other stack\'s bucket at that address is judged)',
      terraform: {
        'a/main.tf': rule.examples.terraform!.good[0]!,
        'b/main.tf': 'resource "aws_s3_bucket" "replica" {\n  bucket = "b-records"\n  tags   = { DataClassification = "PHI" }\n}\n',
      },
      findings: [{ file: 'b/main.tf', line: 1, message: /aws_s3_bucket\.replica has no replication configuration/ }],
    },
    { name: 'untagged bucket with scope all', params: { scope: 'all' }, terraform: 'resource "aws_s3_bucket" "x" {\n  bucket = "x"\n}\n', findings: [{ line: 1, message: /no replication configuration/ }] },
  ],
  unknown: [{ name: 'status from a variable', terraform: `variable "s" {\n  type = string\n}\n${buckets}${replication('var.s')}` }],
});
