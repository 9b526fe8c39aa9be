import type { Resource } from '../../../model/resource.js';
import { blockOf } from '../../../model/read.js';
import { defineRule, fail, type Outcome } from '../../define-rule.js';
import { requireBoolean, requireMatch } from '../judge-setting.js';

const DOMAIN_TYPES = ['aws_opensearch_domain', 'aws_elasticsearch_domain'];

export default defineRule<Resource>({
  id: 'aws-opensearch-https-required',
  title: 'OpenSearch domains require HTTPS with TLS 1.2',
  severity: 'high',
  controls: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  kind: 'attr',
  why: 'Search indexes often hold copies of clinical records; an endpoint that accepts HTTP or TLS 1.0 lets those documents cross the network readable.',
  howToFix: 'Add domain_endpoint_options { enforce_https = true, tls_security_policy = "Policy-Min-TLS-1-2-2019-07" } (or Policy-Min-TLS-1-2-PFS-2023-10).',
  links: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html'],
  references: {
    awsConfig: ['opensearch-https-required'],
    checkov: ['CKV_AWS_83', 'CKV_AWS_228'],
    trivy: ['AVD-AWS-0046', 'aws-elasticsearch-enforce-https', 'AVD-AWS-0126', 'aws-elasticsearch-use-secure-tls-policy'],
  },
  targets: (model) => DOMAIN_TYPES.flatMap((t) => model.ofType(t)),
  check(domain): Outcome[] {
    const options = blockOf(domain, 'domain_endpoint_options');
    if (!options) {
      return [
        fail(domain, {
          message: `${domain.address} has no domain_endpoint_options, so no TLS security policy is set and the endpoint may accept TLS 1.0.`,
          fix: {
            description: 'Require HTTPS with a TLS 1.2 policy',
            safety: 'safe',
            terraform: (edit) => edit.insertBlock(domain.span, 'domain_endpoint_options {\n  enforce_https       = true\n  tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n}'),
          },
        }),
      ];
    }
    const label = `${domain.address} domain_endpoint_options`;
    const https = requireBoolean(label, options, 'enforce_https', true, {
      providerDefault: true,
      consequence: 'clients can send requests over plain HTTP',
      fix: { description: 'Require HTTPS', safety: 'safe', fixValue: 'true' },
    });
    const tls = requireMatch(label, options, 'tls_security_policy', /^Policy-Min-TLS-1-2/, {
      providerDefault: 'Policy-Min-TLS-1-0-2019-07',
      consequence: 'clients can negotiate TLS versions older than 1.2',
      fix: { description: 'Use a TLS 1.2 policy', safety: 'safe', fixValue: '"Policy-Min-TLS-1-2-2019-07"' },
    });
    const failed = [https, tls].filter((o) => o.status !== 'pass');
    return failed.length > 0 ? failed : [tls];
  },
  examples: {
    terraform: {
      bad: ['resource "aws_opensearch_domain" "search" {\n  domain_name = "patient-search"\n}\n'],
      good: [
        'resource "aws_opensearch_domain" "search" {\n  domain_name = "patient-search"\n\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"\n  }\n}\n',
      ],
    },
  },
});
