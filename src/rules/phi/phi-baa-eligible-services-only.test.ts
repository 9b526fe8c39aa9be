import rule from './phi-baa-eligible-services-only.js';
import { serviceOf } from './eligible-service.js';
import { testRule } from '../../testing/rule-tester.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('resource types map to services by exact type, then longest prefix', () => {
  const name = (type: string): string | undefined => {
    const m = serviceOf(type);
    return m.status === 'eligible' || m.status === 'management' ? m.service.name : m.status;
  };
  assert.equal(name('aws_s3_bucket'), 'Amazon Simple Storage Service (S3)');
  assert.match(name('aws_db_instance') ?? '', /Amazon RDS|Relational Database/);
  assert.match(name('aws_cloudwatch_log_group') ?? '', /CloudWatch Logs/);
  assert.match(name('aws_iam_role') ?? '', /IAM/);
  assert.equal(name('aws_lightsail_instance'), 'not-listed');
});

test('answers are kept per additions list: one list\'s organisation entry is not another\'s', () => {
  const additions = ['aws_lightsail_'];
  assert.equal(serviceOf('aws_lightsail_instance', additions).status, 'organisation');
  assert.equal(serviceOf('aws_lightsail_instance').status, 'not-listed');
  assert.equal(serviceOf('aws_lightsail_instance', ['aws_lightsail_instance']).status, 'organisation');
  assert.equal(serviceOf('aws_lightsail_instance', additions), serviceOf('aws_lightsail_instance', additions), 'asked again, the same answer');
});

const lightsail = (tags: string): string => `resource "aws_lightsail_instance" "i" {\n  name              = "intake"\n  availability_zone = "us-east-1a"\n  blueprint_id      = "amazon_linux_2"\n  bundle_id         = "nano_3_0"\n  tags = {\n${tags}\n  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'PHI database and its key', terraform: 'resource "aws_kms_key" "k" {}\n\nresource "aws_db_instance" "db" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n  kms_key_id     = aws_kms_key.k.arn\n  tags = {\n    data_classification = "phi"\n  }\n}\n' },
    { name: 'organisation addition', terraform: lightsail('    data_classification = "phi"'), params: { additionalEligibleTypes: ['aws_lightsail_'] } },
  ],
  fail: [
    { name: 'Lightsail fed by a PHI bucket', terraform: 'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi"\n  tags = {\n    data_classification = "phi"\n  }\n}\n\nresource "aws_lightsail_bucket" "copy" {\n  name      = "copy-of-${aws_s3_bucket.phi.bucket}"\n  bundle_id = "small_1_0"\n}\n', findings: [{ line: 8, message: /linked to the PHI-classified aws_s3_bucket.phi/ }] },
  ],
  unknown: [{ name: 'classification known only at apply time', terraform: `variable "class" {\n  type = string\n}\n\n${lightsail('    data_classification = var.class')}` }],
});
