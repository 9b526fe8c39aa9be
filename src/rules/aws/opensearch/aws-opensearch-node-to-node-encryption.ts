import type { Resource } from '../../../model/resource.js';
import { blockOf } from '../../../model/read.js';
import { defineRule, fail } from '../../define-rule.js';
import { requireBoolean } from '../judge-setting.js';

const DOMAIN_TYPES = ['aws_opensearch_domain', 'aws_elasticsearch_domain'];

export default defineRule<Resource>({
  id: 'aws-opensearch-node-to-node-encryption',
  title: 'OpenSearch domains encrypt traffic between nodes',
  severity: 'high',
  controls: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  kind: 'attr',
  why: 'Shards and query results move between data nodes constantly; without node-to-node encryption that ePHI crosses the VPC in clear text.',
  howToFix: 'Add node_to_node_encryption { enabled = true } to the domain (Terraform may replace older domains).',
  links: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html'],
  references: {
    awsConfig: ['opensearch-node-to-node-encryption-check', 'elasticsearch-node-to-node-encryption-check'],
    checkov: ['CKV_AWS_6'],
    trivy: ['AVD-AWS-0043', 'aws-elasticsearch-enable-in-transit-encryption'],
  },
  targets: (model) => DOMAIN_TYPES.flatMap((t) => model.ofType(t)),
  check(domain) {
    const block = blockOf(domain, 'node_to_node_encryption');
    if (!block) {
      return fail(domain, {
        message: `${domain.address} has no node_to_node_encryption block, so traffic between its nodes is unencrypted.`,
        fix: { description: 'Enable node-to-node encryption', safety: 'unsafe', terraform: (edit) => edit.insertBlock(domain.span, 'node_to_node_encryption {\n  enabled = true\n}') },
      });
    }
    return requireBoolean(domain.address, block, 'enabled', true, {
      providerDefault: false,
      label: 'node_to_node_encryption.enabled',
      consequence: 'traffic between its nodes is unencrypted',
      fix: { description: 'Enable node-to-node encryption', safety: 'unsafe', fixValue: 'true' },
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_opensearch_domain" "search" {\n  domain_name = "patient-search"\n}\n'],
      good: ['resource "aws_opensearch_domain" "search" {\n  domain_name = "patient-search"\n\n  node_to_node_encryption {\n    enabled = true\n  }\n}\n'],
    },
  },
});
