import rule from './phi-data-classification-tags.js';
import { testRule } from '../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'tags from provider default_tags', terraform: 'provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = {\n      DataClassification = "internal"\n      Owner              = "platform"\n    }\n  }\n}\n\nresource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\n' },
    { name: 'custom vocabulary', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags = {\n    data_classification = "restricted"\n    owner               = "data"\n  }\n}\n', params: { allowedClassifications: ['restricted', 'open'] } },
  ],
  fail: [
    { name: 'classification outside the vocabulary', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags = {\n    data_classification = "secret"\n    owner               = "data"\n  }\n}\n', findings: [{ line: 3, message: /"secret", not one of phi \| confidential/ }] },
    { name: 'owner missing', terraform: 'resource "aws_db_instance" "db" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n  tags = {\n    data_classification = "phi"\n  }\n}\n', findings: [{ line: 4, message: /no "owner" tag/ }] },
  ],
  unknown: [{ name: 'owner from a variable without a value', terraform: 'variable "owner" {\n  type = string\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags = {\n    data_classification = "phi"\n    owner               = var.owner\n  }\n}\n' }],
});
