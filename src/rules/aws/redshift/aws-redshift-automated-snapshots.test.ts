import rule from './aws-redshift-automated-snapshots.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'default of one day', terraform: 'resource "aws_redshift_cluster" "c" {\n  cluster_identifier = "c"\n  node_type = "ra3.xlplus"\n}\n' }],
  fail: [{ name: 'below a raised minimum', params: { minRetentionDays: 7 }, terraform: 'resource "aws_redshift_cluster" "c" {\n  cluster_identifier = "c"\n  node_type = "ra3.xlplus"\n}\n', findings: [{ line: 1, message: /does not set automated_snapshot_retention_period/ }] }],
  unknown: [{ name: 'from a variable', terraform: 'variable "d" {\n  type = number\n}\nresource "aws_redshift_cluster" "c" {\n  cluster_identifier = "c"\n  automated_snapshot_retention_period = var.d\n}\n' }],
});
