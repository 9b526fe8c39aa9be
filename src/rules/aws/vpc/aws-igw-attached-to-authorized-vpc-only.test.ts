import rule from './aws-igw-attached-to-authorized-vpc-only.js';
import { testRule } from '../../../testing/rule-tester.js';

const vpc = 'resource "aws_vpc" "edge" {\n  cidr_block = "10.1.0.0/16"\n  tags = {\n    Name = "edge"\n  }\n}\n';

testRule(rule, {
  pass: [
    { name: 'a gateway on one of two VPCs, both authorized', params: { authorizedVpcs: ['aws_vpc.edge', 'aws_vpc.phi'] }, terraform: 'resource "aws_vpc" "edge" {\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_vpc" "phi" {\n  cidr_block = "10.1.0.0/16"\n}\nresource "aws_internet_gateway" "gw" {\n  vpc_id = element([aws_vpc.edge.id, aws_vpc.phi.id], 1)\n}\n' },
    { name: 'attached to an allow-listed vpc by Name tag', params: { authorizedVpcs: ['edge'] }, terraform: `${vpc}resource "aws_internet_gateway" "gw" {\n  vpc_id = aws_vpc.edge.id\n}\n` },
    { name: 'attachment to an allow-listed vpc id', params: { authorizedVpcs: ['vpc-0123456789abcdef0'] }, terraform: 'resource "aws_internet_gateway_attachment" "a" {\n  internet_gateway_id = "igw-0123456789abcdef0"\n  vpc_id              = "vpc-0123456789abcdef0"\n}\n' },
  ],
  fail: [
    { name: 'attached to a vpc id not on the list', terraform: 'resource "aws_internet_gateway" "gw" {\n  vpc_id = "vpc-0123456789abcdef0"\n}\n', findings: [{ line: 2, message: /vpc-0123456789abcdef0, which is not on the authorizedVpcs list/ }] },
  ],
  unknown: [
    // It attaches to one of edge (authorized) and phi (not), by ids known only at apply time: edge, the first, was judged.
    { name: 'a gateway on one of two VPCs, only the first authorized', params: { authorizedVpcs: ['aws_vpc.edge'] }, terraform: 'resource "aws_vpc" "edge" {\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_vpc" "phi" {\n  cidr_block = "10.1.0.0/16"\n}\nresource "aws_internet_gateway" "gw" {\n  vpc_id = element([aws_vpc.edge.id, aws_vpc.phi.id], 1)\n}\n' },
    { name: 'vpc id from a variable', terraform: 'variable "vpc_id" {\n  type = string\n}\nresource "aws_internet_gateway" "gw" {\n  vpc_id = var.vpc_id\n}\n' },
  ],
});
