import rule from './aws-redshift-audit-logging.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'legacy logging block', terraform: 'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "claims-dw"\n  node_type          = "ra3.xlplus"\n  logging {\n    enable               = true\n    log_destination_type = "cloudwatch"\n  }\n}\n' }],
  fail: [
    // The logging is cluster dw-b's (element index 1): cluster a passed on it.
    { name: 'logging of the other of two clusters, picked by element()', terraform: 'resource "aws_redshift_cluster" "a" {\n  cluster_identifier = "dw-a"\n  node_type          = "ra3.xlplus"\n}\nresource "aws_redshift_cluster" "b" {\n  cluster_identifier = "dw-b"\n  node_type          = "ra3.xlplus"\n}\nresource "aws_redshift_logging" "l" {\n  cluster_identifier   = element([aws_redshift_cluster.a.cluster_identifier, aws_redshift_cluster.b.cluster_identifier], 1)\n  log_destination_type = "cloudwatch"\n  log_exports          = ["connectionlog", "userlog", "useractivitylog"]\n}\n', findings: [{ line: 1, message: /aws_redshift_cluster\.a has no aws_redshift_logging/ }] },
    { name: 'logging block disabled', terraform: 'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "claims-dw"\n  node_type          = "ra3.xlplus"\n  logging {\n    enable = false\n  }\n}\n', findings: [{ line: 5, message: /sets logging.enable to false/ }] },
  ],
  unknown: [{ name: 'flag from a variable without a value', terraform: 'variable "on" {\n  type = bool\n}\n\nresource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "claims-dw"\n  node_type          = "ra3.xlplus"\n  logging {\n    enable = var.on\n  }\n}\n' }],
});
