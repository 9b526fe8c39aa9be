import rule from './aws-redshift-require-tls.js';
import { testRule } from '../../../testing/rule-tester.js';

const group = (value: string): string => `resource "aws_redshift_parameter_group" "p" {\n  name = "tls"\n  family = "redshift-1.0"\n  parameter {\n    name = "require_ssl"\n    value = ${value}\n  }\n}\n`;
const cluster = (ref: string): string => `resource "aws_redshift_cluster" "c" {\n  cluster_identifier = "c"\n  node_type = "ra3.xlplus"\n  cluster_parameter_group_name = ${ref}\n}\n`;

testRule(rule, {
  pass: [{ name: 'linked by literal group name', terraform: group('"true"') + cluster('"tls"') }],
  fail: [
    { name: 'require_ssl false', terraform: group('"false"') + cluster('aws_redshift_parameter_group.p.name'), findings: [{ line: 6, message: /require_ssl to "false"/ }] },
    { name: 'default group by name', terraform: cluster('"default.redshift-1.0"'), findings: [{ line: 4, message: /default parameter group/ }] },
  ],
  unknown: [{ name: 'require_ssl from a variable', terraform: `variable "s" {\n  type = string\n}\n${group('var.s')}${cluster('aws_redshift_parameter_group.p.name')}` }],
});
