import type { Resource } from '../../../model/resource.js';
import { asList, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-opensearch-domain-in-vpc',
  title: 'OpenSearch domains are attached to a VPC',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)', '164.312(e)(1)'],
  kind: 'attr',
  why: 'A domain without vpc_options has a public endpoint protected only by its access policy; search indexes of ePHI are then one policy mistake from the internet.',
  howToFix: 'Add vpc_options { subnet_ids = [...private subnets...], security_group_ids = [...] } (this replaces the domain) and reach it from inside the VPC.',
  links: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html'],
  references: { awsConfig: ['opensearch-in-vpc-only', 'elasticsearch-in-vpc-only'], checkov: ['CKV_AWS_137', 'CKV_AWS_248'] },
  targets: (model) => [...model.ofType('aws_opensearch_domain'), ...model.ofType('aws_elasticsearch_domain')],
  check(domain) {
    const vpc = blockOf(domain, 'vpc_options');
    const subnets = vpc?.attributes.get('subnet_ids');
    if (!vpc || !subnets) {
      return fail(vpc ?? domain, { message: `${domain.address} has no vpc_options.subnet_ids, so it gets a public endpoint.` });
    }
    if (isApplyTime(subnets)) return unknown(subnets, `${domain.address}: vpc_options.subnet_ids is known only at apply time (${reasonOf(subnets)}).`);
    if (asList(subnets.value).length === 0) return fail(subnets, { message: `${domain.address} sets vpc_options.subnet_ids to an empty list, so it gets a public endpoint.` });
    return pass(subnets, `${domain.address} is attached to VPC subnets.`);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_opensearch_domain" "search" {\n  domain_name    = "search"\n  engine_version = "OpenSearch_2.11"\n}\n'],
      good: [
        'resource "aws_opensearch_domain" "search" {\n  domain_name    = "search"\n  engine_version = "OpenSearch_2.11"\n  vpc_options {\n    subnet_ids         = ["subnet-0123456789abcdef0"]\n    security_group_ids = ["sg-0123456789abcdef0"]\n  }\n}\n',
      ],
    },
  },
});
