import rule from './aws-opensearch-node-to-node-encryption.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'legacy elasticsearch domain', terraform: 'resource "aws_elasticsearch_domain" "d" {\n  domain_name = "d"\n  node_to_node_encryption {\n    enabled = true\n  }\n}\n' }],
  fail: [{ name: 'block present but disabled', terraform: 'resource "aws_opensearch_domain" "d" {\n  domain_name = "d"\n  node_to_node_encryption {\n    enabled = false\n  }\n}\n', findings: [{ line: 4 }] }],
  unknown: [{ name: 'flag from a variable', terraform: 'variable "n" {\n  type = bool\n}\nresource "aws_opensearch_domain" "d" {\n  domain_name = "d"\n  node_to_node_encryption {\n    enabled = var.n\n  }\n}\n' }],
});
