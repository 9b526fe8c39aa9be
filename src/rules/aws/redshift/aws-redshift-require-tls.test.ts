import rule from './aws-redshift-require-tls.js';
import { testRule } from '../../../testing/rule-tester.js';

const group = (value: string): string => `resource "aws_redshift_parameter_group" "p" {\n  name = "tls"\n  family = "redshift-1.0"\n  parameter {\n    name = "require_ssl"\n    value = ${value}\n  }\n}\n`;
const cluster = (ref: string): string => `resource "aws_redshift_cluster" "c" {\n  cluster_identifier = "c"\n  node_type = "ra3.xlplus"\n  cluster_parameter_group_name = ${ref}\n}\n`;
const familyGroup = (family: string): string =>
  `resource "aws_redshift_parameter_group" "p" {\n  name = "audit"\n  family = ${family}\n  parameter {\n    name = "enable_user_activity_logging"\n    value = "true"\n  }\n}\n`;
const workgroup = (value: string): string =>
  `resource "aws_redshiftserverless_workgroup" "w" {\n  namespace_name = "ns"\n  workgroup_name = "wg"\n  config_parameter {\n    parameter_key   = "require_ssl"\n    parameter_value = ${value}\n  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'linked by literal group name', terraform: group('"true"') + cluster('"tls"') },
    { name: 'default.redshift-2.0 requires SSL', terraform: cluster('"default.redshift-2.0"') },
    { name: 'Redshift Serverless workgroup with require_ssl true', terraform: workgroup('"true"') },
    { name: 'a redshift-2.0 group without require_ssl keeps its default true', terraform: familyGroup('"redshift-2.0"') + cluster('aws_redshift_parameter_group.p.name') },
  ],
  fail: [
    { name: 'Redshift Serverless workgroup with require_ssl false', terraform: workgroup('"false"'), findings: [{ line: 6, message: /aws_redshiftserverless_workgroup\.w sets the config_parameter require_ssl to "false"/ }] },
    { name: 'require_ssl false', terraform: group('"false"') + cluster('aws_redshift_parameter_group.p.name'), findings: [{ line: 6, message: /require_ssl to "false"/ }] },
    { name: 'default group by name', terraform: cluster('"default.redshift-1.0"'), findings: [{ line: 4, message: /default parameter group default.redshift-1.0, where require_ssl is false/ }] },
    {
      name: 'a redshift-1.0 group without require_ssl',
      terraform: familyGroup('"redshift-1.0"') + cluster('aws_redshift_parameter_group.p.name'),
      findings: [{ line: 1, message: /family redshift-1.0, where it defaults to false/ }],
    },
  ],
  unknown: [
    // Left out: a new workgroup gets require_ssl true, an existing one keeps its value (it was not judged at all).
    { name: 'Redshift Serverless workgroup without require_ssl', terraform: 'resource "aws_redshiftserverless_workgroup" "w" {\n  namespace_name = "ns"\n  workgroup_name = "wg"\n  config_parameter {\n    parameter_key   = "datestyle"\n    parameter_value = "ISO, MDY"\n  }\n}\n' },
    { name: 'Redshift Serverless workgroup require_ssl from a variable', terraform: `variable "s" {\n  type = string\n}\n${workgroup('var.s')}` },
    { name: 'require_ssl from a variable', terraform: `variable "s" {\n  type = string\n}\n${group('var.s')}${cluster('aws_redshift_parameter_group.p.name')}` },
    // A cluster created before January 2025 keeps default.redshift-1.0; a new one gets 2.0.
    { name: 'no parameter group', terraform: 'resource "aws_redshift_cluster" "c" {\n  cluster_identifier = "c"\n  node_type = "ra3.xlplus"\n}\n' },
    { name: 'family from a variable', terraform: `variable "f" {\n  type = string\n}\n${familyGroup('var.f')}${cluster('aws_redshift_parameter_group.p.name')}` },
  ],
});
