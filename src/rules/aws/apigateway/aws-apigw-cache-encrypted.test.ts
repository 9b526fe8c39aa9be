import rule from './aws-apigw-cache-encrypted.js';
import { testRule } from '../../../testing/rule-tester.js';

const api = 'resource "aws_api_gateway_rest_api" "api" {\n  name = "portal"\n}\n\n';
const stage = 'resource "aws_api_gateway_stage" "prod" {\n  rest_api_id           = aws_api_gateway_rest_api.api.id\n  deployment_id         = "abc123"\n  stage_name            = "prod"\n  cache_cluster_enabled = true\n  cache_cluster_size    = "0.5"\n}\n\n';
const settings = (body: string): string =>
  `resource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = "*/*"\n  settings {\n${body}  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'stage cache encrypted by method settings', terraform: `${api}${stage}${settings('    caching_enabled      = true\n    cache_data_encrypted = true\n')}` },
    {
      name: 'stage cache encrypted by method settings for the same rest_api_id and var.stage',
      terraform: `variable "stage" {\n  default = "prod"\n}\n\n${api}${stage.replace('= "prod"', '= var.stage')}${settings('    caching_enabled      = true\n    cache_data_encrypted = true\n').replace('aws_api_gateway_stage.prod.stage_name', 'var.stage')}`,
    },
  ],
  fail: [
    { name: 'stage cache without encryption settings', terraform: `${api}${stage}`, findings: [{ line: 9, message: /enables a cache cluster/ }] },
    { name: 'caching with encryption off', terraform: `${api}${stage}${settings('    caching_enabled      = true\n    cache_data_encrypted = false\n')}`, findings: [{ line: 9, message: /enables a cache cluster/ }, { line: 19, message: /cache_data_encrypted = false/ }] },
  ],
  unknown: [{ name: 'caching from a variable without a value', terraform: `variable "cache" {\n  type = bool\n}\n\n${api}${settings('    caching_enabled = var.cache\n').replace('aws_api_gateway_stage.prod.stage_name', '"prod"')}` }],
});
