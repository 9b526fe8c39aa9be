import type { Resource } from '../../../model/resource.js';
import { asBoolean, asString, attr, attrOr, blocksOf, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';

const REQUIRED = ['ES_APPLICATION_LOGS', 'AUDIT_LOGS'];

export default defineRule<Resource>({
  id: 'aws-opensearch-logs-to-cloudwatch',
  title: 'OpenSearch domains publish application and audit logs',
  severity: 'medium',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)'],
  kind: 'attr',
  why: 'Audit logs record which users searched or changed indices holding ePHI, and error logs show failed access; neither exists unless published to CloudWatch Logs.',
  howToFix:
    'Add log_publishing_options blocks with log_type = "ES_APPLICATION_LOGS" and "AUDIT_LOGS" (audit logs need fine-grained access control) pointing at a CloudWatch log group.',
  links: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createdomain-configure-slow-logs.html', 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html'],
  references: {
    awsConfig: ['opensearch-logs-to-cloudwatch', 'elasticsearch-logs-to-cloudwatch', 'opensearch-audit-logging-enabled'],
    checkov: ['CKV_AWS_84', 'CKV_AWS_317'],
    trivy: ['AVD-AWS-0042', 'aws-elasticsearch-enable-domain-logging'],
  },
  targets: (model) => [...model.ofType('aws_opensearch_domain'), ...model.ofType('aws_elasticsearch_domain')],
  check(domain) {
    const enabled = new Set<string>();
    for (const options of blocksOf(domain, 'log_publishing_options')) {
      const type = attr(options, 'log_type');
      const on = attrOr(options, 'enabled', true);
      if (!type || isUnresolved(type) || isUnresolved(on)) return unknown(options, `${domain.address}: its log publishing options depend on values known only at apply time.`);
      if (asBoolean(on.value) === true) enabled.add(asString(type.value) ?? '');
    }
    const missing = REQUIRED.filter((t) => !enabled.has(t));
    if (missing.length === 0) return pass(domain, `${domain.address} publishes application and audit logs to CloudWatch Logs.`);
    return fail(domain, { message: `${domain.address} does not publish ${missing.join(' or ')} to CloudWatch Logs.` });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_opensearch_domain" "search" {\n  domain_name = "patients"\n}\n'],
      good: [
        'resource "aws_cloudwatch_log_group" "search" {\n  name = "/opensearch/patients"\n}\n\nresource "aws_opensearch_domain" "search" {\n  domain_name = "patients"\n\n  log_publishing_options {\n    log_type                 = "ES_APPLICATION_LOGS"\n    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn\n  }\n\n  log_publishing_options {\n    log_type                 = "AUDIT_LOGS"\n    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn\n  }\n}\n',
      ],
    },
  },
});
