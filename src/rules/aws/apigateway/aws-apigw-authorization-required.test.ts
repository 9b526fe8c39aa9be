import rule from './aws-apigw-authorization-required.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'HTTP API route with JWT', terraform: 'resource "aws_apigatewayv2_route" "r" {\n  api_id = "a"\n  route_key = "GET /patients"\n  authorization_type = "JWT"\n  authorizer_id = "x"\n}\n' },
    {
      name: 'WebSocket: only $connect is judged',
      terraform: 'resource "aws_apigatewayv2_api" "ws" {\n  name = "ws"\n  protocol_type = "WEBSOCKET"\n  route_selection_expression = "$request.body.action"\n}\nresource "aws_apigatewayv2_route" "connect" {\n  api_id = aws_apigatewayv2_api.ws.id\n  route_key = "$connect"\n  authorization_type = "AWS_IAM"\n}\nresource "aws_apigatewayv2_route" "msg" {\n  api_id = aws_apigatewayv2_api.ws.id\n  route_key = "sendmessage"\n}\n',
    },
  ],
  fail: [
    { name: 'v2 route without authorization_type', terraform: 'resource "aws_apigatewayv2_route" "r" {\n  api_id = "a"\n  route_key = "GET /patients"\n}\n', findings: [{ line: 1, message: /does not set authorization_type/ }] },
    { name: 'REST method NONE even with an API key', terraform: 'resource "aws_api_gateway_method" "m" {\n  rest_api_id = "a"\n  resource_id = "r"\n  http_method = "POST"\n  authorization = "NONE"\n  api_key_required = true\n}\n', findings: [{ line: 5 }] },
  ],
  unknown: [{ name: 'authorization from a variable', terraform: 'variable "auth" {\n  type = string\n}\nresource "aws_api_gateway_method" "m" {\n  rest_api_id = "a"\n  resource_id = "r"\n  http_method = "GET"\n  authorization = var.auth\n}\n' }],
});
