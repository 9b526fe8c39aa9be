import type { Resource } from '../../../model/resource.js';
import { attr, blockOf } from '../../../model/read.js';
import { defineRule, fail, type Outcome } from '../../define-rule.js';
import { phiCustomerKeyOutcome } from '../kms/phi-customer-key.js';
import { requireFlag } from '../require-setting.js';

export default defineRule<Resource>({
  id: 'aws-opensearch-encrypted-at-rest',
  title: 'OpenSearch and Elasticsearch domains encrypt data at rest',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Search indices often hold denormalised copies of patient records; without encryption at rest the indices, swap files and automated snapshots store that ePHI in clear.',
  howToFix: 'Add encrypt_at_rest { enabled = true } (with kms_key_id naming a customer-managed key for PHI) to the domain.',
  links: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html'],
  references: {
    awsConfig: ['opensearch-encrypted-at-rest', 'elasticsearch-encrypted-at-rest'],
    checkov: ['CKV_AWS_5', 'CKV_AWS_247'],
    trivy: ['AVD-AWS-0048', 'aws-elasticsearch-enable-domain-encryption'],
  },
  targets: (model) => [...model.ofType('aws_opensearch_domain'), ...model.ofType('aws_elasticsearch_domain')],
  check(domain, { model }) {
    const block = blockOf(domain, 'encrypt_at_rest');
    if (!block) {
      return fail(domain, {
        message: `${domain.address} does not declare encrypt_at_rest, so encryption at rest is not enabled or evidenced.`,
        fix: { description: 'Enable encryption at rest', safety: 'unsafe', terraform: (edit) => edit.insertBlock(domain.span, 'encrypt_at_rest {\n  enabled = true\n}') },
      });
    }
    const judged = requireFlag(domain, block, 'enabled', {
      providerDefault: false,
      label: `${domain.address} encrypt_at_rest`,
      consequence: 'its indices are unencrypted at rest',
      fix: { description: 'Enable encryption at rest', safety: 'unsafe' },
    });
    const outcomes: Outcome[] = [judged.outcome];
    if (judged.on) {
      const cmk = phiCustomerKeyOutcome(model, domain, attr(block, 'kms_key_id'), 'encrypt_at_rest.kms_key_id', block.span);
      if (cmk) outcomes.push(cmk);
    }
    return outcomes;
  },
  examples: {
    terraform: {
      bad: ['resource "aws_opensearch_domain" "search" {\n  domain_name    = "patients"\n  engine_version = "OpenSearch_2.11"\n}\n'],
      good: ['resource "aws_opensearch_domain" "search" {\n  domain_name    = "patients"\n  engine_version = "OpenSearch_2.11"\n\n  encrypt_at_rest {\n    enabled = true\n  }\n}\n'],
    },
  },
});
