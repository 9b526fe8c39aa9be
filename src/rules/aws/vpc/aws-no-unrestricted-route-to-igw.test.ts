import rule from './aws-no-unrestricted-route-to-igw.js';
import { testRule } from '../../../testing/rule-tester.js';

const igw = 'resource "aws_internet_gateway" "gw" {\n  vpc_id = "vpc-0123456789abcdef0"\n}\n';

testRule(rule, {
  pass: [
    { name: 'a default route to an internet gateway in one of two tables, both allow-listed', params: { allowedRouteTables: ['aws_route_table.public', 'aws_route_table.private'] }, terraform: 'resource "aws_route_table" "public" {\n  vpc_id = "vpc-0123456789abcdef0"\n}\nresource "aws_route_table" "private" {\n  vpc_id = "vpc-0123456789abcdef0"\n}\nresource "aws_route" "r" {\n  route_table_id         = element([aws_route_table.public.id, aws_route_table.private.id], 1)\n  destination_cidr_block = "0.0.0.0/0"\n  gateway_id             = "igw-0123456789abcdef0"\n}\n' },
    { name: 'allow-listed public route table', params: { allowedRouteTables: ['aws_route_table.public'] }, terraform: `${igw}resource "aws_route_table" "public" {\n  vpc_id = "vpc-0123456789abcdef0"\n  route {\n    cidr_block = "0.0.0.0/0"\n    gateway_id = aws_internet_gateway.gw.id\n  }\n}\n` },
    { name: 'route to a NAT gateway', terraform: 'resource "aws_route" "nat" {\n  route_table_id         = "rtb-0123456789abcdef0"\n  destination_cidr_block = "0.0.0.0/0"\n  nat_gateway_id         = "nat-0123456789abcdef0"\n}\n' },
    { name: 'a default route to a declared virtual private gateway', terraform: 'resource "aws_vpn_gateway" "vgw" {\n  vpc_id = "vpc-0123456789abcdef0"\n}\nresource "aws_route" "r" {\n  route_table_id         = "rtb-0123456789abcdef0"\n  destination_cidr_block = "0.0.0.0/0"\n  gateway_id             = aws_vpn_gateway.vgw.id\n}\n' },
    { name: 'specific destination via the igw', terraform: `${igw}resource "aws_route" "partner" {\n  route_table_id         = "rtb-0123456789abcdef0"\n  destination_cidr_block = "203.0.113.0/24"\n  gateway_id             = aws_internet_gateway.gw.id\n}\n` },
  ],
  fail: [
    // The route is in one of public (allow-listed) and private, by ids known only at apply time: public, the first, was judged.
    { name: 'a default route to an internet gateway in one of two tables, only the first allow-listed', params: { allowedRouteTables: ['aws_route_table.public'] }, terraform: 'resource "aws_route_table" "public" {\n  vpc_id = "vpc-0123456789abcdef0"\n}\nresource "aws_route_table" "private" {\n  vpc_id = "vpc-0123456789abcdef0"\n}\nresource "aws_route" "r" {\n  route_table_id         = element([aws_route_table.public.id, aws_route_table.private.id], 1)\n  destination_cidr_block = "0.0.0.0/0"\n  gateway_id             = "igw-0123456789abcdef0"\n}\n', findings: [{ line: 7 }] },
    { name: 'aws_route to a declared igw', terraform: `${igw}resource "aws_route" "default" {\n  route_table_id         = "rtb-0123456789abcdef0"\n  destination_cidr_block = "0.0.0.0/0"\n  gateway_id             = aws_internet_gateway.gw.id\n}\n`, findings: [{ line: 4, message: /routes 0\.0\.0\.0\/0 to an internet gateway/ }] },
    { name: 'ipv6 default route in a table', terraform: `${igw}resource "aws_route_table" "private" {\n  vpc_id = "vpc-0123456789abcdef0"\n  route {\n    ipv6_cidr_block = "::/0"\n    gateway_id      = aws_internet_gateway.gw.id\n  }\n}\n`, findings: [{ line: 6 }] },
  ],
  unknown: [
    // gateway_id takes an internet gateway or a virtual private gateway: from a variable it may be either; it passed.
    { name: 'a default route whose gateway_id is a variable without a default', terraform: 'variable "gateway_id" {\n  type = string\n}\nresource "aws_route" "r" {\n  route_table_id         = "rtb-0123456789abcdef0"\n  destination_cidr_block = "0.0.0.0/0"\n  gateway_id             = var.gateway_id\n}\n' },
    { name: 'a default route in a table whose gateway_id is a variable without a default', terraform: 'variable "gateway_id" {\n  type = string\n}\nresource "aws_route_table" "t" {\n  vpc_id = "vpc-0123456789abcdef0"\n  route {\n    cidr_block = "0.0.0.0/0"\n    gateway_id = var.gateway_id\n  }\n}\n' },
    { name: 'destination from a variable', terraform: `${igw}variable "dest" {\n  type = string\n}\nresource "aws_route" "r" {\n  route_table_id         = "rtb-0123456789abcdef0"\n  destination_cidr_block = var.dest\n  gateway_id             = aws_internet_gateway.gw.id\n}\n` },
  ],
});
