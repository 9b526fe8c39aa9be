import rule from './aws-apigw-access-logging.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    {
      name: 'a deployment without stage_name creates no stage (only the declared one is judged)',
      terraform: 'resource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_deployment" "d" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n}\n\nresource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = aws_api_gateway_rest_api.api.id\n  deployment_id = aws_api_gateway_deployment.d.id\n  stage_name    = "prod"\n  access_log_settings {\n    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:/api"\n    format          = "$context.requestId"\n  }\n}\n',
    },
    {
      name: 'a deployment naming a stage the configuration declares adds none',
      terraform: 'resource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_deployment" "d" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = "prod"\n}\n\nresource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = aws_api_gateway_rest_api.api.id\n  deployment_id = aws_api_gateway_deployment.d.id\n  stage_name    = "prod"\n  access_log_settings {\n    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:/api"\n    format          = "$context.requestId"\n  }\n}\n',
    },
    { name: 'REST stage with access logs', terraform: 'resource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = "a1b2c3d4e5"\n  deployment_id = "abc123"\n  stage_name    = "prod"\n  access_log_settings {\n    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:/api"\n    format          = "$context.requestId"\n  }\n}\n' },
  ],
  fail: [
    {
      name: 'the stage a deployment creates with stage_name (provider v5) has no access logs',
      terraform: 'resource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_deployment" "d" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = "prod"\n}\n',
      findings: [{ line: 5, message: /the stage "prod" created by aws_api_gateway_deployment\.d has no access_log_settings/ }],
    },
    { name: 'REST stage without access logs', terraform: 'resource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = "a1b2c3d4e5"\n  deployment_id = "abc123"\n  stage_name    = "prod"\n}\n', findings: [{ line: 1, column: 1, message: /does not declare access_log_settings/ }] },
  ],
  unknown: [
    {
      name: 'a deployment whose stage_name is known only at apply time',
      terraform: 'variable "stage" {\n  type = string\n}\n\nresource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_deployment" "d" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = var.stage\n}\n',
    },
  ],
});
