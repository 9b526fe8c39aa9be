import rule from './aws-eks-control-plane-logging.js';
import { testRule } from '../../../testing/rule-tester.js';

const cluster = (extra: string): string =>
  `resource "aws_eks_cluster" "c" {\n  name     = "care"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n${extra}  vpc_config {\n    subnet_ids = ["subnet-0123456789abcdef0"]\n  }\n}\n`;

testRule(rule, {
  pass: [{ name: 'all five log types', terraform: cluster('  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]\n') }],
  fail: [{ name: 'audit missing', terraform: cluster('  enabled_cluster_log_types = ["api", "authenticator"]\n'), findings: [{ line: 4, message: /does not enable the audit/ }] }],
  unknown: [{ name: 'types from a variable without a value', terraform: `variable "types" {\n  type = list(string)\n}\n\n${cluster('  enabled_cluster_log_types = var.types\n')}` }],
});
