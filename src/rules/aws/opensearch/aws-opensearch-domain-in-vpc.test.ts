import rule from './aws-opensearch-domain-in-vpc.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'elasticsearch domain with subnets from a resource', terraform: 'resource "aws_subnet" "a" {\n  vpc_id     = "vpc-0123456789abcdef0"\n  cidr_block = "10.0.1.0/24"\n}\n\nresource "aws_elasticsearch_domain" "es" {\n  domain_name = "es"\n  vpc_options {\n    subnet_ids = [aws_subnet.a.id]\n  }\n}\n' }],
  fail: [{ name: 'vpc_options without subnets', terraform: 'resource "aws_opensearch_domain" "d" {\n  domain_name = "d"\n  vpc_options {\n    security_group_ids = ["sg-0123456789abcdef0"]\n  }\n}\n', findings: [{ line: 3 }] }],
  unknown: [{ name: 'subnets from a variable', terraform: 'variable "subnets" {\n  type = list(string)\n}\nresource "aws_opensearch_domain" "d" {\n  domain_name = "d"\n  vpc_options {\n    subnet_ids = var.subnets\n  }\n}\n' }],
});
