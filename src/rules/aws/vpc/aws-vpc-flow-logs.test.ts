import rule from './aws-vpc-flow-logs.js';
import { testRule } from '../../../testing/rule-tester.js';

const vpc = 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\n';
const log = (type: string): string => `resource "aws_flow_log" "main" {\n  vpc_id               = aws_vpc.main.id\n  traffic_type         = ${type}\n  log_destination_type = "s3"\n  log_destination      = "arn:aws:s3:::example-flow-logs"\n}\n`;

testRule(rule, {
  pass: [{ name: 'REJECT traffic to S3', terraform: `${vpc}${log('"REJECT"')}` }],
  fail: [
    { name: 'only ACCEPT traffic', terraform: `${vpc}${log('"ACCEPT"')}`, findings: [{ line: 5, message: /none records ALL or REJECT/ }] },
    { name: 'flow log on a subnet does not cover the VPC', terraform: `${vpc}resource "aws_subnet" "a" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = "10.0.1.0/24"\n}\n\nresource "aws_flow_log" "subnet" {\n  subnet_id       = aws_subnet.a.id\n  traffic_type    = "ALL"\n  log_destination = "arn:aws:s3:::example-flow-logs"\n  log_destination_type = "s3"\n}\n`, findings: [{ line: 1, message: /has no aws_flow_log/ }] },
    // The log's vpc_id names aws_vpc.other; only its tags mention aws_vpc.main (probe fl1).
    {
      name: "another VPC's flow log that mentions this VPC does not cover it",
      terraform: `${vpc}resource "aws_vpc" "other" {\n  cidr_block = "10.1.0.0/16"\n}\n\nresource "aws_flow_log" "other" {\n  vpc_id               = aws_vpc.other.id\n  traffic_type         = "ALL"\n  log_destination_type = "s3"\n  log_destination      = "arn:aws:s3:::flow-log-archive"\n  tags                 = { Peer = aws_vpc.main.id }\n}\n`,
      findings: [{ line: 1, message: /aws_vpc.main has no aws_flow_log/ }],
    },
  ],
  unknown: [{ name: 'traffic type from a variable without a value', terraform: `variable "t" {\n  type = string\n}\n\n${vpc}${log('var.t')}` }],
});
