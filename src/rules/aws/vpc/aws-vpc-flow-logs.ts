import type { Resource } from '../../../model/resource.js';
import { asString, attr, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { applyTimeReason, computedFrom } from '../apply-time.js';
import { linkedToVpc } from './vpc-links.js';

const ACCEPTED = new Set(['ALL', 'REJECT']);

/** A VPC's address ("aws_vpc.x", "module.m.aws_default_vpc.d[0]"), as computedFrom gives it. */
const VPC_ADDRESS = /(^|\.)aws_(default_)?vpc\.[^.]+$/;

/**
 * Whether the flow log's vpc_id is another VPC's id: related() links the log to every resource its
 * arguments reference, so a log of aws_vpc.other whose tags or destination mention aws_vpc.main
 * was counted for main too (a false pass). A vpc_id computed from another VPC is that VPC's log.
 */
function logsAnotherVpc(log: Resource, vpc: Resource): boolean {
  const from = computedFrom(attr(log, 'vpc_id'));
  return from !== undefined && VPC_ADDRESS.test(from.replace(/\[[^\]]*\]$/, '')) && from !== vpc.address;
}

export default defineRule<Resource>({
  id: 'aws-vpc-flow-logs',
  title: 'Every VPC has a flow log',
  severity: 'medium',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)'],
  kind: 'graph',
  why: 'Flow logs are the network record of which hosts talked to the systems holding ePHI; without them exfiltration or lateral movement leaves no trace to investigate.',
  howToFix: 'Add an aws_flow_log with vpc_id = aws_vpc.<name>.id, traffic_type = "ALL" (or at least "REJECT") and a CloudWatch Logs or S3 destination.',
  links: ['https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html'],
  references: { awsConfig: ['vpc-flow-logs-enabled'], checkov: ['CKV2_AWS_11'], trivy: ['AVD-AWS-0178', 'aws-ec2-require-vpc-flow-logs-for-all-vpcs'] },
  // A managed default VPC (aws_default_vpc) carries traffic like any other, as AWS Config's check counts it.
  targets: (model) => [...model.ofType('aws_vpc'), ...model.ofType('aws_default_vpc')],
  check(vpc, { model }) {
    const logs = linkedToVpc(model, vpc, 'aws_flow_log').filter((log) => attr(log, 'vpc_id') !== undefined && !logsAnotherVpc(log, vpc));
    if (logs.length === 0) return fail(vpc, { message: `${vpc.address} has no aws_flow_log, so its network traffic is not recorded.` });
    let pending: ReturnType<typeof unknown> | undefined;
    for (const log of logs) {
      const type = attr(log, 'traffic_type');
      if (!type) continue;
      if (isUnresolved(type)) {
        pending ??= unknown(type, `${log.address}: traffic_type depends on ${applyTimeReason(type)}.`);
        continue;
      }
      const value = asString(type.value);
      if (value !== undefined && ACCEPTED.has(value)) return pass(type, `${vpc.address} has flow log ${log.address} recording ${value} traffic.`);
    }
    if (pending) return pending;
    return fail(logs[0]!, { message: `${vpc.address} has flow logs, but none records ALL or REJECT traffic.` });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n', 'resource "aws_default_vpc" "default" {}\n'],
      good: [
        // A flow log on the VPC's id read from a CIDR block association (terraform-aws-vpc with secondary CIDR blocks).
        'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_vpc_ipv4_cidr_block_association" "secondary" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = "10.1.0.0/16"\n}\n\nresource "aws_flow_log" "main" {\n  vpc_id          = aws_vpc_ipv4_cidr_block_association.secondary.vpc_id\n  traffic_type    = "ALL"\n  log_destination = "arn:aws:s3:::flow-log-archive"\n  log_destination_type = "s3"\n}\n',
        'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_cloudwatch_log_group" "flow" {\n  name = "/vpc/main/flow-logs"\n}\n\nresource "aws_flow_log" "main" {\n  vpc_id          = aws_vpc.main.id\n  traffic_type    = "ALL"\n  log_destination = aws_cloudwatch_log_group.flow.arn\n  iam_role_arn    = "arn:aws:iam::123456789012:role/flow-logs"\n}\n',
      ],
    },
  },
});
