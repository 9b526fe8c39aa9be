import rule from './aws-apigw-authorization-required.js';
import { testRule } from '../../../testing/rule-tester.js';

const restApi = (scheme: string): string =>
  `resource "aws_api_gateway_rest_api" "patients" {\n  name = "patients"\n  body = jsonencode({\n    openapi = "3.0.1"\n    info    = { title = "patients", version = "1" }\n    components = {\n      securitySchemes = {\n        ${scheme}\n      }\n    }\n    security = [{ client = [] }]\n    paths = {\n      "/patients/{id}" = {\n        get = { "x-amazon-apigateway-integration" = { type = "HTTP_PROXY", httpMethod = "GET", uri = "https://backend.example.com/patients/{id}" } }\n      }\n    }\n  })\n}\n`;

testRule(rule, {
  pass: [
    { name: 'an OpenAPI body whose scheme is IAM (x-amazon-apigateway-authtype awsSigv4)', terraform: restApi('client = { type = "apiKey", name = "Authorization", in = "header", "x-amazon-apigateway-authtype" = "awsSigv4" }') },
    { name: 'an OpenAPI body whose operations name a security requirement (the integration uri known at apply time)', terraform: 'resource "aws_lambda_function" "f" {\n  function_name = "get-patient"\n  role          = "arn:aws:iam::111122223333:role/l"\n}\nresource "aws_apigatewayv2_api" "openapi" {\n  name          = "patients"\n  protocol_type = "HTTP"\n  body = jsonencode({\n    openapi = "3.0.1"\n    info    = { title = "patients", version = "1.0" }\n    paths = {\n      "/patients/{id}" = {\n        get = { security = [{ jwt = [] }], "x-amazon-apigateway-integration" = { type = "AWS_PROXY", uri = aws_lambda_function.f.invoke_arn } }\n        options = { "x-amazon-apigateway-integration" = { type = "MOCK" } }\n      }\n    }\n  })\n}\n' },
    { name: 'HTTP API route with JWT', terraform: 'resource "aws_apigatewayv2_route" "r" {\n  api_id = "a"\n  route_key = "GET /patients"\n  authorization_type = "JWT"\n  authorizer_id = "x"\n}\n' },
    {
      name: 'WebSocket: only $connect is judged',
      terraform: 'resource "aws_apigatewayv2_api" "ws" {\n  name = "ws"\n  protocol_type = "WEBSOCKET"\n  route_selection_expression = "$request.body.action"\n}\nresource "aws_apigatewayv2_route" "connect" {\n  api_id = aws_apigatewayv2_api.ws.id\n  route_key = "$connect"\n  authorization_type = "AWS_IAM"\n}\nresource "aws_apigatewayv2_route" "msg" {\n  api_id = aws_apigatewayv2_api.ws.id\n  route_key = "sendmessage"\n}\n',
    },
  ],
  fail: [
    { name: 'an OpenAPI body whose only security scheme is an API key', terraform: restApi('client = { type = "apiKey", name = "x-api-key", in = "header" }'), findings: [{ line: 3, message: /GET \/patients\/\{id\} in its OpenAPI body without an authorizer \(no security requirement, or an API key only\)/ }] },
    { name: 'an OpenAPI body operation without a security requirement (OPTIONS is CORS)', terraform: 'resource "aws_lambda_function" "f" {\n  function_name = "get-patient"\n  role          = "arn:aws:iam::111122223333:role/l"\n}\nresource "aws_apigatewayv2_api" "openapi" {\n  name          = "patients"\n  protocol_type = "HTTP"\n  body = jsonencode({\n    openapi = "3.0.1"\n    info    = { title = "patients", version = "1.0" }\n    paths = {\n      "/patients/{id}" = {\n        get = { "x-amazon-apigateway-integration" = { type = "AWS_PROXY", uri = aws_lambda_function.f.invoke_arn } }\n        options = { "x-amazon-apigateway-integration" = { type = "MOCK" } }\n      }\n    }\n  })\n}\n', findings: [{ line: 8, message: /declares the operation GET \/patients\/\{id\} in its OpenAPI body without an authorizer/ }] },
    { name: 'an HTTP API quick create route', terraform: 'resource "aws_apigatewayv2_api" "quick" {\n  name          = "patients"\n  protocol_type = "HTTP"\n  route_key     = "ANY /patients"\n  target        = "arn:aws:lambda:us-east-1:111122223333:function:patients"\n}\n', findings: [{ line: 4, message: /by quick create, which has no authorizer/ }] },
    { name: 'v2 route without authorization_type', terraform: 'resource "aws_apigatewayv2_route" "r" {\n  api_id = "a"\n  route_key = "GET /patients"\n}\n', findings: [{ line: 1, message: /does not set authorization_type/ }] },
    { name: 'REST method NONE even with an API key', terraform: 'resource "aws_api_gateway_method" "m" {\n  rest_api_id = "a"\n  resource_id = "r"\n  http_method = "POST"\n  authorization = "NONE"\n  api_key_required = true\n}\n', findings: [{ line: 5 }] },
  ],
  unknown: [{ name: 'authorization from a variable', terraform: 'variable "auth" {\n  type = string\n}\nresource "aws_api_gateway_method" "m" {\n  rest_api_id = "a"\n  resource_id = "r"\n  http_method = "GET"\n  authorization = var.auth\n}\n' }],
});
