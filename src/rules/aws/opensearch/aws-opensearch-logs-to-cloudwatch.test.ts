import rule from './aws-opensearch-logs-to-cloudwatch.js';
import { testRule } from '../../../testing/rule-tester.js';

const options = (type: string, extra = ''): string => `  log_publishing_options {\n    log_type                 = "${type}"\n    cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:123456789012:log-group:/os"\n${extra}  }\n`;

testRule(rule, {
  pass: [{ name: 'application and audit logs', terraform: `resource "aws_opensearch_domain" "os" {\n  domain_name = "patients"\n${options('ES_APPLICATION_LOGS')}${options('AUDIT_LOGS')}}\n` }],
  fail: [
    { name: 'audit log disabled', terraform: `resource "aws_opensearch_domain" "os" {\n  domain_name = "patients"\n${options('ES_APPLICATION_LOGS')}${options('AUDIT_LOGS', '    enabled                  = false\n')}}\n`, findings: [{ line: 1, message: /does not publish AUDIT_LOGS/ }] },
  ],
  unknown: [{ name: 'log type from a variable without a value', terraform: `variable "type" {\n  type = string\n}\n\nresource "aws_opensearch_domain" "os" {\n  domain_name = "patients"\n  log_publishing_options {\n    log_type                 = var.type\n    cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:123456789012:log-group:/os"\n  }\n}\n` }],
});
