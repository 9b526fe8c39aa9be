import rule from './aws-apigw-backend-client-cert.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    {
      name: 'a deployment without stage_name creates no stage (only the declared one is judged)',
      terraform: 'resource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_deployment" "d" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n}\n\nresource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = aws_api_gateway_rest_api.api.id\n  deployment_id = aws_api_gateway_deployment.d.id\n  stage_name    = "prod"\n  client_certificate_id = "abc123"\n}\n',
    },
    { name: 'literal certificate id', terraform: 'resource "aws_api_gateway_stage" "s" {\n  rest_api_id = "a"\n  deployment_id = "d"\n  stage_name = "s"\n  client_certificate_id = "abc123"\n}\n' },
  ],
  fail: [
    {
      name: 'the stage a deployment creates with stage_name has no client certificate',
      terraform: 'resource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_deployment" "d" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = "prod"\n}\n',
      findings: [{ line: 5, message: /the stage "prod" created by aws_api_gateway_deployment\.d has no client certificate/ }],
    },
    { name: 'no certificate', terraform: 'resource "aws_api_gateway_stage" "s" {\n  rest_api_id = "a"\n  deployment_id = "d"\n  stage_name = "s"\n}\n', findings: [{ line: 1, message: /does not set client_certificate_id/ }] },
  ],
  unknown: [
    {
      name: 'a deployment whose stage_name is known only at apply time',
      terraform: 'variable "stage" {\n  type = string\n}\n\nresource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_deployment" "d" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = var.stage\n}\n',
    },
    { name: 'certificate id from a variable', terraform: 'variable "c" {\n  type = string\n}\nresource "aws_api_gateway_stage" "s" {\n  rest_api_id = "a"\n  deployment_id = "d"\n  stage_name = "s"\n  client_certificate_id = var.c\n}\n' },
  ],
});
