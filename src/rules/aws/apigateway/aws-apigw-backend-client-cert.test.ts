import rule from './aws-apigw-backend-client-cert.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'literal certificate id', terraform: 'resource "aws_api_gateway_stage" "s" {\n  rest_api_id = "a"\n  deployment_id = "d"\n  stage_name = "s"\n  client_certificate_id = "abc123"\n}\n' }],
  fail: [{ name: 'no certificate', terraform: 'resource "aws_api_gateway_stage" "s" {\n  rest_api_id = "a"\n  deployment_id = "d"\n  stage_name = "s"\n}\n', findings: [{ line: 1, message: /does not set client_certificate_id/ }] }],
  unknown: [{ name: 'certificate id from a variable', terraform: 'variable "c" {\n  type = string\n}\nresource "aws_api_gateway_stage" "s" {\n  rest_api_id = "a"\n  deployment_id = "d"\n  stage_name = "s"\n  client_certificate_id = var.c\n}\n' }],
});
