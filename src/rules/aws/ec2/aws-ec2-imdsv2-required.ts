import type { Resource } from '../../../model/resource.js';
import { asNumber, asString, blockOf } from '../../../model/read.js';
import type { FixBuilder } from '../../../fixes/fix.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

export default defineRule<Resource, { maxHopLimit: number }>({
  id: 'aws-ec2-imdsv2-required',
  title: 'EC2 instances require IMDSv2',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.312(d)'],
  kind: 'attr',
  why: 'IMDSv1 answers any request, so an SSRF bug in an application can read the instance role credentials and reach every ePHI store the role can.',
  howToFix: 'Add metadata_options { http_tokens = "required" } (and http_put_response_hop_limit = 1, or 2 for containers) to instances, launch templates and launch configurations.',
  links: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html'],
  references: {
    awsConfig: ['ec2-imdsv2-check', 'ec2-launch-template-imdsv2-check'],
    checkov: ['CKV_AWS_79', 'CKV_AWS_341'],
    trivy: ['AVD-AWS-0028', 'aws-ec2-enforce-http-token-imds', 'AVD-AWS-0130', 'aws-ec2-enforce-launch-config-http-token-imds'],
  },
  params: { maxHopLimit: 2 },
  targets: (model) => ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'].flatMap((t) => model.ofType(t)),
  check(target, { params }) {
    const options = blockOf(target, 'metadata_options');
    const fixInsert = {
      description: 'Require IMDSv2',
      safety: 'safe' as const,
      terraform: (edit: FixBuilder) =>
        options ? edit.setAttribute(options.span, 'http_tokens', '"required"') : edit.insertBlock(target.span, 'metadata_options {\n  http_tokens = "required"\n}'),
    };
    if (!options) {
      return fail(target, { message: `${target.address} has no metadata_options, so http_tokens defaults to "optional" and IMDSv1 stays available.`, fix: fixInsert });
    }
    const endpoint = options.attributes.get('http_endpoint');
    if (endpoint && !isApplyTime(endpoint) && asString(endpoint.value) === 'disabled') return pass(endpoint, `${target.address} turns the metadata service off.`);
    const tokens = options.attributes.get('http_tokens');
    if (!tokens) return fail(options, { message: `${target.address} does not set metadata_options.http_tokens (default "optional"), so IMDSv1 stays available.`, fix: fixInsert });
    if (isApplyTime(tokens)) return unknown(tokens, `${target.address}: http_tokens is known only at apply time (${reasonOf(tokens)}).`);
    if (asString(tokens.value) !== 'required') {
      return fail(tokens, { message: `${target.address} sets http_tokens to "${asString(tokens.value)}", so IMDSv1 stays available.`, fix: fixInsert });
    }
    const outcomes: Outcome[] = [pass(tokens)];
    const hops = options.attributes.get('http_put_response_hop_limit');
    if (hops && !isApplyTime(hops)) {
      const n = asNumber(hops.value);
      if (n !== undefined && n > params.maxHopLimit) {
        outcomes.push(fail(hops, { message: `${target.address} sets http_put_response_hop_limit to ${n}, so metadata tokens reach beyond the instance (limit ${params.maxHopLimit}).` }));
      }
    }
    return outcomes;
  },
  examples: {
    terraform: {
      bad: ['resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n'],
      good: [
        'resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n',
      ],
    },
  },
});
