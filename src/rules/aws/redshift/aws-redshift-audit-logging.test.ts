import rule from './aws-redshift-audit-logging.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'legacy logging block', terraform: 'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "claims-dw"\n  node_type          = "ra3.xlplus"\n  logging {\n    enable               = true\n    log_destination_type = "cloudwatch"\n  }\n}\n' }],
  fail: [{ name: 'logging block disabled', terraform: 'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "claims-dw"\n  node_type          = "ra3.xlplus"\n  logging {\n    enable = false\n  }\n}\n', findings: [{ line: 5, message: /sets logging.enable to false/ }] }],
  unknown: [{ name: 'flag from a variable without a value', terraform: 'variable "on" {\n  type = bool\n}\n\nresource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "claims-dw"\n  node_type          = "ra3.xlplus"\n  logging {\n    enable = var.on\n  }\n}\n' }],
});
