import rule from './aws-apigw-access-logging.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'REST stage with access logs', terraform: 'resource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = "a1b2c3d4e5"\n  deployment_id = "abc123"\n  stage_name    = "prod"\n  access_log_settings {\n    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:/api"\n    format          = "$context.requestId"\n  }\n}\n' }],
  fail: [{ name: 'REST stage without access logs', terraform: 'resource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = "a1b2c3d4e5"\n  deployment_id = "abc123"\n  stage_name    = "prod"\n}\n', findings: [{ line: 1, column: 1, message: /does not declare access_log_settings/ }] }],
  unknown: [],
});
