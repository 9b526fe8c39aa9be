import rule from './aws-cloudtrail-s3-data-events.js';
import { testRule } from '../../../testing/rule-tester.js';

const phiBucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  tags   = { DataClassification = "phi" }\n}\n\n';
const trail = (body: string, name = 't'): string => `resource "aws_cloudtrail" "${name}" {\n  name           = "${name}"\n  s3_bucket_name = "example-audit-logs"\n${body}}\n`;

testRule(rule, {
  pass: [
    {
      name: 'an advanced selector excluding another bucket (not_starts_with) covers this one',
      terraform: `${phiBucket}${trail('  advanced_event_selector {\n    field_selector {\n      field  = "eventCategory"\n      equals = ["Data"]\n    }\n    field_selector {\n      field  = "resources.type"\n      equals = ["AWS::S3::Object"]\n    }\n    field_selector {\n      field           = "resources.ARN"\n      not_starts_with = ["arn:aws:s3:::example-public-assets/"]\n    }\n  }\n')}`,
    },
    {
      name: 'a multi-region trail from another region',
      terraform: `provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\n\n${phiBucket}${trail('  provider              = aws.west\n  is_multi_region_trail = true\n  event_selector {\n    read_write_type = "All"\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3"]\n    }\n  }\n')}`,
    },
    {
      name: 'per-bucket selector by reference',
      terraform: `${phiBucket}${trail('  event_selector {\n    read_write_type = "All"\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["${aws_s3_bucket.phi.arn}/"]\n    }\n  }\n')}`,
    },
    {
      name: 'advanced selector for all buckets',
      terraform: `${phiBucket}${trail('  advanced_event_selector {\n    name = "S3 data"\n    field_selector {\n      field  = "eventCategory"\n      equals = ["Data"]\n    }\n    field_selector {\n      field  = "resources.type"\n      equals = ["AWS::S3::Object"]\n    }\n  }\n')}`,
    },
    {
      name: 'reads and writes from two trails, literal ARN',
      terraform: `${phiBucket}${trail('  event_selector {\n    read_write_type = "ReadOnly"\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3:::example-phi-records/"]\n    }\n  }\n', 'reads')}\n${trail('  event_selector {\n    read_write_type = "WriteOnly"\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3"]\n    }\n  }\n', 'writes')}`,
    },
    {
      name: 'all buckets, the partition read from a data source',
      terraform: `data "aws_partition" "current" {}\n\n${phiBucket}${trail('  event_selector {\n    read_write_type = "All"\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:\${data.aws_partition.current.partition}:s3"]\n    }\n  }\n')}`,
    },
  ],
  fail: [
    {
      name: 'a data_resource prefix that covers part of the bucket (exports/ only)',
      terraform: `${phiBucket}${trail('  event_selector {\n    read_write_type = "All"\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["${aws_s3_bucket.phi.arn}/exports/"]\n    }\n  }\n')}`,
      findings: [{ line: 1, message: /aws_cloudtrail\.t selects only the objects under arn:\$\{unknown\}\/exports\/|selects only the objects under/ }],
    },
    {
      name: 'an advanced selector narrowed by eventName (deletes only)',
      terraform: `${phiBucket}${trail('  advanced_event_selector {\n    field_selector {\n      field  = "eventCategory"\n      equals = ["Data"]\n    }\n    field_selector {\n      field  = "resources.type"\n      equals = ["AWS::S3::Object"]\n    }\n    field_selector {\n      field  = "eventName"\n      equals = ["DeleteObject"]\n    }\n  }\n')}`,
      findings: [{ line: 1, message: /only the events its eventName field selects/ }],
    },
    {
      name: 'an advanced selector that leaves this bucket out (not_starts_with)',
      terraform: `${phiBucket}${trail('  advanced_event_selector {\n    field_selector {\n      field  = "eventCategory"\n      equals = ["Data"]\n    }\n    field_selector {\n      field  = "resources.type"\n      equals = ["AWS::S3::Object"]\n    }\n    field_selector {\n      field           = "resources.ARN"\n      not_starts_with = ["arn:aws:s3:::example-phi-records/"]\n    }\n  }\n')}`,
      findings: [{ line: 1, message: /all but arn:aws:s3:::example-phi-records\// }],
    },
    {
      name: 'a single-region trail in another region than the bucket',
      terraform: `provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\n\n${phiBucket}${trail('  provider = aws.west\n  event_selector {\n    read_write_type = "All"\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3"]\n    }\n  }\n')}`,
      findings: [{ line: 10, message: /single-region trail in another region/ }],
    },
    {
      name: 'another bucket, the partition read from a data source',
      terraform: `data "aws_partition" "current" {}\n\n${phiBucket}${trail('  event_selector {\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:\${data.aws_partition.current.partition}:s3:::example-other/"]\n    }\n  }\n')}`,
      findings: [{ line: 3, message: /read or write/ }],
    },
    {
      name: 'only writes recorded',
      terraform: `${phiBucket}${trail('  event_selector {\n    read_write_type = "WriteOnly"\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3"]\n    }\n  }\n')}`,
      findings: [{ line: 1, message: /object-level read data events/ }],
    },
    {
      name: 'selector names another bucket',
      terraform: `${phiBucket}${trail('  event_selector {\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3:::example-other/"]\n    }\n  }\n')}`,
      findings: [{ line: 1, message: /read or write/ }],
    },
  ],
  unknown: [
    { name: 'no trail in the scanned scope', terraform: phiBucket },
    // The only selecting trail may be stopped: enable_logging from a variable without a value (probe ct10).
    {
      name: 'the selecting trail has enable_logging known only at apply time',
      terraform: `variable "on" {\n  type = bool\n}\n\n${phiBucket}${trail('  enable_logging = var.on\n\n  event_selector {\n    read_write_type = "All"\n\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3"]\n    }\n  }\n')}`,
    },
    { name: 'selector values from a variable without a value', terraform: `variable "arns" {\n  type = list(string)\n}\n\n${phiBucket}${trail('  event_selector {\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = var.arns\n    }\n  }\n')}` },
  ],
});
