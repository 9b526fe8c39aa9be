import rule from './phi-data-classification-tags.js';
import { testRule } from '../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'tags from provider default_tags', terraform: 'provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = {\n      DataClassification = "internal"\n      Owner              = "platform"\n    }\n  }\n}\n\nresource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\n' },
    { name: 'custom vocabulary', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags = {\n    data_classification = "restricted"\n    owner               = "data"\n  }\n}\n', params: { allowedClassifications: ['restricted', 'open'] } },
  ],
  fail: [
    { name: 'classification outside the vocabulary', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags = {\n    data_classification = "secret"\n    owner               = "data"\n  }\n}\n', findings: [{ line: 3, message: /"secret", not one of phi \| confidential/ }] },
    // At the argument's name: the finding is about a tag that is not there, and its fingerprint stays when other tags are edited.
    { name: 'owner missing', terraform: 'resource "aws_db_instance" "db" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n  tags = {\n    data_classification = "phi"\n  }\n}\n', findings: [{ line: 4, column: 3, endLine: 4, endColumn: 7, message: /no "owner" tag/ }] },
    { name: 'owner missing, JSON syntax: at the quoted name', terraform: { 'main.tf.json': '{\n  "resource": {\n    "aws_s3_bucket": {\n      "b": {\n        "bucket": "example",\n        "tags": { "data_classification": "phi" }\n      }\n    }\n  }\n}\n' }, findings: [{ line: 6, column: 9, endLine: 6, endColumn: 15, message: /no "owner" tag/ }] },
  ],
  unknown: [{ name: 'owner from a variable without a value', terraform: 'variable "owner" {\n  type = string\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags = {\n    data_classification = "phi"\n    owner               = var.owner\n  }\n}\n' }],
});
