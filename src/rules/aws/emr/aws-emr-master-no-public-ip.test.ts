import rule from './aws-emr-master-no-public-ip.js';
import { testRule } from '../../../testing/rule-tester.js';

const cluster = (subnet: string): string =>
  `resource "aws_emr_cluster" "etl" {\n  name          = "etl"\n  release_label = "emr-7.0.0"\n  service_role  = "EMR_DefaultRole"\n  ec2_attributes {\n    subnet_id        = ${subnet}\n    instance_profile = "EMR_EC2_DefaultRole"\n  }\n}\n`;

const subnets = 'resource "aws_subnet" "private" {\n  vpc_id     = "vpc-0123456789abcdef0"\n  cidr_block = "10.0.1.0/24"\n}\nresource "aws_subnet" "private_b" {\n  vpc_id     = "vpc-0123456789abcdef0"\n  cidr_block = "10.0.3.0/24"\n}\nresource "aws_subnet" "public" {\n  vpc_id                  = "vpc-0123456789abcdef0"\n  cidr_block              = "10.0.2.0/24"\n  map_public_ip_on_launch = true\n}\n';
const fleet = (ids: string): string =>
  `resource "aws_emr_cluster" "etl" {\n  name          = "etl"\n  release_label = "emr-7.0.0"\n  service_role  = "EMR_DefaultRole"\n  ec2_attributes {\n    subnet_ids       = [${ids}]\n    instance_profile = "EMR_EC2_DefaultRole"\n  }\n  master_instance_fleet {\n    target_on_demand_capacity = 1\n    instance_type_configs {\n      instance_type = "m5.xlarge"\n    }\n  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'instance fleet subnets all private', terraform: subnets + fleet('aws_subnet.private.id, aws_subnet.private_b.id') },
    { name: 'block public access configuration on', terraform: 'resource "aws_emr_block_public_access_configuration" "bpa" {\n  block_public_security_group_rules = true\n}\n' },
  ],
  fail: [
    { name: 'instance fleet with a public subnet listed second', terraform: subnets + fleet('aws_subnet.private.id, aws_subnet.public.id'), findings: [{ line: 19, message: /aws_subnet\.public, which maps public IPs/ }] },
    { name: 'block public access turned off', terraform: 'resource "aws_emr_block_public_access_configuration" "bpa" {\n  block_public_security_group_rules = false\n}\n', findings: [{ line: 2 }] },
    { name: 'no ec2_attributes subnet', terraform: 'resource "aws_emr_cluster" "etl" {\n  name          = "etl"\n  release_label = "emr-7.0.0"\n  service_role  = "EMR_DefaultRole"\n}\n', findings: [{ line: 1, message: /subnet_id/ }] },
  ],
  unknown: [
    { name: 'instance fleet with a subnet not in the scan', terraform: subnets + fleet('aws_subnet.private.id, "subnet-0123456789abcdef0"') },
    { name: 'subnet from a variable', terraform: `variable "subnet" {\n  type = string\n}\n${cluster('var.subnet')}` },
    { name: 'subnet declared elsewhere', terraform: cluster('"subnet-0123456789abcdef0"') },
  ],
});
