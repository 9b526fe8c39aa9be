import rule from './aws-dynamodb-table-cmk.js';
import { testRule } from '../../../testing/rule-tester.js';

const table = (body: string): string =>
  `resource "aws_dynamodb_table" "patients" {\n  name         = "patients"\n  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "id"\n  attribute {\n    name = "id"\n    type = "S"\n  }\n  tags = { DataClassification = "phi" }\n${body}}\n`;

testRule(rule, {
  pass: [
    { name: 'CMK with a literal ARN', terraform: table('  server_side_encryption {\n    enabled     = true\n    kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n  }\n') },
  ],
  fail: [
    { name: 'enabled without a key uses aws/dynamodb', terraform: table('  server_side_encryption {\n    enabled = true\n  }\n'), findings: [{ line: 10, message: /does not set kms_key_arn/ }] },
    { name: 'replica table without a key', terraform: `resource "aws_kms_key" "k" {}\n\n${table('  server_side_encryption {\n    enabled     = true\n    kms_key_arn = aws_kms_key.k.arn\n  }\n  replica {\n    region_name = "us-west-2"\n  }\n')}`, findings: [{ line: 16, message: /replica in us-west-2 does not set kms_key_arn/ }] },
  ],
  unknown: [{ name: 'key from a variable without a value', terraform: `variable "key" {\n  type = string\n}\n\n${table('  server_side_encryption {\n    enabled     = true\n    kms_key_arn = var.key\n  }\n')}` }],
});
