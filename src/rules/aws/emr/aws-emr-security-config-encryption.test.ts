import rule from './aws-emr-security-config-encryption.js';
import { testRule } from '../../../testing/rule-tester.js';

const cluster = (extra: string): string =>
  `resource "aws_emr_cluster" "c" {\n  name          = "etl"\n  release_label = "emr-7.0.0"\n  service_role  = "arn:aws:iam::123456789012:role/emr"\n${extra}}\n`;

testRule(rule, {
  pass: [{ name: 'cluster names a security configuration', terraform: cluster('  security_configuration = "phi"\n') }],
  fail: [
    { name: 'cluster without a security configuration', terraform: cluster(''), findings: [{ line: 1, message: /does not set security_configuration/ }] },
    {
      name: 'at rest on but S3 with SSE-S3 and no local disk encryption',
      terraform: 'resource "aws_emr_security_configuration" "s" {\n  name          = "s"\n  configuration = jsonencode({ EncryptionConfiguration = { EnableAtRestEncryption = true, EnableInTransitEncryption = true, AtRestEncryptionConfiguration = { S3EncryptionConfiguration = { EncryptionMode = "SSE-S3" } } } })\n}\n',
      findings: [{ line: 3, message: /S3 encryption mode is SSE-S3.*local disks are not encrypted/ }],
    },
  ],
  unknown: [{ name: 'configuration from a variable without a value', terraform: 'variable "cfg" {\n  type = string\n}\n\nresource "aws_emr_security_configuration" "s" {\n  name          = "s"\n  configuration = var.cfg\n}\n' }],
});
