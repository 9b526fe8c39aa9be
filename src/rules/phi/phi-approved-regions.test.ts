import rule from './phi-approved-regions.js';
import { testRule } from '../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'aliased providers in approved regions', terraform: 'provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "dr"\n  region = "us-west-2"\n}\n' },
    { name: 'Azure location written with spaces', terraform: 'resource "azurerm_resource_group" "rg" {\n  name     = "phi"\n  location = "East US 2"\n}\n' },
    {
      name: "a resource's region left null takes its provider's (AWS provider v6), judged on the provider",
      terraform: 'variable "region" {\n  default = null\n}\n\nprovider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "phi"\n  region = var.region\n}\n',
    },
    {
      name: 'a snapshot copy without destination_region stays in the provider region',
      terraform: 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_db_snapshot_copy" "c" {\n  source_db_snapshot_identifier = "rds:p-2024"\n  target_db_snapshot_identifier = "p-copy"\n}\n\nresource "aws_db_snapshot_copy" "dr" {\n  source_db_snapshot_identifier = "arn:aws:rds:us-east-1:123456789012:snapshot:p"\n  target_db_snapshot_identifier = "p-dr"\n  destination_region            = "us-west-2"\n}\n',
    },
    { name: 'custom approved list', terraform: 'provider "aws" {\n  region = "ca-central-1"\n}\n', params: { approvedAwsRegions: ['ca-central-1'] } },
  ],
  fail: [
    // The Cloud Control provider places its resources in its region as the AWS provider does.
    { name: 'awscc provider in an unapproved region', terraform: 'provider "awscc" {\n  region = "eu-west-1"\n}\n', findings: [{ line: 2, message: /provider "awscc" region "eu-west-1" is not in the approved list/ }] },
    {
      name: 'EFS replication and a Secrets Manager replica in another region (a real EFS module replicates to eu-west-2)',
      terraform: 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_efs_file_system" "p" {}\n\nresource "aws_efs_replication_configuration" "r" {\n  source_file_system_id = aws_efs_file_system.p.id\n  destination {\n    region = "eu-west-2"\n  }\n}\n\nresource "aws_secretsmanager_secret" "s" {\n  name = "x"\n  replica {\n    region = "eu-west-2"\n  }\n}\n',
      findings: [{ line: 10, message: /replication destination region "eu-west-2"/ }, { line: 17, message: /replica region "eu-west-2"/ }],
    },
    { name: 'DR provider alias outside the list', terraform: 'provider "aws" {\n  region = "us-east-1"\n}\n\nprovider "aws" {\n  alias  = "dr"\n  region = "eu-central-1"\n}\n', findings: [{ line: 7, message: /alias dr.*"eu-central-1"/ }] },
    { name: 'DynamoDB replica region', terraform: 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_dynamodb_table" "t" {\n  name     = "phi"\n  hash_key = "id"\n  attribute {\n    name = "id"\n    type = "S"\n  }\n  replica {\n    region_name = "ap-southeast-2"\n  }\n}\n', findings: [{ line: 13, message: /replica region/ }] },
    { name: 'backup copy to another region', terraform: 'resource "aws_backup_plan" "p" {\n  name = "phi"\n  rule {\n    rule_name         = "daily"\n    target_vault_name = "phi"\n    schedule          = "cron(0 5 * * ? *)"\n    copy_action {\n      destination_vault_arn = "arn:aws:backup:eu-west-1:123456789012:backup-vault:dr"\n    }\n  }\n}\n', findings: [{ line: 8, message: /backup copy destination region "eu-west-1"/ }] },
    {
      name: 'RDS snapshot copies placed in another region by destination_region',
      terraform: 'provider "aws" {\n  region = "us-east-1"\n}\n\nresource "aws_db_snapshot_copy" "dr" {\n  source_db_snapshot_identifier = "arn:aws:rds:us-east-1:123456789012:snapshot:p"\n  target_db_snapshot_identifier = "p-dr"\n  destination_region            = "eu-west-1"\n}\n\nresource "aws_rds_cluster_snapshot_copy" "dr" {\n  source_db_cluster_snapshot_identifier = "arn:aws:rds:us-east-1:123456789012:cluster-snapshot:p"\n  target_db_cluster_snapshot_identifier = "p-dr"\n  destination_region                    = "eu-west-2"\n}\n',
      findings: [{ line: 8, message: /aws_db_snapshot_copy.dr: the snapshot copy destination region "eu-west-1"/ }, { line: 14, message: /aws_rds_cluster_snapshot_copy.dr: the snapshot copy destination region "eu-west-2"/ }],
    },
    {
      name: 'Redshift cross-region snapshot copy, inline and as its own resource',
      terraform: 'resource "aws_redshift_cluster" "w" {\n  cluster_identifier = "phi"\n  node_type          = "ra3.xlplus"\n  snapshot_copy {\n    destination_region = "eu-west-1"\n  }\n}\n\nresource "aws_redshift_snapshot_copy" "c" {\n  cluster_identifier = "phi"\n  destination_region = "eu-central-1"\n}\n',
      findings: [{ line: 5, message: /snapshot copy destination region "eu-west-1"/ }, { line: 11, message: /snapshot copy destination region "eu-central-1"/ }],
    },
    {
      name: 'ECR replication to another region',
      terraform: 'resource "aws_ecr_replication_configuration" "r" {\n  replication_configuration {\n    rule {\n      destination {\n        region      = "us-west-2"\n        registry_id = "123456789012"\n      }\n      destination {\n        region      = "eu-west-1"\n        registry_id = "123456789012"\n      }\n    }\n  }\n}\n',
      findings: [{ line: 9, message: /replication destination region "eu-west-1"/ }],
    },
    {
      name: 'DLM cross-region copies, to a region and to an Outpost in another region',
      terraform: 'resource "aws_dlm_lifecycle_policy" "p" {\n  description        = "phi"\n  execution_role_arn = "arn:aws:iam::123456789012:role/dlm"\n  policy_details {\n    resource_types = ["VOLUME"]\n    target_tags    = { Backup = "yes" }\n    schedule {\n      name = "daily"\n      create_rule {\n        interval = 24\n      }\n      retain_rule {\n        count = 7\n      }\n      cross_region_copy_rule {\n        target    = "eu-west-1"\n        encrypted = true\n      }\n      cross_region_copy_rule {\n        target    = "arn:aws:outposts:ap-south-1:123456789012:outpost/op-1234567890abcdef0"\n        encrypted = true\n      }\n    }\n  }\n}\n',
      findings: [{ line: 16, message: /"eu-west-1"/ }, { line: 20, message: /"ap-south-1"/ }],
    },
  ],
  unknown: [
    { name: 'region from a variable without a value', terraform: 'variable "region" {\n  type = string\n}\n\nprovider "aws" {\n  region = var.region\n}\n' },
    { name: 'region from the environment', terraform: 'provider "aws" {}\n' },
    // The AWS provider reads region = "" as unset and takes AWS_REGION or the profile's region
    // (terraform plan, hashicorp/aws 5.100): not the unapproved region "".
    { name: 'region set to the empty string', terraform: 'provider "aws" {\n  region = ""\n}\n' },
    { name: 'awscc region set to the empty string', terraform: 'provider "awscc" {\n  region = ""\n}\n' },
  ],
});
