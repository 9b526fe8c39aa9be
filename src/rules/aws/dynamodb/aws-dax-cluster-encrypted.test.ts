import rule from './aws-dax-cluster-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

const dax = (body: string): string => `resource "aws_dax_cluster" "cache" {\n  cluster_name       = "patients-cache"\n  iam_role_arn       = "arn:aws:iam::123456789012:role/dax"\n  node_type          = "dax.r5.large"\n  replication_factor = 3\n${body}}\n`;

testRule(rule, {
  pass: [{ name: 'encryption enabled', terraform: dax('  server_side_encryption {\n    enabled = true\n  }\n') }],
  fail: [{ name: 'encryption block switched off', terraform: dax('  server_side_encryption {\n    enabled = false\n  }\n'), findings: [{ line: 7, message: /sets enabled to false/ }] }],
  unknown: [{ name: 'flag from a variable without a value', terraform: `variable "sse" {\n  type = bool\n}\n\n${dax('  server_side_encryption {\n    enabled = var.sse\n  }\n')}` }],
});
