import rule from './aws-s3-bucket-replication.js';
import { testRule } from '../../../testing/rule-tester.js';

const buckets = 'resource "aws_s3_bucket" "src" {\n  bucket = "src"\n  tags = { DataClassification = "PHI" }\n}\nresource "aws_s3_bucket" "dst" {\n  bucket = "dst"\n  tags = { DataClassification = "PHI" }\n}\n';
const replication = (status: string): string => `resource "aws_s3_bucket_replication_configuration" "r" {\n  bucket = aws_s3_bucket.src.id\n  role = "arn:aws:iam::1:role/r"\n  rule {\n    id = "all"\n    status = ${status}\n    destination {\n      bucket = "arn:aws:s3:::dst"\n    }\n  }\n}\n`;

testRule(rule, {
  pass: [{ name: 'destination named by literal ARN is not judged', terraform: buckets + replication('"Enabled"') }],
  fail: [
    { name: 'rule disabled', terraform: buckets + replication('"Disabled"'), findings: [{ line: 9, message: /without an Enabled rule/ }] },
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
