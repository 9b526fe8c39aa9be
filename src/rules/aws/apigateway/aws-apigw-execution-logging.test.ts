import rule from './aws-apigw-execution-logging.js';
import { testRule } from '../../../testing/rule-tester.js';

const rest = 'resource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = aws_api_gateway_rest_api.api.id\n  deployment_id = "abc123"\n  stage_name    = "prod"\n}\n\n';
const settings = (level: string): string =>
  `resource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = "*/*"\n  settings {\n    logging_level = ${level}\n  }\n}\n`;
const ws = (extra: string): string =>
  `resource "aws_apigatewayv2_api" "ws" {\n  name                       = "chat"\n  protocol_type              = "WEBSOCKET"\n  route_selection_expression = "$request.body.action"\n}\n\nresource "aws_apigatewayv2_stage" "prod" {\n  api_id = aws_apigatewayv2_api.ws.id\n  name   = "prod"\n${extra}}\n`;

// The stage and its method settings named alike, not by a reference to the stage (a module's usual shape).
const byValue = (variable: string, settingsStage: string, settingsApi = 'aws_api_gateway_rest_api.api.id'): string =>
  `${variable}resource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_rest_api" "admin" {\n  name = "admin"\n}\n\nresource "aws_api_gateway_stage" "s" {\n  rest_api_id   = aws_api_gateway_rest_api.api.id\n  deployment_id = "d1"\n  stage_name    = var.stage\n}\n\nresource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = ${settingsApi}\n  stage_name  = ${settingsStage}\n  method_path = "*/*"\n  settings {\n    logging_level = "ERROR"\n  }\n}\n`;

testRule(rule, {
  pass: [
    {
      name: 'the stage a deployment creates, with method settings for its name',
      terraform: 'resource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_deployment" "d" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = "prod"\n}\n\nresource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = aws_api_gateway_deployment.d.stage_name\n  method_path = "*/*"\n  settings {\n    logging_level = "ERROR"\n  }\n}\n',
    },
    {
      name: 'the stage a deployment creates, with method settings for an equal literal',
      terraform: 'resource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_deployment" "d" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = "prod"\n}\n\nresource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = "prod"\n  method_path = "*/*"\n  settings {\n    logging_level = "ERROR"\n  }\n}\n',
    },
    { name: 'method settings for the same rest_api_id and stage_name, both from var.stage', terraform: byValue('variable "stage" {\n  default = "prod"\n}\n\n', 'var.stage') },
    { name: 'method settings naming the stage by an equal literal', terraform: byValue('variable "stage" {\n  default = "prod"\n}\n\n', '"prod"') },
    { name: 'stage and method settings from one variable without a value', terraform: byValue('variable "stage" {\n  type = string\n}\n\n', 'var.stage') },
    { name: 'WebSocket stage logging INFO', terraform: ws('  default_route_settings {\n    logging_level = "INFO"\n  }\n') },
    { name: 'HTTP API stages are not judged, REST stage at INFO', terraform: `${rest}${settings('"INFO"')}\nresource "aws_apigatewayv2_api" "http" {\n  name          = "http"\n  protocol_type = "HTTP"\n}\n\nresource "aws_apigatewayv2_stage" "http" {\n  api_id = aws_apigatewayv2_api.http.id\n  name   = "$default"\n}\n` },
  ],
  fail: [
    // The stage is of the WebSocket API (element index 1); the first linked API, HTTP, left it unjudged.
    { name: 'a stage of the WebSocket one of two APIs, picked by element()', terraform: 'resource "aws_apigatewayv2_api" "http" {\n  name          = "http"\n  protocol_type = "HTTP"\n}\nresource "aws_apigatewayv2_api" "ws" {\n  name                       = "ws"\n  protocol_type              = "WEBSOCKET"\n  route_selection_expression = "$request.body.action"\n}\nresource "aws_apigatewayv2_stage" "s" {\n  api_id = element([aws_apigatewayv2_api.http.id, aws_apigatewayv2_api.ws.id], 1)\n  name   = "prod"\n}\n', findings: [{ line: 10 }] },
    {
      name: 'the stage a deployment creates with stage_name, with no method settings',
      terraform: 'resource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_deployment" "d" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = "prod"\n}\n',
      findings: [{ line: 5, message: /the stage "prod" created by aws_api_gateway_deployment\.d has no "\*\/\*" aws_api_gateway_method_settings/ }],
    },
    {
      name: 'method settings for another stage do not log the deployment\'s',
      terraform: 'resource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_deployment" "d" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = "prod"\n}\n\nresource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = "dev"\n  method_path = "*/*"\n  settings {\n    logging_level = "ERROR"\n  }\n}\n',
      findings: [{ line: 5, message: /the stage "prod" created by aws_api_gateway_deployment\.d has no/ }],
    },
    { name: 'REST stage with logging OFF', terraform: `${rest}${settings('"OFF"')}`, findings: [{ line: 16, message: /sets logging_level to "OFF"/ }] },
    {
      name: 'method settings for another stage name are not the stage\'s',
      terraform: byValue('variable "stage" {\n  default = "prod"\n}\n\n', '"dev"'),
      findings: [{ line: 13, message: /aws_api_gateway_stage\.s has no "\*\/\*" aws_api_gateway_method_settings/ }],
    },
    {
      name: 'method settings for the same stage name of another REST API are not the stage\'s',
      terraform: byValue('variable "stage" {\n  default = "prod"\n}\n\n', 'var.stage', 'aws_api_gateway_rest_api.admin.id'),
      findings: [{ line: 13, message: /aws_api_gateway_stage\.s has no "\*\/\*" aws_api_gateway_method_settings/ }],
    },
    { name: 'WebSocket stage without route settings', terraform: ws(''), findings: [{ line: 7, message: /does not declare default_route_settings/ }] },
  ],
  unknown: [{ name: 'level from a variable without a value', terraform: `variable "level" {\n  type = string\n}\n\n${rest}${settings('var.level')}` }],
});
