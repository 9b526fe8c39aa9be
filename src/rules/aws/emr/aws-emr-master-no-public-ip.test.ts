import rule from './aws-emr-master-no-public-ip.js';
import { testRule } from '../../../testing/rule-tester.js';

const cluster = (subnet: string): string =>
  `resource "aws_emr_cluster" "etl" {\n  name          = "etl"\n  release_label = "emr-7.0.0"\n  service_role  = "EMR_DefaultRole"\n  ec2_attributes {\n    subnet_id        = ${subnet}\n    instance_profile = "EMR_EC2_DefaultRole"\n  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'block public access configuration on', terraform: 'resource "aws_emr_block_public_access_configuration" "bpa" {\n  block_public_security_group_rules = true\n}\n' },
  ],
  fail: [
    { name: 'block public access turned off', terraform: 'resource "aws_emr_block_public_access_configuration" "bpa" {\n  block_public_security_group_rules = false\n}\n', findings: [{ line: 2 }] },
    { name: 'no ec2_attributes subnet', terraform: 'resource "aws_emr_cluster" "etl" {\n  name          = "etl"\n  release_label = "emr-7.0.0"\n  service_role  = "EMR_DefaultRole"\n}\n', findings: [{ line: 1, message: /subnet_id/ }] },
  ],
  unknown: [
    { name: 'subnet from a variable', terraform: `variable "subnet" {\n  type = string\n}\n${cluster('var.subnet')}` },
    { name: 'subnet declared elsewhere', terraform: cluster('"subnet-0123456789abcdef0"') },
  ],
});
