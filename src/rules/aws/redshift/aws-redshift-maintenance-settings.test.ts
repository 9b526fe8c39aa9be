import rule from './aws-redshift-maintenance-settings.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'defaults allow upgrades', terraform: 'resource "aws_redshift_cluster" "c" {\n  cluster_identifier = "c"\n  node_type = "ra3.xlplus"\n}\n' }],
  fail: [
    { name: 'window required by parameter', params: { requireMaintenanceWindow: true }, terraform: 'resource "aws_redshift_cluster" "c" {\n  cluster_identifier = "c"\n  node_type = "ra3.xlplus"\n}\n', findings: [{ line: 1, message: /preferred_maintenance_window/ }] },
    { name: 'snapshots off', terraform: 'resource "aws_redshift_cluster" "c" {\n  cluster_identifier = "c"\n  node_type = "ra3.xlplus"\n  automated_snapshot_retention_period = 0\n}\n', findings: [{ line: 4 }] },
  ],
  unknown: [{ name: 'upgrade flag from a variable', terraform: 'variable "u" {\n  type = bool\n}\nresource "aws_redshift_cluster" "c" {\n  cluster_identifier = "c"\n  node_type = "ra3.xlplus"\n  allow_version_upgrade = var.u\n}\n' }],
});
