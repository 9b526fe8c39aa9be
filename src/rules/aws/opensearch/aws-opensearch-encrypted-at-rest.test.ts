import rule from './aws-opensearch-encrypted-at-rest.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'legacy Elasticsearch domain encrypted', terraform: 'resource "aws_elasticsearch_domain" "es" {\n  domain_name = "legacy"\n  encrypt_at_rest {\n    enabled = true\n  }\n}\n' }],
  fail: [{ name: 'encryption disabled', terraform: 'resource "aws_opensearch_domain" "os" {\n  domain_name = "patients"\n  encrypt_at_rest {\n    enabled = false\n  }\n}\n', findings: [{ line: 4, message: /sets enabled to false/ }] }],
  unknown: [{ name: 'flag from a variable without a value', terraform: 'variable "on" {\n  type = bool\n}\n\nresource "aws_opensearch_domain" "os" {\n  domain_name = "patients"\n  encrypt_at_rest {\n    enabled = var.on\n  }\n}\n' }],
});
