import rule from './aws-redshift-cluster-not-public.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'provider v6 defaults to private', terraform: 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 6.0, < 7.0"\n    }\n  }\n}\nresource "aws_redshift_cluster" "c" {\n  cluster_identifier        = "c"\n  node_type                 = "ra3.xlplus"\n  cluster_subnet_group_name = "private"\n}\n' },
    { name: 'private in a subnet group', terraform: 'resource "aws_redshift_cluster" "c" {\n  cluster_identifier        = "c"\n  node_type                 = "ra3.xlplus"\n  cluster_subnet_group_name = "private"\n  publicly_accessible       = false\n}\n' },
    { name: 'a serverless workgroup left at its private default', terraform: 'resource "aws_redshiftserverless_workgroup" "w" {\n  namespace_name = "phi"\n  workgroup_name = "phi"\n}\n' },
  ],
  fail: [
    { name: 'defaults: public before provider v6 and no subnet group', terraform: 'resource "aws_redshift_cluster" "c" {\n  cluster_identifier = "c"\n  node_type          = "ra3.xlplus"\n}\n', findings: [{ line: 1, message: /does not set publicly_accessible \(default true\)/ }, { line: 1, message: /cluster_subnet_group_name/ }] },
    // It passed every rule (probe rs1).
    { name: 'a publicly accessible serverless workgroup', terraform: 'resource "aws_redshiftserverless_workgroup" "w" {\n  namespace_name      = "phi"\n  workgroup_name      = "phi"\n  publicly_accessible = true\n}\n', findings: [{ line: 4, message: /aws_redshiftserverless_workgroup\.w sets publicly_accessible to true/ }] },
  ],
  unknown: [
    { name: 'flag from a variable', terraform: 'variable "public" {\n  type = bool\n}\nresource "aws_redshift_cluster" "c" {\n  cluster_identifier        = "c"\n  node_type                 = "ra3.xlplus"\n  cluster_subnet_group_name = "private"\n  publicly_accessible       = var.public\n}\n' },
  ],
});
