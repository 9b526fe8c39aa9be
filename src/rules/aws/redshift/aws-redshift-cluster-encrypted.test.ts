import rule from './aws-redshift-cluster-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'serverless namespace with a CMK', terraform: 'resource "aws_kms_key" "k" {}\n\nresource "aws_redshiftserverless_namespace" "ns" {\n  namespace_name = "claims"\n  kms_key_id     = aws_kms_key.k.arn\n}\n' }],
  fail: [
    { name: 'encrypted without a key', terraform: 'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "claims-dw"\n  node_type          = "ra3.xlplus"\n  encrypted          = true\n}\n', findings: [{ line: 1, message: /does not set kms_key_id/ }] },
    {
      name: 'encryption flag set to null',
      terraform: 'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "claims-dw"\n  node_type          = "ra3.xlplus"\n  encrypted          = null\n}\n',
      findings: [{ line: 4, message: /sets encrypted to null, which leaves the default/ }],
    },
    {
      name: 'restored from a snapshot without encrypted: the next apply sets the default, false',
      terraform: 'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier  = "claims-dw"\n  node_type           = "ra3.xlplus"\n  snapshot_identifier = "example-claims-snapshot"\n}\n',
      findings: [{ line: 1, message: /restored from the snapshot keeps the snapshot's encryption only until the next apply/ }],
    },
    { name: 'namespace without a key', terraform: 'resource "aws_redshiftserverless_namespace" "ns" {\n  namespace_name = "claims"\n}\n', findings: [{ line: 1, message: /does not set kms_key_id/ }] },
  ],
  unknown: [{ name: 'flag from a variable without a value', terraform: 'variable "on" {\n  type = bool\n}\n\nresource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "claims-dw"\n  node_type          = "ra3.xlplus"\n  encrypted          = var.on\n}\n' }],
});
