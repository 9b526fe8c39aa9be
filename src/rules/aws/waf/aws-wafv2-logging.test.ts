import rule from './aws-wafv2-logging.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'classic regional WAF with a logging block', terraform: 'resource "aws_wafregional_web_acl" "acl" {\n  name        = "portal"\n  metric_name = "portal"\n  default_action {\n    type = "ALLOW"\n  }\n  logging_configuration {\n    log_destination = "arn:aws:firehose:us-east-1:123456789012:deliverystream/aws-waf-logs-portal"\n  }\n}\n' }],
  fail: [{ name: 'classic WAF without logging', terraform: 'resource "aws_waf_web_acl" "acl" {\n  name        = "portal"\n  metric_name = "portal"\n  default_action {\n    type = "ALLOW"\n  }\n}\n', findings: [{ line: 1, column: 1, message: /does not declare logging_configuration/ }] }],
  unknown: [],
});
