import rule from './aws-eks-endpoint-restricted.js';
import { testRule } from '../../../testing/rule-tester.js';

const cluster = (vpc: string): string =>
  `resource "aws_eks_cluster" "c" {\n  name     = "c"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  vpc_config {\n    subnet_ids = ["subnet-a", "subnet-b"]\n${vpc}  }\n}\n`;

testRule(rule, {
  pass: [{ name: 'public endpoint limited to an office range', terraform: cluster('    public_access_cidrs = ["203.0.113.0/24"]\n') }],
  fail: [
    { name: 'two /1 halves that are the whole internet (a KICS example)', terraform: cluster('    public_access_cidrs = ["0.0.0.0/1", "128.0.0.0/1"]\n'), findings: [{ line: 6, message: /from 0\.0\.0\.0\/1 and 128\.0\.0\.0\/1/ }] },{ name: 'explicit 0.0.0.0/0', terraform: cluster('    endpoint_public_access = true\n    public_access_cidrs    = ["0.0.0.0/0"]\n'), findings: [{ line: 7, message: /from 0\.0\.0\.0\/0/ }] }],
  unknown: [{ name: 'cidrs from a variable', terraform: `variable "cidrs" {\n  type = list(string)\n}\n${cluster('    public_access_cidrs = var.cidrs\n')}` }],
});
