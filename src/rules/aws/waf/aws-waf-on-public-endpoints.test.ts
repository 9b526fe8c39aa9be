import rule from './aws-waf-on-public-endpoints.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    {
      name: 'a deployment stage with a WAF association',
      terraform: 'resource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_deployment" "d" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = "prod"\n}\n\nresource "aws_wafv2_web_acl_association" "a" {\n  resource_arn = "arn:aws:apigateway:us-east-1::/restapis/${aws_api_gateway_rest_api.api.id}/stages/${aws_api_gateway_deployment.d.stage_name}"\n  web_acl_arn  = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/portal/abc"\n}\n',
    },
    { name: 'internal ALB is not judged; distribution with web ACL', terraform: 'resource "aws_lb" "internal" {\n  name = "i"\n  internal = true\n}\nresource "aws_cloudfront_distribution" "d" {\n  enabled = true\n  web_acl_id = "arn:aws:wafv2:us-east-1:1:global/webacl/x/y"\n}\n' },
    { name: 'REST stage with association', terraform: 'resource "aws_api_gateway_stage" "s" {\n  rest_api_id = "a"\n  deployment_id = "d"\n  stage_name = "prod"\n}\nresource "aws_wafv2_web_acl_association" "w" {\n  resource_arn = aws_api_gateway_stage.s.arn\n  web_acl_arn = "arn:aws:wafv2:us-east-1:1:regional/webacl/x/y"\n}\n' },
  ],
  fail: [
    // The stage is of the regional API (element index 1); the first linked API, private, left it unjudged.
    { name: 'a stage of the public one of two REST APIs, picked by element()', terraform: 'resource "aws_api_gateway_rest_api" "priv" {\n  name = "priv"\n  endpoint_configuration {\n    types = ["PRIVATE"]\n  }\n}\nresource "aws_api_gateway_rest_api" "pub" {\n  name = "pub"\n  endpoint_configuration {\n    types = ["REGIONAL"]\n  }\n}\nresource "aws_api_gateway_stage" "s" {\n  rest_api_id   = element([aws_api_gateway_rest_api.priv.id, aws_api_gateway_rest_api.pub.id], 1)\n  stage_name    = "prod"\n  deployment_id = "abc123"\n}\n', findings: [{ line: 13 }] },
    {
      name: 'the stage a deployment creates with stage_name, without a web ACL',
      terraform: 'resource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\nresource "aws_api_gateway_deployment" "d" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = "prod"\n}\n',
      findings: [{ line: 5, message: /the stage "prod" created by aws_api_gateway_deployment\.d is internet-facing/ }],
    },
    { name: 'distribution without web ACL', terraform: 'resource "aws_cloudfront_distribution" "d" {\n  enabled = true\n}\n', findings: [{ line: 1, message: /does not set web_acl_id/ }] },
    { name: 'AppSync API without WAF', terraform: 'resource "aws_appsync_graphql_api" "g" {\n  name = "g"\n  authentication_type = "AWS_IAM"\n}\n', findings: [{ line: 1 }] },
  ],
  unknown: [{ name: 'web ACL from a variable', terraform: 'variable "acl" {\n  type = string\n}\nresource "aws_cloudfront_distribution" "d" {\n  enabled = true\n  web_acl_id = var.acl\n}\n' }],
});
