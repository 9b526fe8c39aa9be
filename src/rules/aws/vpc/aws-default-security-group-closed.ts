import { computedAttribute } from '../../../model/computed-from.js';
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass } from '../../define-rule.js';

const RULE_TYPES = ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'];
const VPC_TYPES = ['aws_vpc', 'aws_default_vpc'];

/**
 * Rule resources that add to the default group `sg`: those naming it, and those naming its VPC's
 * default_security_group_id, which is the same group whether or not aws_default_security_group adopts it.
 */
function rulesOf(model: InfraModel, sg: Resource): Resource[] {
  const viaVpc = VPC_TYPES.flatMap((t) => model.related(sg, t)).flatMap((vpc) =>
    RULE_TYPES.flatMap((t) => model.related(vpc, t)).filter((r) => computedAttribute(r.attributes.get('security_group_id')) === `${vpc.address}.default_security_group_id`),
  );
  return [...new Set([...RULE_TYPES.flatMap((t) => model.related(sg, t)), ...viaVpc])];
}

export default defineRule<Resource>({
  id: 'aws-default-security-group-closed',
  title: "Every VPC's default security group allows no traffic",
  severity: 'medium',
  controls: ['164.312(a)(1)', '164.308(a)(1)(ii)(B)'],
  kind: 'graph',
  why: 'The default security group lets every member talk to every other and reach anywhere; resources launched without an explicit group land in it, silently widening access to ePHI systems.',
  howToFix: 'For each VPC declare aws_default_security_group with vpc_id set and no ingress or egress blocks (Terraform then removes the default rules), and attach explicit security groups to workloads.',
  links: ['https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html'],
  references: { awsConfig: ['vpc-default-security-group-closed'], checkov: ['CKV2_AWS_12'], trivy: ['AVD-AWS-0173', 'aws-ec2-restrict-all-in-default-sg'] },
  targets: (model) => [...model.ofType('aws_vpc'), ...model.ofType('aws_default_vpc'), ...model.ofType('aws_default_security_group')],
  check(target, { model }) {
    if (target.type === 'aws_vpc' || target.type === 'aws_default_vpc') {
      const adopted = model.related(target, 'aws_default_security_group');
      if (adopted.length > 0) return pass(target, `${target.address} adopts its default security group in ${adopted[0]!.address}.`);
      return fail(target, {
        message: `${target.address} has no aws_default_security_group, so its default security group keeps the AWS rules that allow all traffic between members and all egress.`,
        fix: {
          description: 'Adopt the default security group with no rules',
          safety: 'unsafe', // removes live rules from the default group
          terraform: (edit) => edit.insertAfter(target.span, `resource "aws_default_security_group" "${target.name}_default" {\n  vpc_id = ${target.type}.${target.name}.id\n}`),
        },
      });
    }
    const rules = [...blocksOf(target, 'ingress'), ...blocksOf(target, 'egress')];
    const attached = rulesOf(model, target);
    if (rules.length === 0 && attached.length === 0) return pass(target, `${target.address} has no ingress or egress rules.`);
    const first = rules[0];
    return fail(first ?? attached[0]!, {
      message:
        rules.length > 0
          ? `${target.address} declares ${rules.length} ingress/egress rule${rules.length > 1 ? 's' : ''}, so the default security group allows traffic.`
          : `${attached[0]!.address} adds a rule to the default security group ${target.address}, so it allows traffic.`,
      related: attached.map((r) => ({ span: r.span, message: `${r.address} adds a rule to the default security group` })),
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n'],
      good: [
        'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_default_security_group" "main" {\n  vpc_id = aws_vpc.main.id\n}\n',
      ],
    },
  },
});
