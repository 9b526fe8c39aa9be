import type { Resource } from '../../../model/resource.js';
import { attr, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass } from '../../define-rule.js';

export default defineRule<Resource>({
  id: 'aws-wafv2-logging',
  title: 'Web ACLs have a logging configuration',
  severity: 'medium',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  kind: 'graph',
  why: 'WAF logs record the requests blocked or allowed in front of ePHI applications, the evidence of attack attempts; redact fields such as Authorization or query strings that can carry PHI.',
  howToFix: 'Add an aws_wafv2_web_acl_logging_configuration with resource_arn = aws_wafv2_web_acl.<name>.arn and log_destination_configs (classic WAF: a logging_configuration block).',
  links: ['https://docs.aws.amazon.com/waf/latest/developerguide/logging.html'],
  references: { awsConfig: ['wafv2-logging-enabled'], checkov: ['CKV2_AWS_31', 'CKV_AWS_176'] },
  targets: (model) => [...model.ofType('aws_wafv2_web_acl'), ...model.ofType('aws_waf_web_acl'), ...model.ofType('aws_wafregional_web_acl')],
  check(acl, { model }) {
    if (acl.type === 'aws_wafv2_web_acl') {
      const logging = model.related(acl, 'aws_wafv2_web_acl_logging_configuration').find((c) => attr(c, 'resource_arn') !== undefined);
      if (logging) return pass(logging, `${acl.address} is logged by ${logging.address}.`);
      return fail(acl, { message: `${acl.address} has no aws_wafv2_web_acl_logging_configuration, so its request decisions are not logged.` });
    }
    const inline = blockOf(acl, 'logging_configuration');
    if (inline) return pass(inline, `${acl.address} has a logging configuration.`);
    return fail(acl, { message: `${acl.address} does not declare logging_configuration, so its request decisions are not logged.` });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_wafv2_web_acl" "portal" {\n  name  = "patient-portal"\n  scope = "REGIONAL"\n\n  default_action {\n    allow {}\n  }\n\n  visibility_config {\n    cloudwatch_metrics_enabled = true\n    metric_name                = "patient-portal"\n    sampled_requests_enabled   = true\n  }\n}\n',
      ],
      good: [
        'resource "aws_wafv2_web_acl" "portal" {\n  name  = "patient-portal"\n  scope = "REGIONAL"\n\n  default_action {\n    allow {}\n  }\n\n  visibility_config {\n    cloudwatch_metrics_enabled = true\n    metric_name                = "patient-portal"\n    sampled_requests_enabled   = true\n  }\n}\n\nresource "aws_cloudwatch_log_group" "waf" {\n  name = "aws-waf-logs-patient-portal"\n}\n\nresource "aws_wafv2_web_acl_logging_configuration" "portal" {\n  resource_arn            = aws_wafv2_web_acl.portal.arn\n  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]\n}\n',
      ],
    },
  },
});
